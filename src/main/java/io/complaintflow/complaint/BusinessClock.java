package io.complaintflow.complaint;

import java.time.Instant;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The application's notion of "now". It follows the engine clock so that records, timeline and
 * timers agree when tests move time.
 */
@Component
public class BusinessClock {

    private final ZoneId zone;

    public BusinessClock(ZoneProperties settings) {
        this.zone = settings.zone();
    }

    public Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    public ZoneId zone() {
        return zone;
    }
}

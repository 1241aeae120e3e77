package io.complaintflow.surge;

import java.time.Instant;

/** Complaints received in the window ending at {@code at}, and what is normal for that window. */
public record Volume(Instant at, long count, double baseline) {

    public double ratio() {
        return baseline <= 0 ? 0 : count / baseline;
    }

    public String describe() {
        return "最近窗口受理 " + count + " 件，基线 " + Math.round(baseline * 10) / 10.0 + " 件（"
                + Math.round(ratio() * 100) / 100.0 + " 倍）";
    }
}

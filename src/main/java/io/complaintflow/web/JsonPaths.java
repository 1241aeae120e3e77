package io.complaintflow.web;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;
import java.util.Deque;

/** A parser's position as the field name a client knows: {@code customer.name}, {@code items[2]}. */
final class JsonPaths {

    private JsonPaths() {
    }

    /** Null at the top level (no field yet). */
    static String field(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push(c.getCurrentName());
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        return String.join(".", parts).replace(".[", "[");
    }
}

package io.complaintflow.pdca;

import java.time.Instant;

/** One version of a category's answer script / FAQ entry; {@code sourceCycleId} is the PDCA cycle that wrote it. */
public record AnswerScript(long id, String category, int version, String title, String body, String createdBy,
                           Instant createdAt, Long sourceCycleId) {

    /** The text the task forms show (read-only). */
    public String text() {
        return "【" + title + "】（第 " + version + " 版）\n" + body;
    }
}

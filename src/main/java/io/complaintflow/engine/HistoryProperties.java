package io.complaintflow.engine;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code complaintflow.history.*}: what the engine's history keeps beyond level {@code full}'s rows
 * ({@link HistoryWithoutPlumbing}).
 *
 * @param variableDetails every value each variable took ({@code act_hi_detail}, one row per write); off: a variable's
 *                        history row holds its last value only
 * @param identityLinks   the log of each task's candidate groups and assignees as they were added and removed
 *                        ({@code act_hi_identitylink}); off: who claimed or was assigned a task is in the user operation
 *                        log and the task's history, its candidate groups come from the model
 */
@ConfigurationProperties("complaintflow.history")
public record HistoryProperties(@DefaultValue("false") boolean variableDetails,
                                @DefaultValue("false") boolean identityLinks) {
}

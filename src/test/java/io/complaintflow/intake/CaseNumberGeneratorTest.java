package io.complaintflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Case numbers come from one counter row per day, moved in its own short transaction with one statement: under
 * concurrent intake every number is issued once and none is skipped.
 */
@ComplaintFlowTest
class CaseNumberGeneratorTest {

    @Autowired CaseNumberGenerator numbers;

    @Test
    void concurrentIntakesGetEveryNumberOnceWithoutGaps() throws Exception {
        int threads = 8;
        int each = 25;
        Set<String> issued = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        assertThat(issued.add(numbers.next())).as("a number issued twice").isTrue();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(issued).hasSize(threads * each).allMatch(n -> n.matches("CMP-\\d{8}-\\d{6}"));
        assertThat(issued.stream().map(n -> n.substring(4, 12)).distinct()).as("one business day").hasSize(1);
        List<Integer> sequence = issued.stream().map(n -> Integer.parseInt(n.substring(13))).sorted()
                .collect(Collectors.toList());
        assertThat(sequence.get(sequence.size() - 1) - sequence.get(0)).as("no gap").isEqualTo(threads * each - 1);
    }
}

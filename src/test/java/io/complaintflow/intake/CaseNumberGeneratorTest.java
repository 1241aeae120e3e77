package io.complaintflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.complaintflow.ComplaintFlowTest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Case numbers come from one counter row per day, moved by one statement that commits by itself: under
 * concurrent intake every number is issued once and none is skipped.
 */
@ComplaintFlowTest
class CaseNumberGeneratorTest {

    @Autowired CaseNumberGenerator numbers;
    @Autowired PlatformTransactionManager transactions;

    private static int sequenceOf(String number) {
        return Integer.parseInt(number.substring(13));
    }

    @Test
    void aNumberTakenInsideATransactionIsCommittedAtOnceAndHoldsNoLockForIt() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            String[] taken = new String[2];
            TransactionTemplate caller = new TransactionTemplate(transactions);
            caller.executeWithoutResult(status -> {
                taken[0] = numbers.next();
                // the counter row is not held until this transaction ends: another intake gets the next number now
                try {
                    taken[1] = other.submit(numbers::next).get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("the second intake waited for the first one's transaction", e);
                }
                status.setRollbackOnly();
            });
            assertThat(sequenceOf(taken[1])).isEqualTo(sequenceOf(taken[0]) + 1);
            // the caller rolled back; its number stays issued (a gap, never a duplicate)
            assertThat(sequenceOf(numbers.next())).isEqualTo(sequenceOf(taken[1]) + 1);
        } finally {
            other.shutdownNow();
        }
    }

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

package io.complaintflow.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * The durations of one activity's stays as a histogram: logarithmic buckets {@link #WIDTH} wide, each holding how
 * many stays fell into it and their milliseconds in all. A percentile is the nearest-rank bucket's mean, so it is
 * exact when the stays of that bucket took the same time and otherwise off by less than one bucket's width
 * (2.9 % of the value).
 */
final class StayHistogram {

    /** 2^(1/24): 24 buckets per doubling. */
    static final double WIDTH = Math.pow(2, 1.0 / 24);
    static final double LN_WIDTH = Math.log(WIDTH);

    private final TreeMap<Integer, long[]> buckets = new TreeMap<>(); // bucket -> {stays, total ms}
    private long stays;

    /** The bucket of a duration: floor(log_WIDTH(ms)); under 1 ms in bucket 0. */
    static int bucketOf(long ms) {
        return ms <= 1 ? 0 : (int) Math.floor(Math.log(ms) / LN_WIDTH);
    }

    void add(int bucket, long count, long totalMs) {
        long[] b = buckets.computeIfAbsent(bucket, k -> new long[2]);
        b[0] += count;
        b[1] += totalMs;
        stays += count;
    }

    long stays() {
        return stays;
    }

    /** Hours at nearest rank ceil(p·n) (one decimal, as {@link Percentiles}); null without stays. */
    Double percentileHours(double p) {
        if (stays == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p * stays));
        long seen = 0;
        for (Map.Entry<Integer, long[]> bucket : buckets.entrySet()) {
            long[] b = bucket.getValue();
            seen += b[0];
            if (seen >= rank) {
                return Percentiles.round((double) b[1] / b[0] / 3_600_000.0);
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + stays + " stays");
    }
}

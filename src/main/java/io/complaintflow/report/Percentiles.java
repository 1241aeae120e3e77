package io.complaintflow.report;

import java.util.List;

/** Nearest-rank percentiles: the value at rank ceil(p·n) of the sorted values — always a value that occurred. */
final class Percentiles {

    private Percentiles() {
    }

    static Double of(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return round(sorted.get(Math.max(0, rank - 1)));
    }

    static Double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static Double share(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 1000.0;
    }
}

package io.gpushift.market.smooth;

import java.util.Arrays;

/** Small robust statistics over short windows (tens of values; sorting is fine). */
public final class Stats {
    private Stats() {
    }

    public static double median(double[] xs) {
        if (xs.length == 0) throw new IllegalArgumentException("empty");
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : s[n / 2 - 1] / 2 + s[n / 2] / 2;
    }

    /** Median absolute deviation from the median (unscaled). */
    public static double mad(double[] xs) {
        double m = median(xs);
        double[] d = new double[xs.length];
        for (int i = 0; i < xs.length; i++) d[i] = Math.abs(xs[i] - m);
        return median(d);
    }

    public static double mean(double[] xs) {
        double sum = 0;
        for (double x : xs) sum += x / xs.length;
        return sum;
    }

    /** Population standard deviation. */
    public static double stddev(double[] xs) {
        double m = mean(xs);
        double acc = 0;
        for (double x : xs) {
            double d = x - m;
            acc += d * d / xs.length;
        }
        return Math.sqrt(acc);
    }
}

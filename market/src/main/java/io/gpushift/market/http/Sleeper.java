package io.gpushift.market.http;

import java.time.Duration;

/** Waits between retry attempts. Tests pass one that advances a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    Sleeper REAL = d -> {
        if (d.isPositive()) Thread.sleep(d);
    };
}

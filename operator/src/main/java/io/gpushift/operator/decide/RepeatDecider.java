package io.gpushift.operator.decide;

import io.gpushift.engine.Snapshot;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Answers a pool's pass with its last decision when nothing the engine reads has changed since, for a short while.
 * While a shift is realised every pod event (scheduled, Running) re-runs the pool's pass, which is right for the
 * realizer, but the engine's input is the same each time: at 1,000 nodes a flip ran the engine 48 times in 50 s (the
 * scale benchmark, docs/benchmarks.md), each a full decision's CPU and garbage. The reuse is bounded in time because
 * the engine also reads the clock (dwell timers, time-of-use tariffs): after {@code reuseFor} it decides afresh even on
 * an unchanged snapshot, so a timer's expiry is acted on at most that much later (the periodic tick re-decides too).
 */
public final class RepeatDecider implements Decider {

  private record Last(Snapshot snapshot, Decision decision) {
  }

  private final Decider decider;
  private final Duration reuseFor;
  private final BiConsumer<String, Duration> timed;
  private final Map<String, Last> last = new ConcurrentHashMap<>();

  /** {@code timed} receives each real decision's duration by pool (reused answers are not decisions). */
  public RepeatDecider(Decider decider, Duration reuseFor, BiConsumer<String, Duration> timed) {
    this.decider = decider;
    this.reuseFor = reuseFor;
    this.timed = timed;
  }

  @Override
  public Decision decide(Snapshot snapshot) {
    String pool = snapshot.pools().isEmpty() ? "" : snapshot.pools().get(0).name();
    Last previous = last.get(pool);
    if (previous != null && sameInput(previous.snapshot(), snapshot)) {
      return previous.decision();
    }
    long started = System.nanoTime();
    Decision decision = decider.decide(snapshot);
    timed.accept(pool, Duration.ofNanos(System.nanoTime() - started));
    last.put(pool, new Last(snapshot, decision));
    return decision;
  }

  private boolean sameInput(Snapshot before, Snapshot now) {
    Duration age = Duration.between(before.now(), now.now());
    // every component but the time, so a field added to Snapshot is compared without a change here
    return !age.isNegative() && age.compareTo(reuseFor) < 0 && before.withNow(now.now()).equals(now);
  }
}

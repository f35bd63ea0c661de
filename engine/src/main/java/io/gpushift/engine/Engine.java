package io.gpushift.engine;

import io.gpushift.engine.planner.Planner;
import io.gpushift.engine.validation.Validation;
import io.gpushift.engine.validation.Validator;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The pure engine: {@code Plan plan = engine.decide(snapshot)}. No I/O, no static mutable state, deterministic for
 * the same snapshot and time. The operator, the quote calculator and the backtest all call it the same way.
 */
public final class Engine {
    private final Clock clock;

    public Engine(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /** Uses UTC system time when the snapshot carries none. */
    public Engine() {
        this(Clock.systemUTC());
    }

    public Plan decide(Snapshot snapshot) {
        Instant now = snapshot.now() != null ? snapshot.now() : clock.instant();
        Validation v = Validator.validate(snapshot);
        return Planner.plan(snapshot, v, now);
    }
}

package io.gpushift.operator;

import java.time.Clock;
import java.time.Duration;

/**
 * Knobs of the decision loop.
 *
 * @param tick   how often a pool is re-decided without any event (prices move without Kubernetes noticing)
 * @param settle how long after a device-plugin config switch no work is placed on the node, on top of waiting for the
 *               plugin to advertise GPUs again
 * @param statusProgress how often at most a MiningPool's or AIWorkload's status is rewritten for progress alone
 *               (running replicas while they start); see reconcile.StatusPacer
 */
public record OperatorSettings(Duration tick, Duration settle, Duration statusProgress, Clock clock) {

  public static OperatorSettings defaults() {
    return new OperatorSettings(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(10),
        Clock.systemUTC());
  }
}

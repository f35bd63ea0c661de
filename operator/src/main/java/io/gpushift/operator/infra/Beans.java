package io.gpushift.operator.infra;

import io.gpushift.operator.OperatorSettings;
import io.gpushift.operator.decide.Decider;
import io.gpushift.operator.decide.EngineDecider;
import io.gpushift.operator.decide.InterimDecider;
import io.gpushift.operator.metrics.GpuShiftMetrics;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * CDI wiring for the Quarkus application. The reconcilers themselves take plain constructor arguments so tests can
 * build them without Quarkus.
 */
public class Beans {

  @Produces
  @Singleton
  OperatorSettings settings(@ConfigProperty(name = "gpushift.tick", defaultValue = "60s") Duration tick,
      @ConfigProperty(name = "gpushift.device-plugin.settle", defaultValue = "30s") Duration settle) {
    return new OperatorSettings(tick, settle, Clock.systemUTC());
  }

  @Produces
  @Singleton
  GpuShiftMetrics metrics(MeterRegistry registry) {
    return new GpuShiftMetrics(registry);
  }

  /** The engine's optimiser; {@code gpushift.decider=interim} falls back to the operator's simple whole-node planner. */
  @Produces
  @Singleton
  Decider decider(@ConfigProperty(name = "gpushift.decider", defaultValue = "engine") String which) {
    return "interim".equals(which) ? new InterimDecider() : new EngineDecider();
  }

  /**
   * One active replica at a time (Lease in the given namespace). Quarkus activates it for the profiles in
   * quarkus.operator-sdk.activate-leader-election-for-profiles (prod by default).
   */
  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection(
      @ConfigProperty(name = "gpushift.leader-election.namespace", defaultValue = "default") String namespace) {
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration("gpushift-operator")
        .withLeaseNamespace(namespace).build();
  }
}

package io.gpushift.operator.infra;

import io.gpushift.operator.OperatorSettings;
import io.gpushift.operator.decide.Decider;
import io.gpushift.operator.decide.EngineDecider;
import io.gpushift.operator.metrics.GpuShiftMetrics;
import io.gpushift.operator.report.OptionStore;
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

  /** The pool loops' outcomes per option, read by the MiningPool and AIWorkload reconcilers for their status. */
  @Produces
  @Singleton
  OptionStore optionStore() {
    return new OptionStore();
  }

  /** The engine, the same the quote calculator and the backtest run. */
  @Produces
  @Singleton
  Decider decider() {
    return new EngineDecider();
  }

  /**
   * One active replica at a time. Quarkus activates it for the profiles in
   * quarkus.operator-sdk.activate-leader-election-for-profiles (prod by default). The Helm chart sets these through
   * GPUSHIFT_LEADER_ELECTION_LEASE_NAME, _LEASE_NAMESPACE (the release namespace) and _IDENTITY (the pod name).
   */
  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection(
      @ConfigProperty(name = "gpushift.leader-election.lease-name", defaultValue = "gpushift-operator-lock") String lease,
      @ConfigProperty(name = "gpushift.leader-election.lease-namespace", defaultValue = "default") String namespace,
      @ConfigProperty(name = "gpushift.leader-election.identity") java.util.Optional<String> identity) {
    var builder = LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(lease).withLeaseNamespace(namespace);
    identity.filter(id -> !id.isBlank()).ifPresent(builder::withIdentity);
    return builder.build();
  }
}

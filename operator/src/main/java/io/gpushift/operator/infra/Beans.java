package io.gpushift.operator.infra;

import io.gpushift.operator.OperatorSettings;
import io.gpushift.operator.decide.Decider;
import io.gpushift.operator.decide.EngineDecider;
import io.gpushift.operator.decide.RepeatDecider;
import io.gpushift.market.MarketData;
import io.gpushift.operator.market.MarketFeeds;
import io.gpushift.operator.metrics.GpuShiftMetrics;
import io.gpushift.operator.reconcile.MarketDataHook;
import io.gpushift.operator.reconcile.MarketSettings;
import io.gpushift.operator.report.OptionStore;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Disposes;
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
      @ConfigProperty(name = "gpushift.device-plugin.settle", defaultValue = "30s") Duration settle,
      @ConfigProperty(name = "gpushift.status.progress-interval", defaultValue = "10s") Duration statusProgress) {
    return new OperatorSettings(tick, settle, statusProgress, Clock.systemUTC());
  }

  @Produces
  @Singleton
  GpuShiftMetrics metrics(MeterRegistry registry) {
    return new GpuShiftMetrics(registry);
  }

  /** One market-data component for all controllers: one shared fetch cache, one refresh loop (started on the leader). */
  @Produces
  @Singleton
  MarketFeeds marketFeeds(GpuShiftMetrics metrics, OperatorSettings settings,
      @ConfigProperty(name = "gpushift.market.poll", defaultValue = "1s") Duration poll) {
    return new MarketFeeds(MarketData.create(settings.clock()), settings.clock(), metrics, poll);
  }

  void closeFeeds(@Disposes MarketFeeds feeds) {
    feeds.close();
  }

  @Produces
  @Singleton
  MarketDataHook marketDataHook(MarketFeeds feeds, OperatorSettings settings) {
    return new MarketDataHook(feeds, settings.clock());
  }

  /** The chart sets GPUSHIFT_SECRET_NAMESPACES from its value secretNamespaces (comma-separated; empty = any). */
  @Produces
  @Singleton
  MarketSettings marketSettings(OperatorSettings settings,
      @ConfigProperty(name = "gpushift.secret-namespaces") java.util.Optional<String> secretNamespaces) {
    java.util.Set<String> allowed = secretNamespaces.stream().flatMap(s -> java.util.Arrays.stream(s.split(",")))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(java.util.stream.Collectors.toSet());
    return new MarketSettings(allowed, settings.clock());
  }

  /** The pool loops' outcomes per option, read by the MiningPool and AIWorkload reconcilers for their status. */
  @Produces
  @Singleton
  OptionStore optionStore() {
    return new OptionStore();
  }

  /**
   * The engine, the same the quote calculator and the backtest run; an unchanged snapshot within 10 s gets the pool's
   * last decision (see {@link RepeatDecider}: far below the 60 s tick, longer than a burst of pod events).
   */
  @Produces
  @Singleton
  Decider decider(GpuShiftMetrics metrics) {
    return new RepeatDecider(new EngineDecider(), Duration.ofSeconds(10), metrics::engine);
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
    // Exit when the lease is lost, so Kubernetes restarts the pod as a standby: JOSDK 5.3.2's build() configures "do not
    // exit", which left the only replica alive but idle for good after one renewal timed out under load (scale
    // benchmark). buildForTest(true) is the builder's one way to ask for the exit (withExitOnStopLeading throws).
    return builder.buildForTest(true);
  }
}

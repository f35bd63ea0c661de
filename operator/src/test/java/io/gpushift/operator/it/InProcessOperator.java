package io.gpushift.operator.it;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.gpushift.operator.OperatorSettings;
import io.gpushift.operator.decide.Decider;
import io.gpushift.operator.decide.EngineDecider;
import io.gpushift.operator.metrics.GpuShiftMetrics;
import io.gpushift.market.MarketData;
import io.gpushift.operator.market.MarketFeeds;
import io.gpushift.operator.reconcile.AIWorkloadReconciler;
import io.gpushift.operator.reconcile.MarketDataHook;
import io.gpushift.operator.reconcile.MarketFeedReconciler;
import io.gpushift.operator.reconcile.MarketSettings;
import io.gpushift.operator.reconcile.GPUNodePoolReconciler;
import io.gpushift.operator.reconcile.MiningPoolReconciler;
import io.gpushift.operator.report.OptionStore;
import io.gpushift.testkit.CrdInstaller;
import io.gpushift.testkit.LocalCluster;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operator's reconcilers on a plain JOSDK {@link Operator}, in the test JVM, against the local control plane. Its
 * own client counts every write (any non-GET request) so tests can prove quietness. Start, stop and start again to
 * simulate a crash-restart: all state the operator needs lives in the cluster.
 */
final class InProcessOperator implements AutoCloseable {

  private final KubernetesClient client;
  private final Operator operator;
  final AtomicLong writes = new AtomicLong();
  final List<String> writeLog = new CopyOnWriteArrayList<>();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final MarketFeeds feeds;

  private InProcessOperator(LocalCluster cluster, OperatorSettings settings) {
    Interceptor counter = new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (!"GET".equals(request.method())) {
          writes.incrementAndGet();
          writeLog.add(request.method() + " " + request.uri().getPath());
        }
      }
    };
    try {
      client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(
              Files.readString(cluster.kubeconfigPath())))
          .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("write-counter", counter)).build();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
        .withReconciliationTerminationTimeout(Duration.ofSeconds(2)));
    Decider decider = new EngineDecider(); // as in production
    GpuShiftMetrics metrics = new GpuShiftMetrics(registry);
    feeds = new MarketFeeds(MarketData.create(settings.clock()), settings.clock(), metrics, Duration.ofMillis(200));
    MarketDataHook market = new MarketDataHook(feeds, settings.clock());
    OptionStore store = new OptionStore();
    operator.register(new GPUNodePoolReconciler(decider, metrics, settings, market, store));
    operator.register(new MiningPoolReconciler(market, store, settings));
    operator.register(new AIWorkloadReconciler(market, store, settings));
    operator.register(new MarketFeedReconciler(feeds, new MarketSettings(Set.of(), settings.clock())));
    operator.start();
  }

  static InProcessOperator start(LocalCluster cluster) {
    return start(cluster, new OperatorSettings(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10),
        Clock.systemUTC()));
  }

  static InProcessOperator start(LocalCluster cluster, OperatorSettings settings) {
    CrdInstaller.installRepoCrds(cluster.adminClient());
    return new InProcessOperator(cluster, settings);
  }

  long writes() {
    return writes.get();
  }

  @Override
  public void close() {
    operator.stop();
    feeds.close();
    client.close();
  }
}

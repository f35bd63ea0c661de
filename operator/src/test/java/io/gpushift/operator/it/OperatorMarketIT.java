package io.gpushift.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.Condition;
import io.gpushift.api.v1alpha1.MarketFeed;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.operator.realize.Pods;
import io.gpushift.testkit.LocalCluster;
import io.micrometer.core.instrument.Gauge;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Market data end to end: a CoinGecko-format server on 127.0.0.1 prices an AI token; the plan follows a price rise
 * once the feed has confirmed it; when the feed serves garbage and then dies, capacity holds and MarketDataFresh says
 * why, naming the feed. API keys come from Secrets and ConfigMaps are feeds, both read with the operator's client.
 */
class OperatorMarketIT extends OperatorItBase {

  private HttpServer server;
  private final AtomicReference<Double> price = new AtomicReference<>(0.001);
  private final AtomicReference<String> garbage = new AtomicReference<>();
  /** When each response carrying the raised price was sent. */
  private final List<Instant> raisedServed = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void planFollowsAConfirmedPriceAndHoldsWhenTheFeedDies() throws IOException {
    startServer();
    client.resource(Crs.parse(client, feedYaml(server.getAddress().getPort()), MarketFeed.class)).create();
    Crs.pool(cluster, "Auto", 0.10, null);
    Crs.mining(client, "etc", 0.30);
    client.resource(Crs.parse(client, tokenWorkloadYaml(), AIWorkload.class)).create();
    // 100 NTX/GPU-h at 0.001 USD = 0.10 USD/h, below mining's 0.30: both nodes mine.
    awaitRunning("miners", Pods::isMiner, 2);
    await("the token price is fresh").atMost(WAIT).until(() -> "Fresh".equals(freshness().map(c -> c.reason).orElse(null)));

    price.set(0.05); // 5 USD/GPU-h: AI beats mining once three observations in a row confirm the rise
    awaitRunning("one node moved to the AI workload", p -> !Pods.isMiner(p), 1);
    Pod replica = running().stream().filter(p -> !Pods.isMiner(p)).findFirst().orElseThrow();
    Instant created = Instant.parse(replica.getMetadata().getCreationTimestamp());
    assertThat(raisedServed).as("responses with the new price before the move").hasSizeGreaterThanOrEqualTo(3);
    assertThat(created).as("created after the third observation confirmed the rise")
        .isAfterOrEqualTo(raisedServed.get(2).truncatedTo(ChronoUnit.SECONDS));
    await("the move's explanation (its Event) cites the feed's value, source and age").atMost(WAIT).until(() ->
        client.v1().events().list().getItems().stream().filter(e -> "GpusShifted".equals(e.getReason()))
            .map(e -> e.getMessage()).anyMatch(m -> m.contains("placed nunet-jobs")
                // 100 NTX × 0.05 USD = 5 USD/GPU-h, from the feed's CoinGecko document, with its age.
                && m.contains("market data: " + client.getNamespace() + "/nunet-jobs 5.00000")
                && m.contains("NTX at 0.05 USD") && m.contains(client.getNamespace() + ".prices: coingecko http://127.0.0.1:")
                && m.matches("(?s).*, \\d+s old\\).*")));
    await("status reports the value used, its source and observation time").atMost(WAIT).until(() -> {
      var data = workload().getStatus().marketData;
      return data != null && data.size() == 1 && Double.valueOf(0.05).equals(data.get(0).value)
          && data.get(0).source.contains("coingecko") && data.get(0).observedAt != null
          && (client.getNamespace() + "/prices nunet").equals(data.get(0).feed);
    });

    garbage.set("{\"nunet\": {\"usd\": \"$0.9"); // malformed JSON
    await("garbage: MarketDataFresh=False naming the feed").atMost(WAIT).until(() -> freshness()
        .filter(c -> "False".equals(c.status.name()) && "FeedUnavailable".equals(c.reason)
            && c.message.contains("feed " + client.getNamespace() + "/prices field nunet")
            && c.message.contains("ValueRejected")).isPresent());
    server.stop(0);
    await("dead feed: the reason says it is unreachable").atMost(WAIT).until(() -> freshness()
        .filter(c -> c.message.contains("FeedUnreachable") && c.message.contains("/prices")).isPresent());

    // Mining now pays 10 USD/GPU-h: with fresh data the AI node would go back to mining. Its data is not fresh: hold.
    List<String> before = running().stream().map(p -> p.getMetadata().getUid()).sorted().toList();
    client.resources(MiningPool.class).withName("etc").patch(PatchContext.of(PatchType.JSON),
        "[{\"op\":\"replace\",\"path\":\"/spec/revenue/hashprice/usdPerDay/value\",\"value\":2400000000}]");
    await("capacity holds").during(Duration.ofSeconds(8)).atMost(WAIT).until(() ->
        running().stream().map(p -> p.getMetadata().getUid()).sorted().toList().equals(before)
            && client.pods().list().getItems().stream().noneMatch(Pods::terminating));
    MarketFeed feed = client.resources(MarketFeed.class).withName("prices").get();
    assertThat(feed.getStatus().conditions).anySatisfy(c -> {
      assertThat(c.type).isEqualTo("Fresh");
      assertThat(c.status.name()).isEqualTo("False");
    });
    Gauge age = operator.registry.find("gpushift.market.data.age.seconds")
        .tag("feed", client.getNamespace() + "/prices").tag("field", "nunet").gauge();
    assertThat(age).as("gpushift_market_data_age_seconds{feed,field}").isNotNull();
    assertThat(age.value()).as("age of the last good value").isGreaterThan(4);
  }

  @Test
  void apiKeysComeFromSecretsAndConfigMapsAreFeedsToo() throws IOException {
    List<String> keysSeen = new CopyOnWriteArrayList<>();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v3/simple/price", ex -> {
      keysSeen.add(String.valueOf(ex.getRequestHeaders().getFirst("x-cg-pro-api-key")));
      byte[] bytes = "{\"nunet\":{\"usd\":\"$1,234.5\"}}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
      ex.close();
    });
    server.start();
    client.resource(Crs.parse(client, feedYaml(server.getAddress().getPort()).replace("name: prices", "name: keyed")
        + "  apiKey: {secretKeyRef: {name: cg-key, key: key}, header: x-cg-pro-api-key}\n", MarketFeed.class)).create();
    client.resource(Crs.parse(client, """
        apiVersion: gpushift.io/v1alpha1
        kind: MarketFeed
        metadata: {name: rates}
        spec:
          configMap: {name: ai-rates}
        """, MarketFeed.class)).create();

    await("no Secret yet: Ready=False naming it").atMost(WAIT).until(() -> condition("keyed", "Ready")
        .filter(c -> "SecretNotFound".equals(c.reason) && c.message.contains("cg-key")).isPresent());
    await("no ConfigMap yet").atMost(WAIT).until(() -> condition("rates", "Ready")
        .filter(c -> "ConfigMapNotFound".equals(c.reason)).isPresent());
    assertThat(keysSeen).as("nothing is fetched without its key").isEmpty();

    client.secrets().resource(new SecretBuilder().withNewMetadata().withName("cg-key").endMetadata()
        .addToStringData("key", "k-123").build()).create();
    client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("ai-rates").endMetadata()
        .addToData("h100", "$2.50").build()).create();

    await("the key is sent and the value published").atMost(WAIT).until(() -> keysSeen.contains("k-123")
        && field("keyed", "nunet").filter(v -> v.value == 1234.5 && v.fresh).isPresent());
    await("ConfigMap keys are fields").atMost(WAIT).until(() -> field("rates", "h100")
        .filter(v -> v.value == 2.5 && v.fresh).isPresent() && condition("rates", "Fresh")
        .filter(c -> "True".equals(c.status.name())).isPresent());
  }

  private Optional<Condition> condition(String feed, String type) {
    MarketFeed f = client.resources(MarketFeed.class).withName(feed).get();
    return f == null || f.getStatus() == null ? Optional.empty()
        : f.getStatus().conditions.stream().filter(c -> type.equals(c.type)).findFirst();
  }

  private Optional<io.gpushift.api.v1alpha1.MarketDataValue> field(String feed, String name) {
    MarketFeed f = client.resources(MarketFeed.class).withName(feed).get();
    return f == null || f.getStatus() == null ? Optional.empty()
        : f.getStatus().fields.stream().filter(v -> name.equals(v.field) && v.value != null).findFirst();
  }

  private Optional<Condition> freshness() {
    AIWorkload w = workload();
    return w == null || w.getStatus() == null ? Optional.empty() : w.getStatus().conditions.stream()
        .filter(c -> "MarketDataFresh".equals(c.type)).findFirst();
  }

  private AIWorkload workload() {
    return client.resources(AIWorkload.class).withName("nunet-jobs").get();
  }

  private void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v3/simple/price", ex -> {
      double p = price.get();
      String body = garbage.get() != null ? garbage.get() : "{\"nunet\":{\"usd\":" + p + ",\"last_updated_at\":"
          + System.currentTimeMillis() / 1000.0 + "}}";
      if (garbage.get() == null && p > 0.01) {
        raisedServed.add(Instant.now());
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
      ex.close();
    });
    server.start();
  }

  private static String feedYaml(int port) {
    return """
        apiVersion: gpushift.io/v1alpha1
        kind: MarketFeed
        metadata: {name: prices}
        spec:
          coinGecko: {baseUrl: "http://127.0.0.1:%d", ids: [nunet]}
          refreshInterval: 1s
          timeout: 1s
          maxAge: 4s
          retry: {maxAttempts: 1}
          smoothing: {window: 3, outliers: None, method: Last, confirmRises: 3}
        """.formatted(port);
  }

  private String tokenWorkloadYaml() {
    return """
        apiVersion: gpushift.io/v1alpha1
        kind: AIWorkload
        metadata: {name: nunet-jobs}
        spec:
          template:
            spec:
              nodeSelector: {%s: %s}
              containers: [{name: dms, image: ghcr.io/example/nunet-dms:0.5}]
          gpusPerReplica: 8
          minReplicas: 0
          maxReplicas: 1
          profiles:
            - gpuProduct: %s
              revenuePerGpuHour: {value: 100}
              currency: NTX
              tokenPriceUsd: {feedRef: {name: prices, field: nunet}}
              watts: 700
          checkpointGraceSeconds: 2
          startupSeconds: 10
        """.formatted(LocalCluster.DEDICATED_KEY, client.getNamespace(), Crs.H100);
  }
}

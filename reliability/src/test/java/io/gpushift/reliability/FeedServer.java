package io.gpushift.reliability;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleFunction;

/**
 * A market feed on 127.0.0.1 serving one price in a real API's format. The faults: {@link #down()} (connection
 * refused, the port kept for {@link #up()}) and {@link #garbage(String)}.
 */
final class FeedServer implements AutoCloseable {

  private final AtomicReference<Double> price = new AtomicReference<>();
  private final AtomicReference<String> garbage = new AtomicReference<>();
  private final String path;
  private final DoubleFunction<String> format;
  /** The MarketFeed source that reads this server, as YAML. */
  private final String source;
  private final int port;
  private HttpServer server;

  private FeedServer(String path, DoubleFunction<String> format, String source, double price) {
    this.path = path;
    this.format = format;
    this.price.set(price);
    server = start(0);
    port = server.getAddress().getPort();
    this.source = source.replace("BASE", baseUrl());
  }

  /** CoinGecko's {@code /api/v3/simple/price}, pricing the token {@code nunet} in USD. */
  static FeedServer coinGecko(double usd) {
    return new FeedServer("/api/v3/simple/price", p -> "{\"nunet\":{\"usd\":" + p + ",\"last_updated_at\":"
        + System.currentTimeMillis() / 1000 + "}}", "coinGecko: {baseUrl: \"BASE\", ids: [nunet]}", usd);
  }

  /** A grid operator's real-time price document, {@code /data/0/lmp} in USD per MWh (ERCOT's settlement-point shape). */
  static FeedServer grid(double usdPerMWh) {
    return new FeedServer("/api/public/lmp", p -> "{\"data\":[{\"settlementPoint\":\"HB_NORTH\",\"lmp\":" + p
        + "}]}", "electricityPrice: {url: \"BASE/api/public/lmp\", pointer: /data/0/lmp}", usdPerMWh);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * A MarketFeed named {@code name} polling this server every second; stale after 4 s; a rise counts once three polls
   * agree (prices rise to move GPUs, so a rise is what must be confirmed).
   */
  String marketFeed(String name) {
    return """
        apiVersion: gpushift.io/v1alpha1
        kind: MarketFeed
        metadata: {name: %s}
        spec:
          %s
          refreshInterval: 1s
          timeout: 1s
          maxAge: 4s
          retry: {maxAttempts: 1}
          smoothing: {window: 3, outliers: None, method: Last, confirmRises: 3}
        """.formatted(name, source);
  }

  void price(double usd) {
    price.set(usd);
  }

  /** Serves {@code body} instead of the price until {@code garbage(null)}. */
  void garbage(String body) {
    garbage.set(body);
  }

  synchronized void down() {
    server.stop(0);
    server = null;
  }

  /** Back on the same port, so the MarketFeed needs no edit: the outage ends by itself, as a real one does. */
  synchronized void up() {
    server = start(port);
  }

  private HttpServer start(int onPort) {
    try {
      HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
      s.createContext(path, ex -> {
        String bad = garbage.get();
        String body = bad != null ? bad : format.apply(price.get());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
      });
      s.start();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + onPort, e);
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
    }
  }
}

package io.gpushift.reliability;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A market feed on 127.0.0.1 in CoinGecko's {@code /api/v3/simple/price} format, pricing the token {@code nunet}. The
 * faults: {@link #down()} (connection refused, the port kept for {@link #up()}) and {@link #garbage(String)}.
 */
final class CoinGeckoServer implements AutoCloseable {

  private final AtomicReference<Double> price = new AtomicReference<>();
  private final AtomicReference<String> garbage = new AtomicReference<>();
  private final int port;
  private HttpServer server;

  CoinGeckoServer(double usd) {
    price.set(usd);
    server = start(0);
    port = server.getAddress().getPort();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
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
      s.createContext("/api/v3/simple/price", ex -> {
        String bad = garbage.get();
        String body = bad != null ? bad : "{\"nunet\":{\"usd\":" + price.get() + ",\"last_updated_at\":"
            + System.currentTimeMillis() / 1000 + "}}";
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

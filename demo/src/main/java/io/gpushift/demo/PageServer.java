package io.gpushift.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live page on 127.0.0.1: {@code /} is static HTML+JS (no build toolchain) that polls {@code /api/state} (JSON from
 * {@link ClusterView}). A background timer samples the profit history every {@code sampleMillis}.
 */
public final class PageServer implements AutoCloseable {
  private final HttpServer server;
  private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "gpushift-demo-sampler");
    t.setDaemon(true);
    return t;
  });
  private final ObjectMapper json = new ObjectMapper();

  public PageServer(ClusterView view, int port, long sampleMillis) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "gpushift-demo-http");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/api/state", ex -> {
      try {
        send(ex, 200, "application/json", json.writeValueAsBytes(view.state()));
      } catch (RuntimeException e) {
        send(ex, 503, "application/json", json.writeValueAsBytes(Map.of("error", String.valueOf(e))));
      }
    });
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      if (!path.equals("/") && !path.equals("/index.html")) {
        send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
        return;
      }
      try (InputStream in = PageServer.class.getResourceAsStream("/web/index.html")) {
        send(ex, 200, "text/html; charset=utf-8", in.readAllBytes());
      }
    });
    sampler.scheduleWithFixedDelay(() -> {
      try {
        view.sample();
      } catch (RuntimeException e) {
        System.err.println("gpushift demo: could not read the cluster: " + e);
      }
    }, 0, sampleMillis, TimeUnit.MILLISECONDS);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port() + "/";
  }

  private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(code, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    server.stop(0);
  }
}

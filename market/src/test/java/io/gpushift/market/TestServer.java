package io.gpushift.market;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A JDK HttpServer on 127.0.0.1, ephemeral port; records every request with the (fake) clock's time. */
public final class TestServer implements AutoCloseable {

    public record Reply(int status, Map<String, String> headers, byte[] body, long delayMillis) {
        public static Reply json(String body) {
            return new Reply(200, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8), 0);
        }

        public static Reply status(int status) {
            return new Reply(status, Map.of(), ("{\"error\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8), 0);
        }

        public Reply withHeader(String k, String v) {
            var h = new java.util.HashMap<>(headers);
            h.put(k, v);
            return new Reply(status, h, body, delayMillis);
        }

        public Reply delayed(long millis) {
            return new Reply(status, headers, body, millis);
        }
    }

    public record Seen(String path, String query, Map<String, List<String>> headers, Instant at) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** Answers the n-th (0-based) request to a path. */
    @FunctionalInterface
    public interface Route {
        Reply reply(int n, HttpExchange exchange);
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Clock clock;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    public final List<Seen> requests = new CopyOnWriteArrayList<>();

    public TestServer(Clock clock) {
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public TestServer route(String path, Route r) {
        routes.put(path, r);
        return this;
    }

    public TestServer json(String path, String body) {
        return route(path, (n, ex) -> Reply.json(body));
    }

    public TestServer resource(String path, String resource) {
        return json(path, load(resource));
    }

    public static String load(String resource) {
        try (InputStream in = TestServer.class.getResourceAsStream("/payloads/" + resource)) {
            if (in == null) throw new IllegalArgumentException("no resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int count(String path) {
        return (int) requests.stream().filter(r -> r.path.equals(path)).count();
    }

    public List<Seen> requestsTo(String path) {
        return requests.stream().filter(r -> r.path.equals(path)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(new Seen(path, ex.getRequestURI().getRawQuery(), Map.copyOf(ex.getRequestHeaders()), clock.instant()));
        Route r = routes.get(path);
        int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).getAndIncrement();
        Reply reply = r == null ? Reply.status(404) : r.reply(n, ex);
        try {
            if (reply.delayMillis() > 0) Thread.sleep(reply.delayMillis());
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            if (reply.body().length > 0) ex.getResponseBody().write(reply.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // client went away (timeout test)
        } finally {
            ex.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

package io.gpushift.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operator as production runs it ({@code java -jar quarkus-run.jar}, prod profile, leader election on, the chart's
 * JVM options: {@link JvmOptions}) in its own JVM, so its RSS and CPU are its own. {@code -XX:MaxRAM} stands in for the
 * chart's 512 MiB memory limit: the JVM sizes its heap from it as it would in the container. With {@code nmt}, native
 * memory tracking is on (it costs a few MB itself) so {@link #nativeMemory()} can say what the JVM takes.
 */
final class OperatorProcess implements AutoCloseable {

  final Process process;
  final int port;

  OperatorProcess(Path jar, Path kubeconfig, Path log, String maxRam, JvmOptions jvm, boolean nmt,
      List<String> extraJvmArgs) throws IOException {
    port = freePort();
    List<String> cmd = new ArrayList<>(List.of(javaTool("java"), "-XX:MaxRAM=" + maxRam));
    cmd.addAll(jvm.args());
    if (nmt) {
      cmd.add("-XX:NativeMemoryTracking=summary");
    }
    cmd.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
        "-Dgpushift.leader-election.lease-namespace=" + Identity.NAMESPACE));
    cmd.addAll(extraJvmArgs);
    cmd.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    if (jvm.mallocArenaMax() != null) {
      pb.environment().put("MALLOC_ARENA_MAX", jvm.mallocArenaMax());
    }
    process = pb.start();
  }

  private static String javaTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  /** {@code jcmd PID VM.native_memory summary scale=MB}: what the JVM itself takes, by category (needs nmt). */
  String nativeMemory() throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(javaTool("jcmd"), Long.toString(pid()), "VM.native_memory", "summary",
        "scale=MB").redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    jcmd.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  long pid() {
    return process.pid();
  }

  /** Waits for /q/health/ready (informers synced, leader elected); returns how long that took. */
  Duration awaitReady(Instant started, Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the operator exited with " + process.exitValue() + "; see its log");
      }
      try {
        var resp = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (resp.statusCode() == 200) {
          return Duration.between(started, Instant.now());
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the operator was not ready within " + timeout + "; see its log");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}

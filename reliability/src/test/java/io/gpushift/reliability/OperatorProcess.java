package io.gpushift.reliability;

import io.gpushift.testkit.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged operator ({@code operator/target/quarkus-app/quarkus-run.jar}, as {@code ./gpushift operator} runs it) in
 * its own JVM against the test cluster, with leader election on, so it can be killed like a real pod: {@link #kill()}
 * is SIGKILL, no shutdown hook runs. Like a kubelet with {@code restartPolicy: Always}, it starts the JVM again when it
 * exits on its own (e.g. an informer that could not list in time) and counts those {@link #crashes()}.
 */
final class OperatorProcess implements AutoCloseable {

  private final String identity;
  private final List<String> cmd;
  private final Path kubeconfig;
  private final java.util.concurrent.atomic.AtomicInteger crashes = new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean stopping;
  private volatile Process process;
  private volatile Path log;

  private OperatorProcess(String identity, List<String> cmd, Path kubeconfig) {
    this.identity = identity;
    this.cmd = cmd;
    this.kubeconfig = kubeconfig;
    launch();
  }

  private void launch() {
    try {
      log = Files.createTempFile("gpushift-operator-" + identity + "-", ".log");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("KUBECONFIG", kubeconfig.toString());
      Process started = pb.start();
      process = started;
      started.onExit().thenRun(() -> {
        if (!stopping) {
          crashes.incrementAndGet();
          System.out.printf("operator %s exited on its own (%d); restarting it. Its log ends:%n%s%n", identity,
              started.exitValue(), logTail(3));
          launch();
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the operator " + cmd, e);
    }
  }

  /** Exits the operator took on its own (not kills), each followed by a restart. */
  int crashes() {
    return crashes.get();
  }

  /** Starts one replica; replicas sharing {@code leaseNamespace} elect one leader between them. */
  static OperatorProcess start(Path kubeconfig, String leaseNamespace, String identity) {
    Path jar = RepoRoot.find().resolve("operator/target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: package the operator first (./mvnw -pl operator -am package)");
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m",
        "-Dquarkus.http.port=0", // health and metrics on a free port: several replicas side by side
        "-Dgpushift.tick=5s", "-Dgpushift.device-plugin.settle=2s",
        "-Dgpushift.leader-election.lease-namespace=" + leaseNamespace,
        "-Dgpushift.leader-election.identity=" + identity,
        "-jar", jar.toString()));
    return new OperatorProcess(identity, cmd, kubeconfig);
  }

  String identity() {
    return identity;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL: the JVM gets no chance to finish a write, release its lease or run a hook. */
  void kill() {
    stopping = true;
    process.destroyForcibly();
    waitFor(Duration.ofSeconds(20));
  }

  /** The last lines of its log, for failure messages. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    stopping = true;
    if (process.isAlive()) {
      process.destroy();
      if (!waitFor(Duration.ofSeconds(20))) {
        kill();
      }
    }
  }

  private boolean waitFor(Duration d) {
    try {
      return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

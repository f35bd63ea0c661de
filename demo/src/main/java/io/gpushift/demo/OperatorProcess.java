package io.gpushift.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The operator as a child process ({@code java -jar quarkus-run.jar}), its output in a log file; stopped on close. */
public final class OperatorProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  public OperatorProcess(Path jar, Path kubeconfig, Path log, String tick) throws IOException {
    this.log = log;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java,
        "-Dgpushift.tick=" + tick,
        "-Dquarkus.http.port=0", // a free port: the page, not the operator, owns the well-known one
        "-jar", jar.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    process = pb.start();
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** SIGTERM, 10 s for Quarkus to stop, then SIGKILL (and the same for any child it may have). */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

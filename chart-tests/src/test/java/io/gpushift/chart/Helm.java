package io.gpushift.chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the helm binary that hack/build-helm.sh builds from Go modules (or $GPUSHIFT_HELM), against
 * helm/gpushift. Output goes to temp files rather than pipes so a chatty helm can never block.
 */
final class Helm {

  record Result(int exitCode, String stdout, String stderr) {
    Result assertSuccess() {
      if (exitCode != 0) {
        throw new AssertionError("helm exited with " + exitCode + ":\n" + stderr);
      }
      return this;
    }
  }

  static final Path REPO = findRepoRoot();
  static final Path CHART = REPO.resolve("helm/gpushift");
  private static volatile Path binary;

  private Helm() {}

  static Result lint(String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("lint", "--strict", CHART.toString()));
    args.addAll(List.of(extraArgs));
    return run(args);
  }

  /** helm template RELEASE CHART -n NAMESPACE [args...]. */
  static Result template(String release, String namespace, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("template", release, CHART.toString(), "-n", namespace));
    args.addAll(List.of(extraArgs));
    return run(args);
  }

  static Result run(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(binary().toString());
    command.addAll(args);
    return exec(command, 120);
  }

  static Path binary() {
    if (binary == null) {
      synchronized (Helm.class) {
        if (binary == null) {
          binary = locate();
        }
      }
    }
    return binary;
  }

  private static Path locate() {
    String fromEnv = System.getenv("GPUSHIFT_HELM");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    // Cached after the first build; a cold build takes minutes, hence the long timeout.
    Result built = exec(List.of(REPO.resolve("hack/build-helm.sh").toString()), 1800).assertSuccess();
    String[] lines = built.stdout().strip().split("\n");
    return Path.of(lines[lines.length - 1].strip());
  }

  private static Result exec(List<String> command, long timeoutSeconds) {
    try {
      Path out = Files.createTempFile("helm", ".out");
      Path err = Files.createTempFile("helm", ".err");
      try {
        Process process = new ProcessBuilder(command).directory(REPO.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("timed out after " + timeoutSeconds + "s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + command, e);
    }
  }

  private static Path findRepoRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("helm/gpushift/Chart.yaml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("helm/gpushift/Chart.yaml not found above " + Path.of("").toAbsolutePath());
  }
}

package io.gpushift.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/** Runs {@code localcluster/build.sh}, which builds only what is missing and prints the bin directory last. */
final class Binaries {
    private Binaries() {
    }

    static Path build(Path repoRoot) {
        Path script = repoRoot.resolve("localcluster/build.sh");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        Deque<String> lastLines = new ArrayDeque<>();
        int rc;
        try {
            Process p = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String s; (s = r.readLine()) != null; ) {
                    System.out.println("[localcluster/build.sh] " + s); // a cold build takes long: show progress
                    lastLines.addLast(s);
                    if (lastLines.size() > 20) {
                        lastLines.removeFirst();
                    }
                }
            }
            rc = p.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + " (is bash installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the local control plane", e);
        }
        String output = String.join("\n", lastLines);
        if (rc != 0) {
            throw new IllegalStateException("building the local control plane failed (" + script + " exit " + rc + "):\n" + output);
        }
        Path bin = Path.of(lastLines.isEmpty() ? "" : lastLines.getLast().trim());
        if (!Files.isExecutable(bin.resolve("gpushift-cluster"))) {
            throw new IllegalStateException(script + " did not print a bin directory with gpushift-cluster as its last line:\n" + output);
        }
        return bin;
    }
}

package io.gpushift.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code gpushift-cluster restart}: asks the running supervisor to stop one component and start it again. */
final class ComponentRestart {
    private ComponentRestart() {
    }

    static void run(Path binDir, Path stateDir, String component, boolean kill, Duration down) {
        List<String> cmd = new ArrayList<>(List.of(binDir.resolve("gpushift-cluster").toString(), "restart",
                "--dir", stateDir.toString(), "--down", down.toMillis() + "ms"));
        if (kill) {
            cmd.add("--kill");
        }
        cmd.add(component);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("restarting " + component + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting " + component, e);
        }
    }
}

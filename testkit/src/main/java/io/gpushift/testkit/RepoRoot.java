package io.gpushift.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root: the nearest directory at or above {@code user.dir} that contains {@code localcluster/}. */
public final class RepoRoot {
    private RepoRoot() {
    }

    public static Path find() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = start; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("localcluster/build.sh"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the GPUShift repository (a directory with localcluster/build.sh) at or above "
                + start + "; run the tests from inside the repository, or set " + ControlPlane.EXTERNAL_KUBECONFIG_ENV
                + " to use an existing cluster");
    }
}

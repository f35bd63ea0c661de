package io.gpushift.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * No control-plane process outlives its owner. Each test starts a second, node-less control plane through the
 * launcher exactly as the extension does for the test JVM, kills the owner with SIGKILL, and checks every pid is gone.
 */
@ExtendWith(LocalClusterExtension.class)
class NoOrphansIT {

    /** The owner (standing in for a test JVM) is SIGKILLed: the supervisor sees the watched pid vanish and stops everything. */
    @Test
    void killingTheWatchedProcessStopsEveryComponent(LocalCluster cluster, @TempDir Path dir) throws Exception {
        assumeThat(cluster.isExternal()).as("needs the local binaries; GPUSHIFT_TEST_KUBECONFIG is set").isFalse();
        Process owner = new ProcessBuilder("sleep", "600").start();
        Process supervisor = startLauncher(cluster, dir, owner.pid());
        List<ProcessHandle> all = processes(dir);
        assertThat(all).hasSize(6); // supervisor + etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok
        assertThat(all).allMatch(ProcessHandle::isAlive);

        owner.destroyForcibly(); // SIGKILL, like `kill -9` of the JVM

        await("every control-plane process gone").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(supervisor.waitFor()).isZero(); // a clean, deliberate stop
    }

    /** The supervisor itself is SIGKILLed and cannot clean up: Pdeathsig=SIGKILL takes its children down with it. */
    @Test
    void killingTheSupervisorStopsEveryComponent(LocalCluster cluster, @TempDir Path dir) throws Exception {
        assumeThat(cluster.isExternal()).as("needs the local binaries; GPUSHIFT_TEST_KUBECONFIG is set").isFalse();
        Process supervisor = startLauncher(cluster, dir, ProcessHandle.current().pid());
        List<ProcessHandle> all = processes(dir);
        assertThat(all).hasSize(6);

        supervisor.destroyForcibly();

        await("every control-plane process gone").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
    }

    private static Process startLauncher(LocalCluster cluster, Path dir, long watchPid) throws IOException {
        Process p = new ProcessBuilder(cluster.binDir().resolve("gpushift-cluster").toString(), "up", "--dir", dir.toString(),
                "--watch-pid", Long.toString(watchPid))
                .redirectError(dir.resolve("supervisor.log").toFile()).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.startsWith("KUBECONFIG=")) {
                // the launcher bounds its own start-up; EOF means it failed
            }
            assertThat(line).as("launcher output; its log:\n%s", ControlPlane.tail(dir.resolve("supervisor.log"), 20))
                    .startsWith("KUBECONFIG=");
        }
        return p;
    }

    /** The supervisor and every component, from the pid files the launcher writes. */
    private static List<ProcessHandle> processes(Path dir) throws IOException {
        try (Stream<Path> pidFiles = Stream.concat(Stream.of(dir.resolve("supervisor.pid")), Files.list(dir.resolve("pids")))) {
            return pidFiles.map(f -> {
                try {
                    return ProcessHandle.of(Long.parseLong(Files.readString(f).trim())).orElseThrow();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }
}

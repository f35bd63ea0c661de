package io.gpushift.testkit;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The one control plane of this JVM: either started here through the Go launcher (localcluster/launcher) or an
 * existing cluster named by {@code GPUSHIFT_TEST_KUBECONFIG}. Package-private: tests see {@link LocalCluster}.
 */
final class ControlPlane implements AutoCloseable {
    /** Set to a kubeconfig path to run the suite against an existing cluster; then nothing is started. */
    static final String EXTERNAL_KUBECONFIG_ENV = "GPUSHIFT_TEST_KUBECONFIG";
    /** System property naming another fleet file (default: localcluster/fleets/default.yaml). */
    static final String FLEET_PROPERTY = "gpushift.test.fleet";
    /** Upper bound for the launcher's whole start-up; each component also has its own (shorter) bound. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final Path kubeconfig;
    private final Path binDir;
    private final Path stateDir;
    private final Duration startup;
    private final Process supervisor;
    private final KubernetesClient admin;
    private volatile boolean closed;

    private ControlPlane(Path kubeconfig, Path binDir, Path stateDir, Duration startup, Process supervisor) {
        this.kubeconfig = kubeconfig;
        this.binDir = binDir;
        this.stateDir = stateDir;
        this.startup = startup;
        this.supervisor = supervisor;
        this.admin = newClient(null);
    }

    static ControlPlane startOrConnect() {
        String external = System.getenv(EXTERNAL_KUBECONFIG_ENV);
        if (external != null && !external.isBlank()) {
            Path path = Path.of(external).toAbsolutePath();
            if (!Files.isReadable(path)) {
                throw new IllegalStateException(EXTERNAL_KUBECONFIG_ENV + "=" + external + " is not a readable kubeconfig file");
            }
            System.out.println("using the existing cluster from " + EXTERNAL_KUBECONFIG_ENV + "=" + path + " (nothing is started)");
            return new ControlPlane(path, null, null, Duration.ZERO, null);
        }
        return start();
    }

    private static ControlPlane start() {
        long t0 = System.nanoTime();
        Path root = RepoRoot.find();
        Path bin = Binaries.build(root);
        Path state;
        try {
            state = Files.createTempDirectory("gpushift-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String fleet = System.getProperty(FLEET_PROPERTY, root.resolve("localcluster/fleets/default.yaml").toString());
        Path log = state.resolve("supervisor.log");
        ProcessBuilder pb = new ProcessBuilder(bin.resolve("gpushift-cluster").toString(), "up",
                "--dir", state.toString(), "--fleet", fleet, "--bin-dir", bin.toString(),
                "--device-plugin-configs", root.resolve("localcluster/device-plugin-configs").toString(),
                // the supervisor tears everything down when this JVM disappears, even after SIGKILL
                "--watch-pid", Long.toString(ProcessHandle.current().pid()))
                .redirectError(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the launcher " + bin.resolve("gpushift-cluster") + ": " + e.getMessage(), e);
        }
        Path kubeconfig;
        try {
            kubeconfig = awaitKubeconfigLine(p);
        } catch (RuntimeException e) {
            p.destroy();
            waitFor(p, Duration.ofSeconds(30));
            throw new IllegalStateException("the local control plane did not start: " + e.getMessage()
                    + "\n--- " + log + " (tail) ---\n" + tail(log, 30), e);
        }
        Duration startup = Duration.ofNanos(System.nanoTime() - t0);
        ControlPlane cp = new ControlPlane(kubeconfig, bin, state, startup, p);
        System.out.printf("local control plane ready in %.1f s (launcher only: %s s; state %s)%n",
                startup.toMillis() / 1000.0, readTrimmed(state.resolve("ready-seconds")), state);
        Runtime.getRuntime().addShutdownHook(new Thread(cp::close, "gpushift-local-cluster-shutdown"));
        return cp;
    }

    /** Reads the launcher's stdout until {@code KUBECONFIG=<path>}, bounded by {@link #START_TIMEOUT}. */
    private static Path awaitKubeconfigLine(Process p) {
        CompletableFuture<Path> line = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String s; (s = r.readLine()) != null; ) {
                    if (s.startsWith("KUBECONFIG=")) {
                        return Path.of(s.substring("KUBECONFIG=".length()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("the launcher exited before the cluster was ready");
        });
        try {
            return line.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no KUBECONFIG= line from the launcher within " + START_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the control plane");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    KubernetesClient newClient(String namespace) {
        try {
            Config config = Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
            if (namespace != null) {
                config.setNamespace(namespace);
            }
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
        }
    }

    Path kubeconfig() { return kubeconfig; }
    Path binDir() { return binDir; }
    Path stateDir() { return stateDir; }
    Duration startup() { return startup; }
    KubernetesClient admin() { return admin; }
    boolean external() { return supervisor == null; }

    /**
     * Fault injection: the supervisor stops one component (SIGKILL when {@code kill}), keeps it down for {@code down},
     * starts it again on the same ports and data, and returns once it is ready again.
     */
    void restart(String component, boolean kill, Duration down) {
        if (supervisor == null) {
            throw new UnsupportedOperationException("cannot restart " + component + " of an existing cluster (" + EXTERNAL_KUBECONFIG_ENV + ")");
        }
        ComponentRestart.run(binDir, stateDir, component, kill, down);
    }

    /** SIGTERM to the supervisor, which stops every component and waits for them; then the state is removed. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        admin.close();
        if (supervisor == null) {
            return;
        }
        supervisor.destroy();
        if (!waitFor(supervisor, Duration.ofSeconds(60))) {
            supervisor.destroyForcibly(); // its children die with it (Pdeathsig)
            waitFor(supervisor, Duration.ofSeconds(10));
        }
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    private static boolean waitFor(Process p, Duration d) {
        try {
            return p.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String tail(Path file, int lines) {
        try {
            var all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static String readTrimmed(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}

package io.gpushift.demo;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./gpushift demo} (through demo/run.sh, which starts and stops the local cluster): installs the CRDs and the
 * scenario's resources, starts the operator as a child process, replays the bundled market scenario fast-forwarded and
 * serves the live page on 127.0.0.1. Ctrl-C (SIGINT/SIGTERM) stops the scenario, the operator and the page.
 */
public final class DemoMain {
  private static final String USAGE = """
      usage: java -jar demo/target/gpushift-demo.jar [options]
        --kubeconfig PATH    cluster to use (default: $KUBECONFIG)
        --port N             page port on 127.0.0.1 (default 8090; 0 = any free port)
        --crds DIR           CRDs to install (default: crds)
        --operator-jar PATH  operator to run (default: operator/target/quarkus-app/quarkus-run.jar)
        --no-operator        do not start the operator (e.g. one already runs against the cluster)
        --tick DURATION      operator's re-decision interval (default 10s)
        --speed X            scenario speed factor (default 1: the bundled scenario takes ~6 minutes)
        --log-dir DIR        where operator.log goes (default: a temporary directory)
        --samples DIR        apply the YAML files of DIR (namespace default) instead of the scenario, e.g.
                             samples/quickstart; CRDs, operator and page as usual
        --view-only          only serve the page for the cluster as it is: no CRDs, resources, operator or scenario
      """;

  private DemoMain() {
  }

  public static void main(String[] args) throws Exception {
    String kubeconfig = System.getenv("KUBECONFIG");
    int port = 8090;
    Path crds = Path.of("crds");
    Path operatorJar = Path.of("operator/target/quarkus-app/quarkus-run.jar");
    boolean operator = true;
    boolean viewOnly = false;
    String tick = "10s";
    double speed = 1;
    Path logDir = null;
    Path samples = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--kubeconfig" -> kubeconfig = value(args, ++i, a);
        case "--port" -> port = Integer.parseInt(value(args, ++i, a));
        case "--crds" -> crds = Path.of(value(args, ++i, a));
        case "--operator-jar" -> operatorJar = Path.of(value(args, ++i, a));
        case "--no-operator" -> operator = false;
        case "--tick" -> tick = value(args, ++i, a);
        case "--speed" -> speed = Double.parseDouble(value(args, ++i, a));
        case "--log-dir" -> logDir = Path.of(value(args, ++i, a));
        case "--samples" -> samples = Path.of(value(args, ++i, a));
        case "--view-only" -> viewOnly = true;
        case "-h", "--help" -> {
          System.out.print(USAGE);
          return;
        }
        default -> fail("unknown option " + a);
      }
    }
    if (kubeconfig == null || kubeconfig.isBlank()) {
      fail("no cluster: pass --kubeconfig PATH or set KUBECONFIG (./gpushift demo starts a local cluster for you)");
    }
    if (speed <= 0) {
      fail("--speed must be > 0");
    }
    Config config = Config.fromKubeconfig(Files.readString(Path.of(kubeconfig)));
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    List<AutoCloseable> toClose = new java.util.concurrent.CopyOnWriteArrayList<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("gpushift demo: stopping");
      for (int i = toClose.size() - 1; i >= 0; i--) {
        try {
          toClose.get(i).close();
        } catch (Exception e) {
          System.err.println("gpushift demo: " + e.getMessage());
        }
      }
      stopped.countDown();
    }, "gpushift-demo-shutdown"));

    ScenarioPlayer player = null;
    if (!viewOnly) {
      System.out.println("gpushift demo: installing CRDs from " + crds + ": " + Kube.installCrds(client, crds));
      if (samples != null) {
        try (var files = Files.list(samples)) {
          for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
            for (var r : Kube.read(f)) {
              Kube.apply(client, r, "default");
            }
            System.out.println("gpushift demo: applied " + f);
          }
        }
      } else {
        Scenario scenario = Scenario.bundled();
        player = new ScenarioPlayer(client, scenario, speed);
        player.install();
        System.out.println("gpushift demo: applied " + scenario.resources() + " in namespace " + scenario.namespace());
      }
      if (operator) {
        if (!Files.isRegularFile(operatorJar)) {
          fail("no operator at " + operatorJar + ": build it with ./mvnw -B -pl operator -am install -DskipTests");
        }
        Path dir = logDir != null ? Files.createDirectories(logDir) : Files.createTempDirectory("gpushift-demo");
        OperatorProcess op = new OperatorProcess(operatorJar, Path.of(kubeconfig).toAbsolutePath(),
            dir.resolve("operator.log"), tick);
        toClose.add(op);
        System.out.println("gpushift demo: operator started (pid " + op.pid() + "), log " + op.log());
      }
    }
    ScenarioPlayer p = player;
    ClusterView view = new ClusterView(client, java.util.Map.of(), p == null ? null : p::state);
    PageServer page = new PageServer(view, port, 2000);
    toClose.add(0, client); // closed in reverse order: scenario, page, operator, client
    toClose.add(page);
    System.out.println("gpushift demo: live page at " + page.url() + "  (Ctrl-C stops everything)");
    if (player != null) {
      Thread t = new Thread(player, "gpushift-demo-scenario");
      t.setDaemon(true);
      t.start();
      toClose.add(t::interrupt);
    }
    stopped.await();
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      fail(option + " needs a value");
    }
    return args[i];
  }

  private static void fail(String message) {
    System.err.println("gpushift demo: " + message);
    System.exit(2);
  }
}

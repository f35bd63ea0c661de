package io.gpushift.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./gpushift bench scale}: cold start, a price flip of half the capacity and quiet minutes, with the operator in
 * its own JVM against a local control plane that {@code hack/bench-scale.sh} started with this farm's fleet and an
 * audit policy; then the same pod changes by a plain client as the baseline. Prints a Markdown report.
 */
@Command(name = "gpushift-bench-scale", mixinStandardHelpOptions = true)
public final class ScaleBench implements Callable<Integer> {

  @Option(names = "--nodes", defaultValue = "100", description = "kwok nodes (multiple of 10), 8 GPUs each")
  int nodes;
  @Option(names = "--write-fleet", description = "write the fleet file and the audit policy next to it, then exit")
  Path writeFleet;
  @Option(names = "--kubeconfig", description = "admin kubeconfig of the running local cluster")
  Path kubeconfig;
  @Option(names = "--cluster-dir", description = "its directory (the audit log is logs/audit.log)")
  Path clusterDir;
  @Option(names = "--operator-jar", defaultValue = "operator/target/quarkus-app/quarkus-run.jar")
  Path operatorJar;
  @Option(names = "--crds", defaultValue = "crds")
  Path crds;
  @Option(names = "--quiet-minutes", defaultValue = "10")
  double quietMinutes;
  @Option(names = "--baseline-concurrency", defaultValue = "16", description = "requests in flight for the baseline")
  int concurrency;
  @Option(names = "--operator-max-ram", defaultValue = "512m", description = "-XX:MaxRAM (the chart's memory limit)")
  String maxRam;
  @Option(names = "--chart-values", defaultValue = "helm/gpushift/values.yaml",
      description = "the chart values whose jvm block sets the operator's JVM options, as in production")
  Path chartValues;
  @Option(names = "--operator-nmt", description = "native memory tracking on; the report then says what the JVM holds")
  boolean nmt;
  @Option(names = "--operator-jvm-arg", description = "extra JVM argument for the operator (repeatable)")
  List<String> jvmArgs = new ArrayList<>();
  @Option(names = "--out", description = "also write the report to this file")
  Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ScaleBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Farm farm = new Farm(nodes);
    if (writeFleet != null) {
      Files.writeString(writeFleet, farm.fleetYaml());
      Files.writeString(writeFleet.resolveSibling("audit-policy.yaml"), Audit.policy(List.of(
          "system:serviceaccount:" + Identity.NAMESPACE + ":operator",
          "system:serviceaccount:" + Identity.NAMESPACE + ":baseline")));
      return 0;
    }
    Path work = Files.createDirectories(clusterDir.resolve("bench"));
    Report report = new Report(farm, concurrency);
    try (KubernetesClient admin = client(kubeconfig);
        Pods managed = new Pods(admin, "app.kubernetes.io/managed-by", "gpushift");
        Pods basePods = new Pods(admin, Baseline.LABEL, "true")) {
      Setup.crds(admin, crds);
      for (String ns : namespaces()) {
        admin.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).serverSideApply();
      }
      Identity operatorId = Identity.create(admin, kubeconfig, "operator", work);
      Identity baselineId = Identity.create(admin, kubeconfig, "baseline", work);
      Audit audit = new Audit(clusterDir.resolve("logs/audit.log"));
      Instant launched = Instant.now();
      JvmOptions jvm = JvmOptions.fromChartValues(chartValues);
      report.jvm = jvm.describe() + (nmt ? " -XX:NativeMemoryTracking=summary" : "");
      report.maxRam = maxRam;
      OperatorProcess op = new OperatorProcess(operatorJar, operatorId.kubeconfig, work.resolve("operator.log"),
          maxRam, jvm, nmt, jvmArgs);
      try (Proc proc = new Proc(op.pid())) {
        report.operatorReady = op.awaitReady(launched, Duration.ofMinutes(3));
        Run run = new Run(admin, managed, audit, operatorId.username(), op.port, proc);
        report.cold = run.phase("cold start", null, () -> Setup.apply(admin, farm));
        report.flip = run.phase("price flip", report.cold.statusGpus, () -> admin.genericKubernetesResources(
                State.API, "MiningPool").inNamespace(Farm.MINING_NS).withName(Farm.miningPool(0))
            .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"revenue\":{\"network\":{\"coinPriceUsd\":"
                + "{\"value\":" + Farm.price(Farm.COIN0_AFTER) + "}}}}}"));
        report.quiet = run.quiet(Duration.ofMillis((long) (quietMinutes * 60_000)));
        Files.writeString(work.resolve("operator-metrics.txt"), report.quiet.metricsAfter);
        report.finalRssMb = proc.rssKb() / 1024.0;
        report.hwmMb = proc.hwmKb() / 1024.0;
        if (nmt) {
          report.nativeMemory = op.nativeMemory();
          Files.writeString(work.resolve("operator-nmt.txt"), report.nativeMemory);
        }
      } finally {
        op.close();
      }
      Setup.deleteAll(admin, managed);
      try (KubernetesClient plain = client(baselineId.kubeconfig)) {
        Baseline baseline = new Baseline(plain, basePods, concurrency);
        report.baseCold = baseline.create(report.cold.shapes.values());
        var removed = Setup.minus(report.cold.shapes, report.flip.shapes);
        var added = Setup.minus(report.flip.shapes, report.cold.shapes);
        report.baseFlipDelete = baseline.delete(removed);
        report.baseFlipCreate = baseline.create(added);
        report.baseFlipCounts = new int[] {added.size(), removed.size()};
      }
      report.baselineWrites = audit.read(baselineId.username(), Instant.EPOCH, Instant.now()).stream()
          .filter(Audit.Request::write).count();
    }
    String text = report.render();
    System.out.println(text);
    if (out != null) {
      Files.writeString(out, text);
    }
    return 0;
  }

  static List<String> namespaces() {
    List<String> all = new ArrayList<>(List.of(Farm.MINING_NS));
    all.addAll(Farm.AI_NS);
    return all;
  }

  static KubernetesClient client(Path kubeconfig) throws java.io.IOException {
    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    config.setRequestTimeout(60_000);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> status(GenericKubernetesResource r) {
    Object s = r == null ? null : r.getAdditionalProperties().get("status");
    return s instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}

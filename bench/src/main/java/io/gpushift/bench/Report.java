package io.gpushift.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The benchmark's Markdown report: every figure docs/benchmarks.md quotes, with its goal. */
final class Report {

  private final Farm farm;
  private final int concurrency;
  private final String loadAtStart = load();
  Duration operatorReady;
  Phase cold;
  Phase flip;
  Phase quiet;
  double finalRssMb;
  double hwmMb;
  Duration baseCold;
  Duration baseFlipDelete;
  Duration baseFlipCreate;
  int[] baseFlipCounts;
  long baselineWrites;
  String jvm = "java";
  String maxRam = "512m";
  String nativeMemory;

  Report(Farm farm, int concurrency) {
    this.farm = farm;
    this.concurrency = concurrency;
  }

  String render() {
    StringBuilder r = new StringBuilder();
    line(r, "## %,d nodes × %d GPUs = %,d GPUs; %d MiningPools, %d AIWorkloads, 1 GPUNodePool", farm.nodes,
        Farm.GPUS_PER_NODE, farm.gpus(), Farm.MINING_POOLS, Farm.AI_WORKLOADS);
    line(r, "");
    line(r, "%s; %d cores, %s; load average %s at start, %s at end; JDK %s. Operator: `%s -XX:MaxRAM=%s -jar "
        + "quarkus-run.jar` (the chart's JVM options, prod profile, leader election on), ready %.1f s after launch.",
        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
        memory(), loadAtStart, load(), Runtime.version(), jvm, maxRam, secs(operatorReady));
    line(r, "");
    line(r, "| scenario | pods created / deleted | operator: plan realised | baseline: plain client, %d in flight "
        + "| ratio (goal ≤ 2.0) |", concurrency);
    line(r, "|---|---|---|---|---|");
    line(r, "| cold start | %d / %d | %.1f s (last pod created at %.1f s, status Applied at %.1f s) | %.1f s "
            + "| **%.2f** |", cold.changes.podsCreated(), cold.changes.podsDeleted(), secs(cold.realised),
        secs(cold.created), secs(cold.confirmed), secs(baseCold), secs(cold.realised) / secs(baseCold));
    double baseFlip = secs(baseFlipDelete) + secs(baseFlipCreate);
    line(r, "| price flip (coin-00 −90 %%) | %d / %d | %.1f s (last pod created at %.1f s, status Applied at %.1f s) "
            + "| %.1f s (delete %d: %.1f s, then create %d: %.1f s) | **%.2f** |", flip.changes.podsCreated(),
        flip.changes.podsDeleted(), secs(flip.realised), secs(flip.created), secs(flip.confirmed), baseFlip,
        baseFlipCounts[1], secs(baseFlipDelete), baseFlipCounts[0], secs(baseFlipCreate), secs(flip.realised) / baseFlip);
    line(r, "");
    line(r, "Operator requests (kube-apiserver audit log, the operator's ServiceAccount; Lease = leader election):");
    line(r, "");
    line(r, "| scenario | writes | changed objects (pods +/−, nodes, statuses) | writes / changed (goal ≤ 1.1) "
        + "| Events | Lease | writes by verb |");
    line(r, "|---|---|---|---|---|---|---|");
    for (Phase p : new Phase[] {cold, flip}) {
      State.Changes c = p.changes;
      line(r, "| %s | %d | %d (%d/%d, %d, %d) | **%.2f** | %d | %d | %s |", p.name, p.writes(), c.total(),
          c.podsCreated(), c.podsDeleted(), c.nodes(), c.statuses(), (double) p.writes() / c.total(),
          p.writes("events"), p.writes("leases"), verbs(p, true));
    }
    line(r, "| quiet %.0f min | **%d** (goal 0) | 0 | – | %d | %d | reads: %s |", quiet.seconds() / 60, quiet.writes(),
        quiet.writes("events"), quiet.writes("leases"), verbs(quiet, false));
    line(r, "");
    line(r, "Baseline client writes (audit): %d.", baselineWrites);
    line(r, "");
    line(r, "| operator process | wall | CPU | peak RSS |");
    line(r, "|---|---|---|---|");
    for (Phase p : new Phase[] {cold, flip, quiet}) {
      line(r, "| %s | %.0f s | %.1f s (%.2f cores) | %.0f MB |", p.name, p.seconds(), p.cpuSeconds,
          p.cpuSeconds / p.seconds(), p.peakRssMb);
    }
    line(r, "");
    line(r, "RSS at the end: **%.0f MB** (goal ≤ 256 MB at 1,000 nodes); high-water mark (VmHWM) %.0f MB.", finalRssMb,
        hwmMb);
    line(r, "");
    line(r, "| latency p50 / p99 | cold start | price flip | quiet |");
    line(r, "|---|---|---|---|");
    latencies(r, "engine decision (`%s`)".formatted(Phase.ENGINE), Phase.ENGINE, "");
    latencies(r, "pool reconcile: gather + decide + realise (`%s`)".formatted(Phase.DECISION), Phase.DECISION, "");
    if (nativeMemory != null) {
      line(r, "");
      line(r, "What the JVM itself holds at the end (`jcmd PID VM.native_memory summary`, committed; tracking on):");
      line(r, "");
      line(r, "%s", nativeMemoryTable(nativeMemory));
    }
    return r.toString();
  }

  private void latencies(StringBuilder r, String label, String metric, String labels) {
    line(r, "| %s | %s | %s | %s |", label, cold.latency(metric, labels), flip.latency(metric, labels),
        quiet.latency(metric, labels));
  }

  /** NMT's summary as a table: the total, then every category of at least 1 MB committed, largest first. */
  static String nativeMemoryTable(String nmt) {
    java.util.regex.Matcher total = java.util.regex.Pattern.compile("Total: reserved=(\\d+)MB, committed=(\\d+)MB")
        .matcher(nmt);
    java.util.regex.Matcher category = java.util.regex.Pattern.compile(
        "(?m)^-\\s+(.+?) \\(reserved=(\\d+)MB, committed=(\\d+)MB").matcher(nmt);
    Map<String, Integer> committed = new java.util.LinkedHashMap<>();
    while (category.find()) {
      committed.put(category.group(1).trim(), Integer.parseInt(category.group(3)));
    }
    StringBuilder t = new StringBuilder("| JVM part | committed MB |\n|---|---|\n");
    if (total.find()) {
      t.append("| **total** | **").append(total.group(2)).append("** |\n");
    }
    committed.entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> t.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n"));
    return t.toString().stripTrailing();
  }

  private static String verbs(Phase p, boolean writes) {
    Map<String, Long> by = Audit.byVerb(p.requests, q -> q.write() == writes && !q.lease());
    return by.isEmpty() ? "none" : by.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static double secs(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static void line(StringBuilder r, String format, Object... args) {
    r.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static String memory() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
          .map(l -> String.format(Locale.ROOT, "%.0f GiB RAM",
              Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).findFirst().orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }
}

package io.gpushift.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's synthetic farm: N kwok nodes × 8 GPUs in ten GPU products (five AI cards, five consumer cards), one
 * GPUNodePool over all of them, 20 MiningPools and 50 AIWorkloads. Prices are illustrative and chosen so the plan is
 * clear-cut: AI fills the AI cards, MiningPool {@code coin-00} (the only one that beats AI there) fills the consumer
 * cards, and a crash of that one coin's price moves the consumer cards — half the capacity — to AI.
 */
final class Farm {

  static final String POOL = "bench";
  static final String MINING_NS = "bench-mining";
  static final List<String> AI_NS = List.of("bench-ai-0", "bench-ai-1", "bench-ai-2", "bench-ai-3", "bench-ai-4");
  static final int GPUS_PER_NODE = 8;
  static final int MINING_POOLS = 20;
  static final int AI_WORKLOADS = 50;
  private static final String[][] AI_CARDS = {{"h100", "NVIDIA-H100-80GB-HBM3", "81559"},
      {"a100", "NVIDIA-A100-SXM4-80GB", "81920"}, {"l40s", "NVIDIA-L40S", "46068"}, {"a40", "NVIDIA-A40", "46068"},
      {"a6000", "NVIDIA-RTX-A6000", "49140"}};
  private static final String[][] MINING_CARDS = {{"rtx3090", "NVIDIA-GeForce-RTX-3090", "24576"},
      {"rtx3080", "NVIDIA-GeForce-RTX-3080", "10240"}, {"rtx3070", "NVIDIA-GeForce-RTX-3070", "8192"},
      {"rtx4090", "NVIDIA-GeForce-RTX-4090", "24564"}, {"rtx4080", "NVIDIA-GeForce-RTX-4080", "16376"}};
  /** USD of mining revenue per GPU-hour per USD of coin price: 100 MH/s of 10 TH/s, 360 blocks/h × 2 coins, 1 % fee. */
  private static final double USD_PER_GPU_HOUR_PER_COIN_USD = 100e6 / 10e12 * 360 * 2 * 0.99;
  /** coin-00 before and after the crash; AI pays 0.30-0.35 on consumer cards, every other coin less. */
  static final double COIN0_BEFORE = 0.60 / USD_PER_GPU_HOUR_PER_COIN_USD;
  static final double COIN0_AFTER = 0.06 / USD_PER_GPU_HOUR_PER_COIN_USD;

  final int nodes;

  Farm(int nodes) {
    if (nodes < 10 || nodes % 10 != 0) {
      throw new IllegalArgumentException("--nodes must be a multiple of 10 (ten GPU products), got " + nodes);
    }
    this.nodes = nodes;
  }

  int gpus() {
    return nodes * GPUS_PER_NODE;
  }

  String fleetYaml() {
    StringBuilder y = new StringBuilder("apiVersion: gpushift.io/v1alpha1\nkind: Fleet\nnodeGroups:\n");
    for (String[] card : cards()) {
      y.append(String.format(Locale.ROOT, "  - {name: %s, count: %d, gpuProduct: %s, gpuMemoryMiB: %s, gpusPerNode: %d}%n",
          card[0], nodes / 10, card[1], card[2], GPUS_PER_NODE));
    }
    return y.toString();
  }

  private static List<String[]> cards() {
    List<String[]> all = new ArrayList<>(List.of(AI_CARDS));
    all.addAll(List.of(MINING_CARDS));
    return all;
  }

  /** minDwell 0 and a 100 % disruption budget: the benchmark measures how fast a decided move is realised. */
  String poolYaml() {
    return """
        apiVersion: gpushift.io/v1alpha1
        kind: GPUNodePool
        metadata: {name: %s}
        spec:
          nodeSelector: {nvidia.com/gpu.present: "true"}
          electricity: {usdPerKWh: 0.03, pue: 1.05}
          policy:
            mode: Auto
            paybackHorizon: 6h
            minDwell: 0s
            hysteresis: {minGainUsdPerHour: 0.001}
            disruptionBudget: {maxPercentPerInterval: 100, interval: 1m}
            whenNothingPays: Idle
        """.formatted(POOL);
  }

  String miningPoolYaml(int j) {
    double usd = j == 0 ? 0.60 : 0.25 - 0.005 * j;
    StringBuilder profiles = new StringBuilder();
    for (String[] card : MINING_CARDS) {
      profiles.append("    - {gpuProduct: ").append(card[1]).append(", hashrate: 100M, watts: 300}\n");
    }
    return """
        apiVersion: gpushift.io/v1alpha1
        kind: MiningPool
        metadata: {name: %s, namespace: %s}
        spec:
          coin: C%02d
          algorithm: etchash
          endpoints: [stratum+tcp://pool-%02d.example.org:1010]
          wallet: "0x52bc44d5378309EE2abF1539BF71dE1b7d7bE3b5"
          worker: bench
          miner: {image: ghcr.io/example/lolminer:1.92, args: [--pool, "{poolUrl}", --user, "{wallet}.{worker}"]}
          profiles:
        %s  revenue:
            network:
              blockReward: {value: 2}
              blockTimeSeconds: {value: 10}
              networkHashrate: {value: 10T}
              coinPriceUsd: {value: %s}
          poolFeePercent: 1
          warmUpSeconds: 20
        """.formatted(miningPool(j), MINING_NS, j, j, profiles, price(usd / USD_PER_GPU_HOUR_PER_COIN_USD));
  }

  static String miningPool(int j) {
    return String.format(Locale.ROOT, "coin-%02d", j);
  }

  static String price(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** Replica sizes cycle 1, 2, 4, 8 GPUs; together the caps cover every GPU of the farm. */
  String aiWorkloadYaml(int w) {
    int perReplica = 1 << (w % 4);
    int maxReplicas = (int) Math.ceil((double) gpus() / AI_WORKLOADS / perReplica);
    StringBuilder profiles = new StringBuilder();
    for (String[] card : AI_CARDS) {
      profiles.append(profile(card[1], 2.0 + 0.01 * w));
    }
    for (String[] card : MINING_CARDS) {
      profiles.append(profile(card[1], 0.30 + 0.001 * w));
    }
    return """
        apiVersion: gpushift.io/v1alpha1
        kind: AIWorkload
        metadata: {name: %s, namespace: %s}
        spec:
          template: {spec: {containers: [{name: server, image: ghcr.io/example/vllm-server:0.6}]}}
          gpusPerReplica: %d
          minReplicas: 0
          maxReplicas: %d
          utilization: 1
          commitment: Preemptible
          checkpointGraceSeconds: 30
          expectedLostWorkSeconds: 0
          startupSeconds: 40
          profiles:
        %s""".formatted(aiWorkload(w), aiNamespace(w), perReplica, maxReplicas, profiles);
  }

  private static String profile(String product, double usd) {
    return "    - {gpuProduct: " + product + ", revenuePerGpuHour: {value: " + price(usd) + "}, watts: 400}\n";
  }

  static String aiWorkload(int w) {
    return String.format(Locale.ROOT, "ai-%02d", w);
  }

  static String aiNamespace(int w) {
    return AI_NS.get(w % AI_NS.size());
  }
}

package io.gpushift.operator.it;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.testkit.LocalCluster;

/**
 * Test custom resources, scoped to the test's own pool (named after its namespace) so tests never compete for GPUs:
 * MiningPools through spec.nodePools, AIWorkloads through their template's nodeSelector. As the YAML a user would
 * apply. Figures: an H100 mining at 0.30 USD/GPU-h for 150 W, AI paying
 * 2.00 USD/GPU-h for 700 W, electricity 0.10 USD/kWh: AI beats mining beats idle unless a test changes a price.
 */
final class Crs {

  static final String H100 = "NVIDIA-H100-80GB-HBM3";

  private Crs() {
  }

  static GPUNodePool pool(LocalCluster cluster, String mode, double usdPerKWh, String extraPolicy) {
    return pool(cluster, mode, usdPerKWh, extraPolicy, null);
  }

  /** extraPolicy: more policy fields (YAML, unindented); extraSpec: more spec fields (YAML, unindented). */
  static GPUNodePool pool(LocalCluster cluster, String mode, double usdPerKWh, String extraPolicy, String extraSpec) {
    String yaml = """
        apiVersion: gpushift.io/v1alpha1
        kind: GPUNodePool
        metadata:
          name: %s
        spec:
          nodeSelector:
            %s: %s
          electricity:
            usdPerKWh: %s
          policy:
            mode: %s
            minDwell: 0s
        %s%s
        """.formatted(cluster.namespace(), LocalCluster.DEDICATED_KEY, cluster.namespace(), usdPerKWh, mode,
        extraPolicy == null ? "" : extraPolicy.indent(4), extraSpec == null ? "" : extraSpec.indent(2));
    return cluster.adminClient().resource(parse(cluster.adminClient(), yaml, GPUNodePool.class)).create();
  }

  /** Hashprice chosen so one H100 at 100 MH/s earns 0.30 USD/h before power. */
  static MiningPool mining(KubernetesClient client, String name, double usdPerGpuHour) {
    double usdPerPhPerDay = usdPerGpuHour * 24 / (1e8 / 1e15);
    String yaml = """
        apiVersion: gpushift.io/v1alpha1
        kind: MiningPool
        metadata:
          name: %s
        spec:
          coin: ETC
          algorithm: etchash
          endpoints: ["stratum+tcp://etc.example-pool.org:1010"]
          wallet: "0x0000000000000000000000000000000000000001"
          credentialsSecretRef: {name: pool-credentials, key: password}
          miner:
            image: ghcr.io/example/lolminer:1.88
            args: [--algo, ETCHASH, --pool, "{poolUrl}", --user, "{wallet}.{worker}", --devices, "{gpus}"]
          profiles:
            - {gpuProduct: %s, hashrate: 100M, watts: 150}
          revenue:
            hashprice: {usdPerDay: {value: %s}, unit: 1P}
          warmUpSeconds: 20
          nodePools: [%s]
        """.formatted(name, H100, usdPerPhPerDay, client.getNamespace());
    return client.resource(parse(client, yaml, MiningPool.class)).create();
  }

  static AIWorkload ai(KubernetesClient client, String name, String commitment, int min, int max, int gpusPerReplica,
      double usdPerGpuHour, int graceSeconds) {
    return client.resource(aiUnsaved(client, name, commitment, min, max, gpusPerReplica, usdPerGpuHour, graceSeconds))
        .create();
  }

  /** The AIWorkload {@link #ai} would create, not yet created, for a test to add fields first. */
  static AIWorkload aiUnsaved(KubernetesClient client, String name, String commitment, int min, int max,
      int gpusPerReplica, double usdPerGpuHour, int graceSeconds) {
    String yaml = """
        apiVersion: gpushift.io/v1alpha1
        kind: AIWorkload
        metadata:
          name: %s
        spec:
          template:
            metadata:
              labels: {app: %s}
            spec:
              nodeSelector: {%s: %s}
              containers:
                - name: server
                  image: ghcr.io/example/vllm-server:0.6
          gpusPerReplica: %d
          minReplicas: %d
          maxReplicas: %d
          profiles:
            - {gpuProduct: %s, revenuePerGpuHour: {value: %s}, watts: 700}
          commitment: %s
          checkpointGraceSeconds: %d
          startupSeconds: 10
        """.formatted(name, name, LocalCluster.DEDICATED_KEY, client.getNamespace(), gpusPerReplica, min, max, H100,
        usdPerGpuHour, commitment, graceSeconds);
    return parse(client, yaml, AIWorkload.class);
  }

  static <T> T parse(KubernetesClient client, String yaml, Class<T> type) {
    return client.getKubernetesSerialization().unmarshal(yaml, type);
  }
}

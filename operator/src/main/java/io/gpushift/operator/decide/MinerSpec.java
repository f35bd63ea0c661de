package io.gpushift.operator.decide;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.api.v1alpha1.MiningPoolSpec;
import java.util.List;

/**
 * The miner container of a MiningPool on one node. Credentials reach it only as an env var from a secretKeyRef; the
 * operator never reads the Secret, so it cannot leak it into logs, events or status.
 */
final class MinerSpec {

  static final String PASSWORD_ENV = "GPUSHIFT_POOL_PASSWORD";

  private MinerSpec() {
  }

  static PodSpec build(MiningPool mp, String node, int gpus) {
    MiningPoolSpec s = mp.getSpec();
    String worker = s.worker == null || s.worker.isBlank() ? node : s.worker;
    List<String> endpoints = s.endpoints == null ? List.of() : s.endpoints;
    var container = new ContainerBuilder().withName("miner").withImage(s.miner.image)
        .withCommand(fill(s.miner.command, endpoints, s.wallet, worker, gpus))
        .withArgs(fill(s.miner.args, endpoints, s.wallet, worker, gpus));
    if (s.credentialsSecretRef != null) {
      EnvVar password = new EnvVarBuilder().withName(PASSWORD_ENV).withNewValueFrom().withNewSecretKeyRef()
          .withName(s.credentialsSecretRef.name).withKey(s.credentialsSecretRef.key).endSecretKeyRef().endValueFrom()
          .build();
      container.withEnv(password);
    }
    // A miner needs no API access: no token mounted. Short grace: miners have nothing to save.
    return new PodSpecBuilder().withContainers(container.build()).withAutomountServiceAccountToken(false)
        .withTerminationGracePeriodSeconds(5L).withRestartPolicy("Always").build();
  }

  private static List<String> fill(List<String> items, List<String> endpoints, String wallet, String worker,
      int gpus) {
    if (items == null) {
      return null;
    }
    String first = endpoints.isEmpty() ? "" : endpoints.get(0);
    return items.stream().map(a -> a.replace("{poolUrl}", first).replace("{poolUrls}", String.join(",", endpoints))
        .replace("{wallet}", wallet == null ? "" : wallet).replace("{worker}", worker)
        .replace("{gpus}", Integer.toString(gpus))).toList();
  }
}

package io.gpushift.bench;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A ServiceAccount per measured client (the operator, the baseline), so the API server's audit log can tell their
 * requests from everyone else's (kwok heartbeats, the scheduler, this harness). Bound to cluster-admin: the benchmark
 * measures speed, the chart's least-privilege role is tested by chart-tests.
 */
final class Identity {

  static final String NAMESPACE = "gpushift-bench";

  final String name;
  final Path kubeconfig;

  private Identity(String name, Path kubeconfig) {
    this.name = name;
    this.kubeconfig = kubeconfig;
  }

  /** What the audit log records as the user. */
  String username() {
    return "system:serviceaccount:" + NAMESPACE + ":" + name;
  }

  static Identity create(KubernetesClient admin, Path adminKubeconfig, String name, Path dir) throws IOException {
    admin.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    admin.resource(new ServiceAccountBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
        .build()).serverSideApply();
    admin.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName("gpushift-bench-" + name).endMetadata()
        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin")
        .addNewSubject().withKind("ServiceAccount").withName(name).withNamespace(NAMESPACE).endSubject().build())
        .serverSideApply();
    String token = admin.serviceAccounts().inNamespace(NAMESPACE).withName(name)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(6 * 3600L).endSpec().build())
        .getStatus().getToken();
    Path file = dir.resolve("kubeconfig-" + name);
    Files.writeString(file, withToken(Files.readString(adminKubeconfig), name, token));
    return new Identity(name, file);
  }

  /** The admin kubeconfig's cluster (server, CA) with a bearer token instead of the client certificate. */
  @SuppressWarnings("unchecked")
  static String withToken(String adminKubeconfig, String user, String token) {
    Map<String, Object> kc = Serialization.unmarshal(adminKubeconfig, Map.class);
    Map<String, Object> cluster = ((List<Map<String, Object>>) kc.get("clusters")).get(0);
    Map<String, Object> out = Map.of("apiVersion", "v1", "kind", "Config",
        "clusters", List.of(cluster),
        "users", List.of(Map.of("name", user, "user", Map.of("token", token))),
        "contexts", List.of(Map.of("name", user, "context", Map.of("cluster", cluster.get("name"), "user", user))),
        "current-context", user);
    return Serialization.asYaml(out);
  }
}

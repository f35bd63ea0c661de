package io.gpushift.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gpushift.testkit.LocalCluster;
import io.gpushift.testkit.LocalClusterExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the chart's ServiceAccount may and may not do, asked of a real API server with RBAC authorization on
 * (issue 9, item 4). Two releases are installed once per JVM: one watching all namespaces with feed Secrets in
 * {@link #FEEDS}, and one limited to {@link #TENANT} by watchNamespaces.
 */
@ExtendWith(LocalClusterExtension.class)
class ChartRbacIT {

  static final String SYSTEM = "chart-rbac-system";
  static final String FEEDS = "chart-rbac-feeds";
  static final String OTHER = "chart-rbac-other";
  static final String SCOPED_SYSTEM = "chart-rbac-scoped-system";
  static final String TENANT = "chart-rbac-tenant";
  static final String RELEASE = "gpushift-rbac";
  static final String FEED_SECRET = "price-feed-api-key";

  private static boolean installed;

  /** The cluster lives for the whole JVM, so both releases are installed once, on first use. */
  static synchronized void installOnce(KubernetesClient admin) {
    if (installed) {
      return;
    }
    for (String ns : new String[] {FEEDS, OTHER, TENANT}) {
      ChartInstaller.ensureNamespace(admin, ns);
      admin.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(FEED_SECRET)
          .endMetadata().withStringData(Map.of("apiKey", "not-a-real-key")).build()).forceConflicts()
          .fieldManager(ChartInstaller.FIELD_MANAGER).serverSideApply();
    }
    // Release names of their own: ClusterRoleBindings are cluster-wide, and another IT class installing a
    // release "gpushift" elsewhere would otherwise re-point them at a different ServiceAccount.
    ChartInstaller.install(admin, RELEASE, SYSTEM, "--set", "secretNamespaces={" + FEEDS + "}");
    ChartInstaller.install(admin, "gpushift-scoped", SCOPED_SYSTEM, "--set", "watchNamespaces={" + TENANT + "}");
    installed = true;
  }

  static ServiceAccountView operator(LocalCluster cluster) {
    installOnce(cluster.adminClient());
    return new ServiceAccountView(cluster.adminClient(), SYSTEM, RELEASE);
  }

  static ServiceAccountView scopedOperator(LocalCluster cluster) {
    installOnce(cluster.adminClient());
    return new ServiceAccountView(cluster.adminClient(), SCOPED_SYSTEM, "gpushift-scoped");
  }

  @Test
  void cannotReadSecretsOutsideTheListedNamespaces(LocalCluster cluster) {
    ServiceAccountView sa = operator(cluster);
    assertThat(sa.can("get", "", "secrets", OTHER)).isFalse();
    assertThat(sa.can("get", "", "secrets", SYSTEM)).as("not even its own namespace").isFalse();
    assertThat(sa.can("list", "", "secrets", "")).as("never cluster-wide").isFalse();
    try (KubernetesClient asOperator = sa.impersonatingClient()) {
      assertThatThrownBy(() -> asOperator.secrets().inNamespace(OTHER).withName(FEED_SECRET).get())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
  }

  @Test
  void canGetButNotListSecretsInAListedNamespace(LocalCluster cluster) {
    ServiceAccountView sa = operator(cluster);
    assertThat(sa.can("get", "", "secrets", FEEDS)).isTrue();
    assertThat(sa.can("list", "", "secrets", FEEDS)).as("get by name only: no enumeration").isFalse();
    assertThat(sa.can("watch", "", "secrets", FEEDS)).isFalse();
    try (KubernetesClient asOperator = sa.impersonatingClient()) {
      assertThat(asOperator.secrets().inNamespace(FEEDS).withName(FEED_SECRET).get().getData()).containsKey("apiKey");
    }
  }

  @Test
  void cannotDeleteNodesButCanLabelThem(LocalCluster cluster) {
    ServiceAccountView sa = operator(cluster);
    assertThat(sa.can("delete", "", "nodes", "")).isFalse();
    assertThat(sa.can("deletecollection", "", "nodes", "")).isFalse();
    assertThat(sa.can("create", "", "nodes", "")).isFalse();
    assertThat(sa.can("patch", "", "nodes", "")).isTrue();

    KubernetesClient admin = cluster.adminClient();
    Node node = await("a fake GPU node").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> admin.nodes().list().getItems().stream().findFirst().orElse(null), n -> n != null);
    String name = node.getMetadata().getName();
    try (KubernetesClient asOperator = sa.impersonatingClient()) {
      assertThatThrownBy(() -> asOperator.nodes().withName(name).delete())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
      Node labelled = asOperator.nodes().withName(name).edit(n -> {
        n.getMetadata().getLabels().put("gpushift.io/rbac-test", "patched");
        return n;
      });
      assertThat(labelled.getMetadata().getLabels()).containsEntry("gpushift.io/rbac-test", "patched");
    }
    assertThat(admin.nodes().withName(name).get()).as("node still there").isNotNull();
  }

  @Test
  void cannotEscalateBindImpersonateOrWriteRbac(LocalCluster cluster) {
    ServiceAccountView sa = operator(cluster);
    String rbac = "rbac.authorization.k8s.io";
    for (String resource : new String[] {"clusterroles", "clusterrolebindings", "roles", "rolebindings"}) {
      for (String verb : new String[] {"create", "update", "patch", "delete", "escalate", "bind"}) {
        assertThat(sa.can(verb, rbac, resource, resource.startsWith("cluster") ? "" : SYSTEM))
            .as("%s %s", verb, resource).isFalse();
      }
    }
    for (String resource : new String[] {"users", "groups", "serviceaccounts"}) {
      assertThat(sa.can("impersonate", "", resource, "")).as("impersonate %s", resource).isFalse();
    }
    assertThat(sa.can("create", "", "serviceaccounts/token", SYSTEM)).isFalse();
    try (KubernetesClient asOperator = sa.impersonatingClient()) {
      var grabAdmin = new ClusterRoleBindingBuilder().withNewMetadata().withName("gpushift-grab-admin").endMetadata()
          .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin")
          .addNewSubject().withKind("ServiceAccount").withName(RELEASE).withNamespace(SYSTEM).endSubject().build();
      assertThatThrownBy(() -> asOperator.rbac().clusterRoleBindings().resource(grabAdmin).create())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
  }

  @Test
  void canDoItsJobOnPodsGpushiftStatusEventsAndItsLease(LocalCluster cluster) {
    ServiceAccountView sa = operator(cluster);
    String anyNamespace = cluster.namespace();
    assertThat(sa.can("create", "", "pods", anyNamespace)).isTrue();
    assertThat(sa.can("delete", "", "pods", anyNamespace)).isTrue();
    assertThat(sa.can("create", "events.k8s.io", "events", anyNamespace)).isTrue();
    assertThat(sa.can("watch", "gpushift.io", "gpunodepools", "")).isTrue();
    assertThat(sa.canOnSubresource("patch", "gpushift.io", "gpunodepools", "status", "")).isTrue();
    // The finalizer that lets deleting a pool remove its pods, and giving up our node labels when it goes.
    assertThat(sa.can("patch", "gpushift.io", "gpunodepools", "")).as("finalizer").isTrue();
    assertThat(sa.can("patch", "", "nodes", "")).isTrue();
    assertThat(sa.canOnSubresource("patch", "gpushift.io", "aiworkloads", "status", anyNamespace)).isTrue();
    assertThat(sa.canOnSubresource("update", "gpushift.io", "miningpools", "status", anyNamespace)).isTrue();
    assertThat(sa.can("delete", "gpushift.io", "aiworkloads", anyNamespace)).as("never deletes user CRs").isFalse();
    assertThat(sa.can("watch", "gpushift.io", "marketfeeds", anyNamespace)).isTrue();
    assertThat(sa.canOnSubresource("patch", "gpushift.io", "marketfeeds", "status", anyNamespace)).isTrue();
    assertThat(sa.can("update", "gpushift.io", "marketfeeds", anyNamespace)).as("feeds are only read").isFalse();
    assertThat(sa.can("get", "", "configmaps", anyNamespace)).as("configMap feeds").isTrue();
    assertThat(sa.can("list", "", "configmaps", anyNamespace)).as("read one by one, never listed").isFalse();
    assertThat(sa.can("update", "coordination.k8s.io", "leases", SYSTEM)).isTrue();
    assertThat(sa.can("update", "coordination.k8s.io", "leases", anyNamespace)).as("lease only at home").isFalse();
    assertThat(sa.can("list", "scheduling.k8s.io", "priorityclasses", "")).isTrue();
    assertThat(sa.can("create", "scheduling.k8s.io", "priorityclasses", "")).isFalse();

    try (KubernetesClient asOperator = sa.impersonatingClient()) {
      // Restricted-compliant, so a Pod Security label on the namespace cannot be mistaken for an RBAC denial.
      var pod = new PodBuilder().withNewMetadata().withName("rbac-probe").endMetadata().withNewSpec()
          .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(1000L).withNewSeccompProfile()
          .withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
          .addNewContainer().withName("c").withImage("registry.invalid/none:0").withNewSecurityContext()
          .withAllowPrivilegeEscalation(false).withNewCapabilities().withDrop("ALL").endCapabilities()
          .endSecurityContext().endContainer().endSpec().build();
      assertThat(asOperator.pods().inNamespace(anyNamespace).resource(pod).create().getMetadata().getUid()).isNotBlank();
      asOperator.pods().inNamespace(anyNamespace).withName("rbac-probe").withGracePeriod(0).delete();
    }
  }

  @Test
  void watchNamespacesConfineWritesButNotGpuAccounting(LocalCluster cluster) {
    ServiceAccountView sa = scopedOperator(cluster);
    assertThat(sa.can("create", "", "pods", TENANT)).isTrue();
    assertThat(sa.can("create", "", "pods", OTHER)).as("pods outside watchNamespaces").isFalse();
    assertThat(sa.can("delete", "", "pods", OTHER)).isFalse();
    assertThat(sa.can("get", "", "configmaps", OTHER)).isFalse();
    // Reading every pod stays cluster-wide: a GPU held by anyone must be counted.
    assertThat(sa.can("list", "", "pods", "")).isTrue();
    assertThat(sa.can("get", "", "secrets", TENANT)).as("no secretNamespaces: no Secrets anywhere").isFalse();
  }
}

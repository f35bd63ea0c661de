package io.gpushift.chart;

import static io.gpushift.chart.Manifests.at;
import static io.gpushift.chart.Manifests.list;
import static io.gpushift.chart.Manifests.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Offline checks of helm/gpushift: lint, rendering, schema and the shape of what is rendered. */
class ChartRenderTest {

  /** Every optional feature on, so every template is exercised. */
  static final String[] ALL_FEATURES = {
      "--set", "metrics.serviceMonitor.enabled=true", "--set", "grafanaDashboard.enabled=true",
      "--set", "secretNamespaces={feeds,market}", "--set", "watchNamespaces={tenant-a,tenant-b}"};

  static Manifests render(String... args) {
    return Manifests.parse(Helm.template("gpushift", "gpushift-system", args).assertSuccess().stdout());
  }

  @Test
  void lintStrictPassesWithDefaultsAndWithEveryFeature() {
    assertThat(Helm.lint().assertSuccess().stdout()).contains("0 chart(s) failed");
    assertThat(Helm.lint(ALL_FEATURES).assertSuccess().stdout()).contains("0 chart(s) failed");
  }

  @Test
  void templateRendersEveryKind() {
    assertThat(render(ALL_FEATURES).objects()).extracting(o -> o.get("kind")).contains(
        "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Deployment", "Service",
        "PriorityClass", "PodDisruptionBudget", "ServiceMonitor", "ConfigMap");
    assertThat(render().ofKind("ServiceMonitor")).as("ServiceMonitor is opt-in").isEmpty();
    assertThat(render().ofKind("ConfigMap")).as("dashboard is opt-in").isEmpty();
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(List.of("--set", "replicaCount=-1"), "replicaCount"),
        Arguments.of(List.of("--set", "image.pullPolicy=Sometimes"), "pullPolicy"),
        // A typo of replicaCount must fail instead of being silently ignored.
        Arguments.of(List.of("--set", "replicas=2"), "replicas"),
        Arguments.of(List.of("--set", "containerSecurityContext.readOnlyRootFilesystem=false"),
            "readOnlyRootFilesystem"),
        Arguments.of(List.of("--set", "secretNamespaces={Not_A_Namespace}"), "secretNamespaces"),
        Arguments.of(List.of("--set", "priorityClasses.aiGuaranteed.value=2000000000"), "aiGuaranteed"),
        Arguments.of(List.of("--set", "leaderElection.enabled=false", "--set", "replicaCount=2"),
            "replicaCount > 1 requires leaderElection.enabled=true"));
  }

  @ParameterizedTest(name = "{0} is rejected mentioning {1}")
  @MethodSource("badValues")
  void badValuesAreRejectedWithAClearMessage(List<String> args, String expectedInMessage) {
    Helm.Result result = Helm.template("gpushift", "gpushift-system", args.toArray(String[]::new));
    assertThat(result.exitCode()).as("helm template %s must fail", args).isNotZero();
    assertThat(result.stderr()).contains(expectedInMessage);
  }

  @Test
  void noRbacRuleUsesAWildcard() {
    List<Manifests.Rule> rules = render(ALL_FEATURES).rules().toList();
    assertThat(rules).isNotEmpty().allSatisfy(rule -> {
      assertThat(rule.apiGroups()).as(rule.owner()).doesNotContain("*");
      assertThat(rule.resources()).as(rule.owner()).noneMatch(r -> r.contains("*"));
      assertThat(rule.verbs()).as(rule.owner()).doesNotContain("*");
      assertThat(rule.resourceNames()).as(rule.owner()).doesNotContain("*");
    });
  }

  @Test
  void noRuleGrantsEscalationOrNodeDeletion() {
    assertThat(render(ALL_FEATURES).rules()).allSatisfy(rule -> {
      assertThat(rule.verbs()).as(rule.owner()).doesNotContain("escalate", "bind", "impersonate");
      assertThat(rule.apiGroups()).as(rule.owner()).doesNotContain("rbac.authorization.k8s.io");
      if (rule.resources().contains("nodes")) {
        assertThat(rule.verbs()).as(rule.owner()).doesNotContain("delete", "deletecollection", "create", "update");
      }
    });
  }

  @Test
  void secretsAreReadableOnlyWithGetInTheListedNamespaces() {
    Manifests manifests = render(ALL_FEATURES);
    assertThat(manifests.rules()).filteredOn(r -> r.resources().contains("secrets")).allSatisfy(rule -> {
      assertThat(rule.owner()).startsWith("Role/");
      assertThat(rule.verbs()).containsExactly("get");
    }).extracting(r -> r.owner().split("/")[1]).containsExactlyInAnyOrder("feeds", "market");
    assertThat(render().rules()).as("no secretNamespaces, no Secret access at all")
        .noneMatch(r -> r.resources().contains("secrets"));
  }

  @Test
  void watchNamespacesLimitPodWritesToThoseNamespaces() {
    Manifests scoped = render("--set", "watchNamespaces={tenant-a,tenant-b}");
    assertThat(scoped.ofKind("RoleBinding").filter(b -> Manifests.name(b).endsWith("-workloads")))
        .extracting(Manifests::namespace).containsExactlyInAnyOrder("tenant-a", "tenant-b");
    assertThat(scoped.ofKind("ClusterRoleBinding")).extracting(Manifests::name).containsExactly("gpushift");
    assertThat(render().ofKind("ClusterRoleBinding")).extracting(Manifests::name)
        .containsExactlyInAnyOrder("gpushift", "gpushift-workloads");
  }

  @Test
  void deploymentRunsRestrictedWithProbesAndLeaderElection() {
    Map<String, Object> deployment = render().one("Deployment", "gpushift");
    assertThat(at(deployment, "spec").get("replicas")).isEqualTo(2);
    Map<String, Object> pod = at(deployment, "spec", "template", "spec");
    assertThat(at(pod, "securityContext")).containsEntry("runAsNonRoot", true)
        .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
    Map<String, Object> container = list(pod.get("containers")).getFirst();
    assertThat(at(container, "securityContext")).containsEntry("readOnlyRootFilesystem", true)
        .containsEntry("allowPrivilegeEscalation", false).containsEntry("runAsNonRoot", true)
        .containsEntry("capabilities", Map.of("drop", List.of("ALL")))
        .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
    assertThat(at(container, "livenessProbe", "httpGet")).containsEntry("path", "/q/health/live");
    assertThat(at(container, "readinessProbe", "httpGet")).containsEntry("path", "/q/health/ready");
    assertThat(list(container.get("env"))).extracting(e -> e.get("name")).contains(
        "GPUSHIFT_LEADER_ELECTION_ENABLED", "GPUSHIFT_LEADER_ELECTION_LEASE_NAME",
        "GPUSHIFT_LEADER_ELECTION_LEASE_NAMESPACE", "QUARKUS_OPERATOR_SDK_NAMESPACES");
    // The JVM the scale benchmark measured (values jvm.*, read by bench/JvmOptions): Serial GC instead of the image's
    // Parallel, a fixed 96 MiB heap instead of 80 % of the limit, compact object headers, two malloc arenas.
    Map<Object, Object> env = new java.util.HashMap<>();
    list(container.get("env")).forEach(e -> env.put(e.get("name"), e.get("value")));
    assertThat(env).containsEntry("GC_CONTAINER_OPTIONS", "-XX:+UseSerialGC").containsEntry("MALLOC_ARENA_MAX", "2");
    assertThat((String) env.get("JAVA_OPTS_APPEND")).contains("-Xmx96m", "-XX:+UseCompactObjectHeaders",
        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
  }

  @Test
  void priorityClassesOrderMinersBelowPreemptibleBelowGuaranteedAi() {
    Manifests manifests = render();
    Object mining = manifests.one("PriorityClass", "gpushift-mining").get("value");
    Object preemptible = manifests.one("PriorityClass", "gpushift-ai-preemptible").get("value");
    Object guaranteed = manifests.one("PriorityClass", "gpushift-ai-guaranteed").get("value");
    assertThat(List.of(mining, preemptible, guaranteed)).containsExactly(1000, 100000, 1000000);
    assertThat(manifests.one("PriorityClass", "gpushift-mining")).containsEntry("preemptionPolicy", "Never");
  }

  @Test
  void grafanaDashboardIsJsonAndChartsTheOperatorMetrics() throws Exception {
    Map<String, Object> configMap = render(ALL_FEATURES).one("ConfigMap", "gpushift-dashboard");
    assertThat(at(configMap, "metadata", "labels")).containsEntry("grafana_dashboard", "1");
    JsonNode dashboard = new ObjectMapper().readTree((String) map(configMap.get("data")).get("gpushift.json"));
    assertThat(dashboard.get("panels").size()).isGreaterThanOrEqualTo(6);
    String queries = dashboard.get("panels").findValuesAsText("expr").toString();
    assertThat(queries).contains("gpushift_gpus", "gpushift_profit_usd_per_hour", "gpushift_revenue_usd_per_hour",
        "gpushift_power_cost_usd_per_hour", "gpushift_switches_total", "gpushift_decision_duration_seconds_bucket",
        "gpushift_market_data_age_seconds");
  }

  @Test
  void serviceMonitorScrapesQuarkusMetricsThroughTheMetricsService() {
    Manifests manifests = render(ALL_FEATURES);
    Map<String, Object> monitor = manifests.one("ServiceMonitor", "gpushift");
    assertThat(monitor.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
    assertThat(list(at(monitor, "spec").get("endpoints")).getFirst()).containsEntry("path", "/q/metrics")
        .containsEntry("port", "http");
    Map<String, Object> service = manifests.one("Service", "gpushift-metrics");
    assertThat(at(service, "metadata", "labels")).containsAllEntriesOf(
        at(monitor, "spec", "selector", "matchLabels"));
  }
}

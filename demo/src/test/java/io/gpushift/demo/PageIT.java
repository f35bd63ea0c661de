package io.gpushift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.gpushift.testkit.FakeGpuNodes;
import io.gpushift.testkit.LocalCluster;
import io.gpushift.testkit.LocalClusterExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live page in Debian's headless Chromium (packages chromium, chromium-driver), served by {@link PageServer} against
 * a cluster state this test creates on its own fake nodes (no operator): it must show the fleet, and change when a
 * price, a node label or a pod changes. Saves a screenshot (see SCREENSHOT).
 */
@ExtendWith(LocalClusterExtension.class)
class PageIT {
  static final String CHROMIUM = System.getProperty("gpushift.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("gpushift.chromedriver", "/usr/bin/chromedriver");
  /** target/ by default so a test run leaves the tree clean; -Dgpushift.screenshot=../docs/demo.png refreshes the README's. */
  static final Path SCREENSHOT = Path.of(System.getProperty("gpushift.screenshot", "target/demo.png"));

  @Test
  void pageShowsTheFleetAndFollowsTheCluster(KubernetesClient client, LocalCluster cluster) throws Exception {
    assertThat(Path.of(CHROMIUM)).as("Debian's chromium (apt-get install -y chromium chromium-driver)").exists();
    assertThat(Path.of(CHROMEDRIVER)).as("chromedriver (apt-get install -y chromium-driver)").exists();
    KubernetesClient admin = cluster.adminClient();
    Kube.installCrds(admin, SamplesIT.CRDS);
    String ns = client.getNamespace();

    // Four RTX 4090 nodes from the testkit, two H100 nodes made the same way here (the testkit names nodes per call).
    cluster.createDedicatedGpuNodes(4, 4, "NVIDIA-GeForce-RTX-4090", 24564);
    List<String> extra = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Node n = FakeGpuNodes.node(ns + "-h" + i, "NVIDIA-H100-80GB-HBM3", 81559, 8);
      n.getMetadata().getLabels().put(LocalCluster.DEDICATED_KEY, ns);
      n.getSpec().setTaints(List.of(new TaintBuilder().withKey(LocalCluster.DEDICATED_KEY).withValue(ns)
          .withEffect("NoSchedule").build()));
      admin.nodes().resource(n).create();
      extra.add(n.getMetadata().getName());
    }
    int gpus = 4 * 4 + 2 * 8;

    // A pool over these nodes, a miner and an AI workload, with pods as the operator would create them.
    String pool = "page-" + ns;
    applyYaml(admin, ns, """
        apiVersion: gpushift.io/v1alpha1
        kind: GPUNodePool
        metadata: {name: %s}
        spec:
          nodeSelector: {%s: %s}
          electricity: {usdPerKWh: 0.03, pue: 1.05}
        """.formatted(pool, LocalCluster.DEDICATED_KEY, ns));
    for (var r : Kube.read(Files.newInputStream(Path.of("..", "samples", "quickstart", "02-miningpool-etc.yaml")))) {
      Kube.apply(client, r, ns);
    }
    for (var r : Kube.read(Files.newInputStream(Path.of("..", "samples", "quickstart", "03-aiworkload-inference.yaml")))) {
      Kube.apply(client, r, ns);
    }
    List<String> rtxNames = admin.nodes().withLabels(cluster.dedicatedNodeSelector()).list().getItems().stream()
        .filter(n -> n.getMetadata().getLabels().get("nvidia.com/gpu.product").contains("4090"))
        .map(n -> n.getMetadata().getName()).sorted().toList();
    List<String> h100Names = admin.nodes().withLabels(cluster.dedicatedNodeSelector()).list().getItems().stream()
        .filter(n -> n.getMetadata().getLabels().get("nvidia.com/gpu.product").contains("H100"))
        .map(n -> n.getMetadata().getName()).sorted().toList();
    int miningGpus = 0;
    for (int i = 0; i < rtxNames.size() - 1; i++) {
      client.resource(pod(cluster, "etc-" + rtxNames.get(i), rtxNames.get(i), 4, "miner", "etc")).create();
      label(admin, rtxNames.get(i), "mining");
      miningGpus += 4;
    }
    client.resource(pod(cluster, "llm-inference-" + h100Names.get(0) + "-0", h100Names.get(0), 8, "ai", "llm-inference"))
        .create();
    label(admin, h100Names.get(0), "ai");
    patchStatus(admin, pool, 17.2, 0.74);
    event(admin, pool, "Shifted", h100Names.get(0) + ": 8 GPU(s) idle → " + ns
        + "/llm-inference (profit): +17.06 USD/h, switch cost 0.19 USD, payback 0.01 h");
    event(admin, pool, "Shifted", rtxNames.get(0) + ": 4 GPU(s) idle → " + ns
        + "/etc (profit): +0.05 USD/h, switch cost 0.0004 USD, payback 0.01 h");

    ClusterView view = new ClusterView(admin, cluster.dedicatedNodeSelector(), null);
    try (PageServer page = new PageServer(view, 0, 300)) {
      WebDriver driver = chromium();
      try {
        driver.manage().window().setSize(new Dimension(1500, 1000));
        driver.get(page.url());
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // The page re-renders on every poll, so an element found a moment ago may be gone: every read is an awaited
        // condition that tolerates a stale element and is retried on the next poll.
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded")));

        // The fleet: every node, every GPU a coloured cell.
        int nodes = rtxNames.size() + h100Names.size();
        int fleetGpus = gpus;
        int fleetMining = miningGpus;
        wait.withMessage("fleet: " + nodes + " nodes, >= " + fleetGpus + " GPU cells, " + fleetMining + " mining, 8 AI")
            .until(d -> d.findElement(By.id("node-count")).getText().equals(Integer.toString(nodes))
                && d.findElements(By.cssSelector(".node")).size() == nodes
                && d.findElements(By.cssSelector(".gpu:not(.legend .gpu)")).size() >= fleetGpus
                && d.findElements(By.cssSelector("#fleet .gpu.mining")).size() == fleetMining
                && d.findElements(By.cssSelector("#fleet .gpu.ai")).size() == 8);
        wait.withMessage("mining amber, AI blue").until(d -> "rgba(245, 158, 11, 1)".equals(
                d.findElement(By.cssSelector("#fleet .gpu.mining")).getCssValue("background-color"))
            && "rgba(37, 99, 235, 1)".equals(d.findElement(By.cssSelector("#fleet .gpu.ai")).getCssValue("background-color")));
        wait.withMessage("decision log and market inputs").until(d -> d.findElement(By.id("events")).getText()
            .contains("Shifted") && d.findElement(By.id("events")).getText().contains("payback")
            && marketValue(d, "GPUNodePool/" + pool + " electricity").startsWith("0.03"));

        // A price change (what the scenario does) shows up.
        Kube.jsonPatch(admin, Scenario.API_VERSION, "GPUNodePool", null, pool, "replace", "/spec/electricity/usdPerKWh",
            0.25);
        wait.until(d -> marketValue(d, "GPUNodePool/" + pool + " electricity").startsWith("0.25"));
        Kube.jsonPatch(client, Scenario.API_VERSION, "MiningPool", ns, "etc", "replace",
            "/spec/revenue/network/coinPriceUsd/value", 60);
        wait.until(d -> marketValue(d, "MiningPool/etc ETC price").startsWith("60"));

        // A shift: the last RTX node's GPUs go to AI, one miner leaves, a node label changes.
        String last = rtxNames.get(rtxNames.size() - 1);
        client.resource(pod(cluster, "llm-inference-" + last + "-0", last, 4, "ai", "llm-inference")).create();
        client.pods().withName("etc-" + rtxNames.get(0)).withGracePeriod(0).delete();
        label(admin, rtxNames.get(0), "idle");
        int mining = miningGpus - 4;
        wait.withMessage("shift shown").until(d -> d.findElements(By.cssSelector("#fleet .gpu.ai")).size() == 12
            && d.findElements(By.cssSelector("#fleet .gpu.mining")).size() == mining);
        wait.until(d -> "idle".equals(d.findElement(By.cssSelector(".node[data-node='" + rtxNames.get(0) + "']"))
            .getDomAttribute("data-use")));
        wait.withMessage("AI count 12").until(d -> "12".equals(d.findElement(By.id("ai-count")).getText()));

        // Profit history: the chart has drawn lines.
        patchStatus(admin, pool, 18.9, 0.81);
        wait.until(d -> d.findElements(By.cssSelector("#svg polyline")).size() >= 4);
        // One more poll so the screenshot has the newest state: the "updated" stamp changes with every poll.
        String stamp = driver.findElement(By.id("updated")).getText();
        wait.until(d -> !stamp.equals(d.findElement(By.id("updated")).getText()));
        Files.createDirectories(SCREENSHOT.getParent());
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
      } finally {
        driver.quit();
      }
    } finally {
      admin.genericKubernetesResources(Scenario.API_VERSION, "GPUNodePool").withName(pool).delete();
      extra.forEach(n -> admin.nodes().withName(n).delete());
    }
  }

  static String marketValue(WebDriver d, String what) {
    var cells = d.findElements(By.cssSelector("td.market-value[data-what='" + what + "']"));
    return cells.isEmpty() ? "" : cells.get(0).getText();
  }

  static WebDriver chromium() throws Exception {
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM);
    Path profile = Files.createTempDirectory("gpushift-chromium");
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--window-size=1500,1000");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
    return new ChromeDriver(service, o);
  }

  static Pod pod(LocalCluster cluster, String name, String node, int gpus, String kind, String workload) {
    return new PodBuilder().withNewMetadata().withName(name)
        .withLabels(Map.of("app.kubernetes.io/managed-by", "gpushift", "gpushift.io/kind", kind,
            "gpushift.io/workload", workload))
        .endMetadata().withNewSpec().withNodeName(node).withTolerations(cluster.dedicatedToleration())
        .addNewContainer().withName("c").withImage("ghcr.io/example/none:1")
        .withNewResources().withLimits(Map.of("nvidia.com/gpu", new Quantity(Integer.toString(gpus)))).endResources()
        .endContainer().endSpec().build();
  }

  static void label(KubernetesClient admin, String node, String use) {
    admin.nodes().withName(node).edit(n -> {
      n.getMetadata().getLabels().put("gpushift.io/use", use);
      return n;
    });
  }

  static void patchStatus(KubernetesClient admin, String pool, double revenue, double power) {
    GenericKubernetesResource r = admin.genericKubernetesResources(Scenario.API_VERSION, "GPUNodePool").withName(pool).get();
    r.getAdditionalProperties().put("status", Map.of("revenueUsdPerHour", revenue, "powerCostUsdPerHour", power,
        "profitUsdPerHour", Math.round((revenue - power) * 100) / 100.0));
    admin.genericKubernetesResources(Scenario.API_VERSION, "GPUNodePool").resource(r).updateStatus();
  }

  static void event(KubernetesClient admin, String pool, String reason, String message) {
    String now = Instant.now().toString();
    admin.v1().events().inNamespace("default").resource(new EventBuilder()
        .withNewMetadata().withGenerateName(pool + ".").withNamespace("default").endMetadata()
        .withNewInvolvedObject().withApiVersion(Scenario.API_VERSION).withKind("GPUNodePool").withName(pool).endInvolvedObject()
        .withType("Normal").withReason(reason).withMessage(message).withFirstTimestamp(now).withLastTimestamp(now)
        .withCount(1).withNewSource().withComponent("gpushift").endSource().build()).create();
  }

  static void applyYaml(KubernetesClient admin, String ns, String yaml) throws Exception {
    for (var r : Kube.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))) {
      Kube.apply(admin, r, ns);
    }
  }
}

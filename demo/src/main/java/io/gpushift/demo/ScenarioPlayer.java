package io.gpushift.demo;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plays a {@link Scenario} on its own thread: sleeps until each step is due, then patches/applies it. */
public final class ScenarioPlayer implements Runnable {

  /** One played step, for the page's log. */
  public record Played(Instant time, String marketTime, String title, String why, String source, List<String> changes) {
  }

  private final KubernetesClient client;
  private final Scenario scenario;
  private final double speed;
  private final List<Played> played = new ArrayList<>();
  private volatile int current = -1;
  private volatile Instant started;
  private volatile String error;

  public ScenarioPlayer(KubernetesClient client, Scenario scenario, double speed) {
    this.client = client;
    this.scenario = scenario;
    this.speed = speed;
  }

  /** Applies the scenario's starting resources (namespace first). */
  public void install() throws IOException {
    Kube.ensureNamespace(client, scenario.namespace());
    for (String res : scenario.resources()) {
      applyResource(res);
    }
  }

  private void applyResource(String res) throws IOException {
    try (InputStream in = ScenarioPlayer.class.getResourceAsStream("/" + res)) {
      if (in == null) {
        throw new IOException("no bundled resource " + res);
      }
      for (var r : Kube.read(in)) {
        Kube.apply(client, r, scenario.namespace());
      }
    }
  }

  @Override
  public void run() {
    started = Instant.now();
    try {
      for (int i = 0; i < scenario.steps().size(); i++) {
        Scenario.Step step = scenario.steps().get(i);
        long due = started.toEpochMilli() + (long) (step.offset().toMillis() / speed);
        long wait = due - System.currentTimeMillis();
        if (wait > 0) {
          Thread.sleep(wait);
        }
        play(step);
        current = i;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | IOException e) {
      error = e.getMessage();
      System.err.println("gpushift demo: scenario stopped: " + e.getMessage());
    }
  }

  void play(Scenario.Step step) throws IOException {
    List<String> changes = new ArrayList<>();
    for (Scenario.Patch p : step.patches()) {
      String ns = "GPUNodePool".equals(p.kind()) ? null : scenario.namespace();
      Kube.jsonPatch(client, Scenario.API_VERSION, p.kind(), ns, p.name(), "replace", p.path(), p.value());
      changes.add((p.label() == null ? p.kind() + "/" + p.name() + " " + p.path() : p.label()) + " = " + p.value());
    }
    for (String res : step.apply()) {
      applyResource(res);
      changes.add("applied " + res);
    }
    synchronized (played) {
      played.add(new Played(Instant.now(), step.marketTime(), step.title(), step.why(), step.source(), changes));
    }
    System.out.println("gpushift demo: [" + step.marketTime() + "] " + step.title() + " — " + String.join("; ", changes));
  }

  public List<Played> played() {
    synchronized (played) {
      return List.copyOf(played);
    }
  }

  /** Scenario state for the page. */
  public Map<String, Object> state() {
    var steps = scenario.steps();
    int cur = current;
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("title", scenario.title());
    m.put("description", scenario.description());
    m.put("marketDay", scenario.marketDay());
    m.put("speed", speed);
    m.put("step", cur + 1);
    m.put("steps", steps.size());
    m.put("finished", cur == steps.size() - 1);
    if (cur >= 0) {
      Scenario.Step s = steps.get(cur);
      m.put("marketTime", s.marketTime());
      m.put("current", s.title());
      m.put("why", s.why());
      m.put("source", s.source());
    }
    if (cur + 1 < steps.size() && started != null) {
      Scenario.Step next = steps.get(cur + 1);
      long due = started.toEpochMilli() + (long) (next.offset().toMillis() / speed);
      m.put("next", next.title());
      m.put("nextInSeconds", Math.max(0, Duration.ofMillis(due - System.currentTimeMillis()).toSeconds()));
    }
    if (error != null) {
      m.put("error", error);
    }
    List<Map<String, Object>> log = new ArrayList<>();
    for (Played p : played()) {
      Map<String, Object> e = new java.util.LinkedHashMap<>();
      e.put("marketTime", p.marketTime());
      e.put("title", p.title());
      e.put("changes", p.changes());
      log.add(e);
    }
    m.put("played", log);
    return m;
  }
}

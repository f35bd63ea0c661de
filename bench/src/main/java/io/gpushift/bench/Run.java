package io.gpushift.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Runs one scenario against the operator and fills its {@link Phase}. */
final class Run {

  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  /** The operator counts as settled after this long without a write (trailing status updates included). */
  private static final Duration IDLE = Duration.ofSeconds(10);
  private final KubernetesClient admin;
  private final Pods managed;
  private final Audit audit;
  private final String user;
  private final int port;
  private final Proc proc;

  Run(KubernetesClient admin, Pods managed, Audit audit, String user, int port, Proc proc) {
    this.admin = admin;
    this.managed = managed;
    this.audit = audit;
    this.user = user;
    this.port = port;
    this.proc = proc;
  }

  /** Makes the change, waits until the plan is realised and the operator has settled. */
  Phase phase(String name, Object gpusBefore, Runnable change) throws InterruptedException {
    State before = State.take(admin, managed);
    proc.takePeakMb();
    double cpu0 = proc.cpuSeconds();
    Phase p = new Phase(name, Prom.scrape(port));
    change.run();
    Instant deadline = p.start.plus(TIMEOUT);
    while (true) {
      Map<String, Object> status = ScaleBench.status(admin.genericKubernetesResources(State.API, "GPUNodePool")
          .withName(Farm.POOL).get());
      if (realised(status, gpusBefore)) {
        p.realised = Duration.between(p.start, managed.lastChange());
        p.created = Duration.between(p.start, managed.lastAdded());
        p.confirmed = Duration.between(p.start, Instant.now());
        p.statusGpus = status.get("gpus");
        break;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(name + ": plan not realised after " + TIMEOUT + "; pool status " + status);
      }
      Thread.sleep(100);
    }
    awaitIdle(p.start);
    p.end = Instant.now();
    p.shapes = managed.shapes();
    p.changes = State.take(admin, managed).since(before);
    finish(p, cpu0);
    return p;
  }

  Phase quiet(Duration length) throws InterruptedException {
    proc.takePeakMb();
    double cpu0 = proc.cpuSeconds();
    Phase p = new Phase("quiet", Prom.scrape(port));
    Thread.sleep(length.toMillis());
    p.end = Instant.now();
    finish(p, cpu0);
    return p;
  }

  private void finish(Phase p, double cpu0) {
    p.cpuSeconds = proc.cpuSeconds() - cpu0;
    p.peakRssMb = proc.takePeakMb();
    p.metricsAfter = Prom.scrape(port);
    p.requests = audit.read(user, p.start, p.end);
  }

  /**
   * Realised: the pool reports the plan applied (Ready=True, reason Applied) for its current generation, every pod the
   * operator owns is Running and none is leaving, the pods' GPUs by kind equal the status's counts, and the counts
   * differ from before the change (so this is the new plan, not the old one).
   */
  @SuppressWarnings("unchecked")
  private boolean realised(Map<String, Object> status, Object gpusBefore) {
    Object gpus = status.get("gpus");
    if (gpus == null || Objects.equals(gpus, gpusBefore) || !managed.settled() || managed.size() == 0) {
      return false;
    }
    List<Map<String, Object>> conditions = (List<Map<String, Object>>) status.getOrDefault("conditions", List.of());
    boolean applied = conditions.stream().anyMatch(c -> "Ready".equals(c.get("type")) && "True".equals(c.get("status"))
        && "Applied".equals(c.get("reason")));
    Map<String, Object> g = (Map<String, Object>) gpus;
    Map<String, Integer> running = managed.runningGpusByKind();
    return applied && number(g.get("mining")) == running.getOrDefault("miner", 0)
        && number(g.get("ai")) == running.getOrDefault("ai", 0);
  }

  private static int number(Object o) {
    return o instanceof Number n ? n.intValue() : 0;
  }

  /** Until the operator has made no write for {@link #IDLE} (at most 3 minutes). */
  private void awaitIdle(Instant since) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      Instant last = audit.read(user, since, Instant.now().plusSeconds(60)).stream().filter(r -> r.write() && !r.lease())
          .map(Audit.Request::at).max(Instant::compareTo).orElse(since);
      if (Duration.between(last, Instant.now()).compareTo(IDLE) >= 0) {
        return;
      }
      Thread.sleep(1000);
    }
  }
}

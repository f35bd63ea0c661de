package io.gpushift.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The measurements of one scenario: its window, the operator's requests in it, its CPU, peak RSS and latencies. */
final class Phase {

  static final String ENGINE = "gpushift_engine_duration_seconds";
  static final String DECISION = "gpushift_decision_duration_seconds";

  final String name;
  final Instant start = Instant.now();
  Instant end;
  Duration realised;
  /** When the last new pod appeared (the operator's creates done; the rest is scheduling and starting). */
  Duration created;
  Duration confirmed;
  double cpuSeconds;
  double peakRssMb;
  List<Audit.Request> requests = List.of();
  State.Changes changes;
  Map<String, Pods.Shape> shapes;
  /** The pool's status.gpus once realised: the next phase is realised when it has changed. */
  Object statusGpus;
  private final String metricsBefore;
  String metricsAfter = "";

  Phase(String name, String metricsBefore) {
    this.name = name;
    this.metricsBefore = metricsBefore;
  }

  /** Writes to anything but the leader-election Lease. */
  long writes() {
    return requests.stream().filter(r -> r.write() && !r.lease()).count();
  }

  long writes(String what) {
    return requests.stream().filter(r -> r.write() && r.what().equals(what)).count();
  }

  double seconds() {
    return Duration.between(start, end).toMillis() / 1000.0;
  }

  /** "p50 / p99 (n)" of a histogram over this phase, in milliseconds. */
  String latency(String metric, String labels) {
    var h = Prom.minus(Prom.buckets(metricsAfter, metric, labels), Prom.buckets(metricsBefore, metric, labels));
    double n = Prom.count(h);
    if (n <= 0) {
      return "–";
    }
    return String.format(java.util.Locale.ROOT, "%.0f / %.0f ms (n=%.0f)", Prom.quantile(h, 0.5) * 1000,
        Prom.quantile(h, 0.99) * 1000, n);
  }
}

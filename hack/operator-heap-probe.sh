#!/usr/bin/env bash
# Samples the scale benchmark's operator JVM while `./gpushift bench scale` runs (start it beside the benchmark):
# every 5 s RSS, heap occupancy (jstat -gc) and loaded classes (jstat -class) into $OUT/probe.log; every 60 s a class
# histogram of the live heap (jcmd GC.class_histogram, which runs a full GC first: it perturbs the run's timings, so
# use it for diagnosis only, never for a reported ratio). Stop it with Ctrl-C or kill. docs/benchmarks.md, round 4.
set -euo pipefail
OUT=${1:-/tmp/gpushift-heap-probe}
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin
mkdir -p "$OUT"
n=0
while true; do
  # the operator, not the harness: only the operator runs under the chart's MaxRAM
  pid=$(pgrep -f 'MaxRAM=512m.*quarkus-run.jar' | head -1 || true)
  if [ -n "$pid" ]; then
    rss=$(awk '/VmRSS/{print $2}' "/proc/$pid/status" 2>/dev/null || true)
    echo "$(date +%T) pid=$pid rss_kb=$rss gc: $("$J/jstat" -gc "$pid" 2>/dev/null | tail -1)" \
      "| classes: $("$J/jstat" -class "$pid" 2>/dev/null | tail -1)" >> "$OUT/probe.log"
    n=$((n + 1))
    if [ $((n % 12)) -eq 0 ]; then
      "$J/jcmd" "$pid" GC.class_histogram > "$OUT/histo-$(date +%H%M%S).txt" 2>&1 || true
    fi
  fi
  sleep 5
done

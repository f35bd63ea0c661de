#!/usr/bin/env bash
# ./gpushift bench scale [--nodes N] [--keep-cluster] [JAR OPTIONS...]   (docs/benchmarks.md)
# Starts the local control plane with the benchmark's fleet (N kwok nodes x 8 GPUs, default 100) and an audit policy
# for the operator's and the baseline's ServiceAccounts, runs bench/target/gpushift-bench.jar (operator in its own
# JVM: cold start, price flip, quiet minutes; then the baseline), prints the report and stops the cluster.
# Other options go to the jar: --quiet-minutes M (10), --baseline-concurrency C (16), --operator-max-ram (512m),
# --operator-nmt (native memory tracking: the report adds what the JVM itself holds). The operator's JVM options are the
# chart's (helm/gpushift/values.yaml, jvm.*).
# The report is also written to $dir/report-N.md. Environment: GPUSHIFT_BENCH_DIR (cluster directory), JAVA_HOME,
# GPUSHIFT_REBUILD=1 (rebuild the operator and bench jars).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "gpushift bench: $*" >&2; exit 1; }

[ "${1:-}" = scale ] || die "usage: ./gpushift bench scale [--nodes N] [--keep-cluster] [--quiet-minutes M] ..."
shift
nodes=100 keep=false args=()
while [ $# -gt 0 ]; do
  case $1 in
    --nodes) nodes=${2:?--nodes needs a value}; shift 2 ;;
    --keep-cluster) keep=true; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$1"); shift ;;
  esac
done
cd "$root"
. hack/lib/java.sh
select_jdk || die "no JDK >= 21"
java=$JAVA_HOME/bin/java
operator_jar=operator/target/quarkus-app/quarkus-run.jar
bench_jar=bench/target/gpushift-bench.jar
if [ ! -f "$operator_jar" ] || [ ! -f "$bench_jar" ] || [ "${GPUSHIFT_REBUILD:-0}" = 1 ]; then
  echo "gpushift bench: building the operator and the benchmark" >&2
  ./mvnw -B -q -pl operator,bench -am package -DskipTests >&2 || die "build failed (see above)"
fi

dir=${GPUSHIFT_BENCH_DIR:-${GPUSHIFT_CACHE:-$HOME/.cache/gpushift}/bench-cluster}
mkdir -p "$dir"
rm -f "$dir/logs/audit.log"
"$java" -jar "$bench_jar" --nodes "$nodes" --write-fleet "$dir/fleet.yaml"
cleanup() {
  if [ "$keep" = true ]; then
    echo "gpushift bench: cluster left running: ./gpushift cluster down --dir $dir" >&2
  else
    "$root/gpushift" cluster down --dir "$dir" >&2 || true
  fi
}
trap cleanup EXIT
bin=$("$root/localcluster/build.sh" | tail -1) || exit 1
# This checkout's launcher (it has --audit-policy), built beside the cluster: the shared one in $bin follows whichever
# checkout built it last.
(cd "$root/localcluster/launcher" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -o "$dir/gpushift-cluster" .) \
  || die "building the launcher failed (see above)"
echo "gpushift bench: starting the local cluster with $nodes nodes in $dir (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
kc=$("$dir/gpushift-cluster" up --detach --dir "$dir" --bin-dir "$bin" --fleet "$dir/fleet.yaml" \
  --device-plugin-configs "$root/localcluster/device-plugin-configs" --audit-policy "$dir/audit-policy.yaml" | tail -1)
case $kc in KUBECONFIG=*) kubeconfig=${kc#KUBECONFIG=} ;; *) die "cluster up did not print KUBECONFIG=... (got: $kc)" ;; esac
"$java" -jar "$bench_jar" --nodes "$nodes" --kubeconfig "$kubeconfig" --cluster-dir "$dir" \
  --operator-jar "$root/$operator_jar" --crds "$root/crds" --chart-values "$root/helm/gpushift/values.yaml" \
  --out "$dir/report-$nodes.md" "${args[@]}"

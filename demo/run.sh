#!/usr/bin/env bash
# ./gpushift demo [--port N] [--speed X] [--tick D] [--keep-cluster] [--samples DIR]
# Builds what is missing (operator, demo jar), starts the local control plane with the demo fleet
# (localcluster/fleets/demo.yaml, 24 nodes), runs demo/target/gpushift-demo.jar (CRDs, resources, operator, scenario,
# live page on 127.0.0.1) and, on Ctrl-C, stops the demo (which stops the operator) and then the cluster.
# --samples DIR: the default fleet and DIR's YAML (e.g. samples/quickstart) instead of the scenario.
# Environment: GPUSHIFT_DEMO_DIR (cluster directory, default ~/.cache/gpushift/demo-cluster), JAVA_HOME.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() { echo "gpushift demo: $*" >&2; exit 1; }

port=8090 speed=1 tick=10s keep=false samples= fleet=$root/localcluster/fleets/demo.yaml
while [ $# -gt 0 ]; do
  case $1 in
    --port) port=${2:?--port needs a value}; shift 2 ;;
    --speed) speed=${2:?--speed needs a value}; shift 2 ;;
    --tick) tick=${2:?--tick needs a value}; shift 2 ;;
    --keep-cluster) keep=true; shift ;;
    --samples) samples=$(cd "${2:?--samples needs a directory}" && pwd); fleet=$root/localcluster/fleets/default.yaml; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done
cd "$root"

. hack/lib/java.sh # the same JDK choice as ./gpushift and CI (>= 21, newest under /usr/lib/jvm)
select_jdk || die "no JDK >= 21"
java=$JAVA_HOME/bin/java
operator_jar=operator/target/quarkus-app/quarkus-run.jar
demo_jar=demo/target/gpushift-demo.jar

# Build what is missing (delete the jars to force a rebuild).
if [ ! -f "$operator_jar" ]; then
  echo "gpushift demo: building the operator" >&2
  ./mvnw -B -q -pl operator -am install -DskipTests >&2
fi
if [ ! -f "$demo_jar" ]; then
  echo "gpushift demo: building the demo" >&2
  if grep -q '<module>demo</module>' pom.xml; then
    ./mvnw -B -q -pl demo -am package -DskipTests >&2
  else # demo/ not yet a module of the root pom: install what it needs, then build it on its own
    ./mvnw -B -q -pl engine,api install -DskipTests >&2
    ./mvnw -B -q -f demo/pom.xml package -DskipTests >&2
  fi
fi

dir=${GPUSHIFT_DEMO_DIR:-${GPUSHIFT_CACHE:-$HOME/.cache/gpushift}/demo-cluster}
demo_pid=
cleanup() {
  trap - INT TERM EXIT
  if [ -n "$demo_pid" ] && kill -0 "$demo_pid" 2>/dev/null; then
    kill -TERM "$demo_pid" 2>/dev/null || true   # its shutdown hook stops the scenario, the page and the operator
    wait "$demo_pid" 2>/dev/null || true
  fi
  if [ "$keep" = true ]; then
    echo "gpushift demo: cluster left running (--keep-cluster): ./gpushift cluster down --dir $dir" >&2
  else
    echo "gpushift demo: stopping the local cluster" >&2
    "$root/gpushift" cluster down --dir "$dir" >&2 || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "gpushift demo: starting the local cluster (fleet ${fleet#"$root"/}) in $dir" >&2
kc=$("$root/gpushift" cluster up --fleet "$fleet" --dir "$dir" | tail -1)
case $kc in KUBECONFIG=*) kubeconfig=${kc#KUBECONFIG=} ;; *) die "cluster up did not print KUBECONFIG=... (got: $kc)" ;; esac

mkdir -p "$dir/demo-logs"
# In the background, so that this shell receives Ctrl-C and forwards it as SIGTERM (a non-interactive shell's
# background children ignore SIGINT).
"$java" -jar "$demo_jar" --kubeconfig "$kubeconfig" --port "$port" --speed "$speed" --tick "$tick" \
  --crds "$root/crds" --operator-jar "$root/$operator_jar" --log-dir "$dir/demo-logs" ${samples:+--samples "$samples"} &
demo_pid=$!
wait "$demo_pid"

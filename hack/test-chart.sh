#!/usr/bin/env bash
# Offline checks of helm/gpushift with a helm built from Go modules (hack/build-helm.sh):
# strict lint, rendering with default and all-features values, schema rejections with a
# clear message, and "no wildcard in any RBAC rule". Needs no cluster; the cluster-side
# checks (install, RBAC on a real API server) are the Java ITs in chart-tests/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
chart=$root/helm/gpushift
helm=$("$root/hack/build-helm.sh" | tail -n 1)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0
pass() { echo "ok   - $*"; }
fail() { echo "FAIL - $*"; fails=$((fails + 1)); }

all_on=(--set metrics.serviceMonitor.enabled=true --set grafanaDashboard.enabled=true
        --set 'secretNamespaces={feeds,market}' --set 'watchNamespaces={tenant-a,tenant-b}')

# 1. strict lint, default and all features on
if "$helm" lint --strict "$chart" >"$tmp/lint" 2>&1; then pass "helm lint --strict"; else cat "$tmp/lint"; fail "helm lint --strict"; fi
if "$helm" lint --strict "$chart" "${all_on[@]}" >"$tmp/lint2" 2>&1; then pass "helm lint --strict (all features)"; else cat "$tmp/lint2"; fail "helm lint --strict (all features)"; fi

# 2. render
if "$helm" template gpushift "$chart" -n gpushift-system --include-crds >"$tmp/default.yaml" 2>"$tmp/err"; then
  pass "helm template (defaults): $(grep -c '^kind:' "$tmp/default.yaml") objects"
else cat "$tmp/err"; fail "helm template (defaults)"; fi
if "$helm" template gpushift "$chart" -n gpushift-system "${all_on[@]}" >"$tmp/all.yaml" 2>"$tmp/err"; then
  pass "helm template (all features): $(grep -c '^kind:' "$tmp/all.yaml") objects"
else cat "$tmp/err"; fail "helm template (all features)"; fi
for kind in ServiceAccount ClusterRole ClusterRoleBinding Role RoleBinding Deployment Service PriorityClass ServiceMonitor ConfigMap; do
  grep -q "^kind: $kind\$" "$tmp/all.yaml" && pass "renders a $kind" || fail "renders no $kind"
done

# 3. schema and template guards reject bad values with a message naming the problem
reject() { # reject <expected message fragment> <helm args...>
  local want=$1; shift
  if "$helm" template x "$chart" "$@" >/dev/null 2>"$tmp/err"; then
    fail "accepted bad values: $*"
  elif grep -qF -- "$want" "$tmp/err"; then
    pass "rejects $* ($(grep -F -- "$want" "$tmp/err" | head -n 1 | cut -c1-110))"
  else
    cat "$tmp/err"; fail "rejects $* but without '$want'"
  fi
}
reject "replicaCount" --set replicaCount=-1
reject "pullPolicy" --set image.pullPolicy=Sometimes
reject "replicas" --set replicas=2                       # typo of replicaCount: unknown keys are errors
reject "readOnlyRootFilesystem" --set containerSecurityContext.readOnlyRootFilesystem=false
reject "secretNamespaces" --set 'secretNamespaces={Not_A_Namespace}'
reject "value" --set priorityClasses.aiGuaranteed.value=2000000000
reject "requires leaderElection.enabled" --set leaderElection.enabled=false --set replicaCount=2

# 4. no wildcard anywhere in RBAC rules, and Secrets never in a ClusterRole
if grep -nE '^\s*(verbs|resources|apiGroups|resourceNames): .*"\*"' "$tmp/all.yaml"; then fail "wildcard in an RBAC rule"; else pass "no '*' in RBAC rules"; fi
awk '/^kind: /{k=$2} k=="ClusterRole" && /secrets/' "$tmp/all.yaml" | grep -q . && fail "a ClusterRole mentions secrets" || pass "no ClusterRole grants secrets"

# 5. the Argo CD health check (argocd/health.lua, also in the README) under gopher-lua, Argo CD's Lua
if (cd "$root/chart-tests/argocd-health" && GOFLAGS=-mod=mod go test -p 1 -count=1 ./... >"$tmp/lua" 2>&1); then
  pass "Argo CD health.lua (gopher-lua): Healthy/Degraded/Progressing, README copy in sync"
else cat "$tmp/lua"; fail "Argo CD health.lua"; fi

echo
if ((fails)); then echo "$fails check(s) failed"; exit 1; fi
echo "all chart checks passed"

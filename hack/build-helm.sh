#!/usr/bin/env bash
# Builds a helm binary from the Go module proxy (no prebuilt downloads), the same
# honest way the local control plane is built, and prints its path on stdout.
# Cached in ~/.cache/gpushift/tools/bin, so a second run costs nothing.
set -euo pipefail

# Pinned: the latest Helm v3 release at the time of writing. v3 is what most
# clusters and Argo CD still run; the chart is apiVersion v2 and works on v4 too.
HELM_VERSION="${HELM_VERSION:-v3.22.0}"
TOOLS_BIN="${GPUSHIFT_TOOLS_BIN:-$HOME/.cache/gpushift/tools/bin}"
HELM="$TOOLS_BIN/helm"

# The stamp records how the binary was built, so a change to this script rebuilds it.
STAMP="$TOOLS_BIN/.helm.stamp"
BUILD_ID="$HELM_VERSION kube-capabilities-from-client-go"
if [[ -x "$HELM" && -f "$STAMP" && "$(cat "$STAMP")" == "$BUILD_ID" ]]; then
  echo "$HELM"
  exit 0
fi

command -v go >/dev/null || { echo "build-helm.sh: go is required (Go >= 1.24)" >&2; exit 1; }
mkdir -p "$TOOLS_BIN"
echo "build-helm.sh: building helm $HELM_VERSION into $TOOLS_BIN (a few minutes the first time)" >&2
# Helm's Makefile stamps the Kubernetes version it assumes for 'helm template' and 'helm lint'
# from its client-go version (v0.X -> 1.X); without that it assumes 1.20 and refuses charts
# that need a newer cluster. Read client-go's version from Helm's own go.mod.
gomod=$(GOFLAGS=-mod=mod go mod download -json "helm.sh/helm/v3@$HELM_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
kube_minor=$(awk '$1 == "k8s.io/client-go" { print $2 }' "$gomod" | cut -d. -f2)
[[ "$kube_minor" =~ ^[0-9]+$ ]] || { echo "build-helm.sh: cannot read client-go version from $gomod" >&2; exit 1; }
ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
for pkg in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
  ldflags="$ldflags -X $pkg.k8sVersionMajor=1 -X $pkg.k8sVersionMinor=$kube_minor"
done
# -p 1: another large Go build (Kubernetes) may share the machine's cores.
GOBIN="$TOOLS_BIN" GOFLAGS="${GOFLAGS:-} -mod=mod" CGO_ENABLED=0 go install -p 1 -trimpath -ldflags "$ldflags" \
  "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2
echo "$BUILD_ID" > "$STAMP"
echo "$HELM"

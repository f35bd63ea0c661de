#!/usr/bin/env bash
# Builds the local control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok)
# and our own launcher from the Go module proxy into a versioned cache outside the repo.
# Skips every binary that is already there. Prints the bin directory as its last line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
K8S_VERSION=v1.37.2
cache=${GPUSHIFT_CACHE:-$HOME/.cache/gpushift}
bin=$cache/k8s-$K8S_VERSION/bin
# --bin-dir: only print where the binaries live (e.g. for `./gpushift cluster down`), build nothing.
if [ "${1:-}" = --bin-dir ]; then echo "$bin"; exit 0; fi
mkdir -p "$bin"
# One build at a time per bin dir (e.g. two Maven modules' test JVMs starting together): the second waits, then skips.
exec 9>"$bin/.build.lock"
flock 9

die() { echo "localcluster/build.sh: $*" >&2; exit 1; }
command -v go >/dev/null || die "no Go toolchain on PATH: install Go >= 1.26 (Debian: golang, or go.dev) and run again"
goversion=$(go env GOVERSION)
case "$goversion" in go1.2[6-9]*|go1.[3-9]*) ;; *) die "Go $goversion is too old: Kubernetes ${K8S_VERSION} needs Go >= 1.26";; esac

export CGO_ENABLED=0 GOFLAGS=-mod=mod
jobs=${GPUSHIFT_BUILD_JOBS:-2}

# build <module dir> <binary name...> -- <packages...>: one `go build` per module so shared packages compile once.
need() { for b in "$@"; do [ -x "$bin/$b" ] || return 0; done; return 1; }
gobuild() {
  local dir=$1 ldflags=$2; shift 2
  (cd "$here/$dir" && go build -p "$jobs" -trimpath -tags selinux,notest -ldflags "$ldflags" -o "$bin/" "$@") \
    || die "go build in localcluster/$dir failed (see above). A refused module download means the Go module proxy is unreachable: check GOPROXY ($(go env GOPROXY))"
}

if need etcd; then echo "building etcd" >&2; gobuild etcd "-s -w" . ; fi
if need kwok; then echo "building kwok" >&2; gobuild kwok "-s -w" sigs.k8s.io/kwok/cmd/kwok; fi
if need kube-apiserver kube-controller-manager kube-scheduler; then
  echo "building kube-apiserver, kube-controller-manager, kube-scheduler $K8S_VERSION (cold: tens of minutes)" >&2
  P=k8s.io/component-base/version; C=k8s.io/client-go/pkg/version
  minor=$(echo "$K8S_VERSION" | cut -d. -f2)
  LDF="-s -w -X $P.gitVersion=$K8S_VERSION -X $P.gitMajor=1 -X $P.gitMinor=$minor -X $P.gitTreeState=clean -X $P.buildDate=2026-01-01T00:00:00Z"
  LDF="$LDF -X $C.gitVersion=$K8S_VERSION -X $C.gitMajor=1 -X $C.gitMinor=$minor"
  gobuild k8s "$LDF" k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler
fi
# Our launcher is small and changes with the repo: rebuild it whenever one of its sources is newer than the binary.
if need gpushift-cluster || [ -n "$(find "$here/launcher" -newer "$bin/gpushift-cluster" -type f | head -1)" ]; then
  echo "building gpushift-cluster (launcher)" >&2
  (cd "$here/launcher" && go build -p "$jobs" -trimpath -ldflags "-s -w" -o "$bin/gpushift-cluster" .) \
    || die "go build in localcluster/launcher failed (see above). A refused module download means the Go module proxy is unreachable: check GOPROXY ($(go env GOPROXY))"
fi
echo "$bin"

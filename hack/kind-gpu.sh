#!/usr/bin/env bash
# Creates a Kind cluster whose nodes advertise fake NVIDIA GPUs, for users who have Docker.
# UNTESTED HERE: the machines this project is developed on have no Docker engine. The local control plane
# (./gpushift cluster up) is the tested path; this script is a convenience for running the e2e suite with
#   kind get kubeconfig --name gpushift > /tmp/kind-gpushift.kubeconfig
#   GPUSHIFT_TEST_KUBECONFIG=/tmp/kind-gpushift.kubeconfig ./mvnw verify
# Note: pods requesting nvidia.com/gpu will be scheduled onto these nodes, but the real kubelet there cannot start
# them with GPUs (there are none) — kwok-based tests (fleet nodes, the device plugin simulator) need the local plane.
#
# usage: hack/kind-gpu.sh [cluster-name] [gpus-per-node] [gpu-product]
set -euo pipefail
name=${1:-gpushift}
gpus=${2:-8}
product=${3:-NVIDIA-H100-80GB-HBM3}
memory=${GPU_MEMORY_MIB:-81559}

for tool in docker kind kubectl; do
  command -v "$tool" >/dev/null || { echo "kind-gpu.sh: $tool is required but not on PATH" >&2; exit 1; }
done

if ! kind get clusters | grep -qx "$name"; then
  kind create cluster --name "$name" --config - <<'EOF'
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
nodes:
  - role: control-plane
  - role: worker
  - role: worker
EOF
fi
ctx=kind-$name

# Extended resources live in node status; patch it through the status subresource. The kubelet leaves unknown
# extended resources alone, so the fake capacity stays until the node re-registers.
for node in $(kubectl --context "$ctx" get nodes -l '!node-role.kubernetes.io/control-plane' -o name); do
  kubectl --context "$ctx" patch "$node" --subresource=status --type=json -p "[
    {\"op\":\"add\",\"path\":\"/status/capacity/nvidia.com~1gpu\",\"value\":\"$gpus\"},
    {\"op\":\"add\",\"path\":\"/status/allocatable/nvidia.com~1gpu\",\"value\":\"$gpus\"}]"
  # The labels GPU Feature Discovery would set.
  kubectl --context "$ctx" label --overwrite "$node" \
    nvidia.com/gpu.present=true "nvidia.com/gpu.product=$product" "nvidia.com/gpu.memory=$memory" \
    "nvidia.com/gpu.count=$gpus" nvidia.com/gpu.replicas=1
done
kubectl --context "$ctx" get nodes -L nvidia.com/gpu.product,nvidia.com/gpu.count
echo "KUBECONFIG: kind get kubeconfig --name $name > /tmp/kind-$name.kubeconfig"

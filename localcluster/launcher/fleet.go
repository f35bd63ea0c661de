package main

// Fleet file → fake GPU nodes managed by kwok. The Java quote CLI reads the same file format.

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"sigs.k8s.io/yaml"
)

type fleet struct {
	APIVersion string      `json:"apiVersion"`
	Kind       string      `json:"kind"`
	NodeGroups []nodeGroup `json:"nodeGroups"`
}

type nodeGroup struct {
	Name         string            `json:"name"`
	Count        int               `json:"count"`
	GPUProduct   string            `json:"gpuProduct"`
	GPUMemoryMiB int64             `json:"gpuMemoryMiB"`
	GPUsPerNode  int64             `json:"gpusPerNode"`
	Labels       map[string]string `json:"labels,omitempty"`
}

const (
	labelProduct   = "nvidia.com/gpu.product"
	labelMemory    = "nvidia.com/gpu.memory"
	labelCount     = "nvidia.com/gpu.count"
	labelPresent   = "nvidia.com/gpu.present"
	labelFamily    = "nvidia.com/gpu.family"
	labelReplicas  = "nvidia.com/gpu.replicas"
	labelDPConfig  = "nvidia.com/device-plugin.config"
	resourceGPU    = corev1.ResourceName("nvidia.com/gpu")
	kwokAnnotation = "kwok.x-k8s.io/node"
)

// maxGroupNodes bounds one group; the scale benchmark runs 1,000 nodes and more.
const maxGroupNodes = 5000

var dnsLabel = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)

func loadFleet(path string) (*fleet, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read fleet file: %w", err)
	}
	var f fleet
	if err := yaml.UnmarshalStrict(data, &f); err != nil {
		return nil, fmt.Errorf("fleet file %s is not valid: %w", path, err)
	}
	if f.APIVersion != "gpushift.io/v1alpha1" || f.Kind != "Fleet" {
		return nil, fmt.Errorf("fleet file %s: want apiVersion gpushift.io/v1alpha1 and kind Fleet, got %q %q", path, f.APIVersion, f.Kind)
	}
	seen := map[string]bool{}
	for _, g := range f.NodeGroups {
		switch {
		case !dnsLabel.MatchString(g.Name) || len(g.Name) > 60:
			return nil, fmt.Errorf("fleet file %s: node group name %q must be a lower-case DNS label", path, g.Name)
		case seen[g.Name]:
			return nil, fmt.Errorf("fleet file %s: node group %q appears twice", path, g.Name)
		case g.Count < 0 || g.Count > maxGroupNodes:
			return nil, fmt.Errorf("fleet file %s: node group %q: count must be 0..%d", path, g.Name, maxGroupNodes)
		case g.GPUsPerNode < 1 || g.GPUMemoryMiB < 1 || g.GPUProduct == "":
			return nil, fmt.Errorf("fleet file %s: node group %q needs gpuProduct, gpuMemoryMiB > 0 and gpusPerNode > 0", path, g.Name)
		}
		seen[g.Name] = true
	}
	return &f, nil
}

// gpuFamily guesses the GFD family label (the architecture) from the product name.
func gpuFamily(product string) string {
	p := strings.ToUpper(product)
	switch {
	case strings.Contains(p, "H100"), strings.Contains(p, "H200"), strings.Contains(p, "GH200"):
		return "hopper"
	case strings.Contains(p, "B200"), strings.Contains(p, "GB200"):
		return "blackwell"
	case strings.Contains(p, "RTX-40"), strings.Contains(p, "L40"), strings.Contains(p, "L4"):
		return "ada-lovelace"
	case strings.Contains(p, "RTX-30"), strings.Contains(p, "A100"), strings.Contains(p, "A10"), strings.Contains(p, "A40"):
		return "ampere"
	case strings.Contains(p, "T4"), strings.Contains(p, "RTX-20"):
		return "turing"
	case strings.Contains(p, "V100"):
		return "volta"
	}
	return "unknown"
}

// fakeGPUNode builds the Node object for one fleet member. Nodes keep status on create, and kwok's
// node-initialize stage keeps the given capacity/allocatable.
func fakeGPUNode(g nodeGroup, index int) *corev1.Node {
	name := fmt.Sprintf("%s-%02d", g.Name, index)
	labels := map[string]string{
		"type": "kwok", "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
		"gpushift.io/node-group": g.Name,
		labelProduct:             g.GPUProduct,
		labelMemory:              strconv.FormatInt(g.GPUMemoryMiB, 10),
		labelCount:               strconv.FormatInt(g.GPUsPerNode, 10),
		labelPresent:             "true",
		labelFamily:              gpuFamily(g.GPUProduct),
		labelReplicas:            "1", // what GFD reports without sharing; the device plugin simulator keeps it current
	}
	for k, v := range g.Labels {
		labels[k] = v
	}
	res := corev1.ResourceList{
		corev1.ResourceCPU: resource.MustParse("128"), corev1.ResourceMemory: resource.MustParse("1Ti"),
		corev1.ResourcePods: resource.MustParse("250"), corev1.ResourceEphemeralStorage: resource.MustParse("10Ti"),
		resourceGPU: *resource.NewQuantity(g.GPUsPerNode, resource.DecimalSI),
	}
	return &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels, Annotations: map[string]string{
			kwokAnnotation: "fake", "node.alpha.kubernetes.io/ttl": "0",
			annotationPhysical: strconv.FormatInt(g.GPUsPerNode, 10),
		}},
		Status: corev1.NodeStatus{
			Capacity: res, Allocatable: res.DeepCopy(), Phase: corev1.NodeRunning,
			NodeInfo: corev1.NodeSystemInfo{Architecture: "amd64", OperatingSystem: "linux", KubeletVersion: "fake"},
		},
	}
}

// createFleet creates every node (idempotent: existing nodes are left alone) and returns their names.
func createFleet(ctx context.Context, cs kubernetes.Interface, f *fleet) ([]string, error) {
	var names []string
	for _, g := range f.NodeGroups {
		for i := 0; i < g.Count; i++ {
			n := fakeGPUNode(g, i)
			if _, err := cs.CoreV1().Nodes().Create(ctx, n, metav1.CreateOptions{}); err != nil && !apierrors.IsAlreadyExists(err) {
				return nil, fmt.Errorf("creating node %s: %w", n.Name, err)
			}
			names = append(names, n.Name)
		}
	}
	return names, nil
}

func nodeReady(n *corev1.Node) bool {
	for _, c := range n.Status.Conditions {
		if c.Type == corev1.NodeReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

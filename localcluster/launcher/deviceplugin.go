package main

// Simulated NVIDIA device plugin + GPU Feature Discovery relabelling. THIS IS A TEST DOUBLE: kwok nodes have no
// kubelet, so no real device plugin can run. It reproduces what NVIDIA documents for the k8s-device-plugin's
// per-node configuration (label nvidia.com/device-plugin.config=<name>, configs in NVIDIA's file format):
//
//   - the label names a known config: nvidia.com/gpu capacity/allocatable = physical GPUs × timeSlicing replicas,
//     label nvidia.com/gpu.replicas=<replicas>, and nvidia.com/gpu.product gets the "-SHARED" suffix when
//     replicas > 1 — unless renameByDefault is true, in which case the resource is advertised as
//     nvidia.com/gpu.shared and the product label keeps its name (a per-resource `rename` wins over both);
//   - the label names an unknown config: nothing changes (the real plugin keeps running with its old config);
//   - no label: the config named "default" applies (no sharing if there is none): physical count, replicas=1.
//
// The physical GPU count is remembered in an annotation the simulator owns, so sharing can be undone.

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/client-go/util/retry"
	"sigs.k8s.io/yaml"
)

const (
	annotationPhysical = "gpushift.io/physical-gpus" // owned by the simulator
	sharedSuffix       = "-SHARED"
	defaultConfigName  = "default"
)

// dpConfig is the part of NVIDIA's device plugin config file (version v1) that the simulator honours.
type dpConfig struct {
	Version string `json:"version"`
	Sharing struct {
		TimeSlicing struct {
			RenameByDefault bool `json:"renameByDefault"`
			Resources       []struct {
				Name     string `json:"name"`
				Rename   string `json:"rename"`
				Replicas int64  `json:"replicas"`
			} `json:"resources"`
		} `json:"timeSlicing"`
	} `json:"sharing"`
}

// sharing is the effective advertisement for nvidia.com/gpu under one config.
type sharing struct {
	resource corev1.ResourceName
	replicas int64
	renamed  bool
}

// loadDPConfig reads <dir>/<name>.yaml; ok=false when no such config exists.
func loadDPConfig(dir, name string) (sharing, bool, error) {
	s := sharing{resource: resourceGPU, replicas: 1}
	if dir == "" || strings.ContainsAny(name, "/\\") || name == "" {
		return s, false, nil
	}
	data, err := os.ReadFile(filepath.Join(dir, name+".yaml"))
	if os.IsNotExist(err) {
		return s, false, nil
	} else if err != nil {
		return s, false, err
	}
	var c dpConfig
	if err := yaml.Unmarshal(data, &c); err != nil {
		return s, false, fmt.Errorf("device plugin config %s: %w", name, err)
	}
	ts := c.Sharing.TimeSlicing
	for _, r := range ts.Resources {
		if r.Name != string(resourceGPU) || r.Replicas <= 1 {
			continue
		}
		s.replicas = r.Replicas
		switch {
		case r.Rename != "":
			s.resource, s.renamed = corev1.ResourceName(r.Rename), true
		case ts.RenameByDefault:
			s.resource, s.renamed = resourceGPU+".shared", true
		}
	}
	return s, true, nil
}

// cmdDevicePluginSim runs only the simulator, in the foreground, against an existing cluster (e.g. Kind).
func cmdDevicePluginSim(args []string) error {
	fs := flag.NewFlagSet("device-plugin-sim", flag.ExitOnError)
	kubeconfig := fs.String("kubeconfig", os.Getenv("KUBECONFIG"), "kubeconfig of the cluster")
	dir := fs.String("device-plugin-configs", "", "directory of NVIDIA device plugin configs (<name>.yaml)")
	_ = fs.Parse(args)
	cfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		return err
	}
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	(&devicePluginSim{cs: cs, configDir: *dir, logger: log.New(os.Stderr, "", log.LstdFlags)}).run(ctx)
	return nil
}

type devicePluginSim struct {
	cs        kubernetes.Interface
	configDir string
	logger    *log.Logger
}

// run watches GPU nodes until ctx ends.
func (d *devicePluginSim) run(ctx context.Context) {
	factory := informers.NewSharedInformerFactoryWithOptions(d.cs, 10*time.Minute,
		informers.WithTweakListOptions(func(o *metav1.ListOptions) { o.LabelSelector = labelPresent + "=true" }))
	inf := factory.Core().V1().Nodes().Informer()
	handle := func(obj any) {
		if n, ok := obj.(*corev1.Node); ok {
			if err := d.reconcile(ctx, n.Name); err != nil && ctx.Err() == nil {
				d.logger.Printf("device-plugin-sim: node %s: %v", n.Name, err)
			}
		}
	}
	_, _ = inf.AddEventHandler(cache.ResourceEventHandlerFuncs{AddFunc: handle, UpdateFunc: func(_, n any) { handle(n) }})
	factory.Start(ctx.Done())
	<-ctx.Done()
	factory.Shutdown()
}

func (d *devicePluginSim) reconcile(ctx context.Context, name string) error {
	return retry.RetryOnConflict(retry.DefaultRetry, func() error {
		n, err := d.cs.CoreV1().Nodes().Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		cfgName, labelled := n.Labels[labelDPConfig]
		if !labelled {
			cfgName = defaultConfigName
		}
		s, known, err := loadDPConfig(d.configDir, cfgName)
		if err != nil {
			return err
		}
		if labelled && !known {
			return nil // unknown config: the real plugin keeps its current state
		}
		physical, err := physicalGPUs(n)
		if err != nil {
			return err
		}
		want := n.DeepCopy()
		if want.Annotations == nil {
			want.Annotations = map[string]string{}
		}
		want.Annotations[annotationPhysical] = strconv.FormatInt(physical, 10)
		product := strings.TrimSuffix(want.Labels[labelProduct], sharedSuffix)
		if s.replicas > 1 && !s.renamed {
			product += sharedSuffix
		}
		want.Labels[labelProduct] = product
		want.Labels[labelReplicas] = strconv.FormatInt(s.replicas, 10)
		if !equalMaps(want.Labels, n.Labels) || !equalMaps(want.Annotations, n.Annotations) {
			if n, err = d.cs.CoreV1().Nodes().Update(ctx, want, metav1.UpdateOptions{}); err != nil {
				return err
			}
			d.logger.Printf("device-plugin-sim: node %s: config %q → labels %s=%s %s=%d", name, cfgName, labelProduct, product, labelReplicas, s.replicas)
		}
		want = n.DeepCopy()
		for _, list := range []corev1.ResourceList{want.Status.Capacity, want.Status.Allocatable} {
			delete(list, resourceGPU)
			delete(list, resourceGPU+".shared")
			list[s.resource] = *resource.NewQuantity(physical*s.replicas, resource.DecimalSI)
		}
		if equalResources(want.Status.Capacity, n.Status.Capacity) && equalResources(want.Status.Allocatable, n.Status.Allocatable) {
			return nil
		}
		if _, err := d.cs.CoreV1().Nodes().UpdateStatus(ctx, want, metav1.UpdateOptions{}); err != nil {
			return err
		}
		d.logger.Printf("device-plugin-sim: node %s: config %q → %s=%d", name, cfgName, s.resource, physical*s.replicas)
		return nil
	})
}

// physicalGPUs is the remembered count, or (first sight) the current nvidia.com/gpu capacity.
func physicalGPUs(n *corev1.Node) (int64, error) {
	if v, ok := n.Annotations[annotationPhysical]; ok {
		return strconv.ParseInt(v, 10, 64)
	}
	if v, err := strconv.ParseInt(n.Labels[labelCount], 10, 64); err == nil {
		return v, nil
	}
	q := n.Status.Capacity[resourceGPU]
	return q.Value(), nil
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func equalResources(a, b corev1.ResourceList) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w.Cmp(v) != 0 {
			return false
		}
	}
	return true
}

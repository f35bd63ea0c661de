package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultFleetParses(t *testing.T) {
	f, err := loadFleet("../fleets/default.yaml")
	if err != nil {
		t.Fatal(err)
	}
	nodes, gpus := 0, int64(0)
	for _, g := range f.NodeGroups {
		nodes += g.Count
		gpus += int64(g.Count) * g.GPUsPerNode
	}
	if nodes != 20 || gpus != 4*8+8*4+8*8 {
		t.Fatalf("default fleet: %d nodes, %d GPUs", nodes, gpus)
	}
	n := fakeGPUNode(f.NodeGroups[0], 3)
	if n.Name != "h100-03" || n.Labels[labelProduct] != "NVIDIA-H100-80GB-HBM3" || n.Labels[labelFamily] != "hopper" {
		t.Fatalf("unexpected node %s %v", n.Name, n.Labels)
	}
}

func TestFleetRejectsTypos(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f.yaml")
	_ = os.WriteFile(p, []byte("apiVersion: gpushift.io/v1alpha1\nkind: Fleet\nnodeGroups:\n- name: a\n  count: 1\n  gpuProdukt: X\n"), 0o600)
	if _, err := loadFleet(p); err == nil {
		t.Fatal("expected an error for an unknown field")
	}
}

func TestDevicePluginConfigs(t *testing.T) {
	dir := "../device-plugin-configs"
	for name, want := range map[string]sharing{
		"default":             {resource: resourceGPU, replicas: 1},
		"mining":              {resource: resourceGPU, replicas: 1},
		"ai-shared-4":         {resource: resourceGPU, replicas: 4},
		"ai-shared-2-renamed": {resource: resourceGPU + ".shared", replicas: 2, renamed: true},
	} {
		got, ok, err := loadDPConfig(dir, name)
		if err != nil || !ok || got != want {
			t.Errorf("%s: got %+v ok=%v err=%v, want %+v", name, got, ok, err, want)
		}
	}
	if _, ok, _ := loadDPConfig(dir, "no-such-config"); ok {
		t.Error("unknown config must not be found")
	}
	if _, ok, _ := loadDPConfig(dir, "../fleets/default"); ok {
		t.Error("config names must not escape the directory")
	}
}

func TestAuditLogOnlyWithAPolicy(t *testing.T) {
	cp := &controlPlane{opt: options{dir: "/d"}}
	if got := cp.auditArgs(); got != nil {
		t.Fatalf("no policy, no audit flags: got %v", got)
	}
	cp.opt.auditPolicy = "/p/policy.yaml"
	got := strings.Join(cp.auditArgs(), " ")
	for _, want := range []string{"--audit-policy-file=/p/policy.yaml", "--audit-log-path=/d/logs/audit.log", "--audit-log-format=json"} {
		if !strings.Contains(got, want) {
			t.Errorf("audit flags %q lack %q", got, want)
		}
	}
}

func TestLargeGroupsAreAllowed(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f.yaml")
	_ = os.WriteFile(p, []byte("apiVersion: gpushift.io/v1alpha1\nkind: Fleet\nnodeGroups:\n- name: a\n  count: 1000\n  gpuProduct: X\n  gpuMemoryMiB: 1\n  gpusPerNode: 8\n"), 0o600)
	if _, err := loadFleet(p); err != nil {
		t.Fatal(err)
	}
	if n := fakeGPUNode(nodeGroup{Name: "a", GPUProduct: "X", GPUMemoryMiB: 1, GPUsPerNode: 8}, 999); n.Name != "a-999" {
		t.Fatalf("node name %s", n.Name)
	}
}

package main

// The start-up sequence: etcd → kube-apiserver → kube-controller-manager → kube-scheduler → kwok, each waited
// for with a bounded readiness check; then ServiceAccount default/default, the fleet's nodes, the kubeconfig.

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	nodefast "sigs.k8s.io/kwok/kustomize/stage/node/fast"
	nodeheartbeat "sigs.k8s.io/kwok/kustomize/stage/node/heartbeat-with-lease"
	podfast "sigs.k8s.io/kwok/kustomize/stage/pod/fast"
)

type options struct {
	dir, binDir, fleetFile, dpConfigDir string
	auditPolicy                         string // optional audit policy file; events go to logs/audit.log
	apiserverPort                       int
	timeout                             time.Duration
}

type controlPlane struct {
	opt        options
	logger     *log.Logger
	pki        *pki
	components []*component // in start order
	clientset  kubernetes.Interface
	kubeconfig string
	ports      ports
	failures   chan *component // components that exited without being asked to (see restart.go)
}

type ports struct{ etcd, etcdPeer, apiserver, kcm, scheduler, kwok int }

// freePorts asks the kernel for distinct free ports on 127.0.0.1. All listeners are held open until every
// port is chosen so that no port is handed out twice.
func freePorts(fixedAPIServer int) (ports, error) {
	if fixedAPIServer != 0 {
		l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", fixedAPIServer))
		if err != nil {
			return ports{}, fmt.Errorf("port %d on 127.0.0.1 is already in use: stop the process that holds it (ss -ltnp 'sport = :%d') or choose another --apiserver-port", fixedAPIServer, fixedAPIServer)
		}
		l.Close()
	}
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			l.Close()
		}
	}()
	var got []int
	for i := 0; i < 6; i++ {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return ports{}, fmt.Errorf("cannot find a free port on 127.0.0.1: %w", err)
		}
		ls = append(ls, l)
		got = append(got, l.Addr().(*net.TCPAddr).Port)
	}
	p := ports{got[0], got[1], got[2], got[3], got[4], got[5]}
	if fixedAPIServer != 0 {
		p.apiserver = fixedAPIServer
	}
	return p, nil
}

func (cp *controlPlane) path(parts ...string) string {
	return filepath.Join(append([]string{cp.opt.dir}, parts...)...)
}

func (cp *controlPlane) bin(name string) string { return filepath.Join(cp.opt.binDir, name) }

// start launches a component, or replaces the one of that name (a restart keeps its place in the stop order).
func (cp *controlPlane) start(name string, args ...string) (*component, error) {
	c, err := start(name, cp.bin(name), args, cp.path("logs"), cp.path("pids"))
	if err != nil {
		return nil, err
	}
	replaced := false
	for i, old := range cp.components {
		if old.name == name {
			cp.components[i], replaced = c, true
		}
	}
	if !replaced {
		cp.components = append(cp.components, c)
	}
	if cp.failures == nil {
		cp.failures = make(chan *component, 16)
	}
	go func() {
		<-c.exited
		if !c.stopping.Load() {
			cp.failures <- c
		}
	}()
	cp.logger.Printf("started %s (pid %d), log %s", name, c.cmd.Process.Pid, c.logPath)
	return c, nil
}

// up runs the whole start-up sequence. On error the caller tears down whatever was started.
func (cp *controlPlane) up(ctx context.Context) error {
	for _, b := range []string{"etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok"} {
		if st, err := os.Stat(cp.bin(b)); err != nil || st.Mode()&0o111 == 0 {
			return fmt.Errorf("binary %s is missing from %s: run localcluster/build.sh (or ./gpushift cluster up, which runs it)", b, cp.opt.binDir)
		}
	}
	var f *fleet
	if cp.opt.fleetFile != "" {
		var err error
		if f, err = loadFleet(cp.opt.fleetFile); err != nil {
			return err
		}
	}
	for _, d := range []string{"logs", "pids", "etcd", "kubeconfigs", "kcm", "scheduler"} {
		if err := os.MkdirAll(cp.path(d), 0o700); err != nil {
			return err
		}
	}
	var err error
	if cp.pki, err = newPKI(cp.path("pki")); err != nil {
		return fmt.Errorf("creating certificates: %w", err)
	}
	p, err := freePorts(cp.opt.apiserverPort)
	if err != nil {
		return err
	}
	cp.ports = p
	server := fmt.Sprintf("https://127.0.0.1:%d", p.apiserver)
	for _, cn := range clientUsers {
		if err := writeKubeconfig(cp.path("kubeconfigs", cn), server, cp.pki, cn); err != nil {
			return err
		}
	}
	steps := []func(context.Context, ports) error{cp.startEtcd, cp.startAPIServer, cp.startKCM, cp.startScheduler, cp.startKwok}
	for _, step := range steps {
		if err := step(ctx, p); err != nil {
			return err
		}
	}
	cfg, err := clientcmd.BuildConfigFromFlags("", cp.path("kubeconfigs", "admin"))
	if err != nil {
		return err
	}
	cfg.QPS, cfg.Burst = 200, 400
	if cp.clientset, err = kubernetes.NewForConfig(cfg); err != nil {
		return err
	}
	if err := cp.await(ctx, "ServiceAccount default/default (created by kube-controller-manager)", cp.components[2], func() error {
		_, err := cp.clientset.CoreV1().ServiceAccounts("default").Get(ctx, "default", metav1.GetOptions{})
		return err
	}); err != nil {
		return err
	}
	go (&devicePluginSim{cs: cp.clientset, configDir: cp.opt.dpConfigDir, logger: cp.logger}).run(ctx)
	if f != nil {
		if err := cp.createNodes(ctx, f); err != nil {
			return err
		}
	}
	cp.kubeconfig = cp.path("kubeconfig")
	if err := writeKubeconfig(cp.kubeconfig+".tmp", server, cp.pki, "admin"); err != nil {
		return err
	}
	return os.Rename(cp.kubeconfig+".tmp", cp.kubeconfig)
}

func (cp *controlPlane) startEtcd(ctx context.Context, p ports) error {
	client := fmt.Sprintf("http://127.0.0.1:%d", p.etcd)
	peer := fmt.Sprintf("http://127.0.0.1:%d", p.etcdPeer)
	c, err := cp.start("etcd", "--name=gpushift", "--data-dir="+cp.path("etcd"),
		"--listen-client-urls="+client, "--advertise-client-urls="+client,
		"--listen-peer-urls="+peer, "--initial-advertise-peer-urls="+peer, "--initial-cluster=gpushift="+peer,
		"--unsafe-no-fsync=true", // test data: durability is worthless, fsync latency is not
		"--quota-backend-bytes=8589934592", "--auto-compaction-retention=1", "--log-level=warn")
	if err != nil {
		return err
	}
	return cp.await(ctx, "etcd /health", c, func() error {
		body, err := httpGet(http.DefaultClient, client+"/health")
		if err == nil && !strings.Contains(body, `"health":"true"`) {
			err = fmt.Errorf("unhealthy: %s", body)
		}
		return err
	})
}

func (cp *controlPlane) startAPIServer(ctx context.Context, p ports) error {
	c, err := cp.start("kube-apiserver", append(cp.auditArgs(),
		fmt.Sprintf("--etcd-servers=http://127.0.0.1:%d", p.etcd), "--etcd-prefix=/registry",
		"--bind-address=127.0.0.1", "--advertise-address=127.0.0.1", fmt.Sprintf("--secure-port=%d", p.apiserver),
		"--cert-dir="+cp.path("pki", "apiserver-generated"),
		"--tls-cert-file="+cp.pki.servingCrt, "--tls-private-key-file="+cp.pki.servingKey,
		"--client-ca-file="+cp.pki.caCrt,
		"--authorization-mode=Node,RBAC",
		"--service-cluster-ip-range=10.96.0.0/16",
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file="+cp.pki.saPub, "--service-account-signing-key-file="+cp.pki.saKey,
		// 127.0.0.1 must not become the `kubernetes` Service's endpoint; nothing here serves pod traffic.
		"--endpoint-reconciler-type=none",
		"--allow-privileged=true")...)
	if err != nil {
		return err
	}
	hc, err := cp.adminHTTPClient()
	if err != nil {
		return err
	}
	// /readyz with the admin client certificate: anonymous requests get 403 under RBAC until bootstrap ends.
	return cp.await(ctx, "kube-apiserver /readyz", c, func() error {
		_, err := httpGet(hc, fmt.Sprintf("https://127.0.0.1:%d/readyz", p.apiserver))
		return err
	})
}

// auditArgs turns on the API server's audit log when an audit policy was given (the scale benchmark counts one
// client's requests by verb with it): JSON lines in logs/audit.log, written synchronously, never rotated.
func (cp *controlPlane) auditArgs() []string {
	if cp.opt.auditPolicy == "" {
		return nil
	}
	return []string{"--audit-policy-file=" + cp.opt.auditPolicy, "--audit-log-path=" + cp.path("logs", "audit.log"),
		"--audit-log-format=json", "--audit-log-mode=blocking", "--audit-log-maxsize=0"}
}

func (cp *controlPlane) startKCM(ctx context.Context, p ports) error {
	c, err := cp.start("kube-controller-manager", "--kubeconfig="+cp.path("kubeconfigs", "kube-controller-manager"),
		"--leader-elect=false", "--bind-address=127.0.0.1", fmt.Sprintf("--secure-port=%d", p.kcm),
		"--cert-dir="+cp.path("kcm"),
		"--kube-api-qps=500", "--kube-api-burst=1000", // defaults 20/30 make Deployments crawl
		"--root-ca-file="+cp.pki.caCrt, "--service-account-private-key-file="+cp.pki.saKey,
		"--service-cluster-ip-range=10.96.0.0/16")
	if err != nil {
		return err
	}
	return cp.awaitHealthz(ctx, c, p.kcm)
}

func (cp *controlPlane) startScheduler(ctx context.Context, p ports) error {
	// QPS and leader election through the config file: the --kube-api-qps style flags are deprecated there.
	cfg := cp.path("scheduler", "config.yaml")
	if err := os.WriteFile(cfg, []byte(fmt.Sprintf(`apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
clientConnection:
  kubeconfig: %s
  qps: 500
  burst: 1000
leaderElection:
  leaderElect: false
`, cp.path("kubeconfigs", "kube-scheduler"))), 0o600); err != nil {
		return err
	}
	c, err := cp.start("kube-scheduler", "--config="+cfg,
		"--bind-address=127.0.0.1", fmt.Sprintf("--secure-port=%d", p.scheduler), "--cert-dir="+cp.path("scheduler"))
	if err != nil {
		return err
	}
	return cp.awaitHealthz(ctx, c, p.scheduler)
}

func (cp *controlPlane) startKwok(ctx context.Context, p ports) error {
	// Stages from kwok's own kustomize/stage files (compiled in from the kwok module). pod-complete is left
	// out on purpose: it moves Job-owned pods to Succeeded at once, and GPU workloads must stay Running.
	stages := []string{nodefast.DefaultNodeInit, nodeheartbeat.DefaultNodeHeartbeatWithLease, podfast.DefaultPodReady, podfast.DefaultPodDelete}
	// No KwokConfiguration document on purpose: kwok applies its option defaults only when there is none
	// (an `options: {}` document leaves e.g. the play-stage parallelism at 0 and kwok refuses to start).
	cfg := strings.Join(stages, "\n---\n")
	cfgPath := cp.path("kwok.yaml")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		return err
	}
	crt, key := cp.pki.clientCert("kwok")
	addr := fmt.Sprintf("127.0.0.1:%d", p.kwok)
	c, err := cp.start("kwok", "--kubeconfig="+cp.path("kubeconfigs", "kwok"), "--config="+cfgPath,
		"--manage-all-nodes=false", "--manage-nodes-with-annotation-selector="+kwokAnnotation+"=fake",
		"--server-address="+addr, "--node-ip=127.0.0.1", "--node-name=localhost", fmt.Sprintf("--node-port=%d", p.kwok),
		"--node-lease-duration-seconds=40",
		"--cidr=10.244.0.0/16", // fake pod IPs; the default /24 runs out after 254 pods
		"--tls-cert-file="+crt, "--tls-private-key-file="+key)
	if err != nil {
		return err
	}
	return cp.await(ctx, "kwok /healthz", c, func() error {
		_, err := httpGet(http.DefaultClient, "http://"+addr+"/healthz")
		return err
	})
}

func (cp *controlPlane) createNodes(ctx context.Context, f *fleet) error {
	names, err := createFleet(ctx, cp.clientset, f)
	if err != nil {
		return err
	}
	kwok := cp.components[len(cp.components)-1]
	return cp.await(ctx, fmt.Sprintf("%d fleet nodes Ready (kwok)", len(names)), kwok, func() error {
		list, err := cp.clientset.CoreV1().Nodes().List(ctx, metav1.ListOptions{LabelSelector: "type=kwok"})
		if err != nil {
			return err
		}
		ready := map[string]bool{}
		for i := range list.Items {
			ready[list.Items[i].Name] = nodeReady(&list.Items[i])
		}
		for _, n := range names {
			if !ready[n] {
				return fmt.Errorf("node %s not Ready yet", n)
			}
		}
		return nil
	})
}

func (cp *controlPlane) awaitHealthz(ctx context.Context, c *component, port int) error {
	// Their serving certificates are self-signed at start-up, hence no verification (127.0.0.1 only).
	hc := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	return cp.await(ctx, c.name+" /healthz", c, func() error {
		_, err := httpGet(hc, fmt.Sprintf("https://127.0.0.1:%d/healthz", port))
		return err
	})
}

// await polls check until it succeeds, the component exits, the timeout passes or ctx ends.
func (cp *controlPlane) await(ctx context.Context, what string, c *component, check func() error) error {
	t0 := time.Now()
	deadline := time.After(cp.opt.timeout)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	var last error
	for {
		if last = check(); last == nil {
			cp.logger.Printf("ready: %s after %.1f s", what, time.Since(t0).Seconds())
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("interrupted while waiting for %s", what)
		case <-c.exited:
			return c.describeFailure(fmt.Sprintf("exited during start-up (%v) while waiting for %s", c.err, what))
		case <-deadline:
			return c.describeFailure(fmt.Sprintf("not ready after %s waiting for %s (last check: %v)", cp.opt.timeout, what, last))
		case <-tick.C:
		}
	}
}

func (cp *controlPlane) adminHTTPClient() (*http.Client, error) {
	crt, key := cp.pki.clientCert("admin")
	pair, err := tls.LoadX509KeyPair(crt, key)
	if err != nil {
		return nil, err
	}
	caPEM, err := os.ReadFile(cp.pki.caCrt)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(caPEM)
	return &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool, Certificates: []tls.Certificate{pair}}}}, nil
}

func httpGet(hc *http.Client, url string) (string, error) {
	if hc == http.DefaultClient {
		hc = &http.Client{Timeout: 2 * time.Second}
	}
	resp, err := hc.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != http.StatusOK {
		return string(body), fmt.Errorf("%s: HTTP %d: %s", url, resp.StatusCode, strings.TrimSpace(string(body)))
	}
	return string(body), nil
}

// stopAll stops components in reverse start order: workers first, etcd last.
func (cp *controlPlane) stopAll() {
	for i := len(cp.components) - 1; i >= 0; i-- {
		c := cp.components[i]
		c.stopping.Store(true)
		c.stop(5 * time.Second)
		_ = os.Remove(filepath.Join(cp.path("pids"), c.name+".pid"))
	}
	cp.components = nil
}

// exited returns a channel that receives every component that exits unasked (a restart's stop is asked).
func (cp *controlPlane) exited() <-chan *component {
	return cp.failures
}

package main

// `up` (the supervisor) and `down`.

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func cmdUp(args []string) error {
	fs := flag.NewFlagSet("up", flag.ExitOnError)
	dir := fs.String("dir", "", "state directory: certificates, etcd data, logs/, pids/, kubeconfig (required)")
	fleetFile := fs.String("fleet", "", "fleet file (gpushift.io/v1alpha1 Fleet) describing the fake GPU nodes")
	watchPid := fs.Int("watch-pid", 0, "tear everything down when this process disappears (e.g. the test JVM); 0 = don't watch")
	detach := fs.Bool("detach", false, "run the supervisor in a new session and return once it is ready")
	self, _ := os.Executable()
	binDir := fs.String("bin-dir", filepath.Dir(self), "directory with etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok")
	dpConfigs := fs.String("device-plugin-configs", "", "directory of NVIDIA device plugin configs (<name>.yaml) for the simulated device plugin")
	auditPolicy := fs.String("audit-policy", "", "kube-apiserver audit policy file; events are written to DIR/logs/audit.log (default: no audit log)")
	apiPort := fs.Int("apiserver-port", 0, "fixed kube-apiserver port on 127.0.0.1 (default: a free port)")
	timeout := fs.Duration("timeout", 90*time.Second, "how long to wait for each component to become ready")
	_ = fs.Parse(args)
	if *dir == "" {
		return errors.New("--dir is required")
	}
	abs, err := filepath.Abs(*dir)
	if err != nil {
		return err
	}
	if err := refuseRunning(abs); err != nil {
		return err
	}
	if *detach {
		return runDetached(abs, args)
	}
	if *auditPolicy != "" {
		if *auditPolicy, err = filepath.Abs(*auditPolicy); err != nil {
			return err
		}
		if _, err := os.Stat(*auditPolicy); err != nil {
			return fmt.Errorf("--audit-policy: %w", err)
		}
	}
	opt := options{dir: abs, binDir: *binDir, fleetFile: *fleetFile, dpConfigDir: *dpConfigs, auditPolicy: *auditPolicy, apiserverPort: *apiPort, timeout: *timeout}
	return supervise(opt, *watchPid)
}

// refuseRunning fails when a supervisor for dir is still alive, and clears state left by a dead one.
func refuseRunning(dir string) error {
	if pid := readPid(filepath.Join(dir, "supervisor.pid")); pid > 0 && isSupervisor(pid) {
		return fmt.Errorf("a cluster is already running in %s (supervisor pid %d): stop it with `gpushift-cluster down --dir %s` (or ./gpushift cluster down)", dir, pid, dir)
	}
	killLeftovers(dir)
	// logs/ stays: a detaching parent has already opened logs/supervisor.log; component logs are truncated on start.
	for _, d := range []string{"etcd", "pki", "pids", "kubeconfig", "kubeconfigs", "kcm", "scheduler", "kwok.yaml"} {
		if err := os.RemoveAll(filepath.Join(dir, d)); err != nil {
			return fmt.Errorf("cannot clean %s: %w", dir, err)
		}
	}
	return os.MkdirAll(filepath.Join(dir, "logs"), 0o755)
}

// runDetached re-executes `up` without --detach in a new session (setsid), so it outlives this process and
// the terminal, and relays its stdout until the KUBECONFIG= line or its exit.
func runDetached(dir string, args []string) error {
	var rest []string
	for _, a := range args {
		if a != "--detach" && a != "-detach" && a != "--detach=true" {
			rest = append(rest, a)
		}
	}
	logPath := filepath.Join(dir, "logs", "supervisor.log")
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	defer logFile.Close()
	self, err := os.Executable()
	if err != nil {
		return err
	}
	// The absolute --dir goes last so it wins over a relative one in rest.
	cmd := exec.Command(self, append(append([]string{"up"}, rest...), "--dir", dir)...)
	cmd.Stderr = logFile
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return err
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		line := sc.Text()
		fmt.Println(line)
		if strings.HasPrefix(line, "KUBECONFIG=") {
			_ = cmd.Process.Release()
			return nil
		}
	}
	_ = cmd.Wait()
	return fmt.Errorf("the supervisor exited before the cluster was ready; its log %s ends with:\n%s", logPath, tailFile(logPath, 20))
}

// supervise starts the control plane and stays its parent until told to stop.
func supervise(opt options, watchPid int) error {
	logger := log.New(os.Stderr, "gpushift-cluster: ", log.Ltime|log.Lmicroseconds)
	t0 := time.Now()
	if err := os.WriteFile(filepath.Join(opt.dir, "supervisor.pid"), []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err != nil {
		return err
	}
	defer os.Remove(filepath.Join(opt.dir, "supervisor.pid"))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	stopReason := make(chan string, 2)
	go func() { s := <-sigs; stopReason <- "signal " + s.String(); cancel() }()
	if watchPid > 0 {
		go watch(ctx, watchPid, func() { stopReason <- fmt.Sprintf("watched process %d is gone", watchPid); cancel() })
	}

	cp := &controlPlane{opt: opt, logger: logger}
	if err := cp.up(ctx); err != nil {
		cp.stopAll()
		if ctx.Err() != nil {
			return fmt.Errorf("start-up interrupted (%s); everything started has been stopped", <-stopReason)
		}
		return fmt.Errorf("%v\n(everything already started has been stopped)", err)
	}
	logger.Printf("local control plane ready in %.1f s (%s)", time.Since(t0).Seconds(), opt.dir)
	_ = os.WriteFile(filepath.Join(opt.dir, "ready-seconds"), []byte(fmt.Sprintf("%.3f\n", time.Since(t0).Seconds())), 0o644)
	fmt.Printf("KUBECONFIG=%s\n", cp.kubeconfig)
	// Whoever read our stdout may go away (./gpushift returns); never write to it again.
	if devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0); err == nil {
		_ = syscall.Dup2(int(devnull.Fd()), 1)
	}

	restarts := make(chan os.Signal, 1)
	signal.Notify(restarts, syscall.SIGUSR1)
	var result error
	for running := true; running; {
		select {
		case <-ctx.Done():
			logger.Printf("stopping: %s", <-stopReason)
			running = false
		case c := <-cp.exited():
			result = c.describeFailure(fmt.Sprintf("exited unexpectedly (%v); stopping the whole control plane", c.err))
			logger.Print(result)
			running = false
		case <-restarts:
			cp.serveRestart(ctx)
		}
	}
	cancel()
	// A stopped cluster must not leave a kubeconfig that looks usable.
	_ = os.Remove(cp.kubeconfig)
	_ = os.Remove(filepath.Join(opt.dir, "ready-seconds"))
	cp.stopAll()
	logger.Printf("all components stopped")
	return result
}

// watch calls gone once pid has exited (or was replaced by another process with the same pid).
func watch(ctx context.Context, pid int, gone func()) {
	started := processStartTime(pid)
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		if !pidAlive(pid) || processStartTime(pid) != started {
			gone()
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func cmdDown(args []string) error {
	fs := flag.NewFlagSet("down", flag.ExitOnError)
	dir := fs.String("dir", "", "state directory given to `up` (required)")
	timeout := fs.Duration("timeout", 30*time.Second, "how long to wait for a clean stop before SIGKILL")
	_ = fs.Parse(args)
	if *dir == "" {
		return errors.New("--dir is required")
	}
	abs, err := filepath.Abs(*dir)
	if err != nil {
		return err
	}
	if pid := readPid(filepath.Join(abs, "supervisor.pid")); pid > 0 && isSupervisor(pid) {
		_ = syscall.Kill(pid, syscall.SIGTERM)
		if !waitGone(pid, *timeout) {
			fmt.Fprintf(os.Stderr, "supervisor %d did not stop within %s; killing it\n", pid, *timeout)
			_ = syscall.Kill(pid, syscall.SIGKILL)
			waitGone(pid, 5*time.Second)
		}
	}
	killLeftovers(abs) // components whose supervisor died without cleaning up
	fmt.Fprintf(os.Stderr, "local control plane in %s is stopped\n", abs)
	return nil
}

// killLeftovers kills the process group of every component pid file that still names a live process of ours.
func killLeftovers(dir string) {
	files, _ := filepath.Glob(filepath.Join(dir, "pids", "*.pid"))
	for _, f := range files {
		if pid := readPid(f); pid > 0 && ourProcess(pid, dir) {
			_ = syscall.Kill(-pid, syscall.SIGKILL)
			_ = syscall.Kill(pid, syscall.SIGKILL)
			waitGone(pid, 5*time.Second)
		}
		_ = os.Remove(f)
	}
}

func readPid(path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(data)))
	return pid
}

// ourProcess guards against pid reuse: every process we start has the state directory on its command line.
func ourProcess(pid int, dir string) bool {
	if !pidAlive(pid) {
		return false
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	return err == nil && strings.Contains(string(cmdline), dir)
}

// isSupervisor guards the supervisor pid file against pid reuse.
func isSupervisor(pid int) bool {
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	return err == nil && pidAlive(pid) && strings.Contains(string(cmdline), "\x00up\x00")
}

func waitGone(pid int, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if !pidAlive(pid) {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return !pidAlive(pid)
}

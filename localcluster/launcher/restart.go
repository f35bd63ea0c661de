package main

// Restarting one component on request, for fault-injection tests: `gpushift-cluster restart --dir D etcd` writes
// a request file and sends SIGUSR1 to the supervisor, which stops that component (SIGTERM, or SIGKILL with --kill),
// waits --down, starts it again with the same ports, data and flags, waits until it is ready and writes the result.
// The stop is asked for, so it is not mistaken for a crash that tears the whole control plane down.

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

type restartRequest struct {
	Component string        `json:"component"`
	Kill      bool          `json:"kill"`
	Down      time.Duration `json:"down"`
}

const (
	restartRequestFile = "restart.request"
	restartResultFile  = "restart.result"
)

func cmdRestart(args []string) error {
	fs := flag.NewFlagSet("restart", flag.ExitOnError)
	dir := fs.String("dir", "", "state directory given to `up` (required)")
	kill := fs.Bool("kill", false, "SIGKILL the component instead of SIGTERM (a crash rather than a stop)")
	down := fs.Duration("down", 0, "how long the component stays down before it is started again")
	timeout := fs.Duration("timeout", 2*time.Minute, "how long to wait for the component to be ready again")
	_ = fs.Parse(args)
	if *dir == "" || fs.NArg() != 1 {
		return errors.New("usage: restart --dir DIR [--kill] [--down 2s] <etcd|kube-apiserver|kube-controller-manager|kube-scheduler|kwok>")
	}
	abs, err := filepath.Abs(*dir)
	if err != nil {
		return err
	}
	pid := readPid(filepath.Join(abs, "supervisor.pid"))
	if pid <= 0 || !isSupervisor(pid) {
		return fmt.Errorf("no running supervisor in %s", abs)
	}
	req, _ := json.Marshal(restartRequest{Component: fs.Arg(0), Kill: *kill, Down: *down})
	_ = os.Remove(filepath.Join(abs, restartResultFile))
	if err := os.WriteFile(filepath.Join(abs, restartRequestFile), req, 0o600); err != nil {
		return err
	}
	if err := syscall.Kill(pid, syscall.SIGUSR1); err != nil {
		return err
	}
	deadline := time.Now().Add(*timeout + *down)
	for time.Now().Before(deadline) {
		if data, err := os.ReadFile(filepath.Join(abs, restartResultFile)); err == nil {
			if result := strings.TrimSpace(string(data)); result != "ok" {
				return errors.New(result)
			}
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("%s was not ready again within %s", fs.Arg(0), *timeout+*down)
}

// serveRestart carries out the pending request and writes its result; the request file is consumed.
func (cp *controlPlane) serveRestart(ctx context.Context) {
	path := cp.path(restartRequestFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return
	}
	_ = os.Remove(path)
	result := "ok"
	if err := cp.restart(ctx, data); err != nil {
		result = err.Error()
	}
	cp.logger.Printf("restart: %s", result)
	_ = os.WriteFile(cp.path(restartResultFile), []byte(result+"\n"), 0o600)
}

func (cp *controlPlane) restart(ctx context.Context, data []byte) error {
	var req restartRequest
	if err := json.Unmarshal(data, &req); err != nil {
		return fmt.Errorf("bad restart request: %v", err)
	}
	starters := map[string]func(context.Context, ports) error{"etcd": cp.startEtcd, "kube-apiserver": cp.startAPIServer,
		"kube-controller-manager": cp.startKCM, "kube-scheduler": cp.startScheduler, "kwok": cp.startKwok}
	startAgain, ok := starters[req.Component]
	var c *component
	for _, x := range cp.components {
		if x.name == req.Component {
			c = x
		}
	}
	if !ok || c == nil {
		return fmt.Errorf("unknown component %q", req.Component)
	}
	c.stopping.Store(true)
	if req.Kill {
		_ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
		<-c.exited
	} else {
		c.stop(5 * time.Second)
	}
	cp.logger.Printf("restart: %s stopped (kill=%v), down for %s", req.Component, req.Kill, req.Down)
	select {
	case <-ctx.Done():
		return errors.New("supervisor stopping")
	case <-time.After(req.Down):
	}
	if err := startAgain(ctx, cp.ports); err != nil {
		return fmt.Errorf("%s did not come back: %v", req.Component, err)
	}
	return nil
}

package main

// Child process management. Every component runs in its own process group (so a stuck component and
// anything it forks can be killed as a unit) with Pdeathsig=SIGKILL (so it dies with the supervisor even when
// the supervisor itself is SIGKILLed and cannot clean up).

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

type component struct {
	name     string
	cmd      *exec.Cmd
	logPath  string
	exited   chan struct{} // closed when the process has exited
	err      error         // exit status, valid after exited is closed
	stopping atomic.Bool   // set before an asked-for stop, so its exit is not reported as a failure
}

// spawnRequests is served by one goroutine locked to one OS thread: Linux sends Pdeathsig when the *thread*
// that forked the child exits, and Go may retire idle threads, so all forks happen on a thread that lives
// as long as the supervisor.
var spawnRequests = make(chan func())

func init() {
	go func() {
		runtime.LockOSThread() // never unlocked: this thread lives until the process exits
		for f := range spawnRequests {
			f()
		}
	}()
}

// start launches binary with args, logging to logDir/<name>.log and writing pidDir/<name>.pid.
func start(name, binary string, args []string, logDir, pidDir string) (*component, error) {
	logPath := filepath.Join(logDir, name+".log")
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	cmd := exec.Command(binary, args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	done := make(chan error)
	spawnRequests <- func() { done <- cmd.Start() }
	if err := <-done; err != nil {
		return nil, fmt.Errorf("cannot start %s (%s): %w", name, binary, err)
	}
	c := &component{name: name, cmd: cmd, logPath: logPath, exited: make(chan struct{})}
	_ = os.WriteFile(filepath.Join(pidDir, name+".pid"), []byte(strconv.Itoa(cmd.Process.Pid)+"\n"), 0o644)
	go func() {
		c.err = cmd.Wait()
		close(c.exited)
	}()
	return c, nil
}

func (c *component) running() bool {
	select {
	case <-c.exited:
		return false
	default:
		return true
	}
}

// stop sends SIGTERM to the component's process group and SIGKILL after grace.
func (c *component) stop(grace time.Duration) {
	if !c.running() {
		return
	}
	pgid := c.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-c.exited:
	case <-time.After(grace):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-c.exited
	}
	_ = syscall.Kill(-pgid, syscall.SIGKILL) // anything left in the group
}

// logTail returns the last lines of the component's log, for error messages.
func (c *component) logTail(lines int) string {
	return tailFile(c.logPath, lines)
}

func tailFile(path string, lines int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return "(no log: " + err.Error() + ")"
	}
	all := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return "    " + strings.Join(all, "\n    ")
}

// hint turns well-known log lines into advice.
func (c *component) hint() string {
	data, _ := os.ReadFile(c.logPath)
	switch {
	case bytes.Contains(data, []byte("address already in use")):
		return "a port it needs is already in use on 127.0.0.1 (another cluster or process?); stop that process or pick another port"
	case bytes.Contains(data, []byte("exec format error")), bytes.Contains(data, []byte("permission denied")):
		return "the binary cannot run; delete the bin directory and run localcluster/build.sh again"
	}
	return ""
}

// describeFailure is the one message a user sees when a component cannot start.
func (c *component) describeFailure(what string) error {
	msg := fmt.Sprintf("%s %s", c.name, what)
	if h := c.hint(); h != "" {
		msg += ": " + h
	}
	return fmt.Errorf("%s\n  log %s (last lines):\n%s", msg, c.logPath, c.logTail(15))
}

// pidAlive reports whether pid exists and is not a zombie.
func pidAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	if err := syscall.Kill(pid, 0); err != nil && err != syscall.EPERM {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return !os.IsNotExist(err)
	}
	// state is the field after the ")" that closes the command name
	if i := bytes.LastIndexByte(stat, ')'); i > 0 && i+2 < len(stat) && stat[i+2] == 'Z' {
		return false
	}
	return true
}

// processStartTime returns the start time (clock ticks since boot) of pid, to detect pid reuse.
func processStartTime(pid int) string {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ""
	}
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return ""
	}
	fields := strings.Fields(string(stat[i+1:]))
	if len(fields) < 20 {
		return ""
	}
	return fields[19] // field 22 of /proc/pid/stat; fields[0] is field 3
}

// Command gpushift-cluster starts and stops GPUShift's local Kubernetes control plane:
// etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok, built from Go modules by
// localcluster/build.sh, plus fake GPU nodes and a simulated NVIDIA device plugin.
//
//	gpushift-cluster up   --dir DIR [--fleet FILE] [--watch-pid PID] [--detach] ...
//	gpushift-cluster down --dir DIR
//	gpushift-cluster restart --dir DIR [--kill] [--down D] COMPONENT
//
// `up` runs in the foreground as the supervisor: it prints KUBECONFIG=<path> as its last stdout line once
// everything is ready and then stays alive as the parent of every component until SIGTERM/SIGINT, until
// the watched pid disappears, or until a component dies. With --detach it re-executes itself in a new
// session and returns as soon as that supervisor is ready (what `./gpushift cluster up` uses).
package main

import (
	"fmt"
	"os"
)

func usage() {
	fmt.Fprint(os.Stderr, `usage:
  gpushift-cluster up   --dir DIR [--fleet FILE] [--watch-pid PID] [--detach] [--bin-dir DIR]
                        [--device-plugin-configs DIR] [--apiserver-port N] [--timeout 120s]
  gpushift-cluster down --dir DIR [--timeout 30s]
  gpushift-cluster restart --dir DIR [--kill] [--down 2s] COMPONENT   (fault injection: stop one component, start it again)
  gpushift-cluster device-plugin-sim --kubeconfig FILE --device-plugin-configs DIR   (against any cluster)
`)
	os.Exit(2)
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "up":
		err = cmdUp(os.Args[2:])
	case "down":
		err = cmdDown(os.Args[2:])
	case "restart":
		err = cmdRestart(os.Args[2:])
	case "device-plugin-sim":
		err = cmdDevicePluginSim(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "gpushift-cluster %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

//go:build tools

// Package tools pins kwok's main package; kwok lives in its own module because it pins
// k8s.io/* v0.36.x and would be lifted to 0.37 inside the Kubernetes module.
package tools

import _ "sigs.k8s.io/kwok/cmd/kwok"

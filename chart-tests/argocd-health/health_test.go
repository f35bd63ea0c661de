// Runs the Argo CD health check in helm/gpushift/argocd/health.lua (also printed in the chart
// README) with gopher-lua, the Lua interpreter Argo CD itself embeds, the way Argo CD calls it:
// the resource as a global table "obj", the script's return value a table {status, message}.
package argocdhealth

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

func health(t *testing.T, object string) (status, message string) {
	t.Helper()
	script, err := os.ReadFile(filepath.Join("..", "..", "helm", "gpushift", "argocd", "health.lua"))
	if err != nil {
		t.Fatal(err)
	}
	var decoded any
	if err := json.Unmarshal([]byte(object), &decoded); err != nil {
		t.Fatal(err)
	}
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	// Argo CD opens only the safe base libraries; string/table/math are enough for our script.
	for _, lib := range []struct {
		name string
		fn   lua.LGFunction
	}{{lua.BaseLibName, lua.OpenBase}, {lua.TabLibName, lua.OpenTable}, {lua.StringLibName, lua.OpenString}, {lua.MathLibName, lua.OpenMath}} {
		L.Push(L.NewFunction(lib.fn))
		L.Push(lua.LString(lib.name))
		L.Call(1, 0)
	}
	L.SetGlobal("obj", toLua(L, decoded))
	if err := L.DoString(string(script)); err != nil {
		t.Fatalf("health.lua failed: %v", err)
	}
	result, ok := L.Get(-1).(*lua.LTable)
	if !ok {
		t.Fatalf("health.lua returned %v, want a table", L.Get(-1))
	}
	return result.RawGetString("status").String(), result.RawGetString("message").String()
}

func toLua(L *lua.LState, value any) lua.LValue {
	switch v := value.(type) {
	case map[string]any:
		table := L.NewTable()
		for key, item := range v {
			table.RawSetString(key, toLua(L, item))
		}
		return table
	case []any:
		table := L.NewTable()
		for _, item := range v {
			table.Append(toLua(L, item))
		}
		return table
	case string:
		return lua.LString(v)
	case float64:
		return lua.LNumber(v)
	case bool:
		return lua.LBool(v)
	default:
		return lua.LNil
	}
}

func TestHealth(t *testing.T) {
	cases := []struct {
		name, object, status, messagePart string
	}{
		{"no status yet", `{"metadata":{"generation":1}}`, "Progressing", "Waiting"},
		{"no Ready condition", `{"metadata":{"generation":1},"status":{"conditions":[{"type":"Profitable","status":"True"}]}}`, "Progressing", "Waiting"},
		{"ready", `{"metadata":{"generation":2},"status":{"conditions":[{"type":"Ready","status":"True","observedGeneration":2,"reason":"Reconciled","message":"12 GPUs mining"}]}}`, "Healthy", "Reconciled: 12 GPUs mining"},
		{"not ready", `{"metadata":{"generation":2},"status":{"conditions":[{"type":"Ready","status":"False","observedGeneration":2,"reason":"MarketDataStale","message":"no price for 20m"}]}}`, "Degraded", "MarketDataStale"},
		{"unknown", `{"metadata":{"generation":2},"status":{"conditions":[{"type":"Ready","status":"Unknown","observedGeneration":2,"reason":"Starting"}]}}`, "Progressing", "Starting"},
		{"stale condition", `{"metadata":{"generation":3},"status":{"conditions":[{"type":"Ready","status":"True","observedGeneration":2,"reason":"Reconciled"}]}}`, "Progressing", "generation 2, spec is at 3"},
		{"condition without observedGeneration", `{"metadata":{"generation":3},"status":{"conditions":[{"type":"Ready","status":"True","reason":"Reconciled"}]}}`, "Healthy", "Reconciled"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, message := health(t, c.object)
			if status != c.status || !strings.Contains(message, c.messagePart) {
				t.Errorf("got %s %q, want %s containing %q", status, message, c.status, c.messagePart)
			}
		})
	}
}

// The README shows the script inline for copy-paste; it must not drift from the tested file.
func TestReadmeShowsTheTestedScript(t *testing.T) {
	script, err := os.ReadFile(filepath.Join("..", "..", "helm", "gpushift", "argocd", "health.lua"))
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "helm", "gpushift", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(script)), "\n") {
		if strings.HasPrefix(line, "--") {
			continue // comments are left out of the README copy
		}
		if !strings.Contains(string(readme), "    "+line+"\n") {
			t.Errorf("README lacks script line %q", line)
		}
	}
}

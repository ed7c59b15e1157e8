package main

import (
	"bytes"
	"strings"
	"testing"

	"gonum.org/v1/gonum/graph/formats/dot"
	"gonum.org/v1/gonum/graph/formats/dot/ast"
)

// TestDOTParses reads writeDOT's output back with a DOT parser: awkward
// names (quotes, backslashes, line breaks) stay one ID each, clusters are
// labelled, and a label's line break is DOT's \n, not a literal backslash.
func TestDOTParses(t *testing.T) {
	d := graphDrawing{
		Groups: []graphGroup{{Name: `v"1`, Label: `v"1 10.0.0.0/16`}},
		Nodes: []graphNode{{Name: `nic a\b`, Kind: "nic", Group: `v"1`, Label: `a\b`},
			{Name: "internet", Kind: "internet", Label: "Internet", Blocking: true}},
		Edges: []graphEdge{{From: `nic a\b`, To: "internet", Refs: []string{"nsg:x", "nsg:y"}, Blocked: true}},
	}
	var buf bytes.Buffer
	if err := writeDOT(&buf, d); err != nil {
		t.Fatal(err)
	}
	f, err := dot.ParseString(buf.String())
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	g := f.Graphs[0]
	var cluster *ast.Subgraph
	var edge *ast.EdgeStmt
	for _, st := range g.Stmts {
		switch s := st.(type) {
		case *ast.Subgraph:
			cluster = s
		case *ast.EdgeStmt:
			edge = s
		}
	}
	if cluster == nil || cluster.ID != `"cluster_v\"1"` {
		t.Fatalf("cluster %+v", cluster)
	}
	if !hasAttr(cluster.Stmts, "label", `"v\"1 10.0.0.0/16"`) {
		t.Errorf("cluster statements %v: no label", cluster.Stmts)
	}
	if edge == nil || edge.From.(*ast.Node).ID != `"nic a\\b"` {
		t.Fatalf("edge %+v", edge)
	}
	var label string
	for _, a := range edge.Attrs {
		if a.Key == "label" {
			label = a.Val
		}
	}
	if label != `"nsg:x\nnsg:y"` || strings.Contains(label, `\\n`) {
		t.Errorf("edge label %s, want one ref a line", label)
	}
}

func hasAttr(stmts []ast.Stmt, key, val string) bool {
	for _, st := range stmts {
		if a, ok := st.(*ast.Attr); ok && a.Key == key && a.Val == val {
			return true
		}
	}
	return false
}

package sim

import (
	"testing"

	"github.com/vnetsim/vnetsim/model"
)

// TestProveMatrixEqualsPairProofs: proving a row against all its columns
// at once and splitting by column gives, cell by cell, what proving each
// pair alone gives; and the cells do not depend on the number of workers.
func TestProveMatrixEqualsPairProofs(t *testing.T) {
	for _, topo := range []string{"hub-spoke", "lb-web", "hub-firewall", "private-subnet", "aml-private", "aks-udr-firewall"} {
		t.Run(topo, func(t *testing.T) {
			n := compileFile(t, "../scenarios/topologies/"+topo+".yaml")
			rows, cols := n.MatrixPlaces()
			for _, q := range []struct {
				proto model.Protocol
				ports []string
			}{{model.AnyProtocol, nil}, {model.Tcp, []string{"443"}}} {
				cells, err := n.ProveMatrix(rows, cols, q.proto, q.ports, 2, nil)
				if err != nil {
					t.Fatal(err)
				}
				one, err := n.ProveMatrix(rows, cols, q.proto, q.ports, 1, nil)
				if err != nil {
					t.Fatal(err)
				}
				if len(one) != len(cells) {
					t.Fatalf("%d cells with 1 worker, %d with 2", len(one), len(cells))
				}
				i := 0
				for _, src := range rows {
					for _, dst := range cols {
						if dst.Expr == src.Expr {
							continue
						}
						res, err := n.Prove(Query{Source: src, Destination: dst, Protocol: q.proto, DestinationPorts: q.ports})
						if err != nil {
							continue // the pair names no packets: no cell
						}
						if i >= len(cells) {
							t.Fatalf("missing cell %s -> %s", src.Expr, dst.Expr)
						}
						c := cells[i]
						if c.Source != src.Expr || c.Destination != dst.Expr || c.Verdict != res.Verdict || !c.Delivered.Equal(res.Delivered) {
							t.Errorf("%s -> %s %s %v: row proof %s, pair proof %s", src.Expr, dst.Expr, q.proto, q.ports, c.Verdict, res.Verdict)
						}
						if o := one[i]; o.Source != c.Source || o.Destination != c.Destination || o.Verdict != c.Verdict || !o.Delivered.Equal(c.Delivered) {
							t.Errorf("cell %d differs between 1 and 2 workers", i)
						}
						i++
					}
				}
				if i != len(cells) {
					t.Errorf("%d cells, %d pairs", len(cells), i)
				}
			}
		})
	}
}

package sim

// The engine checked against the oracle: on random topologies (property
// test and fuzz target), and on hand-written cases and the repros of the
// bugs found (sim/testdata/oracle/*.yaml; sim/testdata/oracle-2026/*.yaml
// for the 2026 elements).
//
// Environment:
//
//	VNETSIM_ORACLE_SAVE=1   shrink the first mismatch of each class and save it
//	                        as sim/testdata/oracle/fail-<n>.yaml
//	VNETSIM_ORACLE_N=2000   the number of random topologies (default 600, 60 with -short)
//	VNETSIM_ORACLE_SEED=5000  the seed of the first (default 0): seeds SEED..SEED+N-1,
//	                        so that runs can be split (make soak)

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// ogMismatch is one disagreement between the engine and the oracle: about
// one packet, or (packet invalid) about the query's result as a whole.
type ogMismatch struct {
	query  ogQuery
	packet *hs.Packet
	name   string // the flow's name (§14)
	oracle oracleVerdict
	engine string
	class  string
}

// ogCase is one random topology with its queries, compared.
type ogCase struct {
	seed       string
	yaml       string
	invalid    error // the generator drew a topology that does not load
	mismatches []ogMismatch
}

// ogRunCase draws a topology and nQueries queries from r and compares the
// engine with the oracle on every packet of each.
func ogRunCase(tb testing.TB, r *rand.Rand, nQueries int, stats map[string]int) ogCase {
	tb.Helper()
	spec := ogenTopology(r)
	c := ogCase{yaml: ogMarshal(spec)}
	topo, err := ogLoad(tb, c.yaml)
	if err != nil {
		c.invalid = err
		return c
	}
	net, err := ogCompile(topo)
	if err != nil {
		c.mismatches = append(c.mismatches, ogMismatch{engine: err.Error(), class: "Compile fails"})
		return c
	}
	o := newOracle(topo)
	universe := ogUniverse()
	for range nQueries {
		c.mismatches = append(c.mismatches, ogCompare(net, o, ogenQuery(r, spec), universe, stats)...)
	}
	return c
}

func ogCompile(t *model.Topology) (n *Network, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("Compile panics: %v", p)
		}
	}()
	return Compile(t)
}

func ogProve(n *Network, q Query) (res *Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("Prove panics: %v", p)
		}
	}()
	return n.Prove(q)
}

// ogCompare proves q with the engine, checks the result is a partition of
// the query's packets, and judges every packet with the oracle. stats, when
// not nil, counts the oracle's answers.
func ogCompare(n *Network, o *oracle, q ogQuery, universe []netip.Addr, stats map[string]int) []ogMismatch {
	var ms []ogMismatch
	problem := func(class, format string, args ...any) {
		ms = append(ms, ogMismatch{query: q, class: class, engine: fmt.Sprintf(format, args...)})
	}
	src, err := n.ResolvePlace(q.Source)
	if err != nil {
		problem("ResolvePlace fails", "source: %v", err)
		return ms
	}
	dst, err := n.ResolvePlace(q.Destination)
	if err != nil {
		problem("ResolvePlace fails", "destination: %v", err)
		return ms
	}
	for _, pl := range []Place{src, dst} {
		if want, ok := o.placeAddrs(pl.Expr); ok && !want.Equal(pl.Addrs) {
			problem("ResolvePlace differs", "ResolvePlace(%q) = %s, want %s", pl.Expr, pl.Addrs, want)
		}
	}
	// The destination as each source resolves it (§14), with the flow's name.
	parts, name, ok := o.destinations(src.Addrs, q.Destination)
	if !ok {
		parts = []oPart{{src.Addrs, dst.Addrs}}
	}
	res, err := ogProve(n, Query{Source: src, Destination: dst, Protocol: q.Protocol, SourcePorts: q.SourcePorts, DestinationPorts: q.DestinationPorts})
	if err != nil {
		problem("Prove fails", "%v", err)
		return ms
	}

	// The result partitions the query's packets.
	var packets hs.Set
	for _, part := range parts {
		packets = packets.Union(ogQuerySet(part.src, part.dst, q))
	}
	if !res.Packets.Equal(packets) {
		problem("Packets differ", "Packets = %s, want %s", res.Packets, packets)
	}
	covered := res.Delivered
	for _, b := range res.Blocked {
		switch {
		case b.Set.IsEmpty():
			problem("empty region", "region %s %q is empty", b.Reason, b.Ref)
		case covered.Overlaps(b.Set):
			problem("regions overlap", "region %s %q overlaps the delivered set or an earlier region: %s", b.Reason, b.Ref, covered.Intersect(b.Set))
		case !b.Set.Contains(b.Witness):
			problem("witness outside", "region %s %q: witness %+v is not in %s", b.Reason, b.Ref, b.Witness, b.Set)
		}
		covered = covered.Union(b.Set)
	}
	if !covered.Equal(res.Packets) {
		problem("partition incomplete", "delivered and blocked together are %s, want %s", covered, res.Packets)
	}
	want := model.Partial
	switch {
	case len(res.Blocked) == 0:
		want = model.Reachable
	case res.Delivered.IsEmpty():
		want = model.Blocked
	}
	if res.Verdict != want {
		problem("verdict", "Verdict = %s, want %s (%d regions, delivered empty: %v)", res.Verdict, want, len(res.Blocked), res.Delivered.IsEmpty())
	}

	// Every packet.
	for _, part := range parts {
		ms = append(ms, ogComparePart(res, o, q, part, name, universe, stats)...)
	}
	return ms
}

// ogComparePart compares every packet of one part of a query.
func ogComparePart(res *Result, o *oracle, q ogQuery, part oPart, name string, universe []netip.Addr, stats map[string]int) []ogMismatch {
	var ms []ogMismatch
	protos := []hs.Proto{hs.Tcp, hs.Udp, hs.Icmp, hs.Esp, hs.Ah}
	if q.Protocol != model.AnyProtocol {
		protos = []hs.Proto{ogProto(q.Protocol)}
	}
	sports, dports := ogPorts(q.SourcePorts), ogPorts(q.DestinationPorts)
	for _, s := range ogAddrs(part.src, universe) {
		for _, d := range ogAddrs(part.dst, universe) {
			for _, proto := range protos {
				sps, dps := sports, dports
				if !oPorted(proto) {
					sps, dps = []uint16{0}, []uint16{0} // ports mean nothing: one sample
				}
				for _, sp := range sps {
					for _, dp := range dps {
						p := hs.Packet{Src: hs.AddrFrom(s), Dst: hs.AddrFrom(d), Proto: proto, SrcPort: sp, DstPort: dp}
						m, ok := ogComparePacket(res, o, p, name)
						if stats != nil {
							stats[ogAbstract(m.oracle)]++
						}
						if !ok {
							m.query = q
							ms = append(ms, m)
						}
					}
				}
			}
		}
	}
	return ms
}

// ogComparePacket compares the engine's answer for one packet with the
// oracle's (which the result carries either way).
func ogComparePacket(res *Result, o *oracle, p hs.Packet, name string) (ogMismatch, bool) {
	want := o.eval(p, name)
	got, problem := ogEngineAnswer(res, p)
	if problem == "" && got == want {
		return ogMismatch{oracle: want}, true
	}
	engine := got.String()
	if problem != "" {
		engine = problem
	}
	return ogMismatch{packet: &p, name: name, oracle: want, engine: engine,
		class: "oracle " + ogAbstract(want) + " | engine " + cmp.Or(problem, ogAbstract(got))}, false
}

// ogEngineAnswer is the engine's verdict for one packet, or what is wrong
// with the result about it.
func ogEngineAnswer(res *Result, p hs.Packet) (oracleVerdict, string) {
	if !res.Packets.Contains(p) {
		return oracleVerdict{}, "not in Packets"
	}
	delivered := res.Delivered.Contains(p)
	var hits []Blocked
	for _, b := range res.Blocked {
		if b.Set.Contains(p) {
			hits = append(hits, b)
		}
	}
	switch {
	case delivered && len(hits) == 0:
		return oracleVerdict{Delivered: true}, ""
	case !delivered && len(hits) == 1:
		return oracleVerdict{Reason: hits[0].Reason, Ref: hits[0].Ref, Reply: hits[0].Reply}, ""
	}
	return oracleVerdict{}, fmt.Sprintf("delivered=%v and in %d blocked regions", delivered, len(hits))
}

// ogAbstract is a verdict without the names in its ref, to class mismatches.
func ogAbstract(v oracleVerdict) string {
	if v.Delivered {
		return "Delivered"
	}
	kind, _, _ := strings.Cut(v.Ref, ":")
	s := string(v.Reason) + " " + cmp.Or(kind, `""`)
	if v.Reply {
		s += " (reply)"
	}
	return s
}

func ogProto(p model.Protocol) hs.Proto {
	for _, x := range []hs.Proto{hs.Tcp, hs.Udp, hs.Icmp, hs.Esp, hs.Ah} {
		if x.String() == string(p) {
			return x
		}
	}
	panic("unknown protocol " + p)
}

func ogPorts(ranges []string) []uint16 {
	var out []uint16
	for _, s := range ranges {
		r, err := model.ParsePortRange(s)
		if err != nil {
			panic(err)
		}
		for p := int(r.Lo); p <= int(r.Hi); p++ {
			out = append(out, uint16(p))
		}
	}
	return out
}

// ogQuerySet is the query's packet set (semantics.md: ports constrain Tcp
// and Udp only).
func ogQuerySet(src, dst hs.IPSet, q ogQuery) hs.Set {
	portSet := func(ranges []string) hs.PortSet {
		var rs []hs.PortRange
		for _, s := range ranges {
			r, _ := model.ParsePortRange(s)
			rs = append(rs, hs.PortRange{Lo: r.Lo, Hi: r.Hi})
		}
		return hs.PortSetOf(rs...)
	}
	var ported, portless []hs.Proto
	for _, p := range []hs.Proto{hs.Tcp, hs.Udp, hs.Icmp, hs.Esp, hs.Ah} {
		if q.Protocol == model.AnyProtocol || ogProto(q.Protocol) == p {
			if oPorted(p) {
				ported = append(ported, p)
			} else {
				portless = append(portless, p)
			}
		}
	}
	return hs.FromProduct(hs.Product{Src: src, Dst: dst, Proto: hs.ProtoSetOf(ported...), SrcPorts: portSet(q.SourcePorts), DstPorts: portSet(q.DestinationPorts)}).
		Union(hs.FromProduct(hs.Product{Src: src, Dst: dst, Proto: hs.ProtoSetOf(portless...), SrcPorts: hs.AllPorts(), DstPorts: hs.AllPorts()}))
}

// ogDescribe prints a mismatch with everything needed to reproduce it.
func ogDescribe(c ogCase, m ogMismatch) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\nseed %s\nquery: %s\n", m.class, c.seed, m.query)
	if m.packet != nil {
		fmt.Fprintf(&b, "packet: %s\noracle: %s\nengine: %s\n", ogPacketString(*m.packet), m.oracle, m.engine)
	} else {
		fmt.Fprintf(&b, "result: %s\n", m.engine)
	}
	fmt.Fprintf(&b, "topology:\n%s", c.yaml)
	return b.String()
}

func TestOracleAgreesWithEngine(t *testing.T) {
	n, first := 600, uint64(0)
	if testing.Short() {
		n = 60
	}
	if s := os.Getenv("VNETSIM_ORACLE_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 0 {
			t.Fatalf("VNETSIM_ORACLE_N=%q: not a count", s)
		}
	}
	if s := os.Getenv("VNETSIM_ORACLE_SEED"); s != "" {
		var err error
		if first, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("VNETSIM_ORACLE_SEED=%q: not a seed", s)
		}
	}
	type class struct {
		count   int
		example ogMismatch
		c       ogCase
	}
	classes := map[string]*class{}
	stats := map[string]int{}
	invalid := 0
	for seed := first; seed < first+uint64(n); seed++ {
		r := rand.New(rand.NewPCG(seed, 0x5eed))
		c := ogRunCase(t, r, 6, stats)
		c.seed = fmt.Sprintf("PCG(%d, 0x5eed)", seed)
		if c.invalid != nil {
			invalid++
			if invalid == 1 {
				t.Logf("first invalid topology (seed %d): %v", seed, c.invalid)
			}
			continue
		}
		for _, m := range c.mismatches {
			if classes[m.class] == nil {
				classes[m.class] = &class{example: m, c: c}
			}
			classes[m.class].count++
		}
	}
	if invalid > n/2 {
		t.Fatalf("%d of %d random topologies do not load: the generator is wrong", invalid, n)
	}
	t.Logf("%d topologies (seeds %d..%d), %d invalid, %d mismatch classes", n, first, first+uint64(n)-1, invalid, len(classes))
	for _, k := range slices.Sorted(maps.Keys(stats)) {
		t.Logf("oracle answers: %7d %s", stats[k], k)
	}
	names := slices.Collect(maps.Keys(classes))
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(classes[b].count, classes[a].count), strings.Compare(a, b))
	})
	for i, name := range names {
		cl := classes[name]
		t.Errorf("mismatch class %d, %d packets: %s", i+1, cl.count, ogDescribe(cl.c, cl.example))
		if os.Getenv("VNETSIM_ORACLE_SAVE") != "" && cl.example.packet != nil {
			ogSave(t, cl.c, cl.example, fmt.Sprintf("fail-%d.yaml", i+1))
		}
	}
}

func FuzzOracle(f *testing.F) {
	for _, s := range []string{"", "vnetsim", "forced tunnelling", "\x00\x01\x02\x03"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		seed := sha256.Sum256(data)
		c := ogRunCase(t, rand.New(rand.NewChaCha8(seed)), 2, nil)
		c.seed = fmt.Sprintf("ChaCha8(sha256(%q))", data)
		if c.invalid != nil {
			t.Skipf("the generator drew a topology that does not load: %v", c.invalid)
		}
		if len(c.mismatches) > 0 {
			t.Fatalf("%d mismatches; the first: %s", len(c.mismatches), ogDescribe(c, c.mismatches[0]))
		}
	})
}

// ---------------------------------------------------------------------------
// Shrinking and saving repros.

// ogStillFails reports whether text still shows mismatch m (the same
// oracle and engine answers for the same packet and query).
func ogStillFails(tb testing.TB, text string, m ogMismatch) bool {
	topo, err := ogLoad(tb, text)
	if err != nil {
		return false
	}
	net, err := ogCompile(topo)
	if err != nil {
		return false
	}
	src, err1 := net.ResolvePlace(m.query.Source)
	dst, err2 := net.ResolvePlace(m.query.Destination)
	if err1 != nil || err2 != nil {
		return false
	}
	res, err := ogProve(net, Query{Source: src, Destination: dst, Protocol: m.query.Protocol, SourcePorts: m.query.SourcePorts, DestinationPorts: m.query.DestinationPorts})
	if err != nil {
		return false
	}
	// The packet must stay one of the query's as the oracle resolves it
	// (§14: a name's addresses depend on the topology being shrunk).
	o := newOracle(topo)
	parts, name, ok := o.destinations(src.Addrs, m.query.Destination)
	if !ok {
		parts = []oPart{{src.Addrs, dst.Addrs}}
	}
	if !slices.ContainsFunc(parts, func(p oPart) bool { return ogQuerySet(p.src, p.dst, m.query).Contains(*m.packet) }) {
		return false
	}
	got, same := ogComparePacket(res, o, *m.packet, name)
	return !same && got.oracle == m.oracle && got.engine == m.engine
}

// ogShrink deletes list items and mapping keys of the YAML, one at a time,
// for as long as the mismatch persists.
func ogShrink(tb testing.TB, text string, m ogMismatch) string {
	for changed := true; changed; {
		changed = false
		for i := 0; ; {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
				tb.Fatal(err)
			}
			if !ogDeleteNth(&doc, i) {
				break
			}
			out, err := yaml.Marshal(&doc)
			if err != nil {
				tb.Fatal(err)
			}
			if ogStillFails(tb, string(out), m) {
				text, changed = string(out), true
				continue // the same i now names the next candidate
			}
			i++
		}
	}
	return text
}

// ogDeleteNth deletes the n-th sequence item or mapping pair of the tree,
// in pre-order; false when there are fewer.
func ogDeleteNth(root *yaml.Node, n int) bool {
	count := 0
	var walk func(*yaml.Node) bool
	walk = func(node *yaml.Node) bool {
		step := 1
		if node.Kind == yaml.MappingNode {
			step = 2
		}
		if node.Kind != yaml.SequenceNode && node.Kind != yaml.MappingNode {
			return node.Kind == yaml.DocumentNode && walk(node.Content[0])
		}
		for i := 0; i < len(node.Content); i += step {
			if count == n {
				node.Content = slices.Delete(node.Content, i, i+step)
				return true
			}
			count++
			if walk(node.Content[i+step-1]) {
				return true
			}
		}
		return false
	}
	return walk(root)
}

// ogSave shrinks a mismatch and writes it as a case file (see
// ogReadCaseFile) under testdata/oracle.
func ogSave(tb testing.TB, c ogCase, m ogMismatch, name string) {
	text := ogShrink(tb, c.yaml, m)
	header := fmt.Sprintf("# Found by TestOracleAgreesWithEngine, seed %s; shrunk.\n# class: %s\n# query: %s\n# expect: %s => %s\n# engine: %s\n",
		c.seed, m.class, m.query, ogPacketString(*m.packet), ogVerdictText(m.oracle), m.engine)
	path := filepath.Join("testdata", "oracle", name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(header+text), 0o644); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("saved %s", path)
}

// ---------------------------------------------------------------------------
// Case files: hand-written cases (case-*.yaml) and repros (repro-*.yaml).
// A topology whose header comments say what to expect:
//
//	# query: source=S destination=D protocol=P sourcePorts=R destinationPorts=R   (optional)
//	# expect: 10.0.0.4:1024->20.0.0.1:443/Tcp => NsgDenied nsg:compute-nsg:DenyAllOutBound
//	# expect: 20.0.0.1:1024->10.0.0.4:29876/Tcp => AsymmetricReturn route:rt:default reply
//	# expect: 20.0.0.1:0->10.0.0.9:0/Icmp => NotExposed -
//	# expect: 10.0.0.4:1024->20.0.0.1:80/Tcp => Delivered
//
// The oracle must give each expected answer, and so must the engine, for
// the last query above the expectation, or else for its one-packet query.
// A query names the flow (semantics.md §14): a destination given by a name
// resolves where each source asks, and the name is the flow's.

type ogExpectation struct {
	line   string
	query  *ogQuery
	packet hs.Packet
	want   oracleVerdict
}

type ogCaseFile struct {
	path   string
	expect []ogExpectation
}

// ogCaseDirs are the directories of case files: the engine's and the
// oracle's cases, then those of the 2026 elements (semantics.md §4-§5,
// §8-§9, §12-§15).
var ogCaseDirs = []string{"oracle", "oracle-2026"}

func ogReadCaseFiles(t *testing.T, dir string) []ogCaseFile {
	paths, err := filepath.Glob(filepath.Join("testdata", dir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var out []ogCaseFile
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cf := ogCaseFile{path: path}
		var query *ogQuery
		for _, line := range strings.Split(string(data), "\n") {
			switch {
			case strings.HasPrefix(line, "# query: "):
				q, err := ogParseQuery(strings.TrimPrefix(line, "# query: "))
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				query = &q
			case strings.HasPrefix(line, "# expect: "):
				text := strings.TrimPrefix(line, "# expect: ")
				pkt, verdict, _ := strings.Cut(text, " => ")
				p, err := ogParsePacket(pkt)
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				cf.expect = append(cf.expect, ogExpectation{line: text, query: query, packet: p, want: ogParseVerdict(verdict)})
			}
		}
		if len(cf.expect) == 0 {
			t.Fatalf("%s: no expectations", path)
		}
		out = append(out, cf)
	}
	if len(out) == 0 {
		t.Fatalf("no case files in testdata/%s", dir)
	}
	return out
}

func ogPacketString(p hs.Packet) string {
	return fmt.Sprintf("%s:%d->%s:%d/%s", p.Src, p.SrcPort, p.Dst, p.DstPort, p.Proto)
}

func ogParsePacket(s string) (hs.Packet, error) {
	rest, proto, ok1 := strings.Cut(s, "/")
	from, to, ok2 := strings.Cut(rest, "->")
	src, err1 := netip.ParseAddrPort(from)
	dst, err2 := netip.ParseAddrPort(to)
	if !ok1 || !ok2 || err1 != nil || err2 != nil {
		return hs.Packet{}, fmt.Errorf("packet %q: want SRC:PORT->DST:PORT/PROTO", s)
	}
	return hs.Packet{Src: hs.AddrFrom(src.Addr()), Dst: hs.AddrFrom(dst.Addr()), Proto: ogProto(model.Protocol(proto)),
		SrcPort: src.Port(), DstPort: dst.Port()}, nil
}

// ogVerdictText writes a verdict as case files do.
func ogVerdictText(v oracleVerdict) string {
	if v.Delivered {
		return "Delivered"
	}
	out := string(v.Reason) + " " + cmp.Or(v.Ref, "-")
	if v.Reply {
		out += " reply"
	}
	return out
}

func ogParseVerdict(s string) oracleVerdict {
	f := strings.Fields(s)
	if len(f) == 1 && f[0] == "Delivered" {
		return oracleVerdict{Delivered: true}
	}
	v := oracleVerdict{Reason: model.Reason(f[0])}
	if len(f) > 1 && f[1] != "-" {
		v.Ref = f[1]
	}
	v.Reply = len(f) > 2 && f[2] == "reply"
	return v
}

func ogParseQuery(s string) (ogQuery, error) {
	var q ogQuery
	for _, kv := range strings.Fields(s) {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "source":
			q.Source = v
		case "destination":
			q.Destination = v
		case "protocol":
			q.Protocol = model.Protocol(v)
		case "sourcePorts":
			q.SourcePorts = strings.Split(v, ",")
		case "destinationPorts":
			q.DestinationPorts = strings.Split(v, ",")
		default:
			return q, fmt.Errorf("query %q: unknown field %q", s, k)
		}
	}
	return q, nil
}

func ogLoadCaseFile(t *testing.T, cf ogCaseFile) *model.Topology {
	t.Helper()
	topo, diags := model.Load(cf.path)
	if topo == nil {
		t.Fatalf("%s does not load:\n%v", cf.path, diags)
	}
	return topo
}

// TestOracleKnownCases checks the oracle itself on the case files: each
// expected packet is one of its query's (when it has one), and the oracle
// judges it, with the query's flow name, as expected.
func TestOracleKnownCases(t *testing.T) {
	for _, dir := range ogCaseDirs {
		for _, cf := range ogReadCaseFiles(t, dir) {
			t.Run(dir+"/"+filepath.Base(cf.path), func(t *testing.T) {
				o := newOracle(ogLoadCaseFile(t, cf))
				for _, e := range cf.expect {
					name := ""
					if q := e.query; q != nil {
						srcs, ok1 := o.placeAddrs(q.Source)
						parts, n, ok2 := o.destinations(srcs, q.Destination)
						var packets hs.Set
						for _, part := range parts {
							packets = packets.Union(ogQuerySet(part.src, part.dst, *q))
						}
						if ok1 && ok2 && !packets.Contains(e.packet) {
							t.Errorf("%s\n\tthe packet is not one of the query's", e.line)
						}
						name = n
					}
					if got := o.eval(e.packet, name); got != e.want {
						t.Errorf("%s\n\toracle: %s", e.line, got)
					}
				}
			})
		}
	}
}

// TestOracleCasesOnEngine checks the engine on the case files.
func TestOracleCasesOnEngine(t *testing.T) {
	for _, dir := range ogCaseDirs {
		for _, cf := range ogReadCaseFiles(t, dir) {
			t.Run(dir+"/"+filepath.Base(cf.path), func(t *testing.T) { ogCaseOnEngine(t, cf) })
		}
	}
}

func ogCaseOnEngine(t *testing.T, cf ogCaseFile) {
	net, err := ogCompile(ogLoadCaseFile(t, cf))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range cf.expect {
		q := ogOnePacketQuery(e.packet)
		if e.query != nil {
			q = *e.query
		}
		src, err1 := net.ResolvePlace(q.Source)
		dst, err2 := net.ResolvePlace(q.Destination)
		if err := cmp.Or(err1, err2); err != nil {
			t.Errorf("%s\n\tengine: %s: %v", e.line, q, err)
			continue
		}
		res, err := ogProve(net, Query{Source: src, Destination: dst, Protocol: q.Protocol, SourcePorts: q.SourcePorts, DestinationPorts: q.DestinationPorts})
		if err != nil {
			t.Errorf("%s\n\tengine: %v", e.line, err)
			continue
		}
		got, problem := ogEngineAnswer(res, e.packet)
		if problem != "" || got != e.want {
			t.Errorf("%s\n\tengine: %s", e.line, cmp.Or(problem, got.String()))
		}
	}
}

func ogOnePacketQuery(p hs.Packet) ogQuery {
	q := ogQuery{Source: p.Src.String(), Destination: p.Dst.String(), Protocol: model.Protocol(p.Proto.String()),
		SourcePorts: []string{"*"}, DestinationPorts: []string{"*"}}
	if oPorted(p.Proto) {
		q.SourcePorts, q.DestinationPorts = []string{fmt.Sprint(p.SrcPort)}, []string{fmt.Sprint(p.DstPort)}
	}
	return q
}

// TestOracleTopologies compares the engine with the oracle on every packet
// between every two places (subnets, compute and scoring endpoints, the
// internet) of the topologies under testdata/oracle-topologies: the inputs
// FuzzOracle failed on, kept whole.
func TestOracleTopologies(t *testing.T) {
	files, err := filepath.Glob("testdata/oracle-topologies/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no topologies: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			topo, diags := model.Load(path)
			if topo == nil {
				t.Fatalf("invalid topology:\n%v", diags)
			}
			net, err := ogCompile(topo)
			if err != nil {
				t.Fatal(err)
			}
			places := []string{"Internet"}
			places = append(places, net.SubnetIDs()...)
			for _, ep := range topo.Endpoints {
				if ep.Kind.HasNodes() || ep.Kind == model.AksScoring {
					places = append(places, ep.Name)
				}
			}
			o, universe := newOracle(topo), ogUniverse()
			for _, src := range places {
				for _, dst := range places {
					for _, proto := range []model.Protocol{model.Tcp, model.Udp} {
						q := ogQuery{Source: src, Destination: dst, Protocol: proto, SourcePorts: []string{"1"}, DestinationPorts: []string{"0-2"}}
						for _, m := range ogCompare(net, o, q, universe, nil) {
							t.Errorf("%s", ogDescribe(ogCase{seed: path, yaml: ""}, m))
						}
					}
				}
			}
		})
	}
}

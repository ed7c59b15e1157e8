package sim

import (
	"slices"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim/hs"
)

// Waypoints are the stateful places a connection crosses: the internet
// edge, an appliance, a gateway. A reply must cross the request's waypoints
// in reverse, or the connection breaks (AsymmetricReturn).
const waypointEdge = "the internet edge"

func waypointAppliance(a *appliance) string { return "appliance " + a.m.Name }
func waypointGateway(g *gateway) string     { return "gateway " + g.m.Name }

// waypoint is a stateful place a request crossed, and, when it translated
// the request's destination there (DNAT), what the destination address and
// port read before: the reply's source reads them again when it crosses
// back.
type waypoint struct {
	name string
	undo *dnatUndo
}

type dnatUndo struct {
	dst   xfAddr
	dport xfPort
}

// natPoint is a source translation the reply must find its way back to.
type natPoint struct {
	addr hs.Addr
	prev xfAddr // what the source field read before the translation
	nic  *nic   // the edge translated for this NIC (its public IP or default outbound)
	app  *appliance
	gw   *gateway
	// local: on-premises translated its own host's source; the reply ends
	// there rather than entering Azure.
	local bool
	in    *vnet // the VNet whose element translated it (nil: on-premises)
}

type visit struct {
	node string
	xf   transform
}

// branch is a set of packets that has so far met the same elements.
// Branches are values; slices in them are copied before they grow.
type branch struct {
	set      hs.Set // in query coordinates
	xf       transform
	reply    bool
	ways     []waypoint // request: waypoints crossed
	expect   []waypoint // reply: waypoints still to cross, next first
	nats     []natPoint
	visits   []visit
	route    string  // ref of the last route decision
	routeTxt string  // that route, for explanations
	routeSub *subnet // whose router took that decision
	via      *subnet
	origin   *subnet // the subnet the request started in, if any (for fixes)
	noAccess *peer
	applied  bool      // an appliance has forwarded it (peering's allowForwardedTraffic)
	hostUndo *dnatUndo // a translation the destination's host undoes for the reply
	hops     []Hop
	replyAt  int // index in hops where the reply's hops begin
}

// natBy reports whether b is a reply whose latest source translation the
// appliance made.
func (b branch) natBy(a *appliance) bool {
	return b.reply && len(b.nats) > 0 && b.nats[len(b.nats)-1].app == a
}

func (b branch) with(set hs.Set) branch {
	b.set = set
	return b
}

func grow[T any](s []T, v T) []T {
	return append(slices.Clip(s), v)
}

// Hop is one element a traced packet met (cli-contract.md, trace).
type Hop struct {
	At       string `json:"at"`
	Step     string `json:"step"`
	Decision string `json:"decision"`
	Ref      string `json:"ref,omitempty"`
	Detail   string `json:"detail,omitempty"`
}

// drop is a set of packets that did not make it, and why.
type drop struct {
	set     hs.Set
	reason  model.Reason
	ref     string
	reply   bool
	fix     string
	explain func(w hs.Packet) string // w is the witness in current-header form
	xf      transform
	hops    []Hop
	replyAt int
}

// splitter hands out the parts of a branch whose current source (or
// destination) lies in given addresses. Addresses the branch's projection
// does not meet are skipped without a set operation: a proof meets few of
// the network's many NICs, subnets and public addresses.
type splitter struct {
	b    branch
	rest hs.Set
	cur  hs.IPSet
	dst  bool
}

func splitDst(b branch) *splitter {
	return &splitter{b: b, rest: b.set, cur: b.xf.curDst(b.set), dst: true}
}

func splitSrc(b branch) *splitter {
	return &splitter{b: b, rest: b.set, cur: b.xf.curSrc(b.set)}
}

// take removes and returns the part in ips.
func (s *splitter) take(ips hs.IPSet) (branch, bool) {
	if s.rest.IsEmpty() || !s.cur.Overlaps(ips) {
		return branch{}, false
	}
	var part hs.Set
	if s.dst {
		part = s.b.xf.restrictDst(s.rest, ips)
	} else {
		part = s.b.xf.restrictSrc(s.rest, ips)
	}
	if part.IsEmpty() {
		return branch{}, false
	}
	s.rest = s.rest.Subtract(part)
	return s.b.with(part), true
}

// left is what no take claimed.
func (s *splitter) left() branch { return s.b.with(s.rest) }

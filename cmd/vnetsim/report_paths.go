package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
)

// failureTrace is one blocked region of a failed intent with its witness
// traced: what the drawing follows to the element that blocks it.
type failureTrace struct {
	number int    // the failure's number on the page
	href   string // its explanation
	trace  flowTrace
	reason model.Reason
	ref    string
}

// maxDrawnFailures bounds the ways drawn; past it the drawing would be
// lines and nothing else.
const maxDrawnFailures = 30

// drawFailures draws, over the boxes, the way each failure's witness takes
// up to the element that blocks it, outlines that element's box, and puts
// the failure's number there, linked to its explanation.
func (dr *drawer) drawFailures(fg *sim.FlowGraph, failures []failureTrace) {
	has := func(name string) bool { _, ok := fg.NodeByName(name); return ok }
	badges := map[string][]svgBadge{}
	var order []string
	for i, f := range failures {
		if i == maxDrawnFailures {
			dr.note(fmt.Sprintf("the ways of the first %d blocked regions are drawn, not the %d others", maxDrawnFailures, len(failures)-maxDrawnFailures))
			break
		}
		p := pathOf(f.trace, has, f.reason, f.ref)
		if p.blockedAt < 0 {
			continue
		}
		var keys []string
		for _, name := range p.nodes[:p.blockedAt+1] {
			nd, _ := fg.NodeByName(name)
			if k := dr.boxFor(nd); k != "" && (len(keys) == 0 || keys[len(keys)-1] != k) {
				keys = append(keys, k)
			}
		}
		if len(keys) == 0 {
			continue
		}
		title := fmt.Sprintf("failure %d: %s at %s", f.number, f.reason, refOrDash(f.ref))
		for j := 1; j < len(keys); j++ {
			if l, ok := segment(dr.boxes[keys[j-1]], dr.boxes[keys[j]]); ok {
				l.Class, l.Title = "path", title
				dr.d.Paths = append(dr.d.Paths, l)
			}
		}
		last := keys[len(keys)-1]
		if len(badges[last]) == 0 {
			r := dr.boxes[last]
			dr.d.Marks = append(dr.d.Marks, svgBox{X: r.x, Y: r.y, W: r.w, H: r.h, Class: "blocking", Title: title})
			order = append(order, last)
		}
		badges[last] = append(badges[last], svgBadge{Label: fmt.Sprint(f.number), Href: f.href, Title: title})
	}
	// A box's numbers read left to right, ending at its top right corner.
	for _, key := range order {
		r, bs := dr.boxes[key], badges[key]
		for i, b := range bs {
			b.X, b.Y = r.x+r.w-12-24*(len(bs)-1-i), r.y+12
			dr.d.Badges = append(dr.d.Badges, b)
		}
	}
}

// boxFor is the drawn box a graph node is in: its subnet's row in the
// detailed drawing, else its VNet's box or tile (or the tile that counts
// it), or the outside place's own box; "" when none is drawn.
func (dr *drawer) boxFor(nd *sim.FlowNode) string {
	name, _ := strings.CutPrefix(nd.Name, nd.Kind+" ")
	var keys []string
	switch nd.Kind {
	case "nic":
		if ep := dr.t.Endpoint(name); ep != nil {
			keys = append(keys, "subnet:"+ep.Subnet)
		}
	case "router":
		keys = append(keys, "subnet:"+name)
	case "gateway":
		keys = append(keys, "subnet:"+nd.Group+"/GatewaySubnet")
	case "appliance":
		if a := dr.t.Appliance(name); a != nil {
			keys = append(keys, "subnet:"+a.Subnet)
		}
	}
	if nd.Group == "" {
		keys = append(keys, nd.Name)
	} else {
		keys = append(keys, nd.Group, dr.hubOf[nd.Group])
	}
	for _, k := range keys {
		if _, ok := dr.boxes[k]; ok {
			return k
		}
	}
	return ""
}

// segment is the line between two boxes' centres, from where it leaves the
// first to where it enters the second; none when one box holds the other
// or they overlap.
func segment(a, b rect) (svgLine, bool) {
	if a.overlaps(b) {
		return svgLine{}, false
	}
	bx, by := b.center()
	ax, ay := a.center()
	x1, y1 := a.edgePoint(bx, by)
	x2, y2 := b.edgePoint(ax, ay)
	return svgLine{X1: x1, Y1: y1, X2: x2, Y2: y2}, true
}

func (r rect) center() (int, int) { return r.x + r.w/2, r.y + r.h/2 }

func (r rect) overlaps(o rect) bool {
	return r.x < o.x+o.w && o.x < r.x+r.w && r.y < o.y+o.h && o.y < r.y+r.h
}

// edgePoint is where the line from r's centre toward (x, y) leaves r.
func (r rect) edgePoint(x, y int) (int, int) {
	cx, cy := r.center()
	dx, dy := float64(x-cx), float64(y-cy)
	t := math.Inf(1)
	if dx != 0 {
		t = math.Min(t, float64(r.w)/2/math.Abs(dx))
	}
	if dy != 0 {
		t = math.Min(t, float64(r.h)/2/math.Abs(dy))
	}
	if math.IsInf(t, 1) {
		return cx, cy
	}
	return cx + int(math.Round(dx*t)), cy + int(math.Round(dy*t))
}

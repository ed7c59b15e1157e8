package main

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/vnetsim/vnetsim/model"
	"github.com/vnetsim/vnetsim/sim"
)

// The drawing is a deterministic grid: the places outside Azure's VNets
// (internet, on-premises, PaaS services) in a band at the top, the VNets
// below, wrapping into rows. Lines are drawn first and the boxes over them,
// so a line is seen between boxes and never over one's text.
const (
	margin        = 20
	boxGap        = 40
	extWidth      = 200
	extHeight     = 52
	maxExternal   = 18 // outside places drawn; the rest are counted
	extPerRow     = 6
	detailVNets   = 12 // up to this many VNets are drawn with their subnets
	maxSubnetRows = 12 // subnets drawn in one VNet box
	maxItems      = 4  // endpoints, appliances, ... listed in one subnet
	lineHeight    = 15
	headerHeight  = 46
)

type drawing struct {
	Width, Height int
	Lines         []svgLine // peerings and links, under the boxes
	Boxes         []svgBox
	Texts         []svgText
	Paths         []svgLine  // failures' ways, over the boxes
	Marks         []svgBox   // the elements that block, outlined
	Badges        []svgBadge // a failure's number at the element that blocks it
	Notes         []string   // what was left out, and why
}

// svgBadge is a numbered mark linking to a failure's explanation.
type svgBadge struct {
	X, Y               int
	Label, Href, Title string
}

type svgLine struct {
	X1, Y1, X2, Y2 int
	Class, Title   string
}

type svgBox struct {
	X, Y, W, H         int
	Class, Title, Href string
}

type svgText struct {
	X, Y               int
	Class, Text, Title string
}

// peeringLink is one pair of peered VNets, with each side's peering.
type peeringLink struct {
	A, B         string
	AName, BName string // "" when that side declares none
	Flags        string // the settings that matter, e.g. "ml-to-hub: useRemoteGateways"
	Denied       bool   // a side disallows virtual network access
}

// Both is whether the peering is declared on both sides (it connects).
func (p peeringLink) Both() bool { return p.AName != "" && p.BName != "" }

type rect struct{ x, y, w, h int }

func (r rect) bottom() (int, int) { return r.x + r.w/2, r.y + r.h }
func (r rect) header() (int, int) { return r.x + r.w/2, r.y + headerHeight/2 }

// subnetView is what one subnet row shows.
type subnetView struct {
	id, name, meta string
	items          []string
}

func (s subnetView) height() int {
	return 2*lineHeight + len(s.items)*lineHeight + 8
}

type vnetView struct {
	m         *model.VNet
	subnets   []subnetView
	more      int // subnets not drawn
	endpoints int
	summary   string
}

type drawer struct {
	d     drawing
	t     *model.Topology
	boxes map[string]rect   // VNet name, "subnet:<vnet/subnet>", outside node name, "more:<hub>" -> its box
	hubOf map[string]string // a spoke counted in its hub's "+N more" tile -> that tile's key
}

// drawTopology draws the network and, over it, the way each failure's
// traced flows take up to the element that blocks them; it lists the
// peerings for the table beside the drawing.
func drawTopology(n *sim.Network, failures []failureTrace, failed map[string]int) (drawing, []peeringLink, error) {
	fg, err := n.Graph()
	if err != nil {
		return drawing{}, nil, err
	}
	dr := &drawer{boxes: map[string]rect{}, t: n.Topo}
	vnets := vnetViews(n, fg)
	compact := len(vnets) > detailVNets
	ext := dr.externalNodes(fg)
	y := margin
	if len(ext) > 0 {
		rows := (len(ext) + extPerRow - 1) / extPerRow
		y += rows*(extHeight+boxGap/2) - boxGap/2 + 2*boxGap
	}
	links := peerings(n.Topo)
	drawn := links
	if compact {
		dr.note(fmt.Sprintf("%d VNets: each is drawn as one tile without its subnets (the detailed drawing stops at %d); the table of VNets below has each one", len(vnets), detailVNets))
		drawn = dr.placeHubAndSpoke(vnets, links, y, failed)
	} else {
		dr.placeVNets(vnets, y)
	}
	outside := externalLinks(fg, n.Topo)
	if compact && len(outside) > 0 {
		dr.note("the lines from the VNets to the places outside them are left out at this size")
		outside = nil
	}
	dr.placeExternal(dr.byLinkedX(ext, outside), n.Topo)
	dr.connect(drawn, outside)
	dr.drawFailures(fg, failures)
	dr.d.Width, dr.d.Height = dr.extent()
	return dr.d, links, nil
}

func (dr *drawer) note(s string) { dr.d.Notes = append(dr.d.Notes, s) }

func (dr *drawer) box(key string, r rect, class, title string) {
	if key != "" {
		dr.boxes[key] = r
	}
	dr.d.Boxes = append(dr.d.Boxes, svgBox{X: r.x, Y: r.y, W: r.w, H: r.h, Class: class, Title: title})
}

// link makes the last box a link to an anchor of the page.
func (dr *drawer) link(href string) { dr.d.Boxes[len(dr.d.Boxes)-1].Href = href }

// text adds a line of text, cut to fit width pixels at the class's size.
func (dr *drawer) text(x, y, width int, class, s string) {
	size := map[string]int{"title": 14, "name": 12}[class]
	if size == 0 {
		size = 11
	}
	t := svgText{X: x, Y: y, Class: class, Text: s}
	if limit := width * 100 / (size * 56); len([]rune(s)) > limit && limit > 1 {
		t.Text, t.Title = string([]rune(s)[:limit-1])+"…", s
	}
	dr.d.Texts = append(dr.d.Texts, t)
}

// extent is the drawing's size: its boxes and a margin.
func (dr *drawer) extent() (w, h int) {
	for _, x := range dr.d.Boxes {
		w, h = max(w, x.X+x.W), max(h, x.Y+x.H)
	}
	return w + margin, h + margin
}

// externalNodes are the graph's places outside the VNets, as many as are
// drawn.
func (dr *drawer) externalNodes(fg *sim.FlowGraph) []*sim.FlowNode {
	var ext []*sim.FlowNode
	for _, nd := range fg.FlowNodes() {
		if nd.Group == "" && nd.Name != serviceEndpointsNode {
			ext = append(ext, nd)
		}
	}
	if len(ext) > maxExternal {
		dr.note(fmt.Sprintf("%d more places outside the VNets (on-premises, PaaS services) are not drawn", len(ext)-maxExternal))
		ext = ext[:maxExternal]
	}
	return ext
}

// byLinkedX orders the outside places by the mean position of the VNets
// they link to, so that their lines cross less; unlinked places go last.
func (dr *drawer) byLinkedX(ext []*sim.FlowNode, links []externalLink) []*sim.FlowNode {
	at := map[string]int{}
	for _, nd := range ext {
		sum, k := 0, 0
		for _, l := range links {
			if r, ok := dr.boxes[l.vnet]; ok && l.ext == nd.Name {
				sum, k = sum+r.x+r.w/2, k+1
			}
		}
		at[nd.Name] = 1 << 30
		if k > 0 {
			at[nd.Name] = sum / k
		}
	}
	out := slices.Clone(ext)
	slices.SortStableFunc(out, func(a, b *sim.FlowNode) int { return cmp.Compare(at[a.Name], at[b.Name]) })
	return out
}

// placeExternal draws the band of outside places at the top.
func (dr *drawer) placeExternal(ext []*sim.FlowNode, t *model.Topology) {
	for i, nd := range ext {
		r := rect{margin + (i%extPerRow)*(extWidth+boxGap/2), margin + (i/extPerRow)*(extHeight+boxGap/2), extWidth, extHeight}
		title, sub := externalLabel(nd, t)
		dr.box(nd.Name, r, "ext "+nd.Kind, nd.Name)
		dr.text(r.x+10, r.y+20, r.w-20, "name", title)
		dr.text(r.x+10, r.y+38, r.w-20, "meta", sub)
	}
}

func externalLabel(nd *sim.FlowNode, t *model.Topology) (title, sub string) {
	name, _ := strings.CutPrefix(nd.Name, nd.Kind+" ")
	switch nd.Kind {
	case "internet":
		return "Internet", "public addresses"
	case "onprem":
		for _, g := range t.Gateways {
			if g.Name == name && g.OnPremises != nil {
				return "on-premises", fmt.Sprintf("via %s: %s", name, strings.Join(g.OnPremises.AddressPrefixes, ", "))
			}
		}
		return "on-premises", "via " + name
	case "paas":
		for _, ep := range t.Endpoints {
			if ep.Name == name {
				return name, paasLabel(ep)
			}
		}
	}
	return name, nd.Kind
}

func paasLabel(ep *model.Endpoint) string {
	s := string(ep.Kind)
	if ep.Firewall != nil && ep.Firewall.DefaultAction != "" {
		s += " · default " + string(ep.Firewall.DefaultAction)
	}
	return s
}

// placeVNets lays the VNets out with their subnets, in rows from y down.
func (dr *drawer) placeVNets(vnets []*vnetView, y int) {
	const w = 420
	cols := max(1, min(3, len(vnets)))
	for row := 0; row*cols < len(vnets); row++ {
		rowVNets := vnets[row*cols : min(len(vnets), (row+1)*cols)]
		h := 0
		for _, v := range rowVNets {
			h = max(h, v.height())
		}
		for i, v := range rowVNets {
			dr.drawVNet(v, rect{margin + i*(w+boxGap), y, w, v.height()})
		}
		y += h + boxGap
	}
}

func (v *vnetView) height() int {
	h := headerHeight + 6
	for _, s := range v.subnets {
		h += s.height() + 6
	}
	if v.more > 0 {
		h += lineHeight + 4
	}
	return h
}

func (dr *drawer) drawVNet(v *vnetView, r rect) {
	dr.box(v.m.Name, r, "vnet", v.m.Name)
	dr.link("#vnet-" + v.m.Name)
	dr.text(r.x+12, r.y+20, r.w-24, "title", v.m.Name)
	dr.text(r.x+12, r.y+37, r.w-24, "meta", vnetMeta(v.m))
	y := r.y + headerHeight
	for _, s := range v.subnets {
		sr := rect{r.x + 8, y, r.w - 16, s.height()}
		dr.box("subnet:"+s.id, sr, "subnet", "")
		dr.text(sr.x+8, sr.y+lineHeight, sr.w-16, "name", s.name)
		dr.text(sr.x+8, sr.y+2*lineHeight, sr.w-16, "meta", s.meta)
		for i, it := range s.items {
			dr.text(sr.x+14, sr.y+(3+i)*lineHeight, sr.w-22, itemClass(it), it)
		}
		y += s.height() + 6
	}
	if v.more > 0 {
		dr.text(r.x+12, y+lineHeight-4, r.w-24, "meta", fmt.Sprintf("+ %d more subnets not drawn", v.more))
	}
}

func vnetMeta(v *model.VNet) string {
	parts := []string{strings.Join(v.AddressSpace, ", ")}
	for _, s := range []string{v.Location, v.Subscription} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

// itemClass colours an item by its leading mark.
func itemClass(it string) string {
	switch {
	case strings.HasPrefix(it, markAppliance):
		return "item appliance"
	case strings.HasPrefix(it, markGateway):
		return "item gateway"
	case strings.HasPrefix(it, markPrivateEndpoint):
		return "item pe"
	}
	return "item"
}

// connect draws the peerings between VNets and the links from VNets to
// the outside places of the compiled graph (routes to the internet or a
// gateway, public addresses, private endpoints).
func (dr *drawer) connect(links []peeringLink, outside []externalLink) {
	var lines []svgLine
	for _, l := range links {
		a, okA := dr.boxes[l.A]
		b, okB := dr.boxes[l.B]
		if !okA || !okB {
			continue
		}
		class := "peering"
		if !l.Both() {
			class += " oneside"
		}
		if l.Denied {
			class += " denied"
		}
		x1, y1 := a.header()
		x2, y2 := b.header()
		lines = append(lines, svgLine{x1, y1, x2, y2, class, peeringTitle(l)})
	}
	dr.d.Lines = append(append(dr.d.Lines, lines...), dr.outsideLines(outside)...)
}

// outsideLines join outside places to the tops of VNet boxes, spreading a
// VNet's lines along its top edge in the order of the places they come from.
func (dr *drawer) outsideLines(outside []externalLink) []svgLine {
	var drawn []externalLink
	for _, c := range outside {
		_, okV := dr.boxes[c.vnet]
		_, okE := dr.boxes[c.ext]
		if okV && okE {
			drawn = append(drawn, c)
		}
	}
	slices.SortStableFunc(drawn, func(a, b externalLink) int { return cmp.Compare(dr.boxes[a.ext].x, dr.boxes[b.ext].x) })
	var lines []svgLine
	for _, c := range drawn {
		v, e := dr.boxes[c.vnet], dr.boxes[c.ext]
		i, k := 0, 0
		for _, o := range drawn {
			if o.vnet == c.vnet {
				if o.ext == c.ext {
					i = k
				}
				k++
			}
		}
		x1, y1 := e.bottom()
		lines = append(lines, svgLine{x1, y1, v.x + v.w*(i+1)/(k+1), v.y, "link", c.title()})
	}
	return lines
}

func peeringTitle(l peeringLink) string {
	side := func(v, p string) string {
		if p == "" {
			return v + ": no peering declared"
		}
		return v + ": " + p
	}
	t := side(l.A, l.AName) + "; " + side(l.B, l.BName)
	if l.Flags != "" {
		t += " (" + l.Flags + ")"
	}
	return t
}

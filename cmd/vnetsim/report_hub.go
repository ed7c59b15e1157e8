package main

import (
	"fmt"
	"slices"
)

// The compact drawing, past detailVNets VNets: hubs (VNets peered with
// three or more others) as boxes in a row, each hub's spokes as tiles in a
// panel below it joined by one trunk line instead of a line per peering,
// and the other VNets as tiles after them. Tiles with failing intents or a
// broken peering come first and are marked; past maxTiles a panel ends
// with one "+N more" tile.
const (
	hubWidth     = 320
	hubHeight    = 78
	tileWidth    = 168
	tileHeight   = 50
	tileGap      = 10
	tilesPerRow  = 7
	maxTiles     = 56
	panelTitle   = 24
	hubMinDegree = 3
)

// placeHubAndSpoke draws the VNets compactly from y down and returns the
// peerings still to draw as lines (between hubs, and between VNets that
// are no hub's spokes).
func (dr *drawer) placeHubAndSpoke(vnets []*vnetView, links []peeringLink, y int, failed map[string]int) []peeringLink {
	peers := map[string][]string{}
	broken := map[string]bool{}
	for _, l := range links {
		peers[l.A] = append(peers[l.A], l.B)
		peers[l.B] = append(peers[l.B], l.A)
		if !l.Both() || l.Denied {
			broken[l.A], broken[l.B] = true, true
		}
	}
	isHub := map[string]bool{}
	var hubs []*vnetView
	for _, v := range vnets {
		if len(peers[v.m.Name]) >= hubMinDegree {
			isHub[v.m.Name] = true
			hubs = append(hubs, v)
		}
	}
	spokes := map[string][]*vnetView{}
	var others []*vnetView
	spokeOf := map[string]string{}
	for _, v := range vnets {
		if isHub[v.m.Name] {
			continue
		}
		ps := peers[v.m.Name]
		if len(ps) > 0 && !slices.ContainsFunc(ps, func(p string) bool { return !isHub[p] }) {
			hub := slices.Min(ps)
			spokes[hub] = append(spokes[hub], v)
			spokeOf[v.m.Name] = hub
			continue
		}
		others = append(others, v)
	}
	dr.hubOf = map[string]string{}
	for i, h := range hubs {
		r := rect{margin + i*(hubWidth+boxGap), y, hubWidth, hubHeight}
		dr.drawHub(h, r, len(spokes[h.m.Name]), failed[h.m.Name])
	}
	if len(hubs) > 0 {
		y += hubHeight + 2*boxGap
	}
	for _, h := range hubs {
		if sp := spokes[h.m.Name]; len(sp) > 0 {
			y = dr.drawPanel(fmt.Sprintf("%s peered with %s", plural(len(sp), "spoke"), h.m.Name), h.m.Name, sp, y, failed, broken) + boxGap
		}
	}
	if len(others) > 0 {
		title := fmt.Sprintf("%s peered with no hub", plural(len(others), "VNet"))
		if len(hubs) == 0 {
			title = plural(len(others), "VNet")
		}
		dr.drawPanel(title, "", others, y, failed, broken)
	}
	var drawn []peeringLink
	for _, l := range links {
		if spokeOf[l.A] == "" && spokeOf[l.B] == "" {
			drawn = append(drawn, l)
		}
	}
	return drawn
}

func (dr *drawer) drawHub(v *vnetView, r rect, spokes, failed int) {
	class := "vnet hub"
	if failed > 0 {
		class += " failed"
	}
	dr.box(v.m.Name, r, class, v.summary)
	dr.link("#vnet-" + v.m.Name)
	dr.text(r.x+12, r.y+20, r.w-24, "title", v.m.Name)
	dr.text(r.x+12, r.y+37, r.w-24, "meta", vnetMeta(v.m))
	dr.text(r.x+12, r.y+54, r.w-24, "item", fmt.Sprintf("hub of %s · %s", plural(spokes, "spoke"), v.summary))
	if failed > 0 {
		dr.text(r.x+12, r.y+70, r.w-24, "failtext", plural(failed, "failed intent"))
	}
}

// drawPanel draws VNets as tiles in a panel from y down, joined to hub by
// a trunk line when there is one, and returns the panel's bottom.
func (dr *drawer) drawPanel(title, hub string, vnets []*vnetView, y int, failed map[string]int, broken map[string]bool) int {
	shown, hidden := pickTiles(vnets, failed, broken)
	n := len(shown)
	if len(hidden) > 0 {
		n++
	}
	rows := (n + tilesPerRow - 1) / tilesPerRow
	cols := min(n, tilesPerRow)
	panel := rect{margin, y, cols*(tileWidth+tileGap) + tileGap, panelTitle + rows*(tileHeight+tileGap) + tileGap}
	dr.box("", panel, "panel", title)
	dr.text(panel.x+tileGap, panel.y+17, panel.w-2*tileGap, "name", title)
	if h, ok := dr.boxes[hub]; ok {
		x, y1 := h.bottom()
		x = min(max(x, panel.x+20), panel.x+panel.w-20)
		dr.d.Lines = append(dr.d.Lines, svgLine{x, y1, x, panel.y, "trunk", title})
	}
	at := func(i int) rect {
		return rect{panel.x + tileGap + (i%tilesPerRow)*(tileWidth+tileGap), panel.y + panelTitle + (i/tilesPerRow)*(tileHeight+tileGap),
			tileWidth, tileHeight}
	}
	for i, v := range shown {
		dr.drawTile(v, at(i), failed[v.m.Name], broken[v.m.Name])
	}
	if len(hidden) > 0 {
		r := at(len(shown))
		key := "more:" + hub
		failing := 0
		for _, v := range hidden {
			dr.hubOf[v.m.Name] = key
			if failed[v.m.Name] > 0 {
				failing++
			}
		}
		dr.box(key, r, "tile more", "")
		dr.text(r.x+8, r.y+19, r.w-16, "name", fmt.Sprintf("+ %d more", len(hidden)))
		what := "no failed intent; see the table"
		if failing > 0 {
			what = fmt.Sprintf("%d with failed intents; see the table", failing)
		}
		dr.text(r.x+8, r.y+36, r.w-16, "meta", what)
		dr.link("#vnets")
	}
	return panel.y + panel.h
}

func (dr *drawer) drawTile(v *vnetView, r rect, failed int, broken bool) {
	class := "tile"
	switch {
	case failed > 0:
		class += " failed"
	case broken:
		class += " warn"
	}
	dr.box(v.m.Name, r, class, v.summary)
	dr.link("#vnet-" + v.m.Name)
	dr.text(r.x+8, r.y+17, r.w-16, "name", v.m.Name)
	dr.text(r.x+8, r.y+31, r.w-16, "meta", fmt.Sprintf("%s · %s", plural(len(v.m.Subnets), "subnet"), plural(v.endpoints, "endpoint")))
	switch {
	case failed > 0:
		dr.text(r.x+8, r.y+44, r.w-16, "failtext", plural(failed, "failed intent"))
	case broken:
		dr.text(r.x+8, r.y+44, r.w-16, "warntext", "peering not connected")
	}
}

// pickTiles chooses the tiles a panel draws: every VNet when they fit,
// else those with failures or broken peerings first, then the others in
// order, keeping the VNets' order among those drawn.
func pickTiles(vnets []*vnetView, failed map[string]int, broken map[string]bool) (shown, hidden []*vnetView) {
	if len(vnets) <= maxTiles {
		return vnets, nil
	}
	keep := map[string]bool{}
	room := maxTiles - 1 // one tile says how many more there are
	for _, first := range []bool{true, false} {
		for _, v := range vnets {
			if room > 0 && !keep[v.m.Name] && (!first || failed[v.m.Name] > 0 || broken[v.m.Name]) {
				keep[v.m.Name] = true
				room--
			}
		}
	}
	for _, v := range vnets {
		if keep[v.m.Name] {
			shown = append(shown, v)
		} else {
			hidden = append(hidden, v)
		}
	}
	return shown, hidden
}

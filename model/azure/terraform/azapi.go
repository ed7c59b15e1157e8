package terraform

import (
	"encoding/json"
	"strings"

	"github.com/vnetsim/vnetsim/model/azure/armid"
	"github.com/vnetsim/vnetsim/model/azure/unknown"
)

// The AzAPI provider deploys ARM resources as they are: azapi_resource has
// the ARM type ("Microsoft.Network/virtualNetworks/subnets@2024-05-01"),
// the parent's id (a resource group, or the parent resource of a child),
// a name and the ARM body. Azure Verified Modules write subnets and
// peerings this way.

const azapiResource = "azapi_resource"

// azapiType is an azapi_resource's ARM type without its API version.
func azapiType(v view) string {
	t, _ := v.value("type").(string)
	t, _, _ = strings.Cut(t, "@")
	return t
}

// isChild reports whether an instance deploys a child resource, whose id
// is made from its parent's.
func isChild(in *inst, v view) bool {
	if in.typ == azapiResource {
		return strings.Count(azapiType(v), "/") >= 2
	}
	return armTypes[in.typ].parent != ""
}

// identifyAzapi gives an azapi_resource its ARM type, name and id.
func (rd *reader) identifyAzapi(in *inst, v view) {
	typ := azapiType(v)
	if typ == "" || unknown.Is(typ) {
		return
	}
	in.armType = typ
	name, _ := v.value("name").(string)
	if name == "" || unknown.Is(name) {
		name = in.rname
	}
	parent, _ := v.ref("parent_id").(string)
	known, _ := v.value("id").(string)
	switch {
	case known != "" && !unknown.Is(known) && strings.HasPrefix(known, "/"):
		in.id = known
		if p, ok := armid.Parse(known); ok {
			name = p.Name
		}
	case strings.Count(typ, "/") >= 2 && strings.HasPrefix(parent, "/"):
		in.id = strings.TrimRight(parent, "/") + "/" + armid.Last(typ) + "/" + name
		if p, ok := armid.Parse(parent); ok {
			name = p.Name + "/" + name
		}
	default:
		sub, rg := cmp(rd.opts.Subscription, placeholderSubscription), cmp(rd.opts.ResourceGroup, placeholderResourceGroup)
		if p, ok := armid.Parse(parent + "/providers/" + typ + "/" + name); ok && strings.HasPrefix(parent, "/") {
			sub, rg = p.Subscription, p.ResourceGroup
		}
		in.id = armid.Build(sub, rg, typ, name)
	}
	in.armName = name
	rd.byID[armid.Key(in.id)] = in
}

// identifyResourceGroup gives an azurerm_resource_group its id, which
// other resources (an azapi_resource's parent_id) refer to.
func (rd *reader) identifyResourceGroup(in *inst, v view) {
	name, _ := v.value("name").(string)
	if name == "" || unknown.Is(name) {
		return
	}
	in.id = "/subscriptions/" + cmp(rd.opts.Subscription, placeholderSubscription) + "/resourceGroups/" + name
	if known, _ := v.value("id").(string); strings.HasPrefix(known, "/") {
		in.id = known
	}
}

// azapiBody is the ARM resource an azapi_resource deploys: its body (an
// object, or JSON text in AzAPI 1.x), with its location.
func azapiBody(v view) map[string]any {
	var body map[string]any
	switch b := v.value("body").(type) {
	case map[string]any:
		body = b
	case string:
		if err := json.Unmarshal([]byte(b), &body); err != nil {
			v.rd.notef("%s: %s: its body is not JSON (%v): left out", v.rd.file, v.in.addr, err)
			return nil
		}
		body = normalize(body).(map[string]any)
	}
	out := map[string]any{}
	for k, x := range body {
		out[k] = x
	}
	if u, ok := get(v.in.unknown, path{"body"}); ok {
		v.rd.fillUnknown(v.in, out, u, path{"body"})
	}
	if loc, ok := v.value("location").(string); ok && loc != "" {
		out["location"] = loc
	}
	return out
}

// fillUnknown puts in a body the values the plan does not know yet (the
// after_unknown tree u at p): a reference to another resource's id ("id"
// under "networkSecurityGroup") is the id of the one resource of that type
// the body's configuration refers to; anything else is an unknown value
// naming the attribute.
func (rd *reader) fillUnknown(in *inst, body map[string]any, u any, p path) {
	m, ok := u.(map[string]any)
	if !ok {
		return
	}
	for k, sub := range m {
		kp := append(append(path{}, p...), k)
		if b, isBool := sub.(bool); isBool {
			if !b {
				continue
			}
			val := any(rd.unknownAttr(in, kp))
			if k == "id" && len(p) > 1 {
				if id := rd.bodyRef(in, p[len(p)-1]); id != "" {
					val = id
				}
			}
			body[k] = val
			continue
		}
		child, _ := body[k].(map[string]any)
		if child == nil {
			child = map[string]any{}
			body[k] = child
		}
		rd.fillUnknown(in, child, sub, kp)
	}
}

// bodyRef is the id of the one resource the body's configuration refers to
// whose ARM type the property key names (networkSecurityGroup:
// .../networkSecurityGroups/..., remoteVirtualNetwork: a VNet); "" when
// there is none or more than one.
func (rd *reader) bodyRef(in *inst, key any) string {
	k, _ := key.(string)
	e := rd.expression(in, path{"body"})
	if k == "" || e == nil {
		return ""
	}
	k = strings.ToLower(k)
	found := ""
	for _, ref := range e.References {
		x, ok := rd.follow(in.module, ref, true)
		id, _ := x.(string)
		p, parsed := armid.Parse(id)
		if !ok || !parsed {
			continue
		}
		t := strings.ToLower(armid.Last(p.Type))
		if !strings.HasSuffix(k+"s", t) && !strings.HasSuffix(k+"es", t) {
			continue
		}
		if found != "" && !strings.EqualFold(found, id) {
			return ""
		}
		found = id
	}
	return found
}

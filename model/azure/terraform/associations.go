package terraform

import (
	"github.com/vnetsim/vnetsim/model/azure/armid"
	"github.com/vnetsim/vnetsim/model/azure/unknown"
)

// associationFuncs apply Terraform's association resources (and the
// resources azurerm writes beside their parent, such as load balancer
// rules) to the ARM resources they change.
var associationFuncs = map[string]func(view){
	"azurerm_subnet_network_security_group_association": func(v view) {
		setOn(v, "subnet_id", "networkSecurityGroup", idRef(v.ref("network_security_group_id")))
	},
	"azurerm_subnet_route_table_association": func(v view) {
		setOn(v, "subnet_id", "routeTable", idRef(v.ref("route_table_id")))
	},
	"azurerm_subnet_nat_gateway_association": func(v view) {
		setOn(v, "subnet_id", "natGateway", idRef(v.ref("nat_gateway_id")))
	},
	"azurerm_network_interface_security_group_association": func(v view) {
		setOn(v, "network_interface_id", "networkSecurityGroup", idRef(v.ref("network_security_group_id")))
	},
	"azurerm_virtual_network_dns_servers": func(v view) {
		setOn(v, "virtual_network_id", "dhcpOptions", map[string]any{"dnsServers": v.list("dns_servers", false)})
	},
	"azurerm_storage_account_network_rules": func(v view) {
		setOn(v, "storage_account_id", "networkAcls", acls(v, "ip_rules", "virtual_network_subnet_ids"))
	},
	"azurerm_network_interface_application_security_group_association": func(v view) {
		onConfigs(v, "", "applicationSecurityGroups", idRef(v.ref("application_security_group_id")))
	},
	"azurerm_network_interface_backend_address_pool_association": func(v view) {
		onConfigs(v, v.value("ip_configuration_name"), "loadBalancerBackendAddressPools", idRef(v.ref("backend_address_pool_id")))
	},
	"azurerm_network_interface_nat_rule_association": func(v view) {
		onConfigs(v, v.value("ip_configuration_name"), "loadBalancerInboundNatRules", idRef(v.ref("nat_rule_id")))
	},
	"azurerm_nat_gateway_public_ip_association": func(v view) {
		appendOn(v, "nat_gateway_id", "publicIpAddresses", idRef(v.ref("public_ip_address_id")))
	},
	"azurerm_nat_gateway_public_ip_prefix_association": func(v view) {
		appendOn(v, "nat_gateway_id", "publicIpPrefixes", idRef(v.ref("public_ip_prefix_id")))
	},
	"azurerm_lb_backend_address_pool": func(v view) {
		appendOn(v, "loadbalancer_id", "backendAddressPools", map[string]any{"id": v.in.id, "name": armid.Last(v.in.armName)})
	},
	"azurerm_lb_probe": func(v view) {
		appendOn(v, "loadbalancer_id", "probes", map[string]any{"id": v.in.id, "name": armid.Last(v.in.armName), "properties": set(map[string]any{},
			"protocol", v.value("protocol"), "port", v.value("port"), "requestPath", v.value("request_path"))})
	},
	"azurerm_lb_rule": func(v view) {
		lb := v.ref("loadbalancer_id")
		p := set(map[string]any{}, "protocol", v.value("protocol"), "frontendPort", v.value("frontend_port"),
			"backendPort", v.value("backend_port"), "probe", idRef(v.ref("probe_id")),
			"disableOutboundSnat", v.value("disable_outbound_snat"),
			"frontendIPConfiguration", frontendRef(lb, v.value("frontend_ip_configuration_name")))
		if pools := v.list("backend_address_pool_ids", true); len(pools) > 0 {
			p["backendAddressPool"] = idRef(pools[0])
		}
		appendOn(v, "loadbalancer_id", "loadBalancingRules", map[string]any{"id": v.in.id, "name": armid.Last(v.in.armName), "properties": p})
	},
	"azurerm_lb_nat_rule": func(v view) {
		lb := v.ref("loadbalancer_id")
		appendOn(v, "loadbalancer_id", "inboundNatRules", map[string]any{"id": v.in.id, "name": armid.Last(v.in.armName), "properties": set(map[string]any{},
			"protocol", v.value("protocol"), "frontendPort", v.value("frontend_port"), "backendPort", v.value("backend_port"),
			"frontendIPConfiguration", frontendRef(lb, v.value("frontend_ip_configuration_name")))})
	},
	"azurerm_lb_outbound_rule": func(v view) {
		lb := v.ref("loadbalancer_id")
		var fes []any
		for _, f := range v.blocks("frontend_ip_configuration") {
			fes = append(fes, frontendRef(lb, f.value("name")))
		}
		appendOn(v, "loadbalancer_id", "outboundRules", map[string]any{"id": v.in.id, "name": armid.Last(v.in.armName), "properties": set(map[string]any{},
			"protocol", v.value("protocol"), "backendAddressPool", idRef(v.ref("backend_address_pool_id")), "frontendIPConfigurations", fes)})
	},
	"azurerm_firewall_network_rule_collection": func(v view) {
		classic(v, "networkRuleCollections", func(r view) map[string]any {
			return set(map[string]any{}, "protocols", r.list("protocols", false), "sourceAddresses", r.list("source_addresses", false),
				"sourceIpGroups", r.list("source_ip_groups", true), "destinationAddresses", r.list("destination_addresses", false),
				"destinationIpGroups", r.list("destination_ip_groups", true), "destinationFqdns", r.list("destination_fqdns", false),
				"destinationPorts", r.list("destination_ports", false))
		})
	},
	"azurerm_firewall_application_rule_collection": func(v view) {
		classic(v, "applicationRuleCollections", func(r view) map[string]any {
			var protos []any
			for _, p := range r.blocks("protocol") {
				protos = append(protos, map[string]any{"protocolType": p.value("type"), "port": p.value("port")})
			}
			return set(map[string]any{}, "sourceAddresses", r.list("source_addresses", false), "sourceIpGroups", r.list("source_ip_groups", true),
				"targetFqdns", r.list("target_fqdns", false), "fqdnTags", r.list("fqdn_tags", false), "protocols", protos)
		})
	},
	"azurerm_firewall_nat_rule_collection": func(v view) {
		classic(v, "natRuleCollections", func(r view) map[string]any {
			return set(map[string]any{}, "protocols", r.list("protocols", false), "sourceAddresses", r.list("source_addresses", false),
				"destinationAddresses", r.list("destination_addresses", false), "destinationPorts", r.list("destination_ports", false),
				"translatedAddress", r.value("translated_address"), "translatedPort", r.value("translated_port"))
		})
	},
}

// target is the ARM body of the resource an association's id attribute
// names, or nil with a note when this plan does not manage it.
func target(v view, key string) map[string]any {
	id, _ := v.ref(key).(string)
	if id == "" || unknown.Is(id) {
		v.rd.notef("%s: the %s it associates is not known, so the association is dropped", v.in.addr, key)
		return nil
	}
	in := v.rd.byID[armid.Key(id)]
	if in == nil || v.rd.out[in] == nil {
		v.rd.notef("%s: %s names %s, which this %s does not manage: the association is dropped (import the deployed resource too)", v.in.addr, key, id, v.rd.what)
		return nil
	}
	return v.rd.out[in]
}

func setOn(v view, key, prop string, value any) {
	if value == nil {
		return
	}
	if m := target(v, key); m != nil {
		props(m)[prop] = value
	}
}

func appendOn(v view, key, prop string, value any) {
	if value == nil {
		return
	}
	if m := target(v, key); m != nil {
		p := props(m)
		p[prop] = append(asList(p[prop]), value)
	}
}

// onConfigs adds to the IP configurations of the NIC an association names
// (the one named, or all).
func onConfigs(v view, name any, prop string, value any) {
	if value == nil {
		return
	}
	m := target(v, "network_interface_id")
	if m == nil {
		return
	}
	for _, c := range asList(props(m)["ipConfigurations"]) {
		cm, ok := c.(map[string]any)
		if !ok || (name != nil && name != "" && cm["name"] != name) {
			continue
		}
		p := props(cm)
		p[prop] = append(asList(p[prop]), value)
	}
}

// frontendRef is a load balancer frontend's id, made from its name.
func frontendRef(lb, name any) any {
	l, ok1 := lb.(string)
	n, ok2 := name.(string)
	if !ok1 || !ok2 || n == "" {
		return nil
	}
	return map[string]any{"id": l + "/frontendIPConfigurations/" + n}
}

// classic adds an azurerm_firewall_*_rule_collection to its firewall as a
// classic rule collection.
func classic(v view, prop string, rule func(view) map[string]any) {
	fw := v.rd.byName("azurerm_firewall", v.value("azure_firewall_name"), v.value("resource_group_name"))
	if fw == nil {
		v.rd.notef("%s: its firewall %v is not in this %s: the rule collection is dropped", v.in.addr, v.value("azure_firewall_name"), v.rd.what)
		return
	}
	var rules []any
	for _, r := range v.blocks("rule") {
		m := rule(r)
		m["name"] = r.value("name")
		rules = append(rules, m)
	}
	coll := map[string]any{"name": v.value("name"), "properties": set(map[string]any{}, "priority", v.value("priority"), "rules", rules)}
	if a := v.value("action"); a != nil {
		props(coll)["action"] = map[string]any{"type": a}
	}
	p := props(v.rd.out[fw])
	p[prop] = append(asList(p[prop]), coll)
}

// byName finds a converted resource of a Terraform type by name and
// resource group.
func (rd *reader) byName(typ string, name, rg any) *inst {
	for _, in := range rd.insts {
		if in.typ == typ && rd.out[in] != nil && in.attrs["name"] == name && (rg == nil || in.attrs["resource_group_name"] == rg) {
			return in
		}
	}
	return nil
}

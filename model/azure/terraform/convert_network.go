package terraform

import "github.com/vnetsim/vnetsim/model/azure/unknown"

var networkConverters = map[string]func(view) map[string]any{
	"azurerm_virtual_network":         virtualNetwork,
	"azurerm_subnet":                  func(v view) map[string]any { return map[string]any{"properties": subnetProps(v)} },
	"azurerm_virtual_network_peering": peering,
	"azurerm_network_security_group": func(v view) map[string]any {
		var rules []any
		for _, b := range v.blocks("security_rule") {
			rules = append(rules, map[string]any{"name": b.str("name"), "properties": ruleProps(b)})
		}
		return withLocation(v, map[string]any{"properties": set(map[string]any{}, "securityRules", rules)})
	},
	"azurerm_network_security_rule": func(v view) map[string]any { return map[string]any{"properties": ruleProps(v)} },
	"azurerm_route_table": func(v view) map[string]any {
		var routes []any
		for _, b := range v.blocks("route") {
			routes = append(routes, map[string]any{"name": b.str("name"), "properties": routeProps(b)})
		}
		p := set(map[string]any{}, "routes", routes)
		switch {
		case v.has("bgp_route_propagation_enabled"):
			p["disableBgpRoutePropagation"] = !v.boolean("bgp_route_propagation_enabled", true)
		case v.has("disable_bgp_route_propagation"):
			p["disableBgpRoutePropagation"] = v.boolean("disable_bgp_route_propagation", false)
		}
		return withLocation(v, map[string]any{"properties": p})
	},
	"azurerm_route":             func(v view) map[string]any { return map[string]any{"properties": routeProps(v)} },
	"azurerm_network_interface": nic,
	"azurerm_public_ip": func(v view) map[string]any {
		return withLocation(v, map[string]any{"sku": map[string]any{"name": v.str("sku")}, "properties": set(map[string]any{},
			"ipAddress", v.value("ip_address"), "publicIPAllocationMethod", v.value("allocation_method"),
			"publicIPPrefix", idRef(v.ref("public_ip_prefix_id")))})
	},
	"azurerm_public_ip_prefix": func(v view) map[string]any {
		return withLocation(v, map[string]any{"properties": set(map[string]any{}, "ipPrefix", v.value("ip_prefix"))})
	},
	"azurerm_nat_gateway": func(v view) map[string]any {
		return withLocation(v, map[string]any{"properties": set(map[string]any{}, "publicIpAddresses", idRefs(v.list("public_ip_address_ids", true)),
			"publicIpPrefixes", idRefs(v.list("public_ip_prefix_ids", true)))})
	},
	"azurerm_lb": func(v view) map[string]any {
		var fes []any
		for _, b := range v.blocks("frontend_ip_configuration") {
			fes = append(fes, map[string]any{"name": b.str("name"), "properties": set(map[string]any{},
				"subnet", idRef(b.ref("subnet_id")), "publicIPAddress", idRef(b.ref("public_ip_address_id")),
				"privateIPAddress", b.value("private_ip_address"), "privateIPAllocationMethod", b.value("private_ip_address_allocation"))})
		}
		return withLocation(v, map[string]any{"sku": map[string]any{"name": v.str("sku")}, "properties": set(map[string]any{}, "frontendIPConfigurations", fes)})
	},
	"azurerm_virtual_network_gateway": func(v view) map[string]any {
		var cfgs []any
		for _, b := range v.blocks("ip_configuration") {
			cfgs = append(cfgs, map[string]any{"name": b.str("name"), "properties": set(map[string]any{},
				"subnet", idRef(b.ref("subnet_id")), "publicIPAddress", idRef(b.ref("public_ip_address_id")))})
		}
		return withLocation(v, map[string]any{"properties": set(map[string]any{}, "gatewayType", v.value("type"), "ipConfigurations", cfgs)})
	},
	"azurerm_local_network_gateway": func(v view) map[string]any {
		return withLocation(v, map[string]any{"properties": set(map[string]any{},
			"localNetworkAddressSpace", map[string]any{"addressPrefixes": v.list("address_space", false)},
			"gatewayIpAddress", v.value("gateway_address"))})
	},
	"azurerm_virtual_network_gateway_connection": func(v view) map[string]any {
		return withLocation(v, map[string]any{"properties": set(map[string]any{}, "connectionType", v.value("type"),
			"virtualNetworkGateway1", idRef(v.ref("virtual_network_gateway_id")),
			"virtualNetworkGateway2", idRef(v.ref("peer_virtual_network_gateway_id")),
			"localNetworkGateway2", idRef(v.ref("local_network_gateway_id")),
			"peer", idRef(v.ref("express_route_circuit_id")))})
	},
	"azurerm_private_dns_zone_virtual_network_link": func(v view) map[string]any {
		return map[string]any{"properties": set(map[string]any{}, "virtualNetwork", idRef(v.ref("virtual_network_id")),
			"registrationEnabled", v.value("registration_enabled"))}
	},
	"azurerm_private_endpoint": privateEndpoint,
}

func virtualNetwork(v view) map[string]any {
	p := map[string]any{"addressSpace": map[string]any{"addressPrefixes": v.list("address_space", false)}}
	if dns := v.list("dns_servers", false); len(dns) > 0 {
		p["dhcpOptions"] = map[string]any{"dnsServers": dns}
	}
	var subnets []any
	for _, b := range v.blocks("subnet") {
		sp := set(map[string]any{}, "addressPrefix", b.value("address_prefix"), "addressPrefixes", b.list("address_prefixes", false),
			"networkSecurityGroup", idRef(b.ref("security_group")))
		subnets = append(subnets, map[string]any{"name": b.str("name"), "properties": sp})
	}
	set(p, "subnets", subnets)
	return withLocation(v, map[string]any{"properties": p})
}

// subnetProps reads a subnet; its private endpoint network policies have
// had three spellings in azurerm (the oldest, enforce_..., true meaning the
// policies are Disabled).
func subnetProps(v view) map[string]any {
	p := set(map[string]any{}, "addressPrefix", v.value("address_prefix"), "addressPrefixes", v.list("address_prefixes", false))
	var eps []any
	for _, s := range v.list("service_endpoints", false) {
		eps = append(eps, map[string]any{"service": s})
	}
	set(p, "serviceEndpoints", eps)
	var dels []any
	for _, d := range v.blocks("delegation") {
		for _, sd := range d.blocks("service_delegation") {
			dels = append(dels, map[string]any{"name": d.str("name"), "properties": map[string]any{"serviceName": sd.value("name")}})
		}
	}
	set(p, "delegations", dels)
	switch {
	case v.has("private_endpoint_network_policies"):
		p["privateEndpointNetworkPolicies"] = v.value("private_endpoint_network_policies")
	case v.has("private_endpoint_network_policies_enabled"):
		p["privateEndpointNetworkPolicies"] = enabled(v.boolean("private_endpoint_network_policies_enabled", true))
	case v.has("enforce_private_link_endpoint_network_policies"):
		p["privateEndpointNetworkPolicies"] = enabled(!v.boolean("enforce_private_link_endpoint_network_policies", false))
	}
	if v.has("default_outbound_access_enabled") {
		p["defaultOutboundAccess"] = v.boolean("default_outbound_access_enabled", true)
	}
	if pols := v.list("service_endpoint_policy_ids", true); len(pols) > 0 {
		p["serviceEndpointPolicies"] = idRefs(pols)
	}
	return p
}

func enabled(b bool) string {
	if b {
		return "Enabled"
	}
	return "Disabled"
}

func peering(v view) map[string]any {
	return map[string]any{"properties": set(map[string]any{},
		"remoteVirtualNetwork", idRef(v.ref("remote_virtual_network_id")),
		"allowVirtualNetworkAccess", v.boolean("allow_virtual_network_access", true),
		"allowForwardedTraffic", v.boolean("allow_forwarded_traffic", false),
		"allowGatewayTransit", v.boolean("allow_gateway_transit", false),
		"useRemoteGateways", v.boolean("use_remote_gateways", false))}
}

func ruleProps(v view) map[string]any {
	return set(map[string]any{}, "priority", v.value("priority"), "direction", v.value("direction"), "access", v.value("access"),
		"protocol", v.value("protocol"), "description", v.value("description"),
		"sourcePortRange", v.value("source_port_range"), "sourcePortRanges", v.list("source_port_ranges", false),
		"destinationPortRange", v.value("destination_port_range"), "destinationPortRanges", v.list("destination_port_ranges", false),
		"sourceAddressPrefix", v.value("source_address_prefix"), "sourceAddressPrefixes", v.list("source_address_prefixes", false),
		"destinationAddressPrefix", v.value("destination_address_prefix"), "destinationAddressPrefixes", v.list("destination_address_prefixes", false),
		"sourceApplicationSecurityGroups", idRefs(v.list("source_application_security_group_ids", true)),
		"destinationApplicationSecurityGroups", idRefs(v.list("destination_application_security_group_ids", true)))
}

func routeProps(v view) map[string]any {
	return set(map[string]any{}, "addressPrefix", v.value("address_prefix"), "nextHopType", v.value("next_hop_type"),
		"nextHopIpAddress", v.value("next_hop_in_ip_address"))
}

func nic(v view) map[string]any {
	var cfgs []any
	for _, b := range v.blocks("ip_configuration") {
		cfgs = append(cfgs, map[string]any{"name": b.str("name"), "properties": set(map[string]any{},
			"subnet", idRef(b.ref("subnet_id")), "privateIPAllocationMethod", b.value("private_ip_address_allocation"),
			"privateIPAddress", b.value("private_ip_address"), "publicIPAddress", idRef(b.ref("public_ip_address_id")),
			"primary", b.value("primary"))})
	}
	forwarding := v.boolean("ip_forwarding_enabled", false) || v.boolean("enable_ip_forwarding", false)
	return withLocation(v, map[string]any{"properties": set(map[string]any{}, "ipConfigurations", cfgs, "enableIPForwarding", forwarding)})
}

func privateEndpoint(v view) map[string]any {
	p := set(map[string]any{}, "subnet", idRef(v.ref("subnet_id")))
	for _, c := range v.blocks("private_service_connection") {
		conn := map[string]any{"name": c.str("name"), "properties": set(map[string]any{},
			"privateLinkServiceId", c.ref("private_connection_resource_id"), "groupIds", c.list("subresource_names", false))}
		key := "privateLinkServiceConnections"
		if c.boolean("is_manual_connection", false) {
			key = "manualPrivateLinkServiceConnections"
		}
		p[key] = append(asList(p[key]), conn)
		if a, ok := c.value("private_ip_address").(string); ok && a != "" && !unknown.Is(a) {
			p["customDnsConfigs"] = []any{map[string]any{"ipAddresses": []any{a}}}
		}
	}
	var cfgs []any
	for _, c := range v.blocks("ip_configuration") {
		cfgs = append(cfgs, map[string]any{"name": c.str("name"), "properties": set(map[string]any{},
			"privateIPAddress", c.value("private_ip_address"), "groupId", c.value("subresource_name"))})
	}
	set(p, "ipConfigurations", cfgs)
	for _, g := range v.blocks("private_dns_zone_group") {
		var zones []any
		for _, z := range g.list("private_dns_zone_ids", true) {
			zones = append(zones, map[string]any{"properties": map[string]any{"privateDnsZoneId": z}})
		}
		name, _ := g.value("name").(string)
		v.rd.emit(v.in, network+"privateEndpoints/privateDnsZoneGroups", "privateDnsZoneGroups", name,
			map[string]any{"properties": map[string]any{"privateDnsZoneConfigs": zones}})
	}
	return withLocation(v, map[string]any{"properties": p})
}

func asList(x any) []any {
	l, _ := x.([]any)
	return l
}

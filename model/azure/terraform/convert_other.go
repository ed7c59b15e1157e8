package terraform

import "strings"

var otherConverters = map[string]func(view) map[string]any{
	azapiResource:                               azapiBody,
	"azurerm_virtual_machine":                   vm,
	"azurerm_linux_virtual_machine":             vm,
	"azurerm_windows_virtual_machine":           vm,
	"azurerm_linux_virtual_machine_scale_set":   scaleSet,
	"azurerm_windows_virtual_machine_scale_set": scaleSet,
	"azurerm_firewall":                          firewall,
	"azurerm_firewall_policy": func(v view) map[string]any {
		p := set(map[string]any{}, "basePolicy", idRef(v.ref("base_policy_id")))
		if r := v.list("private_ip_ranges", false); len(r) > 0 {
			p["snat"] = map[string]any{"privateRanges": r}
		}
		return withLocation(v, map[string]any{"properties": p})
	},
	"azurerm_firewall_policy_rule_collection_group": ruleCollectionGroup,
	"azurerm_ip_group": func(v view) map[string]any {
		return withLocation(v, map[string]any{"properties": set(map[string]any{}, "ipAddresses", v.list("cidrs", false))})
	},
	"azurerm_storage_account": func(v view) map[string]any {
		p := set(map[string]any{}, "publicNetworkAccess", access(v))
		for _, b := range v.blocks("network_rules") {
			p["networkAcls"] = acls(b, "ip_rules", "virtual_network_subnet_ids")
		}
		return withLocation(v, map[string]any{"properties": p})
	},
	"azurerm_key_vault": func(v view) map[string]any {
		p := set(map[string]any{}, "publicNetworkAccess", access(v))
		for _, b := range v.blocks("network_acls") {
			p["networkAcls"] = acls(b, "ip_rules", "virtual_network_subnet_ids")
		}
		return withLocation(v, map[string]any{"properties": p})
	},
	"azurerm_container_registry": func(v view) map[string]any {
		p := set(map[string]any{}, "publicNetworkAccess", access(v), "networkRuleBypassOptions", v.value("network_rule_bypass_option"))
		for _, b := range v.blocks("network_rule_set") {
			rs := set(map[string]any{}, "defaultAction", b.value("default_action"))
			var ips, nets []any
			for _, r := range b.blocks("ip_rule") {
				ips = append(ips, map[string]any{"value": r.value("ip_range"), "action": r.value("action")})
			}
			for _, r := range b.blocks("virtual_network") {
				nets = append(nets, map[string]any{"id": r.ref("subnet_id"), "action": r.value("action")})
			}
			p["networkRuleSet"] = set(rs, "ipRules", ips, "virtualNetworkRules", nets)
		}
		return withLocation(v, map[string]any{"properties": p})
	},
	"azurerm_kubernetes_cluster": func(v view) map[string]any {
		var pools []any
		for _, b := range v.blocks("default_node_pool") {
			pools = append(pools, agentPool(b))
		}
		p := set(map[string]any{}, "agentPoolProfiles", pools)
		for _, b := range v.blocks("network_profile") {
			p["networkProfile"] = set(map[string]any{}, "networkPlugin", b.value("network_plugin"), "serviceCidr", b.value("service_cidr"),
				"dnsServiceIP", b.value("dns_service_ip"), "dockerBridgeCidr", b.value("docker_bridge_cidr"), "outboundType", b.value("outbound_type"))
		}
		return withLocation(v, map[string]any{"properties": p})
	},
	"azurerm_kubernetes_cluster_node_pool": func(v view) map[string]any { return map[string]any{"properties": agentPool(v)} },
	"azurerm_machine_learning_workspace": func(v view) map[string]any {
		return withLocation(v, map[string]any{"properties": set(map[string]any{}, "storageAccount", v.ref("storage_account_id"),
			"keyVault", v.ref("key_vault_id"), "containerRegistry", v.ref("container_registry_id"), "publicNetworkAccess", access(v))})
	},
	"azurerm_machine_learning_compute_cluster": func(v view) map[string]any {
		inner := set(map[string]any{}, "subnet", idRef(v.ref("subnet_resource_id")), "enableNodePublicIp", v.value("node_public_ip_enabled"))
		for _, s := range v.blocks("scale_settings") {
			inner["scaleSettings"] = set(map[string]any{}, "maxNodeCount", s.value("max_node_count"), "minNodeCount", s.value("min_node_count"))
		}
		return withLocation(v, map[string]any{"properties": map[string]any{"computeType": "AmlCompute", "properties": inner}})
	},
	"azurerm_machine_learning_compute_instance": func(v view) map[string]any {
		inner := set(map[string]any{}, "subnet", idRef(v.ref("subnet_resource_id")), "enableNodePublicIp", v.value("node_public_ip_enabled"))
		return withLocation(v, map[string]any{"properties": map[string]any{"computeType": "ComputeInstance", "properties": inner}})
	},
	"azurerm_batch_account": func(v view) map[string]any {
		return withLocation(v, map[string]any{"properties": set(map[string]any{}, "publicNetworkAccess", access(v))})
	},
	"azurerm_batch_pool": func(v view) map[string]any {
		p := set(map[string]any{}, "targetNodeCommunicationMode", v.value("target_node_communication_mode"))
		for _, n := range v.blocks("network_configuration") {
			p["networkConfiguration"] = set(map[string]any{}, "subnetId", n.ref("subnet_id"),
				"publicIPAddressConfiguration", set(map[string]any{}, "provision", n.value("public_address_provisioning_type")))
		}
		for _, f := range v.blocks("fixed_scale") {
			p["scaleSettings"] = map[string]any{"fixedScale": set(map[string]any{}, "targetDedicatedNodes", f.value("target_dedicated_nodes"),
				"targetLowPriorityNodes", f.value("target_low_priority_nodes"))}
		}
		for _, a := range v.blocks("auto_scale") {
			p["scaleSettings"] = map[string]any{"autoScale": set(map[string]any{}, "formula", a.value("formula"))}
		}
		return map[string]any{"properties": p}
	},
}

// access is public_network_access_enabled as ARM's publicNetworkAccess.
func access(v view) any {
	if !v.has("public_network_access_enabled") {
		return nil
	}
	return enabled(v.boolean("public_network_access_enabled", true))
}

// acls is a storage account's network_rules or a key vault's network_acls.
func acls(b view, ipKey, subnetKey string) map[string]any {
	a := set(map[string]any{}, "defaultAction", b.value("default_action"))
	var by []string
	for _, x := range b.list("bypass", false) {
		if s, ok := x.(string); ok {
			by = append(by, s)
		}
	}
	if s, ok := b.value("bypass").(string); ok {
		by = append(by, s)
	}
	if len(by) > 0 {
		a["bypass"] = strings.Join(by, ", ")
	}
	var ips, nets []any
	for _, ip := range b.list(ipKey, false) {
		ips = append(ips, map[string]any{"value": ip, "action": "Allow"})
	}
	for _, s := range b.list(subnetKey, true) {
		nets = append(nets, map[string]any{"id": s})
	}
	return set(a, "ipRules", ips, "virtualNetworkRules", nets)
}

func agentPool(b view) map[string]any {
	return set(map[string]any{}, "name", b.value("name"), "count", b.value("node_count"), "maxCount", b.value("max_count"),
		"vnetSubnetID", b.ref("vnet_subnet_id"),
		"enableNodePublicIP", b.boolean("node_public_ip_enabled", false) || b.boolean("enable_node_public_ip", false))
}

func vm(v view) map[string]any {
	primary := v.ref("primary_network_interface_id")
	var nics []any
	for i, n := range v.list("network_interface_ids", true) {
		isPrimary := (primary == nil && i == 0) || n == primary
		nics = append(nics, map[string]any{"id": n, "properties": map[string]any{"primary": isPrimary}})
	}
	return withLocation(v, map[string]any{"properties": map[string]any{"networkProfile": map[string]any{"networkInterfaces": nics}}})
}

func scaleSet(v view) map[string]any {
	var cfgs []any
	for _, n := range v.blocks("network_interface") {
		var ips []any
		for _, c := range n.blocks("ip_configuration") {
			ip := set(map[string]any{}, "subnet", idRef(c.ref("subnet_id")),
				"applicationSecurityGroups", idRefs(c.list("application_security_group_ids", true)))
			if len(c.blocks("public_ip_address")) > 0 {
				ip["publicIPAddressConfiguration"] = map[string]any{"name": "public"}
			}
			ips = append(ips, map[string]any{"name": c.str("name"), "properties": ip})
		}
		cfgs = append(cfgs, map[string]any{"name": n.str("name"), "properties": set(map[string]any{}, "primary", n.value("primary"),
			"enableIPForwarding", n.boolean("ip_forwarding_enabled", false) || n.boolean("enable_ip_forwarding", false),
			"networkSecurityGroup", idRef(n.ref("network_security_group_id")), "ipConfigurations", ips)})
	}
	return withLocation(v, map[string]any{"sku": map[string]any{"capacity": v.value("instances")},
		"properties": map[string]any{"virtualMachineProfile": map[string]any{"networkProfile": map[string]any{"networkInterfaceConfigurations": cfgs}}}})
}

func firewall(v view) map[string]any {
	var cfgs []any
	for _, b := range v.blocks("ip_configuration") {
		cfgs = append(cfgs, map[string]any{"name": b.str("name"), "properties": set(map[string]any{},
			"subnet", idRef(b.ref("subnet_id")), "publicIPAddress", idRef(b.ref("public_ip_address_id")),
			"privateIPAddress", b.value("private_ip_address"))})
	}
	p := set(map[string]any{}, "ipConfigurations", cfgs, "firewallPolicy", idRef(v.ref("firewall_policy_id")))
	for _, b := range v.blocks("management_ip_configuration") {
		p["managementIpConfiguration"] = map[string]any{"properties": set(map[string]any{}, "subnet", idRef(b.ref("subnet_id")))}
	}
	for _, b := range v.blocks("virtual_hub") {
		hub := b.ref("virtual_hub_id")
		if hub == nil {
			hub = "virtual-hub"
		}
		p["virtualHub"] = map[string]any{"id": hub}
	}
	return withLocation(v, map[string]any{"properties": p})
}

// ruleCollectionGroup is a firewall policy rule collection group, in the
// ARM shape of Microsoft.Network/firewallPolicies/ruleCollectionGroups.
func ruleCollectionGroup(v view) map[string]any {
	var colls []any
	add := func(key, collType, ruleType string, rule func(view) map[string]any) {
		for _, c := range v.blocks(key) {
			var rules []any
			for _, r := range c.blocks("rule") {
				m := rule(r)
				m["ruleType"], m["name"] = ruleType, r.value("name")
				rules = append(rules, m)
			}
			coll := set(map[string]any{"ruleCollectionType": collType}, "name", c.value("name"), "priority", c.value("priority"), "rules", rules)
			if a := c.value("action"); a != nil {
				coll["action"] = map[string]any{"type": a}
			}
			colls = append(colls, coll)
		}
	}
	add("nat_rule_collection", "FirewallPolicyNatRuleCollection", "NatRule", func(r view) map[string]any {
		dests := r.list("destination_address", false)
		if len(dests) == 0 {
			if d := r.value("destination_address"); d != nil {
				dests = []any{d}
			}
		}
		return set(map[string]any{}, "ipProtocols", r.list("protocols", false), "sourceAddresses", r.list("source_addresses", false),
			"sourceIpGroups", r.list("source_ip_groups", true), "destinationAddresses", dests, "destinationPorts", r.list("destination_ports", false),
			"translatedAddress", r.value("translated_address"), "translatedFqdn", r.value("translated_fqdn"), "translatedPort", r.value("translated_port"))
	})
	add("network_rule_collection", "FirewallPolicyFilterRuleCollection", "NetworkRule", func(r view) map[string]any {
		return set(map[string]any{}, "ipProtocols", r.list("protocols", false), "sourceAddresses", r.list("source_addresses", false),
			"sourceIpGroups", r.list("source_ip_groups", true), "destinationAddresses", r.list("destination_addresses", false),
			"destinationIpGroups", r.list("destination_ip_groups", true), "destinationFqdns", r.list("destination_fqdns", false),
			"destinationPorts", r.list("destination_ports", false))
	})
	add("application_rule_collection", "FirewallPolicyFilterRuleCollection", "ApplicationRule", func(r view) map[string]any {
		var protos []any
		for _, p := range r.blocks("protocols") {
			protos = append(protos, map[string]any{"protocolType": p.value("type"), "port": p.value("port")})
		}
		return set(map[string]any{}, "sourceAddresses", r.list("source_addresses", false), "sourceIpGroups", r.list("source_ip_groups", true),
			"targetFqdns", r.list("destination_fqdns", false), "fqdnTags", r.list("destination_fqdn_tags", false), "protocols", protos)
	})
	return map[string]any{"properties": set(map[string]any{}, "priority", v.value("priority"), "ruleCollections", colls)}
}

package sim

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestShadowedRules: a rule no packet can reach is reported with the rules
// that shadow it (azure-semantics.md §8); a rule that still decides some
// packets is not.
func TestShadowedRules(t *testing.T) {
	n := compileYAML(t, `
version: 1
name: shadow
location: eastus2
vnets:
  - name: v
    addressSpace: [10.0.0.0/16]
    subnets:
      - {name: s, addressPrefix: 10.0.1.0/24, networkSecurityGroup: nsg}
networkSecurityGroups:
  - name: nsg
    securityRules:
      - {name: allow-https, priority: 100, direction: Inbound, access: Allow, protocol: Tcp, sourceAddressPrefix: "*", destinationAddressPrefix: "*", destinationPortRange: "443"}
      - {name: deny-https-from-10, priority: 200, direction: Inbound, access: Deny, protocol: Tcp, sourceAddressPrefix: 10.0.0.0/8, destinationAddressPrefix: "*", destinationPortRange: "443"}
      - {name: deny-ssh, priority: 300, direction: Inbound, access: Deny, protocol: Tcp, sourceAddressPrefix: "*", destinationAddressPrefix: "*", destinationPortRange: "22"}
`)
	diags := n.Lint()
	if len(diags) != 1 {
		t.Fatalf("want one warning, got %v", diags)
	}
	d := diags[0]
	if d.Code != "shadowed_rule" || !strings.Contains(d.Message, `"deny-https-from-10"`) || !strings.Contains(d.Message, "allow-https (100)") {
		t.Errorf("got %s %q", d.Code, d.Message)
	}
	if d.Pos.Line == 0 || !strings.HasSuffix(d.Path, "securityRules[deny-https-from-10]") {
		t.Errorf("the warning must point at the rule: %s %s", d.Pos, d.Path)
	}
}

// TestShadowedRulesContexts: an NSG is judged in every context that uses
// it (a rule shadowed where VirtualNetwork is large still matches where it
// is small), NSGs linted side by side report in input order, and a warning
// names at most five shadowing rules.
func TestShadowedRulesContexts(t *testing.T) {
	var b strings.Builder
	b.WriteString(`version: 1
location: eastus2
vnets:
  - name: big
    addressSpace: [10.0.0.0/16, 10.9.0.0/16]
    subnets: [{name: s, addressPrefix: 10.0.1.0/24, networkSecurityGroup: shared}]
  - name: small
    addressSpace: [10.1.0.0/16]
    subnets: [{name: s, addressPrefix: 10.1.1.0/24, networkSecurityGroup: shared}]
`)
	for i := range 8 {
		fmt.Fprintf(&b, "  - {name: v%d, addressSpace: [10.%d.0.0/16], subnets: [{name: s, addressPrefix: 10.%d.0.0/24, networkSecurityGroup: nsg%d}]}\n", i, 20+i, 20+i, i)
	}
	b.WriteString(`networkSecurityGroups:
  - name: shared
    securityRules:
      - {name: deny-vnet, priority: 100, direction: Inbound, access: Deny, protocol: "*", sourceAddressPrefix: VirtualNetwork}
      # Shadowed in big, whose VirtualNetwork holds 10.9.0.0/16; not in small.
      - {name: deny-9, priority: 200, direction: Inbound, access: Deny, protocol: "*", sourceAddressPrefix: 10.9.0.0/16}
`)
	for i := range 8 {
		fmt.Fprintf(&b, "  - name: nsg%d\n    securityRules:\n", i)
		for j := range 7 {
			fmt.Fprintf(&b, "      - {name: allow%d, priority: %d, direction: Outbound, access: Allow, protocol: Tcp, destinationPortRange: \"%d\"}\n", j, 100+j, 1000+j)
		}
		b.WriteString("      - {name: late, priority: 900, direction: Outbound, access: Deny, protocol: Tcp, destinationPortRange: 1000-1006}\n")
	}
	diags := compileYAML(t, b.String()).Lint()
	var got, want []string
	for _, d := range diags {
		got = append(got, d.Path)
		if !strings.HasSuffix(d.Message, "allow0 (100), allow1 (101), allow2 (102), allow3 (103), allow4 (104), and 2 more") {
			t.Errorf("%s: %s", d.Path, d.Message)
		}
	}
	for i := range 8 {
		want = append(want, fmt.Sprintf("networkSecurityGroups[nsg%d].securityRules[late]", i))
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

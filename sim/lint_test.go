package sim

import (
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

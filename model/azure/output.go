package azure

import (
	"io"

	"gopkg.in/yaml.v3"
)

// Comments the output carries where ARM lacks what vnetsim needs.
const (
	gatewayComment = "onPremises is not in ARM: fill in by hand what lies behind this gateway\n" +
		"(addressPrefixes advertised over BGP, advertiseDefaultRoute, internetEgress)"
	asgComment = "ASG membership is on NICs, which are not imported: list these ASGs in the applicationSecurityGroups of their endpoints"
)

// WriteYAML writes the topology as YAML, 2-space indented, with comments
// where something must be filled in by hand. The topology is a
// model.Topology, whose omitempty fields leave out what ARM does not set;
// the comments go on the node tree it marshals to.
func (r *Result) WriteYAML(w io.Writer) error {
	var doc yaml.Node
	if err := doc.Encode(r.topology); err != nil {
		return err
	}
	for _, g := range items(&doc, "gateways") {
		g.HeadComment = gatewayComment
	}
	for _, n := range items(&doc, "networkSecurityGroups") {
		for _, rule := range items(n, "securityRules") {
			for _, key := range []string{"sourceApplicationSecurityGroups", "destinationApplicationSecurityGroups"} {
				if k := keyNode(rule, key); k != nil {
					k.HeadComment = asgComment
					break // once per rule
				}
			}
		}
	}
	doubleQuote(&doc)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return err
	}
	return enc.Close()
}

// doubleQuote makes every quoted scalar double-quoted, as topology-format.md
// writes "*" and "443".
func doubleQuote(n *yaml.Node) {
	if n.Style == yaml.SingleQuotedStyle {
		n.Style = yaml.DoubleQuotedStyle
	}
	for _, c := range n.Content {
		doubleQuote(c)
	}
}

// keyNode is the key node of key in mapping m, or nil.
func keyNode(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i]
		}
	}
	return nil
}

// items are the elements of the sequence under key in mapping m.
func items(m *yaml.Node, key string) []*yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1].Content
		}
	}
	return nil
}

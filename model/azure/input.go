package azure

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/vnetsim/vnetsim/model/azure/jsontree"
)

// Input is one file given to import.
type Input struct {
	Name string // the path as given, or "<stdin>"; messages use it
	Data []byte
}

// kind is what an input holds.
type kind int

const (
	deployed      kind = iota // resources as Azure returns them: az list/show, Resource Graph, REST list, REST API example
	armTemplate               // an ARM template (also az group export, az bicep build)
	armParameters             // an ARM parameters file
	tfPlan                    // terraform show -json of a plan
	tfState                   // terraform show -json of a state
)

// sniffed is an input recognized: its kind, its parsed JSON, and for
// deployed resources the nodes that are resources.
type sniffed struct {
	in        Input
	lines     *jsontree.Lines
	root      *jsontree.Node
	kind      kind
	resources []*jsontree.Node
}

// sniff recognizes an input, or says clearly why it cannot be imported.
func sniff(in Input) (*sniffed, error) {
	lines := jsontree.NewLines(in.Name, in.Data)
	trimmed := bytes.TrimSpace(in.Data)
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("%s:1:1: the file is empty", in.Name)
	}
	root, err := jsontree.Parse(in.Data, lines)
	if err != nil {
		if why := notJSON(trimmed); why != "" {
			return nil, fmt.Errorf("%s: %s", in.Name, why)
		}
		return nil, err
	}
	s := &sniffed{in: in, lines: lines, root: root}
	if root.Kind == jsontree.Array {
		return s.deployed(root.Items, root)
	}
	if root.Kind != jsontree.Object {
		return nil, lines.Errorf(root.Off, "%s, not Azure resources (expected az ... list/show output, a Resource Graph result, an ARM template or parameters file, or terraform show -json output)", root.Kind)
	}
	schema := strings.ToLower(root.Get("$schema").StrOr(""))
	switch {
	case strings.Contains(schema, "deploymenttemplate.json"):
		s.kind = armTemplate
	case strings.Contains(schema, "deploymentparameters.json"):
		s.kind = armParameters
	case root.Get("format_version") != nil:
		s.kind = tfState
		if root.Get("planned_values") != nil || root.Get("resource_changes") != nil || root.Get("prior_state") != nil {
			s.kind = tfPlan
		}
	case root.Get("terraform_version") != nil && root.Get("resources") != nil:
		return nil, fmt.Errorf("%s: a raw Terraform state file, which vnetsim does not read: give `terraform show -json` output instead", in.Name)
	case root.Get("responses") != nil && root.Get("parameters") != nil:
		return s.example()
	case root.Get("resources") != nil && root.Get("contentVersion") != nil:
		s.kind = armTemplate
	default:
		return s.wrapper(root)
	}
	return s, nil
}

// wrapper reads one resource object, or an object that wraps a list of
// them: a Resource Graph result ({"data": [...]}, {"count", "data"}, or
// the table form {"data": {"columns", "rows"}}) or a REST list
// ({"value": [...]}).
func (s *sniffed) wrapper(n *jsontree.Node) (*sniffed, error) {
	if isResource(n) {
		return s.deployed([]*jsontree.Node{n}, n)
	}
	if d := n.Get("data"); d != nil {
		if d.Kind == jsontree.Array {
			return s.deployed(d.Items, d)
		}
		if rows := tableRows(d); rows != nil {
			return s.deployed(rows, d)
		}
	}
	if v := n.Get("value"); v != nil && v.Kind == jsontree.Array {
		if why := azureOutput(v); why != "" {
			return nil, fmt.Errorf("%s: %s", s.in.Name, why)
		}
		return s.deployed(v.Items, v)
	}
	return nil, s.lines.Errorf(n.Off, "not Azure resources: no id or type, and no data or value list (expected az ... list/show output, a Resource Graph result, an ARM template or parameters file, or terraform show -json output)")
}

// example reads a REST API example (x-ms-examples): the resource is the
// body of its 200 (else 201) response.
func (s *sniffed) example() (*sniffed, error) {
	rs := s.root.Get("responses")
	for _, code := range []string{"200", "201"} {
		if body := rs.Get(code).Get("body"); body != nil {
			return s.wrapper(body)
		}
	}
	return nil, s.lines.Errorf(rs.Off, "a REST API example without a 200 or 201 response body: nothing to read")
}

// deployed keeps the nodes that are resources.
func (s *sniffed) deployed(items []*jsontree.Node, at *jsontree.Node) (*sniffed, error) {
	s.kind = deployed
	for _, it := range items {
		if isResource(it) {
			s.resources = append(s.resources, it)
		}
	}
	if len(s.resources) == 0 {
		return nil, s.lines.Errorf(at.Off, "no Azure resources found (expected az network ... list or show output, a Resource Graph result or a REST API list: objects with an id or a type)")
	}
	return s, nil
}

// isResource: every ARM resource has a type, or an id naming one.
func isResource(n *jsontree.Node) bool {
	if n.Kind != jsontree.Object {
		return false
	}
	if t := n.Get("type"); t != nil && t.Kind == jsontree.String && t.Str != "" {
		return true
	}
	return strings.Contains(strings.ToLower(n.Get("id").StrOr("")), "/providers/")
}

// tableRows turns the table form of a Resource Graph result into objects.
func tableRows(d *jsontree.Node) []*jsontree.Node {
	cols, rows := d.Get("columns"), d.Get("rows")
	if cols == nil || rows == nil || cols.Kind != jsontree.Array || rows.Kind != jsontree.Array {
		return nil
	}
	var names []string
	for _, c := range cols.Items {
		names = append(names, c.Get("name").StrOr(""))
	}
	var out []*jsontree.Node
	for _, r := range rows.Items {
		if r.Kind != jsontree.Array {
			continue
		}
		obj := &jsontree.Node{Kind: jsontree.Object, Off: r.Off}
		for i, cell := range r.Items {
			if i < len(names) && names[i] != "" {
				obj.Keys = append(obj.Keys, names[i])
				obj.Items = append(obj.Items, cell)
			}
		}
		out = append(out, obj)
	}
	return out
}

// azureOutput recognizes Azure's computed outputs, which are not resources.
func azureOutput(v *jsontree.Node) string {
	if len(v.Items) == 0 {
		return ""
	}
	first := v.Items[0]
	switch {
	case first.Get("effectiveSecurityRules") != nil:
		return "Azure's effective security rules of a NIC (az network nic list-effective-nsg): an output of Azure, not resources to import; compare it with vnetsim rules"
	case first.Get("nextHopType") != nil && first.Get("state") != nil && first.Get("id") == nil:
		return "Azure's effective routes of a NIC (az network nic show-effective-route-table): an output of Azure, not resources to import; compare it with vnetsim routes"
	}
	return ""
}

var (
	bicepLine = regexp.MustCompile(`(?m)^\s*(targetScope\s*=|param\s+\w+\s+\w|resource\s+\w+\s+'[^']+@|module\s+\w+\s+'|var\s+\w+\s*=|@description\()`)
	hclLine   = regexp.MustCompile(`(?m)^\s*(resource|data|provider|variable|module|output)\s+"[^"]+"|^\s*terraform\s*\{`)
	yamlTopo  = regexp.MustCompile(`(?m)^(version:\s*1\s*$|vnets:|networkSecurityGroups:)`)
)

// notJSON names what a file that is not JSON most likely is, and how to
// import it; "" when it does not look like any of them.
func notJSON(data []byte) string {
	switch {
	case bicepLine.Match(data):
		return "Bicep source, which vnetsim reads compiled: az bicep build --file main.bicep --stdout | vnetsim import -"
	case hclLine.Match(data):
		return "Terraform configuration (HCL), which vnetsim reads as a plan: terraform plan -out plan.tfplan && terraform show -json plan.tfplan > plan.json"
	case yamlTopo.Match(data):
		return "already a vnetsim topology: give it to validate, check or diff, not to import"
	}
	return ""
}

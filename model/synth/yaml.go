package synth

import (
	"bytes"

	"gopkg.in/yaml.v3"

	"github.com/vnetsim/vnetsim/model"
)

// write encodes the topology, a model.Topology whose omitempty fields leave
// out what the generator does not set. yaml.v3 keeps every event of a
// document until its end, which makes one document of a large estate slow
// and big; so the top of the document is encoded without its lists, and the
// lists are written after it item by item, each encoded on its own, in the
// order of model.Topology's fields.
func write(w *bytes.Buffer, t *model.Topology) {
	head := *t
	head.VNets, head.NetworkSecurityGroups, head.RouteTables = nil, nil, nil
	head.Gateways, head.Appliances, head.Endpoints, head.Intents = nil, nil, nil, nil
	encode(w, &head)
	section(w, "vnets", t.VNets)
	section(w, "networkSecurityGroups", t.NetworkSecurityGroups)
	section(w, "routeTables", t.RouteTables)
	section(w, "gateways", t.Gateways)
	section(w, "appliances", t.Appliances)
	section(w, "endpoints", t.Endpoints)
	section(w, "intents", t.Intents)
}

// section writes key and its items, indented as the rest of the document.
func section[T any](w *bytes.Buffer, key string, items []T) {
	if len(items) == 0 {
		return
	}
	w.WriteString(key + ":\n")
	var item bytes.Buffer
	for i := range items {
		item.Reset()
		encode(&item, items[i:i+1])
		for line := range bytes.Lines(item.Bytes()) {
			w.WriteString("  ")
			w.Write(line)
		}
	}
}

func encode(w *bytes.Buffer, v any) {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		panic("synth: " + err.Error()) // the model's types always encode
	}
	_ = enc.Close()
}

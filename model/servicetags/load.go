package servicetags

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

// document is the part of Azure's service tag JSON that vnetsim reads. The
// downloadable file and the output of `az network list-service-tags` differ
// only in fields left out here and in changeNumber being a number or a
// string, so one decoding reads both.
type document struct {
	ChangeNumber changeNumber `json:"changeNumber"`
	Values       []value      `json:"values"`
}

type value struct {
	Name       string `json:"name"`
	Properties struct {
		Region          string   `json:"region"`
		AddressPrefixes []string `json:"addressPrefixes"`
	} `json:"properties"`
}

// changeNumber is an integer written as a JSON number (downloadable file) or
// a string (API).
type changeNumber int

func (c *changeNumber) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		return nil
	}
	if b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("changeNumber %q is not an integer", s)
	}
	*c = changeNumber(n)
	return nil
}

// Load reads service tags from r: Azure's downloadable
// ServiceTags_<Cloud>_<date>.json or the output of
// `az network list-service-tags` (whose changeNumbers are strings). name
// names the source in errors. Prefixes are only parsed when a tag is first
// looked up, so an invalid one is reported by Resolve, not Load.
func Load(name string, r io.Reader) (*DB, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return parse(name, data)
}

func parse(name string, data []byte) (*DB, error) {
	// Windows tools write a byte order mark before JSON.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: empty file", name)
	}
	var doc document
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, decodeError(name, data, err)
	}
	if doc.Values == nil {
		return nil, notDocument(name)
	}
	db := &DB{changeNumber: int(doc.ChangeNumber)}
	for i, v := range doc.Values {
		if v.Name == "" {
			return nil, fmt.Errorf("%s: values[%d]: tag has no name", name, i)
		}
		k := key(v.Name)
		if prev := db.tags[k]; prev != nil {
			return nil, fmt.Errorf("%s: values[%d]: tag %q duplicates %q", name, i, v.Name, prev.name)
		}
		db.put(k, &entry{name: v.Name, region: v.Properties.Region, source: name, raw: v.Properties.AddressPrefixes})
	}
	return db, nil
}

func notDocument(name string) error {
	return fmt.Errorf("%s: not a service tags document: expected an object with \"values\"", name)
}

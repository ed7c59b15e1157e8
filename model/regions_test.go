package model

import "testing"

func TestPairedRegion(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"eastus2", "centralus"},
		{"East US 2", "centralus"},
		{"centralus", "eastus2"},
		{"westus3", "eastus"}, // one way: East US pairs with West US
		{"eastus", "westus"},
		{"brazilsouth", "southcentralus"},
		{"southcentralus", "northcentralus"},
		{"polandcentral", ""}, // a nonpaired region
		{"", ""},
	} {
		if got := PairedRegion(c.in); got != c.want {
			t.Errorf("PairedRegion(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestRegionPairsClosed: every region a pair names has a pair itself
// (Azure's table has no dangling entry; a typo would leave one).
func TestRegionPairsClosed(t *testing.T) {
	for from, to := range regionPairs {
		if to != "" && regionPairs[to] == "" {
			t.Errorf("%s pairs with %s, which has no pair", from, to)
		}
	}
}

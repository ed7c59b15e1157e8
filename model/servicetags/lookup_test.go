package servicetags

import (
	"fmt"
	"net/netip"
	"reflect"
	"sync"
	"testing"
)

// The cases exercise azure-semantics.md section 2 on testdata/download.json.
func TestLookup(t *testing.T) {
	storageEastUS2 := Tag{Name: "Storage.EastUS2", Region: "eastus2", Prefixes: prefixes("13.68.120.64/28", "13.77.112.16/28", "2603:1030:40f::/48")}
	azureCloudEastUS2 := Tag{Name: "AzureCloud.eastus2", Region: "eastus2", Prefixes: prefixes("4.150.64.0/18", "4.152.0.0/15", "2603:1030:400::/48")}
	tests := []struct {
		name   string
		lookup string
		want   Tag
		ok     bool
	}{
		{"exact", "Storage.EastUS2", storageEastUS2, true},
		{"lower case", "storage.eastus2", storageEastUS2, true},
		{"upper case", "STORAGE.EASTUS2", storageEastUS2, true},
		{"region with spaces", "Storage.East US 2", storageEastUS2, true},
		{"region with spaces, lower case", "storage.east us 2", storageEastUS2, true},
		{"lower-case AzureCloud region, exact", "AzureCloud.eastus2", azureCloudEastUS2, true},
		{"lower-case AzureCloud region, camel case", "AzureCloud.EastUS2", azureCloudEastUS2, true},
		{"lower-case AzureCloud region, spaces", "azurecloud.East US 2", azureCloudEastUS2, true},
		{"name differs from the region field", "ActionGroup.France Central", Tag{
			Name: "ActionGroup.FranceCentral", Region: "centralfrance",
			Prefixes: prefixes("98.66.132.188/30", "2603:1020:805:1::130/126", "2603:1020:805:402::178/125"),
		}, true},
		{"bare with own entry only", "azuremachinelearning", Tag{
			Name:     "AzureMachineLearning",
			Prefixes: prefixes("4.171.27.64/27", "4.171.27.160/28", "2603:1000:4::300/122"),
		}, true},
		{"bare is own entry and every region, deduplicated", "Storage", Tag{
			Name: "Storage",
			Prefixes: prefixes("13.65.107.32/28", "13.68.120.64/28", "13.77.112.16/28", "13.83.72.16/28", "13.88.144.112/28",
				"2603:1000:5::/48", "2603:1030:40f::/48", "2603:1030:a0a::/49"),
		}, true},
		{"bare without own entry", "AZUREFRONTDOOR", Tag{
			Name:     "AzureFrontDoor",
			Prefixes: prefixes("4.213.28.114/31", "4.232.98.112/29", "13.73.248.8/29", "2603:1000:4::600/123"),
		}, true},
		{"unknown region", "Storage.MarsCentral", Tag{}, false},
		{"unknown tag", "NoSuchTag", Tag{}, false},
		{"unknown regional tag", "NoSuchTag.EastUS2", Tag{}, false},
		{"spaces matter outside the region", "Stor age.EastUS2", Tag{}, false},
		{"empty region", "Storage.", Tag{}, false},
		{"empty", "", Tag{}, false},
	}
	db := loadTestdata(t, "download.json")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := db.Lookup(tt.lookup)
			if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Lookup(%q) = %v, %v; want %v, %v", tt.lookup, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestRegional(t *testing.T) {
	tests := []struct {
		base, location string
		want           string // Name, "" for not found
	}{
		{"Storage", "East US 2", "Storage.EastUS2"},
		{"storage", "eastus2", "Storage.EastUS2"},
		{"AzureCloud", "EastUS2", "AzureCloud.eastus2"},
		{"BatchNodeManagement", "East US 2", "BatchNodeManagement.EastUS2"},
		{"ActionGroup", "francecentral", "ActionGroup.FranceCentral"},
		{"Storage", "West Europe", ""},
		{"Storage", "", ""},
	}
	db := loadTestdata(t, "download.json")
	for _, tt := range tests {
		t.Run(tt.base+"/"+tt.location, func(t *testing.T) {
			got, ok := db.Regional(tt.base, tt.location)
			if ok != (tt.want != "") || got.Name != tt.want {
				t.Errorf("Regional(%q, %q) = %q, %v; want %q", tt.base, tt.location, got.Name, ok, tt.want)
			}
		})
	}
}

func TestNormalizeRegion(t *testing.T) {
	for in, want := range map[string]string{
		"East US 2": "eastus2",
		"eastus2":   "eastus2",
		"EastUS2":   "eastus2",
		" West  US": "westus",
		"":          "",
	} {
		if got := NormalizeRegion(in); got != want {
			t.Errorf("NormalizeRegion(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSources checks inline tags and Merge: later sources replace earlier
// ones tag by tag, and bare unions follow.
func TestSources(t *testing.T) {
	tests := []struct {
		name   string
		db     func(t *testing.T) *DB
		lookup string
		want   Tag
		change int
	}{
		{
			name: "inline only",
			db: func(*testing.T) *DB {
				db := New()
				db.Set("AzureMachineLearning", prefixes("20.37.0.0/26"))
				return db
			},
			lookup: "AzureMachineLearning",
			want:   Tag{Name: "AzureMachineLearning", Prefixes: prefixes("20.37.0.0/26")},
		},
		{
			name: "inline is sorted, deduplicated and masked",
			db: func(*testing.T) *DB {
				db := New()
				db.Set("Storage.EastUS2", append(prefixes("52.239.0.0/17", "2603:1030:40f::/48", "20.38.96.0/19", "20.38.96.1/19"), netip.Prefix{}))
				return db
			},
			lookup: "Storage.East US 2",
			want:   Tag{Name: "Storage.EastUS2", Region: "EastUS2", Prefixes: prefixes("20.38.96.0/19", "52.239.0.0/17", "2603:1030:40f::/48")},
		},
		{
			name: "inline overrides a file tag spelled differently",
			db: func(t *testing.T) *DB {
				db := loadTestdata(t, "download.json")
				db.Set("storage.east us 2", prefixes("20.38.96.0/19"))
				return db
			},
			lookup: "Storage.EastUS2",
			want:   Tag{Name: "storage.east us 2", Region: "east us 2", Prefixes: prefixes("20.38.96.0/19")},
			change: 364,
		},
		{
			name: "bare union sees the override",
			db: func(t *testing.T) *DB {
				db := loadTestdata(t, "download.json")
				db.Lookup("Storage") // the cached union must be recomputed
				db.Set("Storage.EastUS2", prefixes("20.38.96.0/19"))
				return db
			},
			lookup: "Storage",
			want: Tag{Name: "Storage", Prefixes: prefixes("13.65.107.32/28", "13.68.120.64/28", "13.83.72.16/28", "13.88.144.112/28",
				"20.38.96.0/19", "2603:1000:5::/48", "2603:1030:a0a::/49")},
			change: 364,
		},
		{
			name: "bare union sees a new inline region",
			db: func(t *testing.T) *DB {
				db := loadTestdata(t, "download.json")
				db.Set("AzureFrontDoor.MarsCentral", prefixes("192.0.2.0/24"))
				return db
			},
			lookup: "AzureFrontDoor",
			want: Tag{Name: "AzureFrontDoor", Prefixes: prefixes("4.213.28.114/31", "4.232.98.112/29", "13.73.248.8/29",
				"192.0.2.0/24", "2603:1000:4::600/123")},
			change: 364,
		},
		{
			name: "union keeps the first source's spelling",
			db: func(*testing.T) *DB {
				db := New()
				db.Set("storage.westus", prefixes("192.0.2.0/25"))
				db.Set("STORAGE.EastUS", prefixes("192.0.2.128/25"))
				return db
			},
			lookup: "Storage",
			want:   Tag{Name: "storage", Prefixes: prefixes("192.0.2.0/25", "192.0.2.128/25")},
		},
		{
			name: "later merge wins",
			db: func(t *testing.T) *DB {
				db := loadTestdata(t, "download.json")
				db.Merge(loadTestdata(t, "api.json"))
				return db
			},
			lookup: "Storage.EastUS2",
			want:   Tag{Name: "Storage.EastUS2", Region: "eastus2", Prefixes: prefixes("13.68.120.64/28", "13.77.112.32/28", "2603:1030:40f::/48")},
			change: 241,
		},
		{
			name: "earlier merge loses",
			db: func(t *testing.T) *DB {
				db := loadTestdata(t, "api.json")
				db.Merge(loadTestdata(t, "download.json"))
				return db
			},
			lookup: "Storage.EastUS2",
			want:   Tag{Name: "Storage.EastUS2", Region: "eastus2", Prefixes: prefixes("13.68.120.64/28", "13.77.112.16/28", "2603:1030:40f::/48")},
			change: 364,
		},
		{
			name: "merge adds tags",
			db: func(t *testing.T) *DB {
				db := loadTestdata(t, "download.json")
				db.Merge(loadTestdata(t, "api.json"))
				return db
			},
			lookup: "AzureFrontDoor",
			want: Tag{Name: "AzureFrontDoor", Prefixes: prefixes("4.213.28.114/31", "4.232.98.112/29", "13.73.248.8/29",
				"13.107.3.0/24", "13.107.4.0/22", "2603:1000:4::600/123", "2620:1ec:4::/46")},
			change: 241,
		},
		{
			name: "merge into New, then inline",
			db: func(t *testing.T) *DB {
				db := New()
				db.Merge(loadTestdata(t, "download.json"))
				db.Set("Sql.EastUS2", prefixes("20.15.10.0/25"))
				return db
			},
			lookup: "sql.East US 2",
			want:   Tag{Name: "Sql.EastUS2", Region: "EastUS2", Prefixes: prefixes("20.15.10.0/25")},
			change: 364,
		},
		{
			name: "merging New keeps the change number",
			db: func(t *testing.T) *DB {
				db := loadTestdata(t, "download.json")
				db.Merge(New())
				return db
			},
			lookup: "Storage.WestUS",
			want:   Tag{Name: "Storage.WestUS", Region: "westus", Prefixes: prefixes("13.83.72.16/28", "13.88.144.112/28", "2603:1030:a0a::/49")},
			change: 364,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := tt.db(t)
			got, ok := db.Lookup(tt.lookup)
			if !ok || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Lookup(%q) = %v, %v; want %v", tt.lookup, got, ok, tt.want)
			}
			if db.ChangeNumber() != tt.change {
				t.Errorf("ChangeNumber() = %d, want %d", db.ChangeNumber(), tt.change)
			}
		})
	}
}

func TestMergeDoesNotChangeSource(t *testing.T) {
	src := loadTestdata(t, "api.json")
	db := loadTestdata(t, "download.json")
	db.Merge(src)
	db.Set("Sql.EastUS2", prefixes("192.0.2.0/24"))
	got, _ := src.Lookup("Sql.EastUS2")
	if want := prefixes("20.15.10.0/25", "20.15.12.0/24", "2603:1030:40c::320/123"); !reflect.DeepEqual(got.Prefixes, want) {
		t.Errorf("source changed: %v, want %v", got.Prefixes, want)
	}
	if _, ok := src.Lookup("Storage.WestUS"); ok {
		t.Error("source gained Storage.WestUS")
	}
}

func TestNames(t *testing.T) {
	db := loadTestdata(t, "api.json")
	db.Set("sql.westus", nil)
	db.Set("Storage.East US 2", nil) // replaces Storage.EastUS2
	db.Set("azurecloud", nil)
	want := []string{"azurecloud", "AzureFrontDoor.FirstParty", "Sql.EastUS2", "sql.westus", "Storage.East US 2"}
	if got := db.Names(); !reflect.DeepEqual(got, want) {
		t.Errorf("Names() = %q, want %q", got, want)
	}
	if got := New().Names(); len(got) != 0 {
		t.Errorf("New().Names() = %q", got)
	}
}

func TestLookupReturnsACopy(t *testing.T) {
	db := loadTestdata(t, "download.json")
	for _, name := range []string{"Storage", "Storage.EastUS2"} {
		first, _ := db.Lookup(name)
		first.Prefixes[0] = netip.MustParsePrefix("0.0.0.0/0")
		second, _ := db.Lookup(name)
		if second.Prefixes[0] == first.Prefixes[0] {
			t.Errorf("Lookup(%q) shares its prefixes with the caller", name)
		}
	}
}

func TestConcurrentLookup(t *testing.T) {
	db := loadTestdata(t, "download.json")
	want := make(map[string]string)
	for _, name := range []string{"Storage", "Storage.EastUS2", "AzureFrontDoor", "AzureCloud"} {
		tag, _ := loadTestdata(t, "download.json").Lookup(name)
		want[name] = fmt.Sprint(tag)
	}
	var wg sync.WaitGroup
	for range 8 {
		for name := range want {
			wg.Go(func() {
				if tag, _ := db.Lookup(name); fmt.Sprint(tag) != want[name] {
					t.Errorf("Lookup(%q) = %v, want %v", name, tag, want[name])
				}
			})
		}
	}
	wg.Wait()
}

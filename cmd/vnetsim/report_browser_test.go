package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

//go:embed testdata/report_check.js
var reportCheckJS string

// browserCheck is what testdata/report_check.js found on a laid-out page.
type browserCheck struct {
	Problems                                      []string
	Texts, Boxes, Badges, Failures, Paths, Folded int
}

// TestReportInChromium lays reports out in headless Chromium and checks
// their structure: texts inside their boxes, boxes apart, each failure's
// number on an outlined element with a working link, no sideways
// scrolling; for the shipped example, a 100-VNet and a 1,000-VNet estate.
// It skips without Chromium, unless VNETSIM_REQUIRE_CHROMIUM is set (CI).
func TestReportInChromium(t *testing.T) {
	browser := findChromium()
	if browser == "" {
		if os.Getenv("VNETSIM_REQUIRE_CHROMIUM") != "" {
			t.Fatal("VNETSIM_REQUIRE_CHROMIUM is set and no chromium is installed")
		}
		t.Skip("chromium is not installed (apt-get install chromium)")
	}
	dir := t.TempDir()
	gen := func(name string, args ...string) string {
		path := filepath.Join(dir, name)
		var stderr bytes.Buffer
		if code := run(append([]string{"gen", "--out", path}, args...), nil, &bytes.Buffer{}, &stderr); code != 0 {
			t.Fatalf("gen: exit %d: %s", code, stderr.String())
		}
		return path
	}
	scenarios := filepath.Join("..", "..", "scenarios")
	for _, tc := range []struct {
		name, topology string
		check          func(t *testing.T, c browserCheck)
	}{
		{"example", filepath.Join(scenarios, "topologies", "aml-secure.yaml"), func(t *testing.T, c browserCheck) {
			if c.Failures != 1 || c.Badges != 1 || c.Paths == 0 {
				t.Errorf("want 1 failure with its number and its way drawn: %+v", c)
			}
		}},
		{"forced tunnel", filepath.Join(scenarios, "aml", "forced-tunnel-user-route.yaml"), func(t *testing.T, c browserCheck) {
			if c.Failures != 3 || c.Badges != 3 {
				t.Errorf("want 3 failures, each numbered: %+v", c)
			}
		}},
		{"100 VNets", gen("e100.yaml", "--vnets", "100", "--subnets", "2", "--rules", "50", "--routes", "3", "--computes", "100"),
			func(t *testing.T, c browserCheck) {
				if c.Failures == 0 || c.Badges < c.Failures || c.Folded == 0 {
					t.Errorf("want failures, each numbered (a failure blocked at several elements has several numbers), and long tables folded: %+v", c)
				}
			}},
		{"1000 VNets", gen("e1000.yaml", "--vnets", "1000", "--subnets", "1", "--rules", "2", "--routes", "1", "--computes", "10"),
			func(t *testing.T, c browserCheck) {
				if c.Boxes > 200 || c.Folded == 0 {
					t.Errorf("want spokes collapsed and tables folded: %+v", c)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := filepath.Join(dir, tc.name+".html")
			var stderr bytes.Buffer
			if code := run([]string{"report", "--include-root", scenarios, tc.topology, "--out", page}, nil, &bytes.Buffer{}, &stderr); code == exitCannotRun {
				t.Fatalf("report: exit %d: %s", code, stderr.String())
			}
			c := layOut(t, browser, page)
			for _, p := range c.Problems {
				t.Error(p)
			}
			if c.Texts == 0 || c.Boxes == 0 {
				t.Errorf("nothing drawn: %+v", c)
			}
			t.Logf("%+v", c)
			tc.check(t, c)
		})
	}
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	return ""
}

var checkResult = regexp.MustCompile(`<pre id="report-check">([^<]*)</pre>`)

// layOut loads a copy of the page with the check script in Chromium and
// reads back what the script found.
func layOut(t *testing.T, browser, page string) browserCheck {
	t.Helper()
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("</body>"), []byte("<script>"+reportCheckJS+"</script>\n</body>"), 1)
	checked := page + ".check.html"
	if err := os.WriteFile(checked, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir="+t.TempDir(),
		"--window-size=1400,1000", "--dump-dom", "file://"+checked)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, errOut.String())
	}
	m := checkResult.FindSubmatch(out.Bytes())
	if m == nil {
		t.Fatalf("the check script left no result (did it fail?); chromium said:\n%s", errOut.String())
	}
	var c browserCheck
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

package main

import (
	"fmt"
	"strconv"
	"strings"
)

// parsePortFlag checks a --port or --source-port value: *, a port, a range
// lo-hi, or a comma-separated list of those, each port in 0-65535. It
// returns the items for the query.
func parsePortFlag(flag, value string) ([]string, error) {
	var out []string
	for _, item := range strings.Split(value, ",") {
		item = strings.TrimSpace(item)
		if err := checkPortItem(item); err != nil {
			return nil, fmt.Errorf("--%s %s: %v", flag, value, err)
		}
		out = append(out, item)
	}
	return out, nil
}

func checkPortItem(item string) error {
	if item == "*" || strings.EqualFold(item, "any") {
		return nil
	}
	lo, hi, isRange := strings.Cut(item, "-")
	if !isRange {
		hi = lo
	}
	var ports [2]int
	for i, s := range []string{lo, hi} {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return fmt.Errorf("%q is not a port (0-65535), a range such as 8000-8080, or *", item)
		}
		if n < 0 || n > 65535 {
			return fmt.Errorf("port %d is out of range: ports are 0 to 65535", n)
		}
		ports[i] = n
	}
	if ports[0] > ports[1] {
		return fmt.Errorf("the range %s is backwards (write %d-%d)", item, ports[1], ports[0])
	}
	return nil
}

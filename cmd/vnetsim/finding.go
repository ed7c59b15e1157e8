package main

import (
	"fmt"
	"strings"

	"github.com/vnetsim/vnetsim/model"
)

// finding is one problem placed in a YAML file: what SARIF and GitHub
// workflow commands annotate. validate's findings are its diagnostics;
// check's and test's are the expectations that fail, each at the element
// that decides it (the rule, route, firewall, ... that blocks) with the
// intent or expectation as a related place.
type finding struct {
	rule    string // a reason, a diagnostic code, or ruleExpectation
	level   string // error, warning or note (SARIF's levels)
	message string
	pos     model.Pos
	related []placed
}

// placed is a related place and what it is.
type placed struct {
	pos  model.Pos
	what string
}

// ruleExpectation is the rule of an expectation that fails without a
// blocking element to blame (traffic expected blocked gets through).
const ruleExpectation = "ExpectationNotMet"

// reasonText says what each reason means (docs/cli.md, "Reasons").
var reasonText = map[model.Reason]string{
	model.NsgDenied:         "an NSG rule (a user rule or a default rule) denies the traffic",
	model.ApplianceDenied:   "an appliance rule, or the appliance's default action, denies the traffic",
	model.NotForwarded:      "routed to an appliance address without IP forwarding, or to no NIC at all",
	model.NoRoute:           "the chosen route has next hop None, or nothing routes the traffic",
	model.FirewallDenied:    "a storage account or key vault firewall refuses the source as it arrives there",
	model.PeeringBlocked:    "the peering is missing on one side, disallows access, or disallows forwarded traffic",
	model.AsymmetricReturn:  "the request arrives, but the reply is routed out a different way than the request came in",
	model.RoutingLoop:       "the packet returns to a hop it already crossed with the same headers",
	model.OnPremisesDropped: "sent to on-premises, which drops internet-bound traffic",
	model.NotExposed:        "the source is on the internet and the destination has no public address it could reach",
	model.NoOutbound:        "internet-bound traffic from a private subnet with no explicit outbound method",
	model.ProbeDenied:       "a load balancer's health probe to the backend is denied by an NSG",
	model.NameNotPrivate:    "the destination's name resolves to its public address, and the public path refuses it",
}

// ruleDescription is a rule's one-line description: a reason's meaning,
// or a diagnostic code in words.
func ruleDescription(rule string) string {
	if rule == ruleExpectation {
		return "an intent's or scenario's expected verdict does not hold"
	}
	if s, ok := reasonText[model.Reason(rule)]; ok {
		return s
	}
	return strings.ReplaceAll(rule, "_", " ")
}

// diagFindings are diagnostics as findings.
func diagFindings(diags model.Diagnostics) []finding {
	var out []finding
	for _, d := range diags.Sorted() {
		f := finding{rule: d.Code, level: d.Severity.String(), message: d.Message, pos: d.Pos}
		if d.Path != "" {
			f.message = d.Path + ": " + d.Message
		}
		for _, r := range d.Related {
			f.related = append(f.related, placed{pos: r, what: "related"})
		}
		out = append(out, f)
	}
	return out
}

// expectationFindings are the findings of one failed judgement: one per
// blocked region, at the element that blocks it (or at where, when the
// element cannot be placed), else one at where. what names the judgement
// ("intent x expects Reachable") and where is the intent or expectation.
func expectationFindings(t *model.Topology, what string, got model.Verdict, where placed, blocked []blockedOut, allowedBy []string) []finding {
	var out []finding
	for _, b := range blocked {
		f := finding{rule: string(b.Reason), level: "error", pos: where.pos,
			message: fmt.Sprintf("%s, got %s: %s at %s: %s; fix: %s", what, got, b.Reason, refOrDash(b.Ref), b.Explanation, b.Fix)}
		if pos, ok := locateRef(t, b.Ref); ok {
			f.pos, f.related = pos, []placed{where}
		}
		out = append(out, f)
	}
	if len(out) > 0 {
		return out
	}
	f := finding{rule: ruleExpectation, level: "error", pos: where.pos, message: fmt.Sprintf("%s, got %s", what, got)}
	if len(allowedBy) > 0 {
		f.message += "; allowed by " + strings.Join(allowedBy, ", ")
	}
	for _, ref := range allowedBy {
		if pos, ok := locateRef(t, ref); ok {
			f.related = append(f.related, placed{pos: pos, what: ref})
		}
	}
	return []finding{f}
}

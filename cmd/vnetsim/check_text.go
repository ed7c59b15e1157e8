package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

func writeCheckText(w io.Writer, r checkReport) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "INTENT\tVERDICT\tEXPECT\tHELD\tREASON\tREF")
	for _, in := range r.Intents {
		held, expect := "-", "-"
		if in.Held != nil {
			held = map[bool]string{true: "yes", false: "NO"}[*in.Held]
			expect = string(in.Expect)
		}
		reason, ref := "", ""
		if len(in.Blocked) > 0 {
			reason, ref = string(in.Blocked[0].Reason), in.Blocked[0].Ref
			if len(in.Blocked) > 1 {
				reason += fmt.Sprintf(" (+%d)", len(in.Blocked)-1)
			}
		}
		verdict := string(in.Verdict)
		if in.Note != "" {
			verdict = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", in.Name, verdict, expect, held, reason, ref)
	}
	tw.Flush()
	for _, in := range r.Intents {
		if in.Note != "" {
			fmt.Fprintf(w, "\n%s: not judged: %s\n", in.Name, in.Note)
		}
	}
	for _, in := range r.Intents {
		if len(in.Blocked) == 0 && in.Passed == nil {
			continue
		}
		fmt.Fprintf(w, "\n%s: %s (%s %s -> %s)\n", in.Name, in.Verdict, in.Protocol, in.Source, in.Destination)
		if in.Passed != nil {
			fmt.Fprintf(w, "  gets through, expected %s\n", in.Expect)
			fmt.Fprintf(w, "    witness:    %s\n", witnessText(*in.Passed))
			fmt.Fprintf(w, "    allowed by: %s\n", strings.Join(orDash(in.AllowedBy), ", "))
		}
		for _, b := range in.Blocked {
			writeBlockedText(w, b)
		}
	}
	fmt.Fprintf(w, "\n%s\n", r.Summary)
}

func writeBlockedText(w io.Writer, b blockedOut) {
	what := ""
	if b.Reply {
		what = " (the reply)"
	}
	fmt.Fprintf(w, "  %s%s at %s\n", b.Reason, what, refOrDash(b.Ref))
	fmt.Fprintf(w, "    packets: %s\n", short(b.Packets))
	fmt.Fprintf(w, "    witness: %s\n", witnessText(b.Witness))
	fmt.Fprintf(w, "    why:     %s\n", b.Explanation)
	fmt.Fprintf(w, "    fix:     %s\n", b.Fix)
}

func orDash(refs []string) []string {
	if len(refs) == 0 {
		return []string{"-"}
	}
	return refs
}

func refOrDash(ref string) string {
	if ref == "" {
		return "-"
	}
	return ref
}

func witnessText(p packetOut) string {
	if p.SourcePort == nil {
		return fmt.Sprintf("%s %s -> %s", p.Protocol, p.Source, p.Destination)
	}
	return fmt.Sprintf("%s %s:%d -> %s:%d", p.Protocol, p.Source, *p.SourcePort, p.Destination, *p.DestinationPort)
}

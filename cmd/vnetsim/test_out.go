package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

func writeTestText(w io.Writer, r testReport) {
	for _, s := range r.Scenarios {
		status := "PASS"
		if !s.Passed {
			status = "FAIL"
		}
		fmt.Fprintf(w, "%s  %s: %s\n", status, s.File, s.Scenario)
		for _, e := range s.Errors {
			fmt.Fprintf(w, "    %s\n", e)
		}
		for _, e := range s.Expectations {
			if !e.Passed {
				fmt.Fprintf(w, "    %s: want %s, got %s\n", e.Intent, judgmentText(e.Want), judgmentText(e.Got))
				if e.Got.Witness != nil {
					fmt.Fprintf(w, "      witness: %s\n      packets: %s\n", witnessText(*e.Got.Witness), e.Got.Packets)
				} else if e.Got.Packets != "" {
					fmt.Fprintf(w, "      %s\n", e.Got.Packets)
				}
			}
		}
	}
	fmt.Fprintf(w, "%d passed, %d failed\n", r.Passed, r.Failed)
}

func judgmentText(j judgment) string {
	var parts []string
	if j.Verdict != "" {
		parts = append(parts, string(j.Verdict))
	}
	if j.Reason != "" {
		parts = append(parts, string(j.Reason))
	}
	if j.BlockedBy != "" {
		parts = append(parts, "at "+j.BlockedBy)
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, " ")
}

type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitMessage `xml:"failure,omitempty"`
	Error     *junitMessage `xml:"error,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// writeJUnit writes one test case per expectation, grouped in a suite per
// scenario file, as CI systems display them.
func writeJUnit(w io.Writer, r testReport) error {
	var out junitSuites
	for _, s := range r.Scenarios {
		suite := junitSuite{Name: s.File + ": " + s.Scenario}
		if len(s.Errors) > 0 {
			suite.Errors++
			suite.Cases = append(suite.Cases, junitCase{Name: "load", ClassName: s.File,
				Error: &junitMessage{Message: "the scenario cannot be loaded", Text: strings.Join(s.Errors, "\n")}})
		}
		for _, e := range s.Expectations {
			c := junitCase{Name: e.Intent, ClassName: s.File}
			if !e.Passed {
				suite.Failures++
				text := ""
				if e.Got.Witness != nil {
					text = "witness: " + witnessText(*e.Got.Witness) + "\npackets: " + e.Got.Packets
				}
				c.Failure = &junitMessage{Message: "want " + judgmentText(e.Want) + ", got " + judgmentText(e.Got), Text: text}
			}
			suite.Cases = append(suite.Cases, c)
		}
		suite.Tests = len(suite.Cases)
		out.Suites = append(out.Suites, suite)
	}
	data, err := xml.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append([]byte(xml.Header), append(data, '\n')...))
	return err
}

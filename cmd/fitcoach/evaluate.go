package main

import (
	"context"
	"fmt"
	"io"

	"github.com/fitcoach/fitcoach/services/catalog/starter"
	"github.com/fitcoach/fitcoach/services/plan/adapt/loopeval"
	"github.com/fitcoach/fitcoach/services/plan/coaching"
	"github.com/fitcoach/fitcoach/services/plan/microcycle"
	"github.com/fitcoach/fitcoach/services/plan/planner"
)

// passScore is the coaching score every profile of the matrix must reach.
const passScore = 90

// runEvaluatePlan scores the built-in planner's plans for the coaching evaluation matrix
// (services/plan/coaching) made from the starter catalog: a Markdown table of the per-check
// scores, every finding with --verbose; exit 1 when a profile scores under 90.
func runEvaluatePlan(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("evaluate-plan", stderr)
	verbose := fs.Bool("verbose", false, "print every finding")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	all, err := starter.Exercises()
	if err != nil {
		return err
	}
	idx := coaching.Index(all)
	var rows []coaching.Row
	failed := 0
	for _, c := range coaching.Matrix() {
		row := coaching.Row{Case: c}
		d, err := planner.Design(c.Profile, coaching.Allowed(all, c.Profile))
		if err != nil {
			row.Err = err
			failed++
			rows = append(rows, row)
			continue
		}
		plan := microcycle.Expand(d.Template, d.Expansion)
		row.Report = coaching.Evaluate(coaching.Input{Plan: plan, Profile: c.Profile, Catalog: idx, Available: d.Safe, Deload: coaching.DeloadWeeks(d.Template.GetProgression())})
		if row.Report.Overall < passScore {
			failed++
		}
		rows = append(rows, row)
	}
	coaching.WriteTable(stdout, rows)
	if *verbose {
		for _, r := range rows {
			for _, f := range r.Report.Findings() {
				fmt.Fprintf(stdout, "%s: %s\n", r.Case.Name, f)
			}
		}
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "%d of %d profiles score under %d\n", failed, len(rows), passScore)
		return exitError{1}
	}
	return nil
}

// loopPassScore is the loop evaluation score every profile must reach.
const loopPassScore = 90

// runEvaluateLoop scores the weekly adaptation (services/plan/adapt/loopeval): each profile of
// the coaching matrix, trained for a week by five simulated people (on track, struggling,
// missing sessions, exhausted, in pain), adapted by the rule engine and checked against
// COACHING.md §7; a Markdown table per persona, every failed check with --verbose; exit 1 when
// a profile scores under 90.
func runEvaluateLoop(_ context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("evaluate-loop", stderr)
	verbose := fs.Bool("verbose", false, "print every failed check")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	all, err := starter.Exercises()
	if err != nil {
		return err
	}
	rows := loopeval.Evaluate(all)
	loopeval.WriteTable(stdout, rows)
	failed := 0
	for _, r := range rows {
		if r.Err != nil || r.Score("") < loopPassScore {
			failed++
		}
		if *verbose {
			for _, f := range r.Failures() {
				fmt.Fprintf(stdout, "%s: %s\n", r.Case.Name, f)
			}
		}
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "%d of %d profiles score under %d\n", failed, len(rows), loopPassScore)
		return exitError{1}
	}
	return nil
}

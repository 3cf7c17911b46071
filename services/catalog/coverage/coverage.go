// Package coverage builds the catalog's video coverage report: per exercise the clip kinds it
// has and whether they are complete (every required kind), partial (some clip, but a required
// kind missing) or none (no clip), overall and per archetype, with totals.
//
// Per-archetype coverage counts an archetype's own clips plus the generic ones (archetype
// unspecified), because that is what a playlist for that archetype can draw on: the video
// service falls back to a generic clip when no archetype-specific one exists.
//
// Every exercise is listed, active or not, but totals and percentages count only active
// exercises: an inactive one never reaches a plan, so its gaps are not gaps in what people see.
package coverage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"google.golang.org/protobuf/encoding/protojson"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
	"github.com/fitcoach/fitcoach/services/catalog/whitelist"
)

// Archetypes are the coach personas reported on, in report order.
var Archetypes = []typesv1.Archetype{
	typesv1.Archetype_ARCHETYPE_MENTOR,
	typesv1.Archetype_ARCHETYPE_PROFESSIONAL,
	typesv1.Archetype_ARCHETYPE_PEER,
}

// Build computes the report for exs from the video service's per-exercise clip coverage.
func Build(exs []*catalogv1.Exercise, cov *videov1.GetClipCoverageResponse) *catalogv1.GetCoverageResponse {
	resolve := whitelist.Resolver(exs)
	overall := map[string]whitelist.KindSet{}
	perArch := map[string]map[typesv1.Archetype]whitelist.KindSet{}
	for _, e := range cov.GetExercises() {
		slug, ok := resolve(e.GetExerciseSlug())
		if !ok {
			continue
		}
		s := overall[slug]
		for _, k := range e.GetKinds() {
			s = s.Add(k)
		}
		if perArch[slug] == nil {
			perArch[slug] = map[typesv1.Archetype]whitelist.KindSet{}
		}
		for _, a := range e.GetArchetypes() {
			as := perArch[slug][a.GetArchetype()]
			for _, k := range a.GetKinds() {
				as = as.Add(k)
				s = s.Add(k)
			}
			perArch[slug][a.GetArchetype()] = as
		}
		overall[slug] = s
	}

	resp := &catalogv1.GetCoverageResponse{
		RequiredKinds: whitelist.RequiredKinds,
		Totals:        &catalogv1.CoverageTotals{},
	}
	byArch := make([]*catalogv1.CoverageTotals, len(Archetypes))
	for i, a := range Archetypes {
		byArch[i] = &catalogv1.CoverageTotals{Archetype: a}
	}
	for _, ex := range exs {
		kinds := overall[ex.GetSlug()]
		ec := &catalogv1.ExerciseCoverage{
			Slug:   ex.GetSlug(),
			Code:   ex.GetCode(),
			Name:   ex.GetName(),
			Active: ex.GetActive(),
			Kinds:  kinds.Kinds(),
			Status: Status(kinds),
		}
		generic := perArch[ex.GetSlug()][typesv1.Archetype_ARCHETYPE_UNSPECIFIED]
		for i, a := range Archetypes {
			ak := perArch[ex.GetSlug()][a] | generic
			ac := &catalogv1.ArchetypeCoverage{Archetype: a, Kinds: ak.Kinds(), Status: Status(ak)}
			ec.Archetypes = append(ec.Archetypes, ac)
			if ex.GetActive() {
				count(byArch[i], ac.Status)
			}
		}
		if ex.GetActive() {
			resp.Total++
			count(resp.Totals, ec.Status)
		}
		resp.Exercises = append(resp.Exercises, ec)
	}
	percent(resp.Totals)
	for _, t := range byArch {
		percent(t)
	}
	resp.ByArchetype = byArch
	return resp
}

// Status classifies a set of kinds against the required ones.
func Status(s whitelist.KindSet) catalogv1.CoverageStatus {
	switch {
	case whitelist.HasAll(s, whitelist.RequiredKinds):
		return catalogv1.CoverageStatus_COVERAGE_STATUS_COMPLETE
	case s != 0:
		return catalogv1.CoverageStatus_COVERAGE_STATUS_PARTIAL
	default:
		return catalogv1.CoverageStatus_COVERAGE_STATUS_NONE
	}
}

func count(t *catalogv1.CoverageTotals, s catalogv1.CoverageStatus) {
	switch s {
	case catalogv1.CoverageStatus_COVERAGE_STATUS_COMPLETE:
		t.Complete++
	case catalogv1.CoverageStatus_COVERAGE_STATUS_PARTIAL:
		t.Partial++
	default:
		t.None++
	}
}

func percent(t *catalogv1.CoverageTotals) {
	if n := t.Complete + t.Partial + t.None; n > 0 {
		t.PercentComplete = 100 * float64(t.Complete) / float64(n)
	}
}

// Print writes the report as a table, or as protojson when asJSON.
func Print(w io.Writer, r *catalogv1.GetCoverageResponse, asJSON bool) error {
	if asJSON {
		b, err := protojson.Marshal(r)
		if err != nil {
			return err
		}
		// protojson's spacing is deliberately unstable; json.Indent makes a stable, diffable
		// document and keeps the field order.
		var buf bytes.Buffer
		if err := json.Indent(&buf, b, "", "  "); err != nil {
			return err
		}
		buf.WriteByte('\n')
		_, err = buf.WriteTo(w)
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SLUG\tCODE\tACTIVE\tSTATUS\tKINDS\tMENTOR\tPROFESSIONAL\tPEER")
	for _, e := range r.GetExercises() {
		arch := map[typesv1.Archetype]string{}
		for _, a := range e.GetArchetypes() {
			arch[a.GetArchetype()] = statusName(a.GetStatus())
		}
		active := "yes"
		if !e.GetActive() {
			active = "no"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e.GetSlug(), dash(e.GetCode()), active,
			statusName(e.GetStatus()), dash(kindNames(e.GetKinds())),
			dash(arch[typesv1.Archetype_ARCHETYPE_MENTOR]), dash(arch[typesv1.Archetype_ARCHETYPE_PROFESSIONAL]), dash(arch[typesv1.Archetype_ARCHETYPE_PEER]))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nrequired kinds: %s\n", kindNames(r.GetRequiredKinds()))
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TOTALS (active exercises)\tCOMPLETE\tPARTIAL\tNONE\tCOMPLETE %")
	row := func(label string, t *catalogv1.CoverageTotals) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.1f\n", label, t.GetComplete(), t.GetPartial(), t.GetNone(), t.GetPercentComplete())
	}
	row(fmt.Sprintf("all (%d)", r.GetTotal()), r.GetTotals())
	for _, t := range r.GetByArchetype() {
		row(archetypeName(t.GetArchetype()), t)
	}
	return tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func statusName(s catalogv1.CoverageStatus) string {
	return strings.ToLower(strings.TrimPrefix(s.String(), "COVERAGE_STATUS_"))
}

func archetypeName(a typesv1.Archetype) string {
	return strings.ToLower(strings.TrimPrefix(a.String(), "ARCHETYPE_"))
}

func kindNames(ks []typesv1.ClipKind) string {
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = strings.ToLower(strings.TrimPrefix(k.String(), "CLIP_KIND_"))
	}
	return strings.Join(names, ",")
}

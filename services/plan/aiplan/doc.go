// Package aiplan is the one validator of raw AI plan responses: the `fitcoach validate-plan`
// CLI, the ValidatePlan RPC and plan generation all call Check (or Parse and Validate), and
// its violations, each with a field path and a rule id, are what a reprompt tells the LLM.
//
// The rules live in fitcoach/plan/v1/workout_plan.proto as protovalidate annotations, plus
// one plan-wide rule CEL cannot express (weeks.min_exercises). There are two paths that check
// them. The reference path (CheckReference, ValidateReference) is protojson.Unmarshal
// followed by protovalidate: obviously faithful to the proto, and too slow for a hot path at
// about 2.7 ms of CPU per 12-week plan. The fast path (Check, Parse, Validate) is a
// single-pass decoder specialised to WorkoutPlan and Go checks whose limits, patterns, ids
// and messages are read from the same descriptors at start-up; only the meaning of each CEL
// expression is written by hand, pinned to the expression text so that a proto change
// cannot go unnoticed. It is about ten times faster (see PERF.md). Keeping the reference
// path is what makes the fast one trustworthy: tests and a fuzz target require both to give
// the same verdict and the same violations.
//
// Callers that take untrusted input ask Oversize first: it refuses a response whose lists are
// longer than a plan's may be without decoding it, so the work stays bounded by the plan's
// limits rather than by the input's size; Cap bounds the violations either path returns.
//
// All functions are safe for concurrent use; the fast rules are built from the descriptors
// on first use.
package aiplan

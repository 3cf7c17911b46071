// Package report writes the coach's report on a week of a plan, or on the whole plan so far:
// analysis (what was done against what was planned, effort, loads and reps, pain, what the
// adaptation changed), motivation, a few concrete recommendations and the long-term strategy,
// in the coach archetype's voice and the person's language.
//
// Read gathers the Facts from the plan's current revision, the logs and the revisions; Rules
// writes the report from them deterministically; Writer asks the LLM to write it under a
// strict schema (validated, sent back with the violations, the rules' report as the fallback).
// Fingerprint names what a report was written from, so a stored one is reused until a log or
// the plan changes.
package report

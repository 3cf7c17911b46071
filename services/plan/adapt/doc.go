// Package adapt is the coach's side of the training loop (COACHING.md §7): Suggest turns an
// exercise's last log into the next session's numbers; Rules turns a week of logs into the
// following weeks of a plan (keep, progress, regress, swap, early deload), each change with
// a reason citing the logs; Bounds is what any adaptation, the LLM's included, must stay
// within; LLM asks the model to write the adaptation in the coach's voice under a strict
// schema and falls back to the rules (the coach's report is package report). Everything but
// the LLM calls is pure and deterministic.
package adapt

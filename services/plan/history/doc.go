// Package history reads what a person did: sessions, per-exercise entries and "last time",
// personal records, and a plan's progress week by week (adherence, hard sets and kilograms
// per muscle group, cardio, estimated one-rep maxes, streaks). It only computes: the caller
// reads the logs, the plan and the catalog, and passes them in.
//
// Every log is read in one shape: an exercise's sets. Logs made before per-set logging (or
// by old clients) carry only sets_done and reps_done; Normalize derives the sets from them.
package history

// Package playlist builds the deterministic video playlist of one workout.
//
// Rules (DESIGN.md "Playlists"):
//
//   - The random choices come from a seed derived from (plan id, week, day, archetype): FNV-64a
//     of them seeds a PCG per slot (each slot also hashes its own name, so adding an exercise
//     does not reshuffle the others). Candidates are ordered by id before the seeded pick, so
//     the same workout, clips and storage verdicts always give the same playlist.
//   - Order: intro; per exercise technique (required), instruction (required, carries sets,
//     reps and rest) and common mistakes (optional, with probability MistakeProb); on day 7
//     a weekly-motivation clip; a closing clip when one exists (optional: it is a nicety, its
//     absence is not a gap). A rest day gets one rest-day clip and nothing else. Intro, day-7
//     motivation and the rest-day clip are reported missing when none can be found, like the
//     required exercise clips; mistakes and closing are not.
//   - Clip choice for a slot: requested locale first, then any locale (a clip the person can
//     understand beats one in their coach's persona); within a locale the exact archetype, then
//     the other archetypes in the order mentor, professional, peer, then generic clips.
//   - All candidates of the workout come from one query (at most MaxCandidates per
//     (exercise, kind, archetype, locale)), cached in memory per exercise and dropped when
//     clips change: a workout whose exercises were all seen before costs no query at all. A candidate whose storage says missing (or errors) is skipped and
//     another tried; after StorageRetry such skips the slot is reported missing.
//   - Existence comes from the existence cache; no storage round trip on a cache hit, and a
//     clip never checked costs at most one short per-request budget.
//   - Nothing is added twice: a clip already in the playlist is never picked again. A repeated
//     exercise gets different clips when it has them; when it has none left its clips are
//     already in the playlist, so nothing is reported missing.
//   - A missing required clip never fails the build: it is listed in Playlist.missing and
//     counted in the playlist_missing_clips_total metric.
package playlist

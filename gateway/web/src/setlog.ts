// The log of one exercise as the person types it, set by set, and its conversion to and from the
// :complete request. Nothing is invented: a row is sent only when the person marked it done or
// skipped, or typed a number into it; its numbers are exactly what was typed (or measured by the
// hold countdown, or copied from the suggestion on request).

import type { CompletedExercise, SetLog, Suggestion, WorkoutExercise } from "./api";
import { distance, fmtKg, kindOf, setsOf, span, type Kind } from "./dose";

export { fmtKg };
import { t, tp } from "./i18n";

/** SetRow is one set as typed; every number is the text of its input. */
export interface SetRow {
  kg: string;
  reps: string;
  seconds: string;
  minutes: string;
  km: string;
  // RPE 1..10 or reps in reserve 0..10, by the exercise's scale; "" not rated.
  effort: string;
  state: "" | "done" | "skipped";
}

/** ExerciseLog is what the person logs of one exercise of the day. */
export interface ExerciseLog {
  kind: Kind;
  scale: "rpe" | "rir";
  sets: SetRow[];
  pain: boolean;
  painNote: string;
}

/** MAX_SETS is the server's limit on sets per exercise. */
export const MAX_SETS = 20;

const emptyRow = (): SetRow => ({ kg: "", reps: "", seconds: "", minutes: "", km: "", effort: "", state: "" });

/** plannedRows is how many set rows an exercise starts with: its sets, its rounds, or one. */
export function plannedRows(ex: WorkoutExercise): number {
  const kind = kindOf(ex);
  const n = kind === "intervals" ? ex.rounds ?? 1 : kind === "cardio" ? 1 : setsOf(ex);
  return Math.max(1, Math.min(MAX_SETS, n || 1));
}

/** scaleOf is the effort scale the plan uses for the exercise: reps in reserve when it targets them. */
export function scaleOf(ex: WorkoutExercise): "rpe" | "rir" {
  return (ex.targetRir ?? 0) > 0 && !((ex.targetRpe ?? 0) > 0) ? "rir" : "rpe";
}

/** emptyLog is an exercise's log before anything is done: planned rows, all empty. */
export function emptyLog(ex: WorkoutExercise): ExerciseLog {
  return {
    kind: kindOf(ex),
    scale: scaleOf(ex),
    sets: Array.from({ length: plannedRows(ex) }, emptyRow),
    pain: false,
    painNote: "",
  };
}

const str = (v: number | null | undefined, digits = 0): string => {
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) return "";
  return digits ? String(Math.round(v * 10 ** digits) / 10 ** digits) : String(Math.round(v));
};

/** fromLogged reads a stored log of an exercise back into rows; logs made before per-set logging have reps only. */
export function fromLogged(ex: WorkoutExercise, c: CompletedExercise): ExerciseLog {
  const log = emptyLog(ex);
  const sets = c.sets ?? [];
  if (sets.length) {
    log.sets = sets.map((s) => ({
      kg: str(s.loadKg, 2),
      reps: str(s.reps),
      seconds: log.kind === "cardio" ? "" : str(s.seconds),
      minutes: log.kind === "cardio" ? str((s.seconds ?? 0) / 60, 1) : "",
      km: str((s.distanceMeters ?? 0) / 1000, 2),
      effort: log.scale === "rir" ? (typeof s.rir === "number" ? String(s.rir) : "") : typeof s.rpe === "number" ? String(s.rpe) : "",
      state: s.skipped ? "skipped" : "done",
    }));
  } else if (c.setsDone > 0) {
    log.sets = Array.from({ length: Math.min(MAX_SETS, c.setsDone) }, (_, k) => ({
      ...emptyRow(),
      reps: str(c.repsDone?.[k]),
      state: "done" as const,
    }));
  }
  log.pain = !!c.pain;
  log.painNote = c.painNote ?? "";
  return log;
}

/** parseNum reads "42,5" or "42.5"; "" is null, anything else unreadable is NaN. */
export function parseNum(s: string): number | null {
  const v = s.trim().replace(",", ".");
  if (!v) return null;
  return /^\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
}

/** typed says whether the person typed any number into a row. */
export function typed(r: SetRow): boolean {
  return !!(r.kg.trim() || r.reps.trim() || r.seconds.trim() || r.minutes.trim() || r.km.trim());
}

/** badFields lists the inputs of a row that hold something other than a number. */
export function badFields(r: SetRow): (keyof SetRow)[] {
  return (["kg", "reps", "seconds", "minutes", "km"] as const).filter((k) => Number.isNaN(parseNum(r[k])));
}

/** toSetLog is a row as sent; a skipped set carries no numbers. */
function toSetLog(log: ExerciseLog, r: SetRow): SetLog {
  if (r.state === "skipped") return { skipped: true };
  const n = (s: string) => parseNum(s) ?? 0;
  const out: SetLog = {};
  switch (log.kind) {
    case "reps":
      out.reps = Math.round(n(r.reps));
      out.loadKg = n(r.kg);
      break;
    case "time":
    case "intervals":
      out.seconds = Math.round(n(r.seconds));
      break;
    case "cardio":
      out.seconds = Math.round(n(r.minutes) * 60);
      out.distanceMeters = Math.round(n(r.km) * 1000);
      break;
  }
  const e = parseNum(r.effort);
  if (e !== null && Number.isFinite(e)) {
    if (log.scale === "rir") out.rir = e;
    else out.rpe = e;
  }
  return out;
}

/** isLogged says whether a row goes into the request: marked done or skipped, or typed into. */
export function isLogged(r: SetRow): boolean {
  return r.state !== "" || typed(r);
}

/** toCompleted is one exercise of the :complete request. */
export function toCompleted(slug: string, log: ExerciseLog): CompletedExercise {
  const sets = log.sets.filter(isLogged).map((r) => toSetLog(log, r));
  const done = sets.filter((s) => !s.skipped);
  const out: CompletedExercise = {
    exerciseSlug: slug,
    setsDone: done.length,
    repsDone: log.kind === "reps" ? done.map((s) => s.reps ?? 0) : [],
    sets,
  };
  if (log.pain) {
    out.pain = true;
    out.painNote = log.painNote.trim();
  }
  return out;
}

/** applySuggestion copies the suggested numbers into the rows not yet typed into or skipped. */
export function applySuggestion(log: ExerciseLog, s: Suggestion): void {
  for (const r of log.sets) {
    if (r.state === "skipped" || typed(r)) continue;
    if (s.loadKg > 0) r.kg = str(s.loadKg, 2);
    if (s.reps > 0) r.reps = String(s.reps);
    if (s.seconds > 0) {
      if (log.kind === "cardio") r.minutes = str(s.seconds / 60, 1);
      else r.seconds = String(s.seconds);
    }
    if (s.distanceMeters > 0) r.km = str(s.distanceMeters / 1000, 2);
  }
}

/** markNext marks the first row not yet done as done, with the seconds measured by a countdown if any. */
export function markNext(log: ExerciseLog, seconds = 0): void {
  const r = log.sets.find((x) => x.state === "");
  if (!r) return;
  r.state = "done";
  if (seconds > 0 && !r.seconds.trim() && (log.kind === "time" || log.kind === "intervals")) r.seconds = String(seconds);
}

/** addRow adds a set after the last (up to the server's limit). */
export function addRow(log: ExerciseLog): void {
  if (log.sets.length < MAX_SETS) log.sets.push(emptyRow());
}

/** isLog tells a draft saved by this version from one saved before per-set logging. */
export function isLog(v: unknown): v is ExerciseLog {
  return !!v && typeof v === "object" && Array.isArray((v as ExerciseLog).sets);
}

/** suggestionText is the suggested numbers as read: "42.5 kg × 10", "45 s", "25 min · 3 km". */
export function suggestionText(s: Suggestion): string {
  const parts: string[] = [];
  if (s.loadKg > 0 && s.reps > 0) parts.push(t("kgTimesReps", { kg: fmtKg(s.loadKg), r: s.reps }));
  else if (s.loadKg > 0) parts.push(t("kgValue", { n: fmtKg(s.loadKg) }));
  else if (s.reps > 0) parts.push(tp("repsN", s.reps));
  if (s.seconds > 0) parts.push(span(s.seconds));
  if (s.distanceMeters > 0) parts.push(distance(s.distanceMeters));
  return parts.join(" · ");
}

/** setText is one logged set: "40 kg × 10 @ RPE 8", "45 s", "skipped". */
export function setText(s: SetLog): string {
  if (s.skipped) return t("skipped");
  const parts: string[] = [];
  if ((s.reps ?? 0) > 0) parts.push((s.loadKg ?? 0) > 0 ? t("kgTimesReps", { kg: fmtKg(s.loadKg ?? 0), r: s.reps ?? 0 }) : tp("repsN", s.reps ?? 0));
  else if ((s.loadKg ?? 0) > 0) parts.push(t("kgValue", { n: fmtKg(s.loadKg ?? 0) }));
  if ((s.seconds ?? 0) > 0) parts.push(span(s.seconds ?? 0));
  if ((s.distanceMeters ?? 0) > 0) parts.push(distance(s.distanceMeters ?? 0));
  let out = parts.join(" · ") || t("done");
  if (typeof s.rpe === "number") out += ` @ ${t("rpe", { n: s.rpe })}`;
  else if (typeof s.rir === "number") out += ` @ ${t("rirShort")} ${s.rir}`;
  return out;
}

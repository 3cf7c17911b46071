// How a prescription reads: the parts of a session (warm-up → cool-down) and, per exercise, what
// its measurement asks for — sets × reps, sets × seconds for a hold, minutes (and distance) for
// continuous cardio, rounds of work and recovery for intervals — with the effort target.

import type { Prescription } from "./api";
import { locale, t, tp } from "./i18n";

/** Kind is how an exercise is done and logged. */
export type Kind = "reps" | "time" | "cardio" | "intervals";

/** BLOCKS are the parts of a session in the order they are done. */
export const BLOCKS = ["warmup", "main", "accessory", "conditioning", "cooldown"] as const;
export type Block = (typeof BLOCKS)[number];

const n0 = (v: number | null | undefined): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/**
 * kindOf reads the kind from the catalog's measurement where the workout carries it, and from the
 * fields present where it does not (a plan's exercises): intervals have rounds, continuous cardio
 * has seconds and no sets, a hold has sets and seconds, the rest are reps.
 */
export function kindOf(p: Prescription): Kind {
  if (n0(p.rounds) > 0 && n0(p.workSeconds) > 0) return "intervals";
  switch (p.measurement) {
    case "MEASUREMENT_DISTANCE":
      return "cardio";
    case "MEASUREMENT_TIME":
      return "time";
    case "MEASUREMENT_REPS":
      return p.reps || !n0(p.durationSeconds) ? "reps" : "time";
  }
  if (p.reps) return "reps";
  if (n0(p.durationSeconds) > 0) return n0(p.sets) > 0 ? "time" : "cardio";
  return "reps";
}

/** blockOf is the exercise's part of the session; an empty or unknown block is the main one. */
export function blockOf(p: Prescription): Block {
  const b = (p.block ?? "").toLowerCase() as Block;
  return BLOCKS.includes(b) ? b : "main";
}

/** groupByBlock groups exercises by block in session order, keeping each one's index in the day. */
export function groupByBlock<T extends Prescription>(list: T[]): { block: Block; items: { e: T; i: number }[] }[] {
  return BLOCKS.map((block) => ({ block, items: list.map((e, i) => ({ e, i })).filter(({ e }) => blockOf(e) === block) })).filter(
    (g) => g.items.length > 0,
  );
}

/** hasBlocks says whether the plan names its blocks (plans made before blocks existed do not). */
export function hasBlocks(list: Prescription[]): boolean {
  return list.some((e) => !!e.block);
}

/** span is a length of time as a person says it: "40 s", "25 min", "4 min 40 s". */
export function span(sec: number): string {
  if (sec < 60) return t("span_s", { n: sec });
  const m = Math.floor(sec / 60);
  const s = sec % 60;
  return s === 0 ? t("span_min", { n: m }) : t("span_min_s", { m, s });
}

/** restSpan is a rest in seconds up to two minutes ("90 s"), in minutes beyond ("3 min"). */
export function restSpan(sec: number): string {
  return sec >= 120 && sec % 60 === 0 ? t("span_min", { n: sec / 60 }) : t("span_s", { n: sec });
}

/** holdSpan is a hold in seconds under two minutes ("65 s"), as it is counted; longer in minutes. */
export function holdSpan(sec: number): string {
  return sec < 120 ? t("span_s", { n: sec }) : span(sec);
}

/** distance is "3 km", "2.5 km" or "800 m". */
export function distance(meters: number): string {
  if (meters < 1000) return t("meters", { n: meters });
  const km = Math.round(meters / 100) / 10;
  return t("km", { n: km.toLocaleString(document.documentElement.lang === "ru" ? "ru-RU" : "en-US") });
}

/** repsText shows a reps range with an en dash: "8–12". */
export function repsText(reps: string | null | undefined): string {
  return (reps ?? "").replace("-", "–");
}

/** sets is how many sets to tick off: none for continuous cardio and intervals (done as one). */
export function setsOf(p: Prescription): number {
  const k = kindOf(p);
  if (k === "cardio" || k === "intervals") return 1;
  return Math.max(1, n0(p.sets));
}

/** fmtKg is a load as a person reads it: "42.5" in English, "42,5" in Russian. */
export function fmtKg(kg: number): string {
  return (Math.round(kg * 100) / 100).toLocaleString(locale() === "ru" ? "ru-RU" : "en-US", { maximumFractionDigits: 2 });
}

/** workText is the work itself: "3 × 8–12", "3 × 40 s", "25 min · 3 km", "8 rounds: 60 s work / 90 s recovery". */
export function workText(p: Prescription): string {
  const sets = n0(p.sets);
  switch (kindOf(p)) {
    case "intervals":
      return t("intervals", {
        rounds: tp("rounds", n0(p.rounds)),
        work: restSpan(n0(p.workSeconds)),
        recovery: restSpan(n0(p.recoverySeconds)),
      });
    case "cardio": {
      const parts = [];
      if (n0(p.durationSeconds) > 0) parts.push(span(n0(p.durationSeconds)));
      if (n0(p.distanceMeters) > 0) parts.push(distance(n0(p.distanceMeters)));
      return parts.join(" · ");
    }
    case "time": {
      // Holds read in seconds ("65 s"), as they are counted.
      const d = holdSpan(n0(p.durationSeconds));
      return sets > 1 ? t("setsReps", { s: sets, r: d }) : d;
    }
    default: {
      const work = sets > 0 && p.reps ? t("setsReps", { s: sets, r: repsText(p.reps) }) : repsText(p.reps) || (sets > 0 ? String(sets) : "");
      // A load set by the plan or by an adaptation from the logs.
      return n0(p.loadKg) > 0 ? `${work} · ${t("kgValue", { n: fmtKg(n0(p.loadKg)) })}` : work;
    }
  }
}

/** restText is "rest 90 s", or "" when the plan gives no rest. */
export function restText(p: Prescription): string {
  return n0(p.restSeconds) > 0 ? t("rest", { t: restSpan(n0(p.restSeconds)) }) : "";
}

/** effortText is the effort target: "RPE 7" or "2 reps in reserve", or "". */
export function effortText(p: Prescription): string {
  if (n0(p.targetRpe) > 0) return t("rpe", { n: n0(p.targetRpe) });
  if (n0(p.targetRir) > 0) return tp("rir", n0(p.targetRir));
  return "";
}

/** prescriptionText is the whole line: "3 × 8–12, rest 90 s, RPE 7". */
export function prescriptionText(p: Prescription): string {
  return [workText(p), restText(p), effortText(p)].filter(Boolean).join(", ");
}

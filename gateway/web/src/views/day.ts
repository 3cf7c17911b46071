// Day view: the day's workout grouped warm-up → main → accessories → conditioning → cool-down,
// "Start workout" with the video playlist played in order, the current exercise with what its
// measurement prescribes and a rest timer, and the Complete form, which asks for what each
// exercise measures: reps per set, seconds per set, or minutes and distance.

import { html, nothing, type TemplateResult } from "lit-html";
import {
  ApiError,
  api,
  violationsByField,
  type CompletedExercise,
  type MissingClip,
  type PlaylistItem,
  type Workout,
  type WorkoutExercise,
} from "../api";
import { app, dayKey, errorBox, errorText, exerciseName, handleAuth, spinner, update, type View } from "../app";
import {
  distance,
  effortText,
  groupByBlock,
  hasBlocks,
  holdSpan,
  kindOf,
  prescriptionText,
  repsText,
  restText,
  restSpan,
  setsOf,
  span,
  workText,
  type Kind,
} from "../dose";
import { fmtDate, fmtDuration, localizeMessage, t, tk, tp } from "../i18n";
import { Player } from "../player";
import { drop, pending, queue } from "../outbox";
import { icon, type IconName } from "../icons";

const KIND_ICON: Record<string, IconName> = {
  CLIP_KIND_INTRO: "hand",
  CLIP_KIND_TECHNIQUE: "target",
  CLIP_KIND_INSTRUCTION: "list",
  CLIP_KIND_MISTAKE: "alert",
  CLIP_KIND_WEEKLY_MOTIVATION: "flame",
  CLIP_KIND_REST_DAY: "moon",
  CLIP_KIND_CLOSING: "flag",
};

function kindIcon(kind: string | undefined, size = 16) {
  const name = KIND_ICON[kind ?? ""];
  return name ? icon(name, size) : nothing;
}

/**
 * Row is the log of one exercise as typed. What the person did is never invented: sets start at
 * the sets they ticked off, and reps, seconds, minutes and distance start empty.
 */
interface Row {
  kind: Kind;
  // Sets done (reps, time), rounds done (intervals); for cardio "1" once marked done.
  sets: string;
  // Reps per set (reps) or seconds per set (time), comma-separated.
  values: string;
  minutes: string;
  km: string;
}

/** numbers reads "12, 10 8" as [12, 10, 8]. */
function numbers(s: string): number[] {
  return s
    .split(/[^0-9]+/)
    .filter(Boolean)
    .map((x) => Number.parseInt(x, 10));
}

// The Complete request carries sets and reps per set only. Seconds, minutes and distance the
// person logs are kept in the notes, after this mark, so they are not lost.
const LOGGED_MARK = "\n\n⏱ ";

/** ownNotes is the part of stored notes the person wrote (before the logged summary). */
function ownNotes(notes: string): string {
  const i = notes.indexOf(LOGGED_MARK.trimStart());
  return (i >= 0 ? notes.slice(0, i) : notes).trimEnd();
}

/**
 * outOfRange says whether a failed load means "there is no such day": not found, or a week or day
 * number the server refuses as out of range.
 */
function outOfRange(err: unknown): boolean {
  if (!(err instanceof ApiError)) return false;
  if (err.status === 404) return true;
  return err.status === 400 && err.violations.length > 0 && err.violations.every((v) => /^(week|day|plan_id|planId)$/.test(v.field));
}

/** Draft is a workout in progress as saved in this browser, so a reload or a closed tab loses nothing. */
interface Draft {
  sets: [number, number][];
  rows: [number, Row][];
  effort: number;
  notes: string;
}

const draftKey = (key: string) => `fitcoach.workout.${key}`;

export class DayView implements View {
  private workout: Workout | null = null;
  private error: unknown = null;

  private starting = false;
  private startError: unknown = null;
  private player: Player | null = null;
  private notice = "";
  private missing: MissingClip[] = [];
  private showPlaylist = window.innerWidth >= 900;

  // The exercise the coach panel shows, and the sets ticked off per exercise.
  private exIdx = 0;
  // Once the person moves the panel or ticks a set, the panel is theirs: clips no longer move it,
  // so a "Set done" always lands on the exercise they are looking at.
  private pinned = false;
  // A workout in progress was restored from this browser: its log form shows without Start.
  private resumed = false;
  // The log was made offline and waits in the outbox.
  private queued = false;
  private setsDone = new Map<number, number>();
  // The running countdown: a rest between sets, or a timed hold that ticks its set when it ends.
  private rest: { endAt: number; total: number; hold?: () => void } | null = null;
  private restTick = 0;
  private restOver = false;

  private rows = new Map<number, Row>();
  private effort = 0;
  private notes = "";
  private errors = new Map<string, string[]>();
  private completeError = "";
  private completing = false;
  private editing = false;
  private justCompleted = false;

  constructor(
    private readonly planId: string,
    private readonly week: number,
    private readonly day: number,
  ) {
    window.addEventListener("beforeunload", this.onBeforeUnload);
    void this.load();
  }

  // Leaving mid-workout asks first (the draft survives, but the person may not mean to go).
  private readonly onBeforeUnload = (e: BeforeUnloadEvent): void => {
    if (this.inProgress) {
      e.preventDefault();
      e.returnValue = "";
    }
  };

  private get inProgress(): boolean {
    return !this.completed && !this.workout?.isRestDay && (!!this.player || this.setsDone.size > 0);
  }

  /** persist saves the workout in progress in this browser. */
  private persist(): void {
    if (this.completed && !this.editing) return;
    const d: Draft = { sets: [...this.setsDone], rows: [...this.rows], effort: this.effort, notes: this.notes };
    try {
      localStorage.setItem(draftKey(this.key), JSON.stringify(d));
    } catch {
      // A full or disabled storage only costs the draft.
    }
  }

  /** restoreDraft picks up a workout left in progress here; reports whether there was one. */
  private restoreDraft(): boolean {
    let d: Draft | null = null;
    try {
      d = JSON.parse(localStorage.getItem(draftKey(this.key)) ?? "null") as Draft | null;
    } catch {
      d = null;
    }
    if (!d || this.completed) return false;
    this.setsDone = new Map(d.sets ?? []);
    for (const [i, r] of d.rows ?? []) if (this.rows.has(i)) this.rows.set(i, { ...this.rows.get(i)!, ...r });
    this.effort = d.effort ?? 0;
    this.notes = d.notes ?? "";
    return this.setsDone.size > 0 || (d.rows ?? []).some(([, r]) => r.sets || r.values || r.minutes || r.km);
  }

  private clearDraft(): void {
    localStorage.removeItem(draftKey(this.key));
  }

  private get key(): string {
    return dayKey(this.planId, this.week, this.day);
  }

  private async load(): Promise<void> {
    this.error = null;
    if (this.week < 1 || this.week > 12 || this.day < 1 || this.day > 7) {
      // No plan has such a day: the not-found page, without asking the server.
      this.error = new ApiError(404, "NOT_FOUND", "");
      update();
      return;
    }
    try {
      this.workout = (await api.getWorkout(this.planId, this.week, this.day)).workout;
      const waiting = pending(this.planId, this.week, this.day);
      if (waiting) {
        // A log made offline and not sent yet is this day's log until it is.
        this.workout = { ...this.workout, log: { ...waiting.body, completeTime: null } };
        this.queued = true;
      }
      this.fillForm();
      this.resumed = this.restoreDraft();
    } catch (err) {
      if (handleAuth(err)) return;
      this.error = err;
    }
    update();
  }

  private fillForm(): void {
    const w = this.workout;
    if (!w) return;
    const log = w.log;
    const used = new Set<number>();
    (w.exercises ?? []).forEach((e, i) => {
      // The n-th log entry of a slug belongs to the n-th exercise with that slug.
      const j = (log?.exercises ?? []).findIndex((x, k) => !used.has(k) && x.exerciseSlug.toLowerCase() === e.exerciseSlug.toLowerCase());
      const logged = j >= 0 ? log!.exercises[j] : undefined;
      if (j >= 0) used.add(j);
      const kind = kindOf(e);
      const ticked = this.setsDone.get(i) ?? 0;
      const sets = logged ? logged.setsDone : ticked;
      this.rows.set(i, {
        kind,
        sets: sets > 0 || logged ? String(sets) : "",
        values: logged && kind === "reps" ? (logged.repsDone ?? []).join(", ") : "",
        minutes: "",
        km: "",
      });
    });
    if (log?.perceivedEffort) this.effort = log.perceivedEffort;
    if (log?.notes) this.notes = ownNotes(log.notes);
  }

  private get completed(): boolean {
    const log = this.workout?.log;
    return !!log && (!!log.completeTime || log.perceivedEffort > 0);
  }

  // ---- start and play ----

  private async start(): Promise<void> {
    this.starting = true;
    this.startError = null;
    update();
    try {
      const res = await api.startWorkout(this.planId, this.week, this.day);
      if (res.workout) this.workout = { ...res.workout, log: res.workout.log ?? this.workout?.log };
      this.notice = res.notice ?? "";
      this.missing = res.playlist?.missing ?? [];
      const items = (res.playlist?.items ?? []).filter((i) => i.url);
      this.player?.destroy();
      this.player = new Player(items, () => this.onClip(), () => this.refreshURLs());
      this.exIdx = 0;
      this.starting = false;
      update();
      if (items.length) await this.player.load(0);
      requestAnimationFrame(() => document.querySelector(".session")?.scrollIntoView({ behavior: "smooth", block: "start" }));
    } catch (err) {
      if (handleAuth(err)) return;
      this.startError = err;
      this.starting = false;
      update();
    }
  }

  private async refreshURLs(): Promise<PlaylistItem[] | null> {
    const res = await api.startWorkout(this.planId, this.week, this.day);
    return (res.playlist?.items ?? []).filter((i) => i.url);
  }

  /** onClip follows the playing clip: the coach panel jumps to the clip's exercise. */
  private onClip(): void {
    const item = this.player?.current;
    const exs = this.workout?.exercises ?? [];
    if (item?.exerciseSlug && !this.pinned) {
      const i = exs.findIndex((e) => e.exerciseSlug.toLowerCase() === item.exerciseSlug.toLowerCase());
      if (i >= 0) this.exIdx = i;
    }
    update();
  }

  /** showExercise moves the coach panel to exercise i of the day. */
  private showExercise(i: number): void {
    const n = this.workout?.exercises?.length ?? 0;
    this.pinned = true;
    this.exIdx = Math.max(0, Math.min(n - 1, i));
    // The video follows the person: the first clip of the exercise in hand, unless one plays already.
    const slug = (this.workout?.exercises?.[this.exIdx]?.exerciseSlug ?? "").toLowerCase();
    const p = this.player;
    if (p && slug && p.current?.exerciseSlug?.toLowerCase() !== slug) {
      const j = p.items.findIndex((it) => it.exerciseSlug?.toLowerCase() === slug);
      if (j >= 0) void p.load(j);
    }
    update();
  }

  private editLog(): void {
    this.editing = true;
    this.justCompleted = false;
    this.fillForm();
    update();
  }

  // ---- sets and rest ----

  private tickSet(i: number, e: WorkoutExercise): void {
    const total = setsOf(e);
    this.pinned = true;
    const n = Math.min(total, (this.setsDone.get(i) ?? 0) + 1);
    this.setsDone.set(i, n);
    const row = this.rows.get(i);
    if (row) row.sets = String(n);
    this.persist();
    if (n < total && (e.restSeconds ?? 0) > 0) this.startRest(e.restSeconds ?? 0);
    else {
      this.stopRest();
      update();
    }
  }

  private startRest(seconds: number, hold?: () => void): void {
    this.stopRest();
    this.restOver = false;
    this.rest = { endAt: Date.now() + seconds * 1000, total: seconds, hold };
    this.restTick = window.setInterval(() => {
      if (this.rest && Date.now() >= this.rest.endAt) {
        const done = this.rest.hold;
        this.stopRest();
        if ("vibrate" in navigator) navigator.vibrate?.(200);
        if (done) done();
        else this.restOver = true;
      }
      update();
    }, 250);
    update();
  }

  /** startHold counts a timed hold down; its end ticks the set (and starts the rest after it). */
  private startHold(i: number, e: WorkoutExercise): void {
    this.pinned = true;
    this.startRest(e.durationSeconds ?? 0, () => this.tickSet(i, e));
  }

  private stopRest(): void {
    window.clearInterval(this.restTick);
    this.restTick = 0;
    this.rest = null;
  }

  // ---- complete ----

  private async complete(e: Event): Promise<void> {
    e.preventDefault();
    const w = this.workout;
    if (!w) return;
    this.errors = new Map();
    this.completeError = "";
    if (this.effort < 1 || this.effort > 10) {
      this.errors.set("perceivedEffort", [t("effortRequired")]);
      update();
      return;
    }
    const logged: string[] = [];
    const exercises: CompletedExercise[] = (w.exercises ?? []).map((ex, i) => {
      const row = this.rows.get(i);
      const sets = Number.parseInt(row?.sets ?? "", 10);
      const out: CompletedExercise = { exerciseSlug: ex.exerciseSlug, setsDone: Number.isFinite(sets) ? sets : 0, repsDone: [] };
      const name = exerciseName(ex.exerciseSlug, ex.name);
      switch (row?.kind) {
        case "reps":
          out.repsDone = numbers(row.values);
          break;
        case "time": {
          // Seconds are not reps: only the sets go in the request.
          const secs = numbers(row.values);
          if (secs.length) logged.push(`${name}: ${secs.map((x) => span(x)).join(", ")}`);
          break;
        }
        case "cardio": {
          const min = Number.parseFloat(row.minutes.replace(",", "."));
          const km = Number.parseFloat(row.km.replace(",", "."));
          const parts = [];
          if (min > 0) parts.push(span(Math.round(min * 60)));
          if (km > 0) parts.push(distance(Math.round(km * 1000)));
          if (parts.length) {
            logged.push(`${name}: ${parts.join(", ")}`);
            if (!out.setsDone) out.setsDone = 1;
          }
          break;
        }
      }
      return out;
    });
    const own = this.notes.trim();
    const notes = logged.length ? `${own}${LOGGED_MARK}${t("loggedTitle")}: ${logged.join("; ")}`.trim() : own;
    this.completing = true;
    update();
    try {
      const res = await api.completeWorkout(this.planId, this.week, this.day, {
        exercises,
        perceivedEffort: this.effort,
        notes,
      });
      this.workout = { ...w, log: res.log };
      drop(this.planId, this.week, this.day);
      this.queued = false;
      app.done.set(this.key, true);
      this.clearDraft();
      this.resumed = false;
      this.editing = false;
      this.justCompleted = true;
      this.stopRest();
      requestAnimationFrame(() => document.querySelector("[data-testid=completed]")?.scrollIntoView({ behavior: "smooth", block: "center" }));
    } catch (err) {
      if (handleAuth(err)) return;
      if (err instanceof ApiError && err.status === 0) {
        // No connection: the log waits on this device and goes out when the browser is online.
        const body = { exercises, perceivedEffort: this.effort, notes };
        queue({ planId: this.planId, week: this.week, day: this.day, body });
        this.workout = { ...w, log: { ...body, completeTime: null } };
        this.queued = true;
        this.clearDraft();
        this.resumed = false;
        this.editing = false;
        this.justCompleted = true;
        this.stopRest();
      } else if (err instanceof ApiError && err.violations.length) {
        this.errors = violationsByField(err.violations, ["request"], localizeMessage);
        this.completeError = t("fixFields");
      } else this.completeError = errorText(err);
    } finally {
      this.completing = false;
      update();
    }
  }

  private errs(prefix: string): string[] {
    const out: string[] = [];
    for (const [k, m] of this.errors) if (k === prefix || k.startsWith(prefix + ".")) out.push(...m);
    return out;
  }

  // ---- rendering ----

  private header(w: Workout): TemplateResult {
    return html`<section class="day-hero ${w.isRestDay ? "is-rest" : ""}">
      <a class="back" href="/plans/${encodeURIComponent(this.planId)}?week=${this.week}" data-nav data-testid="back-to-plan">‹ ${t("backToPlan")}</a>
      <div class="eyebrow">${t("week", { n: this.week })} · ${t("day", { n: this.day })}</div>
      <h1 data-testid="workout-name">${w.workoutName}</h1>
      <div class="meta-row">
        ${w.isRestDay ? html`<span class="badge badge-rest">${icon("moon", 14)} ${t("restDay")}</span>` : nothing}
        ${!w.isRestDay ? html`<span class="badge">${tp("exercises", w.exercises.length)}</span>` : nothing}
        ${this.completed ? html`<span class="badge badge-done" data-testid="done-badge">✓ ${t("completedBadge")}</span>` : nothing}
      </div>
      ${w.weekFocus ? html`<p class="week-focus"><span class="label-inline">${t("focus")}:</span> ${w.weekFocus}</p>` : nothing}
      ${w.confidenceTask
        ? html`<div class="task"><span class="task-icon">${icon("bolt", 22)}</span><div><strong>${t("confidenceTask")}</strong><p>${w.confidenceTask}</p></div></div>`
        : nothing}
      ${this.player || w.isRestDay
        ? nothing
        : html`<div class="actions">
            <button class="btn btn-cta btn-lg" ?disabled=${this.starting} @click=${() => this.start()} data-testid="start-workout">
              ${this.starting ? html`<span class="spin" aria-hidden="true"></span>${t("starting")}` : html`${icon("play", 20)} ${t("startWorkout")}`}
            </button>
          </div>`}
      ${this.startError ? errorBox(this.startError, () => void this.start()) : nothing}
    </section>`;
  }

  private exerciseTable(w: Workout): TemplateResult {
    if (w.isRestDay)
      return html`<div class="card rest-card" data-testid="recovery">
        <span class="big-icon">${icon("moon", 44)}</span>
        <h2>${t("recoveryTitle")}</h2>
        <p>${t("restDayLead")}</p>
        <ul class="recovery-list">
          <li>${t("recovery1")}</li>
          <li>${t("recovery2")}</li>
          <li>${t("recovery3")}</li>
        </ul>
        ${this.player
          ? nothing
          : html`<div class="actions">
              <button class="btn btn-ghost" ?disabled=${this.starting} @click=${() => this.start()} data-testid="rest-video">
                ${icon("play", 18)} ${t("recoveryVideo")}
              </button>
            </div>`}
      </div>`;
    const labelled = hasBlocks(w.exercises);
    return html`<div class="card ex-table" data-testid="exercises">
      ${groupByBlock(w.exercises).map(
        (g) => html`<section class="ex-block" data-block=${g.block} data-testid="block-${g.block}">
          ${labelled ? html`<h2 class="ex-block-title">${tk("block_" + g.block)}</h2>` : nothing}
          <ol start=${g.items[0].i + 1}>
            ${g.items.map(({ e, i }) => {
              const rest = [restText(e), effortText(e)].filter(Boolean).join(" · ");
              return html`<li class=${this.player && i === this.exIdx ? "current" : ""} data-kind=${kindOf(e)} data-testid="exercise-${i}">
                <span class="ex-idx">${i + 1}</span>
                <span class="ex-main">
                  <span class="ex-name">${exerciseName(e.exerciseSlug, e.name)}</span>
                  ${e.cue ? html`<span class="ex-cue" data-testid="cue-${i}">${e.cue}</span>` : nothing}
                </span>
                <span class="ex-dose">
                  <span class="dose" data-testid="dose-${i}">${workText(e)}</span>
                  ${rest ? html`<span class="rest">${rest}</span>` : nothing}
                </span>
                ${(this.setsDone.get(i) ?? 0) >= setsOf(e) ? html`<span class="tick" aria-label=${t("done")}>✓</span>` : nothing}
              </li>`;
            })}
          </ol>
        </section>`,
      )}
    </div>`;
  }

  private restRing(): TemplateResult {
    const r = this.rest!;
    const left = Math.max(0, Math.ceil((r.endAt - Date.now()) / 1000));
    const frac = r.total > 0 ? Math.max(0, (r.endAt - Date.now()) / (r.total * 1000)) : 0;
    const C = 2 * Math.PI * 42;
    const hold = r.hold;
    return html`<div class="rest-timer ${hold ? "is-hold" : ""}" role="timer" aria-live="off" data-testid=${hold ? "hold-timer" : "rest-timer"}>
      <svg viewBox="0 0 100 100" class="ring" aria-hidden="true">
        <circle cx="50" cy="50" r="42" class="ring-bg" />
        <circle cx="50" cy="50" r="42" class="ring-fg" stroke-dasharray=${C} stroke-dashoffset=${C * (1 - frac)} />
      </svg>
      <div class="rest-left"><span class="rest-label">${hold ? t("holdNow") : t("restNow")}</span><strong>${fmtDuration(left)}</strong></div>
      ${hold
        ? html`<button class="btn btn-ghost btn-sm" @click=${() => {
            this.stopRest();
            hold();
          }} data-testid="hold-done">${t("holdDone")}</button>`
        : html`<button class="btn btn-ghost btn-sm" @click=${() => {
            this.stopRest();
            update();
          }}>${t("skipRest")}</button>`}
    </div>`;
  }

  /** doseGrid is the current exercise's prescription as big numbers, by what it measures. */
  private doseGrid(e: WorkoutExercise): TemplateResult {
    const cell = (id: string, value: string, label: string) =>
      html`<div><span class="dose-num" data-testid=${id}>${value}</span><span class="dose-lbl">${label}</span></div>`;
    const rest = (e.restSeconds ?? 0) > 0 ? cell("current-rest", restSpan(e.restSeconds ?? 0), t("restSecondsLabel")) : nothing;
    switch (kindOf(e)) {
      case "intervals":
        return html`${cell("current-sets", String(e.rounds ?? 0), t("roundsLabel"))}${cell("current-reps", restSpan(e.workSeconds ?? 0), t("workLabel"))}${cell(
          "current-rest",
          restSpan(e.recoverySeconds ?? 0),
          t("recoveryLabel"),
        )}`;
      case "cardio":
        return html`${cell("current-reps", span(e.durationSeconds ?? 0), t("time"))}${(e.distanceMeters ?? 0) > 0
          ? cell("current-distance", distance(e.distanceMeters ?? 0), t("distanceLabel"))
          : nothing}${effortText(e) ? cell("current-effort", effortText(e), t("effortTarget")) : nothing}`;
      case "time":
        return html`${cell("current-sets", String(setsOf(e)), t("sets"))}${cell("current-reps", holdSpan(e.durationSeconds ?? 0), t("time"))}${rest}`;
      default:
        return html`${cell("current-sets", String(setsOf(e)), t("sets"))}${cell("current-reps", repsText(e.reps), t("reps"))}${rest}`;
    }
  }

  private coachPanel(w: Workout): TemplateResult {
    const exs = w.exercises ?? [];
    if (w.isRestDay || exs.length === 0) return html`<div class="coach-panel card"><p class="muted">${t("restDayLead")}</p></div>`;
    const i = Math.min(this.exIdx, exs.length - 1);
    const e = exs[i];
    const kind = kindOf(e);
    const total = setsOf(e);
    const done = this.setsDone.get(i) ?? 0;
    const restSec = e.restSeconds ?? 0;
    const item = this.player?.current;
    const upNext = !item?.exerciseSlug && item?.kind === "CLIP_KIND_INTRO";
    const effort = kind === "cardio" ? "" : effortText(e);
    return html`<div class="coach-panel card" data-testid="current-exercise" data-kind=${kind} data-index=${i} data-sets=${total} data-slug=${e.exerciseSlug.toLowerCase()}>
      <div class="coach-top">
        <button class="icon-btn" ?disabled=${this.exIdx === 0} @click=${() => this.showExercise(this.exIdx - 1)} aria-label=${t("prev")} data-testid="panel-prev">‹</button>
        <div class="eyebrow">${upNext ? t("upNext") : t("exercise")} ${this.exIdx + 1}/${exs.length}${hasBlocks(exs) ? html` · ${tk("block_" + (e.block || "main"))}` : nothing}</div>
        <button class="icon-btn" ?disabled=${this.exIdx >= exs.length - 1} @click=${() => this.showExercise(this.exIdx + 1)} aria-label=${t("next")} data-testid="panel-next">›</button>
      </div>
      <h2 class="coach-name" data-testid="current-exercise-name">${exerciseName(e.exerciseSlug, e.name)}</h2>
      <div class="dose-grid">${this.doseGrid(e)}</div>
      <p class="coach-dose" data-testid="current-dose" ?hidden=${prescriptionText(e) === workText(e) && kind !== "reps"}>${prescriptionText(e)}</p>
      ${effort || e.cue
        ? html`<p class="coach-cue" data-testid="current-cue">
            ${effort ? html`<span class="badge badge-soft" title=${t("rpeTitle")}>${effort}</span>` : nothing} ${e.cue ?? ""}
          </p>`
        : nothing}
      ${total > 1
        ? html`<div class="set-dots" role="img" aria-label=${t("setProgress", { i: done, n: total })}>
            ${Array.from({ length: total }, (_, k) => html`<span class=${k < done ? "on" : ""}></span>`)}
          </div>`
        : nothing}
      ${this.completed && !this.editing
        ? nothing
        : this.rest
        ? this.restRing()
        : done >= total
          ? html`<p class="all-done">✓ ${total > 1 ? t("allSetsDone") : t("done")}</p>
              ${i < exs.length - 1
                ? html`<button class="btn btn-primary" @click=${() => this.showExercise(i + 1)} data-testid="next-exercise">
                    ${t("nextExercise")} ›
                  </button>`
                : nothing}`
          : html`<div class="coach-actions">
              ${kind === "time" && (e.durationSeconds ?? 0) > 0
                ? html`<button class="btn btn-cta" @click=${() => this.startHold(i, e)} data-testid="start-hold">
                    ${icon("timer", 18)} ${t("startHold", { t: holdSpan(e.durationSeconds ?? 0) })}
                  </button>`
                : nothing}
              <button class="btn btn-primary" @click=${() => this.tickSet(i, e)} data-testid="set-done">
                ${icon("check", 18)} ${total > 1 ? t("setDone", { i: done + 1, n: total }) : t("markDone")}
              </button>
              ${restSec > 0 && total > 1
                ? html`<button class="btn btn-ghost" @click=${() => this.startRest(restSec)} data-testid="start-rest">
                    ${icon("timer", 18)} ${t("startRest", { t: restSpan(restSec) })}
                  </button>`
                : nothing}
            </div>`}
      ${this.restOver && !this.rest ? html`<p class="rest-over" role="status">${t("restOver")}</p>` : nothing}
    </div>`;
  }

  private session(w: Workout): TemplateResult {
    const p = this.player!;
    const item = p.current;
    const n = p.items.length;
    // A rest day has no exercise to coach: the player stands alone.
    const solo = w.isRestDay || (w.exercises ?? []).length === 0;
    return html`<section class="session" data-testid="session">
      ${this.notice ? html`<div class="alert alert-info" role="status" data-testid="notice">${this.notice}</div>` : nothing}
      ${this.missing.length
        ? html`<div class="alert alert-warn" role="status">
            ${t("missingClips", {
              list: this.missing.map((m) => `${tk("kind_" + m.kind, m.kind)}${m.exerciseSlug ? " · " + exerciseName(m.exerciseSlug) : ""}`).join(", "),
            })}
          </div>`
        : nothing}
      <div class="session-grid ${solo ? "solo" : ""}">
        <div class="player card">
          ${n
            ? html`<div class="video-box">
                  ${p.video}
                  ${p.failed === p.index ? html`<div class="video-overlay">${t("videoError")}</div>` : nothing}
                  ${p.mutedByPolicy ? html`<button class="unmute" @click=${() => p.unmute()}>${icon("volume", 18)}</button>` : nothing}
                </div>
                <div class="now">
                  <div class="now-text">
                    <div class="now-meta">
                      <span class="eyebrow">${t("clipOf", { i: p.index + 1, n })}</span>
                      ${item?.kind ? html`<span class="badge badge-soft kind">${kindIcon(item.kind, 14)} ${tk("kind_" + item.kind, "")}</span>` : nothing}
                    </div>
                    <div class="now-title" data-testid="now-title">${item?.title || exerciseName(item?.exerciseSlug ?? "", item?.exerciseName)}</div>
                  </div>
                  <div class="now-ctrl">
                    <button class="icon-btn" ?disabled=${p.index === 0} @click=${() => p.prev()} aria-label=${t("prev")} data-testid="prev-clip">${icon("prev", 18)}</button>
                    <button class="icon-btn" ?disabled=${p.index >= n - 1} @click=${() => p.next()} aria-label=${t("next")} data-testid="next-clip">${icon("next", 18)}</button>
                  </div>
                </div>
                <div class="progress" aria-hidden="true"><span style="width:${((p.index + (p.finished ? 1 : 0)) / n) * 100}%"></span></div>
                ${p.finished ? html`<div class="alert alert-ok" role="status" data-testid="playlist-finished">${icon("flag", 18)} ${t("finished")}</div>` : nothing}
                <details class="playlist" ?open=${this.showPlaylist} @toggle=${(e: Event) => (this.showPlaylist = (e.target as HTMLDetailsElement).open)}>
                  <summary>${t("playlist")} · ${n}</summary>
                  <ol>
                    ${p.items.map(
                      (it, i) => html`<li class="${i === p.index ? "on" : ""} ${i < p.index ? "past" : ""}" data-slug=${(it.exerciseSlug ?? "").toLowerCase()}>
                        <button @click=${() => void p.load(i)} data-testid="clip-${i}">
                          <span class="pl-icon" aria-hidden="true">${i === p.index ? icon("play", 16) : i < p.index ? icon("check", 16) : kindIcon(it.kind)}</span>
                          <span class="pl-title">${it.title || tk("kind_" + it.kind, it.kind)}</span>
                          <span class="pl-dur">${fmtDuration(it.durationSeconds)}</span>
                        </button>
                      </li>`,
                    )}
                  </ol>
                </details>`
            : html`<div class="alert alert-info">${this.notice ? "" : t("playlistEmpty")}</div>`}
        </div>
        ${solo ? nothing : this.coachPanel(w)}
      </div>
    </section>`;
  }

  private completeForm(w: Workout): TemplateResult {
    const effortErr = this.errs("perceivedEffort");
    const notesErr = this.errs("notes");
    return html`<form class="card form complete-form" novalidate @submit=${(e: Event) => this.complete(e)} data-testid="complete-form">
      <h2>${t("completeTitle")}</h2>
      <p class="muted">${t("completeLead")}</p>
      ${w.exercises.length ? html`<div class="log-rows">${w.exercises.map((ex, i) => this.logRow(ex, i))}</div>` : nothing}
      <div class="field ${effortErr.length ? "has-error" : ""}" data-field="perceivedEffort">
        <span class="label" id="effort-label">${t("effort")}</span>
        <div class="effort" role="radiogroup" aria-labelledby="effort-label">
          ${Array.from({ length: 10 }, (_, i) => i + 1).map(
            (v) => html`<button
              type="button"
              role="radio"
              aria-checked=${this.effort === v}
              class="e${v} ${this.effort === v ? "on" : ""}"
              @click=${() => {
                this.effort = v;
                this.persist();
                this.errors.delete("perceivedEffort");
                update();
              }}
              data-testid="effort-${v}"
            >
              ${v}
            </button>`,
          )}
        </div>
        <div class="effort-scale muted small"><span>${t("effortLow")}</span><span>${t("effortHigh")}</span></div>
        ${effortErr.map((m) => html`<p class="field-error" role="alert" data-testid="error-perceivedEffort">${m}</p>`)}
      </div>
      <label class="field ${notesErr.length ? "has-error" : ""}">
        <span class="label">${t("workoutNotes")}</span>
        <textarea
          rows="3"
          maxlength="1000"
          placeholder=${t("workoutNotesPlaceholder")}
          .value=${this.notes}
          @input=${(e: Event) => {
            this.notes = (e.target as HTMLTextAreaElement).value;
            this.persist();
          }}
          data-testid="notes"
        ></textarea>
        ${notesErr.map((m) => html`<p class="field-error" role="alert">${m}</p>`)}
      </label>
      ${this.completeError ? html`<div class="alert alert-error" role="alert">${this.completeError}</div>` : nothing}
      <div class="actions">
        <button class="btn btn-primary btn-lg" type="submit" ?disabled=${this.completing} data-testid="complete-workout">
          ${this.completing ? html`<span class="spin" aria-hidden="true"></span>${t("completing")}` : html`${icon("check", 20)} ${t("complete")}`}
        </button>
      </div>
    </form>`;
  }

  private row(i: number, ex: WorkoutExercise): Row {
    let row = this.rows.get(i);
    if (!row) {
      row = { kind: kindOf(ex), sets: "", values: "", minutes: "", km: "" };
      this.rows.set(i, row);
    }
    return row;
  }

  /** logRow asks for what the exercise measures. */
  private logRow(ex: WorkoutExercise, i: number): TemplateResult {
    const row = this.row(i, ex);
    const errs = this.errs(`exercises.${i}`);
    const text = (key: "values" | "minutes" | "km", label: string, hint: string, testid: string, mode = "numeric") =>
      html`<label class="log-reps">
        <span class="label">${label}</span>
        <input
          type="text"
          inputmode=${mode}
          placeholder=${hint}
          .value=${row[key]}
          @input=${(e: Event) => {
            row[key] = (e.target as HTMLInputElement).value;
            this.persist();
          }}
          data-testid=${testid}
        />
      </label>`;
    const stepper = (label: string) => html`<label class="log-sets">
      <span class="label">${label}</span>
      <div class="stepper stepper-sm">
        <button type="button" class="step" aria-label="−" @click=${() => this.setRow(i, ex, Math.max(0, (Number.parseInt(row.sets, 10) || 0) - 1))}>−</button>
        <input
          type="number"
          inputmode="numeric"
          min="0"
          max="20"
          placeholder="0"
          .value=${row.sets}
          @input=${(e: Event) => {
            row.sets = (e.target as HTMLInputElement).value;
            this.persist();
          }}
          data-testid="sets-done-${i}"
        />
        <button type="button" class="step" aria-label="+" @click=${() => this.setRow(i, ex, Math.min(20, (Number.parseInt(row.sets, 10) || 0) + 1))}>+</button>
      </div>
    </label>`;
    let inputs: TemplateResult;
    switch (row.kind) {
      case "cardio":
        inputs = html`${text("minutes", t("minutesDone"), "", `minutes-done-${i}`, "decimal")}${text(
          "km",
          t("kmDone"),
          "",
          `km-done-${i}`,
          "decimal",
        )}`;
        break;
      case "intervals":
        inputs = stepper(t("roundsDone"));
        break;
      case "time":
        inputs = html`${stepper(t("setsDone"))}${text("values", t("secondsDone"), t("secondsDoneHint"), `seconds-done-${i}`)}`;
        break;
      default:
        inputs = html`${stepper(t("setsDone"))}${text("values", t("repsDone"), t("repsDoneHint"), `reps-done-${i}`)}`;
    }
    return html`<div class="log-row ${errs.length ? "has-error" : ""}" data-kind=${row.kind} data-testid="log-row-${i}">
      <div class="log-name">
        <strong>${exerciseName(ex.exerciseSlug, ex.name)}</strong>
        <span class="muted small">${workText(ex)}</span>
      </div>
      ${inputs}
      ${errs.map((m) => html`<p class="field-error" role="alert">${m}</p>`)}
    </div>`;
  }

  private setRow(i: number, ex: WorkoutExercise, sets: number): void {
    this.row(i, ex).sets = String(sets);
    this.persist();
    update();
  }

  private completedCard(w: Workout): TemplateResult {
    const log = w.log!;
    return html`<div class="card completed ${this.justCompleted ? "pop" : ""}" role="status" data-testid="completed">
      <div class="completed-icon">${icon("check", 26)}</div>
      <div class="completed-body">
        <h2>${this.justCompleted ? t("completedTitle") : t("completedBadge")}</h2>
        <p class="muted">
          ${this.justCompleted ? t("completedLead") : ""}
          ${log.completeTime ? t("completedOn", { d: fmtDate(log.completeTime) }) : ""}
        </p>
        ${this.queued && pending(this.planId, this.week, this.day)
          ? html`<div class="alert alert-warn" role="status" data-testid="queued">${t("queued")}</div>`
          : nothing}
        ${log.notes ? html`<p class="log-notes">${t("quoted", { s: log.notes })}</p>` : nothing}
        <div class="meta-row">
          <span class="badge badge-done" data-testid="completed-effort">${t("effortValue", { n: log.perceivedEffort })}</span>
          <button class="btn btn-ghost btn-sm" @click=${() => this.editLog()} data-testid="edit-log">
            ${t("editLog")}
          </button>
        </div>
      </div>
    </div>`;
  }

  render() {
    if (this.error) {
      if (outOfRange(this.error))
        return html`<div class="card empty" data-testid="not-found"><h1>${t("notFound")}</h1><p class="muted">${t("notFoundLead")}</p><a class="btn btn-primary" href="/" data-nav>${t("home")}</a></div>`;
      return errorBox(this.error, () => void this.load());
    }
    const w = this.workout;
    if (!w) return spinner();
    // A rest day is not logged: there is nothing to rate.
    const showForm = w.isRestDay ? false : !this.completed ? !!this.player || this.resumed : this.editing;
    return html`
      ${this.header(w)}
      ${this.completed && !this.editing ? this.completedCard(w) : nothing}
      ${this.resumed && !this.player && !this.completed ? html`<div class="alert alert-info" role="status" data-testid="resumed">${t("resumed")}</div>` : nothing}
      ${this.player ? this.session(w) : nothing}
      ${this.exerciseTable(w)}
      ${showForm ? this.completeForm(w) : nothing}
    `;
  }

  destroy(): void {
    window.removeEventListener("beforeunload", this.onBeforeUnload);
    this.stopRest();
    this.player?.destroy();
    this.player = null;
  }
}

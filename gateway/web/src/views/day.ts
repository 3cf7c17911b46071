// Day view: the day's workout grouped warm-up → main → accessories → conditioning → cool-down,
// "Start workout" with the video playlist played in order, the current exercise with what its
// measurement prescribes and a rest timer, and the Complete form, which asks for what each
// exercise measures: reps per set, seconds per set, or minutes and distance.

import { html, nothing, type TemplateResult } from "lit-html";
import { ref } from "lit-html/directives/ref.js";
import {
  ApiError,
  api,
  violationsByField,
  type CompletedExercise,
  type MissingClip,
  type PlaylistItem,
  type SwapOption,
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
} from "../dose";
import { fmtDate, fmtDuration, localizeMessage, t, tk, tp } from "../i18n";
import { Player } from "../player";
import { drop, pending, queue } from "../outbox";
import {
  addRow,
  applySuggestion,
  badFields,
  emptyLog,
  fromLogged,
  isLog,
  isLogged,
  markNext,
  MAX_SETS,
  setText,
  suggestionText,
  toCompleted,
  typed,
  type ExerciseLog,
  type SetRow,
} from "../setlog";
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

// Logs stored before per-set logging appended seconds, minutes and distance to the notes after
// this mark; editing such a log shows the person only what they wrote.
const LOGGED_MARK = "⏱ ";

/** ownNotes is the part of stored notes the person wrote (before an old logged summary). */
function ownNotes(notes: string): string {
  const i = notes.indexOf("\n\n" + LOGGED_MARK);
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
  rows: [number, ExerciseLog][];
  effort: number;
  notes: string;
}

// Alternatives listed before "show more": the server sends them best first.
const SWAP_FIRST = 6;

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

  private rows = new Map<number, ExerciseLog>();
  // The log form is open without the video: the person trained and logs afterwards.
  private logging = false;
  // The exercise whose alternatives are shown, and the swap in progress.
  private swapFor = -1;
  private swapOptions: SwapOption[] | null = null;
  private swapChoice = "";
  private swapLater = false;
  // The best few alternatives are listed first; the rest on request.
  private swapAll = false;
  private swapBusy = false;
  private swapError: unknown = null;
  private swapped = "";
  // The week's last session was logged: the coach adapts the next week.
  private adapting = false;
  // When the running hold countdown started, to log the seconds it measured.
  private holdStart = 0;
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
    // A draft saved before per-set logging has rows of another shape: its ticks still count.
    const rows = (d.rows ?? []).filter(([i, r]) => this.rows.has(i) && isLog(r) && r.kind === this.rows.get(i)!.kind);
    for (const [i, r] of rows) this.rows.set(i, r);
    this.effort = d.effort ?? 0;
    this.notes = d.notes ?? "";
    return this.setsDone.size > 0 || rows.some(([, r]) => r.sets.some(isLogged) || r.pain);
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
    this.rows = new Map();
    (w.exercises ?? []).forEach((e, i) => {
      // The n-th log entry of a slug belongs to the n-th exercise with that slug.
      const j = (log?.exercises ?? []).findIndex((x, k) => !used.has(k) && x.exerciseSlug.toLowerCase() === e.exerciseSlug.toLowerCase());
      if (j >= 0) used.add(j);
      const row = j >= 0 ? fromLogged(e, log!.exercises[j]) : emptyLog(e);
      // Sets ticked in the panel are done; their numbers are for the person to type.
      for (let k = 0; k < (this.setsDone.get(i) ?? 0) && j < 0; k++) markNext(row);
      this.rows.set(i, row);
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

  /** openLog shows the log form without the video: the person trained and logs now. */
  private openLog(): void {
    this.logging = true;
    update();
    requestAnimationFrame(() => {
      const f = document.querySelector<HTMLElement>("[data-testid=complete-form] h2");
      if (f) {
        f.tabIndex = -1;
        f.focus();
      }
    });
  }

  private editLog(): void {
    this.editing = true;
    this.justCompleted = false;
    this.fillForm();
    update();
  }

  // ---- swap ----

  private async openSwap(i: number, e: WorkoutExercise): Promise<void> {
    if (this.swapFor === i) {
      this.swapFor = -1;
      update();
      return;
    }
    this.swapFor = i;
    this.swapOptions = null;
    this.swapChoice = "";
    this.swapError = null;
    this.swapAll = false;
    update();
    try {
      const res = await api.swapOptions(this.planId, this.week, this.day, e.exerciseSlug);
      if (this.swapFor !== i) return;
      this.swapOptions = res.options ?? [];
      this.swapChoice = this.swapOptions[0]?.exerciseSlug ?? "";
    } catch (err) {
      if (handleAuth(err)) return;
      this.swapError = err;
    }
    update();
    requestAnimationFrame(() => document.querySelector<HTMLElement>("[data-testid=swap-panel] [aria-checked=true]")?.focus());
  }

  private async doSwap(e: WorkoutExercise): Promise<void> {
    const i = this.swapFor;
    this.swapBusy = true;
    this.swapError = null;
    update();
    try {
      const res = await api.swap(this.planId, this.week, this.day, e.exerciseSlug, { toSlug: this.swapChoice, laterWeeks: this.swapLater });
      const from = exerciseName(e.exerciseSlug, e.name);
      const to = res.workout?.exercises?.[i];
      this.workout = { ...res.workout, log: res.workout.log ?? this.workout?.log };
      // The swapped exercise starts a fresh log; the others keep what was typed.
      this.rows.delete(i);
      this.setsDone.delete(i);
      this.persist();
      this.swapped = t("swappedTo", { from, to: to ? exerciseName(to.exerciseSlug, to.name) : this.swapChoice });
      this.swapFor = -1;
      this.swapLater = false;
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid=swap-${i}]`)?.focus());
    } catch (err) {
      if (handleAuth(err)) return;
      this.swapError = err;
    } finally {
      this.swapBusy = false;
      update();
    }
  }

  private swapPanel(e: WorkoutExercise): TemplateResult {
    const opts = this.swapOptions;
    return html`<div class="swap-panel" data-testid="swap-panel">
      ${this.swapError ? errorBox(this.swapError, () => void this.doSwap(e)) : nothing}
      ${opts === null && !this.swapError
        ? spinner(t("swapLoading"))
        : opts && opts.length === 0
          ? html`<p class="muted" data-testid="swap-none">${t("swapNone")}</p>`
          : opts
            ? html`<div class="swap-list" role="radiogroup" aria-label=${t("swapChoose")}>
                  ${(this.swapAll ? opts : opts.slice(0, SWAP_FIRST)).map(
                    (o) => html`<button
                      type="button"
                      role="radio"
                      class="swap-opt ${this.swapChoice === o.exerciseSlug ? "on" : ""}"
                      aria-checked=${this.swapChoice === o.exerciseSlug}
                      tabindex=${this.swapChoice === o.exerciseSlug ? "0" : "-1"}
                      @click=${() => {
                        this.swapChoice = o.exerciseSlug;
                        update();
                      }}
                      data-testid="swap-opt-${o.exerciseSlug}"
                    >
                      <strong>${exerciseName(o.exerciseSlug, o.name)}</strong>
                      ${o.reason ? html`<span class="muted small">${o.reason}</span>` : nothing}
                    </button>`,
                  )}
                </div>
                ${!this.swapAll && opts.length > SWAP_FIRST
                  ? html`<button type="button" class="btn btn-ghost btn-sm" @click=${() => {
                      this.swapAll = true;
                      update();
                    }} data-testid="swap-more">${t("swapMore", { n: opts.length - SWAP_FIRST })}</button>`
                  : nothing}
                <label class="check">
                  <input type="checkbox" .checked=${this.swapLater} @change=${(ev: Event) => (this.swapLater = (ev.target as HTMLInputElement).checked)} data-testid="swap-later" />
                  ${t("swapLater")}
                </label>
                <div class="actions">
                  <button class="btn btn-primary btn-sm" ?disabled=${this.swapBusy || !this.swapChoice} @click=${() => this.doSwap(e)} data-testid="swap-confirm">
                    ${this.swapBusy ? html`<span class="spin" aria-hidden="true"></span>` : nothing}${t("swapConfirm")}
                  </button>
                  <button class="btn btn-ghost btn-sm" @click=${() => {
                    this.swapFor = -1;
                    update();
                  }}>${t("cancel")}</button>
                </div>`
            : nothing}
    </div>`;
  }

  // ---- sets and rest ----

  private tickSet(i: number, e: WorkoutExercise): void {
    const total = setsOf(e);
    this.pinned = true;
    const n = Math.min(total, (this.setsDone.get(i) ?? 0) + 1);
    this.setsDone.set(i, n);
    const row = this.row(i, e);
    // Intervals are done as one: every round is marked. A countdown measured the hold's seconds.
    const held = this.holdStart ? Math.round((Date.now() - this.holdStart) / 1000) : 0;
    this.holdStart = 0;
    if (row.kind === "intervals") row.sets.forEach(() => markNext(row));
    else markNext(row, held);
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
    this.holdStart = Date.now();
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
    const exercises: CompletedExercise[] = [];
    for (const [i, ex] of (w.exercises ?? []).entries()) {
      const row = this.row(i, ex);
      if (row.sets.some((r) => badFields(r).length)) this.errors.set(`exercises.${i}.sets`, [t("notANumber")]);
      const c = toCompleted(ex.exerciseSlug, row);
      // An exercise with nothing logged and no pain is left out: it was not done.
      if (c.sets?.length || c.pain) exercises.push(c);
    }
    if (this.errors.size) {
      this.completeError = t("fixFields");
      update();
      return;
    }
    const notes = this.notes.trim();
    this.completing = true;
    update();
    try {
      const res = await api.completeWorkout(this.planId, this.week, this.day, {
        exercises,
        perceivedEffort: this.effort,
        notes,
      });
      this.workout = { ...w, log: res.log };
      this.adapting = !!res.adaptationQueued;
      this.logging = false;
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
        this.logging = false;
        this.clearDraft();
        this.resumed = false;
        this.editing = false;
        this.justCompleted = true;
        this.stopRest();
      } else if (err instanceof ApiError && err.violations.length) {
        // Violations name the request's exercises; the form shows them at the day's exercise.
        this.errors = new Map();
        for (const [k, m] of violationsByField(err.violations, ["request"], localizeMessage)) {
          const hit = /^exercises\.(\d+)(.*)$/.exec(k);
          const at = hit ? (w.exercises ?? []).findIndex((x) => x.exerciseSlug === exercises[Number(hit[1])]?.exerciseSlug) : -1;
          this.errors.set(hit && at >= 0 ? `exercises.${at}${hit[2]}` : k, m);
        }
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
            ${this.completed || this.logging || this.resumed
              ? nothing
              : html`<button class="btn btn-ghost btn-lg" @click=${() => this.openLog()} data-testid="log-workout">${icon("list", 20)} ${t("logWorkout")}</button>`}
          </div>`}
      ${this.startError ? errorBox(this.startError, () => void this.start()) : nothing}
    </section>`;
  }

  private exerciseTable(w: Workout): TemplateResult {
    if (w.isRestDay)
      return html`<div class="card rest-card" data-testid="recovery">
        <span class="big-icon">${icon("moon", 44)}</span>
        <h2>${t("recoveryTitle")}</h2>
        ${w.recoveryGuidance
          ? html`<p data-testid="recovery-guidance">${w.recoveryGuidance}</p>`
          : html`<p>${t("restDayLead")}</p>
              <ul class="recovery-list">
                <li>${t("recovery1")}</li>
                <li>${t("recovery2")}</li>
                <li>${t("recovery3")}</li>
              </ul>`}
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
      ${this.swapped ? html`<div class="alert alert-ok" role="status" data-testid="swapped">${this.swapped}</div>` : nothing}
      ${groupByBlock(w.exercises).map(
        (g) => html`<section class="ex-block" data-block=${g.block} data-testid="block-${g.block}">
          ${labelled ? html`<h2 class="ex-block-title">${tk("block_" + g.block)}</h2>` : nothing}
          <ol start=${g.items[0].i + 1}>
            ${g.items.map(({ e, i }) => {
              const rest = [restText(e), effortText(e)].filter(Boolean).join(" · ");
              return html`<li class=${this.player && i === this.exIdx ? "current" : ""} data-kind=${kindOf(e)} data-slug=${e.exerciseSlug} data-testid="exercise-${i}">
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
                <span class="ex-acts">
                  <a class="btn btn-ghost btn-xs" href="/history/exercises/${encodeURIComponent(e.exerciseSlug)}" data-nav data-testid="history-${i}"
                    aria-label=${t("historyOf", { name: exerciseName(e.exerciseSlug, e.name) })}>${t("historyShort")}</a>
                  ${this.completed
                    ? nothing
                    : html`<button class="btn btn-ghost btn-xs" aria-expanded=${this.swapFor === i} @click=${() => this.openSwap(i, e)} data-testid="swap-${i}"
                        aria-label=${t("swapOf", { name: exerciseName(e.exerciseSlug, e.name) })}>⇄ ${t("swap")}</button>`}
                </span>
                ${this.swapFor === i ? this.swapPanel(e) : nothing}
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
      ${this.coachHints(e, i)}
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
                <div class="progress" aria-hidden="true"><span ${ref(progressWidth(((p.index + (p.finished ? 1 : 0)) / n) * 100))}></span></div>
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

  private row(i: number, ex: WorkoutExercise): ExerciseLog {
    let row = this.rows.get(i);
    if (!row) {
      row = emptyLog(ex);
      this.rows.set(i, row);
    }
    return row;
  }

  private changed(): void {
    this.persist();
    update();
  }

  /** setInput is one number of one set; typing into an untouched set marks it done. */
  private setInput(r: SetRow, n: number, key: "kg" | "reps" | "seconds" | "minutes" | "km", label: string, testid: string): TemplateResult {
    return html`<label class="set-cell">
      <span class="set-lbl" aria-hidden="true">${label}</span>
      <input
        type="text"
        aria-label=${t("setField", { n, what: label })}
        inputmode="decimal"
        autocomplete="off"
        .value=${r[key]}
        @input=${(e: Event) => {
          r[key] = (e.target as HTMLInputElement).value;
          if (r.state === "" && typed(r)) r.state = "done";
          this.changed();
        }}
        data-testid=${testid}
      />
    </label>`;
  }

  /** logRow is one exercise: a row per set with what it measures, effort, done or skipped; pain. */
  private logRow(ex: WorkoutExercise, i: number): TemplateResult {
    const row = this.row(i, ex);
    const errs = this.errs(`exercises.${i}`);
    const name = exerciseName(ex.exerciseSlug, ex.name);
    const scale = row.scale === "rir" ? t("rirShort") : t("rpeShort");
    const efforts = row.scale === "rir" ? [0, 1, 2, 3, 4, 5] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const s = ex.suggestion;
    return html`<fieldset class="log-ex ${errs.length ? "has-error" : ""}" data-kind=${row.kind} data-slug=${ex.exerciseSlug} data-testid="log-row-${i}">
      <legend class="log-name">
        <strong>${name}</strong>
        <span class="muted small">${workText(ex)}${effortText(ex) ? ` · ${effortText(ex)}` : ""}</span>
      </legend>
      ${this.coachHints(ex, i)}
      ${s && suggestionText(s) ? html`<button type="button" class="btn btn-ghost btn-sm" @click=${() => {
            applySuggestion(row, s);
            this.changed();
          }} data-testid="use-suggestion-${i}">${t("useSuggestion")}</button>` : nothing}
      <div class="sets" role="group" aria-label=${t("setsOf", { name })}>
        ${row.sets.map((r, k) => {
          const n = k + 1;
          const lbl = (what: string) => t("setField", { n, what });
          let cells: TemplateResult;
          switch (row.kind) {
            case "cardio":
              cells = html`${this.setInput(r, n, "minutes", t("minShort"), `set-min-${i}-${k}`)}${this.setInput(r, n, "km", t("kmShort"), `set-km-${i}-${k}`)}`;
              break;
            case "time":
            case "intervals":
              cells = this.setInput(r, n, "seconds", t("secShort"), `set-sec-${i}-${k}`);
              break;
            default:
              cells = html`${this.setInput(r, n, "kg", t("kgShort"), `set-kg-${i}-${k}`)}${this.setInput(r, n, "reps", t("repsShort"), `set-reps-${i}-${k}`)}`;
          }
          return html`<div class="set-row ${r.state}" data-testid="set-${i}-${k}" data-state=${r.state}>
            <span class="set-n" aria-hidden="true">${n}</span>
            <span class="visually-hidden">${t("setN", { n })}</span>
            ${r.state === "skipped" ? html`<span class="set-skipped">${t("skipped")}</span>` : cells}
            ${r.state === "skipped"
              ? nothing
              : html`<label class="set-cell">
                  <span class="set-lbl">${scale}</span>
                  <select
                    aria-label=${lbl(scale)}
                    .value=${r.effort}
                    @change=${(e: Event) => {
                      r.effort = (e.target as HTMLSelectElement).value;
                      this.changed();
                    }}
                    data-testid="set-effort-${i}-${k}"
                  >
                    <option value="" ?selected=${r.effort === ""}>—</option>
                    ${efforts.map((v) => html`<option value=${String(v)} ?selected=${r.effort === String(v)}>${v}</option>`)}
                  </select>
                </label>`}
            <span class="set-state">
              <button
                type="button"
                class="set-btn ok"
                aria-pressed=${r.state === "done"}
                aria-label=${t("setDoneN", { n })}
                title=${t("setDoneN", { n })}
                @click=${() => {
                  r.state = r.state === "done" ? "" : "done";
                  this.changed();
                }}
                data-testid="set-done-${i}-${k}"
              >${icon("check", 16)}</button>
              <button
                type="button"
                class="set-btn skip"
                aria-pressed=${r.state === "skipped"}
                aria-label=${t("setSkipN", { n })}
                title=${t("setSkipN", { n })}
                @click=${() => {
                  r.state = r.state === "skipped" ? "" : "skipped";
                  this.changed();
                }}
                data-testid="set-skip-${i}-${k}"
              >✕</button>
            </span>
          </div>`;
        })}
      </div>
      <div class="log-ex-foot">
        ${row.sets.length < MAX_SETS
          ? html`<button type="button" class="btn btn-ghost btn-sm" @click=${() => {
              addRow(row);
              this.changed();
            }} data-testid="add-set-${i}">+ ${row.kind === "intervals" ? t("addRound") : t("addSet")}</button>`
          : nothing}
        <label class="pain-toggle">
          <input
            type="checkbox"
            .checked=${row.pain}
            @change=${(e: Event) => {
              row.pain = (e.target as HTMLInputElement).checked;
              if (!row.pain) row.painNote = "";
              this.changed();
            }}
            data-testid="pain-${i}"
          />
          ${t("painToggle")}
        </label>
      </div>
      ${row.pain
        ? html`<label class="field pain-note">
            <span class="label">${t("painNote")}</span>
            <input
              type="text"
              maxlength="300"
              placeholder=${t("painNotePlaceholder")}
              .value=${row.painNote}
              @input=${(e: Event) => {
                row.painNote = (e.target as HTMLInputElement).value;
                this.persist();
              }}
              data-testid="pain-note-${i}"
            />
          </label>`
        : nothing}
      ${errs.map((m) => html`<p class="field-error" role="alert">${m}</p>`)}
    </fieldset>`;
  }

  /** coachHints is "last time" and the suggestion for an exercise, when there is history. */
  private coachHints(ex: WorkoutExercise, i: number): TemplateResult {
    const last = ex.lastTime;
    const s = ex.suggestion;
    const st = s ? suggestionText(s) : "";
    if (!last?.summary && !st) return html``;
    return html`<div class="hints">
      ${last?.summary
        ? html`<p class="hint" data-testid="last-time-${i}">
            <span class="hint-k">${t("lastTime")}</span> ${last.summary}${last.pain ? html` <span class="badge badge-warn">${t("hurt")}</span>` : nothing}
          </p>`
        : nothing}
      ${st
        ? html`<p class="hint" data-testid="suggestion-${i}">
            <span class="hint-k">${t("suggested")}</span> <strong>${st}</strong>
            <span class="badge badge-soft">${tk("action_" + s!.action, "")}</span>
            ${s!.reason ? html`<span class="muted small hint-why">${s!.reason}</span>` : nothing}
          </p>`
        : nothing}
    </div>`;
  }

  /** loggedSummary lists what was logged of each exercise, set by set. */
  private loggedSummary(w: Workout): TemplateResult {
    const logged = (w.log?.exercises ?? []).filter((c) => (c.sets ?? []).length || c.setsDone || c.pain);
    if (!logged.length) return html``;
    return html`<ul class="logged" data-testid="logged">
      ${logged.map(
        (c) => html`<li>
          <strong>${exerciseName(c.exerciseSlug, w.exercises.find((e) => e.exerciseSlug === c.exerciseSlug)?.name)}</strong>
          <span>${(c.sets ?? []).length ? (c.sets ?? []).map(setText).join(", ") : (c.repsDone ?? []).length ? c.repsDone.join(", ") : tp("setsN", c.setsDone)}</span>
          ${c.pain ? html`<span class="badge badge-warn" data-testid="logged-pain">${t("hurt")}${c.painNote ? `: ${c.painNote}` : ""}</span>` : nothing}
        </li>`,
      )}
    </ul>`;
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
        ${this.adapting
          ? html`<div class="alert alert-info" role="status" data-testid="adapting">
              ${t("adaptingNext", { n: this.week + 1 })}
              <a href="/plans/${encodeURIComponent(this.planId)}?week=${this.week + 1}&changes=1" data-nav data-testid="see-changes">${t("seeChanges")}</a>
            </div>`
          : nothing}
        ${this.loggedSummary(w)}
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
    const showForm = w.isRestDay ? false : !this.completed ? !!this.player || this.resumed || this.logging : this.editing;
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

/**
 * progressWidth sets a bar's width through the CSSOM, which the CSP allows; a style attribute
 * (also the one lit's styleMap writes on its first render) it blocks.
 */
function progressWidth(percent: number): (el?: Element) => void {
  return (el) => {
    if (el instanceof HTMLElement) el.style.width = `${percent}%`;
  };
}

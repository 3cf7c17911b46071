// Day view: the day's workout, "Start workout" with the video playlist played in order, the
// current exercise with its sets/reps/rest and a rest timer, and the Complete form.

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
import { app, dayKey, doseText, errorBox, errorText, exerciseName, handleAuth, spinner, update, type View } from "../app";
import { fmtDate, fmtDuration, localizeMessage, t, tk } from "../i18n";
import { Player } from "../player";
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

interface Row {
  sets: string;
  reps: string;
  repsEdited: boolean;
}

/** lowReps is the low end of a reps prescription ("8-12" → 8). */
function lowReps(reps: string): number {
  const n = Number.parseInt(reps, 10);
  return Number.isFinite(n) ? n : 0;
}

function repsList(sets: number, reps: string): string {
  const r = lowReps(reps);
  return Array.from({ length: Math.max(0, sets) }, () => String(r)).join(", ");
}

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
  private setsDone = new Map<string, number>();
  private rest: { endAt: number; total: number } | null = null;
  private restTick = 0;
  private restOver = false;

  private rows = new Map<string, Row>();
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
    void this.load();
  }

  private get key(): string {
    return dayKey(this.planId, this.week, this.day);
  }

  private async load(): Promise<void> {
    this.error = null;
    try {
      this.workout = (await api.getWorkout(this.planId, this.week, this.day)).workout;
      this.fillForm();
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
    for (const e of w.exercises ?? []) {
      const logged = log?.exercises?.find((x) => x.exerciseSlug.toLowerCase() === e.exerciseSlug.toLowerCase());
      const sets = logged ? logged.setsDone : this.setsDone.get(e.exerciseSlug) || e.sets;
      const reps = logged ? (logged.repsDone ?? []).join(", ") : repsList(sets, e.reps);
      this.rows.set(e.exerciseSlug, { sets: String(sets), reps, repsEdited: !!logged });
    }
    if (log?.perceivedEffort) this.effort = log.perceivedEffort;
    if (log?.notes) this.notes = log.notes;
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
    if (item?.exerciseSlug) {
      const i = exs.findIndex((e) => e.exerciseSlug.toLowerCase() === item.exerciseSlug.toLowerCase());
      if (i >= 0) this.exIdx = i;
    }
    update();
  }

  /** showExercise moves the coach panel to exercise i of the day. */
  private showExercise(i: number): void {
    const n = this.workout?.exercises?.length ?? 0;
    this.exIdx = Math.max(0, Math.min(n - 1, i));
    update();
  }

  private editLog(): void {
    this.editing = true;
    this.justCompleted = false;
    this.fillForm();
    update();
  }

  // ---- sets and rest ----

  private tickSet(e: WorkoutExercise): void {
    const n = Math.min(e.sets, (this.setsDone.get(e.exerciseSlug) ?? 0) + 1);
    this.setsDone.set(e.exerciseSlug, n);
    const row = this.rows.get(e.exerciseSlug);
    if (row) {
      row.sets = String(n);
      if (!row.repsEdited) row.reps = repsList(n, e.reps);
    }
    if (n < e.sets) this.startRest(e.restSeconds);
    else {
      this.stopRest();
      update();
    }
  }

  private startRest(seconds: number): void {
    this.stopRest();
    this.restOver = false;
    this.rest = { endAt: Date.now() + seconds * 1000, total: seconds };
    this.restTick = window.setInterval(() => {
      if (this.rest && Date.now() >= this.rest.endAt) {
        this.stopRest();
        this.restOver = true;
        if ("vibrate" in navigator) navigator.vibrate?.(200);
      }
      update();
    }, 250);
    update();
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
    const exercises: CompletedExercise[] = (w.exercises ?? []).map((ex) => {
      const row = this.rows.get(ex.exerciseSlug);
      const sets = Number.parseInt(row?.sets ?? "0", 10);
      const reps = (row?.reps ?? "")
        .split(/[^0-9]+/)
        .filter(Boolean)
        .map((s) => Number.parseInt(s, 10));
      return { exerciseSlug: ex.exerciseSlug, setsDone: Number.isFinite(sets) ? sets : 0, repsDone: reps };
    });
    this.completing = true;
    update();
    try {
      const res = await api.completeWorkout(this.planId, this.week, this.day, {
        exercises,
        perceivedEffort: this.effort,
        notes: this.notes.trim(),
      });
      this.workout = { ...w, log: res.log };
      app.done.set(this.key, true);
      this.editing = false;
      this.justCompleted = true;
      this.stopRest();
      requestAnimationFrame(() => document.querySelector("[data-testid=completed]")?.scrollIntoView({ behavior: "smooth", block: "center" }));
    } catch (err) {
      if (handleAuth(err)) return;
      if (err instanceof ApiError && err.violations.length) {
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
        ${!w.isRestDay ? html`<span class="badge">${t("exercisesCount", { n: w.exercises.length })}</span>` : nothing}
        ${this.completed ? html`<span class="badge badge-done" data-testid="done-badge">✓ ${t("completedBadge")}</span>` : nothing}
      </div>
      ${w.weekFocus ? html`<p class="week-focus"><span class="label-inline">${t("focus")}:</span> ${w.weekFocus}</p>` : nothing}
      ${w.confidenceTask
        ? html`<div class="task"><span class="task-icon">${icon("bolt", 22)}</span><div><strong>${t("confidenceTask")}</strong><p>${w.confidenceTask}</p></div></div>`
        : nothing}
      ${this.player
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
    if (w.isRestDay) return html`<div class="card rest-card"><span class="big-icon">${icon("moon", 44)}</span><p>${t("restDayLead")}</p></div>`;
    return html`<ol class="card ex-table" data-testid="exercises">
      ${w.exercises.map(
        (e, i) => html`<li class=${this.player && i === this.exIdx ? "current" : ""}>
          <span class="ex-idx">${i + 1}</span>
          <span class="ex-name">${exerciseName(e.exerciseSlug, e.name)}</span>
          <span class="ex-dose">
            <span class="dose">${doseText(e.sets, e.reps, e.durationSeconds)}</span>
            <span class="rest">${t("rest", { t: fmtDuration(e.restSeconds) })}</span>
          </span>
          ${(this.setsDone.get(e.exerciseSlug) ?? 0) >= e.sets ? html`<span class="tick" aria-label=${t("done")}>✓</span>` : nothing}
        </li>`,
      )}
    </ol>`;
  }

  private restRing(): TemplateResult {
    const r = this.rest!;
    const left = Math.max(0, Math.ceil((r.endAt - Date.now()) / 1000));
    const frac = r.total > 0 ? Math.max(0, (r.endAt - Date.now()) / (r.total * 1000)) : 0;
    const C = 2 * Math.PI * 42;
    return html`<div class="rest-timer" role="timer" aria-live="off" data-testid="rest-timer">
      <svg viewBox="0 0 100 100" class="ring" aria-hidden="true">
        <circle cx="50" cy="50" r="42" class="ring-bg" />
        <circle cx="50" cy="50" r="42" class="ring-fg" stroke-dasharray=${C} stroke-dashoffset=${C * (1 - frac)} />
      </svg>
      <div class="rest-left"><span class="rest-label">${t("restNow")}</span><strong>${fmtDuration(left)}</strong></div>
      <button class="btn btn-ghost btn-sm" @click=${() => {
        this.stopRest();
        update();
      }}>${t("skipRest")}</button>
    </div>`;
  }

  private coachPanel(w: Workout): TemplateResult {
    const exs = w.exercises ?? [];
    if (w.isRestDay || exs.length === 0) return html`<div class="coach-panel card"><p class="muted">${t("restDayLead")}</p></div>`;
    const e = exs[Math.min(this.exIdx, exs.length - 1)];
    const done = this.setsDone.get(e.exerciseSlug) ?? 0;
    const item = this.player?.current;
    const upNext = !item?.exerciseSlug && item?.kind === "CLIP_KIND_INTRO";
    return html`<div class="coach-panel card" data-testid="current-exercise">
      <div class="coach-top">
        <button class="icon-btn" ?disabled=${this.exIdx === 0} @click=${() => this.showExercise(this.exIdx - 1)} aria-label=${t("prev")}>‹</button>
        <div class="eyebrow">${upNext ? t("upNext") : t("exercise")} ${this.exIdx + 1}/${exs.length}</div>
        <button class="icon-btn" ?disabled=${this.exIdx >= exs.length - 1} @click=${() => this.showExercise(this.exIdx + 1)} aria-label=${t("next")}>›</button>
      </div>
      <h2 class="coach-name" data-testid="current-exercise-name">${exerciseName(e.exerciseSlug, e.name)}</h2>
      <div class="dose-grid">
        <div><span class="dose-num" data-testid="current-sets">${e.sets}</span><span class="dose-lbl">${t("sets")}</span></div>
        ${e.durationSeconds > 0
          ? html`<div><span class="dose-num" data-testid="current-reps">${fmtDuration(e.durationSeconds)}</span><span class="dose-lbl">${t("time")}</span></div>`
          : html`<div><span class="dose-num" data-testid="current-reps">${e.reps}</span><span class="dose-lbl">${t("reps")}</span></div>`}
        <div><span class="dose-num" data-testid="current-rest">${fmtDuration(e.restSeconds)}</span><span class="dose-lbl">${t("restSecondsLabel")}</span></div>
      </div>
      <div class="set-dots" aria-label=${t("setProgress", { i: done, n: e.sets })}>
        ${Array.from({ length: e.sets }, (_, i) => html`<span class=${i < done ? "on" : ""}></span>`)}
      </div>
      ${this.rest
        ? this.restRing()
        : done >= e.sets
          ? html`<p class="all-done">✓ ${t("allSetsDone")}</p>`
          : html`<div class="coach-actions">
              <button class="btn btn-primary" @click=${() => this.tickSet(e)} data-testid="set-done">
                ${icon("check", 18)} ${t("setDone", { i: done + 1, n: e.sets })}
              </button>
              <button class="btn btn-ghost" @click=${() => this.startRest(e.restSeconds)} data-testid="start-rest">${icon("timer", 18)} ${t("startRest", { t: fmtDuration(e.restSeconds) })}</button>
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
                      (it, i) => html`<li class="${i === p.index ? "on" : ""} ${i < p.index ? "past" : ""}">
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
      ${w.exercises.length
        ? html`<div class="log-rows">
            ${w.exercises.map((ex, i) => {
              const row = this.rows.get(ex.exerciseSlug) ?? { sets: String(ex.sets), reps: repsList(ex.sets, ex.reps), repsEdited: false };
              const errs = this.errs(`exercises.${i}`);
              return html`<div class="log-row ${errs.length ? "has-error" : ""}">
                <div class="log-name">
                  <strong>${exerciseName(ex.exerciseSlug, ex.name)}</strong>
                  <span class="muted small">${doseText(ex.sets, ex.reps, ex.durationSeconds)}</span>
                </div>
                <label class="log-sets">
                  <span class="label">${t("setsDone")}</span>
                  <div class="stepper stepper-sm">
                    <button type="button" class="step" @click=${() => this.setRow(ex, Math.max(0, Number.parseInt(row.sets, 10) - 1 || 0))}>−</button>
                    <input
                      type="number"
                      inputmode="numeric"
                      min="0"
                      max="20"
                      .value=${row.sets}
                      @input=${(e: Event) => this.setRowRaw(ex, (e.target as HTMLInputElement).value)}
                      data-testid="sets-done-${i}"
                    />
                    <button type="button" class="step" @click=${() => this.setRow(ex, Math.min(20, (Number.parseInt(row.sets, 10) || 0) + 1))}>+</button>
                  </div>
                </label>
                <label class="log-reps">
                  <span class="label">${t("repsDone")}</span>
                  <input
                    type="text"
                    inputmode="numeric"
                    placeholder=${t("repsDoneHint")}
                    .value=${row.reps}
                    @input=${(e: Event) => {
                      row.reps = (e.target as HTMLInputElement).value;
                      row.repsEdited = true;
                      this.rows.set(ex.exerciseSlug, row);
                    }}
                    data-testid="reps-done-${i}"
                  />
                </label>
                ${errs.map((m) => html`<p class="field-error" role="alert">${m}</p>`)}
              </div>`;
            })}
          </div>`
        : nothing}
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
          @input=${(e: Event) => (this.notes = (e.target as HTMLTextAreaElement).value)}
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

  private setRow(ex: WorkoutExercise, sets: number): void {
    this.setRowRaw(ex, String(sets));
    update();
  }

  private setRowRaw(ex: WorkoutExercise, raw: string): void {
    const row = this.rows.get(ex.exerciseSlug) ?? { sets: raw, reps: "", repsEdited: false };
    row.sets = raw;
    const n = Number.parseInt(raw, 10);
    if (!row.repsEdited && Number.isFinite(n)) row.reps = repsList(Math.min(20, Math.max(0, n)), ex.reps);
    this.rows.set(ex.exerciseSlug, row);
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
      if (this.error instanceof ApiError && this.error.status === 404)
        return html`<div class="card empty"><h1>${t("notFound")}</h1><p class="muted">${t("notFoundLead")}</p><a class="btn btn-primary" href="/" data-nav>${t("home")}</a></div>`;
      return errorBox(this.error, () => void this.load());
    }
    const w = this.workout;
    if (!w) return spinner();
    const showForm = !this.completed ? !!this.player : this.editing;
    return html`
      ${this.header(w)}
      ${this.completed && !this.editing ? this.completedCard(w) : nothing}
      ${this.player ? this.session(w) : nothing}
      ${this.exerciseTable(w)}
      ${showForm ? this.completeForm(w) : nothing}
    `;
  }

  destroy(): void {
    this.stopRest();
    this.player?.destroy();
    this.player = null;
  }
}

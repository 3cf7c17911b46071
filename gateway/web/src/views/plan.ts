// Plan view: weeks → days → exercises by block with what each prescribes; rest days marked; how
// the plan was made (planner, model, attempts, substitutions, fallback reason), collapsed: it is
// for the curious, not the coaching.

import { html, nothing } from "lit-html";
import { ApiError, api, num, type Day, type Plan, type PlanRevision } from "../api";
import { app, dayKey, errorBox, errorText, exerciseName, handleAuth, navigate, newRequestID, spinner, update, type View } from "../app";
import { effortText, groupByBlock, hasBlocks, restText, workText } from "../dose";
import { icon } from "../icons";
import { fmtDate, t, tk, tp } from "../i18n";

export class PlanView implements View {
  private plan: Plan | null = null;
  private error: unknown = null;
  private checked = new Set<number>();
  // Revisions, newest (current) first; null until loaded, [] when the server has none to show.
  private revisions: PlanRevision[] | null = null;
  private undoing = false;
  private undoError = "";
  private undone = "";
  // The week's last session was just logged: wait for the adaptation of this week.
  private awaitWeek = 0;
  private awaitUntil = 0;
  private timer = 0;
  private pendingSince = Date.now();
  private retrying = false;
  private adaptingNow = false;
  private adaptError: unknown = null;
  private live = true;

  constructor(
    private readonly id: string,
    private week: number,
    expectChanges = false,
  ) {
    // Opened from "see what changed" after the last session of week - 1: the adaptation is a
    // background job, so the page waits for it (up to a minute and a half).
    if (expectChanges && week > 1) {
      this.awaitWeek = week - 1;
      this.awaitUntil = Date.now() + 90_000;
    }
    void this.load();
  }

  private get pending(): boolean {
    return this.plan?.state === "PLAN_STATE_PENDING";
  }

  private async load(): Promise<void> {
    this.error = null;
    try {
      this.plan = (await api.getPlan(this.id)).plan;
      if (!this.live) return;
      if (this.pending) {
        // Still generating: ask again in a moment.
        this.schedule(() => this.load(), 2000);
      } else if (this.plan.state !== "PLAN_STATE_FAILED") {
        if (this.week < 1 || this.week > this.plan.weeks.length) this.week = 1;
        this.checked.clear();
        void this.checkDone(this.week);
        void this.loadRevisions();
      }
    } catch (err) {
      if (handleAuth(err)) return;
      this.error = err;
    }
    update();
  }

  private schedule(fn: () => void, ms: number): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(fn, ms);
  }

  /** loadRevisions reads what changed; while an adaptation is awaited it asks again until it is there. */
  private async loadRevisions(): Promise<void> {
    try {
      const revs = (await api.revisions(this.id)).revisions ?? [];
      if (!this.live) return;
      this.revisions = revs;
      const cur = revs[0];
      if (this.awaitWeek) {
        const arrived = revs.some((r) => r.kind === "REVISION_KIND_ADAPTATION" && r.week === this.awaitWeek);
        if (arrived) {
          this.awaitWeek = 0;
          // The weeks shown are the current revision's: read the plan again.
          if (cur && this.plan && cur.number !== this.plan.revision) {
            void this.load();
            return;
          }
        } else if (Date.now() < this.awaitUntil) this.schedule(() => void this.loadRevisions(), 2000);
        else this.awaitWeek = 0;
      }
    } catch (err) {
      if (handleAuth(err)) return;
      // What changed is a nicety on this page; the plan itself is shown regardless.
      this.revisions = [];
      this.awaitWeek = 0;
    }
    update();
  }

  /** undo goes back to the revision before the current one (a new revision the server makes). */
  private async undo(): Promise<void> {
    const p = this.plan;
    if (!p) return;
    this.undoing = true;
    this.undoError = "";
    update();
    try {
      const res = await api.revert(this.id, p.revision ?? 0);
      this.plan = res.plan ?? (await api.getPlan(this.id)).plan;
      this.undone = t("undone");
      this.checked.clear();
      void this.checkDone(this.week);
      await this.loadRevisions();
      requestAnimationFrame(() => document.querySelector<HTMLElement>("[data-testid=undone]")?.focus());
    } catch (err) {
      if (handleAuth(err)) return;
      // A revision made since the page was read: the server refuses rather than undo the unseen.
      this.undoError = err instanceof ApiError && (err.code === "FAILED_PRECONDITION" || err.code === "ABORTED") ? t("undoStale") : errorText(err);
    } finally {
      this.undoing = false;
      update();
    }
  }

  /**
   * adaptNow asks for the adaptation of the weeks after `week` from its logs; the server also
   * does it by itself when the week's last session is logged or the week ends.
   */
  private async adaptNow(week: number): Promise<void> {
    this.adaptingNow = true;
    this.adaptError = null;
    update();
    try {
      const res = await api.adapt(this.id, week);
      this.plan = res.plan ?? (await api.getPlan(this.id)).plan;
      this.undone = "";
      this.selectWeek(Math.min(week + 1, this.plan.weeks.length));
      await this.loadRevisions();
      requestAnimationFrame(() => document.querySelector<HTMLElement>("#changes-title")?.focus());
    } catch (err) {
      if (handleAuth(err)) return;
      this.adaptError = err;
    } finally {
      this.adaptingNow = false;
      update();
    }
  }

  /** adaptCard offers the adaptation of the next week once every session of this one is logged and none was made from it. */
  private adaptCard(week: number) {
    const p = this.plan;
    const revs = this.revisions;
    if (!p || !revs || this.awaitWeek || week >= p.weeks.length) return nothing;
    const w = p.weeks.find((x) => x.weekNumber === week);
    const training = (w?.days ?? []).filter((d) => !d.isRestDay);
    if (!training.length || !training.every((d) => app.done.get(dayKey(this.id, week, d.dayNumber)) === true)) return nothing;
    if (revs.some((r) => r.kind === "REVISION_KIND_ADAPTATION" && r.week === week)) return nothing;
    return html`<div class="card changes" data-testid="adapt-offer">
      <p class="changes-summary">${t("adaptOffer", { w: week, n: week + 1 })}</p>
      ${this.adaptError ? errorBox(this.adaptError, () => void this.adaptNow(week)) : nothing}
      <div class="actions">
        <button class="btn btn-primary" ?disabled=${this.adaptingNow} @click=${() => this.adaptNow(week)} data-testid="adapt-now">
          ${this.adaptingNow ? html`<span class="spin" aria-hidden="true"></span>` : nothing}${t("adaptNow", { n: week + 1 })}
        </button>
      </div>
    </div>`;
  }

  /** retry asks for a new plan after a generation failed; the old request id made the failed one. */
  private async retry(): Promise<void> {
    this.retrying = true;
    update();
    try {
      const res = await api.createPlan(newRequestID());
      navigate(`/plans/${encodeURIComponent(res.plan.id)}`, true);
    } catch (err) {
      if (handleAuth(err)) return;
      this.error = err;
      this.retrying = false;
      update();
    }
  }

  destroy(): void {
    this.live = false;
    window.clearTimeout(this.timer);
  }

  /** checkDone asks which training days of a week are completed, to tick them. */
  private async checkDone(week: number): Promise<void> {
    if (!this.plan || this.checked.has(week)) return;
    this.checked.add(week);
    const w = this.plan.weeks.find((x) => x.weekNumber === week);
    if (!w) return;
    await Promise.all(
      w.days
        .filter((d) => !d.isRestDay)
        .map(async (d) => {
          try {
            const wo = (await api.getWorkout(this.id, week, d.dayNumber)).workout;
            app.done.set(dayKey(this.id, week, d.dayNumber), !!wo.log?.completeTime || !!wo.log?.perceivedEffort);
          } catch {
            // The tick is informative only; the day view shows the real state.
          }
        }),
    );
    update();
  }

  private selectWeek(n: number): void {
    this.week = n;
    history.replaceState(null, "", `/plans/${encodeURIComponent(this.id)}?week=${n}`);
    void this.checkDone(n);
    update();
  }

  private dayCard(d: Day, next: boolean) {
    const done = app.done.get(dayKey(this.id, this.week, d.dayNumber));
    const href = `/plans/${encodeURIComponent(this.id)}/weeks/${this.week}/days/${d.dayNumber}`;
    return html`<a
      class="card day-card ${d.isRestDay ? "is-rest" : ""} ${done ? "is-done" : ""} ${next ? "is-next" : ""}"
      href=${href}
      data-nav
      data-testid="day-${d.dayNumber}"
    >
      <div class="day-head">
        <span class="day-num">${t("day", { n: d.dayNumber })}</span>
        ${d.isRestDay ? html`<span class="badge badge-rest">${icon("moon", 14)} ${t("restDay")}</span>` : nothing}
        ${done ? html`<span class="badge badge-done" data-testid="day-done">✓ ${t("done")}</span>` : nothing}
        ${next ? html`<span class="badge badge-next" data-testid="day-next">${icon("play", 12)} ${t("nextUp")}</span>` : nothing}
      </div>
      <h3>${d.workoutName}</h3>
      ${d.isRestDay
        ? html`<p class="muted small">${t("restDayLead")}</p>`
        : groupByBlock(d.exercises).map(
            (g) => html`${hasBlocks(d.exercises) ? html`<div class="ex-block-label" data-testid="plan-block-${g.block}">${tk("block_" + g.block)}</div>` : nothing}
              <ul class="ex-list">
                ${g.items.map(
                  ({ e }) => html`<li>
                    <span class="ex-name">${exerciseName(e.exerciseSlug)}</span>
                    <span class="ex-dose">
                      <span class="dose">${workText(e)}</span>
                      <span class="rest">${[restText(e), effortText(e)].filter(Boolean).join(", ")}</span>
                    </span>
                  </li>`,
                )}
              </ul>`,
          )}
      <span class="day-open" aria-hidden="true">›</span>
    </a>`;
  }

  private provenance(p: Plan) {
    const usage = p.usage;
    const total = usage ? num(usage.totalTokens) : 0;
    return html`<details class="card provenance" data-testid="provenance">
      <summary><h2>${t("howMade")}</h2></summary>
      <dl class="kv">
        <div><dt>${t("provider")}</dt><dd data-testid="prov-provider">${tk("provider_" + p.provider, p.provider || "—")}</dd></div>
        ${p.model ? html`<div><dt>${t("model")}</dt><dd>${p.model}</dd></div>` : nothing}
        <div><dt>${t("attempts")}</dt><dd>${p.attempts}</dd></div>
        <div>
          <dt>${t("substitutions")}</dt>
          <dd>
            ${p.substitutionCount || (p.substitutions ?? []).length || t("substitutionsNone")}
            ${(p.substitutions ?? []).length
              ? html`<ul class="subs">
                  ${p.substitutions.slice(0, 12).map(
                    (s) =>
                      html`<li>
                        ${t("substitutionLine", { w: s.week, d: s.day, from: exerciseName(s.fromSlug), to: exerciseName(s.toSlug) })}
                      </li>`,
                  )}
                  ${p.substitutions.length > 12 ? html`<li>…</li>` : nothing}
                </ul>`
              : nothing}
          </dd>
        </div>
        ${p.fallbackReason
          ? html`<div class="wide"><dt>${t("fallbackReason")}</dt><dd data-testid="prov-fallback">${p.fallbackReason}</dd></div>`
          : nothing}
        ${p.promptVersion ? html`<div><dt>${t("promptVersion")}</dt><dd>${p.promptVersion}</dd></div>` : nothing}
        <div><dt>${t("generationTime")}</dt><dd>${num(p.generationMs)} ms</dd></div>
        ${total ? html`<div><dt>${t("tokens")}</dt><dd>${total}</dd></div>` : nothing}
      </dl>
    </details>`;
  }

  private pendingCard() {
    const secs = Math.round((Date.now() - this.pendingSince) / 1000);
    return html`<div class="card generating" role="status" data-testid="plan-pending">
      <div class="pulse" aria-hidden="true"><span></span><span></span><span></span></div>
      <h1>${t("generating")}</h1>
      <p class="muted">${t("pendingLead")}</p>
      <p class="muted small" aria-live="off">${t("pendingFor", { t: secs < 60 ? t("span_s", { n: secs }) : t("span_min", { n: Math.floor(secs / 60) }) })}</p>
    </div>`;
  }

  /** changesCard is the current revision: what changed, why, and the way back. */
  private changesCard() {
    const revs = this.revisions;
    if (this.awaitWeek)
      return html`<div class="card changes" role="status" data-testid="adapting-wait">
        <span class="spin" aria-hidden="true"></span> ${t("adaptingWait", { n: this.awaitWeek + 1 })}
      </div>`;
    const cur = revs?.[0];
    const canUndo = !!cur && cur.kind !== "REVISION_KIND_ORIGINAL" && cur.number > 1 && (revs?.length ?? 0) > 1;
    if (!cur || cur.kind === "REVISION_KIND_ORIGINAL")
      return this.undone ? html`<p class="alert alert-ok" role="status" tabindex="-1" data-testid="undone">${this.undone}</p>` : nothing;
    const title =
      cur.kind === "REVISION_KIND_ADAPTATION"
        ? t("changedAdapt", { n: cur.week })
        : cur.kind === "REVISION_KIND_SWAP"
          ? t("changedSwap")
          : cur.kind === "REVISION_KIND_REVERT"
            ? t("changedRevert", { n: cur.base })
            : t("changedTitle");
    return html`<section class="card changes" aria-labelledby="changes-title" data-testid="changes" data-revision=${cur.number} data-kind=${cur.kind}>
      <div class="changes-head">
        <h2 id="changes-title" tabindex="-1">${title}</h2>
        <span class="badge badge-soft">${t("revisionN", { n: cur.number })}</span>
        ${cur.deload ? html`<span class="badge badge-warn">${t("deloadWeek")}</span>` : nothing}
      </div>
      ${this.undone ? html`<p class="alert alert-ok" role="status" tabindex="-1" data-testid="undone">${this.undone}</p>` : nothing}
      ${cur.summary ? html`<p class="changes-summary">${cur.summary}</p>` : nothing}
      ${cur.changes?.length
        ? html`<ul class="change-list">
            ${cur.changes.map(
              (c) => html`<li class="change" data-action=${c.action} data-testid="change">
                <div class="change-top">
                  <span class="badge action-${c.action.replace("CHANGE_ACTION_", "").toLowerCase()}">${tk("change_" + c.action, c.action)}</span>
                  <strong>${c.name || exerciseName(c.exerciseSlug)}</strong>
                  ${c.toSlug ? html`<span>→ <strong>${c.toName || exerciseName(c.toSlug)}</strong></span>` : nothing}
                  <span class="muted small">${c.day > 0 ? `${t("week", { n: c.week })} · ${t("day", { n: c.day })}` : t("fromWeek", { n: c.week })}</span>
                </div>
                ${c.before || c.after
                  ? html`<p class="change-diff"><span class="before">${c.before || "—"}</span> <span aria-hidden="true">→</span><span class="visually-hidden">${t("becomes")}</span> <span class="after">${c.after || "—"}</span></p>`
                  : nothing}
                ${c.reason ? html`<p class="change-why" data-testid="change-reason"><span class="hint-k">${t("why")}</span> ${c.reason}</p>` : nothing}
              </li>`,
            )}
          </ul>`
        : nothing}
      ${this.undoError ? html`<div class="alert alert-error" role="alert">${this.undoError}</div>` : nothing}
      ${canUndo
        ? html`<div class="actions">
            <button class="btn btn-ghost" ?disabled=${this.undoing} @click=${() => this.undo()} data-testid="undo">
              ${this.undoing ? html`<span class="spin" aria-hidden="true"></span>` : "↶"} ${t("undo")}
            </button>
          </div>`
        : nothing}
    </section>`;
  }

  render() {
    if (this.error) {
      if (this.error instanceof ApiError && this.error.status === 404)
        return html`<div class="card empty" data-testid="not-found"><h1>${t("notFound")}</h1><p class="muted">${t("notFoundLead")}</p><a class="btn btn-primary" href="/" data-nav>${t("home")}</a></div>`;
      return errorBox(this.error, () => void this.load());
    }
    const p = this.plan;
    if (!p) return spinner();
    if (this.pending) return this.pendingCard();
    if (p.state === "PLAN_STATE_FAILED")
      return html`<div class="card empty" data-testid="plan-failed">
        <h1>${t("planFailed")}</h1>
        <p class="muted">${t("planFailedLead")}</p>
        <button class="btn btn-primary" ?disabled=${this.retrying} @click=${() => this.retry()} data-testid="plan-retry">${t("generateAgain")}</button>
      </div>`;
    const w = p.weeks.find((x) => x.weekNumber === this.week) ?? p.weeks[0];
    // The first training day known not to be done yet (unknown until the week's days are checked).
    const next = w.days.find((d) => !d.isRestDay && app.done.get(dayKey(this.id, w.weekNumber, d.dayNumber)) === false)?.dayNumber;
    return html`
      <section class="plan-hero">
        <div class="plan-hero-text">
          <h1 data-testid="plan-name">${p.planName}</h1>
          <p class="lead">${p.goal}</p>
          <div class="meta-row">
            <span class="badge">${tp("weeks", p.durationWeeks)}</span>
            <span class="badge badge-soft">${tk(p.archetype)}</span>
            ${p.createTime ? html`<span class="muted small">${t("createdAt", { d: fmtDate(p.createTime) })}</span>` : nothing}
          </div>
          ${p.notes ? html`<p class="notes"><strong>${t("notes")}:</strong> ${p.notes}</p>` : nothing}
        </div>
        ${this.provenance(p)}
      </section>
      <nav class="plan-links" aria-label=${t("planLinks")}>
        <a class="btn btn-ghost btn-sm" href="/plans/${encodeURIComponent(p.id)}/progress" data-nav data-testid="open-progress">${icon("target", 16)} ${t("progress")}</a>
        <a class="btn btn-ghost btn-sm" href="/plans/${encodeURIComponent(p.id)}/report?week=${this.week}" data-nav data-testid="open-report">${icon("clipboard", 16)} ${t("report")}</a>
        <a class="btn btn-ghost btn-sm" href="/history" data-nav data-testid="open-history">${icon("list", 16)} ${t("history")}</a>
      </nav>
      ${this.changesCard()}
      <nav class="weeks" aria-label="Weeks" data-testid="weeks">
        ${p.weeks.map(
          (x) => html`<button
            class="week-tab ${x.weekNumber === w.weekNumber ? "on" : ""}"
            aria-current=${x.weekNumber === w.weekNumber ? "true" : "false"}
            @click=${() => this.selectWeek(x.weekNumber)}
            data-testid="week-${x.weekNumber}"
          >
            ${t("week", { n: x.weekNumber })}
          </button>`,
        )}
      </nav>
      ${w.weekFocus ? html`<p class="week-focus"><span class="label-inline">${t("focus")}:</span> ${w.weekFocus}</p>` : nothing}
      ${this.adaptCard(w.weekNumber)}
      <div class="days">${w.days.map((d) => this.dayCard(d, d.dayNumber === next))}</div>
    `;
  }
}

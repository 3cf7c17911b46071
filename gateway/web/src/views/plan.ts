// Plan view: weeks → days → exercises by block with what each prescribes; rest days marked; how
// the plan was made (planner, model, attempts, substitutions, fallback reason), collapsed: it is
// for the curious, not the coaching.

import { html, nothing } from "lit-html";
import { ApiError, api, num, type Day, type Plan } from "../api";
import { app, dayKey, errorBox, exerciseName, handleAuth, spinner, update, type View } from "../app";
import { effortText, groupByBlock, hasBlocks, restText, workText } from "../dose";
import { icon } from "../icons";
import { fmtDate, t, tk, tp } from "../i18n";

export class PlanView implements View {
  private plan: Plan | null = null;
  private error: unknown = null;
  private checked = new Set<number>();

  constructor(
    private readonly id: string,
    private week: number,
  ) {
    void this.load();
  }

  private async load(): Promise<void> {
    this.error = null;
    try {
      this.plan = (await api.getPlan(this.id)).plan;
      if (this.week < 1 || this.week > this.plan.weeks.length) this.week = 1;
      void this.checkDone(this.week);
    } catch (err) {
      if (handleAuth(err)) return;
      this.error = err;
    }
    update();
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

  render() {
    if (this.error) {
      if (this.error instanceof ApiError && this.error.status === 404)
        return html`<div class="card empty" data-testid="not-found"><h1>${t("notFound")}</h1><p class="muted">${t("notFoundLead")}</p><a class="btn btn-primary" href="/" data-nav>${t("home")}</a></div>`;
      return errorBox(this.error, () => void this.load());
    }
    const p = this.plan;
    if (!p) return spinner();
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
      <div class="days">${w.days.map((d) => this.dayCard(d, d.dayNumber === next))}</div>
    `;
  }
}

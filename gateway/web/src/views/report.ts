// The coach's report on a week of a plan, or on the whole plan so far: analysis, motivation,
// recommendations and long-term strategy, in the coach's voice and the person's language.

import { html, nothing, type TemplateResult } from "lit-html";
import { ApiError, api, type CoachReport, type Plan } from "../api";
import { errorBox, handleAuth, spinner, update, type View } from "../app";
import { fmtDate, texts, tp } from "../i18n";

const tx = texts(
  {
    reportTitle: "Coach's report",
    reportWeek: "Week {n}",
    reportPlan: "Whole plan",
    reportChoose: "Report on",
    analysis: "How it went",
    motivation: "From your coach",
    recommendations: "What to do next",
    strategy: "The long game",
    writing: "Your coach is writing the report…",
    noLogs: "No sessions logged for this yet: log a workout and the report follows.",
    back: "Back to the plan",
    sessions_one: "Based on {n} session",
    sessions_other: "Based on {n} sessions",
  },
  {
    reportTitle: "Отчёт тренера",
    reportWeek: "Неделя {n}",
    reportPlan: "Весь план",
    reportChoose: "Отчёт за",
    analysis: "Как прошло",
    motivation: "От тренера",
    recommendations: "Что делать дальше",
    strategy: "На перспективу",
    writing: "Тренер пишет отчёт…",
    noLogs: "Здесь пока нет записанных тренировок: запишите тренировку — и отчёт появится.",
    back: "Назад к плану",
    sessions_one: "По {n} тренировке",
    sessions_few: "По {n} тренировкам",
    sessions_many: "По {n} тренировкам",
    sessions_other: "По {n} тренировки",
  },
);

export class ReportView implements View {
  private plan: Plan | null = null;
  private report: CoachReport | null = null;
  private error: unknown = null;
  private loading = true;
  private seq = 0;

  constructor(
    private readonly planId: string,
    private week: number,
  ) {
    void this.load();
  }

  private async load(): Promise<void> {
    const seq = ++this.seq;
    this.error = null;
    this.loading = true;
    update();
    try {
      if (!this.plan) this.plan = (await api.getPlan(this.planId)).plan;
      const r = (await api.report(this.planId, this.week)).report;
      if (seq !== this.seq) return;
      this.report = r;
    } catch (err) {
      if (handleAuth(err)) return;
      if (seq !== this.seq) return;
      this.report = null;
      this.error = err;
    }
    this.loading = false;
    update();
  }

  private choose(week: number): void {
    this.week = week;
    history.replaceState(null, "", `/plans/${encodeURIComponent(this.planId)}/report?week=${week}`);
    void this.load();
  }

  private section(title: string, body: TemplateResult | string, id: string): TemplateResult {
    return html`<section class="report-part" data-testid="report-${id}">
      <h2>${title}</h2>
      ${typeof body === "string" ? body.split(/\n{2,}/).map((p) => html`<p>${p}</p>`) : body}
    </section>`;
  }

  render(): TemplateResult {
    const weeks = this.plan?.weeks?.map((w) => w.weekNumber) ?? [];
    const r = this.report;
    // A week with nothing logged has no report to write: the server says so as a failed precondition or not found.
    const noLogs = this.error instanceof ApiError && this.error.code === "FAILED_PRECONDITION";
    return html`
      <a class="back" href="/plans/${encodeURIComponent(this.planId)}?week=${this.week || 1}" data-nav>‹ ${tx("back")}</a>
      <h1 data-testid="report-title">${tx("reportTitle")}</h1>
      ${this.plan ? html`<p class="lead">${this.plan.planName}</p>` : nothing}
      <nav class="weeks" aria-label=${tx("reportChoose")}>
        ${weeks.map(
          (n) => html`<button class="week-tab ${n === this.week ? "on" : ""}" aria-current=${n === this.week ? "true" : "false"} @click=${() => this.choose(n)} data-testid="report-week-${n}">
            ${tx("reportWeek", { n })}
          </button>`,
        )}
        <button class="week-tab ${this.week === 0 ? "on" : ""}" aria-current=${this.week === 0 ? "true" : "false"} @click=${() => this.choose(0)} data-testid="report-week-0">
          ${tx("reportPlan")}
        </button>
      </nav>
      ${this.loading
        ? spinner(tx("writing"))
        : noLogs
          ? html`<div class="card empty" data-testid="report-empty"><p>${tx("noLogs")}</p></div>`
          : this.error
            ? errorBox(this.error, () => void this.load())
            : r
              ? html`<article class="card report" data-testid="report">
                  <p class="muted small">
                    ${r.week > 0 ? tx("reportWeek", { n: r.week }) : tx("reportPlan")} · ${tp("sessions", r.sessions ?? 0)}${r.createTime ? ` · ${fmtDate(r.createTime)}` : ""}
                  </p>
                  ${this.section(tx("analysis"), r.analysis, "analysis")}
                  ${r.motivation ? html`<blockquote class="report-quote" data-testid="report-motivation"><h2>${tx("motivation")}</h2><p>${r.motivation}</p></blockquote>` : nothing}
                  ${(r.recommendations ?? []).length
                    ? this.section(tx("recommendations"), html`<ul class="report-recs">${r.recommendations.map((x) => html`<li>${x}</li>`)}</ul>`, "recommendations")
                    : nothing}
                  ${r.longTermStrategy ? this.section(tx("strategy"), r.longTermStrategy, "strategy") : nothing}
                </article>`
              : nothing}
    `;
  }
}

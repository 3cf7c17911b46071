// One exercise's history across plans: the last sessions set by set, the person's records, the
// estimated 1RM and volume of each session, and what to aim for next time.

import { html, nothing, type TemplateResult } from "lit-html";
import { ApiError, api, type ExerciseHistory } from "../api";
import { errorBox, exerciseName, handleAuth, spinner, update, type View } from "../app";
import { distance, span } from "../dose";
import { fmtDate, t, texts } from "../i18n";
import { recordKind, recordValue } from "../records";
import { fmtKg, setText, suggestionText } from "../setlog";

const tx = texts(
  {
    exTitleLead: "Exercise history",
    back: "All history",
    recordsTitle: "Records",
    sessionsTitle: "Last sessions",
    none: "Not logged yet. Its sessions and records show here once you log it.",
    dateCol: "Date",
    setsCol: "Sets",
    e1rmCol: "Est. 1RM",
    volumeCol: "Volume",
    nextTime: "Next time",
    painNote: "Pain",
    weekDay: "week {w}, day {d}",
  },
  {
    exTitleLead: "История упражнения",
    back: "Вся история",
    recordsTitle: "Рекорды",
    sessionsTitle: "Последние тренировки",
    none: "Пока не записано. Тренировки и рекорды появятся, когда вы его запишете.",
    dateCol: "Дата",
    setsCol: "Подходы",
    e1rmCol: "Расч. максимум",
    volumeCol: "Объём",
    nextTime: "В следующий раз",
    painNote: "Боль",
    weekDay: "неделя {w}, день {d}",
  },
);

export class ExerciseView implements View {
  private h: ExerciseHistory | null = null;
  private error: unknown = null;

  constructor(private readonly slug: string) {
    void this.load();
  }

  private async load(): Promise<void> {
    this.error = null;
    try {
      this.h = await api.exerciseHistory(this.slug);
    } catch (err) {
      if (handleAuth(err)) return;
      this.error = err;
    }
    update();
  }

  render(): TemplateResult {
    if (this.error) {
      if (this.error instanceof ApiError && this.error.status === 404)
        return html`<div class="card empty" data-testid="not-found"><h1>${t("notFound")}</h1><p class="muted">${t("notFoundLead")}</p><a class="btn btn-primary" href="/history" data-nav>${tx("back")}</a></div>`;
      return errorBox(this.error, () => void this.load());
    }
    const h = this.h;
    if (!h) return spinner();
    const name = exerciseName(this.slug, h.name);
    const entries = h.entries ?? [];
    const s = h.suggestion;
    const st = s ? suggestionText(s) : "";
    return html`
      <a class="back" href="/history" data-nav>‹ ${tx("back")}</a>
      <div class="eyebrow">${tx("exTitleLead")}</div>
      <h1 data-testid="exercise-title">${name}</h1>
      ${h.lastTime?.summary || st
        ? html`<div class="card hints-card">
            ${h.lastTime?.summary ? html`<p class="hint"><span class="hint-k">${t("lastTime")}</span> ${h.lastTime.summary}</p>` : nothing}
            ${st ? html`<p class="hint" data-testid="exercise-suggestion"><span class="hint-k">${tx("nextTime")}:</span> <strong>${st}</strong> ${s!.reason ? html`<span class="muted small">${s!.reason}</span>` : nothing}</p>` : nothing}
          </div>`
        : nothing}
      ${entries.length === 0 ? html`<div class="card empty" data-testid="exercise-empty"><p>${tx("none")}</p></div>` : nothing}
      ${(h.records ?? []).length
        ? html`<section class="card records" aria-labelledby="ex-records" data-testid="exercise-records">
            <h2 id="ex-records">${tx("recordsTitle")}</h2>
            <ul class="record-list">
              ${h.records.map(
                (r) => html`<li><span class="muted small">${recordKind(r.kind)}</span> <strong>${recordValue(r.kind, r.value)}</strong> <span class="muted small">${r.completeTime ? fmtDate(r.completeTime) : tx("weekDay", { w: r.week, d: r.day })}</span></li>`,
              )}
            </ul>
          </section>`
        : nothing}
      ${entries.length
        ? html`<section class="card" aria-labelledby="ex-sessions">
            <h2 id="ex-sessions">${tx("sessionsTitle")}</h2>
            <div class="table-wrap">
              <table class="entries" data-testid="exercise-entries">
                <thead><tr><th scope="col">${tx("dateCol")}</th><th scope="col">${tx("setsCol")}</th><th scope="col">${tx("e1rmCol")}</th><th scope="col">${tx("volumeCol")}</th></tr></thead>
                <tbody>
                  ${entries.map(
                    (e) => html`<tr>
                      <th scope="row">
                        <a href="/plans/${encodeURIComponent(e.planId)}/weeks/${e.week}/days/${e.day}" data-nav>${e.completeTime ? fmtDate(e.completeTime) : tx("weekDay", { w: e.week, d: e.day })}</a>
                      </th>
                      <td>
                        ${(e.sets ?? []).map(setText).join(", ") || "—"}
                        ${e.pain ? html`<div><span class="badge badge-warn">${tx("painNote")}</span> ${e.painNote}</div>` : nothing}
                      </td>
                      <td>${e.e1rmKg > 0 ? t("kgValue", { n: fmtKg(e.e1rmKg) }) : "—"}</td>
                      <td>${e.volumeKg > 0 ? t("kgValue", { n: fmtKg(e.volumeKg) }) : e.seconds > 0 ? span(e.seconds) : e.distanceMeters > 0 ? distance(e.distanceMeters) : "—"}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>
          </section>`
        : nothing}
    `;
  }
}

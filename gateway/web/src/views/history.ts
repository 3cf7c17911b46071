// History: every logged session across plans on a month calendar, the current streak, and the
// month's sessions as a list (each opens its day; each exercise opens its own history).

import { html, nothing, type TemplateResult } from "lit-html";
import { api, type SessionSummary } from "../api";
import { errorBox, handleAuth, spinner, update, type View } from "../app";
import { distance, span } from "../dose";
import { locale, t, texts, tp } from "../i18n";
import { fmtKg } from "../setlog";

const tx = texts(
  {
    historyTitle: "Your training history",
    streakNow: "Current streak",
    streak_one: "{n} session in a row",
    streak_other: "{n} sessions in a row",
    total_one: "{n} session logged",
    total_other: "{n} sessions logged",
    prevMonth: "Previous month",
    nextMonth: "Next month",
    monthEmpty: "Nothing logged this month.",
    none: "No sessions logged yet. Open a day of your plan and log it: it shows here.",
    sessionsIn: "Sessions in {month}",
    effortN: "effort {n}/10",
    volumeN: "{kg} kg lifted",
    pain: "pain",
    dayLabel_one: "{date}: {n} session",
    dayLabel_other: "{date}: {n} sessions",
    calendar: "Calendar of logged sessions",
  },
  {
    historyTitle: "История тренировок",
    streakNow: "Серия сейчас",
    streak_one: "{n} тренировка подряд",
    streak_few: "{n} тренировки подряд",
    streak_many: "{n} тренировок подряд",
    streak_other: "{n} тренировки подряд",
    total_one: "{n} тренировка записана",
    total_few: "{n} тренировки записано",
    total_many: "{n} тренировок записано",
    total_other: "{n} тренировки записано",
    prevMonth: "Предыдущий месяц",
    nextMonth: "Следующий месяц",
    monthEmpty: "В этом месяце ничего не записано.",
    none: "Записанных тренировок пока нет. Откройте день плана и запишите тренировку — она появится здесь.",
    sessionsIn: "Тренировки: {month}",
    effortN: "нагрузка {n}/10",
    volumeN: "поднято {kg} кг",
    pain: "боль",
    dayLabel_one: "{date}: {n} тренировка",
    dayLabel_few: "{date}: {n} тренировки",
    dayLabel_many: "{date}: {n} тренировок",
    dayLabel_other: "{date}: {n} тренировки",
    calendar: "Календарь тренировок",
  },
);

const MAX_PAGES = 5;

const loc = () => (locale() === "ru" ? "ru-RU" : "en-GB");
const ymd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

export class HistoryView implements View {
  private sessions: SessionSummary[] | null = null;
  private streak = 0;
  private error: unknown = null;
  // First day of the month shown.
  private month: Date;

  constructor(month: string) {
    const m = /^(\d{4})-(\d{2})$/.exec(month);
    this.month = m ? new Date(Number(m[1]), Number(m[2]) - 1, 1) : new Date(new Date().getFullYear(), new Date().getMonth(), 1);
    void this.load(!m);
  }

  private async load(toLatest: boolean): Promise<void> {
    this.error = null;
    try {
      const all: SessionSummary[] = [];
      let token = "";
      for (let i = 0; i < MAX_PAGES; i++) {
        const res = await api.listSessions(token);
        if (i === 0) this.streak = res.currentStreak ?? 0;
        all.push(...(res.sessions ?? []));
        token = res.nextPageToken ?? "";
        if (!token) break;
      }
      this.sessions = all;
      // Opened without a month: show the month of the latest session.
      const latest = all.find((s) => s.completeTime)?.completeTime;
      if (toLatest && latest) {
        const d = new Date(latest);
        this.month = new Date(d.getFullYear(), d.getMonth(), 1);
      }
    } catch (err) {
      if (handleAuth(err)) return;
      this.error = err;
    }
    update();
  }

  private move(by: number): void {
    this.month = new Date(this.month.getFullYear(), this.month.getMonth() + by, 1);
    const m = `${this.month.getFullYear()}-${String(this.month.getMonth() + 1).padStart(2, "0")}`;
    history.replaceState(null, "", `/history?month=${m}`);
    update();
  }

  private byDay(): Map<string, SessionSummary[]> {
    const out = new Map<string, SessionSummary[]>();
    for (const s of this.sessions ?? []) {
      if (!s.completeTime) continue;
      const k = ymd(new Date(s.completeTime));
      out.set(k, [...(out.get(k) ?? []), s]);
    }
    return out;
  }

  private calendar(days: Map<string, SessionSummary[]>): TemplateResult {
    const first = this.month;
    const y = first.getFullYear();
    const m = first.getMonth();
    const len = new Date(y, m + 1, 0).getDate();
    // Weeks start on Monday in both languages.
    const lead = (first.getDay() + 6) % 7;
    const cells: (number | null)[] = [...Array.from({ length: lead }, () => null), ...Array.from({ length: len }, (_, i) => i + 1)];
    while (cells.length % 7) cells.push(null);
    const rows = Array.from({ length: cells.length / 7 }, (_, r) => cells.slice(r * 7, r * 7 + 7));
    const wd = Array.from({ length: 7 }, (_, i) => new Date(2024, 0, 1 + i)); // 1 Jan 2024 was a Monday
    const today = ymd(new Date());
    const title = first.toLocaleDateString(loc(), { month: "long", year: "numeric" });
    return html`<div class="card cal" data-testid="calendar">
      <div class="cal-head">
        <button class="icon-btn" @click=${() => this.move(-1)} aria-label=${tx("prevMonth")} data-testid="cal-prev">‹</button>
        <h2 class="cal-title" aria-live="polite" data-testid="cal-month">${title}</h2>
        <button class="icon-btn" @click=${() => this.move(1)} aria-label=${tx("nextMonth")} data-testid="cal-next">›</button>
      </div>
      <table class="cal-grid" aria-label=${tx("calendar")}>
        <thead>
          <tr>${wd.map((d) => html`<th scope="col" abbr=${d.toLocaleDateString(loc(), { weekday: "long" })}>${d.toLocaleDateString(loc(), { weekday: "short" })}</th>`)}</tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr>
              ${r.map((d) => {
                if (d === null) return html`<td class="cal-pad"></td>`;
                const date = new Date(y, m, d);
                const key = ymd(date);
                const list = days.get(key) ?? [];
                const label = tp("dayLabel", list.length, { date: date.toLocaleDateString(loc(), { day: "numeric", month: "long" }) });
                const s = list[0];
                return html`<td class="${list.length ? "has" : ""} ${key === today ? "today" : ""} ${list.some((x) => x.pain) ? "pain" : ""}">
                  ${s
                    ? html`<a href="/plans/${encodeURIComponent(s.planId)}/weeks/${s.week}/days/${s.day}" data-nav aria-label=${label} data-testid="cal-day-${d}">
                        <span>${d}</span><span class="cal-dot" aria-hidden="true"></span>
                      </a>`
                    : html`<span class="cal-d">${d}</span>`}
                </td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private item(s: SessionSummary): TemplateResult {
    const when = s.completeTime ? new Date(s.completeTime).toLocaleDateString(loc(), { weekday: "short", day: "numeric", month: "short" }) : "";
    const facts = [
      s.perceivedEffort ? tx("effortN", { n: s.perceivedEffort }) : "",
      s.setsDone ? tp("setsN", s.setsDone) : "",
      s.volumeKg > 0 ? tx("volumeN", { kg: fmtKg(s.volumeKg) }) : "",
      s.cardioSeconds > 0 ? span(s.cardioSeconds) : "",
      s.distanceMeters > 0 ? distance(s.distanceMeters) : "",
    ].filter(Boolean);
    return html`<li class="session-item" data-testid="session-item">
      <a href="/plans/${encodeURIComponent(s.planId)}/weeks/${s.week}/days/${s.day}" data-nav>
        <span class="session-when">${when}</span>
        <span class="session-name"><strong>${s.workoutName}</strong> <span class="muted small">${t("week", { n: s.week })} · ${t("day", { n: s.day })}</span></span>
        <span class="muted small">${facts.join(" · ")}</span>
        ${s.pain ? html`<span class="badge badge-warn">${tx("pain")}</span>` : nothing}
      </a>
    </li>`;
  }

  render(): TemplateResult {
    if (this.error) return errorBox(this.error, () => void this.load(false));
    if (!this.sessions) return spinner();
    const days = this.byDay();
    const inMonth = this.sessions.filter((s) => {
      if (!s.completeTime) return false;
      const d = new Date(s.completeTime);
      return d.getFullYear() === this.month.getFullYear() && d.getMonth() === this.month.getMonth();
    });
    const monthName = this.month.toLocaleDateString(loc(), { month: "long", year: "numeric" });
    return html`
      <h1 data-testid="history-title">${tx("historyTitle")}</h1>
      <div class="stat-tiles">
        <div class="tile"><span class="tile-k">${tx("streakNow")}</span><strong data-testid="history-streak">${this.streak}</strong><span class="muted small">${tp("streak", this.streak).replace(/^\d+\s*/, "")}</span></div>
        <div class="tile"><span class="tile-k">${t("history")}</span><strong>${this.sessions.length}</strong><span class="muted small">${tp("total", this.sessions.length).replace(/^\d+\s*/, "")}</span></div>
      </div>
      ${this.sessions.length === 0 ? html`<div class="card empty" data-testid="history-empty"><p>${tx("none")}</p></div>` : nothing}
      ${this.calendar(days)}
      <section aria-labelledby="month-list">
        <h2 id="month-list" class="section-title">${tx("sessionsIn", { month: monthName })}</h2>
        ${inMonth.length ? html`<ul class="session-list">${inMonth.map((s) => this.item(s))}</ul>` : html`<p class="muted">${tx("monthEmpty")}</p>`}
      </section>
    `;
  }
}

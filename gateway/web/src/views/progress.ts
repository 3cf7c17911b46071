// Progress page of a plan: adherence and streaks, then charts — weekly sets per muscle group,
// estimated 1RM per lift, adherence per week, cardio minutes and distance — each with its numbers
// in a table for screen readers and the curious, and the personal records. Loaded lazily with
// its chart library (charts.ts), so the first load of the app does not carry them.

import { html, nothing, type TemplateResult } from "lit-html";
import { api, type PersonalRecord, type Plan, type Progress } from "../api";
import { errorBox, exerciseName, handleAuth, spinner, update, type View } from "../app";
import { mount, resizeAll, type ChartSpec } from "../charts";
import { distance, span } from "../dose";
import { locale, t, texts } from "../i18n";
import { fmtKg } from "../setlog";
import { muscle, recordKind, recordValue } from "../records";

export const tx = texts(
  {
    progressTitle: "Your progress",
    backToPlan2: "Back to the plan",
    adherence: "Sessions done",
    adherenceOf: "{done} of {planned}",
    streak: "Current streak",
    longest: "Longest streak",
    inARow: "sessions in a row",
    records: "Personal records",
    noRecords: "Records appear as you log loads, reps and times.",
    empty: "Nothing logged in this plan yet. Log a workout and your progress shows here.",
    volumeTitle: "Weekly volume per muscle group",
    volumeLead: "Hard sets done each week, by muscle group.",
    e1rmTitle: "Estimated 1-rep max per lift",
    e1rmLead: "From your heaviest sets (Epley); the trend matters more than the number.",
    e1rmNone: "No loaded lift logged yet.",
    adherenceTitle: "Adherence per week",
    adherenceLead: "Sessions done out of those planned.",
    cardioTitle: "Cardio per week",
    cardioLead: "Minutes and kilometres logged.",
    cardioNone: "No cardio logged yet.",
    asTable: "Show the numbers",
    weekCol: "Week",
    sessionCol: "Session",
    setsCol: "sets",
    minutesCol: "Minutes",
    kmCol: "Kilometres",
    percent: "%",
    wShort: "W{n}",
    wdShort: "W{w} D{d}",
    change: "{sign}{kg} kg since the first session",
    deload: "lighter week",
  },
  {
    progressTitle: "Ваш прогресс",
    backToPlan2: "Назад к плану",
    adherence: "Тренировок сделано",
    adherenceOf: "{done} из {planned}",
    streak: "Серия сейчас",
    longest: "Лучшая серия",
    inARow: "тренировок подряд",
    records: "Личные рекорды",
    noRecords: "Рекорды появятся, когда вы запишете веса, повторы и время.",
    empty: "В этом плане пока ничего не записано. Запишите тренировку — и прогресс появится здесь.",
    volumeTitle: "Объём за неделю по группам мышц",
    volumeLead: "Рабочие подходы за неделю по группам мышц.",
    e1rmTitle: "Расчётный разовый максимум по упражнениям",
    e1rmLead: "По самым тяжёлым подходам (формула Эпли); важнее тренд, чем число.",
    e1rmNone: "Упражнений с весом пока не записано.",
    adherenceTitle: "Выполнение плана по неделям",
    adherenceLead: "Сделано тренировок из запланированных.",
    cardioTitle: "Кардио по неделям",
    cardioLead: "Записанные минуты и километры.",
    cardioNone: "Кардио пока не записано.",
    asTable: "Показать цифры",
    weekCol: "Неделя",
    sessionCol: "Тренировка",
    setsCol: "подх.",
    minutesCol: "Минуты",
    kmCol: "Километры",
    percent: "%",
    wShort: "Н{n}",
    wdShort: "Н{w} Д{d}",
    change: "{sign}{kg} кг с первой тренировки",
    deload: "лёгкая неделя",
  },
);

const MAX_LIFTS = 6;

/** byExercise groups records by exercise, in the order the server gave them. */
function byExercise(rs: PersonalRecord[]): [string, PersonalRecord[]][] {
  const out = new Map<string, PersonalRecord[]>();
  for (const r of rs) out.set(r.exerciseSlug, [...(out.get(r.exerciseSlug) ?? []), r]);
  return [...out];
}

interface Figure {
  id: string;
  title: string;
  lead: string;
  spec: ChartSpec;
  // Column heads and rows of the table under the chart.
  head: string[];
  rows: string[][];
}

export class ProgressView implements View {
  private progress: Progress | null = null;
  private plan: Plan | null = null;
  private error: unknown = null;
  private readonly onResize = () => resizeAll();

  constructor(private readonly planId: string) {
    window.addEventListener("resize", this.onResize);
    void this.load();
  }

  private async load(): Promise<void> {
    this.error = null;
    try {
      const [pr, pl] = await Promise.all([api.progress(this.planId), api.getPlan(this.planId)]);
      this.progress = pr;
      this.plan = pl.plan;
    } catch (err) {
      if (handleAuth(err)) return;
      this.error = err;
    }
    update();
  }

  private figures(p: Progress): Figure[] {
    const weeks = p.weeks ?? [];
    const wl = weeks.map((w) => tx("wShort", { n: w.week }));
    const out: Figure[] = [];
    // Muscle groups in the order of their total sets, biggest first.
    const totals = new Map<string, number>();
    for (const w of weeks) for (const v of w.volume ?? []) totals.set(v.muscleGroup, (totals.get(v.muscleGroup) ?? 0) + v.sets);
    const groups = [...totals.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).map(([g]) => g);
    if (groups.length) {
      const val = (w: (typeof weeks)[number], g: string) => w.volume?.find((v) => v.muscleGroup === g);
      out.push({
        id: "volume",
        title: tx("volumeTitle"),
        lead: tx("volumeLead"),
        spec: {
          categories: wl,
          stacked: true,
          series: groups.map((g) => ({ label: muscle(g), values: weeks.map((w) => val(w, g)?.sets ?? 0) })),
        },
        head: [tx("weekCol"), ...groups.map(muscle)],
        rows: weeks.map((w) => [
          tx("wShort", { n: w.week }),
          ...groups.map((g) => {
            const v = val(w, g);
            if (!v || !v.sets) return "—";
            return `${v.sets} ${tx("setsCol")}${v.volumeKg > 0 ? ` · ${t("kgValue", { n: fmtKg(v.volumeKg) })}` : ""}`;
          }),
        ]),
      });
    }
    const lifts = [...(p.lifts ?? [])].filter((l) => (l.points ?? []).length).sort((a, b) => b.points.length - a.points.length).slice(0, MAX_LIFTS);
    if (lifts.length) {
      // Sessions where any lift was logged, in order: the chart's categories.
      const keys = new Map<string, { w: number; d: number }>();
      for (const l of lifts) for (const pt of l.points) keys.set(`${pt.week}/${pt.day}`, { w: pt.week, d: pt.day });
      const sessions = [...keys.values()].sort((a, b) => a.w - b.w || a.d - b.d);
      const at = (l: (typeof lifts)[number], s: { w: number; d: number }) => l.points.find((pt) => pt.week === s.w && pt.day === s.d)?.e1rmKg ?? null;
      out.push({
        id: "e1rm",
        title: tx("e1rmTitle"),
        lead: tx("e1rmLead"),
        spec: {
          categories: sessions.map((s) => tx("wdShort", { w: s.w, d: s.d })),
          series: lifts.map((l) => ({ label: l.name || exerciseName(l.exerciseSlug), values: sessions.map((s) => at(l, s)), kind: "line" as const })),
          unit: t("kgShort"),
          format: (v) => fmtKg(v),
        },
        head: [tx("sessionCol"), ...lifts.map((l) => l.name || exerciseName(l.exerciseSlug))],
        rows: sessions.map((s) => [tx("wdShort", { w: s.w, d: s.d }), ...lifts.map((l) => {
          const v = at(l, s);
          return v === null ? "—" : t("kgValue", { n: fmtKg(v) });
        })]),
      });
    }
    if (weeks.length)
      out.push({
        id: "adherence",
        title: tx("adherenceTitle"),
        lead: tx("adherenceLead"),
        spec: {
          categories: wl,
          series: [{ label: tx("adherence"), values: weeks.map((w) => Math.round((w.adherence ?? 0) * 100)) }],
          unit: tx("percent"),
        },
        head: [tx("weekCol"), tx("adherence")],
        rows: weeks.map((w) => [
          tx("wShort", { n: w.week }) + (w.deload ? ` (${tx("deload")})` : ""),
          `${tx("adherenceOf", { done: w.sessionsDone, planned: w.sessionsPlanned })} (${Math.round((w.adherence ?? 0) * 100)} %)`,
        ]),
      });
    if (weeks.some((w) => w.cardioSeconds > 0 || w.distanceMeters > 0))
      out.push({
        id: "cardio",
        title: tx("cardioTitle"),
        lead: tx("cardioLead"),
        spec: {
          categories: wl,
          series: [
            { label: tx("minutesCol"), values: weeks.map((w) => Math.round((w.cardioSeconds ?? 0) / 6) / 10) },
            { label: tx("kmCol"), values: weeks.map((w) => Math.round((w.distanceMeters ?? 0) / 100) / 10), right: true, kind: "line" as const },
          ],
          unit: t("minShort"),
          rightUnit: t("kmShort"),
          format: (v) => v.toLocaleString(locale() === "ru" ? "ru-RU" : "en-US", { maximumFractionDigits: 1 }),
        },
        head: [tx("weekCol"), tx("minutesCol"), tx("kmCol")],
        rows: weeks.map((w) => [tx("wShort", { n: w.week }), span(w.cardioSeconds ?? 0), (w.distanceMeters ?? 0) > 0 ? distance(w.distanceMeters) : "—"]),
      });
    return out;
  }

  private figure(f: Figure): TemplateResult {
    return html`<figure class="card chart-card" data-testid="chart-${f.id}" aria-labelledby="fig-${f.id}">
      <figcaption>
        <h2 id="fig-${f.id}">${f.title}</h2>
        <p class="muted small">${f.lead}</p>
      </figcaption>
      <div class="chart" data-chart=${f.id} aria-hidden="true"></div>
      <details class="chart-table">
        <summary>${tx("asTable")}</summary>
        <div class="table-wrap">
          <table>
            <thead><tr>${f.head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
            <tbody>${f.rows.map((r) => html`<tr>${r.map((c, i) => (i === 0 ? html`<th scope="row">${c}</th>` : html`<td>${c}</td>`))}</tr>`)}</tbody>
          </table>
        </div>
      </details>
    </figure>`;
  }

  render(): TemplateResult {
    if (this.error) return errorBox(this.error, () => void this.load());
    const p = this.progress;
    if (!p) return spinner();
    const figs = this.figures(p);
    const done = p.sessionsDone ?? 0;
    // Draw the charts once lit-html has put their boxes on the page.
    requestAnimationFrame(() => {
      for (const f of figs) {
        const el = document.querySelector<HTMLElement>(`[data-chart="${f.id}"]`);
        if (el) mount(el, f.spec, `${locale()}:${JSON.stringify(f.spec.series)}`);
      }
    });
    return html`
      <a class="back" href="/plans/${encodeURIComponent(this.planId)}" data-nav>‹ ${tx("backToPlan2")}</a>
      <h1 data-testid="progress-title">${tx("progressTitle")}</h1>
      ${this.plan ? html`<p class="lead">${this.plan.planName}</p>` : nothing}
      <div class="stat-tiles" data-testid="progress-stats">
        <div class="tile"><span class="tile-k">${tx("adherence")}</span><strong data-testid="stat-adherence">${Math.round((p.adherence ?? 0) * 100)} %</strong><span class="muted small">${tx("adherenceOf", { done, planned: p.sessionsPlanned ?? 0 })}</span></div>
        <div class="tile"><span class="tile-k">${tx("streak")}</span><strong data-testid="stat-streak">${p.currentStreak ?? 0}</strong><span class="muted small">${tx("inARow")}</span></div>
        <div class="tile"><span class="tile-k">${tx("longest")}</span><strong>${p.longestStreak ?? 0}</strong><span class="muted small">${tx("inARow")}</span></div>
      </div>
      ${done === 0 ? html`<div class="card empty" data-testid="progress-empty"><p>${tx("empty")}</p></div>` : nothing}
      <div class="charts">${figs.map((f) => this.figure(f))}</div>
      ${done > 0 && !figs.some((f) => f.id === "e1rm") ? html`<p class="muted">${tx("e1rmNone")}</p>` : nothing}
      <section class="card records" aria-labelledby="records-title" data-testid="records">
        <h2 id="records-title">${tx("records")}</h2>
        ${(p.records ?? []).length
          ? html`<ul class="record-list">
              ${byExercise(p.records).map(
                ([slug, rs]) => html`<li data-testid="record">
                  <a href="/history/exercises/${encodeURIComponent(slug)}" data-nav>${rs[0].name || exerciseName(slug)}</a>
                  ${rs.map((r) => html`<span class="rec"><span class="muted small">${recordKind(r.kind)}</span> <strong>${recordValue(r.kind, r.value)}</strong></span>`)}
                </li>`,
              )}
            </ul>`
          : html`<p class="muted">${tx("noRecords")}</p>`}
      </section>
    `;
  }

  destroy(): void {
    window.removeEventListener("resize", this.onResize);
  }
}

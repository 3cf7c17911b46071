// Home: the person's plans, and the button that generates a new one.

import { html, nothing } from "lit-html";
import { api, type PlanSummary } from "../api";
import { app, errorBox, handleAuth, navigate, newRequestID, spinner, update, type View } from "../app";
import { fmtDate, t, tk, tp } from "../i18n";

export class HomeView implements View {
  private plans: PlanSummary[] | null = null;
  private loadError: unknown = null;
  private generating = false;
  private genError: unknown = null;
  // Kept across retries so a retried generation answers the plan the first try made, if it did.
  private requestId = "";

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    this.loadError = null;
    try {
      const res = await api.listPlans();
      this.plans = res.plans ?? [];
    } catch (err) {
      if (handleAuth(err)) return;
      this.loadError = err;
    }
    update();
  }

  private async generate(): Promise<void> {
    if (!this.requestId) this.requestId = newRequestID();
    this.generating = true;
    this.genError = null;
    update();
    try {
      const res = await api.createPlan(this.requestId);
      this.requestId = "";
      navigate(`/plans/${encodeURIComponent(res.plan.id)}`);
    } catch (err) {
      if (handleAuth(err)) return;
      this.genError = err;
      this.generating = false;
      update();
    }
  }

  private generatingCard() {
    return html`<div class="card generating" role="status" data-testid="generating">
      <div class="pulse" aria-hidden="true"><span></span><span></span><span></span></div>
      <h2>${t("generating")}</h2>
      <p class="muted">${t("generatingLead")}</p>
    </div>`;
  }

  render() {
    if (this.loadError) return errorBox(this.loadError, () => void this.load());
    if (!this.plans) return spinner();
    const p = app.profile;
    if (this.plans.length === 0) {
      return html`
        <section class="hero">
          <h1>${t("noPlansTitle")}</h1>
          <p class="lead">${t("noPlansLead")}</p>
        </section>
        ${p
          ? html`<div class="card summary">
              <div class="summary-goal">${t("quoted", { s: p.goal })}</div>
              <ul class="facts">
                <li>${tk(p.fitnessLevel)}</li>
                <li>${t("daysPerWeek")}: <strong>${p.daysPerWeek}</strong></li>
                <li>${tp("weeks", p.durationWeeks)}</li>
                <li>${t("minutes", { n: p.sessionMinutes })}</li>
                <li>${t("archetype")}: <strong>${tk(p.archetype)}</strong></li>
              </ul>
            </div>`
          : nothing}
        ${this.genError ? errorBox(this.genError, () => void this.generate()) : nothing}
        ${this.generating
          ? this.generatingCard()
          : html`<div class="actions actions-center">
              <button class="btn btn-cta btn-lg" @click=${() => this.generate()} data-testid="generate">${t("generate")}</button>
            </div>`}
      `;
    }
    return html`
      <div class="page-head">
        <h1>${t("plansTitle")}</h1>
        ${this.generating
          ? nothing
          : html`<button class="btn btn-primary" @click=${() => this.generate()} data-testid="generate">${t("generateAnother")}</button>`}
      </div>
      ${this.genError ? errorBox(this.genError, () => void this.generate()) : nothing}
      ${this.generating ? this.generatingCard() : nothing}
      <ul class="plan-list">
        ${this.plans.map(
          (pl) => html`<li>
            <a class="card plan-card" href="/plans/${encodeURIComponent(pl.id)}" data-nav data-testid="plan-link">
              <div class="plan-card-main">
                <h2>${pl.planName}</h2>
                <p class="muted">${pl.goal}</p>
              </div>
              <div class="plan-card-meta">
                <span class="badge">${tp("weeks", pl.durationWeeks)}</span>
                ${pl.state === "PLAN_STATE_PENDING" ? html`<span class="badge badge-next" data-testid="plan-pending-badge">${t("planPendingBadge")}</span>` : nothing}
                ${pl.state === "PLAN_STATE_FAILED" ? html`<span class="badge badge-warn">${t("planFailedBadge")}</span>` : nothing}
                <span class="badge badge-soft">${tk("provider_" + pl.provider, pl.provider)}</span>
                ${pl.createTime ? html`<span class="muted small">${t("createdAt", { d: fmtDate(pl.createTime) })}</span>` : nothing}
              </div>
              <span class="chev" aria-hidden="true">›</span>
            </a>
          </li>`,
        )}
      </ul>
    `;
  }
}

// Sign in: a demo token from `fitcoach dev`, or a bearer token pasted from the identity provider.

import { html, nothing } from "lit-html";
import { ApiError, api, violationsByField } from "../api";
import { app, errorText, navigate, signIn, update, type View } from "../app";
import { localizeMessage, t } from "../i18n";

export class SignInView implements View {
  private name = "";
  private token = "";
  private busy: "" | "demo" | "token" = "";
  private demoError = "";
  private tokenError = "";
  private readonly flash: string;

  constructor() {
    this.flash = app.flash;
    app.flash = "";
  }

  private async demo(e: Event): Promise<void> {
    e.preventDefault();
    this.busy = "demo";
    this.demoError = "";
    update();
    try {
      const res = await api.devToken(this.name.trim() || undefined);
      signIn(res.token);
      navigate("/", true);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 405)) this.demoError = t("demoUnavailable");
      else if (err instanceof ApiError && err.violations.length)
        this.demoError = [...violationsByField(err.violations, [], localizeMessage).values()].flat().join(" ");
      else this.demoError = errorText(err);
    } finally {
      this.busy = "";
      update();
    }
  }

  private async useToken(e: Event): Promise<void> {
    e.preventDefault();
    const tok = this.token.trim().replace(/^Bearer\s+/i, "");
    if (!tok) {
      this.tokenError = t("tokenEmpty");
      update();
      return;
    }
    this.busy = "token";
    this.tokenError = "";
    update();
    signIn(tok);
    try {
      await api.getProfile();
      navigate("/", true);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        navigate("/onboarding", true);
      } else {
        this.tokenError = t("tokenRejected") + errorText(err);
        signIn("");
        localStorage.removeItem("fitcoach.token");
      }
    } finally {
      this.busy = "";
      update();
    }
  }

  render() {
    return html`
      <section class="hero">
        <h1>${t("signInTitle")}</h1>
        <p class="lead">${t("signInLead")}</p>
      </section>
      ${this.flash ? html`<div class="alert alert-info" role="status">${this.flash}</div>` : nothing}
      <div class="grid-2">
        <form class="card card-accent" @submit=${(e: Event) => this.demo(e)} data-testid="demo-form">
          <h2>${t("demoTitle")}</h2>
          <p class="muted">${t("demoLead")}</p>
          <label class="field">
            <span class="label">${t("demoName")}</span>
            <input
              type="text"
              autocomplete="nickname"
              maxlength="64"
              .value=${this.name}
              @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)}
              data-testid="demo-name"
            />
            <span class="hint">${t("demoNameHint")}</span>
          </label>
          ${this.demoError ? html`<p class="field-error" role="alert">${this.demoError}</p>` : nothing}
          <button class="btn btn-primary btn-block" type="submit" ?disabled=${!!this.busy} data-testid="demo-signin">
            ${this.busy === "demo" ? html`<span class="spin" aria-hidden="true"></span>` : nothing}${t("demoButton")}
          </button>
        </form>
        <form class="card" @submit=${(e: Event) => this.useToken(e)} data-testid="token-form">
          <h2>${t("tokenTitle")}</h2>
          <p class="muted">${t("tokenLead")}</p>
          <label class="field">
            <span class="label">${t("tokenLabel")}</span>
            <textarea
              rows="3"
              spellcheck="false"
              autocomplete="off"
              class="mono"
              placeholder="eyJhbGciOi…"
              .value=${this.token}
              @input=${(e: Event) => (this.token = (e.target as HTMLTextAreaElement).value)}
              data-testid="token-input"
            ></textarea>
          </label>
          ${this.tokenError ? html`<p class="field-error" role="alert">${this.tokenError}</p>` : nothing}
          <button class="btn btn-secondary btn-block" type="submit" ?disabled=${!!this.busy} data-testid="token-signin">
            ${this.busy === "token" ? html`<span class="spin" aria-hidden="true"></span>` : nothing}${t("tokenButton")}
          </button>
        </form>
      </div>
    `;
  }
}

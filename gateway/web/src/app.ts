// Application state shared by the views, the client-side router's navigate, and small helpers.

import { html, nothing, type TemplateResult } from "lit-html";
import { ApiError, api, setToken, type LocalizedText, type Profile } from "./api";
import { asLocale, locale, setLocale, t } from "./i18n";

/** View is one page: it renders from its own state and asks for a re-render with update(). */
export interface View {
  render(): TemplateResult;
  destroy?(): void;
}

const TOKEN_KEY = "fitcoach.token";
const LOCALE_KEY = "fitcoach.locale";

export const app = {
  token: "",
  sub: "",
  profile: null as Profile | null,
  // Exercise names from the catalog, by lower-case slug and code; filled in the background.
  names: new Map<string, LocalizedText>(),
  // Days known to be completed, by "planId/week/day".
  done: new Map<string, boolean>(),
  flash: "",
};

let rerender: () => void = () => {};
let go: (path: string, replace: boolean) => void = () => {};

/** bindRouter connects the state helpers to main's renderer and router. */
export function bindRouter(render: () => void, navigateTo: (path: string, replace: boolean) => void): void {
  rerender = render;
  go = navigateTo;
}

/** update re-renders the current view. */
export function update(): void {
  rerender();
}

/** navigate moves to a client-side route. */
export function navigate(path: string, replace = false): void {
  go(path, replace);
}

/** subjectOf reads the `sub` claim of a JWT without verifying it (the server does that). */
export function subjectOf(token: string): string {
  try {
    const part = token.split(".")[1] ?? "";
    const json = atob(part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "="));
    const claims = JSON.parse(json) as { sub?: string };
    return claims.sub ?? "";
  } catch {
    return "";
  }
}

/** signIn stores the token for this browser. */
export function signIn(token: string): void {
  app.token = token.trim();
  app.sub = subjectOf(app.token);
  app.profile = null;
  app.done.clear();
  setToken(app.token);
  localStorage.setItem(TOKEN_KEY, app.token);
}

/** signOut forgets the token and returns to the sign-in page. */
export function signOut(message = ""): void {
  app.token = "";
  app.sub = "";
  app.profile = null;
  app.done.clear();
  app.flash = message;
  setToken("");
  localStorage.removeItem(TOKEN_KEY);
  navigate("/signin", true);
}

/** restore picks up the token and pre-onboarding language saved in this browser. */
export function restore(): void {
  const saved = localStorage.getItem(LOCALE_KEY);
  setLocale(asLocale(saved ?? navigator.language));
  const tok = localStorage.getItem(TOKEN_KEY);
  if (tok) {
    app.token = tok;
    app.sub = subjectOf(tok);
    setToken(tok);
  }
}

/** chooseLocale switches the language before onboarding and remembers it. */
export function chooseLocale(l: "en" | "ru"): void {
  setLocale(l);
  localStorage.setItem(LOCALE_KEY, l);
  update();
}

/** useProfile makes the profile's locale the interface language. */
export function useProfile(p: Profile): void {
  app.profile = p;
  setLocale(asLocale(p.locale));
  localStorage.setItem(LOCALE_KEY, locale());
}

let namesLoading = false;

/** loadNames fetches the catalog's exercise names once; plans carry only slugs. */
export function loadNames(): void {
  if (namesLoading || app.names.size > 0) return;
  namesLoading = true;
  api
    .listExercises()
    .then((r) => {
      for (const e of r.exercises ?? []) {
        if (!e.name) continue;
        app.names.set(e.slug.toLowerCase(), e.name);
        if (e.code) app.names.set(e.code.toLowerCase(), e.name);
      }
      update();
    })
    .catch(() => {
      // Names are a nicety: the slug, prettified, stands in for them.
    })
    .finally(() => {
      namesLoading = false;
    });
}

/** exerciseName is the exercise's name in the current language, or its prettified slug. */
export function exerciseName(slug: string, given = ""): string {
  const n = app.names.get(slug.toLowerCase());
  const fromCatalog = n ? (locale() === "ru" ? n.ru || n.en : n.en || n.ru) : "";
  if (fromCatalog) return fromCatalog;
  if (given) return given;
  const s = slug.replace(/[-_]+/g, " ").trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** handleAuth signs out on 401 and reports whether it did. */
export function handleAuth(err: unknown): boolean {
  if (err instanceof ApiError && err.status === 401) {
    signOut(t("sessionExpired"));
    return true;
  }
  return false;
}

/** errorText is a one-line description of a failed call. */
export function errorText(err: unknown): string {
  // A request that never reached the server (status 0) is the network, not the server: say so
  // in the person's language instead of the browser's "Failed to fetch".
  if (err instanceof ApiError && err.status === 0) return t("offline");
  if (err instanceof ApiError) return err.message || err.code;
  return err instanceof Error ? err.message : String(err);
}

/** errorBox renders a failed call with its request id and an optional retry. */
export function errorBox(err: unknown, retry?: () => void): TemplateResult {
  const rid = err instanceof ApiError && err.requestId ? err.requestId : "";
  return html`<div class="alert alert-error" role="alert" data-testid="error">
    <div>
      <strong>${t("errorTitle")}</strong>
      <div>${errorText(err)}</div>
      ${rid ? html`<div class="muted small">${t("requestId", { id: rid })}</div>` : nothing}
    </div>
    ${retry ? html`<button class="btn btn-ghost" @click=${retry}>${t("retry")}</button>` : nothing}
  </div>`;
}

/** spinner is the loading indicator. */
export function spinner(label = t("loading")): TemplateResult {
  return html`<div class="loading" role="status"><span class="spin" aria-hidden="true"></span>${label}</div>`;
}

/** newRequestID makes an idempotency key; crypto.randomUUID needs a secure context, this does not. */
export function newRequestID(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return "web-" + Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/** dayKey names a day of a plan in app.done. */
export function dayKey(planId: string, week: number, day: number): string {
  return `${planId}/${week}/${day}`;
}

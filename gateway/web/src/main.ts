// Entry point: the router, the page frame and the sign-in/onboarding guards.

import { html, nothing, render, type TemplateResult } from "lit-html";
import "./style.css";
import { ApiError, api } from "./api";
import { app, bindRouter, chooseLocale, dayKey, errorBox, loadNames, restore, signOut, spinner, update, useProfile, type View } from "./app";
import { startOutbox } from "./outbox";
import { locale, t } from "./i18n";
import { SignInView } from "./views/signin";
import { ProfileView } from "./views/profile";
import { HomeView } from "./views/home";
import { PlanView } from "./views/plan";

const root = document.getElementById("app")!;
let view: View | null = null;
let guardError: unknown = null;

type Route = { pattern: RegExp; auth: boolean; needsProfile: boolean; make: (m: RegExpMatchArray, q: URLSearchParams) => View };

const routes: Route[] = [
  { pattern: /^\/signin$/, auth: false, needsProfile: false, make: () => new SignInView() },
  { pattern: /^\/onboarding$/, auth: true, needsProfile: false, make: () => new ProfileView(true) },
  { pattern: /^\/profile$/, auth: true, needsProfile: true, make: () => new ProfileView(false) },
  { pattern: /^\/$/, auth: true, needsProfile: true, make: () => new HomeView() },
  {
    pattern: /^\/plans\/([^/]+)$/,
    auth: true,
    needsProfile: true,
    make: (m, q) => new PlanView(decodeURIComponent(m[1]), Number(q.get("week")) || 1, q.get("changes") === "1"),
  },
  {
    pattern: /^\/plans\/([^/]+)\/progress$/,
    auth: true,
    needsProfile: true,
    make: (m) => lazy(async () => new (await import("./views/progress")).ProgressView(decodeURIComponent(m[1]))),
  },
  {
    pattern: /^\/plans\/([^/]+)\/report$/,
    auth: true,
    needsProfile: true,
    make: (m, q) => lazy(async () => new (await import("./views/report")).ReportView(decodeURIComponent(m[1]), Number(q.get("week") ?? "0") || 0)),
  },
  { pattern: /^\/history$/, auth: true, needsProfile: true, make: (_, q) => lazy(async () => new (await import("./views/history")).HistoryView(q.get("month") ?? "")) },
  {
    pattern: /^\/history\/exercises\/([^/]+)$/,
    auth: true,
    needsProfile: true,
    make: (m) => lazy(async () => new (await import("./views/exercise")).ExerciseView(decodeURIComponent(m[1]))),
  },
  {
    pattern: /^\/plans\/([^/]+)\/weeks\/(\d+)\/days\/(\d+)$/,
    auth: true,
    needsProfile: true,
    // The workout (player, log form) is its own chunk: the first load stays small.
    make: (m) => lazy(async () => new (await import("./views/day")).DayView(decodeURIComponent(m[1]), Number(m[2]), Number(m[3]))),
  },
];

/**
 * lazy is a view whose code is loaded when it is first shown (progress charts, history, reports),
 * so the first load stays small. A failed load (offline) offers to try again.
 */
function lazy(load: () => Promise<View>): View {
  let inner: View | null = null;
  let failed: unknown = null;
  let gone = false;
  const start = () => {
    failed = null;
    load()
      .then((v) => {
        if (gone) return v.destroy?.();
        inner = v;
        update();
      })
      .catch((err: unknown) => {
        failed = new ApiError(0, "UNAVAILABLE", err instanceof Error ? err.message : String(err));
        update();
      });
  };
  start();
  return {
    render: () => (failed ? errorBox(failed, () => (start(), update())) : inner ? inner.render() : spinner()),
    destroy: () => {
      gone = true;
      inner?.destroy?.();
    },
  };
}

function frame(body: TemplateResult): TemplateResult {
  const signedIn = !!app.token;
  const onboarded = !!app.profile;
  const path = location.pathname;
  return html`
    <header class="topbar">
      <div class="topbar-inner">
        <a class="brand" href="/" @click=${link}>
          <span class="logo" aria-hidden="true">
            <svg viewBox="0 0 64 64" width="28" height="28"><rect width="64" height="64" rx="14" fill="currentColor" /><path d="M14 27h6v10h-6zM44 27h6v10h-6zM20 23h5v18h-5zM39 23h5v18h-5zM25 30h14v4H25z" fill="#fff" /></svg>
          </span>
          <span class="brand-text"><strong>fitcoach</strong><span class="tagline">${t("appTagline")}</span></span>
        </a>
        <nav class="nav">
          ${signedIn && onboarded
            ? html`<a href="/" class=${path === "/" || path.startsWith("/plans") ? "active" : ""} aria-current=${path === "/" || path.startsWith("/plans") ? "page" : "false"} @click=${link} data-testid="nav-plans">${t("navPlans")}</a>
                <a href="/history" class=${path.startsWith("/history") ? "active" : ""} @click=${link} data-testid="nav-history">${t("history")}</a>
                <a href="/profile" class=${path === "/profile" ? "active" : ""} @click=${link} data-testid="nav-profile">${t("navProfile")}</a>`
            : nothing}
          ${!onboarded
            ? html`<div class="lang" role="group" aria-label="Language">
                <button class=${locale() === "en" ? "on" : ""} @click=${() => chooseLocale("en")} data-testid="lang-en">EN</button>
                <button class=${locale() === "ru" ? "on" : ""} @click=${() => chooseLocale("ru")} data-testid="lang-ru">RU</button>
              </div>`
            : nothing}
          ${signedIn
            ? html`<button
                class="btn btn-ghost btn-sm"
                @click=${() => {
                  // One tap on the avatar must not end a session by accident.
                  if (confirm(t("signOutConfirm"))) signOut();
                }}
                title=${app.sub}
                data-testid="sign-out"
              >
                <span class="avatar" aria-hidden="true">${(app.sub || "?").charAt(0).toUpperCase()}</span>
                <span class="hide-sm">${t("signOut")}</span>
              </button>`
            : nothing}
        </nav>
      </div>
    </header>
    <main class="page">${body}</main>
  `;
}

// Set when a new view is shown: its heading gets the focus once it is drawn, so keyboard and
// screen-reader users start at the new page, not at <body>.
let focusPending = false;

function draw(): void {
  let body: TemplateResult;
  if (guardError) body = errorBox(guardError, () => route());
  else body = view ? view.render() : spinner();
  render(frame(body), root);
  const h1 = root.querySelector<HTMLElement>("main h1");
  const title = h1?.textContent?.trim();
  document.title = title ? `${title} · fitcoach` : "fitcoach";
  if (focusPending && h1) {
    focusPending = false;
    h1.tabIndex = -1;
    h1.focus({ preventScroll: true });
  }
}

/** link makes a same-origin anchor click a client-side navigation. */
function link(e: MouseEvent): void {
  const a = e.currentTarget as HTMLAnchorElement;
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigateTo(a.getAttribute("href") ?? "/", false);
}

function navigateTo(path: string, replace: boolean): void {
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  void route();
}

let routing = 0;

async function route(): Promise<void> {
  const seq = ++routing;
  guardError = null;
  const url = new URL(location.href);
  const r = routes.find((x) => x.pattern.test(url.pathname));
  if (!r) {
    history.replaceState(null, "", "/");
    return route();
  }
  if (r.auth && !app.token) {
    history.replaceState(null, "", "/signin");
    return route();
  }
  if (!r.auth && app.token && url.pathname === "/signin") {
    history.replaceState(null, "", "/");
    return route();
  }
  if (r.auth && !app.profile) {
    view?.destroy?.();
    view = null;
    draw();
    try {
      const res = await api.getProfile();
      if (seq !== routing) return;
      useProfile(res.profile);
    } catch (err) {
      if (seq !== routing) return;
      if (err instanceof ApiError && err.status === 401) {
        signOut(t("sessionExpired"));
        return;
      }
      if (!(err instanceof ApiError && err.status === 404)) {
        guardError = err;
        draw();
        return;
      }
    }
    loadNames();
  }
  if (r.needsProfile && !app.profile) {
    history.replaceState(null, "", "/onboarding");
    return route();
  }
  if (url.pathname === "/onboarding" && app.profile) {
    history.replaceState(null, "", "/");
    return route();
  }
  view?.destroy?.();
  view = r.make(url.pathname.match(r.pattern)!, url.searchParams);
  focusPending = true;
  window.scrollTo(0, 0);
  draw();
}

bindRouter(draw, navigateTo);
window.addEventListener("popstate", () => void route());
restore();
void route();
startOutbox((p) => {
  app.done.set(dayKey(p.planId, p.week, p.day), true);
  update();
});

// Arrow keys move the choice within a radio group, as in native radio buttons.
document.addEventListener("keydown", (e) => {
  const radio = (e.target as Element | null)?.closest?.('[role="radio"]') as HTMLElement | null;
  const group = radio?.closest('[role="radiogroup"]');
  if (!radio || !group) return;
  const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
  if (!step) return;
  const radios = [...group.querySelectorAll<HTMLElement>('[role="radio"]')];
  const next = radios[(radios.indexOf(radio) + step + radios.length) % radios.length];
  e.preventDefault();
  next.focus();
  next.click();
});

// Links rendered by views use this attribute to navigate without a reload.
document.addEventListener("click", (e) => {
  const a = (e.target as Element | null)?.closest?.("a[data-nav]") as HTMLAnchorElement | null;
  if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigateTo(a.getAttribute("href") ?? "/", false);
});

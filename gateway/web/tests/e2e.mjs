// Browser test of the web client as a person uses it, in Debian's Chromium driven by
// playwright-core: sign in with a demo token, onboard (an invalid field first, whose API message
// must show at the field; objectives and a joint to spare picked), generate a plan, see a day's
// blocks labelled, holds in seconds and cardio in minutes, open day 1, start the workout and see
// the first video really play and advance, log what each exercise measures (nothing pre-filled),
// complete the workout and see it marked done, and find the objectives and injury on the profile —
// at desktop width with an English profile and at phone width with a Russian one. Screenshots of
// every step go to artifacts/web/.
//
// It builds the fitcoach CLI and runs `fitcoach dev` on free loopback ports with a fresh data
// directory, and always stops it. FITCOACH_URL runs against a server that is already up instead.
// Prints "web: N passed, M failed" and exits non-zero on any failure.

import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, mkdirSync, rmSync, openSync, readdirSync, readFileSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const artifacts = join(repo, "artifacts", "web");
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const axePath = join(here, "..", "node_modules", "axe-core", "axe.min.js");
const STEP_TIMEOUT = 20_000;
const GENERATE_TIMEOUT = 90_000;

let passed = 0;
let failed = 0;
const failures = [];
let server = null;
const tmp = mkdtempSync(join(tmpdir(), "fitcoach-web-e2e-"));

function log(...a) {
  console.log(...a);
}

async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    log(`  ok    ${name} (${Date.now() - t0} ms)`);
    return true;
  } catch (err) {
    failed++;
    const msg = (err && err.message ? err.message : String(err)).split("\n").slice(0, 6).join("\n        ");
    failures.push(`${name}: ${msg}`);
    log(`  FAIL  ${name}\n        ${msg}`);
    return false;
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  try {
    server.kill("SIGTERM");
  } catch {
    // already gone
  }
}

async function waitReady(base, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`fitcoach exited with code ${child.exitCode}; see artifacts/web/fitcoach.log`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) return;
      last = `${r.status} ${await r.text()}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`not ready after ${timeoutMs} ms: ${last}`);
}

async function startServer() {
  if (process.env.FITCOACH_URL) return process.env.FITCOACH_URL.replace(/\/$/, "");
  const bin = join(tmp, "fitcoach");
  log(`building fitcoach → ${bin}`);
  execFileSync("go", ["build", "-o", bin, "./cmd/fitcoach"], { cwd: repo, stdio: "inherit" });
  const [httpPort, grpcPort] = [await freePort(), await freePort()];
  const dataDir = join(tmp, "data");
  mkdirSync(dataDir, { recursive: true });
  const out = openSync(join(artifacts, "fitcoach.log"), "w");
  const args = ["dev", "--data-dir", dataDir, "--http-addr", `127.0.0.1:${httpPort}`, "--grpc-addr", `127.0.0.1:${grpcPort}`];
  log(`starting fitcoach ${args.join(" ")}`);
  // The server runs from the data directory so nothing it writes lands in the repository.
  server = spawn(bin, args, { cwd: tmp, stdio: ["ignore", out, out], env: { ...process.env, OPENAI_API_KEY: "" } });
  const base = `http://127.0.0.1:${httpPort}`;
  await waitReady(base, server, 120_000);
  return base;
}

async function shot(page, prefix, n, name) {
  const file = join(artifacts, `${prefix}-${String(n).padStart(2, "0")}-${name}.png`);
  // A full-page shot of a scrolled page paints the sticky header mid-page; shoot from the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
}

/**
 * axeProblems runs axe-core (WCAG 2 A and AA rules) on the page as it is and lists the serious and
 * critical violations, each with the elements it found.
 */
async function axeProblems(page) {
  // Evaluated through the DevTools protocol, which the page's CSP (script-src 'self') allows,
  // unlike an injected inline <script>.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(readFileSync(axePath, "utf8"));
  const res = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  return res.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

/** openBrowser starts Chromium with a fresh profile and collects the page's errors. */
async function openBrowser(label, viewport, isMobile) {
  const profileDir = mkdtempSync(join(tmp, `chromium-${label}-`));
  const ctx = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport,
    deviceScaleFactor: isMobile ? 2 : 1,
    isMobile,
    hasTouch: isMobile,
    locale: "en-US",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-dev-shm-usage",
    ],
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT);
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    // 4xx answers the flow expects (404 profile before onboarding, 400 on the invalid field)
    // are logged by Chromium as resource errors; server failures are caught below instead.
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) pageErrors.push(`console: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 500) pageErrors.push(`${r.request().method()} ${r.url()} answered ${r.status()}`);
  });
  return { ctx, page, pageErrors };
}

async function journey(base, label, viewport, isMobile, profileLocale) {
  log(`\n${label} (${viewport.width}x${viewport.height}, profile locale ${profileLocale})`);
  const { ctx, page, pageErrors } = await openBrowser(label, viewport, isMobile);
  let step = 0;
  const snap = (name) => shot(page, label, ++step, name);
  const tid = (id) => page.getByTestId(id);
  const ru = profileLocale === "ru";
  // Days of week 1 that hold a cardio exercise and a timed hold, found in the generated plan.
  let planId = "";
  let cardioDay = 0;
  let holdDay = 0;
  let workDay = 1;
  let restDay = 0;
  // The exercise whose set was ticked in the panel, and the log rows filled in.
  let ticked = -1;
  let held = -1;
  let logged = { hold: -1, cardio: -1 };

  // Each step needs the one before; after a failure the rest of this journey is skipped.
  const steps = [
    [
      "sign-in page shows both ways in",
      async () => {
        await page.goto(base + "/");
        await tid("demo-signin").waitFor();
        await tid("token-input").waitFor();
        assert(new URL(page.url()).pathname === "/signin", `expected /signin, at ${page.url()}`);
        await snap("signin");
      },
    ],
    [
      "a token the server does not accept is refused with its message",
      async () => {
        await tid("token-input").fill("not.a-valid.token");
        const [res] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith("/v1/me/profile")),
          tid("token-signin").click(),
        ]);
        assert(res.status() === 401, `GET /v1/me/profile with a bad token answered ${res.status()}, want 401`);
        await page.locator('[data-testid="token-form"] .field-error').waitFor();
        assert(new URL(page.url()).pathname === "/signin", `left the sign-in page for ${page.url()}`);
        await tid("token-input").fill("");
      },
    ],
    [
      "demo sign-in leads a new person to onboarding",
      async () => {
        await tid("demo-signin").click();
        await tid("profile-form").waitFor();
        assert(new URL(page.url()).pathname === "/onboarding", `expected /onboarding, at ${page.url()}`);
        await snap("onboarding");
      },
    ],
    [
      "an invalid field (9 days per week) shows the API's message at that field",
      async () => {
        // The unbroken word must wrap on a phone, not widen the page.
        await tid("input-goal").fill("Get stronger and feel fit for hiking #abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789");
        await tid("level-FITNESS_LEVEL_INTERMEDIATE").click();
        // Arrow keys move the choice in a radio group.
        await page.keyboard.press("ArrowRight");
        assert((await tid("level-FITNESS_LEVEL_ADVANCED").getAttribute("aria-checked")) === "true", "ArrowRight did not choose the next level");
        await page.keyboard.press("ArrowLeft");
        assert((await tid("level-FITNESS_LEVEL_INTERMEDIATE").getAttribute("aria-checked")) === "true", "ArrowLeft did not choose the previous level");
        await tid("equipment-dumbbell").click();
        await tid("equipment-band").click();
        await tid("input-daysPerWeek").fill("9");
        await tid("input-durationWeeks").fill("4");
        await tid("input-sessionMinutes").fill("45");
        await tid("input-limitations").fill("sore left knee");
        await tid("archetype-ARCHETYPE_PEER").click();
        await tid("objective-OBJECTIVE_STRENGTH").click();
        await tid("objective-OBJECTIVE_ENDURANCE").click();
        await tid("injury-JOINT_KNEES").check();
        const primary = (await tid("objective-OBJECTIVE_STRENGTH").innerText()).trim();
        assert(/main|главное/.test(primary), `the first objective picked is not marked primary: "${primary}"`);
        await tid(`locale-${profileLocale}`).click();
        const [res] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith("/v1/me/profile") && r.request().method() === "PUT"),
          tid("save-profile").click(),
        ]);
        assert(res.status() === 400, `PUT /v1/me/profile answered ${res.status()}, want 400`);
        const body = await res.json();
        const v = (body.violations ?? []).find((x) => /days_?per_?week/i.test(x.field));
        assert(v, `no violation for days per week in ${JSON.stringify(body)}`);
        const shown = tid("error-daysPerWeek");
        await shown.waitFor();
        const text = (await shown.innerText()).trim();
        if (ru) assert(text.includes("от 2 до 6"), `field shows "${text}", want it in Russian; API said "${v.message}"`);
        else assert(text.includes(v.message), `field shows "${text}", API said "${v.message}"`);
        const inField = await page.locator('[data-field="daysPerWeek"] [data-testid="error-daysPerWeek"]').count();
        assert(inField === 1, "the message is not inside the days-per-week field");
        await snap("onboarding-invalid");
        // A reload (or a session renewed mid-form) keeps what was typed.
        await page.reload();
        await tid("profile-form").waitFor();
        assert((await tid("input-goal").inputValue()).startsWith("Get stronger"), "the goal typed was lost on reload");
        assert(await tid("injury-JOINT_KNEES").isChecked(), "the injury ticked was lost on reload");
      },
    ],
    [
      "a valid profile is saved and the interface follows its locale",
      async () => {
        await tid("input-daysPerWeek").fill("4");
        await tid(`locale-${profileLocale}`).click();
        const [res] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith("/v1/me/profile") && r.request().method() === "PUT"),
          tid("save-profile").click(),
        ]);
        assert(res.status() === 200, `PUT /v1/me/profile answered ${res.status()}: ${await res.text()}`);
        const sent = res.request().postDataJSON();
        const saved = (await res.json()).profile;
        const objectives = ["OBJECTIVE_STRENGTH", "OBJECTIVE_ENDURANCE"];
        assert(JSON.stringify(sent.objectives) === JSON.stringify(objectives), `sent objectives ${JSON.stringify(sent.objectives)}`);
        assert(JSON.stringify(sent.injuries) === JSON.stringify(["JOINT_KNEES"]), `sent injuries ${JSON.stringify(sent.injuries)}`);
        assert(JSON.stringify(saved.objectives) === JSON.stringify(objectives), `stored objectives ${JSON.stringify(saved.objectives)}`);
        assert(JSON.stringify(saved.injuries) === JSON.stringify(["JOINT_KNEES"]), `stored injuries ${JSON.stringify(saved.injuries)}`);
        await tid("generate").waitFor();
        assert((await tid("error-daysPerWeek").count()) === 0, "old error still shown");
        const lang = await page.evaluate(() => document.documentElement.lang);
        assert(lang === profileLocale, `interface language ${lang}, profile says ${profileLocale}`);
        const label = (await tid("generate").innerText()).trim();
        const want = profileLocale === "ru" ? "Составить мой план" : "Generate my plan";
        assert(label === want, `generate button says "${label}", want "${want}"`);
        await snap("ready-to-generate");
      },
    ],
    [
      "generating shows the plan: weeks, days, exercises and how it was made",
      async () => {
        await tid("generate").click();
        await tid("plan-name").waitFor({ timeout: GENERATE_TIMEOUT });
        assert(/^\/plans\/[^/]+$/.test(new URL(page.url()).pathname), `expected /plans/{id}, at ${page.url()}`);
        const weeks = await page.locator('[data-testid^="week-"]').count();
        assert(weeks === 4, `want 4 week tabs, got ${weeks}`);
        const days = await page.locator(".day-card").count();
        assert(days === 7, `want 7 day cards, got ${days}`);
        const exercises = await page.locator(".day-card .ex-list li").count();
        assert(exercises >= 4, `want exercises listed, got ${exercises}`);
        const rest = await page.locator(".day-card.is-rest").count();
        assert(rest >= 1, "no rest day marked in week 1");
        const provider = ((await tid("prov-provider").textContent()) ?? "").trim();
        assert(provider && provider !== "—", "provenance has no planner");
        planId = decodeURIComponent(new URL(page.url()).pathname.split("/")[2]);
        const plan = await page.evaluate(async (id) => {
          const r = await fetch(`/v1/me/plans/${encodeURIComponent(id)}`, {
            headers: { Authorization: `Bearer ${localStorage.getItem("fitcoach.token")}` },
          });
          return (await r.json()).plan;
        }, planId);
        for (const d of plan.weeks[0].days) {
          const exs = d.exercises ?? [];
          // Continuous cardio has seconds and no sets; a hold has sets, seconds and no reps.
          if (!cardioDay && exs.some((e) => e.durationSeconds && !e.sets && !e.rounds)) cardioDay = d.dayNumber;
          if (!holdDay && exs.some((e) => e.durationSeconds && e.sets > 1 && !e.reps)) holdDay = d.dayNumber;
        }
        restDay = plan.weeks[0].days.find((d) => d.isRestDay)?.dayNumber ?? 0;
        // The workout is done on the day with the most to check: sets of reps with a rest (for the
        // rest timer), a hold, and continuous cardio.
        const score = (d) => {
          const exs = d.exercises ?? [];
          return (
            (exs.some((e) => e.reps && e.sets > 1 && e.restSeconds) ? 4 : 0) +
            (exs.some((e) => e.durationSeconds && e.sets && !e.reps) ? 2 : 0) +
            (exs.some((e) => e.durationSeconds && !e.sets && !e.rounds) ? 1 : 0)
          );
        };
        workDay = [...plan.weeks[0].days].sort((a, b) => score(b) - score(a) || a.dayNumber - b.dayNumber)[0].dayNumber;
        const name = (await tid("plan-name").innerText()).trim();
        assert((await page.title()).startsWith(name), `title "${await page.title()}" does not name the plan "${name}"`);
        const focused = await page.evaluate(() => document.activeElement?.tagName);
        assert(focused === "H1", `focus is on ${focused} after the view changed, want the heading`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert(width <= viewport.width, `the plan page is ${width} px wide in a ${viewport.width} px window`);
        assert(cardioDay && holdDay, `week 1 has no cardio (${cardioDay}) or no hold (${holdDay}) for an endurance objective`);
        await tid("plan-block-warmup").first().waitFor();
        await snap("plan");
      },
    ],
    [
      "a day's blocks are labelled; a hold shows seconds, never reps; cardio shows minutes",
      async () => {
        const labels = ru
          ? { warmup: "Разминка", main: "Основная часть", cooldown: "Заминка" }
          : { warmup: "Warm-up", main: "Main", cooldown: "Cool-down" };
        for (const day of [...new Set([holdDay, cardioDay])]) {
          await page.goto(`${base}/plans/${encodeURIComponent(planId)}/weeks/1/days/${day}`);
          await tid("exercises").waitFor();
          for (const [block, text] of Object.entries(labels)) {
            const title = page.locator(`[data-testid="block-${block}"] .ex-block-title`);
            if (block === "main" && (await title.count()) === 0) continue;
            const got = (await title.innerText()).trim().toLowerCase();
            assert(got === text.toLowerCase(), `block ${block} is labelled "${got}", want "${text}"`);
          }
          const doses = await page.locator('[data-testid^="dose-"]').allInnerTexts();
          const bad = doses.filter((d) => /× 1$/.test(d.trim()));
          assert(bad.length === 0, `a prescription reads as one rep: ${bad.join(" | ")}`);
          if (day === holdDay) {
            const holds = await page.locator('li[data-kind="time"] [data-testid^="dose-"]').allInnerTexts();
            const multi = holds.map((h) => h.trim()).filter((h) => h.includes("×"));
            assert(multi.length > 0, `no hold with sets on day ${day}: ${holds.join(" | ")}`);
            for (const h of multi) assert(/^\d+ × (\d+ [sс]|\d+ (min|мин)( \d+ [sс])?)$/.test(h), `hold reads "${h}", want "N × S s"`);
          }
          if (day === cardioDay) {
            const cardio = await page.locator('li[data-kind="cardio"] [data-testid^="dose-"]').allInnerTexts();
            assert(cardio.length > 0, `no cardio on day ${day}`);
            assert(cardio.some((c) => /\d+ (min|мин)/.test(c)), `cardio reads ${cardio.join(" | ")}, want minutes`);
            assert(cardio.every((c) => !c.includes("×")), `cardio has sets: ${cardio.join(" | ")}`);
          }
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert(width <= viewport.width, `day ${day} is ${width} px wide in a ${viewport.width} px window`);
          await snap(`day-${day}-blocks`);
        }
        await page.goto(`${base}/plans/${encodeURIComponent(planId)}?week=1`);
        await tid("plan-name").waitFor();
      },
    ],
    [
      "how the plan was made is collapsed; a rest day shows recovery, not a workout; /weeks/9/days/9 is not found",
      async () => {
        assert(!(await tid("provenance").evaluate((d) => d.open)), "provenance is open by default");
        assert(restDay > 0, "week 1 has no rest day");
        await tid(`day-${restDay}`).click();
        await tid("recovery").waitFor();
        assert((await tid("start-workout").count()) === 0, "a rest day offers Start workout");
        assert((await tid("complete-form").count()) === 0, "a rest day asks for a log");
        await snap("rest-day");
        // Offline, a failed request says so in the person's language, not "Failed to fetch".
        await ctx.setOffline(true);
        await tid("rest-video").click();
        const err = (await tid("error").innerText()).trim();
        await ctx.setOffline(false);
        assert(ru ? err.includes("нет связи") : err.includes("offline"), `offline error reads "${err}"`);
        assert(!/failed to fetch/i.test(err), `offline error shows the browser's message: "${err}"`);
        await page.goto(`${base}/plans/${encodeURIComponent(planId)}/weeks/9/days/9`);
        await tid("not-found").waitFor();
        assert((await tid("error").count()) === 0, "a raw error is shown beside the not-found page");
        await snap("not-found");
        await page.goto(`${base}/plans/${encodeURIComponent(planId)}?week=1`);
        await tid("plan-name").waitFor();
      },
    ],
    [
      "a training day opens with its exercises and a Start workout button",
      async () => {
        await tid(`day-${workDay}`).click();
        await tid("workout-name").waitFor();
        await tid("start-workout").waitFor();
        assert(new URL(page.url()).pathname.endsWith(`/weeks/1/days/${workDay}`), `at ${page.url()}`);
        await snap("day");
      },
    ],
    [
      "Start workout plays the first video (currentTime > 0.5 s)",
      async () => {
        await tid("start-workout").click();
        await tid("session").waitFor();
        const video = tid("video");
        await video.waitFor();
        await page.waitForFunction(
          () => {
            const v = document.querySelector('[data-testid="video"]');
            return v && v.currentTime > 0.5 && !v.paused;
          },
          null,
          { timeout: STEP_TIMEOUT },
        );
        const state = await video.evaluate((v) => ({ t: v.currentTime, w: v.videoWidth, src: v.currentSrc }));
        assert(state.w > 0, `video has no frames decoded: ${JSON.stringify(state)}`);
        assert((await page.locator(".playlist li.on").count()) === 1, "current clip not highlighted");
        await tid("current-exercise").waitFor();
        await snap("playing");
      },
    ],
    [
      "the playlist advances to the next clip when one ends",
      async () => {
        const first = await tid("video").evaluate((v) => v.currentSrc);
        const n = await page.locator(".playlist li").count();
        assert(n >= 2, `playlist has ${n} clips`);
        await page.waitForFunction(() => document.querySelector(".playlist li.on")?.previousElementSibling != null, null, { timeout: 30_000 });
        await page.waitForFunction(
          () => {
            const v = document.querySelector('[data-testid="video"]');
            return v && v.currentTime > 0.2 && !v.paused;
          },
          null,
          { timeout: STEP_TIMEOUT },
        );
        const idx = await page.locator(".playlist li").evaluateAll((els) => els.findIndex((e) => e.classList.contains("on")));
        assert(idx >= 1, `still on clip ${idx}`);
        log(`        advanced to clip ${idx + 1} of ${n}; first was ${first.split("/").pop()}`);
      },
    ],
    [
      "the coach panel shows each exercise by what it measures; a set of reps starts the rest timer",
      async () => {
        for (let i = 0; i < 25 && (await tid("panel-prev").isEnabled()); i++) await tid("panel-prev").click();
        let found = false;
        for (let i = 0; i < 25; i++) {
          const panel = tid("current-exercise");
          const kind = await panel.getAttribute("data-kind");
          const sets = Number(await panel.getAttribute("data-sets"));
          const main = (await tid("current-reps").innerText()).trim();
          if (kind === "time") assert(/^\d+ [sс]$|^\d+ (min|мин)( \d+ [sс])?$/.test(main), `a hold shows "${main}" in the panel`);
          if (kind === "time" && held < 0 && (await tid("start-hold").count()) > 0) {
            // A timed hold counts down; "Done" ends it early and ticks its set.
            held = Number(await panel.getAttribute("data-index"));
            await tid("start-hold").click();
            await tid("hold-timer").waitFor();
            await snap("hold-timer");
            await tid("hold-done").click();
            await tid("hold-timer").waitFor({ state: "detached" });
          }
          if (kind === "cardio") assert(/(min|мин)/.test(main), `cardio shows "${main}" in the panel`);
          if (kind === "reps" && sets > 1 && (await tid("start-rest").count()) > 0) {
            assert(/^\d+$/.test((await tid("current-sets").innerText()).trim()), "sets are not a number");
            assert(/^\d+(–\d+)?$/.test(main), `reps "${main}"`);
            const dose = (await tid("current-dose").innerText()).trim();
            assert(/^\d+ × \d+(–\d+)?, (rest|отдых) \d+ (s|с|min|мин)/.test(dose), `prescription line "${dose}"`);
            found = true;
            break;
          }
          if (!(await tid("panel-next").isEnabled())) break;
          await tid("panel-next").click();
        }
        assert(found, "no exercise of sets of reps with a rest in the day");
        // The video follows the exercise the person moved to.
        await page.waitForFunction(
          () => {
            const slug = document.querySelector('[data-testid="current-exercise"]')?.getAttribute("data-slug");
            if (!document.querySelector(`.playlist li[data-slug="${slug}"]`)) return true; // no clip of it
            return document.querySelector(".playlist li.on")?.getAttribute("data-slug") === slug;
          },
          null,
          { timeout: 5000 },
        );
        assert(held >= 0, "no timed hold with a countdown before it in the day");
        const before = await tid("current-exercise").getAttribute("data-index");
        await tid("set-done").click();
        await tid("rest-timer").waitFor();
        // The panel stays on the exercise the person ticked, whatever clip plays.
        await page.waitForTimeout(1500);
        const after = await tid("current-exercise").getAttribute("data-index");
        assert(after === before, `the panel moved from exercise ${before} to ${after} by itself`);
        ticked = Number(before);
        await tid("current-exercise").scrollIntoViewIfNeeded();
        await snap("rest-timer");
      },
    ],
    [
      "the log asks for what each exercise measures and pre-fills nothing it was not told",
      async () => {
        // A reload mid-workout asks first and then loses nothing.
        let asked = false;
        const onDialog = (d) => {
          asked = d.type() === "beforeunload";
          void d.accept();
        };
        page.on("dialog", onDialog);
        await page.reload();
        page.off("dialog", onDialog);
        await tid("resumed").waitFor();
        assert(asked, "reloading mid-workout did not ask first");
        await tid("complete-form").scrollIntoViewIfNeeded();
        const rows = page.locator('[data-testid^="log-row-"]');
        const n = await rows.count();
        assert(n > 0, "no log rows");
        let hold = -1;
        let cardio = -1;
        for (let i = 0; i < n; i++) {
          const kind = await tid(`log-row-${i}`).getAttribute("data-kind");
          const has = async (id) => (await tid(`${id}-${i}-0`).count()) > 0;
          if (kind === "time") {
            assert((await has("set-sec")) && !(await has("set-reps")) && !(await has("set-kg")), `hold row ${i} does not ask for seconds only`);
            if (hold < 0) hold = i;
          } else if (kind === "cardio") {
            assert((await has("set-min")) && (await has("set-km")) && !(await has("set-reps")), `cardio row ${i} does not ask for minutes and km`);
            if (cardio < 0) cardio = i;
          } else if (kind === "reps") {
            assert((await has("set-reps")) && (await has("set-kg")), `reps row ${i} does not ask for kg and reps`);
          }
          // Every set row starts empty: what was done is for the person to say.
          assert((await page.locator(`[data-testid="log-row-${i}"] [data-state]`).count()) > 0, `exercise ${i} has no set rows`);
          const inputs = page.locator(`[data-testid="log-row-${i}"] input[type="text"][data-testid^="set-"]`);
          for (let k = 0; k < (await inputs.count()); k++) {
            const id = await inputs.nth(k).getAttribute("data-testid");
            const v = await inputs.nth(k).inputValue();
            // The countdown measured the hold it ticked: only those seconds may be there.
            if (i === held && id === `set-sec-${i}-0`) assert(/^\d+$/.test(v) || v === "", `${id} holds "${v}"`);
            else assert(v === "", `${id} is pre-filled with "${v}"`);
          }
          const state0 = await tid(`set-${i}-0`).getAttribute("data-state");
          const want = i === ticked || i === held ? "done" : "";
          assert(state0 === want, `set 1 of exercise ${i} is "${state0}", want "${want}"`);
          if ((await tid(`set-${i}-1`).count()) > 0) assert((await tid(`set-${i}-1`).getAttribute("data-state")) === "", `set 2 of exercise ${i} is marked`);
        }
        assert(hold >= 0, `day ${workDay} has no hold to log`);
        logged = { hold, cardio };
        await tid(`set-kg-${ticked}-0`).fill("20");
        await tid(`set-reps-${ticked}-0`).fill("8");
        await tid(`set-effort-${ticked}-0`).selectOption("8");
        await tid(`set-sec-${hold}-0`).fill("40");
        // A second set of the hold, added when the plan asked for one.
        if ((await tid(`set-sec-${hold}-1`).count()) === 0) await tid(`add-set-${hold}`).click();
        await tid(`set-sec-${hold}-1`).fill("35");
        if (cardio >= 0) {
          await tid(`set-min-${cardio}-0`).fill("26");
          await tid(`set-km-${cardio}-0`).fill("2.5");
        }
        await tid(`log-row-${ticked}`).screenshot({ path: join(artifacts, `${label}-set-rows.png`) });
      },
    ],
    [
      "completing the workout (effort, notes) marks the day done",
      async () => {
        const slugs = await page.evaluate(() => [...document.querySelectorAll('[data-testid^="log-row-"]')].map((e) => e.getAttribute("data-slug")));
        await tid("complete-form").scrollIntoViewIfNeeded();
        await tid("effort-7").click();
        await tid("notes").fill(profileLocale === "ru" ? "Всё получилось, колено не болело." : "Felt strong, knee was fine.");
        await snap("complete-form");
        const completed = (r) => r.url().endsWith(":complete") && r.request().method() === "POST" && r.status() === 200;
        let res;
        if (ru) {
          // On the phone the connection drops: the log waits on the device and goes out, once,
          // when the browser is back online.
          await ctx.setOffline(true);
          await tid("complete-workout").click();
          await tid("queued").waitFor();
          await snap("queued-offline");
          [res] = await Promise.all([page.waitForResponse(completed, { timeout: 30_000 }), ctx.setOffline(false)]);
          await tid("queued").waitFor({ state: "detached" });
        } else {
          [res] = await Promise.all([
            page.waitForResponse((r) => r.url().endsWith(":complete") && r.request().method() === "POST"),
            tid("complete-workout").click(),
          ]);
        }
        assert(res.status() === 200, `:complete answered ${res.status()}: ${await res.text()}`);
        const sent = res.request().postDataJSON();
        const of = (i) => sent.exercises.find((e) => e.exerciseSlug === slugs[i]);
        const r = of(ticked);
        assert(r && r.sets.length === 1 && r.sets[0].reps === 8 && r.sets[0].loadKg === 20 && r.sets[0].rpe === 8, `reps logged as ${JSON.stringify(r)}`);
        const h = of(logged.hold);
        assert(h && h.sets.length === 2 && h.sets[0].seconds === 40 && h.sets[1].seconds === 35 && !h.sets[0].reps, `the hold was sent as ${JSON.stringify(h)}`);
        if (logged.cardio >= 0) {
          const c = of(logged.cardio);
          assert(c && c.sets.length === 1 && c.sets[0].seconds === 26 * 60 && c.sets[0].distanceMeters === 2500, `cardio sent as ${JSON.stringify(c)}`);
        }
        const touched = new Set([slugs[ticked], slugs[held], slugs[logged.hold], slugs[logged.cardio]]);
        const others = sent.exercises.filter((e) => !touched.has(e.exerciseSlug));
        assert(others.length === 0, `untouched exercises were logged: ${JSON.stringify(others)}`);
        assert(!sent.notes.includes("⏱"), `numbers went into the notes: ${sent.notes}`);
        await tid("completed").waitFor();
        await tid("done-badge").waitFor();
        const effort = (await tid("completed-effort").innerText()).trim();
        assert(effort.includes("7"), `completed card shows "${effort}"`);
        const summary = await tid("logged").innerText();
        assert(/20 (kg|кг) × 8/.test(summary), `the completed card does not show the set logged: ${summary}`);
        await snap("completed");
      },
    ],
    [
      "the plan marks the day done, also after a reload",
      async () => {
        await tid("back-to-plan").click();
        await tid("plan-name").waitFor();
        await page.reload();
        await tid("plan-name").waitFor();
        await page.locator(`[data-testid="day-${workDay}"] [data-testid="day-done"]`).waitFor();
        await snap("plan-day-done");
        // Dark mode follows the system setting.
        await page.emulateMedia({ colorScheme: "dark" });
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        await snap("plan-dark");
        await page.emulateMedia({ colorScheme: "light" });
        const [r, g, b] = bg.match(/\d+/g).map(Number);
        assert(r + g + b < 150, `the page is ${bg} in dark mode`);
      },
    ],
    [
      "the profile page shows the objectives (primary first) and the joint to spare",
      async () => {
        await tid("nav-profile").click();
        await tid("profile-form").waitFor();
        assert((await tid("objective-OBJECTIVE_STRENGTH").getAttribute("aria-pressed")) === "true", "strength not shown as chosen");
        assert((await tid("objective-OBJECTIVE_ENDURANCE").getAttribute("aria-pressed")) === "true", "endurance not shown as chosen");
        assert((await tid("objective-OBJECTIVE_MOBILITY").getAttribute("aria-pressed")) === "false", "mobility shown as chosen");
        assert(/main|главное/.test(await tid("objective-OBJECTIVE_STRENGTH").innerText()), "strength not shown as primary");
        assert(await tid("injury-JOINT_KNEES").isChecked(), "knees not checked");
        assert(!(await tid("injury-JOINT_NECK").isChecked()), "neck checked");
        // The client keeps to the server's limits: 2–6 days, 4–12 weeks, 300 and 500 characters.
        assert((await tid("input-goal").getAttribute("maxlength")) === "300", "goal is not limited to 300 characters");
        assert((await tid("input-limitations").getAttribute("maxlength")) === "500", "limitations are not limited to 500 characters");
        const goal = await tid("input-goal").inputValue();
        assert((await tid("count-goal").innerText()).trim() === `${[...goal].length}/300`, "goal counter is wrong");
        const step = (name, sign) => page.locator(`[data-field="${name}"] .step[aria-label="${sign}"]`);
        for (let i = 0; i < 10; i++) await step("daysPerWeek", "+").click();
        assert((await tid("input-daysPerWeek").inputValue()) === "6", "days go past 6");
        for (let i = 0; i < 10; i++) await step("durationWeeks", "−").click();
        assert((await tid("input-durationWeeks").inputValue()) === "4", "weeks go below 4");
        await snap("profile");
        // Signing out asks first; dismissing keeps the person signed in.
        page.once("dialog", (d) => void d.dismiss());
        await tid("sign-out").click();
        await page.waitForTimeout(300);
        assert(new URL(page.url()).pathname === "/profile", `a dismissed sign-out left for ${page.url()}`);
      },
    ],
    [
      "no script errors on the way",
      async () => {
        const real = pageErrors.filter((e) => !/favicon/i.test(e));
        assert(real.length === 0, real.join("\n"));
      },
    ],
  ];
  await runSteps(label, page, ctx, steps);
}

/**
 * runSteps runs a journey's steps in order. After a failed step the rest are skipped, unless the
 * step is marked `soft` (its own outcome only: later steps do not need it).
 */
async function runSteps(label, page, ctx, steps) {
  try {
    for (let i = 0; i < steps.length; i++) {
      const [name, fn, opts = {}] = steps[i];
      const ok = await check(`${label}: ${name}`, fn);
      if (!ok) {
        await shot(page, label, 99, "failure").catch(() => {});
        if (opts.soft) continue;
        for (const [rest] of steps.slice(i + 1)) {
          failed++;
          failures.push(`${label}: ${rest}: skipped after an earlier failure`);
          log(`  SKIP  ${label}: ${rest}`);
        }
        break;
      }
    }
  } finally {
    await ctx.close().catch(() => {});
  }
}

/**
 * loop is the training loop as issue 15 describes it: a new person (3 days a week, English, at
 * desktop width) logs the three sessions of week 1 set by set with loads and efforts, one
 * exercise with pain; week 2 comes back adapted with each change and its reason; undo goes back;
 * a swap from the day view changes the day; progress charts, history and the coach's report
 * show; then the same pages in Russian at phone width.
 */
async function loop(base) {
  const label = "loop";
  log(`\n${label} (1280x800 then 390x844, profile locale en then ru)`);
  const { ctx, page, pageErrors } = await openBrowser(label, { width: 1280, height: 800 }, false);
  let step = 0;
  const snap = (name) => shot(page, label, ++step, name);
  const tid = (id) => page.getByTestId(id);
  const apiCall = (method, path, body) =>
    page.evaluate(
      async ({ method, path, body }) => {
        const r = await fetch(path, {
          method,
          headers: { Authorization: `Bearer ${localStorage.getItem("fitcoach.token")}`, "Content-Type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: r.status, body: await r.json().catch(() => null) };
      },
      { method, path, body },
    );
  let planId = "";
  let days = [];
  // The exercise logged with pain on the first day, and what the adaptation did.
  let painSlug = "";
  let adaptedRevision = 0;
  let adaptationQueued = false;
  let swapDay = 0;
  const planUrl = (q = "") => `${base}/plans/${encodeURIComponent(planId)}${q}`;

  /** logDay logs every set of the day open in the page: loads, reps, seconds, km and efforts. */
  async function logDay(n, painAt) {
    const rows = await page.locator('[data-testid^="log-row-"]').count();
    assert(rows > 0, `day ${n} has nothing to log`);
    for (let i = 0; i < rows; i++) {
      const kind = await tid(`log-row-${i}`).getAttribute("data-kind");
      const sets = await page.locator(`[data-testid="log-row-${i}"] [data-state]`).count();
      for (let k = 0; k < sets; k++) {
        if (kind === "reps") {
          await tid(`set-kg-${i}-${k}`).fill(String(20 + 2.5 * n));
          await tid(`set-reps-${i}-${k}`).fill(String(10 - k));
        } else if (kind === "cardio") {
          await tid(`set-min-${i}-${k}`).fill("20");
          await tid(`set-km-${i}-${k}`).fill("3,2");
        } else {
          await tid(`set-sec-${i}-${k}`).fill("30");
        }
        await tid(`set-effort-${i}-${k}`).selectOption(kind === "reps" ? String(7 + Math.min(k, 2)) : "6");
        assert((await tid(`set-${i}-${k}`).getAttribute("data-state")) === "done", `typing did not mark set ${k + 1} of exercise ${i} done`);
      }
      if (i === painAt) {
        await tid(`pain-${i}`).check();
        await tid(`pain-note-${i}`).fill("sharp pain in the left knee at the bottom");
      }
    }
    await tid("effort-7").click();
  }

  const steps = [
    [
      "a new person (3 days a week) asks for a plan; a pending plan shows progress until it is ready",
      async () => {
        await page.goto(base + "/");
        await tid("demo-signin").click();
        await tid("profile-form").waitFor();
        const profile = {
          goal: "Get stronger with dumbbells and a barbell",
          fitnessLevel: "FITNESS_LEVEL_INTERMEDIATE",
          equipment: ["dumbbell", "barbell", "bench"],
          daysPerWeek: 3,
          durationWeeks: 4,
          sessionMinutes: 45,
          limitations: "",
          archetype: "ARCHETYPE_MENTOR",
          locale: "en",
          objectives: ["OBJECTIVE_STRENGTH"],
          injuries: [],
        };
        const put = await apiCall("PUT", "/v1/me/profile", profile);
        assert(put.status === 200, `PUT profile answered ${put.status}: ${JSON.stringify(put.body)}`);
        // waitSeconds 0 asks the server to answer at once: a plan still being made is PENDING.
        const made = await apiCall("POST", "/v1/me/plans", { requestId: `e2e-loop-${Date.now()}`, waitSeconds: 0 });
        assert(made.status === 200, `POST /v1/me/plans answered ${made.status}: ${JSON.stringify(made.body)}`);
        planId = made.body.plan.id;
        const state = made.body.plan.state;
        await page.goto(planUrl());
        if (state === "PLAN_STATE_PENDING") {
          const shown = await tid("plan-pending").isVisible().catch(() => false);
          log(`        the plan was answered PENDING; progress card ${shown ? "shown" : "already replaced by the plan"}`);
          if (shown) await snap("plan-pending");
        } else log(`        the plan was answered ${state || "without a state"} at once`);
        await tid("plan-name").waitFor({ timeout: GENERATE_TIMEOUT });
        const plan = (await apiCall("GET", `/v1/me/plans/${encodeURIComponent(planId)}`)).body.plan;
        assert(!["PLAN_STATE_PENDING", "PLAN_STATE_FAILED"].includes(plan.state), `plan state ${plan.state}`);
        days = plan.weeks[0].days.filter((d) => !d.isRestDay).map((d) => d.dayNumber);
        assert(days.length === 3, `week 1 has ${days.length} training days, want 3`);
        await snap("plan");
      },
    ],
    ...[0, 1, 2].map((k) => [
      `session ${k + 1} of week 1 is logged set by set with loads and efforts${k === 0 ? ", one exercise with pain" : ""}`,
      async () => {
        const day = days[k];
        await page.goto(planUrl(`/weeks/1/days/${day}`));
        await tid("log-workout").click();
        await tid("complete-form").waitFor();
        let painAt = -1;
        if (k === 0) {
          const li = page.locator('[data-testid="block-main"] li[data-kind="reps"]').first();
          painAt = Number((await li.getAttribute("data-testid")).split("-")[1]);
          painSlug = await li.getAttribute("data-slug");
        } else {
          // The same exercise hurts again when it comes back in the week (the adaptation reads
          // its last log).
          const again = page.locator(`[data-testid="exercises"] li[data-slug="${painSlug}"]`).first();
          if (await again.count()) painAt = Number((await again.getAttribute("data-testid")).split("-")[1]);
        }
        await logDay(k + 1, painAt);
        if (k === 0) await snap("log-sets");
        const [res] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith(":complete") && r.request().method() === "POST"),
          tid("complete-workout").click(),
        ]);
        assert(res.status() === 200, `:complete answered ${res.status()}: ${await res.text()}`);
        const sent = res.request().postDataJSON();
        const loaded = sent.exercises.filter((e) => (e.sets ?? []).some((x) => x.loadKg > 0 && x.reps > 0 && x.rpe >= 7));
        assert(loaded.length > 0, `no set with load, reps and RPE was sent: ${JSON.stringify(sent.exercises).slice(0, 300)}`);
        if (painAt >= 0) {
          const hurt = sent.exercises.find((e) => e.exerciseSlug === painSlug);
          assert(hurt && hurt.pain === true && /knee/.test(hurt.painNote), `pain not sent: ${JSON.stringify(hurt)}`);
        }
        await tid("completed").waitFor();
        await tid("logged").waitFor();
        if (painAt >= 0) await tid("logged-pain").waitFor();
        if (k === 2) adaptationQueued = (await res.json()).adaptationQueued === true;
        await snap(`logged-${k + 1}`);
      },
    ]),
    [
      "logging the week's last planned session queues the adaptation of week 2 and says so",
      async () => {
        assert(adaptationQueued, "the :complete of the week's last session answered no adaptationQueued");
        await tid("adapting").waitFor();
      },
      { soft: true },
    ],
    [
      "week 2 comes back adapted: each change with its reason, the painful exercise swapped",
      async () => {
        if (await tid("see-changes").count()) await tid("see-changes").click();
        else {
          // Nothing was queued: the plan page offers the adaptation of week 2 (POST …/weeks/1:adapt).
          await page.goto(planUrl("?week=1"));
          await tid("adapt-offer").waitFor();
          await snap("adapt-offer");
          const [res] = await Promise.all([
            page.waitForResponse((r) => r.url().endsWith("/weeks/1:adapt") && r.request().method() === "POST"),
            tid("adapt-now").click(),
          ]);
          assert(res.status() === 200, `POST weeks/1:adapt answered ${res.status()}: ${await res.text()}`);
        }
        await tid("changes").waitFor({ timeout: 95_000 });
        const kind = await tid("changes").getAttribute("data-kind");
        assert(kind === "REVISION_KIND_ADAPTATION", `the current revision is ${kind}`);
        adaptedRevision = Number(await tid("changes").getAttribute("data-revision"));
        const changes = page.locator('[data-testid="change"]');
        const n = await changes.count();
        assert(n > 0, "the adaptation lists no change");
        const reasons = await page.locator('[data-testid="change-reason"]').allInnerTexts();
        assert(reasons.length === n && reasons.every((r) => r.replace(/^Why:/, "").trim().length > 3), `a change has no reason: ${reasons.join(" | ")}`);
        const swapped = await page.locator('[data-testid="change"][data-action="CHANGE_ACTION_SWAP"]').allInnerTexts();
        const ex = await apiCall("GET", `/v1/exercises/${encodeURIComponent(painSlug)}`);
        const painName = ex.body?.exercise?.name?.en ?? painSlug;
        assert(swapped.some((t) => t.includes(painName) || t.toLowerCase().includes(painSlug.replace(/[-_]/g, " "))), `the exercise logged with pain (${painName}) was not swapped: ${swapped.join(" | ") || "no swap"}`);
        await tid("changes").scrollIntoViewIfNeeded();
        await snap("what-changed");
      },
      { soft: true },
    ],
    [
      "undo goes back to the plan before the adaptation",
      async () => {
        assert(adaptedRevision > 0, "no adaptation to undo (the step before failed)");
        const [res] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith(":revert") && r.request().method() === "POST"),
          tid("undo").click(),
        ]);
        assert(res.status() === 200, `:revert answered ${res.status()}: ${await res.text()}`);
        assert(res.request().postDataJSON().current === adaptedRevision, `revert sent current ${JSON.stringify(res.request().postDataJSON())}, want ${adaptedRevision}`);
        const body = await res.json();
        assert(body.revision.kind === "REVISION_KIND_REVERT", `revert made a ${body.revision.kind} revision`);
        await tid("undone").waitFor();
        assert(Number(await tid("changes").getAttribute("data-revision")) > adaptedRevision, "the plan page still shows the adaptation as current");
        await snap("undone");
      },
      { soft: true },
    ],
    [
      "swap from the day view: the alternatives are listed, one is chosen, the day refreshes",
      async () => {
        swapDay = days[0];
        await page.goto(planUrl(`/weeks/2/days/${swapDay}`));
        await tid("exercises").waitFor();
        const li = page.locator('[data-testid="block-main"] li[data-kind="reps"]').first();
        const i = Number((await li.getAttribute("data-testid")).split("-")[1]);
        const before = await li.getAttribute("data-slug");
        // Week 2 reads the history of week 1: last time and a suggestion show beside the exercise.
        const hints = await page.locator('[data-testid^="last-time-"], [data-testid^="suggestion-"]').count();
        await tid("log-workout").click();
        const hintsInLog = await page.locator('[data-testid^="last-time-"], [data-testid^="suggestion-"]').count();
        assert(hints + hintsInLog > 0, "no last time or suggestion shown in week 2");
        await tid(`swap-${i}`).click();
        await tid("swap-panel").waitFor();
        const opts = page.locator('[data-testid^="swap-opt-"]');
        await opts.first().waitFor();
        const n = await opts.count();
        assert(n > 0, "no alternative offered");
        const pick = opts.nth(n > 1 ? 1 : 0);
        const to = (await pick.getAttribute("data-testid")).slice("swap-opt-".length);
        await pick.click();
        await snap("swap-options");
        const [res] = await Promise.all([
          page.waitForResponse((r) => r.url().includes(":swap") && r.request().method() === "POST"),
          tid("swap-confirm").click(),
        ]);
        assert(res.status() === 200, `:swap answered ${res.status()}: ${await res.text()}`);
        assert(res.request().postDataJSON().toSlug === to, `swap sent ${JSON.stringify(res.request().postDataJSON())}, want ${to}`);
        await tid("swapped").waitFor();
        const after = await tid(`exercise-${i}`).getAttribute("data-slug");
        assert(after === to && after !== before, `exercise ${i} is ${after} after swapping ${before} for ${to}`);
        await snap("swapped");
      },
      { soft: true },
    ],
    [
      "the progress page draws volume, e1RM, adherence and cardio charts with their numbers",
      async () => {
        await page.goto(planUrl("/progress"));
        await tid("progress-title").waitFor();
        for (const id of ["chart-volume", "chart-e1rm", "chart-adherence"]) await tid(id).waitFor();
        await page.waitForFunction(() => document.querySelectorAll(".chart canvas").length >= 3, null, { timeout: 10_000 });
        const adherence = (await tid("stat-adherence").innerText()).trim();
        assert(/^\d+ %$/.test(adherence) && adherence !== "0 %", `adherence reads "${adherence}"`);
        const cells = await page.locator('[data-testid="chart-e1rm"] .chart-table tbody td').allTextContents();
        assert(cells.some((c) => /\d+(\.\d+)? kg/.test(c)), `the e1RM table has no load: ${cells.join(" | ")}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert(width <= 1280, `the progress page is ${width} px wide`);
        await snap("progress");
        // Dark mode: the charts take the page's colours when drawn.
        await page.emulateMedia({ colorScheme: "dark" });
        await page.reload();
        await page.waitForFunction(() => document.querySelectorAll(".chart canvas").length >= 3, null, { timeout: 10_000 });
        await snap("progress-dark");
        await page.emulateMedia({ colorScheme: "light" });
      },
      { soft: true },
    ],
    [
      "the weekly report reads analysis, motivation, recommendations and strategy",
      async () => {
        await page.goto(planUrl("/report?week=1"));
        // The report, or the error that stands in for it.
        await page.locator('[data-testid="report"], [data-testid="error"], [data-testid="report-empty"]').first().waitFor({ timeout: 60_000 });
        if (await tid("error").count()) throw new Error(`the report failed: ${(await tid("error").innerText()).replace(/\s+/g, " ")}`);
        await tid("report").waitFor();
        for (const id of ["report-analysis", "report-recommendations", "report-strategy"]) {
          const text = (await tid(id).innerText()).trim();
          assert(text.split("\n").slice(1).join(" ").trim().length > 10, `${id} is empty: "${text}"`);
        }
        await tid("report-motivation").waitFor();
        await snap("report-week-1");
        await tid("report-week-0").click();
        await tid("report").waitFor({ timeout: 60_000 });
      },
      { soft: true },
    ],
    [
      "history shows the sessions on a calendar with the streak, and an exercise's history",
      async () => {
        await tid("nav-history").click();
        await tid("history-title").waitFor();
        await tid("calendar").waitFor();
        const items = await page.locator('[data-testid="session-item"]').count();
        assert(items === 3, `history lists ${items} sessions this month, want 3`);
        const marked = await page.locator('[data-testid="calendar"] td.has').count();
        assert(marked >= 1, "no day marked on the calendar");
        const streak = Number((await tid("history-streak").innerText()).trim());
        assert(streak >= 3, `streak ${streak}, want at least 3`);
        await snap("history");
        await page.goto(`${base}/history/exercises/${encodeURIComponent(painSlug)}`);
        await tid("exercise-title").waitFor();
        const rows = await page.locator('[data-testid="exercise-entries"] tbody tr').count();
        assert(rows >= 1, "the exercise's history has no session");
        await snap("exercise-history");
      },
      { soft: true },
    ],
    [
      "axe finds no serious or critical violation on the loop's views (log form, what changed, progress, history, exercise, report)",
      async () => {
        const views = [
          [planUrl(`/weeks/2/days/${days[1]}`), "exercises", "log-workout"],
          [planUrl("?week=2"), "plan-name", ""],
          [planUrl("/progress"), "progress-title", ""],
          [`${base}/history`, "history-title", ""],
          [`${base}/history/exercises/${encodeURIComponent(painSlug)}`, "exercise-title", ""],
          [planUrl("/report?week=1"), "report-title", ""],
        ];
        const problems = [];
        for (const [url, id, click] of views) {
          await page.goto(url);
          await tid(id).waitFor();
          if (click) {
            await tid(click).click();
            await tid("complete-form").waitFor();
          }
          await page.waitForTimeout(300);
          for (const p of await axeProblems(page)) problems.push(`${new URL(url).pathname}: ${p}`);
        }
        assert(problems.length === 0, problems.join("\n"));
      },
      { soft: true },
    ],
    [
      "in Russian at 390 px: the log, progress, report and history fit and speak Russian",
      async () => {
        const me = (await apiCall("GET", "/v1/me/profile")).body.profile;
        const put = await apiCall("PUT", "/v1/me/profile", { ...me, locale: "ru" });
        assert(put.status === 200, `PUT profile answered ${put.status}`);
        await page.setViewportSize({ width: 390, height: 844 });
        const pages = [
          [planUrl(`/weeks/1/days/${days[0]}`), "completed", "Изменить запись"],
          [planUrl("/progress"), "progress-title", "Ваш прогресс"],
          [planUrl("/report?week=1"), "report-title", "Отчёт тренера"],
          [`${base}/history`, "history-title", "История тренировок"],
        ];
        for (const [url, id, ru] of pages) {
          await page.goto(url);
          await tid(id).waitFor();
          await page.waitForTimeout(300);
          const text = await page.locator("main").innerText();
          assert(text.includes(ru), `${url} is not in Russian: no "${ru}"`);
          if (id === "completed") {
            await tid("edit-log").click();
            await tid("complete-form").waitFor();
          }
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert(width <= 390, `${url} is ${width} px wide in a 390 px window`);
          const problems = await axeProblems(page);
          assert(problems.length === 0, `axe at ${url}:\n${problems.join("\n")}`);
          await snap(`ru-390-${id}`);
        }
      },
      { soft: true },
    ],
    [
      "no script errors on the way",
      async () => {
        const real = pageErrors.filter((e) => !/favicon/i.test(e));
        assert(real.length === 0, real.join("\n"));
      },
    ],
  ];
  await runSteps(label, page, ctx, steps);
}

async function main() {
  mkdirSync(artifacts, { recursive: true });
  for (const f of readdirSync(artifacts)) if (f.endsWith(".png")) unlinkSync(join(artifacts, f));
  let base;
  const ok = await check("fitcoach dev starts and is ready", async () => {
    base = await startServer();
  });
  if (ok) {
    if (!process.env.E2E_ONLY_LOOP) {
      await journey(base, "desktop", { width: 1280, height: 800 }, false, "en");
      await journey(base, "phone", { width: 390, height: 844 }, true, "ru");
    }
    if (!process.env.E2E_SKIP_LOOP) await loop(base);
  }
}

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    stopServer();
    process.exit(130);
  });
}
process.on("exit", stopServer);

try {
  await main();
} catch (err) {
  failed++;
  failures.push(String(err && err.stack ? err.stack : err));
  log(`  FAIL  ${err}`);
} finally {
  stopServer();
  if (server) {
    await new Promise((r) => {
      if (server.exitCode !== null || server.signalCode !== null) return r();
      const t = setTimeout(() => {
        try {
          server.kill("SIGKILL");
        } catch {
          // gone
        }
        r();
      }, 5000);
      server.once("exit", () => {
        clearTimeout(t);
        r();
      });
    });
  }
  rmSync(tmp, { recursive: true, force: true });
}

if (failures.length) {
  log("\nfailures:");
  for (const f of failures) log(`  - ${f}`);
}
log(`\nscreenshots: ${artifacts}`);
log(`web: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

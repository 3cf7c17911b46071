// Browser test of the web client as a person uses it, in Debian's Chromium driven by
// playwright-core: sign in with a demo token, onboard (an invalid field first, whose API message
// must show at the field), generate a plan, open day 1, start the workout and see the first video
// really play and advance, complete the workout and see it marked done — at desktop width with an
// English profile and at phone width with a Russian one. Screenshots of every step go to
// artifacts/web/.
//
// It builds the fitcoach CLI and runs `fitcoach dev` on free loopback ports with a fresh data
// directory, and always stops it. FITCOACH_URL runs against a server that is already up instead.
// Prints "web: N passed, M failed" and exits non-zero on any failure.

import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, mkdirSync, rmSync, openSync, readdirSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../../..");
const artifacts = join(repo, "artifacts", "web");
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
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

async function journey(base, label, viewport, isMobile, profileLocale) {
  log(`\n${label} (${viewport.width}x${viewport.height}, profile locale ${profileLocale})`);
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
  let step = 0;
  const snap = (name) => shot(page, label, ++step, name);
  const tid = (id) => page.getByTestId(id);

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
        await tid("input-goal").fill("Get stronger and feel fit for hiking");
        await tid("level-FITNESS_LEVEL_INTERMEDIATE").click();
        await tid("equipment-dumbbell").click();
        await tid("equipment-band").click();
        await tid("input-daysPerWeek").fill("9");
        await tid("input-durationWeeks").fill("4");
        await tid("input-sessionMinutes").fill("45");
        await tid("input-limitations").fill("sore left knee");
        await tid("archetype-ARCHETYPE_PEER").click();
        await tid("locale-en").click();
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
        assert(text.includes(v.message), `field shows "${text}", API said "${v.message}"`);
        const inField = await page.locator('[data-field="daysPerWeek"] [data-testid="error-daysPerWeek"]').count();
        assert(inField === 1, "the message is not inside the days-per-week field");
        await snap("onboarding-invalid");
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
        await snap("plan");
      },
    ],
    [
      "day 1 opens with its exercises and a Start workout button",
      async () => {
        await tid("day-1").click();
        await tid("workout-name").waitFor();
        await tid("start-workout").waitFor();
        assert(/\/weeks\/1\/days\/1$/.test(new URL(page.url()).pathname), `at ${page.url()}`);
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
      "the current exercise shows sets/reps/rest and a rest timer runs",
      async () => {
        const sets = (await tid("current-sets").innerText()).trim();
        const reps = (await tid("current-reps").innerText()).trim();
        // Reps are a count or range ("8-12"), or a time for timed exercises ("30 s", "1:30").
        assert(/^\d+$/.test(sets) && /^(\d+(-\d+)?|\d+ [sс]|\d+:\d\d|\d+ (min|мин))$/.test(reps), `sets "${sets}" reps "${reps}"`);
        await tid("set-done").click();
        await tid("rest-timer").waitFor();
        await tid("current-exercise").scrollIntoViewIfNeeded();
        await snap("rest-timer");
      },
    ],
    [
      "completing the workout (effort, notes) marks the day done",
      async () => {
        await tid("complete-form").scrollIntoViewIfNeeded();
        await tid("effort-7").click();
        await tid("notes").fill(profileLocale === "ru" ? "Всё получилось, колено не болело." : "Felt strong, knee was fine.");
        await snap("complete-form");
        const [res] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith(":complete") && r.request().method() === "POST"),
          tid("complete-workout").click(),
        ]);
        assert(res.status() === 200, `:complete answered ${res.status()}: ${await res.text()}`);
        await tid("completed").waitFor();
        await tid("done-badge").waitFor();
        const effort = (await tid("completed-effort").innerText()).trim();
        assert(effort.includes("7"), `completed card shows "${effort}"`);
        await snap("completed");
      },
    ],
    [
      "the plan marks day 1 done, also after a reload",
      async () => {
        await tid("back-to-plan").click();
        await tid("plan-name").waitFor();
        await page.reload();
        await tid("plan-name").waitFor();
        await page.locator('[data-testid="day-1"] [data-testid="day-done"]').waitFor();
        await snap("plan-day-done");
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
  try {
    for (let i = 0; i < steps.length; i++) {
      const [name, fn] = steps[i];
      const ok = await check(`${label}: ${name}`, fn);
      if (!ok) {
        await shot(page, label, 99, "failure").catch(() => {});
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

async function main() {
  mkdirSync(artifacts, { recursive: true });
  for (const f of readdirSync(artifacts)) if (f.endsWith(".png")) unlinkSync(join(artifacts, f));
  let base;
  const ok = await check("fitcoach dev starts and is ready", async () => {
    base = await startServer();
  });
  if (ok) {
    await journey(base, "desktop", { width: 1280, height: 800 }, false, "en");
    await journey(base, "phone", { width: 390, height: 844 }, true, "ru");
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

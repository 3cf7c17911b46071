// Workout logs made without a connection wait here (localStorage) and are sent when the browser is
// back online. Completing a day again replaces its log on the server, so a log sent twice is
// stored once.

import { ApiError, api, type CompleteBody } from "./api";

export interface PendingLog {
  planId: string;
  week: number;
  day: number;
  // Per-set logs, pain and effort exactly as :complete takes them.
  body: CompleteBody;
}

const KEY = "fitcoach.outbox";
const RETRY_MS = 10_000;

let timer = 0;
let flushing = false;
let onSent: (p: PendingLog, adaptationQueued: boolean) => void = () => {};

function read(): PendingLog[] {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? "[]") as PendingLog[];
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

function write(list: PendingLog[]): void {
  if (list.length) localStorage.setItem(KEY, JSON.stringify(list));
  else localStorage.removeItem(KEY);
}

const same = (a: PendingLog, b: PendingLog) => a.planId === b.planId && a.week === b.week && a.day === b.day;

/** queue keeps a log to send later; a newer log of the same day replaces the older one. */
export function queue(p: PendingLog): void {
  write([...read().filter((x) => !same(x, p)), p]);
  schedule();
}

/** drop forgets a day's queued log: a newer one reached the server. */
export function drop(planId: string, week: number, day: number): void {
  write(read().filter((x) => !(x.planId === planId && x.week === week && x.day === day)));
}

/** pending is the queued log of a day, if any. */
export function pending(planId: string, week: number, day: number): PendingLog | undefined {
  return read().find((x) => x.planId === planId && x.week === week && x.day === day);
}

/**
 * flush sends the queued logs in order. It stops at the first network failure (still offline)
 * and drops a log the server refuses (it would be refused again), keeping the rest.
 */
export async function flush(): Promise<void> {
  if (flushing) return;
  flushing = true;
  try {
    for (const p of read()) {
      let sent = false;
      let adapting = false;
      try {
        adapting = !!(await api.completeWorkout(p.planId, p.week, p.day, p.body)).adaptationQueued;
        sent = true;
      } catch (err) {
        if (!(err instanceof ApiError) || err.status === 0 || err.status === 401 || err.status >= 500) break;
      }
      write(read().filter((x) => !same(x, p)));
      if (sent) onSent(p, adapting);
    }
  } finally {
    flushing = false;
    if (read().length) schedule();
  }
}

function schedule(): void {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void flush(), RETRY_MS);
}

/** startOutbox sends what is queued now, when the browser comes online, and every few seconds until empty. */
export function startOutbox(sent: (p: PendingLog, adaptationQueued: boolean) => void): void {
  onSent = sent;
  window.addEventListener("online", () => void flush());
  if (read().length) void flush();
}

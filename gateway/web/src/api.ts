// The REST contract of the fitcoach gateway (grpc-gateway over protobuf): JSON names are
// lowerCamelCase, enums travel as their names, and responses carry every field, set or not.

export type FitnessLevel =
  | "FITNESS_LEVEL_UNSPECIFIED"
  | "FITNESS_LEVEL_BEGINNER"
  | "FITNESS_LEVEL_INTERMEDIATE"
  | "FITNESS_LEVEL_ADVANCED";

export type Archetype = "ARCHETYPE_UNSPECIFIED" | "ARCHETYPE_MENTOR" | "ARCHETYPE_PROFESSIONAL" | "ARCHETYPE_PEER";

export type Locale = "en" | "ru";

/** Objective is what a person trains for; the first of a profile's objectives is the primary one. */
export type Objective =
  | "OBJECTIVE_ENDURANCE"
  | "OBJECTIVE_STRENGTH"
  | "OBJECTIVE_HYPERTROPHY"
  | "OBJECTIVE_FAT_LOSS"
  | "OBJECTIVE_MOBILITY"
  | "OBJECTIVE_GENERAL_HEALTH";

/** Joint is a joint to spare (fitcoach.types.v1.Joint). */
export type Joint =
  | "JOINT_KNEES"
  | "JOINT_LOWER_BACK"
  | "JOINT_SHOULDERS"
  | "JOINT_WRISTS"
  | "JOINT_HIPS"
  | "JOINT_ANKLES"
  | "JOINT_NECK";

/** Measurement is how an exercise's work is counted, and so how it is shown and logged. */
export type Measurement = "MEASUREMENT_UNSPECIFIED" | "MEASUREMENT_REPS" | "MEASUREMENT_TIME" | "MEASUREMENT_DISTANCE";

/**
 * Prescription is what a plan says about one exercise. In a plan (workout_plan.proto Exercise)
 * every field is optional and absent when not set; in a workout (WorkoutExercise) absent is 0 or
 * "" and the catalog's measurement is added.
 */
export interface Prescription {
  sets?: number | null;
  reps?: string | null;
  restSeconds?: number | null;
  durationSeconds?: number | null;
  distanceMeters?: number | null;
  targetRpe?: number | null;
  targetRir?: number | null;
  workSeconds?: number | null;
  recoverySeconds?: number | null;
  rounds?: number | null;
  // warmup | main | accessory | conditioning | cooldown; "" is main.
  block?: string | null;
  cue?: string | null;
  measurement?: Measurement | string | null;
}

export interface LocalizedText {
  ru: string;
  en: string;
}

export interface Profile {
  goal: string;
  fitnessLevel: FitnessLevel;
  equipment: string[];
  daysPerWeek: number;
  durationWeeks: number;
  sessionMinutes: number;
  limitations: string;
  archetype: Archetype;
  locale: string;
  updateTime?: string | null;
  // Most important first; absent in profiles saved before objectives existed.
  objectives?: Objective[];
  injuries?: Joint[];
}

export interface Exercise extends Prescription {
  exerciseSlug: string;
}

export interface Day {
  dayNumber: number;
  workoutName: string;
  isRestDay: boolean;
  confidenceTask: string;
  exercises: Exercise[];
}

export interface Week {
  weekNumber: number;
  weekFocus: string;
  days: Day[];
}

export interface Substitution {
  week: number;
  day: number;
  fromSlug: string;
  toSlug: string;
}

export interface Plan {
  id: string;
  planName: string;
  durationWeeks: number;
  goal: string;
  notes: string;
  weeks: Week[];
  provider: string;
  model: string;
  attempts: number;
  substitutions: Substitution[];
  substitutionCount: number;
  fallbackReason: string;
  promptVersion: string;
  usage?: { promptTokens: string | number; completionTokens: string | number; totalTokens: string | number } | null;
  // int64 fields arrive as strings in protojson.
  generationMs: string | number;
  llmMs?: string | number;
  requestId: string;
  archetype: Archetype;
  locale: string;
  createTime?: string | null;
}

export interface PlanSummary {
  id: string;
  planName: string;
  durationWeeks: number;
  goal: string;
  provider: string;
  createTime?: string | null;
}

export interface WorkoutExercise extends Prescription {
  exerciseSlug: string;
  exerciseCode: string;
  name: string;
  names?: LocalizedText | null;
}

export interface CompletedExercise {
  exerciseSlug: string;
  setsDone: number;
  repsDone: number[];
}

export interface WorkoutLog {
  exercises: CompletedExercise[];
  perceivedEffort: number;
  notes: string;
  completeTime?: string | null;
}

export interface Workout {
  planId: string;
  week: number;
  day: number;
  workoutName: string;
  isRestDay: boolean;
  weekFocus: string;
  confidenceTask: string;
  exercises: WorkoutExercise[];
  log?: WorkoutLog | null;
}

export interface PlaylistItem {
  type: string;
  clipId: string;
  kind: string;
  provider: string;
  url: string;
  urlExpireTime?: string | null;
  durationSeconds: number;
  title: string;
  exerciseSlug: string;
  exerciseName: string;
  sets: number;
  reps: string;
  restSeconds: number;
}

export interface MissingClip {
  kind: string;
  exerciseSlug: string;
  reason: string;
}

export interface Playlist {
  items: PlaylistItem[];
  missing: MissingClip[];
  totalDurationSeconds?: number;
}

export interface StartWorkoutResponse {
  workout: Workout;
  playlist?: Playlist | null;
  notice: string;
}

export interface CatalogExercise {
  slug: string;
  code: string;
  name?: LocalizedText | null;
}

export interface Violation {
  field: string;
  rule?: string;
  message: string;
}

/** ApiError is a failed call: the gateway's JSON error body plus the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly violations: Violation[] = [],
    readonly requestId = "",
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let bearer = "";

/** setToken sets the bearer token every /v1 call carries. */
export function setToken(token: string): void {
  bearer = token;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (bearer && path.startsWith("/v1/")) headers.Authorization = `Bearer ${bearer}`;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    throw new ApiError(0, "UNAVAILABLE", err instanceof Error ? err.message : String(err));
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const e = (data ?? {}) as { code?: string; message?: string; violations?: Violation[]; requestId?: string };
    throw new ApiError(
      res.status,
      e.code ?? `HTTP_${res.status}`,
      e.message ?? (text.trim() || res.statusText),
      Array.isArray(e.violations) ? e.violations : [],
      e.requestId ?? res.headers.get("X-Request-Id") ?? "",
    );
  }
  return data as T;
}

const dayPath = (planId: string, week: number, day: number) =>
  `/v1/me/plans/${encodeURIComponent(planId)}/weeks/${week}/days/${day}`;

export const api = {
  devToken: (sub?: string) => call<{ sub: string; token: string }>("POST", "/dev/token", sub ? { sub } : {}),
  getProfile: () => call<{ profile: Profile }>("GET", "/v1/me/profile"),
  putProfile: (p: Profile) => call<{ profile: Profile }>("PUT", "/v1/me/profile", p),
  createPlan: (requestId: string) => call<{ plan: Plan }>("POST", "/v1/me/plans", { requestId }),
  listPlans: () => call<{ plans: PlanSummary[]; nextPageToken: string }>("GET", "/v1/me/plans?page_size=100"),
  getPlan: (id: string) => call<{ plan: Plan }>("GET", `/v1/me/plans/${encodeURIComponent(id)}`),
  getWorkout: (id: string, week: number, day: number) => call<{ workout: Workout }>("GET", dayPath(id, week, day)),
  startWorkout: (id: string, week: number, day: number) =>
    call<StartWorkoutResponse>("POST", `${dayPath(id, week, day)}:start`, {}),
  completeWorkout: (
    id: string,
    week: number,
    day: number,
    body: { exercises: CompletedExercise[]; perceivedEffort: number; notes: string },
  ) => call<{ log: WorkoutLog }>("POST", `${dayPath(id, week, day)}:complete`, body),
  listExercises: () => call<{ exercises: CatalogExercise[] }>("GET", "/v1/exercises?page_size=500"),
};

/**
 * fieldKey turns a violation's field path ("profile.days_per_week", "exercises[0].sets_done")
 * into the key a form uses ("daysPerWeek", "exercises.0.setsDone"), so the message lands at
 * its field whatever spelling the server used.
 */
export function fieldKey(path: string, strip: string[] = []): string {
  let parts = path
    .replace(/\[(\d+)\]/g, ".$1")
    .replace(/\["?([^"\]]*)"?\]/g, ".$1")
    .split(".")
    .filter(Boolean)
    .map((s) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
  while (parts.length > 1 && strip.includes(parts[0])) parts = parts.slice(1);
  return parts.join(".");
}

/** violationsByField groups violations under their field keys; see fieldKey. */
export function violationsByField(
  vs: Violation[],
  strip: string[] = [],
  translate: (msg: string) => string = (m) => m,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const v of vs) {
    const key = fieldKey(v.field || "", strip);
    const list = out.get(key) ?? [];
    list.push(translate(v.message || v.rule || "invalid"));
    out.set(key, list);
  }
  return out;
}

/** num reads a protojson number that may be an int64 string. */
export function num(v: string | number | null | undefined): number {
  if (v === null || v === undefined || v === "") return 0;
  return typeof v === "number" ? v : Number(v);
}

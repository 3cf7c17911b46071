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
  // Load in kilograms when the plan or an adaptation sets one.
  loadKg?: number | null;
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
  // The current revision: 1 as generated, one more per adaptation, swap or revert.
  revision?: number;
  // READY, PENDING while the generation job runs (poll getPlan), or FAILED (error says why).
  state?: PlanState | string;
  error?: string;
}

export interface PlanSummary {
  id: string;
  planName: string;
  durationWeeks: number;
  goal: string;
  provider: string;
  createTime?: string | null;
  revision?: number;
  state?: PlanState | string;
}

export interface WorkoutExercise extends Prescription {
  exerciseSlug: string;
  exerciseCode: string;
  name: string;
  names?: LocalizedText | null;
  lastTime?: LastTime | null;
  suggestion?: Suggestion | null;
}

/**
 * SetLog is one set as done. Which numbers are filled follows the exercise's measurement: reps
 * (and loadKg for loaded work), seconds for holds and intervals, seconds and distance for cardio.
 * rpe and rir are optional: absent means "not rated", which is not the same as 0 RIR.
 */
export interface SetLog {
  reps?: number;
  loadKg?: number;
  seconds?: number;
  distanceMeters?: number;
  rpe?: number | null;
  rir?: number | null;
  skipped?: boolean;
}

export interface CompletedExercise {
  exerciseSlug: string;
  // Derived by the server from sets when sets are sent; kept for logs made before per-set logging.
  setsDone: number;
  repsDone: number[];
  sets?: SetLog[];
  pain?: boolean;
  painNote?: string;
}

export interface WorkoutLog {
  exercises: CompletedExercise[];
  perceivedEffort: number;
  notes: string;
  completeTime?: string | null;
  revision?: number;
}

export type SuggestionAction =
  | "SUGGESTION_ACTION_UNSPECIFIED"
  | "SUGGESTION_ACTION_HOLD"
  | "SUGGESTION_ACTION_PROGRESS"
  | "SUGGESTION_ACTION_REDUCE";

/** LastTime is what the person did of an exercise the last time they logged it. */
export interface LastTime {
  planId: string;
  week: number;
  day: number;
  completeTime?: string | null;
  sets: SetLog[];
  summary: string;
  pain: boolean;
}

/** Suggestion is what to aim for in the next session of an exercise; zero where it does not apply. */
export interface Suggestion {
  action: SuggestionAction | string;
  loadKg: number;
  reps: number;
  seconds: number;
  distanceMeters: number;
  reason: string;
}

export type PlanState = "PLAN_STATE_UNSPECIFIED" | "PLAN_STATE_READY" | "PLAN_STATE_PENDING" | "PLAN_STATE_FAILED";

export interface SessionSummary {
  planId: string;
  week: number;
  day: number;
  workoutName: string;
  completeTime?: string | null;
  perceivedEffort: number;
  setsDone: number;
  volumeKg: number;
  cardioSeconds: number;
  distanceMeters: number;
  pain: boolean;
  log?: WorkoutLog | null;
}

export interface ExerciseEntry {
  planId: string;
  week: number;
  day: number;
  completeTime?: string | null;
  sets: SetLog[];
  e1rmKg: number;
  volumeKg: number;
  reps: number;
  seconds: number;
  distanceMeters: number;
  pain: boolean;
  painNote: string;
}

export type RecordKind =
  | "RECORD_KIND_UNSPECIFIED"
  | "RECORD_KIND_E1RM"
  | "RECORD_KIND_LOAD"
  | "RECORD_KIND_REPS"
  | "RECORD_KIND_SECONDS"
  | "RECORD_KIND_DISTANCE"
  | "RECORD_KIND_VOLUME";

export interface PersonalRecord {
  exerciseSlug: string;
  name: string;
  kind: RecordKind | string;
  value: number;
  planId: string;
  week: number;
  day: number;
  completeTime?: string | null;
}

export interface ExerciseHistory {
  exerciseSlug: string;
  name: string;
  entries: ExerciseEntry[];
  lastTime?: LastTime | null;
  records: PersonalRecord[];
  suggestion?: Suggestion | null;
}

export interface MuscleVolume {
  muscleGroup: string;
  sets: number;
  volumeKg: number;
}

export interface WeekProgress {
  week: number;
  sessionsPlanned: number;
  sessionsDone: number;
  adherence: number;
  volume: MuscleVolume[];
  cardioSeconds: number;
  distanceMeters: number;
  averageEffort: number;
  setsDone: number;
  volumeKg: number;
  deload: boolean;
}

export interface E1rmPoint {
  week: number;
  day: number;
  completeTime?: string | null;
  e1rmKg: number;
}

export interface LiftTrend {
  exerciseSlug: string;
  name: string;
  points: E1rmPoint[];
  changeKg: number;
}

export interface Progress {
  planId: string;
  weeks: WeekProgress[];
  lifts: LiftTrend[];
  records: PersonalRecord[];
  currentStreak: number;
  longestStreak: number;
  sessionsPlanned: number;
  sessionsDone: number;
  adherence: number;
}

export type ChangeAction =
  | "CHANGE_ACTION_UNSPECIFIED"
  | "CHANGE_ACTION_KEEP"
  | "CHANGE_ACTION_PROGRESS"
  | "CHANGE_ACTION_REGRESS"
  | "CHANGE_ACTION_SWAP"
  | "CHANGE_ACTION_DELOAD";

export interface ExerciseChange {
  week: number;
  day: number;
  exerciseSlug: string;
  name: string;
  action: ChangeAction | string;
  toSlug: string;
  toName: string;
  before: string;
  after: string;
  reason: string;
}

export type RevisionKind =
  | "REVISION_KIND_UNSPECIFIED"
  | "REVISION_KIND_ORIGINAL"
  | "REVISION_KIND_ADAPTATION"
  | "REVISION_KIND_SWAP"
  | "REVISION_KIND_REVERT";

export interface PlanRevision {
  planId: string;
  number: number;
  kind: RevisionKind | string;
  base: number;
  week: number;
  summary: string;
  changes: ExerciseChange[];
  provider: string;
  deload: boolean;
  createTime?: string | null;
}

export interface SwapOption {
  exerciseSlug: string;
  name: string;
  reason: string;
}

export interface CoachReport {
  planId: string;
  week: number;
  analysis: string;
  motivation: string;
  recommendations: string[];
  longTermStrategy: string;
  provider: string;
  locale: string;
  createTime?: string | null;
  sessions: number;
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
  revision?: number;
  recoveryGuidance?: string;
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

const planPath = (planId: string) => `/v1/me/plans/${encodeURIComponent(planId)}`;
const dayPath = (planId: string, week: number, day: number) => `${planPath(planId)}/weeks/${week}/days/${day}`;
const exPath = (planId: string, week: number, day: number, slug: string) =>
  `${dayPath(planId, week, day)}/exercises/${encodeURIComponent(slug)}`;

/** CompleteBody is what :complete takes; the outbox keeps it as is to resend. */
export interface CompleteBody {
  exercises: CompletedExercise[];
  perceivedEffort: number;
  notes: string;
}

export const api = {
  devToken: (sub?: string) => call<{ sub: string; token: string }>("POST", "/dev/token", sub ? { sub } : {}),
  getProfile: () => call<{ profile: Profile }>("GET", "/v1/me/profile"),
  putProfile: (p: Profile) => call<{ profile: Profile }>("PUT", "/v1/me/profile", p),
  // The server waits for the plan up to its budget and may answer it PENDING: poll getPlan.
  createPlan: (requestId: string) => call<{ plan: Plan }>("POST", "/v1/me/plans", { requestId }),
  listPlans: () => call<{ plans: PlanSummary[]; nextPageToken: string }>("GET", "/v1/me/plans?page_size=100"),
  getPlan: (id: string) => call<{ plan: Plan }>("GET", `/v1/me/plans/${encodeURIComponent(id)}`),
  getWorkout: (id: string, week: number, day: number) => call<{ workout: Workout }>("GET", dayPath(id, week, day)),
  startWorkout: (id: string, week: number, day: number) =>
    call<StartWorkoutResponse>("POST", `${dayPath(id, week, day)}:start`, {}),
  completeWorkout: (id: string, week: number, day: number, body: CompleteBody) =>
    call<{ log: WorkoutLog; adaptationQueued?: boolean }>("POST", `${dayPath(id, week, day)}:complete`, body),
  listExercises: () => call<{ exercises: CatalogExercise[] }>("GET", "/v1/exercises?page_size=500"),
  listSessions: (pageToken = "") =>
    call<{ sessions: SessionSummary[]; nextPageToken: string; currentStreak: number }>(
      "GET",
      `/v1/me/sessions?page_size=100${pageToken ? "&page_token=" + encodeURIComponent(pageToken) : ""}`,
    ),
  exerciseHistory: (slug: string) => call<ExerciseHistory>("GET", `/v1/me/exercises/${encodeURIComponent(slug)}/history?page_size=50`),
  progress: (id: string) => call<Progress>("GET", `${planPath(id)}/progress`),
  adapt: (id: string, week: number) => call<{ revision: PlanRevision; plan: Plan }>("POST", `${planPath(id)}/weeks/${week}:adapt`, {}),
  revisions: (id: string) => call<{ revisions: PlanRevision[] }>("GET", `${planPath(id)}/revisions`),
  // current is the revision the person sees: the server refuses to undo one they have not seen.
  revert: (id: string, current: number) => call<{ revision: PlanRevision; plan: Plan }>("POST", `${planPath(id)}:revert`, { current }),
  swapOptions: (id: string, week: number, day: number, slug: string) =>
    call<{ options: SwapOption[] }>("GET", `${exPath(id, week, day, slug)}/alternatives`),
  swap: (id: string, week: number, day: number, slug: string, body: { toSlug: string; laterWeeks: boolean; reason?: string }) =>
    call<{ revision: PlanRevision; workout: Workout }>("POST", `${exPath(id, week, day, slug)}:swap`, body),
  // week 0 is the whole plan so far.
  report: (id: string, week: number) =>
    call<{ report: CoachReport }>("GET", week > 0 ? `${planPath(id)}/weeks/${week}/report` : `${planPath(id)}/report`),
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

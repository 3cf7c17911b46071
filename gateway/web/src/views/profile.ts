// Onboarding and profile editing: every Profile field, with the API's validation messages shown
// at the field they are about. The form does not pre-validate: the server's rules are the truth.

import { html, nothing, type TemplateResult } from "lit-html";
import { ApiError, api, violationsByField, type Archetype, type FitnessLevel, type Joint, type Objective, type Profile } from "../api";
import { app, errorText, handleAuth, navigate, update, useProfile, type View } from "../app";
import { icon, type IconName } from "../icons";
import { asLocale, localizeMessage, locale, setLocale, t, tk, type Key } from "../i18n";

const LEVELS: FitnessLevel[] = ["FITNESS_LEVEL_BEGINNER", "FITNESS_LEVEL_INTERMEDIATE", "FITNESS_LEVEL_ADVANCED"];
const ARCHETYPES: Archetype[] = ["ARCHETYPE_MENTOR", "ARCHETYPE_PROFESSIONAL", "ARCHETYPE_PEER"];
const OBJECTIVES: Objective[] = [
  "OBJECTIVE_ENDURANCE",
  "OBJECTIVE_STRENGTH",
  "OBJECTIVE_HYPERTROPHY",
  "OBJECTIVE_FAT_LOSS",
  "OBJECTIVE_MOBILITY",
  "OBJECTIVE_GENERAL_HEALTH",
];
// The server takes at most three objectives: a primary one and up to two more.
const MAX_OBJECTIVES = 3;
const JOINTS: Joint[] = ["JOINT_KNEES", "JOINT_LOWER_BACK", "JOINT_SHOULDERS", "JOINT_WRISTS", "JOINT_HIPS", "JOINT_ANKLES", "JOINT_NECK"];
// The server's limits (plan.proto Profile); the steppers and counters keep to them.
const GOAL_MAX = 300;
const LIMITATIONS_MAX = 500;

const EQUIPMENT = ["dumbbell", "kettlebell", "barbell", "band", "machine", "pullup_bar", "bench"];
const ARCHETYPE_ICON: Record<string, IconName> = {
  ARCHETYPE_MENTOR: "compass",
  ARCHETYPE_PROFESSIONAL: "clipboard",
  ARCHETYPE_PEER: "users",
};

interface Form {
  goal: string;
  fitnessLevel: FitnessLevel;
  equipment: string[];
  daysPerWeek: string;
  durationWeeks: string;
  sessionMinutes: string;
  limitations: string;
  archetype: Archetype;
  locale: string;
  // In the person's order of importance: the first is the primary objective.
  objectives: Objective[];
  injuries: Joint[];
}

// What was typed at onboarding, kept for this tab: a session that expires mid-form (sign in
// again) must not cost the person their answers.
const DRAFT_KEY = "fitcoach.onboarding";

function toInt(s: string): number {
  const n = Number.parseInt(s.trim(), 10);
  return Number.isFinite(n) ? n : 0;
}

export class ProfileView implements View {
  private form: Form;
  private errors = new Map<string, string[]>();
  private formError = "";
  private saving = false;
  private savedNote = false;
  // Until the person picks a language in the form, it follows the header's language toggle.
  private localeTouched = false;

  constructor(private readonly onboarding: boolean) {
    const p = app.profile;
    this.form = p
      ? {
          goal: p.goal,
          fitnessLevel: LEVELS.includes(p.fitnessLevel) ? p.fitnessLevel : "FITNESS_LEVEL_BEGINNER",
          equipment: [...(p.equipment ?? [])],
          daysPerWeek: String(p.daysPerWeek),
          durationWeeks: String(p.durationWeeks),
          sessionMinutes: String(p.sessionMinutes),
          limitations: p.limitations,
          archetype: ARCHETYPES.includes(p.archetype) ? p.archetype : "ARCHETYPE_MENTOR",
          locale: asLocale(p.locale),
          objectives: (p.objectives ?? []).filter((o) => OBJECTIVES.includes(o)),
          injuries: (p.injuries ?? []).filter((j) => JOINTS.includes(j)),
        }
      : {
          goal: "",
          fitnessLevel: "FITNESS_LEVEL_BEGINNER",
          equipment: [],
          daysPerWeek: "3",
          durationWeeks: "8",
          sessionMinutes: "45",
          limitations: "",
          archetype: "ARCHETYPE_MENTOR",
          locale: locale(),
          objectives: [],
          injuries: [],
        };
    if (onboarding) {
      try {
        const d = JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? "null") as Partial<Form> | null;
        if (d) this.form = { ...this.form, ...d };
      } catch {
        // A broken draft is only a lost convenience.
      }
    }
  }

  private set<K extends keyof Form>(k: K, v: Form[K]): void {
    this.form[k] = v;
    if (this.onboarding) sessionStorage.setItem(DRAFT_KEY, JSON.stringify(this.form));
    this.savedNote = false;
    // A field the person changed is no longer the one the server complained about.
    if (this.errors.delete(k)) this.formError = this.errors.size ? this.formError : "";
    if (k === "locale") {
      this.localeTouched = true;
      // At onboarding the choice shows at once; on the profile page it applies when saved.
      if (this.onboarding) setLocale(asLocale(v as string));
    }
    update();
  }

  private toggleEquipment(eq: string): void {
    const has = this.form.equipment.includes(eq);
    this.set("equipment", has ? this.form.equipment.filter((x) => x !== eq) : [...this.form.equipment, eq]);
  }

  /** toggleObjective adds an objective after those chosen (the first chosen is primary) or removes it. */
  private toggleObjective(o: Objective): void {
    const list = this.form.objectives;
    if (list.includes(o)) this.set("objectives", list.filter((x) => x !== o));
    else if (list.length < MAX_OBJECTIVES) this.set("objectives", [...list, o]);
  }

  /** makePrimary moves a chosen objective to the front. */
  private makePrimary(o: Objective): void {
    this.set("objectives", [o, ...this.form.objectives.filter((x) => x !== o)]);
  }

  private toggleInjury(j: Joint, on: boolean): void {
    const list = this.form.injuries.filter((x) => x !== j);
    this.set("injuries", on ? JOINTS.filter((x) => x === j || list.includes(x)) : list);
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const f = this.form;
    const body: Profile = {
      goal: f.goal.trim(),
      fitnessLevel: f.fitnessLevel,
      equipment: f.equipment,
      daysPerWeek: toInt(f.daysPerWeek),
      durationWeeks: toInt(f.durationWeeks),
      sessionMinutes: toInt(f.sessionMinutes),
      limitations: f.limitations.trim(),
      archetype: f.archetype,
      locale: f.locale,
      objectives: f.objectives,
      injuries: f.injuries,
    };
    this.saving = true;
    this.errors = new Map();
    this.formError = "";
    update();
    try {
      const res = await api.putProfile(body);
      useProfile(res.profile);
      if (this.onboarding) {
        sessionStorage.removeItem(DRAFT_KEY);
        navigate("/", true);
        return;
      }
      this.savedNote = true;
    } catch (err) {
      if (handleAuth(err)) return;
      if (err instanceof ApiError && err.violations.length) {
        this.errors = violationsByField(err.violations, ["profile"], localizeMessage);
        const known = new Set<string>(Object.keys(f));
        const stray = [...this.errors.entries()].filter(([k]) => !known.has(k.split(".")[0]));
        this.formError = [t("fixFields"), ...stray.map(([k, m]) => `${k}: ${m.join(" ")}`)].join(" ");
      } else {
        this.formError = errorText(err);
      }
    } finally {
      this.saving = false;
      update();
      if (this.errors.size) {
        requestAnimationFrame(() => document.querySelector<HTMLElement>(".has-error input, .has-error textarea, .has-error button")?.focus());
      }
    }
  }

  /** fieldErrors are the messages for a field, including its items ("equipment.0"). */
  private fieldErrors(name: string): string[] {
    const out: string[] = [];
    for (const [k, msgs] of this.errors) if (k === name || k.startsWith(name + ".")) out.push(...msgs);
    return out;
  }

  private field(name: keyof Form, label: Key, control: TemplateResult, hint?: Key, max = 0): TemplateResult {
    const errs = this.fieldErrors(name);
    const len = max ? [...String(this.form[name])].length : 0;
    return html`<div class="field ${errs.length ? "has-error" : ""}" data-field=${name}>
      <label class="label" for="f-${name}">${t(label)}</label>
      ${control}
      ${hint || max
        ? html`<div class="hint-row">
            ${hint ? html`<span class="hint" id="f-${name}-hint">${t(hint)}</span>` : nothing}
            ${max
              ? html`<span class="counter ${len >= max ? "full" : ""}" aria-live="polite" data-testid="count-${name}">${t("charCount", { n: len, max })}</span>`
              : nothing}
          </div>`
        : nothing}
      ${errs.map((m) => html`<p class="field-error" role="alert" data-testid="error-${name}">${m}</p>`)}
    </div>`;
  }

  private numberInput(name: "daysPerWeek" | "durationWeeks" | "sessionMinutes", min: number, max: number, step = 1): TemplateResult {
    const v = this.form[name];
    const bump = (d: number) => this.set(name, String(Math.min(max, Math.max(min, toInt(v) + d))));
    return html`<div class="stepper">
      <button type="button" class="step" aria-label="−" @click=${() => bump(-step)}>−</button>
      <input
        id="f-${name}"
        name=${name}
        type="number"
        inputmode="numeric"
        min=${min}
        max=${max}
        step=${step}
        .value=${v}
        @input=${(e: Event) => this.set(name, (e.target as HTMLInputElement).value)}
        data-testid="input-${name}"
      />
      <button type="button" class="step" aria-label="+" @click=${() => bump(step)}>+</button>
    </div>`;
  }

  private objectivesControl(): TemplateResult {
    const chosen = this.form.objectives;
    return html`<div class="chips objectives" id="f-objectives" role="group" aria-describedby="f-objectives-hint">
      ${OBJECTIVES.map((o) => {
        const at = chosen.indexOf(o);
        const full = at < 0 && chosen.length >= MAX_OBJECTIVES;
        return html`<button
          type="button"
          class="chip ${at >= 0 ? "on" : ""} ${at === 0 ? "primary" : ""}"
          aria-pressed=${at >= 0}
          ?disabled=${full}
          @click=${() => this.toggleObjective(o)}
          data-testid="objective-${o}"
        >
          ${at >= 0 ? html`<span class="chip-rank" aria-hidden="true">${at + 1}</span>` : nothing}${tk(o)}${at === 0
            ? html` <span class="chip-primary" data-testid="objective-primary">· ${t("primary")}</span>`
            : nothing}
        </button>`;
      })}
      ${chosen.length > 1
        ? html`<span class="chip-actions">
            ${chosen.slice(1).map(
              (o) => html`<button type="button" class="btn btn-ghost btn-sm" @click=${() => this.makePrimary(o)} data-testid="primary-${o}">
                ★ ${t("makePrimary", { o: tk(o) })}
              </button>`,
            )}
          </span>`
        : nothing}
    </div>`;
  }

  private injuriesControl(): TemplateResult {
    return html`<div class="checks" id="f-injuries" role="group">
      ${JOINTS.map(
        (j) => html`<label class="check">
          <input
            type="checkbox"
            .checked=${this.form.injuries.includes(j)}
            @change=${(e: Event) => this.toggleInjury(j, (e.target as HTMLInputElement).checked)}
            data-testid="injury-${j}"
          />
          <span>${tk(j)}</span>
        </label>`,
      )}
    </div>`;
  }

  render() {
    const f = this.form;
    if (this.onboarding && !this.localeTouched) f.locale = locale();
    return html`
      <section class="hero hero-sm">
        <h1>${this.onboarding ? t("onboardTitle") : t("profileTitle")}</h1>
        <p class="lead">${this.onboarding ? t("onboardLead") : t("profileLead")}</p>
      </section>
      <form class="card form" novalidate @submit=${(e: Event) => this.submit(e)} data-testid="profile-form">
        ${this.field(
          "goal",
          "goal",
          html`<textarea
            id="f-goal"
            name="goal"
            rows="2"
            maxlength=${GOAL_MAX}
            placeholder=${t("goalPlaceholder")}
            .value=${f.goal}
            @input=${(e: Event) => this.set("goal", (e.target as HTMLTextAreaElement).value)}
            data-testid="input-goal"
          ></textarea>`,
          "goalHint",
          GOAL_MAX,
        )}
        ${this.field("objectives", "objectives", this.objectivesControl(), "objectivesHint")}
        ${this.field(
          "fitnessLevel",
          "fitnessLevel",
          html`<div class="choices choices-3" role="radiogroup" id="f-fitnessLevel">
            ${LEVELS.map(
              (l) => html`<button
                type="button"
                role="radio"
                aria-checked=${f.fitnessLevel === l}
                class="choice ${f.fitnessLevel === l ? "on" : ""}"
                @click=${() => this.set("fitnessLevel", l)}
                data-testid="level-${l}"
              >
                <strong>${tk(l)}</strong><span>${tk(l + "_hint")}</span>
              </button>`,
            )}
          </div>`,
        )}
        ${this.field(
          "equipment",
          "equipment",
          html`<div class="chips" id="f-equipment" role="group">
            ${EQUIPMENT.map(
              (eq) => html`<button
                type="button"
                class="chip ${f.equipment.includes(eq) ? "on" : ""}"
                aria-pressed=${f.equipment.includes(eq)}
                @click=${() => this.toggleEquipment(eq)}
                data-testid="equipment-${eq}"
              >
                ${f.equipment.includes(eq) ? "✓ " : ""}${tk("eq_" + eq, eq)}
              </button>`,
            )}
          </div>`,
          "equipmentHint",
        )}
        <div class="row-3">
          ${this.field("daysPerWeek", "daysPerWeek", this.numberInput("daysPerWeek", 2, 6), "daysPerWeekHint")}
          ${this.field("durationWeeks", "durationWeeks", this.numberInput("durationWeeks", 4, 12), "durationWeeksHint")}
          ${this.field("sessionMinutes", "sessionMinutes", this.numberInput("sessionMinutes", 15, 180, 5), "sessionMinutesHint")}
        </div>
        ${this.field(
          "limitations",
          "limitations",
          html`<textarea
            id="f-limitations"
            name="limitations"
            rows="2"
            maxlength=${LIMITATIONS_MAX}
            placeholder=${t("limitationsPlaceholder")}
            .value=${f.limitations}
            @input=${(e: Event) => this.set("limitations", (e.target as HTMLTextAreaElement).value)}
            data-testid="input-limitations"
          ></textarea>`,
          "limitationsHint",
          LIMITATIONS_MAX,
        )}
        ${this.field("injuries", "injuries", this.injuriesControl(), "injuriesHint")}
        ${this.field(
          "archetype",
          "archetype",
          html`<div class="choices choices-3" role="radiogroup" id="f-archetype">
            ${ARCHETYPES.map(
              (a) => html`<button
                type="button"
                role="radio"
                aria-checked=${f.archetype === a}
                class="choice ${f.archetype === a ? "on" : ""}"
                @click=${() => this.set("archetype", a)}
                data-testid="archetype-${a}"
              >
                <span class="choice-icon">${icon(ARCHETYPE_ICON[a], 26)}</span>
                <strong>${tk(a)}</strong><span>${tk(a + "_hint")}</span>
              </button>`,
            )}
          </div>`,
        )}
        ${this.field(
          "locale",
          "locale",
          html`<div class="segmented" role="radiogroup" id="f-locale">
            ${(["en", "ru"] as const).map(
              (l) => html`<button
                type="button"
                role="radio"
                aria-checked=${f.locale === l}
                class=${f.locale === l ? "on" : ""}
                @click=${() => this.set("locale", l)}
                data-testid="locale-${l}"
              >
                ${l === "en" ? "English" : "Русский"}
              </button>`,
            )}
          </div>`,
        )}
        ${this.formError ? html`<div class="alert alert-error" role="alert" data-testid="form-error">${this.formError}</div>` : nothing}
        ${this.savedNote ? html`<div class="alert alert-ok" role="status">${t("saved")}</div>` : nothing}
        <div class="actions">
          <button class="btn btn-primary btn-lg" type="submit" ?disabled=${this.saving} data-testid="save-profile">
            ${this.saving ? html`<span class="spin" aria-hidden="true"></span>${t("saving")}` : this.onboarding ? t("saveProfile") : t("saveChanges")}
          </button>
        </div>
      </form>
    `;
  }
}

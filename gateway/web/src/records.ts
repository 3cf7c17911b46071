// Shared by the progress, history and exercise pages (all lazily loaded): muscle group names,
// personal record kinds and values in the interface language.

import { distance, span } from "./dose";
import { t, tk, texts } from "./i18n";
import { fmtKg } from "./setlog";

const rk = texts(
  {
    RECORD_KIND_E1RM: "Estimated 1RM",
    RECORD_KIND_LOAD: "Heaviest load",
    RECORD_KIND_REPS: "Most reps",
    RECORD_KIND_SECONDS: "Longest time",
    RECORD_KIND_DISTANCE: "Longest distance",
    RECORD_KIND_VOLUME: "Most volume",
  },
  {
    RECORD_KIND_E1RM: "Расчётный максимум",
    RECORD_KIND_LOAD: "Самый большой вес",
    RECORD_KIND_REPS: "Больше всего повторов",
    RECORD_KIND_SECONDS: "Дольше всего",
    RECORD_KIND_DISTANCE: "Самая длинная дистанция",
    RECORD_KIND_VOLUME: "Самый большой объём",
  },
);

/** recordKind is what a personal record measures, in words. */
export function recordKind(kind: string): string {
  return kind in KINDS ? rk(kind as keyof typeof KINDS) : kind;
}

const KINDS = { RECORD_KIND_E1RM: 1, RECORD_KIND_LOAD: 1, RECORD_KIND_REPS: 1, RECORD_KIND_SECONDS: 1, RECORD_KIND_DISTANCE: 1, RECORD_KIND_VOLUME: 1 };

/** muscle is a muscle group's name in the interface language. */
export function muscle(g: string): string {
  const s = tk("muscle_" + g, "");
  if (s) return s;
  const p = g.replace(/_/g, " ");
  return p.charAt(0).toUpperCase() + p.slice(1);
}

texts(
  {
    muscle_chest: "Chest",
    muscle_back: "Back",
    muscle_lats: "Lats",
    muscle_lower_back: "Lower back",
    muscle_shoulders: "Shoulders",
    muscle_biceps: "Biceps",
    muscle_triceps: "Triceps",
    muscle_forearms: "Forearms",
    muscle_core: "Core",
    muscle_obliques: "Obliques",
    muscle_quads: "Quads",
    muscle_hamstrings: "Hamstrings",
    muscle_glutes: "Glutes",
    muscle_calves: "Calves",
    muscle_hip_flexors: "Hip flexors",
    muscle_hips: "Hips",
    muscle_abductors: "Abductors",
    muscle_full_body: "Full body",
    muscle_cardio: "Cardio",
  },
  {
    muscle_chest: "Грудь",
    muscle_back: "Спина",
    muscle_lats: "Широчайшие",
    muscle_lower_back: "Поясница",
    muscle_shoulders: "Плечи",
    muscle_biceps: "Бицепс",
    muscle_triceps: "Трицепс",
    muscle_forearms: "Предплечья",
    muscle_core: "Кор",
    muscle_obliques: "Косые мышцы",
    muscle_quads: "Квадрицепсы",
    muscle_hamstrings: "Задняя поверхность бедра",
    muscle_glutes: "Ягодицы",
    muscle_calves: "Икры",
    muscle_hip_flexors: "Сгибатели бедра",
    muscle_hips: "Бёдра",
    muscle_abductors: "Отводящие мышцы",
    muscle_full_body: "Всё тело",
    muscle_cardio: "Кардио",
  },
);

/** recordValue is a record's value in its unit. */
export function recordValue(kind: string, v: number): string {
  switch (kind) {
    case "RECORD_KIND_E1RM":
    case "RECORD_KIND_LOAD":
    case "RECORD_KIND_VOLUME":
      return t("kgValue", { n: fmtKg(v) });
    case "RECORD_KIND_SECONDS":
      return span(Math.round(v));
    case "RECORD_KIND_DISTANCE":
      return distance(Math.round(v));
    default:
      return String(Math.round(v));
  }
}


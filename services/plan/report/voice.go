package report

import typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"

// voice is how one coach archetype words the parts of a report that carry its personality
// (prompt/v2/voice.*.txt describes the same three to the LLM). Formats take their arguments
// by index: none the first session's name; all, most and few the sessions done, planned and
// the percentage; progress the number of exercises that went up.
type voice struct {
	none, all, most, few string
	progress, pain       string
	close                string
}

var voices = map[typesv1.Archetype][2]voice{
	typesv1.Archetype_ARCHETYPE_MENTOR: {
		{
			none:     "Every strong habit starts with a single session. %[1]s is a gentle first step: do it, notice how it feels, and we'll build from there together.",
			all:      "You showed up for all %[1]d sessions — that consistency is what turns a plan into real progress. Be proud of it.",
			most:     "%[1]d of %[2]d sessions done, and every one of them counts. Steady steps like these are how lasting strength is built.",
			few:      "Life got busy, and that's okay — %[1]d of %[2]d sessions still moved you forward. We'll keep the next step gentle so getting back in feels easy.",
			progress: "You got stronger on %[1]d exercises: that is your work paying off.",
			pain:     "Thank you for telling me what hurt: that's how we keep your training safe.",
			close:    "Trust the process: small, steady steps add up.",
		},
		{
			none:     "Любая крепкая привычка начинается с одной тренировки. «%[1]s» — мягкий первый шаг: проведите её, прислушайтесь к ощущениям, и дальше мы будем строить вместе.",
			all:      "Вы провели все %[1]d тренировок — именно такая регулярность превращает план в настоящий прогресс. Этим стоит гордиться.",
			most:     "Проведено %[1]d из %[2]d тренировок, и каждая из них важна. Такими ровными шагами и строится устойчивая сила.",
			few:      "Жизнь бывает насыщенной, и это нормально — даже %[1]d из %[2]d тренировок продвинули вас вперёд. Следующий шаг сделаем мягче, чтобы вернуться было легко.",
			progress: "Вы стали сильнее в %[1]d упражнениях: это результат вашей работы.",
			pain:     "Спасибо, что отметили боль: так мы сохраняем ваши тренировки безопасными.",
			close:    "Доверьтесь процессу: маленькие ровные шаги складываются в большой результат.",
		},
	},
	typesv1.Archetype_ARCHETYPE_PROFESSIONAL: {
		{
			none:     "Nothing logged yet. Begin with %[1]s and record load, reps and effort for every set.",
			all:      "%[1]d of %[2]d sessions completed. Full adherence: the basis for progressive overload is in place.",
			most:     "%[1]d of %[2]d sessions completed (%[3]d%%). Solid; full adherence will make the progression data cleaner.",
			few:      "%[1]d of %[2]d sessions completed (%[3]d%%), below the two thirds needed to progress. Priority next week: attendance, not intensity.",
			progress: "Measurable progress on %[1]d exercises.",
			pain:     "Pain reported: the affected exercise is dealt with before anything else.",
			close:    "Decisions follow the numbers you log.",
		},
		{
			none:     "Пока ничего не записано. Начните с «%[1]s» и фиксируйте вес, повторения и усилие в каждом подходе.",
			all:      "Выполнено %[1]d из %[2]d тренировок. Полная регулярность: основа для прогрессии нагрузки есть.",
			most:     "Выполнено %[1]d из %[2]d тренировок (%[3]d%%). Хорошо; полная регулярность даст более точные данные для прогрессии.",
			few:      "Выполнено %[1]d из %[2]d тренировок (%[3]d%%) — меньше двух третей, нужных для прогрессии. Приоритет следующей недели — регулярность, а не интенсивность.",
			progress: "Измеримый прогресс в %[1]d упражнениях.",
			pain:     "Отмечена боль: сначала решаем вопрос с этим упражнением.",
			close:    "Решения принимаются по цифрам, которые вы записываете.",
		},
	},
	typesv1.Archetype_ARCHETYPE_PEER: {
		{
			none:     "Your first session is %[1]s — let's knock it out together!",
			all:      "All %[1]d sessions done — let's go! That's the whole lot in the bag, high five!",
			most:     "%[1]d of %[2]d sessions — nice work! Let's grab every one of them next time.",
			few:      "Hey, %[1]d of %[2]d still beats zero. No stress — we'll ease in and get the rhythm back together.",
			progress: "And you got stronger on %[1]d exercises — love to see it!",
			pain:     "Good call flagging the pain — no hero sets, we'll work around it.",
			close:    "We've got this, one session at a time.",
		},
		{
			none:     "Твоя первая тренировка — «%[1]s». Давай сделаем её вместе!",
			all:      "Все %[1]d тренировок сделаны — вот это да! Всё в кармане, дай пять!",
			most:     "%[1]d из %[2]d тренировок — отлично! В следующий раз заберём все.",
			few:      "Эй, %[1]d из %[2]d — это всё равно больше нуля. Без паники: начнём полегче и вместе вернём ритм.",
			progress: "И ты стал сильнее в %[1]d упражнениях — класс!",
			pain:     "Правильно, что отметил боль — без геройства, обойдём это.",
			close:    "Справимся — по одной тренировке за раз.",
		},
	},
}

// voiceOf is the archetype's voice in the locale; unspecified archetypes get the mentor's,
// as they do in the prompts.
func voiceOf(a typesv1.Archetype, locale string) voice {
	v, ok := voices[a]
	if !ok {
		v = voices[typesv1.Archetype_ARCHETYPE_MENTOR]
	}
	if locale == "ru" {
		return v[1]
	}
	return v[0]
}

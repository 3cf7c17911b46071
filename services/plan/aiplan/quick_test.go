package aiplan

import "testing"

func TestQuickEquivalent(t *testing.T) {
	raw := readPlan(t)
	vs := requireEquivalent(t, raw)
	t.Log(vs)
	p := fourWeeks(t)
	p["plan_name"] = "x"
	p.exercise(0, 0, 1)["reps"] = "a-b"
	p.exercise(0, 0, 2)["reps"] = "9-3"
	p.day(1, 2)["is_rest_day"] = false
	t.Log(requireEquivalent(t, p.encode(t)))
}

func BenchmarkQParse(b *testing.B) {
	raw := readPlan(b)
	defer reportCPUTime(b)()
	for b.Loop() {
		Parse(raw)
	}
}

func BenchmarkQValidate(b *testing.B) {
	p, _ := Parse(readPlan(b))
	defer reportCPUTime(b)()
	for b.Loop() {
		Validate(p)
	}
}

func BenchmarkQCopy(b *testing.B) {
	raw := readPlan(b)
	defer reportCPUTime(b)()
	for b.Loop() {
		_ = string(raw)
	}
}

func BenchmarkQBalanced(b *testing.B) {
	raw := readPlan(b)
	defer reportCPUTime(b)()
	for b.Loop() {
		balancedLen(raw)
	}
}

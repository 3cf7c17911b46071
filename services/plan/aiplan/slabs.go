package aiplan

import (
	"unsafe"

	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
)

// slabs hands out plan messages and the slices that hold them from a few large allocations:
// a 12-week plan has about 450 messages, and allocating them one by one costs more than
// decoding the JSON. Messages are never copied, only pointed into, which protobuf allows.
//
// Children are collected on the *Stack slices while their parent's array is decoded, then
// copied into an exact-length slice, so nested arrays can share one stack per type.
type slabs struct {
	weekPool     []planv1.Week
	dayPool      []planv1.Day
	exercisePool []planv1.Exercise
	int32Pool    []int32
	stringPool   []string
	text         []byte // backing store of string values; only ever appended to
	interned     [256]string

	weekPtrs     []*planv1.Week
	dayPtrs      []*planv1.Day
	exercisePtrs []*planv1.Exercise

	weekStack     []*planv1.Week
	dayStack      []*planv1.Day
	exerciseStack []*planv1.Exercise
}

// Slab sizes: a 12-week plan fits in one slab of weeks, about six of days and of exercises;
// larger slabs would waste memory on the small plans of reprompts and tests.
const (
	weekSlab     = 12
	daySlab      = 16
	exerciseSlab = 64
	int32Slab    = 64
	textSlab     = 8 << 10 // below the 32 KB where Go switches to large-object allocation
	maxInterned  = 128     // longer strings are free text, rarely repeated
	pointerSlab  = 128
)

func (s *slabs) newWeek() *planv1.Week {
	if len(s.weekPool) == 0 {
		s.weekPool = make([]planv1.Week, weekSlab)
	}
	w := &s.weekPool[0]
	s.weekPool = s.weekPool[1:]
	return w
}

func (s *slabs) newDay() *planv1.Day {
	if len(s.dayPool) == 0 {
		s.dayPool = make([]planv1.Day, daySlab)
	}
	d := &s.dayPool[0]
	s.dayPool = s.dayPool[1:]
	return d
}

func (s *slabs) newExercise() *planv1.Exercise {
	if len(s.exercisePool) == 0 {
		s.exercisePool = make([]planv1.Exercise, exerciseSlab)
	}
	e := &s.exercisePool[0]
	s.exercisePool = s.exercisePool[1:]
	return e
}

func (s *slabs) newInt32() *int32 {
	if len(s.int32Pool) == 0 {
		s.int32Pool = make([]int32, int32Slab)
	}
	v := &s.int32Pool[0]
	s.int32Pool = s.int32Pool[1:]
	return v
}

func (s *slabs) newString() *string {
	if len(s.stringPool) == 0 {
		s.stringPool = make([]string, int32Slab)
	}
	v := &s.stringPool[0]
	s.stringPool = s.stringPool[1:]
	return v
}

// take moves stack[mark:] into an exact-capacity slice carved from *pool and truncates the
// stack. An empty array stays nil, as protojson leaves it.
func take[T any](pool *[]*T, stack *[]*T, mark int) []*T {
	n := len(*stack) - mark
	if n == 0 {
		return nil
	}
	if len(*pool) < n {
		*pool = make([]*T, max(pointerSlab, n))
	}
	out := (*pool)[:n:n]
	*pool = (*pool)[n:]
	copy(out, (*stack)[mark:])
	*stack = (*stack)[:mark]
	return out
}

func (s *slabs) weeks(mark int) []*planv1.Week { return take(&s.weekPtrs, &s.weekStack, mark) }
func (s *slabs) days(mark int) []*planv1.Day   { return take(&s.dayPtrs, &s.dayStack, mark) }
func (s *slabs) exercises(mark int) []*planv1.Exercise {
	return take(&s.exercisePtrs, &s.exerciseStack, mark)
}

// keep returns a copy of v that lives in the text slab. Strings are made with unsafe.String
// over bytes that are never written again, which is what strings.Builder does too; the copy
// lets the plan outlive the caller's buffer.
//
// Plans repeat themselves (the same slugs, reps, workout names and rest-day tasks week after
// week), so short strings go through a small cache and repeats share one copy.
func (s *slabs) keep(v string) string {
	if len(v) == 0 {
		return ""
	}
	if len(v) > maxInterned {
		return s.copyText(v)
	}
	// A cheap hash is enough: a collision only costs a copy.
	h := (uint(len(v))*31 + uint(v[0])*7 + uint(v[len(v)/2])*5 + uint(v[len(v)-1])) % uint(len(s.interned))
	if s.interned[h] == v {
		return s.interned[h]
	}
	k := s.copyText(v)
	s.interned[h] = k
	return k
}

func (s *slabs) copyText(v string) string {
	if len(v) > cap(s.text)-len(s.text) {
		s.text = make([]byte, 0, max(textSlab, len(v)))
	}
	start := len(s.text)
	s.text = append(s.text, v...)
	return unsafe.String(&s.text[start], len(v))
}

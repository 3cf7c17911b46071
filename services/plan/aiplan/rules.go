package aiplan

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// The fast validator's rules are read from the buf.validate options in the plan descriptors,
// so the proto stays the source of truth for limits, patterns, ids and messages. Only the
// meaning of each CEL expression is written in Go (celChecks), keyed by rule id and pinned
// to the expression text: if the proto gains a rule kind or a CEL rule this file does not
// know, or an expression changes, buildRules fails, TestFastRulesBuild fails, and Validate
// falls back to the reference path instead of silently checking less.

// stringRule holds string.min_len, string.max_len (both in runes) and string.pattern.
type stringRule struct {
	minLen, maxLen int64 // -1 when unset
	pattern        *pattern
	minMsg, maxMsg string
	patternMsg     string
}

// int32Rule holds int32.gte and int32.lte; protovalidate reports them as one rule.
type int32Rule struct {
	hasLo, hasHi bool
	lo, hi       int32
	id, msg      string
}

// doubleRule holds double.gt/gte and double.lt/lte, reported as one rule as protovalidate does,
// and double.finite, reported on its own.
type doubleRule struct {
	lo, hi             float64
	hasLo, hasHi       bool
	loExcl, hiExcl     bool // gt rather than gte, lt rather than lte
	finite             bool
	id, msg, finiteMsg string
}

// repeatedRule holds repeated.min_items and repeated.max_items.
type repeatedRule struct {
	minItems, maxItems int64 // -1 when unset
	minMsg, maxMsg     string
}

// celCheck is a CEL rule of a message of type T, or of one of its fields.
type celCheck[T any] struct {
	field   string // path of the violation relative to the message
	id, msg string
	ok      func(T) bool
}

// ruleSet is every rule of the plan messages, in typed slots the validator reads directly.
type ruleSet struct {
	planName, goal, notes stringRule
	durationWeeks         int32Rule
	weeks                 repeatedRule
	planCEL               []celCheck[*planv1.WorkoutPlan]

	weekNumber int32Rule
	weekFocus  stringRule
	days       repeatedRule
	weekCEL    []celCheck[*planv1.Week]

	dayNumber                   int32Rule
	workoutName, confidenceTask stringRule
	exercises                   repeatedRule
	dayCEL                      []celCheck[*planv1.Day]

	exerciseSlug, reps, block, cue                     stringRule
	sets, restSeconds, durationSeconds, distanceMeters int32Rule
	targetRPE, targetRIR                               int32Rule
	workSeconds, recoverySeconds, rounds               int32Rule
	loadKg                                             doubleRule
	exerciseCEL                                        []celCheck[*planv1.Exercise]
}

// fastRules builds the rule set once; the descriptors it reads never change at run time.
var fastRules = sync.OnceValues(func() (*ruleSet, error) {
	return buildRules(
		(&planv1.WorkoutPlan{}).ProtoReflect().Descriptor(),
		(&planv1.Week{}).ProtoReflect().Descriptor(),
		(&planv1.Day{}).ProtoReflect().Descriptor(),
		(&planv1.Exercise{}).ProtoReflect().Descriptor(),
	)
})

// buildRules reads the rules of the four plan messages from their descriptors.
func buildRules(messages ...protoreflect.MessageDescriptor) (*ruleSet, error) {
	rs := &ruleSet{}
	for _, r := range []*stringRule{&rs.planName, &rs.goal, &rs.notes, &rs.weekFocus, &rs.workoutName, &rs.confidenceTask, &rs.exerciseSlug, &rs.reps, &rs.block, &rs.cue} {
		r.minLen, r.maxLen = -1, -1
	}
	for _, r := range []*repeatedRule{&rs.weeks, &rs.days, &rs.exercises} {
		r.minItems, r.maxItems = -1, -1
	}
	b := ruleBuilder{
		rs: rs,
		slots: map[protoreflect.Name]map[protoreflect.Name]any{
			"WorkoutPlan": {"plan_name": &rs.planName, "duration_weeks": &rs.durationWeeks, "goal": &rs.goal, "notes": &rs.notes, "weeks": &rs.weeks},
			"Week":        {"week_number": &rs.weekNumber, "week_focus": &rs.weekFocus, "days": &rs.days},
			"Day":         {"day_number": &rs.dayNumber, "workout_name": &rs.workoutName, "confidence_task": &rs.confidenceTask, "exercises": &rs.exercises, "is_rest_day": nil},
			"Exercise": {"exercise_slug": &rs.exerciseSlug, "sets": &rs.sets, "reps": &rs.reps, "rest_seconds": &rs.restSeconds, "duration_seconds": &rs.durationSeconds,
				"distance_meters": &rs.distanceMeters, "target_rpe": &rs.targetRPE, "target_rir": &rs.targetRIR, "work_seconds": &rs.workSeconds,
				"recovery_seconds": &rs.recoverySeconds, "rounds": &rs.rounds, "block": &rs.block, "cue": &rs.cue, "load_kg": &rs.loadKg},
		},
		known: celChecks(),
		used:  map[string]bool{},
	}
	for _, md := range messages {
		if err := b.message(md); err != nil {
			return nil, err
		}
	}
	for id := range b.known {
		if !b.used[id] {
			return nil, fmt.Errorf("CEL rule %q is implemented in Go but no longer in the proto", id)
		}
	}
	return rs, nil
}

type ruleBuilder struct {
	rs    *ruleSet
	slots map[protoreflect.Name]map[protoreflect.Name]any
	known map[string]celImpl
	used  map[string]bool
}

func (b *ruleBuilder) message(md protoreflect.MessageDescriptor) error {
	slots, ok := b.slots[md.Name()]
	if !ok {
		return fmt.Errorf("message %s is not known to the fast validator", md.FullName())
	}
	if md.Fields().Len() != len(slots) {
		return fmt.Errorf("message %s has %d fields, the fast validator knows %d", md.FullName(), md.Fields().Len(), len(slots))
	}
	mr := proto.GetExtension(md.Options(), validate.E_Message).(*validate.MessageRules)
	var err error
	mr.ProtoReflect().Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Name() != "cel" {
			err = fmt.Errorf("%s: message rule %s is not supported by the fast validator", md.FullName(), fd.Name())
			return false
		}
		for _, r := range mr.GetCel() {
			if err = b.cel(md, "", r); err != nil {
				return false
			}
		}
		return true
	})
	if err != nil {
		return err
	}
	for i := range md.Oneofs().Len() {
		od := md.Oneofs().Get(i)
		if or := proto.GetExtension(od.Options(), validate.E_Oneof).(*validate.OneofRules); len(or.ProtoReflect().GetUnknown()) > 0 || or.GetRequired() {
			return fmt.Errorf("%s: oneof rules are not supported by the fast validator", od.FullName())
		}
	}
	for i := range md.Fields().Len() {
		fd := md.Fields().Get(i)
		slot, ok := slots[fd.Name()]
		if !ok {
			return fmt.Errorf("field %s is not known to the fast validator", fd.FullName())
		}
		if err := b.field(md, fd, slot); err != nil {
			return err
		}
	}
	return nil
}

func (b *ruleBuilder) field(md protoreflect.MessageDescriptor, fd protoreflect.FieldDescriptor, slot any) error {
	fr := proto.GetExtension(fd.Options(), validate.E_Field).(*validate.FieldRules)
	var err error
	fr.ProtoReflect().Range(func(rd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch rd.Name() {
		case "cel":
			for _, r := range fr.GetCel() {
				if err = b.cel(md, fd.Name(), r); err != nil {
					return false
				}
			}
		case "string":
			s, ok := slot.(*stringRule)
			if !ok {
				err = fmt.Errorf("%s: string rules on a field the fast validator does not check as a string", fd.FullName())
				return false
			}
			err = s.read(fd, fr.GetString())
		case "int32":
			n, ok := slot.(*int32Rule)
			if !ok {
				err = fmt.Errorf("%s: int32 rules on a field the fast validator does not check as an int32", fd.FullName())
				return false
			}
			err = n.read(fd, fr.GetInt32())
		case "double":
			n, ok := slot.(*doubleRule)
			if !ok {
				err = fmt.Errorf("%s: double rules on a field the fast validator does not check as a double", fd.FullName())
				return false
			}
			err = n.read(fd, fr.GetDouble())
		case "repeated":
			r, ok := slot.(*repeatedRule)
			if !ok {
				err = fmt.Errorf("%s: repeated rules on a field the fast validator does not check as a list", fd.FullName())
				return false
			}
			err = r.read(fd, fr.GetRepeated())
		default:
			err = fmt.Errorf("%s: rule %s is not supported by the fast validator", fd.FullName(), rd.Name())
		}
		return err == nil
	})
	if err == nil && len(fr.ProtoReflect().GetUnknown()) > 0 {
		err = fmt.Errorf("%s: predefined rule extensions are not supported by the fast validator", fd.FullName())
	}
	return err
}

func unsupported(fd protoreflect.FieldDescriptor, rd protoreflect.FieldDescriptor) error {
	return fmt.Errorf("%s: rule %s is not supported by the fast validator", fd.FullName(), rd.FullName())
}

func (s *stringRule) read(fd protoreflect.FieldDescriptor, r *validate.StringRules) error {
	var err error
	r.ProtoReflect().Range(func(rd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch rd.Name() {
		case "min_len":
			s.minLen = int64(r.GetMinLen())
			s.minMsg = fmt.Sprintf("must be at least %d characters", r.GetMinLen())
		case "max_len":
			s.maxLen = int64(r.GetMaxLen())
			s.maxMsg = fmt.Sprintf("must be at most %d characters", r.GetMaxLen())
		case "pattern":
			s.pattern, err = compilePattern(r.GetPattern())
			s.patternMsg = fmt.Sprintf("does not match regex pattern `%s`", r.GetPattern())
		default:
			err = unsupported(fd, rd)
		}
		return err == nil
	})
	if err == nil && len(r.ProtoReflect().GetUnknown()) > 0 {
		err = fmt.Errorf("%s: predefined string rules are not supported by the fast validator", fd.FullName())
	}
	return err
}

func (n *int32Rule) read(fd protoreflect.FieldDescriptor, r *validate.Int32Rules) error {
	var err error
	r.ProtoReflect().Range(func(rd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch rd.Name() {
		case "gte":
			n.hasLo, n.lo = true, r.GetGte()
		case "lte":
			n.hasHi, n.hi = true, r.GetLte()
		default:
			err = unsupported(fd, rd)
		}
		return err == nil
	})
	if err == nil && len(r.ProtoReflect().GetUnknown()) > 0 {
		err = fmt.Errorf("%s: predefined int32 rules are not supported by the fast validator", fd.FullName())
	}
	if err != nil {
		return err
	}
	// The ids and wording protovalidate uses for each combination of bounds.
	switch {
	case n.hasLo && n.hasHi && n.lo > n.hi:
		err = fmt.Errorf("%s: an exclusive int32 range (gte > lte) is not supported by the fast validator", fd.FullName())
	case n.hasLo && n.hasHi:
		n.id, n.msg = "int32.gte_lte", fmt.Sprintf("must be greater than or equal to %d and less than or equal to %d", n.lo, n.hi)
	case n.hasLo:
		n.id, n.msg = "int32.gte", fmt.Sprintf("must be greater than or equal to %d", n.lo)
	case n.hasHi:
		n.id, n.msg = "int32.lte", fmt.Sprintf("must be less than or equal to %d", n.hi)
	}
	return err
}

func (n *doubleRule) read(fd protoreflect.FieldDescriptor, r *validate.DoubleRules) error {
	var err error
	r.ProtoReflect().Range(func(rd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch rd.Name() {
		case "gt":
			n.hasLo, n.loExcl, n.lo = true, true, r.GetGt()
		case "gte":
			n.hasLo, n.lo = true, r.GetGte()
		case "lt":
			n.hasHi, n.hiExcl, n.hi = true, true, r.GetLt()
		case "lte":
			n.hasHi, n.hi = true, r.GetLte()
		case "finite":
			n.finite = r.GetFinite()
			n.finiteMsg = "must be finite"
		default:
			err = unsupported(fd, rd)
		}
		return err == nil
	})
	if err == nil && len(r.ProtoReflect().GetUnknown()) > 0 {
		err = fmt.Errorf("%s: predefined double rules are not supported by the fast validator", fd.FullName())
	}
	if err != nil {
		return err
	}
	lo, hi := "gte", "lte"
	loWord, hiWord := "greater than or equal to", "less than or equal to"
	if n.loExcl {
		lo, loWord = "gt", "greater than"
	}
	if n.hiExcl {
		hi, hiWord = "lt", "less than"
	}
	// The ids and wording protovalidate uses for each combination of bounds; CEL formats a
	// double with %s the way strconv's shortest 'g'-free form does (0, 500, 2.5).
	switch {
	case n.hasLo && n.hasHi && n.lo >= n.hi:
		err = fmt.Errorf("%s: an exclusive double range is not supported by the fast validator", fd.FullName())
	case n.hasLo && n.hasHi:
		n.id, n.msg = "double."+lo+"_"+hi, fmt.Sprintf("must be %s %s and %s %s", loWord, celDouble(n.lo), hiWord, celDouble(n.hi))
	case n.hasLo:
		n.id, n.msg = "double."+lo, fmt.Sprintf("must be %s %s", loWord, celDouble(n.lo))
	case n.hasHi:
		n.id, n.msg = "double."+hi, fmt.Sprintf("must be %s %s", hiWord, celDouble(n.hi))
	}
	return err
}

// celDouble formats a bound as CEL's string format does for a double.
func celDouble(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// ok reports whether v passes the bounds; NaN never does, as in protovalidate's expressions.
func (n *doubleRule) inRange(v float64) bool {
	if v != v {
		return !n.hasLo && !n.hasHi
	}
	if n.hasLo && (v < n.lo || (n.loExcl && v == n.lo)) {
		return false
	}
	if n.hasHi && (v > n.hi || (n.hiExcl && v == n.hi)) {
		return false
	}
	return true
}

func (rr *repeatedRule) read(fd protoreflect.FieldDescriptor, r *validate.RepeatedRules) error {
	var err error
	r.ProtoReflect().Range(func(rd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch rd.Name() {
		case "min_items":
			rr.minItems = int64(r.GetMinItems())
			rr.minMsg = fmt.Sprintf("must contain at least %d item(s)", r.GetMinItems())
		case "max_items":
			rr.maxItems = int64(r.GetMaxItems())
			rr.maxMsg = fmt.Sprintf("must contain no more than %d item(s)", r.GetMaxItems())
		default:
			err = unsupported(fd, rd)
		}
		return err == nil
	})
	if err == nil && len(r.ProtoReflect().GetUnknown()) > 0 {
		err = fmt.Errorf("%s: predefined repeated rules are not supported by the fast validator", fd.FullName())
	}
	return err
}

// cel attaches the Go implementation of a CEL rule found on message md (field "" for a
// message-level rule).
func (b *ruleBuilder) cel(md protoreflect.MessageDescriptor, field protoreflect.Name, r *validate.Rule) error {
	id := r.GetId()
	impl, ok := b.known[id]
	if !ok {
		return fmt.Errorf("%s: CEL rule %q has no Go implementation in the fast validator", md.FullName(), id)
	}
	if impl.message != md.Name() || impl.field != field || impl.expr != r.GetExpression() {
		return fmt.Errorf("%s: CEL rule %q is now %q on %s.%s; its Go implementation is for %q on %s.%s",
			md.FullName(), id, r.GetExpression(), md.Name(), field, impl.expr, impl.message, impl.field)
	}
	if b.used[id] {
		return fmt.Errorf("%s: CEL rule id %q is used twice", md.FullName(), id)
	}
	b.used[id] = true
	msg := r.GetMessage()
	if msg == "" {
		msg = fmt.Sprintf("%q returned false", r.GetExpression())
	}
	// A field rule reports at its field; a message rule at the field its id starts with.
	path := string(field)
	if field == "" {
		path = idField(id)
	}
	switch fn := impl.ok.(type) {
	case func(*planv1.WorkoutPlan) bool:
		b.rs.planCEL = append(b.rs.planCEL, celCheck[*planv1.WorkoutPlan]{path, id, msg, fn})
	case func(*planv1.Week) bool:
		b.rs.weekCEL = append(b.rs.weekCEL, celCheck[*planv1.Week]{path, id, msg, fn})
	case func(*planv1.Day) bool:
		b.rs.dayCEL = append(b.rs.dayCEL, celCheck[*planv1.Day]{path, id, msg, fn})
	case func(*planv1.Exercise) bool:
		b.rs.exerciseCEL = append(b.rs.exerciseCEL, celCheck[*planv1.Exercise]{path, id, msg, fn})
	default:
		return fmt.Errorf("CEL rule %q: Go implementation has type %T", id, impl.ok)
	}
	return nil
}

// celImpl is the Go meaning of one CEL rule of the proto: it holds when ok returns true.
type celImpl struct {
	message protoreflect.Name
	field   protoreflect.Name // "" for a message-level rule
	expr    string            // the expression this implements, verbatim
	ok      any               // func(*M) bool for the message M that holds the rule
}

// celChecks returns the Go implementation of every CEL rule in the plan proto.
func celChecks() map[string]celImpl {
	return map[string]celImpl{
		"weeks.unique_week_numbers": {"WorkoutPlan", "weeks", "this.map(w, w.week_number).unique()",
			func(p *planv1.WorkoutPlan) bool {
				ws := p.GetWeeks()
				return unique(len(ws), func(i int) int32 { return ws[i].GetWeekNumber() })
			}},
		"weeks.count": {"WorkoutPlan", "", "size(this.weeks) == this.duration_weeks",
			func(p *planv1.WorkoutPlan) bool { return int64(len(p.GetWeeks())) == int64(p.GetDurationWeeks()) }},
		"weeks.week_number_range": {"WorkoutPlan", "", "this.weeks.all(w, w.week_number <= this.duration_weeks)",
			func(p *planv1.WorkoutPlan) bool {
				for _, w := range p.GetWeeks() {
					if w.GetWeekNumber() > p.GetDurationWeeks() {
						return false
					}
				}
				return true
			}},
		"weeks.rest_day_required": {"WorkoutPlan", "", "this.weeks.exists(w, w.days.exists(d, d.is_rest_day))",
			func(p *planv1.WorkoutPlan) bool {
				for _, w := range p.GetWeeks() {
					for _, d := range w.GetDays() {
						if d.GetIsRestDay() {
							return true
						}
					}
				}
				return false
			}},
		"days.unique_day_numbers": {"Week", "days", "this.map(d, d.day_number).unique()",
			func(w *planv1.Week) bool {
				ds := w.GetDays()
				return unique(len(ds), func(i int) int32 { return ds[i].GetDayNumber() })
			}},
		"exercises.rest_day_empty": {"Day", "", "!this.is_rest_day || size(this.exercises) == 0",
			func(d *planv1.Day) bool { return !d.GetIsRestDay() || len(d.GetExercises()) == 0 }},
		"exercises.training_day_not_empty": {"Day", "", "this.is_rest_day || size(this.exercises) > 0",
			func(d *planv1.Day) bool { return d.GetIsRestDay() || len(d.GetExercises()) > 0 }},
		"reps.range_order": {"Exercise", "reps", "!this.matches('^[0-9]{1,3}-[0-9]{1,3}$') || int(this.split('-')[0]) <= int(this.split('-')[1])",
			func(e *planv1.Exercise) bool { return repsInOrder(e.GetReps()) }},
		"rounds.intervals_complete": {"Exercise", "", "has(this.work_seconds) == has(this.rounds) && has(this.recovery_seconds) == has(this.rounds)",
			func(e *planv1.Exercise) bool {
				return (e.WorkSeconds != nil) == (e.Rounds != nil) && (e.RecoverySeconds != nil) == (e.Rounds != nil)
			}},
	}
}

// repsInOrder implements reps.range_order: only a well-formed range "a-b" (1-3 digits each
// side, the guard in the expression) is compared; anything else is the pattern rule's business.
func repsInOrder(reps string) bool {
	first, second, found := strings.Cut(reps, "-")
	if !found || !digits(first) || !digits(second) {
		return true
	}
	lo, _ := strconv.Atoi(first)
	hi, _ := strconv.Atoi(second)
	return lo <= hi
}

func digits(s string) bool {
	if len(s) == 0 || len(s) > 3 {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// unique reports whether the n keys are pairwise different, without allocating for the short
// lists plans have.
func unique(n int, key func(int) int32) bool {
	if n > 64 {
		seen := make(map[int32]struct{}, n)
		for i := range n {
			k := key(i)
			if _, dup := seen[k]; dup {
				return false
			}
			seen[k] = struct{}{}
		}
		return true
	}
	for i := range n {
		k := key(i)
		for j := range i {
			if key(j) == k {
				return false
			}
		}
	}
	return true
}

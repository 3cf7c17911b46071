package aiplan

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
)

// pattern matches a string against a protovalidate `pattern` rule with the result of
// regexp.MatchString (which protovalidate uses), but much faster on ASCII input: the pattern
// is turned into a DFA over ASCII bytes when the rules are built. Go's regexp needs about
// 350 ns per short slug; a plan has hundreds of slugs and reps, which alone would exceed the
// validation budget. Input with non-ASCII bytes, and patterns the DFA construction does not
// support, go to regexp, so results never differ.
type pattern struct {
	re *regexp.Regexp
	// next[s][c] is the state after byte c in state s; dead means no match can follow.
	next [][128]int32
	// matched[s]: a match has been seen; atEnd[s]: a match completes at end of input.
	matched, atEnd []bool
	start          int32
	matchesEmpty   bool
	dfa            bool
}

const (
	dead         = -1
	maxDFAStates = 512
)

func compilePattern(expr string) (*pattern, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	p := &pattern{re: re, matchesEmpty: re.MatchString("")}
	parsed, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, err
	}
	prog, err := syntax.Compile(parsed.Simplify())
	if err != nil {
		return nil, err
	}
	p.dfa = p.build(prog)
	return p, nil
}

// MatchString reports whether s contains a match of the pattern.
func (p *pattern) MatchString(s string) bool {
	if !p.dfa {
		return p.re.MatchString(s)
	}
	if len(s) == 0 {
		return p.matchesEmpty
	}
	st := p.start
	if p.matched[st] {
		return true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return p.re.MatchString(s)
		}
		st = p.next[st][c]
		if st == dead {
			return false
		}
		if p.matched[st] {
			return true
		}
	}
	return p.atEnd[st]
}

// build runs the subset construction. A DFA state is the set of program instructions that
// threads may be at, after following empty transitions; an end-of-text assertion that does
// not hold yet stays in the set so that it can be resolved when the input ends. Because
// MatchString finds matches anywhere, every step also starts a new thread (which can only
// pass a ^ at position 0). It returns false for programs it cannot handle.
func (p *pattern) build(prog *syntax.Prog) bool {
	for _, inst := range prog.Inst {
		if inst.Op == syntax.InstEmptyWidth && syntax.EmptyOp(inst.Arg)&^(syntax.EmptyBeginText|syntax.EmptyEndText) != 0 {
			return false // word boundaries and line anchors need context the DFA does not track
		}
	}
	ids := map[string]int32{}
	var sets [][]uint32
	add := func(set []uint32) int32 {
		key := setKey(set)
		if id, ok := ids[key]; ok {
			return id
		}
		id := int32(len(sets))
		ids[key] = id
		sets = append(sets, set)
		return id
	}
	startSet := closure(prog, []uint32{uint32(prog.Start)}, true, false)
	p.start = add(startSet)
	for i := 0; i < len(sets); i++ {
		if len(sets) > maxDFAStates {
			return false
		}
		var row [128]int32
		for c := range 128 {
			var stepped []uint32
			for _, pc := range sets[i] {
				inst := &prog.Inst[pc]
				switch inst.Op {
				case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
					if inst.MatchRune(rune(c)) {
						stepped = append(stepped, inst.Out)
					}
				}
			}
			stepped = append(stepped, uint32(prog.Start))
			next := closure(prog, stepped, false, false)
			if len(next) == 0 {
				row[c] = dead
				continue
			}
			row[c] = add(next)
		}
		p.next = append(p.next, row)
	}
	p.matched = make([]bool, len(sets))
	p.atEnd = make([]bool, len(sets))
	for i, set := range sets {
		p.matched[i] = slices.ContainsFunc(set, func(pc uint32) bool { return prog.Inst[pc].Op == syntax.InstMatch })
		p.atEnd[i] = slices.ContainsFunc(closure(prog, set, false, true), func(pc uint32) bool { return prog.Inst[pc].Op == syntax.InstMatch })
	}
	return true
}

// closure follows empty transitions from pcs and returns the sorted set of instructions that
// consume input or match, plus unresolved assertions.
func closure(prog *syntax.Prog, pcs []uint32, atBegin, atEnd bool) []uint32 {
	seen := map[uint32]bool{}
	var out []uint32
	var visit func(pc uint32)
	visit = func(pc uint32) {
		if seen[pc] {
			return
		}
		seen[pc] = true
		inst := &prog.Inst[pc]
		switch inst.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			visit(inst.Out)
			visit(inst.Arg)
		case syntax.InstNop, syntax.InstCapture:
			visit(inst.Out)
		case syntax.InstEmptyWidth:
			op := syntax.EmptyOp(inst.Arg)
			holds := (op&syntax.EmptyBeginText == 0 || atBegin) && (op&syntax.EmptyEndText == 0 || atEnd)
			if holds {
				visit(inst.Out)
			} else if op&syntax.EmptyEndText != 0 && (op&syntax.EmptyBeginText == 0 || atBegin) {
				out = append(out, pc)
			}
		case syntax.InstFail:
		default:
			out = append(out, pc)
		}
	}
	for _, pc := range pcs {
		visit(pc)
	}
	slices.Sort(out)
	return out
}

func setKey(set []uint32) string {
	var b strings.Builder
	for _, pc := range set {
		b.WriteString(strconv.FormatUint(uint64(pc), 10))
		b.WriteByte(',')
	}
	return b.String()
}

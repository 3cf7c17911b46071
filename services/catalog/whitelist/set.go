package whitelist

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
)

// Bodyweight is the equipment everyone has; an exercise listing only it needs nothing.
const Bodyweight = "bodyweight"

// set is a decoded allowed set prepared for fast filtering: each exercise's equipment is a
// bit mask over the set's equipment vocabulary, so the subset test per exercise is one AND.
type set struct {
	id        string
	computed  time.Time
	exercises []*catalogv1.Exercise
	vocab     map[string]uint
	need      []uint64
	// overflow marks exercises needing equipment beyond the first 64 names, checked slowly.
	overflow []bool

	// memo keeps filtered results by filter: people share a handful of equipment lists and
	// levels, so most requests skip the scan. Bounded by memoMax; the set is replaced (and
	// the memo with it) on every recomputation.
	memo  sync.Map // memoKey -> []*catalogv1.Exercise
	memoN atomic.Int32
}

const memoMax = 256

type memoKey struct {
	have uint64
	// rest holds equipment beyond the first 64 names, sorted; usually empty.
	rest  string
	level typesv1.FitnessLevel
}

func newSet(id string, computed time.Time, exs []*catalogv1.Exercise) *set {
	s := &set{id: id, computed: computed, exercises: exs, vocab: map[string]uint{},
		need: make([]uint64, len(exs)), overflow: make([]bool, len(exs))}
	for i, ex := range exs {
		for _, e := range ex.GetEquipment() {
			e = strings.ToLower(e)
			if e == Bodyweight {
				continue
			}
			bit, ok := s.vocab[e]
			if !ok {
				bit = uint(len(s.vocab))
				s.vocab[e] = bit
			}
			if bit < 64 {
				s.need[i] |= 1 << bit
			} else {
				s.overflow[i] = true
			}
		}
	}
	return s
}

func (s *set) filter(f Filter) []*catalogv1.Exercise {
	if f.AnyEquipment && f.MaxDifficulty == typesv1.FitnessLevel_FITNESS_LEVEL_UNSPECIFIED {
		return s.exercises
	}
	key := memoKey{have: ^uint64(0), level: f.MaxDifficulty}
	if !f.AnyEquipment {
		key.have = 0
		var rest []string
		for _, e := range f.Equipment {
			e = strings.ToLower(e)
			if bit, ok := s.vocab[e]; ok && bit < 64 {
				key.have |= 1 << bit
			} else if ok {
				rest = append(rest, e)
			}
		}
		if len(rest) > 0 {
			slices.Sort(rest)
			key.rest = strings.Join(rest, ",")
		}
	}
	if v, ok := s.memo.Load(key); ok {
		return v.([]*catalogv1.Exercise)
	}
	out := s.scan(f, key.have)
	if s.memoN.Add(1) <= memoMax {
		s.memo.Store(key, out)
	}
	return out
}

func (s *set) scan(f Filter, have uint64) []*catalogv1.Exercise {
	var haveAll map[string]bool
	out := make([]*catalogv1.Exercise, 0, len(s.exercises))
	for i, ex := range s.exercises {
		if f.MaxDifficulty != typesv1.FitnessLevel_FITNESS_LEVEL_UNSPECIFIED && ex.GetDifficulty() > f.MaxDifficulty {
			continue
		}
		if !f.AnyEquipment {
			if s.need[i]&^have != 0 {
				continue
			}
			if s.overflow[i] {
				if haveAll == nil {
					haveAll = equipmentSet(f.Equipment)
				}
				if !HasEquipment(haveAll, ex.GetEquipment()) {
					continue
				}
			}
		}
		out = append(out, ex)
	}
	return slices.Clip(out)
}

func equipmentSet(items []string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, e := range items {
		m[strings.ToLower(e)] = true
	}
	return m
}

// HasEquipment reports whether a person owning have (lower-case names) can do an exercise
// needing need: every item but bodyweight must be had.
func HasEquipment(have map[string]bool, need []string) bool {
	for _, e := range need {
		e = strings.ToLower(e)
		if e != Bodyweight && !have[e] {
			return false
		}
	}
	return true
}

package aiplan

import (
	"math/rand/v2"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPatternMatchesRegexp compares the DFA with regexp.MatchString, which protovalidate
// uses, on the plan's patterns and on patterns that exercise unanchored search, empty
// matches, alternation and case folding.
func TestPatternMatchesRegexp(t *testing.T) {
	patterns := []string{
		`^[A-Za-z0-9_-]+$`,
		`^[0-9]{1,3}(-[0-9]{1,3})?$`,
		`[0-9]+`,
		`^a*`,
		`a*$`,
		`^$`,
		``,
		`(?i)^ex[0-9]{3}$`,
		`^(push|pull)-?(ups?)?$`,
		`x|^y|z$`,
		`\bword\b`, // not supported by the DFA: must fall back to regexp
		`^.{2,4}$`,
		`é+`,
	}
	inputs := []string{"", "a", "push-ups", "EX005", "ex005", "8-12", "12-", "-", "1000", "8-12\n", "ab c",
		"xyz", "y", "zz", "push", "pullups", "word", "a word here", "éé", "pûsh", "\x00", "aaaa", "12-8"}
	rng := rand.New(rand.NewPCG(7, 9))
	alphabet := []byte("aAxyz09-_ \n.éEX")
	for range 2000 {
		b := make([]byte, rng.IntN(8))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		inputs = append(inputs, string(b))
	}
	for _, expr := range patterns {
		t.Run(expr, func(t *testing.T) {
			p, err := compilePattern(expr)
			require.NoError(t, err)
			re := regexp.MustCompile(expr)
			for _, in := range inputs {
				require.Equal(t, re.MatchString(in), p.MatchString(in), "pattern %q on %q", expr, in)
			}
		})
	}
}

func TestPatternUsesDFAForPlanPatterns(t *testing.T) {
	for _, expr := range []string{`^[A-Za-z0-9_-]+$`, `^[0-9]{1,3}(-[0-9]{1,3})?$`} {
		p, err := compilePattern(expr)
		require.NoError(t, err)
		require.True(t, p.dfa, expr)
	}
}

func FuzzPattern(f *testing.F) {
	f.Add(`^[0-9]{1,3}(-[0-9]{1,3})?$`, "8-12")
	f.Add(`a|b$`, "xb")
	f.Fuzz(func(t *testing.T, expr, in string) {
		re, err := regexp.Compile(expr)
		if err != nil {
			return
		}
		p, err := compilePattern(expr)
		require.NoError(t, err)
		require.Equal(t, re.MatchString(in), p.MatchString(in), "pattern %q on %q", expr, in)
	})
}

// BenchmarkPattern compares the DFA with regexp on the slug and reps of one exercise.
func BenchmarkPattern(b *testing.B) {
	slug, err := compilePattern(`^[A-Za-z0-9_-]+$`)
	require.NoError(b, err)
	reps, err := compilePattern(`^[0-9]{1,3}(-[0-9]{1,3})?$`)
	require.NoError(b, err)
	b.Run("dfa", func(b *testing.B) {
		for b.Loop() {
			slug.MatchString("dumbbell-bench-press")
			reps.MatchString("8-12")
		}
	})
	b.Run("regexp", func(b *testing.B) {
		for b.Loop() {
			slug.re.MatchString("dumbbell-bench-press")
			reps.re.MatchString("8-12")
		}
	})
}

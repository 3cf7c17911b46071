package store_test

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

	"github.com/fitcoach/fitcoach/pkg/dbtest"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	"github.com/fitcoach/fitcoach/pkg/grpcerr"
	"github.com/fitcoach/fitcoach/services/plan/store"
)

// TestRevisions runs the revision and report suite against SQLite and PostgreSQL.
func TestRevisions(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			d := dbtest.Open(t, b.Open(t), store.Migrations())
			s := store.New(d)
			t.Run("append, read, list", func(t *testing.T) { testAppendRevision(t, s) })
			t.Run("idempotent key", func(t *testing.T) { testRevisionKey(t, s) })
			t.Run("concurrent writers", func(t *testing.T) { testConcurrentRevisions(t, s) })
			t.Run("reports", func(t *testing.T) { testReports(t, s) })
		})
	}
}

func newPlan(t *testing.T, s *store.Store, sub string) *planv1.Plan {
	t.Helper()
	id := store.NewPlanID(time.Now())
	p, _, err := s.CreatePlan(t.Context(), sub, samplePlan(id, "r-"+id))
	require.NoError(t, err)
	return p
}

func revised(p *planv1.Plan, name string) *planv1.WorkoutPlan {
	wp := proto.Clone(store.WorkoutPlanOf(p)).(*planv1.WorkoutPlan)
	wp.Weeks[0].Days[0].WorkoutName = name
	return wp
}

func testAppendRevision(t *testing.T, s *store.Store) {
	ctx := t.Context()
	p := newPlan(t, s, "rev1")
	cur, err := s.CurrentRevision(ctx, "rev1", p.GetId())
	require.NoError(t, err)
	require.EqualValues(t, 1, cur, "a new plan is at revision 1")
	_, err = s.CurrentRevision(ctx, "someone-else", p.GetId())
	require.ErrorIs(t, err, grpcerr.ErrNotFound)

	changes := []*planv1.ExerciseChange{{Week: 2, ExerciseSlug: "plank", Action: planv1.ChangeAction_CHANGE_ACTION_PROGRESS, Before: "3 × 45 s", After: "3 × 50 s", Reason: "easy last week"}}
	r, created, err := s.AppendRevision(ctx, "rev1", p.GetId(), store.NewRevision{
		Kind: planv1.RevisionKind_REVISION_KIND_ADAPTATION, Base: 1, Week: 1, Summary: "harder", Changes: changes,
		Provider: "rules", Deload: true, Body: revised(p, "Full body+"),
	})
	require.NoError(t, err)
	require.True(t, created)
	require.EqualValues(t, 2, r.Meta.GetNumber())
	require.Equal(t, planv1.RevisionKind_REVISION_KIND_ADAPTATION, r.Meta.GetKind())

	got, err := s.GetRevision(ctx, "rev1", p.GetId(), 2)
	require.NoError(t, err)
	require.Equal(t, "Full body+", got.Body.GetWeeks()[0].GetDays()[0].GetWorkoutName())
	require.True(t, got.Meta.GetDeload())
	require.True(t, proto.Equal(changes[0], got.Meta.GetChanges()[0]))
	first, err := s.GetRevision(ctx, "rev1", p.GetId(), 1)
	require.NoError(t, err)
	require.Equal(t, "Full body", first.Body.GetWeeks()[0].GetDays()[0].GetWorkoutName(), "revision 1 stays as generated")
	_, err = s.GetRevision(ctx, "rev1", p.GetId(), 3)
	require.ErrorIs(t, err, grpcerr.ErrNotFound)
	_, err = s.GetRevision(ctx, "someone-else", p.GetId(), 2)
	require.ErrorIs(t, err, grpcerr.ErrNotFound)

	_, _, err = s.AppendRevision(ctx, "rev1", p.GetId(), store.NewRevision{Kind: planv1.RevisionKind_REVISION_KIND_SWAP, Base: 1, Body: revised(p, "stale")})
	require.ErrorIs(t, err, store.ErrRevisionConflict, "base 1 is no longer current")
	require.ErrorIs(t, err, grpcerr.ErrFailedPrecondition)
	_, _, err = s.AppendRevision(ctx, "rev1", p.GetId(), store.NewRevision{Kind: planv1.RevisionKind_REVISION_KIND_REVERT, Base: 2, Body: first.Body, Provider: "person"})
	require.NoError(t, err)

	list, err := s.ListRevisions(ctx, "rev1", p.GetId())
	require.NoError(t, err)
	require.Len(t, list, 3)
	require.EqualValues(t, []int32{3, 2, 1}, []int32{list[0].GetNumber(), list[1].GetNumber(), list[2].GetNumber()}, "newest first")
	require.Equal(t, planv1.RevisionKind_REVISION_KIND_ORIGINAL, list[2].GetKind())
	require.Len(t, list[1].GetChanges(), 1)

	cur, err = s.CurrentRevision(ctx, "rev1", p.GetId())
	require.NoError(t, err)
	require.EqualValues(t, 3, cur)
	other := newPlan(t, s, "rev1")
	m, err := s.CurrentRevisions(ctx, "rev1", []string{p.GetId(), other.GetId()})
	require.NoError(t, err)
	require.Equal(t, map[string]int32{p.GetId(): 3}, m)
}

func testRevisionKey(t *testing.T, s *store.Store) {
	ctx := t.Context()
	p := newPlan(t, s, "rev2")
	nr := store.NewRevision{Kind: planv1.RevisionKind_REVISION_KIND_ADAPTATION, Base: 1, Week: 1, Body: revised(p, "A"), Key: store.AdaptKey(1, 1)}
	a, created, err := s.AppendRevision(ctx, "rev2", p.GetId(), nr)
	require.NoError(t, err)
	require.True(t, created)
	nr.Body = revised(p, "B")
	b, created, err := s.AppendRevision(ctx, "rev2", p.GetId(), nr)
	require.NoError(t, err)
	require.False(t, created, "the same week on the same base answers the first revision")
	require.Equal(t, a.Meta.GetNumber(), b.Meta.GetNumber())
	require.Equal(t, "A", b.Body.GetWeeks()[0].GetDays()[0].GetWorkoutName())
}

// testConcurrentRevisions races writers on the same base: exactly one revision 2 is made;
// writers of an idempotent adaptation all answer it, others see a conflict.
func testConcurrentRevisions(t *testing.T, s *store.Store) {
	ctx := t.Context()
	for _, keyed := range []bool{true, false} {
		p := newPlan(t, s, "rev3")
		const n = 8
		var wg sync.WaitGroup
		numbers := make([]int32, n)
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				nr := store.NewRevision{Kind: planv1.RevisionKind_REVISION_KIND_ADAPTATION, Base: 1, Week: 1, Body: revised(p, "x")}
				if keyed {
					nr.Key = store.AdaptKey(1, 1)
				}
				r, _, err := s.AppendRevision(ctx, "rev3", p.GetId(), nr)
				errs[i] = err
				if err == nil {
					numbers[i] = r.Meta.GetNumber()
				}
			})
		}
		wg.Wait()
		ok := 0
		for i := range n {
			if errs[i] == nil {
				ok++
				require.EqualValues(t, 2, numbers[i])
			} else {
				require.False(t, keyed, "an idempotent writer never fails: %v", errs[i])
				require.ErrorIs(t, errs[i], store.ErrRevisionConflict)
			}
		}
		if !keyed {
			require.Equal(t, 1, ok, "one writer wins revision 2")
		}
		list, err := s.ListRevisions(ctx, "rev3", p.GetId())
		require.NoError(t, err)
		require.Len(t, list, 2, "revision 2 and the original")
	}
}

func testReports(t *testing.T, s *store.Store) {
	ctx := t.Context()
	p := newPlan(t, s, "rev4")
	_, err := s.GetReport(ctx, "rev4", p.GetId(), 1, "f1")
	require.ErrorIs(t, err, grpcerr.ErrNotFound)
	r := &planv1.CoachReport{PlanId: p.GetId(), Week: 1, Analysis: "good week", Recommendations: []string{"sleep"}, Provider: "rules", Locale: "en", Sessions: 3}
	stored, err := s.PutReport(ctx, "rev4", r, "f1")
	require.NoError(t, err)
	again, err := s.PutReport(ctx, "rev4", &planv1.CoachReport{PlanId: p.GetId(), Week: 1, Analysis: "other"}, "f1")
	require.NoError(t, err)
	require.Equal(t, "good week", again.GetAnalysis(), "the first stored report wins")
	got, err := s.GetReport(ctx, "rev4", p.GetId(), 1, "f1")
	require.NoError(t, err)
	require.True(t, proto.Equal(stored, got))
	_, err = s.GetReport(ctx, "rev4", p.GetId(), 1, "f2")
	require.ErrorIs(t, err, grpcerr.ErrNotFound)
	_, err = s.GetReport(ctx, "someone-else", p.GetId(), 1, "f1")
	require.ErrorIs(t, err, grpcerr.ErrNotFound)
}

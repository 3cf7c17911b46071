package catalog_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/fitcoach/fitcoach/pkg/dbtest"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
	"github.com/fitcoach/fitcoach/services/catalog/internal/videofake"
)

// TestBadInput sends every kind of bad request through the real server and checks the code,
// the offending field where there is one, and that nothing changed. It runs on both databases.
func TestBadInput(t *testing.T) {
	for _, b := range dbtest.Backends {
		t.Run(b.Name, func(t *testing.T) {
			e := newEnv(t, envOptions{dsn: b.Open(t)})
			e.create(t,
				ex("push-ups", "EX001", beginner, []string{"chest"}, nil),
				ex("squat", "EX002", beginner, []string{"quads"}, nil),
			)
			for i := range 3 {
				e.create(t, ex("filler-"+string(rune('a'+i)), "", beginner, []string{"core"}, nil))
			}
			e.video.SetCoverage(videofake.Aggregate([]videofake.Clip{
				{Slug: "push-ups", Kind: technique}, {Slug: "push-ups", Kind: instruction},
			}))
			page, err := e.admin.ListExercises(t.Context(), &catalogv1.ListExercisesRequest{PageSize: ptr[int32](2)})
			require.NoError(t, err)
			token := page.GetNextPageToken()
			require.NotEmpty(t, token)
			tampered := []byte(token)
			tampered[len(tampered)/2] ^= 1
			if tampered[len(tampered)/2] == '-' || tampered[len(tampered)/2] == '_' {
				tampered[len(tampered)/2] = 'A'
			}

			cases := []struct {
				name  string
				call  func(ctx context.Context) error
				code  codes.Code
				field string
			}{
				{"get unknown slug", func(ctx context.Context) error {
					_, err := e.user.GetExercise(ctx, &catalogv1.GetExerciseRequest{Slug: "no-such"})
					return err
				}, codes.NotFound, ""},
				{"update unknown slug", func(ctx context.Context) error {
					_, err := e.admin.UpdateExercise(ctx, &catalogv1.UpdateExerciseRequest{
						Exercise: ex("no-such", "", beginner, []string{"chest"}, nil), UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"name"}}})
					return err
				}, codes.NotFound, ""},
				{"delete unknown slug", func(ctx context.Context) error {
					_, err := e.admin.DeleteExercise(ctx, &catalogv1.DeleteExerciseRequest{Slug: "no-such"})
					return err
				}, codes.NotFound, ""},
				{"alternatives of unknown slug", func(ctx context.Context) error {
					_, err := e.user.GetExerciseAlternatives(ctx, &catalogv1.GetExerciseAlternativesRequest{Slug: "no-such"})
					return err
				}, codes.NotFound, ""},
				{"duplicate slug", func(ctx context.Context) error {
					_, err := e.admin.CreateExercise(ctx, &catalogv1.CreateExerciseRequest{Exercise: ex("push-ups", "", beginner, []string{"chest"}, nil)})
					return err
				}, codes.AlreadyExists, ""},
				{"duplicate code", func(ctx context.Context) error {
					_, err := e.admin.CreateExercise(ctx, &catalogv1.CreateExerciseRequest{Exercise: ex("new-one", "EX001", beginner, []string{"chest"}, nil)})
					return err
				}, codes.AlreadyExists, ""},
				{"update to a taken code", func(ctx context.Context) error {
					_, err := e.admin.UpdateExercise(ctx, &catalogv1.UpdateExerciseRequest{
						Exercise: &catalogv1.Exercise{Slug: "squat", Code: "EX001"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"code"}}})
					return err
				}, codes.AlreadyExists, ""},
				{"import batch with a taken code writes nothing", func(ctx context.Context) error {
					_, err := e.admin.ImportExercises(ctx, &catalogv1.ImportExercisesRequest{Exercises: []*catalogv1.Exercise{
						ex("fresh", "EX100", beginner, []string{"core"}, nil),
						ex("thief", "EX002", beginner, []string{"core"}, nil),
					}})
					return err
				}, codes.AlreadyExists, ""},
				{"import batch repeating a slug", func(ctx context.Context) error {
					_, err := e.admin.ImportExercises(ctx, &catalogv1.ImportExercisesRequest{Exercises: []*catalogv1.Exercise{
						ex("fresh", "", beginner, []string{"core"}, nil),
						ex("fresh", "", advanced, []string{"core"}, nil),
					}})
					return err
				}, codes.InvalidArgument, "exercises[1].slug"},
				{"garbage page token", func(ctx context.Context) error {
					_, err := e.user.ListExercises(ctx, &catalogv1.ListExercisesRequest{PageToken: "not-a-token!"})
					return err
				}, codes.InvalidArgument, "page_token"},
				{"tampered page token", func(ctx context.Context) error {
					_, err := e.user.ListExercises(ctx, &catalogv1.ListExercisesRequest{PageSize: ptr[int32](2), PageToken: string(tampered)})
					return err
				}, codes.InvalidArgument, "page_token"},
				{"page token of another filter", func(ctx context.Context) error {
					_, err := e.user.ListExercises(ctx, &catalogv1.ListExercisesRequest{Muscle: "chest", PageToken: token})
					return err
				}, codes.InvalidArgument, "page_token"},
				{"page_size 0", func(ctx context.Context) error {
					_, err := e.user.ListExercises(ctx, &catalogv1.ListExercisesRequest{PageSize: ptr[int32](0)})
					return err
				}, codes.InvalidArgument, "page_size"},
				{"page_size 10000", func(ctx context.Context) error {
					_, err := e.user.ListExercises(ctx, &catalogv1.ListExercisesRequest{PageSize: ptr[int32](10_000)})
					return err
				}, codes.InvalidArgument, "page_size"},
				{"invalid exercise on create", func(ctx context.Context) error {
					_, err := e.admin.CreateExercise(ctx, &catalogv1.CreateExerciseRequest{Exercise: ex("Bad Slug", "", beginner, []string{"chest"}, nil)})
					return err
				}, codes.InvalidArgument, "exercise.slug"},
				{"update mask naming an unknown field", func(ctx context.Context) error {
					_, err := e.admin.UpdateExercise(ctx, &catalogv1.UpdateExerciseRequest{
						Exercise: &catalogv1.Exercise{Slug: "squat"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"name", "colour"}}})
					return err
				}, codes.InvalidArgument, "update_mask"},
				{"empty update mask", func(ctx context.Context) error {
					_, err := e.admin.UpdateExercise(ctx, &catalogv1.UpdateExerciseRequest{
						Exercise: &catalogv1.Exercise{Slug: "squat"}, UpdateMask: &fieldmaskpb.FieldMask{}})
					return err
				}, codes.InvalidArgument, "update_mask"},
				{"update leaving no muscle groups", func(ctx context.Context) error {
					_, err := e.admin.UpdateExercise(ctx, &catalogv1.UpdateExerciseRequest{
						Exercise: &catalogv1.Exercise{Slug: "squat"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"muscle_groups"}}})
					return err
				}, codes.InvalidArgument, "exercise.muscle_groups"},
				{"update clearing the English name", func(ctx context.Context) error {
					_, err := e.admin.UpdateExercise(ctx, &catalogv1.UpdateExerciseRequest{
						Exercise: &catalogv1.Exercise{Slug: "squat", Name: &typesv1.LocalizedText{Ru: "Присед"}}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"name.en"}}})
					return err
				}, codes.InvalidArgument, "exercise"},
				{"non-admin create", func(ctx context.Context) error {
					_, err := e.user.CreateExercise(ctx, &catalogv1.CreateExerciseRequest{Exercise: ex("sneaky", "", beginner, []string{"chest"}, nil)})
					return err
				}, codes.PermissionDenied, ""},
				{"non-admin update", func(ctx context.Context) error {
					_, err := e.user.UpdateExercise(ctx, &catalogv1.UpdateExerciseRequest{
						Exercise: &catalogv1.Exercise{Slug: "squat", Active: false}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"active"}}})
					return err
				}, codes.PermissionDenied, ""},
				{"non-admin delete", func(ctx context.Context) error {
					_, err := e.user.DeleteExercise(ctx, &catalogv1.DeleteExerciseRequest{Slug: "squat"})
					return err
				}, codes.PermissionDenied, ""},
				{"non-admin import", func(ctx context.Context) error {
					_, err := e.user.ImportExercises(ctx, &catalogv1.ImportExercisesRequest{Exercises: []*catalogv1.Exercise{ex("sneaky", "", beginner, []string{"chest"}, nil)}})
					return err
				}, codes.PermissionDenied, ""},
				{"service role cannot write exercises", func(ctx context.Context) error {
					_, err := e.service.DeleteExercise(ctx, &catalogv1.DeleteExerciseRequest{Slug: "squat"})
					return err
				}, codes.PermissionDenied, ""},
				{"non-admin cache invalidation", func(ctx context.Context) error {
					_, err := e.user.InvalidateCache(ctx, &catalogv1.InvalidateCacheRequest{})
					return err
				}, codes.PermissionDenied, ""},
				{"no token", func(ctx context.Context) error {
					_, err := e.anon.ListExercises(ctx, &catalogv1.ListExercisesRequest{})
					return err
				}, codes.Unauthenticated, ""},
			}
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					before := e.snapshot(t)
					err := tc.call(t.Context())
					require.Equal(t, tc.code, status.Code(err), "error: %v", err)
					if tc.field != "" {
						require.Contains(t, violationFields(err), tc.field, "error: %v", err)
					}
					after := e.snapshot(t)
					require.Len(t, after, len(before))
					for i := range before {
						require.True(t, proto.Equal(before[i], after[i]), "%s changed: %v -> %v", before[i].GetSlug(), before[i], after[i])
					}
				})
			}
		})
	}
}

func violationFields(err error) []string {
	var out []string
	for _, d := range status.Convert(err).Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.GetFieldViolations() {
				out = append(out, v.GetField())
			}
		}
	}
	return out
}

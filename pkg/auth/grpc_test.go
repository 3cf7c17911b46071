package auth

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
)

func TestForwardToken(t *testing.T) {
	sent := func(ctx context.Context) []string {
		var got []string
		invoker := func(ctx context.Context, _ string, _, _ any, _ *grpc.ClientConn, _ ...grpc.CallOption) error {
			md, _ := metadata.FromOutgoingContext(ctx)
			got = md.Get("authorization")
			return nil
		}
		require.NoError(t, ForwardToken(func() string { return "svc" })(ctx, "/x/Y", nil, nil, nil, invoker))
		return got
	}
	t.Run("the caller's token is forwarded", func(t *testing.T) {
		ctx := WithPrincipal(t.Context(), Principal{Subject: "alice", Token: "alice-token"})
		require.Equal(t, []string{"Bearer alice-token"}, sent(ctx))
	})
	t.Run("background work uses the service token", func(t *testing.T) {
		require.Equal(t, []string{"Bearer svc"}, sent(t.Context()))
	})
	t.Run("explicit credentials are kept", func(t *testing.T) {
		ctx := metadata.AppendToOutgoingContext(t.Context(), "authorization", "Bearer mine")
		require.Equal(t, []string{"Bearer mine"}, sent(ctx))
	})
}

package server

import (
	"encoding/json"
	"fmt"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"

	"github.com/fitcoach/fitcoach/pkg/auth"
	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
)

// ClientOptions are the dial options for calls from one fitcoach service to another: the
// caller's token (or serviceToken outside a request) is forwarded, dead connections are
// noticed by keepalive, and idempotent calls are retried (ServiceConfig). Transport security
// is left to the network (mesh or private network).
func ClientOptions(serviceToken func() string) []grpc.DialOption {
	return []grpc.DialOption{
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithChainUnaryInterceptor(auth.ForwardToken(serviceToken)),
		grpc.WithDefaultServiceConfig(ServiceConfig),
		grpc.WithKeepaliveParams(keepalive.ClientParameters{Time: 30 * time.Second, Timeout: 10 * time.Second, PermitWithoutStream: true}),
	}
}

// ServiceConfig is the gRPC service config of every client:
//   - round_robin: behind a headless Kubernetes Service the DNS name lists every pod, and calls
//     are spread over all of them rather than pinned to one;
//   - the methods the contracts mark idempotency_level NO_SIDE_EFFECTS or IDEMPOTENT are retried
//     on UNAVAILABLE (a replica restarting, a store's connection lost and reported by
//     grpcerr.Transient) with a short backoff. Other methods are not: a retry could repeat a
//     write whose answer was lost, so their callers decide.
var ServiceConfig = serviceConfig(catalogv1.File_fitcoach_catalog_v1_catalog_proto,
	planv1.File_fitcoach_plan_v1_plan_proto, videov1.File_fitcoach_video_v1_video_proto)

type methodName struct {
	Service string `json:"service"`
	Method  string `json:"method"`
}

// retriedMethods lists the methods of files whose contract lets a client repeat them.
func retriedMethods(files ...protoreflect.FileDescriptor) []methodName {
	var out []methodName
	for _, f := range files {
		for i := range f.Services().Len() {
			sd := f.Services().Get(i)
			for j := range sd.Methods().Len() {
				md := sd.Methods().Get(j)
				opts, _ := md.Options().(*descriptorpb.MethodOptions)
				if opts.GetIdempotencyLevel() != descriptorpb.MethodOptions_IDEMPOTENCY_UNKNOWN {
					out = append(out, methodName{string(sd.FullName()), string(md.Name())})
				}
			}
		}
	}
	return out
}

func serviceConfig(files ...protoreflect.FileDescriptor) string {
	cfg := map[string]any{
		"loadBalancingConfig": []any{map[string]any{"round_robin": map[string]any{}}},
		"methodConfig": []any{map[string]any{
			"name": retriedMethods(files...),
			"retryPolicy": map[string]any{
				"maxAttempts":          3,
				"initialBackoff":       "0.05s",
				"maxBackoff":           "0.5s",
				"backoffMultiplier":    2,
				"retryableStatusCodes": []string{"UNAVAILABLE"},
			},
		}},
	}
	b, err := json.Marshal(cfg)
	if err != nil {
		panic(err) // maps of strings and numbers always marshal
	}
	return string(b)
}

// Dial connects lazily to a service at addr ("host:port" or any gRPC target). Pass
// obs.Tracing.DialOptions as extra to trace the calls.
func Dial(addr string, serviceToken func() string, extra ...grpc.DialOption) (*grpc.ClientConn, error) {
	if addr == "" {
		return nil, fmt.Errorf("server: empty address")
	}
	return grpc.NewClient(addr, append(ClientOptions(serviceToken), extra...)...)
}

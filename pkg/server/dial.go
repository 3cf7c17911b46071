package server

import (
	"fmt"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/keepalive"

	"github.com/fitcoach/fitcoach/pkg/auth"
)

// ClientOptions are the dial options for calls from one fitcoach service to another: the
// caller's token (or serviceToken outside a request) is forwarded, and dead connections are
// noticed by keepalive. Transport security is left to the network (mesh or private network).
func ClientOptions(serviceToken func() string) []grpc.DialOption {
	return []grpc.DialOption{
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithChainUnaryInterceptor(auth.ForwardToken(serviceToken)),
		// Behind a headless Kubernetes Service the DNS name lists every pod: spread calls over
		// all of them rather than pinning one connection to one pod.
		grpc.WithDefaultServiceConfig(`{"loadBalancingConfig":[{"round_robin":{}}]}`),
		grpc.WithKeepaliveParams(keepalive.ClientParameters{Time: 30 * time.Second, Timeout: 10 * time.Second, PermitWithoutStream: true}),
	}
}

// Dial connects lazily to a service at addr ("host:port" or any gRPC target).
func Dial(addr string, serviceToken func() string, extra ...grpc.DialOption) (*grpc.ClientConn, error) {
	if addr == "" {
		return nil, fmt.Errorf("server: empty address")
	}
	return grpc.NewClient(addr, append(ClientOptions(serviceToken), extra...)...)
}

package faults

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"testing"
	"time"

	toxiproxy "github.com/Shopify/toxiproxy/v2"
	"github.com/rs/zerolog"
	"github.com/stretchr/testify/require"
)

// proxy is a loopback TCP proxy that injects network faults between a service and what it
// dials. It is a toxiproxy proxy run in the test process as a library (no toxiproxy server,
// no API port): each fault is a toxic added to both directions of every connection, open
// ones included, and Restore removes them all.
type proxy struct {
	t    testing.TB
	p    *toxiproxy.Proxy
	addr string
	// reopen is set by faults whose connections cannot be trusted after they end (bytes
	// were dropped or cut short), so Restore drops the connections they touched.
	reopen bool
}

func newProxy(t testing.TB, target string) *proxy {
	t.Helper()
	// The bandwidth toxic logs every chunk through zerolog's global logger; only toxiproxy
	// uses zerolog in this process.
	zerolog.SetGlobalLevel(zerolog.WarnLevel)
	api := toxiproxy.NewServer(toxiproxy.NewMetricsContainer(nil), zerolog.Nop())
	p := toxiproxy.NewProxy(api, t.Name()+"->"+target, "127.0.0.1:0", target)
	require.NoError(t, p.Start())
	px := &proxy{t: t, p: p, addr: p.Listen}
	t.Cleanup(p.Stop)
	return px
}

// both are the two directions of a connection: client to target, target to client.
var both = []string{"upstream", "downstream"}

// toxic adds a toxic of kind with attrs to the streams of every connection.
func (p *proxy) toxic(kind string, attrs map[string]any, streams ...string) {
	p.t.Helper()
	for _, stream := range streams {
		body, err := json.Marshal(map[string]any{
			"name": kind + "_" + stream, "type": kind, "stream": stream, "toxicity": 1.0, "attributes": attrs,
		})
		require.NoError(p.t, err)
		_, err = p.p.Toxics.AddToxicJson(bytes.NewReader(body))
		require.NoError(p.t, err, "%s toxic", kind)
	}
}

// SetLatency delays every chunk forwarded from now on by d, in each direction.
func (p *proxy) SetLatency(d time.Duration) {
	p.toxic("latency", map[string]any{"latency": d.Milliseconds()}, both...)
}

// SetBandwidth caps each direction of every connection at kbps kilobytes a second.
func (p *proxy) SetBandwidth(kbps int64) {
	p.toxic("bandwidth", map[string]any{"rate": kbps}, both...)
}

// Slice splits every chunk into pieces of about size bytes sent delay apart, as a congested
// network delivers them: a protocol reader that assumes one read is one message fails.
func (p *proxy) Slice(size int, delay time.Duration) {
	p.toxic("slicer", map[string]any{"average_size": size, "size_variation": size / 2, "delay": delay.Microseconds()}, both...)
}

// Cut resets every connection the moment a byte crosses it, open ones and new ones alike,
// until Restore: the listener still accepts, like a peer whose process died behind a live
// kernel.
func (p *proxy) Cut() {
	p.toxic("reset_peer", map[string]any{"timeout": 0}, both...)
}

// Blackhole drops every byte in both directions and never closes the connection (or closes
// it after closeAfter when that is positive), like a partitioned network or a hung peer:
// only the caller's own deadlines end its calls. Connections that lived through it are
// dropped at Restore, since their bytes were lost.
func (p *proxy) Blackhole(closeAfter time.Duration) {
	p.reopen = true
	p.toxic("timeout", map[string]any{"timeout": closeAfter.Milliseconds()}, both...)
}

// LimitData closes each connection once the target sent n bytes on it, like a peer that dies
// mid-answer.
func (p *proxy) LimitData(n int64) {
	p.reopen = true
	p.toxic("limit_data", map[string]any{"bytes": n}, "downstream")
}

// Refuse closes the listener and every connection: dials are refused until Restore.
func (p *proxy) Refuse() { p.p.Stop() }

// Restore ends every fault: no toxics, and the listener back on the same port.
func (p *proxy) Restore() {
	p.t.Helper()
	p.p.Toxics.ResetToxics(zerolog.Nop().WithContext(context.Background()))
	if p.reopen {
		p.p.Stop()
		p.reopen = false
	}
	if p.p.Enabled {
		return
	}
	// The port was ours a moment ago; on loopback it is free again at once, but allow a
	// moment for the kernel.
	var err error
	for range 50 {
		if err = p.p.Start(); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	require.NoError(p.t, err)
	require.Equal(p.t, p.addr, p.p.Listen, "the proxy came back on its port")
}

func TestProxy(t *testing.T) {
	echo, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { echo.Close() })
	go func() {
		for {
			c, err := echo.Accept()
			if err != nil {
				return
			}
			go func() { _, _ = io.Copy(c, c); c.Close() }()
		}
	}()
	p := newProxy(t, echo.Addr().String())
	dial := func(t *testing.T) net.Conn {
		c, err := net.DialTimeout("tcp", p.addr, time.Second)
		require.NoError(t, err)
		t.Cleanup(func() { c.Close() })
		return c
	}
	// send writes msg on c and reads the echo back within timeout.
	send := func(c net.Conn, msg []byte, timeout time.Duration) ([]byte, error) {
		_ = c.SetDeadline(time.Now().Add(timeout))
		if _, err := c.Write(msg); err != nil {
			return nil, err
		}
		b := make([]byte, len(msg))
		n, err := io.ReadFull(c, b)
		return b[:n], err
	}
	roundTrip := func() error {
		c, err := net.DialTimeout("tcp", p.addr, time.Second)
		if err != nil {
			return err
		}
		defer c.Close()
		b, err := send(c, []byte("ping"), 2*time.Second)
		if err != nil {
			return err
		}
		require.Equal(t, "ping", string(b))
		return nil
	}

	t.Run("passes bytes", func(t *testing.T) { require.NoError(t, roundTrip()) })
	t.Run("adds latency", func(t *testing.T) {
		p.SetLatency(100 * time.Millisecond)
		start := time.Now()
		require.NoError(t, roundTrip())
		require.GreaterOrEqual(t, time.Since(start), 200*time.Millisecond, "100ms each way")
		p.Restore()
		start = time.Now()
		require.NoError(t, roundTrip())
		require.Less(t, time.Since(start), 100*time.Millisecond, "restored")
	})
	t.Run("cuts", func(t *testing.T) {
		open := dial(t)
		_, err := send(open, []byte("ping"), time.Second)
		require.NoError(t, err)
		p.Cut()
		_, err = send(open, []byte("ping"), time.Second)
		require.Error(t, err, "an open connection is reset")
		require.Error(t, roundTrip(), "so is a new one")
		p.Restore()
		require.NoError(t, roundTrip())
	})
	t.Run("refuses", func(t *testing.T) {
		p.Refuse()
		_, err := net.DialTimeout("tcp", p.addr, time.Second)
		require.Error(t, err)
		p.Restore()
		require.NoError(t, roundTrip())
	})
	t.Run("caps bandwidth", func(t *testing.T) {
		p.SetBandwidth(64) // 64 KB/s each way
		msg := bytes.Repeat([]byte("x"), 32<<10)
		start := time.Now()
		got, err := send(dial(t), msg, 10*time.Second)
		require.NoError(t, err)
		require.Equal(t, msg, got)
		// 32 KB at 64 KB/s is half a second one way; the echo's way overlaps it.
		require.GreaterOrEqual(t, time.Since(start), 400*time.Millisecond)
		p.Restore()
	})
	t.Run("slices packets and still delivers every byte in order", func(t *testing.T) {
		p.Slice(8, time.Millisecond)
		msg := []byte("the quick brown fox jumps over the lazy dog, twice: the quick brown fox")
		c := dial(t)
		_ = c.SetDeadline(time.Now().Add(5 * time.Second))
		_, err := c.Write(msg)
		require.NoError(t, err)
		var got []byte
		reads := 0
		for len(got) < len(msg) {
			b := make([]byte, 1024)
			n, err := c.Read(b)
			require.NoError(t, err)
			got = append(got, b[:n]...)
			reads++
		}
		require.Equal(t, msg, got)
		require.Greater(t, reads, 1, "the answer arrived in pieces")
		p.Restore()
	})
	t.Run("black-holes until a deadline ends the call", func(t *testing.T) {
		open := dial(t)
		p.Blackhole(0)
		start := time.Now()
		_, err := send(open, []byte("ping"), 300*time.Millisecond)
		var ne net.Error
		require.ErrorAs(t, err, &ne)
		require.True(t, ne.Timeout(), "no answer and no close: only the deadline ends it, got %v", err)
		require.GreaterOrEqual(t, time.Since(start), 300*time.Millisecond)
		p.Restore()
		require.NoError(t, roundTrip())
	})
	t.Run("closes a connection after a number of bytes", func(t *testing.T) {
		p.LimitData(4)
		c := dial(t)
		got, err := send(c, []byte("pingpong"), 2*time.Second)
		require.Error(t, err, "the answer is cut short")
		require.Equal(t, "ping", string(got))
		p.Restore()
		require.NoError(t, roundTrip())
	})
}

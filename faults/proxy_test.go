package faults

import (
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// proxy is a loopback TCP proxy that injects network faults between a service and what it
// dials. Toxiproxy is not among the modules this build may use, so the three faults the tests
// need are written here: latency on every chunk in both directions, cutting (open connections
// are closed and new ones reset at once) and refusing (the listener closes, so dials get
// ECONNREFUSED, and later reopens on the same port).
type proxy struct {
	t      testing.TB
	target string
	addr   string

	mu      sync.Mutex
	ln      net.Listener
	conns   map[net.Conn]struct{}
	cut     bool
	gen     int // bumped whenever open connections are dropped
	latency time.Duration
	wg      sync.WaitGroup
}

func newProxy(t testing.TB, target string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	p := &proxy{t: t, target: target, addr: ln.Addr().String(), ln: ln, conns: map[net.Conn]struct{}{}}
	p.serve(ln)
	t.Cleanup(func() {
		p.Refuse()
		p.wg.Wait()
	})
	return p
}

func (p *proxy) serve(ln net.Listener) {
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.mu.Lock()
			cut, gen := p.cut, p.gen
			if !cut {
				p.conns[c] = struct{}{}
			}
			p.mu.Unlock()
			if cut {
				if tc, ok := c.(*net.TCPConn); ok {
					_ = tc.SetLinger(0) // a reset, like a dead peer's kernel answers
				}
				c.Close()
				continue
			}
			p.wg.Add(1)
			go func() {
				defer p.wg.Done()
				p.pipe(c, gen)
			}()
		}
	}()
}

// pipe connects c to the target; gen is the drop generation c was accepted in, so a
// connection whose upstream dial outlived a drop is dropped too rather than left open.
func (p *proxy) pipe(c net.Conn, gen int) {
	defer p.forget(c)
	up, err := net.DialTimeout("tcp", p.target, 5*time.Second)
	if err != nil {
		return
	}
	p.mu.Lock()
	if p.cut || p.gen != gen {
		p.mu.Unlock()
		up.Close()
		return
	}
	p.conns[up] = struct{}{}
	p.mu.Unlock()
	defer p.forget(up)
	done := make(chan struct{}, 2)
	go func() { p.copy(up, c); done <- struct{}{} }()
	go func() { p.copy(c, up); done <- struct{}{} }()
	<-done
}

// copy forwards src to dst, sleeping the current latency before each chunk.
func (p *proxy) copy(dst, src net.Conn) {
	defer dst.Close()
	defer src.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			p.mu.Lock()
			d := p.latency
			p.mu.Unlock()
			if d > 0 {
				time.Sleep(d)
			}
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

func (p *proxy) forget(c net.Conn) {
	c.Close()
	p.mu.Lock()
	delete(p.conns, c)
	p.mu.Unlock()
}

// closeAll drops every open connection; the caller holds p.mu.
func (p *proxy) closeAll() {
	p.gen++
	for c := range p.conns {
		if tc, ok := c.(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
		}
		c.Close()
	}
}

// SetLatency delays every chunk forwarded from now on by d.
func (p *proxy) SetLatency(d time.Duration) {
	p.mu.Lock()
	p.latency = d
	p.mu.Unlock()
}

// Cut closes every open connection and resets new ones until Restore.
func (p *proxy) Cut() {
	p.mu.Lock()
	p.cut = true
	p.closeAll()
	p.mu.Unlock()
}

// Refuse closes the listener and every connection: dials are refused until Restore.
func (p *proxy) Refuse() {
	p.mu.Lock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	p.closeAll()
	p.mu.Unlock()
}

// Restore ends every fault: the listener is back on the same port, with no latency.
func (p *proxy) Restore() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut, p.latency = false, 0
	if p.ln != nil {
		return
	}
	var (
		ln  net.Listener
		err error
	)
	// The port was ours a moment ago; on loopback it is free again at once, but allow a
	// moment for the kernel.
	for range 50 {
		if ln, err = net.Listen("tcp", p.addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	require.NoError(p.t, err)
	p.ln = ln
	p.serve(ln)
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
	roundTrip := func() error {
		c, err := net.DialTimeout("tcp", p.addr, time.Second)
		if err != nil {
			return err
		}
		defer c.Close()
		_ = c.SetDeadline(time.Now().Add(2 * time.Second))
		if _, err := c.Write([]byte("ping")); err != nil {
			return err
		}
		b := make([]byte, 4)
		if _, err := io.ReadFull(c, b); err != nil {
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
	})
	t.Run("cuts", func(t *testing.T) {
		p.Cut()
		require.Error(t, roundTrip())
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
}

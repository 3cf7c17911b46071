// Package existence answers "are this clip's bytes in storage?" from a cache, so the
// "Start workout" path never waits on R2 or an external host. Verdicts live for a TTL; a stale
// verdict is still served while a background worker re-verifies it. A clip never checked
// before is checked at once, but the caller waits only until its own deadline (a small
// per-request budget): past it, the clip is assumed present and the check finishes in the
// background for the next request.
package existence

import (
	"context"
	"log/slog"
	"sync"
	"time"

	videov1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/video/v1"
)

// Prober asks storage whether a clip exists; provider.Registry satisfies it. It returns
// (false, nil) for a missing clip and an error when storage could not tell.
type Prober interface {
	Exists(ctx context.Context, clip *videov1.Clip) (bool, error)
}

// Result of one storage check, for metrics.
const (
	ResultPresent = "present"
	ResultMissing = "missing"
	ResultError   = "error"
)

// Config tunes a Checker. Zero values take the defaults in brackets.
type Config struct {
	// TTL is how long a present/missing verdict is fresh [5m].
	TTL time.Duration
	// ErrorTTL is how long an "unavailable" verdict (storage errored) is fresh [15s]: short,
	// so clips come back soon after an outage ends.
	ErrorTTL time.Duration
	// CheckTimeout bounds one background storage call [5s].
	CheckTimeout time.Duration
	// Workers is the number of concurrent background checks [8].
	Workers int
	// QueueSize bounds pending checks; when full, new ones are dropped and retried by the next
	// request that needs them [4096].
	QueueSize int
	// OnCheck, when set, observes every storage call (provider, Result*).
	OnCheck func(p videov1.Provider, result string)
	Logger  *slog.Logger
}

type verdict uint8

const (
	unknown verdict = iota
	present
	missing
	unavailable
)

type entry struct {
	v       verdict
	checked time.Time
	// done is non-nil while a check is queued or running, closed when it ends.
	done chan struct{}
	// forgotten marks an entry whose clip changed while a check of the old source ran.
	forgotten bool
}

// Checker caches existence verdicts per clip id.
type Checker struct {
	cfg    Config
	prober Prober
	now    func() time.Time

	mu      sync.RWMutex
	entries map[string]*entry

	queue  chan *videov1.Clip
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// New starts a Checker and its background workers; Close stops them.
func New(p Prober, cfg Config) *Checker {
	if cfg.TTL <= 0 {
		cfg.TTL = 5 * time.Minute
	}
	if cfg.ErrorTTL <= 0 {
		cfg.ErrorTTL = 15 * time.Second
	}
	if cfg.CheckTimeout <= 0 {
		cfg.CheckTimeout = 5 * time.Second
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 8
	}
	if cfg.QueueSize <= 0 {
		cfg.QueueSize = 4096
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &Checker{
		cfg: cfg, prober: p, now: time.Now,
		entries: make(map[string]*entry),
		queue:   make(chan *videov1.Clip, cfg.QueueSize),
		ctx:     ctx, cancel: cancel,
	}
	for range cfg.Workers {
		c.wg.Add(1)
		go c.work()
	}
	return c
}

// Close stops the workers and waits for running checks to end.
func (c *Checker) Close() {
	c.cancel()
	c.wg.Wait()
}

// Present reports whether clip may be played. Fresh verdicts answer at once; stale ones answer
// at once and are re-verified in the background; a clip never seen is checked now, waiting at
// most until deadline (or ctx's end), after which it is assumed present. A clip whose storage
// errored on the last check counts as not present until ErrorTTL passes.
func (c *Checker) Present(ctx context.Context, clip *videov1.Clip, deadline time.Time) bool {
	now := c.now()
	c.mu.RLock()
	e := c.entries[clip.GetId()]
	var (
		v       verdict
		checked time.Time
		pending bool
	)
	if e != nil {
		v, checked, pending = e.v, e.checked, e.done != nil
	}
	c.mu.RUnlock()

	if v != unknown {
		if !pending && now.Sub(checked) > c.ttl(v) {
			c.schedule(clip)
		}
		return v == present
	}
	done := c.schedule(clip)
	if done == nil {
		return true
	}
	wait := deadline.Sub(now)
	if wait <= 0 {
		return true
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-done:
		c.mu.RLock()
		if e := c.entries[clip.GetId()]; e != nil {
			v = e.v
		}
		c.mu.RUnlock()
		return v != missing && v != unavailable
	case <-t.C:
	case <-ctx.Done():
	}
	return true
}

// Warm queues checks for clips without a verdict, so the first playlist that needs them finds
// the answer cached.
func (c *Checker) Warm(clips []*videov1.Clip) {
	for _, cl := range clips {
		c.mu.RLock()
		e := c.entries[cl.GetId()]
		known := e != nil && (e.v != unknown || e.done != nil)
		c.mu.RUnlock()
		if !known {
			c.schedule(cl)
		}
	}
}

// Forget drops the verdict of a clip that was changed or deleted.
func (c *Checker) Forget(id string) {
	c.mu.Lock()
	if e := c.entries[id]; e != nil && e.done == nil {
		delete(c.entries, id)
	} else if e != nil {
		// A check of the old source is running: let it finish, but drop what it finds.
		e.forgotten = true
	}
	c.mu.Unlock()
}

// Set records a verdict directly, as if storage had just answered (tests, warm-up tools).
func (c *Checker) Set(id string, exists bool) {
	v := missing
	if exists {
		v = present
	}
	c.mu.Lock()
	e := c.entries[id]
	if e == nil {
		e = &entry{}
		c.entries[id] = e
	}
	e.v, e.checked = v, c.now()
	c.mu.Unlock()
}

func (c *Checker) ttl(v verdict) time.Duration {
	if v == unavailable {
		return c.cfg.ErrorTTL
	}
	return c.cfg.TTL
}

// schedule queues a check unless one is pending, and returns the channel closed when it ends
// (nil when the queue is full).
func (c *Checker) schedule(clip *videov1.Clip) chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[clip.GetId()]
	if e == nil {
		e = &entry{}
		c.entries[clip.GetId()] = e
	}
	if e.done != nil {
		return e.done
	}
	select {
	case c.queue <- clip:
		e.done = make(chan struct{})
		return e.done
	default:
		return nil
	}
}

func (c *Checker) work() {
	defer c.wg.Done()
	for {
		select {
		case <-c.ctx.Done():
			return
		case clip := <-c.queue:
			c.check(clip)
		}
	}
}

func (c *Checker) check(clip *videov1.Clip) {
	ctx, cancel := context.WithTimeout(c.ctx, c.cfg.CheckTimeout)
	ok, err := c.prober.Exists(ctx, clip)
	cancel()
	v, result := present, ResultPresent
	switch {
	case err != nil:
		v, result = unavailable, ResultError
		c.cfg.Logger.Warn("clip existence check failed", "clip_id", clip.GetId(), "provider", clip.GetProvider().String(), "err", err)
	case !ok:
		v, result = missing, ResultMissing
	}
	if c.cfg.OnCheck != nil {
		c.cfg.OnCheck(clip.GetProvider(), result)
	}
	c.mu.Lock()
	e := c.entries[clip.GetId()]
	if e == nil {
		e = &entry{}
		c.entries[clip.GetId()] = e
	}
	if e.done != nil {
		close(e.done)
		e.done = nil
	}
	if e.forgotten {
		delete(c.entries, clip.GetId())
	} else {
		e.v, e.checked = v, c.now()
	}
	c.mu.Unlock()
}

// Package exercises keeps an in-memory copy of the catalog's exercise slugs, codes and names,
// refreshed in the background, so a playlist can resolve "EX005" to "bodyweight-squats" and
// name each exercise without a catalog round trip on the "Start workout" path.
package exercises

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	catalogv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/catalog/v1"
	typesv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/types/v1"
)

// Entry is one exercise as a playlist needs it.
type Entry struct {
	Slug string
	Name *typesv1.LocalizedText
}

type snapshot struct {
	bySlug map[string]*Entry
	byCode map[string]*Entry
}

// Directory resolves exercise slugs and codes. The zero snapshot (before the first refresh,
// or with no catalog) resolves every input to its lower-cased self.
type Directory struct {
	client   catalogv1.CatalogServiceClient
	interval time.Duration
	log      *slog.Logger

	snap atomic.Pointer[snapshot]
	kick chan struct{}
}

// New returns a Directory over the catalog client (nil: resolve inputs to themselves).
// interval is the refresh period; call Run to start refreshing.
func New(client catalogv1.CatalogServiceClient, interval time.Duration, log *slog.Logger) *Directory {
	if interval <= 0 {
		interval = time.Minute
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	d := &Directory{client: client, interval: interval, log: log, kick: make(chan struct{}, 1)}
	d.snap.Store(&snapshot{})
	return d
}

// Resolve maps a slug or code (any case) to the exercise's slug and name. An input the
// directory does not know resolves to its lower-cased self with no name, and asks the
// background loop for an early refresh (a new exercise may have been added).
func (d *Directory) Resolve(s string) Entry {
	key := strings.ToLower(s)
	snap := d.snap.Load()
	if e, ok := snap.bySlug[key]; ok {
		return *e
	}
	if e, ok := snap.byCode[key]; ok {
		return *e
	}
	if d.client != nil {
		select {
		case d.kick <- struct{}{}:
		default:
		}
	}
	return Entry{Slug: key}
}

// Run refreshes now and then every interval, or sooner when Resolve met an unknown input
// (at most once per 5 s), until ctx ends.
func (d *Directory) Run(ctx context.Context) {
	if d.client == nil {
		return
	}
	const minGap = 5 * time.Second
	t := time.NewTicker(d.interval)
	defer t.Stop()
	var last time.Time
	refresh := func() {
		last = time.Now()
		rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := d.Refresh(rctx); err != nil && ctx.Err() == nil {
			d.log.Warn("refreshing exercise names from the catalog failed; keeping the last copy", "err", err)
		}
	}
	refresh()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			refresh()
		case <-d.kick:
			if time.Since(last) >= minGap {
				refresh()
			}
		}
	}
}

// Refresh pages through the catalog's exercises and swaps in the new copy.
func (d *Directory) Refresh(ctx context.Context) error {
	next := &snapshot{bySlug: map[string]*Entry{}, byCode: map[string]*Entry{}}
	size := int32(500)
	token := ""
	for range 1000 {
		resp, err := d.client.ListExercises(ctx, &catalogv1.ListExercisesRequest{PageSize: &size, PageToken: token})
		if err != nil {
			return fmt.Errorf("list exercises: %w", err)
		}
		for _, ex := range resp.GetExercises() {
			e := &Entry{Slug: strings.ToLower(ex.GetSlug()), Name: ex.GetName()}
			next.bySlug[e.Slug] = e
			if c := ex.GetCode(); c != "" {
				next.byCode[strings.ToLower(c)] = e
			}
		}
		token = resp.GetNextPageToken()
		if token == "" {
			d.snap.Store(next)
			return nil
		}
	}
	return fmt.Errorf("list exercises: too many pages")
}

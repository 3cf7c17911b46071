package playlist

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the builder's Prometheus metrics.
type Metrics struct {
	build     prometheus.Histogram
	missing   *prometheus.CounterVec
	fallback  *prometheus.CounterVec
	items     *prometheus.CounterVec
	cacheHits *prometheus.CounterVec
}

// NewMetrics registers the builder's metrics with reg (nil: a private registry).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	m := &Metrics{
		build: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "video_playlist_build_seconds",
			Help:    "Time to build one playlist.",
			Buckets: []float64{.00005, .0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1},
		}),
		missing: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "video_playlist_missing_clips_total",
			Help: "Required playlist clips no candidate could fill, by kind.",
		}, []string{"kind"}),
		fallback: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "video_playlist_clip_choice_total",
			Help: "Playlist clip choices by the fallback tier that filled them (exact, archetype, generic, other_locale).",
		}, []string{"tier"}),
		items: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "video_playlist_items_total",
			Help: "Playlist items served, by storage provider.",
		}, []string{"provider"}),
		cacheHits: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "video_playlist_candidate_cache_total",
			Help: "Candidate set lookups, by result (hit, miss, stale).",
		}, []string{"result"}),
	}
	reg.MustRegister(m.build, m.missing, m.fallback, m.items, m.cacheHits)
	return m
}

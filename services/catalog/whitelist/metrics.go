package whitelist

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

type metrics struct {
	size     prometheus.Gauge
	hits     prometheus.Counter
	misses   prometheus.Counter
	stale    prometheus.Counter
	failures prometheus.Counter
	seconds  prometheus.Histogram
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	lookups := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "fitcoach_catalog_whitelist_cache_lookups_total",
		Help: "Whitelist requests answered from the cache (hit) or needing a computation (miss).",
	}, []string{"result"})
	m := &metrics{
		size: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "fitcoach_catalog_whitelist_size",
			Help: "Exercises in the last computed whitelist (before per-person filters).",
		}),
		hits:   lookups.WithLabelValues("hit"),
		misses: lookups.WithLabelValues("miss"),
		stale: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "fitcoach_catalog_whitelist_stale_served_total",
			Help: "Whitelist requests answered with the last good set because a computation failed.",
		}),
		failures: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "fitcoach_catalog_whitelist_compute_failures_total",
			Help: "Whitelist computations that failed (video service or database unavailable, or no exercise covered).",
		}),
		seconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "fitcoach_catalog_whitelist_compute_seconds",
			Help:    "Time to compute the whitelist from the catalog and the video service's coverage.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10},
		}),
	}
	if reg == nil {
		return m, nil
	}
	for _, c := range []prometheus.Collector{m.size, lookups, m.stale, m.failures, m.seconds} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("whitelist: register metrics: %w", err)
		}
	}
	return m, nil
}

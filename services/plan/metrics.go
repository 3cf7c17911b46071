package plan

import "github.com/prometheus/client_golang/prometheus"

// metrics are the service's own metrics; generation's are in package generate.
type metrics struct {
	playlistFailures *prometheus.CounterVec
	planTokens       *prometheus.HistogramVec
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		playlistFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "fitcoach_plan_playlist_failures_total", Help: "Start workout answers without a playlist, by cause (timeout, error).",
		}, []string{"cause"}),
		planTokens: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "fitcoach_plan_tokens_per_plan", Help: "LLM tokens spent on one stored plan, by kind.",
			Buckets: prometheus.ExponentialBuckets(250, 2, 10),
		}, []string{"kind"}),
	}
	if reg != nil {
		for _, c := range []prometheus.Collector{m.playlistFailures, m.planTokens} {
			if err := reg.Register(c); err != nil {
				return nil, err
			}
		}
	}
	return m, nil
}

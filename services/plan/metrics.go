package plan

import "github.com/prometheus/client_golang/prometheus"

// metrics are the service's own metrics; generation's are in package generate.
type metrics struct {
	playlistFailures *prometheus.CounterVec
	planTokens       *prometheus.HistogramVec
	quotaRejections  *prometheus.CounterVec
	quotaErrors      prometheus.Counter
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
		quotaRejections: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "fitcoach_plan_quota_rejections_total", Help: "CreatePlan calls refused with RESOURCE_EXHAUSTED, by limit (plans: the per-person rate, tokens: the daily LLM token budget).",
		}, []string{"limit"}),
		quotaErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "fitcoach_plan_quota_errors_total", Help: "Quota store (Redis) errors; the request was admitted unchecked.",
		}),
	}
	for _, l := range []string{"plans", "tokens"} {
		m.quotaRejections.WithLabelValues(l)
	}
	if reg != nil {
		for _, c := range []prometheus.Collector{m.playlistFailures, m.planTokens, m.quotaRejections, m.quotaErrors} {
			if err := reg.Register(c); err != nil {
				return nil, err
			}
		}
	}
	return m, nil
}

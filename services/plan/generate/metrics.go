package generate

import "github.com/prometheus/client_golang/prometheus"

// Metrics are generation's Prometheus metrics.
type Metrics struct {
	generations       *prometheus.CounterVec
	generationSeconds *prometheus.HistogramVec
	attempts          *prometheus.CounterVec
	reprompts         prometheus.Counter
	substitutions     prometheus.Counter
	fallbacks         *prometheus.CounterVec
	llmSeconds        prometheus.Histogram
	whitelistSize     prometheus.Gauge
	tokens            *prometheus.CounterVec
}

// NewMetrics creates generation's metrics and registers them with reg (nil: not registered).
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		generations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "fitcoach_plan_generations_total", Help: "Plan generations by provider and outcome (ok, fallback, failed).",
		}, []string{"provider", "outcome"}),
		generationSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "fitcoach_plan_generation_seconds", Help: "Time to make a plan, by the provider that made it.",
			Buckets: []float64{0.005, 0.05, 0.25, 1, 2.5, 5, 10, 20, 30, 45, 60, 90},
		}, []string{"provider"}),
		attempts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "fitcoach_plan_llm_attempts_total", Help: "LLM calls by outcome (ok, invalid_plan, timeout, refusal, truncated, rate_limited, upstream_error, llm_error).",
		}, []string{"outcome"}),
		reprompts: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "fitcoach_plan_reprompts_total", Help: "LLM answers sent back with their violations.",
		}),
		substitutions: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "fitcoach_plan_substitutions_total", Help: "Exercises outside the whitelist replaced by catalog alternatives.",
		}),
		fallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "fitcoach_plan_fallbacks_total", Help: "Plans made by the built-in planner, by reason.",
		}, []string{"reason"}),
		llmSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "fitcoach_plan_llm_seconds", Help: "Latency of one LLM call, retries included.",
			Buckets: []float64{0.25, 0.5, 1, 2.5, 5, 10, 15, 20, 30, 45, 60},
		}),
		whitelistSize: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "fitcoach_plan_whitelist_size", Help: "Allowed exercises seen by the latest generation.",
		}),
		tokens: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "fitcoach_plan_llm_tokens_total", Help: "LLM tokens spent on plans, by kind (prompt, completion).",
		}, []string{"kind"}),
	}
	if reg != nil {
		for _, c := range []prometheus.Collector{m.generations, m.generationSeconds, m.attempts, m.reprompts, m.substitutions, m.fallbacks, m.llmSeconds, m.whitelistSize, m.tokens} {
			if err := reg.Register(c); err != nil {
				return nil, err
			}
		}
	}
	return m, nil
}

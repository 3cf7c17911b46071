package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// A soak is judged by minutes: the first is warm-up (caches fill, pools grow), the second is
// the baseline, and the last must stay within each gauge's tolerance of the baseline.
const window = time.Minute

// flowWorkers run the soak's flow: a person takes well under a second at the modest rates a
// soak uses, so a few workers keep the schedule through a stall.
const flowWorkers = 8

// gauge is one sampled metric and how far its last-minute average may rise over the baseline:
// rel of the baseline or abs (in units), whichever allows more.
type gauge struct {
	metric string  // Prometheus name, an unlabelled gauge
	label  string  // what the summary calls it
	unit   float64 // the raw value is divided by this for printing and abs
	rel    float64
	abs    float64
}

// gauges are what a soak samples. The absolute allowances keep a small process's GC sawtooth
// (a heap of a few MiB can double between two collections) from reading as growth.
var gauges = []gauge{
	{metric: "go_goroutines", label: "goroutines", unit: 1, rel: 0.10, abs: 20},
	{metric: "go_memstats_heap_inuse_bytes", label: "heap MiB", unit: 1 << 20, rel: 0.25, abs: 4},
	{metric: "process_resident_memory_bytes", label: "RSS MiB", unit: 1 << 20, rel: 0.25, abs: 8},
}

func (g gauge) tolerance() string {
	return fmt.Sprintf("+%.0f %% or +%g", g.rel*100, g.abs)
}

// process is one scraped fitcoach process.
type process struct{ name, url string }

// sample is one scrape of one process: a value per gauge, in gauges' order.
type sample struct {
	at     time.Duration
	proc   string
	values []float64
}

// soak drives start (open loop at -rate) and flow (-flow-rate people a second) together for
// -soak, sampling every process's gauges, and fails when a request failed, a scrape failed or
// a gauge grew past its tolerance.
func soak(o options) error {
	if o.soak < 3*window {
		return fmt.Errorf("-soak %s: a soak needs at least 3m (warm-up, baseline and last minute)", o.soak)
	}
	if o.sampleEvery <= 0 || o.sampleEvery > window/3 {
		return fmt.Errorf("-sample-every %s: each minute needs at least three samples", o.sampleEvery)
	}
	if o.rate <= 0 || o.flowRate <= 0 {
		return fmt.Errorf("a soak is open loop: -rate and -flow-rate must be positive")
	}
	procs, err := parseProcesses(o.metrics, o.base)
	if err != nil {
		return err
	}
	h, err := newHarness(o)
	if err != nil {
		return err
	}
	start, closeStart, err := h.scenario("start")
	if err != nil {
		return err
	}
	defer closeStart()
	if o.warmup > 0 {
		measure(o, o.warmup, time.Minute, start)
	}

	var out io.Writer = io.Discard
	if o.samples != "" {
		if err := os.MkdirAll(filepath.Dir(o.samples), 0o755); err != nil {
			return err
		}
		f, err := os.Create(o.samples)
		if err != nil {
			return err
		}
		defer f.Close()
		out = f
	}
	fmt.Fprintf(os.Stderr, "load: soaking %s: start at %g req/s, flow at %g people/s; sampling %d processes every %s\n",
		o.soak, o.rate, o.flowRate, len(procs), o.sampleEvery)

	// Sampling ends half an interval before the load does, so that no sample sees the load's
	// connections closing.
	ctx, stopSampling := context.WithTimeout(context.Background(), o.soak-o.sampleEvery/2)
	defer stopSampling()
	began := time.Now()
	type sampled struct {
		samples []sample
		err     error
	}
	done := make(chan sampled, 1)
	go func() {
		s, err := sampleLoop(ctx, &http.Client{}, procs, o.sampleEvery, began, out)
		done <- sampled{s, err}
	}()

	secs := o.soak.Seconds()
	var startRes, flowRes Result
	var wg sync.WaitGroup
	wg.Go(func() {
		startRes = measure(o, int(o.rate*secs), o.soak, start)
		startRes.Scenario, startRes.Rate = "start", o.rate
	})
	wg.Go(func() {
		fo := o
		fo.rate, fo.c = o.flowRate, flowWorkers
		flowRes = measure(fo, int(o.flowRate*secs), o.soak, func(ctx context.Context, w, i int) error {
			return h.flow(ctx, o.c+w, i) // the flow workers' own connections
		})
		flowRes.Scenario, flowRes.Rate = "flow", o.flowRate
	})
	wg.Wait()
	got := <-done

	for _, r := range []Result{startRes, flowRes} {
		if err := report(o, r); err != nil {
			return err
		}
	}
	rows := judge(got.samples, procs)
	printVerdicts(os.Stdout, rows)
	var problems []string
	if n := startRes.Errors + flowRes.Errors; n > 0 {
		problems = append(problems, fmt.Sprintf("%d requests failed", n))
	}
	if got.err != nil {
		problems = append(problems, got.err.Error())
	}
	for _, r := range rows {
		if !r.flat {
			problems = append(problems, fmt.Sprintf("%s %s is not flat", r.proc, r.gauge.label))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("soak failed: %s", strings.Join(problems, "; "))
	}
	return nil
}

// parseProcesses reads "name=URL,name=URL"; empty means the one process behind base.
func parseProcesses(spec, base string) ([]process, error) {
	if spec == "" {
		spec = "gateway=" + strings.TrimSuffix(base, "/") + "/metrics"
	}
	var procs []process
	for _, kv := range strings.Split(spec, ",") {
		name, raw, ok := strings.Cut(strings.TrimSpace(kv), "=")
		if !ok || name == "" {
			return nil, fmt.Errorf("-metrics: %q is not name=URL", kv)
		}
		u, err := url.Parse(raw)
		if err != nil {
			return nil, fmt.Errorf("-metrics %s: %w", name, err)
		}
		if err := loopback(u.Host); err != nil {
			return nil, err
		}
		procs = append(procs, process{name, raw})
	}
	return procs, nil
}

// sampleLoop scrapes every process at once and then every `every` until ctx is done, writing
// each sample as a CSV row. A failed scrape is reported after the loop, which goes on.
func sampleLoop(ctx context.Context, client *http.Client, procs []process, every time.Duration, began time.Time, out io.Writer) ([]sample, error) {
	w := csv.NewWriter(out)
	header := []string{"elapsed_s", "process"}
	for _, g := range gauges {
		header = append(header, g.metric)
	}
	if err := w.Write(header); err != nil {
		return nil, err
	}
	var samples []sample
	var firstErr error
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		at := time.Since(began)
		var line []string
		for _, p := range procs {
			values, err := scrape(ctx, client, p.url)
			if err != nil {
				if ctx.Err() != nil {
					break
				}
				if firstErr == nil {
					firstErr = fmt.Errorf("scrape %s at %s: %w", p.name, at.Round(time.Second), err)
				}
				continue
			}
			samples = append(samples, sample{at, p.name, values})
			row := []string{strconv.FormatFloat(at.Seconds(), 'f', 1, 64), p.name}
			for _, v := range values {
				row = append(row, strconv.FormatFloat(v, 'f', -1, 64))
			}
			if err := w.Write(row); err != nil {
				return samples, err
			}
			shown := p.name
			for i, g := range gauges {
				shown += fmt.Sprintf(" %s %.1f", g.label, values[i]/g.unit)
			}
			line = append(line, shown)
		}
		w.Flush()
		if err := w.Error(); err != nil {
			return samples, err
		}
		if len(line) > 0 {
			fmt.Fprintf(os.Stderr, "load: %s  %s\n", at.Round(time.Second), strings.Join(line, "; "))
		}
		select {
		case <-ctx.Done():
			return samples, firstErr
		case <-tick.C:
		}
	}
}

// scrape reads the gauges from one /metrics page, in gauges' order.
func scrape(ctx context.Context, client *http.Client, url string) ([]float64, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return parseGauges(resp.Body)
}

// parseGauges finds each unlabelled gauge in a Prometheus text exposition.
func parseGauges(r io.Reader) ([]float64, error) {
	values := make([]float64, len(gauges))
	found := make([]bool, len(gauges))
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		for i, g := range gauges {
			if name == g.metric {
				v, err := strconv.ParseFloat(value, 64)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", name, err)
				}
				values[i], found[i] = v, true
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for i, ok := range found {
		if !ok {
			return nil, fmt.Errorf("no %s in the metrics", gauges[i].metric)
		}
	}
	return values, nil
}

// verdict is one gauge of one process: its average over the warm-up, baseline and last minute.
type verdict struct {
	proc                string
	gauge               gauge
	first, second, last float64 // in the gauge's unit; NaN when the minute has no sample
	flat                bool
}

// judge averages each process's gauges per window. The last window is the minute up to the
// last sample; a gauge is flat when its last-minute average stays within tolerance of the
// baseline (the second minute).
func judge(samples []sample, procs []process) []verdict {
	var end time.Duration
	for _, s := range samples {
		end = max(end, s.at)
	}
	var rows []verdict
	for _, p := range procs {
		for i, g := range gauges {
			avg := func(in func(at time.Duration) bool) float64 {
				sum, n := 0.0, 0
				for _, s := range samples {
					if s.proc == p.name && in(s.at) {
						sum += s.values[i]
						n++
					}
				}
				if n == 0 {
					return math.NaN()
				}
				return sum / float64(n) / g.unit
			}
			v := verdict{proc: p.name, gauge: g,
				first:  avg(func(at time.Duration) bool { return at < window }),
				second: avg(func(at time.Duration) bool { return at >= window && at < 2*window }),
				last:   avg(func(at time.Duration) bool { return at > end-window && at >= 2*window }),
			}
			// NaN compares false: a minute without samples is never flat.
			v.flat = v.last-v.second <= max(g.rel*v.second, g.abs)
			rows = append(rows, v)
		}
	}
	return rows
}

func printVerdicts(w io.Writer, rows []verdict) {
	fmt.Fprintf(w, "%-8s %-11s %10s %10s %10s  %s\n", "process", "gauge", "minute 1", "minute 2", "last min", "verdict (last vs minute 2)")
	for _, r := range rows {
		word := "flat"
		if !r.flat {
			word = "GROWING"
		}
		fmt.Fprintf(w, "%-8s %-11s %10.1f %10.1f %10.1f  %s (%s)\n", r.proc, r.gauge.label, r.first, r.second, r.last, word, r.gauge.tolerance())
	}
}

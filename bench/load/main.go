// Command load is fitcoach's bounded load generator: a fixed number of requests (and a time
// cap) from a fixed number of workers against a server on loopback, reporting throughput,
// latency percentiles and errors. It never targets anything but the address it is given, and
// refuses addresses outside the loopback range.
//
//	load -base http://127.0.0.1:8080 -scenario start -n 30000 -c 32 -duration 30s
//
// Scenarios:
//
//	start      POST …/days/{d}:start for one person's 6-exercise day (REST)
//	start-grpc the same through gRPC straight to the plan service (for the gateway's overhead)
//	exercises  GET /v1/exercises
//	flow       new people each onboarding → generating a plan → starting → completing a workout
//
// With -soak DURATION it instead drives start (open loop at -rate) and flow (-flow-rate people
// a second) together for DURATION while sampling each process's /metrics (-metrics), and says
// whether goroutines and memory stayed flat (see soak.go).
//
// Tokens are minted locally when FITCOACH_JWT_SECRET is set (the secret the servers share, as in
// a separate-process deployment); otherwise they come from `fitcoach dev`'s POST /dev/token.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"

	"github.com/fitcoach/fitcoach/pkg/auth"
	planv1 "github.com/fitcoach/fitcoach/pkg/gen/fitcoach/plan/v1"
)

type options struct {
	base     string
	grpcAddr string
	scenario string
	n        int
	c        int
	duration time.Duration
	token    string
	warmup   int
	jsonOut  bool
	rate     float64

	soak        time.Duration
	flowRate    float64
	metrics     string
	sampleEvery time.Duration
	samples     string
}

func main() {
	var o options
	flag.StringVar(&o.base, "base", "http://127.0.0.1:8080", "gateway base URL (loopback only)")
	flag.StringVar(&o.grpcAddr, "grpc", "127.0.0.1:9090", "plan service gRPC address for start-grpc (loopback only)")
	flag.StringVar(&o.scenario, "scenario", "start", "start, start-grpc, exercises or flow")
	flag.IntVar(&o.n, "n", 10000, "requests (flow: people) to send at most")
	flag.IntVar(&o.c, "c", 16, "concurrent workers")
	flag.DurationVar(&o.duration, "duration", 30*time.Second, "stop after this long even if -n is not reached")
	flag.StringVar(&o.token, "token", os.Getenv("TOKEN"), "a person's bearer token (start, exercises)")
	flag.IntVar(&o.warmup, "warmup", 200, "requests sent before measuring")
	flag.BoolVar(&o.jsonOut, "json", false, "print the result as JSON")
	flag.Float64Var(&o.rate, "rate", 0, "open loop: send this many requests per second on a fixed schedule (0: closed loop, each worker sends as fast as it can); latency counts from the scheduled time, so a stalled server cannot hide its queue")
	flag.DurationVar(&o.soak, "soak", 0, "soak for this long instead of one scenario: start open-loop at -rate plus flow at -flow-rate, sampling -metrics (at least 3m)")
	flag.Float64Var(&o.flowRate, "flow-rate", 1, "soak: new people a second going through the whole flow")
	flag.StringVar(&o.metrics, "metrics", "", "soak: comma-separated name=URL of each process's /metrics (default: gateway=BASE/metrics)")
	flag.DurationVar(&o.sampleEvery, "sample-every", 10*time.Second, "soak: time between two /metrics samples")
	flag.StringVar(&o.samples, "samples", "", "soak: write every sample to this CSV file")
	flag.Parse()
	var err error
	if o.soak > 0 {
		err = soak(o)
	} else {
		err = run(o)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func loopback(hostport string) error {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		return err
	}
	ip := net.ParseIP(host)
	if host == "localhost" || (ip != nil && ip.IsLoopback()) {
		return nil
	}
	return fmt.Errorf("%s is not a loopback address; load runs only against this machine", hostport)
}

// Result is what one run measured.
type Result struct {
	Scenario   string  `json:"scenario"`
	Rate       float64 `json:"rate,omitempty"`
	Requests   int     `json:"requests"`
	Errors     int     `json:"errors"`
	Seconds    float64 `json:"seconds"`
	Throughput float64 `json:"throughput_rps"`
	P50ms      float64 `json:"p50_ms"`
	P95ms      float64 `json:"p95_ms"`
	P99ms      float64 `json:"p99_ms"`
	MaxMs      float64 `json:"max_ms"`
	FirstError string  `json:"first_error,omitempty"`
}

// request is one request (flow: one person) of a scenario.
type request func(ctx context.Context, worker, i int) error

func run(o options) error {
	h, err := newHarness(o)
	if err != nil {
		return err
	}
	op, closeOp, err := h.scenario(o.scenario)
	if err != nil {
		return err
	}
	defer closeOp()
	if o.scenario != "flow" && o.warmup > 0 {
		measure(o, min(o.warmup, o.n), time.Minute, op)
	}
	res := measure(o, o.n, o.duration, op)
	res.Scenario = o.scenario
	res.Rate = o.rate
	return report(o, res)
}

func report(o options, res Result) error {
	if o.jsonOut {
		return json.NewEncoder(os.Stdout).Encode(res)
	}
	fmt.Printf("%-10s %7d req  %6d err  %6.1fs  %8.0f req/s  p50 %6.2fms  p95 %6.2fms  p99 %6.2fms  max %7.2fms\n",
		res.Scenario, res.Requests, res.Errors, res.Seconds, res.Throughput, res.P50ms, res.P95ms, res.P99ms, res.MaxMs)
	if res.FirstError != "" {
		fmt.Println("first error:", res.FirstError)
	}
	return nil
}

// scenario prepares what a scenario needs (a person with a plan for start) and returns its
// request, and what to close when done.
func (h *harness) scenario(name string) (request, func(), error) {
	nothing := func() {}
	switch name {
	case "start", "start-grpc":
		token, err := h.personToken("load-" + fmt.Sprint(time.Now().UnixNano()))
		if err != nil {
			return nil, nil, err
		}
		path, err := h.prepareStart(token)
		if err != nil {
			return nil, nil, err
		}
		if name == "start" {
			return func(ctx context.Context, w, _ int) error { return h.post(ctx, w, token, path+":start", "{}", nil) }, nothing, nil
		}
		return h.startGRPC(token, path)
	case "exercises":
		token, err := h.personToken("load-reader")
		if err != nil {
			return nil, nil, err
		}
		return func(ctx context.Context, w, _ int) error { return h.get(ctx, w, token, "/v1/exercises") }, nothing, nil
	case "flow":
		return h.flow, nothing, nil
	}
	return nil, nil, fmt.Errorf("unknown scenario %q", name)
}

// startGRPC calls StartWorkout on the plan service directly, without the gateway.
func (h *harness) startGRPC(token, path string) (request, func(), error) {
	if err := loopback(h.o.grpcAddr); err != nil {
		return nil, nil, err
	}
	cc, err := grpc.NewClient(h.o.grpcAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, nil, err
	}
	plan := planv1.NewPlanServiceClient(cc)
	var req planv1.StartWorkoutRequest
	fmt.Sscanf(strings.ReplaceAll(strings.TrimPrefix(path, "/v1/me/plans/"), "/", " "), "%s weeks %d days %d", &req.PlanId, &req.Week, &req.Day)
	return func(ctx context.Context, _, _ int) error {
		ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token)
		_, err := plan.StartWorkout(ctx, &req)
		return err
	}, func() { cc.Close() }, nil
}

// measure runs op n times over c workers, stopping early at the time cap.
func measure(o options, n int, limit time.Duration, op request) Result {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	if o.rate > 0 {
		return measureOpen(ctx, o, n, op)
	}
	var next atomic.Int64
	var errs atomic.Int64
	var firstErr atomic.Value
	lat := make([][]time.Duration, o.c)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range o.c {
		wg.Go(func() {
			for !capped(ctx) {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				t0 := time.Now()
				err := op(ctx, w, i)
				if capped(ctx) {
					return // the time cap cut this request short: not a server error
				}
				lat[w] = append(lat[w], time.Since(t0))
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
				}
			}
		})
	}
	wg.Wait()
	return summarize(lat, time.Since(start), errs.Load(), &firstErr)
}

// capped reports whether the run's time cap has passed. The context's own cancellation can
// lag its deadline on a busy machine, while gRPC already fails calls past it: without the clock
// check, a worker would count those failures as server errors until the cancellation lands.
func capped(ctx context.Context) bool {
	dl, ok := ctx.Deadline()
	return ctx.Err() != nil || (ok && !time.Now().Before(dl))
}

func summarize(lat [][]time.Duration, elapsed time.Duration, errs int64, firstErr *atomic.Value) Result {
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	slices.Sort(all)
	pct := func(p float64) float64 {
		if len(all) == 0 {
			return 0
		}
		return float64(all[min(len(all)-1, int(p*float64(len(all))))].Microseconds()) / 1000
	}
	r := Result{Requests: len(all), Errors: int(errs), Seconds: elapsed.Seconds(),
		Throughput: float64(len(all)) / elapsed.Seconds(), P50ms: pct(0.50), P95ms: pct(0.95), P99ms: pct(0.99)}
	if len(all) > 0 {
		r.MaxMs = float64(all[len(all)-1].Microseconds()) / 1000
	}
	if v, ok := firstErr.Load().(string); ok {
		r.FirstError = v
	}
	return r
}

// measureOpen sends request i at start + i/rate, whatever happened to the earlier ones, over
// enough workers to keep the schedule; each latency runs from the scheduled send time.
func measureOpen(ctx context.Context, o options, n int, op request) Result {
	type job struct {
		i     int
		sched time.Time
	}
	jobs := make(chan job, o.c)
	var errs atomic.Int64
	var firstErr atomic.Value
	lat := make([][]time.Duration, o.c)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range o.c {
		wg.Go(func() {
			for j := range jobs {
				err := op(ctx, w, j.i)
				if capped(ctx) {
					continue
				}
				lat[w] = append(lat[w], time.Since(j.sched))
				if err != nil {
					errs.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
				}
			}
		})
	}
	interval := time.Duration(float64(time.Second) / o.rate)
schedule:
	for i := range n {
		sched := start.Add(time.Duration(i) * interval)
		if d := time.Until(sched); d > 0 {
			select {
			case <-ctx.Done():
				break schedule
			case <-time.After(d):
			}
		}
		select {
		case jobs <- job{i, sched}:
		case <-ctx.Done():
			break schedule
		}
	}
	close(jobs)
	wg.Wait()
	return summarize(lat, time.Since(start), errs.Load(), &firstErr)
}

type harness struct {
	o options
	// clients are one HTTP client per worker, each keeping one connection. An open-loop
	// schedule hands each send to the longest-waiting worker, so every connection stays in use
	// and the number of open connections is the number of workers all run long: a soak then
	// reads the server's goroutines without the client's connection churn. (One shared pool
	// reuses its newest connections; the rest idle out and are redialled at the next stall.)
	clients []*http.Client
	signer  *auth.HS256 // nil: tokens come from /dev/token
}

func newHarness(o options) (*harness, error) {
	u, err := url.Parse(o.base)
	if err != nil {
		return nil, err
	}
	if err := loopback(u.Host); err != nil {
		return nil, err
	}
	h := &harness{o: o}
	for range o.c + flowWorkers { // a soak's flow workers come after -c's
		h.clients = append(h.clients, &http.Client{
			Transport: &http.Transport{MaxIdleConnsPerHost: 1, MaxConnsPerHost: 1},
			Timeout:   30 * time.Second,
		})
	}
	if secret := os.Getenv("FITCOACH_JWT_SECRET"); secret != "" {
		if h.signer, err = auth.NewHS256([]byte(secret)); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// do sends one request over worker w's connection.
func (h *harness) do(ctx context.Context, w int, method, token, path, body string, out any) error {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, h.o.base+path, rd)
	if err != nil {
		return err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := h.clients[w].Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, bytes.TrimSpace(b))
	}
	if out != nil {
		return json.Unmarshal(b, out)
	}
	return nil
}

func (h *harness) get(ctx context.Context, w int, token, path string) error {
	return h.do(ctx, w, http.MethodGet, token, path, "", nil)
}

func (h *harness) post(ctx context.Context, w int, token, path, body string, out any) error {
	return h.do(ctx, w, http.MethodPost, token, path, body, out)
}

// token returns a person's bearer token: minted with the servers' shared secret when it is
// known, else from `fitcoach dev`'s POST /dev/token.
func (h *harness) token(ctx context.Context, w int, sub string) (string, error) {
	if h.signer != nil {
		return h.signer.Mint(sub, nil, 24*time.Hour)
	}
	var out struct{ Token string }
	if err := h.post(ctx, w, "", "/dev/token", fmt.Sprintf(`{"sub":%q}`, sub), &out); err != nil {
		return "", fmt.Errorf("mint a token (is this fitcoach dev? else set FITCOACH_JWT_SECRET or pass -token): %w", err)
	}
	return out.Token, nil
}

// personToken is -token when given, else a new token for sub.
func (h *harness) personToken(sub string) (string, error) {
	if h.o.token != "" {
		return h.o.token, nil
	}
	return h.token(context.Background(), 0, sub)
}

const profileJSON = `{"goal":"Get stronger and fitter","fitnessLevel":"FITNESS_LEVEL_INTERMEDIATE","equipment":["dumbbell","kettlebell","band","bench"],"daysPerWeek":%d,"durationWeeks":%d,"sessionMinutes":60,"archetype":"ARCHETYPE_PROFESSIONAL","locale":"en"}`

type planResp struct {
	Plan struct {
		ID    string `json:"id"`
		Weeks []struct {
			WeekNumber int `json:"weekNumber"`
			Days       []struct {
				DayNumber int  `json:"dayNumber"`
				IsRestDay bool `json:"isRestDay"`
				Exercises []struct {
					ExerciseSlug string `json:"exerciseSlug"`
				} `json:"exercises"`
			} `json:"days"`
		} `json:"weeks"`
	} `json:"plan"`
}

// prepareStart onboards the person, generates a plan and returns the path of its day with the
// most exercises (6 with this profile), the day the target is measured on.
func (h *harness) prepareStart(token string) (string, error) {
	ctx := context.Background()
	if err := h.do(ctx, 0, http.MethodPut, token, "/v1/me/profile", fmt.Sprintf(profileJSON, 4, 4), nil); err != nil {
		return "", err
	}
	var p planResp
	if err := h.post(ctx, 0, token, "/v1/me/plans", "{}", &p); err != nil {
		return "", err
	}
	best, week, day := -1, 0, 0
	for _, w := range p.Plan.Weeks {
		for _, d := range w.Days {
			if n := len(d.Exercises); !d.IsRestDay && n > best && n <= 6 {
				best, week, day = n, w.WeekNumber, d.DayNumber
			}
		}
	}
	if best < 0 {
		return "", fmt.Errorf("plan %s has no training day", p.Plan.ID)
	}
	fmt.Fprintf(os.Stderr, "load: measuring plan %s week %d day %d (%d exercises)\n", p.Plan.ID, week, day, best)
	return fmt.Sprintf("/v1/me/plans/%s/weeks/%d/days/%d", p.Plan.ID, week, day), nil
}

// flow is one new person's whole journey.
func (h *harness) flow(ctx context.Context, worker, i int) error {
	token, err := h.token(ctx, worker, fmt.Sprintf("flow-%d-%d-%d", time.Now().UnixNano()%1e9, worker, i))
	if err != nil {
		return err
	}
	if err := h.do(ctx, worker, http.MethodPut, token, "/v1/me/profile", fmt.Sprintf(profileJSON, 3+i%3, 4+i%9), nil); err != nil {
		return err
	}
	var p planResp
	if err := h.post(ctx, worker, token, "/v1/me/plans", fmt.Sprintf(`{"requestId":"flow-%d"}`, i), &p); err != nil {
		return err
	}
	for _, d := range p.Plan.Weeks[0].Days {
		if d.IsRestDay {
			continue
		}
		path := fmt.Sprintf("/v1/me/plans/%s/weeks/1/days/%d", p.Plan.ID, d.DayNumber)
		if err := h.post(ctx, worker, token, path+":start", "{}", nil); err != nil {
			return err
		}
		return h.post(ctx, worker, token, path+":complete", `{"perceivedEffort":6,"notes":"load"}`, nil)
	}
	return nil
}

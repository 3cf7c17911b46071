// Package llmtest is a scripted, OpenAI-compatible chat completions server on loopback for
// tests and the time-to-plan benchmark. Each request takes the next Step of its script (the
// last step repeats), answers it streamed or not as asked, and paces the streamed tokens at
// a set speed so that generation time can be measured without the network. Every request
// body is recorded so tests can assert what the model was sent.
package llmtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// Step scripts one answer.
type Step struct {
	// Status, when not 0 or 200, answers with this HTTP error (and RetryAfter as Retry-After).
	Status     int
	RetryAfter string
	// Content is the assistant's text; Refusal a refusal instead.
	Content string
	Refusal string
	// FinishReason defaults to "stop".
	FinishReason string
	// Delay waits before the first byte.
	Delay time.Duration
	// TokensPerSecond paces a streamed answer (a token is about four bytes); 0 sends at once.
	TokensPerSecond float64
	// Respond, when set, computes the step from the request instead.
	Respond func(Request) Step
}

// Request is a recorded request body.
type Request struct {
	Model    string `json:"model"`
	Stream   bool   `json:"stream"`
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
	ResponseFormat struct {
		Type       string `json:"type"`
		JSONSchema struct {
			Name   string          `json:"name"`
			Strict bool            `json:"strict"`
			Schema json.RawMessage `json:"schema"`
		} `json:"json_schema"`
	} `json:"response_format"`
	MaxCompletionTokens int64 `json:"max_completion_tokens"`
	// Raw is the whole body.
	Raw json.RawMessage `json:"-"`
}

// Server is a running scripted server; close it when done.
type Server struct {
	*httptest.Server

	mu       sync.Mutex
	script   []Step
	next     int
	requests []Request
}

// New starts a server answering with steps in order, repeating the last.
func New(steps ...Step) *Server {
	s := &Server{script: steps}
	s.Server = httptest.NewServer(http.HandlerFunc(s.handle))
	return s
}

// BaseURL is the OPENAI_BASE_URL pointing at the server.
func (s *Server) BaseURL() string { return s.URL + "/v1" }

// Requests returns the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// EstimateTokens is the server's token count for text: one per four bytes, at least one.
func EstimateTokens(text string) int { return max(1, (len(text)+3)/4) }

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/chat/completions" || r.Method != http.MethodPost {
		http.NotFound(w, r)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var req Request
	if err := json.Unmarshal(body, &req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	req.Raw = body
	s.mu.Lock()
	s.requests = append(s.requests, req)
	step := Step{Status: http.StatusInternalServerError}
	if len(s.script) > 0 {
		step = s.script[min(s.next, len(s.script)-1)]
		s.next++
	}
	s.mu.Unlock()
	if step.Respond != nil {
		step = step.Respond(req)
	}

	if step.Delay > 0 {
		select {
		case <-time.After(step.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if step.Status != 0 && step.Status != http.StatusOK {
		if step.RetryAfter != "" {
			w.Header().Set("Retry-After", step.RetryAfter)
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(step.Status)
		fmt.Fprintf(w, `{"error":{"message":"scripted status %d","type":"scripted","code":null}}`, step.Status)
		return
	}
	finish := step.FinishReason
	if finish == "" {
		finish = "stop"
	}
	promptTokens := EstimateTokens(string(body))
	completionTokens := EstimateTokens(step.Content + step.Refusal)
	usage := map[string]int{"prompt_tokens": promptTokens, "completion_tokens": completionTokens, "total_tokens": promptTokens + completionTokens}
	if !req.Stream {
		s.whole(w, r, req, step, finish, usage)
		return
	}
	s.stream(w, r, req, step, finish, usage)
}

func (s *Server) whole(w http.ResponseWriter, r *http.Request, req Request, step Step, finish string, usage map[string]int) {
	if step.TokensPerSecond > 0 {
		d := time.Duration(float64(usage["completion_tokens"]) / step.TokensPerSecond * float64(time.Second))
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			return
		}
	}
	msg := map[string]any{"role": "assistant", "content": step.Content}
	if step.Refusal != "" {
		msg = map[string]any{"role": "assistant", "content": nil, "refusal": step.Refusal}
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-scripted", "object": "chat.completion", "created": time.Now().Unix(), "model": req.Model,
		"choices": []any{map[string]any{"index": 0, "message": msg, "finish_reason": finish}},
		"usage":   usage,
	})
}

func (s *Server) stream(w http.ResponseWriter, r *http.Request, req Request, step Step, finish string, usage map[string]int) {
	flusher, _ := w.(http.Flusher)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	send := func(delta map[string]any, finishReason any, u any) bool {
		chunk := map[string]any{
			"id": "chatcmpl-scripted", "object": "chat.completion.chunk", "created": time.Now().Unix(), "model": req.Model,
			"choices": []any{},
		}
		if delta != nil {
			chunk["choices"] = []any{map[string]any{"index": 0, "delta": delta, "finish_reason": finishReason}}
		}
		if u != nil {
			chunk["usage"] = u
		}
		b, _ := json.Marshal(chunk)
		if _, err := fmt.Fprintf(w, "data: %s\n\n", b); err != nil {
			return false
		}
		if flusher != nil {
			flusher.Flush()
		}
		return r.Context().Err() == nil
	}
	if !send(map[string]any{"role": "assistant", "content": ""}, nil, nil) {
		return
	}
	field, text := "content", step.Content
	if step.Refusal != "" {
		field, text = "refusal", step.Refusal
	}
	start := time.Now()
	for i := 0; i < len(text); {
		n := 4
		if step.TokensPerSecond > 0 {
			// Send whatever tokens are due by now in one chunk, then sleep until the next one.
			due := int(time.Since(start).Seconds()*step.TokensPerSecond) + 1
			n = max(4, due*4-i)
		}
		j := min(len(text), i+n)
		for j < len(text) && !utf8Start(text[j]) {
			j++
		}
		if !send(map[string]any{field: text[i:j]}, nil, nil) {
			return
		}
		i = j
		if step.TokensPerSecond > 0 && i < len(text) {
			next := start.Add(time.Duration(float64(i/4+1) / step.TokensPerSecond * float64(time.Second)))
			select {
			case <-time.After(time.Until(next)):
			case <-r.Context().Done():
				return
			}
		}
	}
	if !send(map[string]any{}, finish, nil) {
		return
	}
	_ = send(nil, nil, usage)
	_, _ = io.WriteString(w, "data: [DONE]\n\n")
	if flusher != nil {
		flusher.Flush()
	}
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// Package llm asks an OpenAI-compatible chat completions API for structured JSON. It streams
// the answer (a long answer never idles a connection into a proxy timeout, and a runaway one
// is cut at MaxResponseBytes), retries 429 and 5xx with backoff inside the caller's deadline,
// and turns the ways an answer can fail into errors the caller can tell apart: refusal,
// truncation, rate limiting, upstream failure.
package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	"github.com/openai/openai-go/v3/shared"
)

// Errors a completion ends with; match them with errors.Is.
var (
	// ErrRefusal means the model declined to answer.
	ErrRefusal = errors.New("llm: the model refused")
	// ErrTruncated means the answer hit the output token limit (finish_reason=length) or
	// MaxResponseBytes.
	ErrTruncated = errors.New("llm: the answer was truncated")
	// ErrRateLimited means the API kept answering 429 after the retries.
	ErrRateLimited = errors.New("llm: rate limited")
	// ErrUpstream means the API kept failing (5xx, network) after the retries, or answered
	// with another error status.
	ErrUpstream = errors.New("llm: upstream error")
)

// MaxResponseBytes caps the answer read from the stream.
const MaxResponseBytes = 512 << 10

// Config configures a Client.
type Config struct {
	APIKey string
	// BaseURL of an OpenAI-compatible API, e.g. "https://api.openai.com/v1"; empty for OpenAI.
	BaseURL string
	// MaxRetries of a request answered 429 or 5xx; the caller's deadline bounds them too.
	MaxRetries int
	// BaseBackoff is the first retry's wait, doubled per retry (with jitter); default 250ms.
	BaseBackoff time.Duration
	// HTTPClient overrides the transport, e.g. in tests.
	HTTPClient *http.Client
}

// Client calls the chat completions API.
type Client struct {
	c   openai.Client
	cfg Config
}

// New builds a Client.
func New(cfg Config) *Client {
	if cfg.BaseBackoff <= 0 {
		cfg.BaseBackoff = 250 * time.Millisecond
	}
	opts := []option.RequestOption{
		option.WithAPIKey(cfg.APIKey),
		// Retries are ours: they are counted, bounded by the generation deadline and reported.
		option.WithMaxRetries(0),
	}
	if cfg.BaseURL != "" {
		opts = append(opts, option.WithBaseURL(cfg.BaseURL))
	}
	if cfg.HTTPClient != nil {
		opts = append(opts, option.WithHTTPClient(cfg.HTTPClient))
	}
	return &Client{c: openai.NewClient(opts...), cfg: cfg}
}

// Role is who wrote a message.
type Role string

// Roles of a conversation.
const (
	System    Role = "system"
	User      Role = "user"
	Assistant Role = "assistant"
)

// Message is one turn of the conversation.
type Message struct {
	Role    Role
	Content string
}

// Request is one structured-output completion.
type Request struct {
	Model    string
	Messages []Message
	// SchemaName names the response format; Schema is its strict JSON Schema.
	SchemaName string
	Schema     json.RawMessage
	// MaxOutputTokens caps the answer; 0 leaves the API's default.
	MaxOutputTokens int64
	// Seed asks for reproducible sampling where the API supports it.
	Seed int64
}

// Usage counts the tokens of a completion.
type Usage struct {
	PromptTokens, CompletionTokens, TotalTokens int64
}

// Add returns the sum of two usages.
func (u Usage) Add(o Usage) Usage {
	return Usage{u.PromptTokens + o.PromptTokens, u.CompletionTokens + o.CompletionTokens, u.TotalTokens + o.TotalTokens}
}

// Response is a completed answer.
type Response struct {
	Content      string
	FinishReason string
	Usage        Usage
	// Retries counts requests repeated after a 429 or 5xx.
	Retries int
	// Status is the last HTTP error status retried, 0 when none was.
	Status int
}

// Complete asks for one structured answer. On error the Response still carries the usage and
// retries spent, and the partial content of a truncated answer.
func (c *Client) Complete(ctx context.Context, req Request) (*Response, error) {
	params := c.params(req)
	out := &Response{}
	for attempt := 0; ; attempt++ {
		err := c.stream(ctx, params, out)
		if err == nil {
			return out, nil
		}
		status, retryAfter := httpStatus(err)
		retryable := status == http.StatusTooManyRequests || status >= 500 || (status == 0 && !isContextErr(ctx, err) && !errors.Is(err, ErrRefusal) && !errors.Is(err, ErrTruncated))
		if !retryable {
			return out, classify(status, err)
		}
		out.Status = status
		if attempt >= c.cfg.MaxRetries {
			return out, classify(status, err)
		}
		wait := c.backoff(attempt, retryAfter)
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			// Waiting would outlive the deadline: report the failure now so the caller can
			// fall back while it still has time.
			return out, classify(status, err)
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return out, ctx.Err()
		}
		out.Retries++
		out.Content, out.FinishReason = "", ""
	}
}

func (c *Client) params(req Request) openai.ChatCompletionNewParams {
	msgs := make([]openai.ChatCompletionMessageParamUnion, 0, len(req.Messages))
	for _, m := range req.Messages {
		switch m.Role {
		case System:
			msgs = append(msgs, openai.SystemMessage(m.Content))
		case Assistant:
			msgs = append(msgs, openai.AssistantMessage(m.Content))
		default:
			msgs = append(msgs, openai.UserMessage(m.Content))
		}
	}
	p := openai.ChatCompletionNewParams{
		Model:         req.Model,
		Messages:      msgs,
		StreamOptions: openai.ChatCompletionStreamOptionsParam{IncludeUsage: openai.Bool(true)},
	}
	if len(req.Schema) > 0 {
		p.ResponseFormat = openai.ChatCompletionNewParamsResponseFormatUnion{OfJSONSchema: &shared.ResponseFormatJSONSchemaParam{
			JSONSchema: shared.ResponseFormatJSONSchemaJSONSchemaParam{
				Name:   req.SchemaName,
				Strict: openai.Bool(true),
				Schema: req.Schema,
			},
		}}
	}
	if req.MaxOutputTokens > 0 {
		p.MaxCompletionTokens = openai.Int(req.MaxOutputTokens)
	}
	if req.Seed != 0 {
		p.Seed = openai.Int(req.Seed)
	}
	return p
}

// stream runs one streamed request, accumulating into out.
func (c *Client) stream(ctx context.Context, params openai.ChatCompletionNewParams, out *Response) error {
	s := c.c.Chat.Completions.NewStreaming(ctx, params)
	defer s.Close()
	var content, refusal strings.Builder
	for s.Next() {
		chunk := s.Current()
		if chunk.Usage.TotalTokens > 0 || chunk.Usage.CompletionTokens > 0 {
			out.Usage = out.Usage.Add(Usage{chunk.Usage.PromptTokens, chunk.Usage.CompletionTokens, chunk.Usage.TotalTokens})
		}
		for _, ch := range chunk.Choices {
			if ch.Index != 0 {
				continue
			}
			content.WriteString(ch.Delta.Content)
			refusal.WriteString(ch.Delta.Refusal)
			if ch.FinishReason != "" {
				out.FinishReason = ch.FinishReason
			}
		}
		if content.Len() > MaxResponseBytes {
			out.Content = content.String()
			return fmt.Errorf("%w: more than %d bytes", ErrTruncated, MaxResponseBytes)
		}
	}
	out.Content = content.String()
	if err := s.Err(); err != nil {
		return err
	}
	switch {
	case refusal.Len() > 0:
		return fmt.Errorf("%w: %s", ErrRefusal, truncate(refusal.String(), 200))
	case out.FinishReason == "length":
		return fmt.Errorf("%w: finish_reason=length", ErrTruncated)
	case out.FinishReason == "content_filter":
		return fmt.Errorf("%w: finish_reason=content_filter", ErrRefusal)
	}
	return nil
}

func (c *Client) backoff(attempt int, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		return min(retryAfter, 10*time.Second)
	}
	d := c.cfg.BaseBackoff << attempt
	// ±20% jitter so that many generations throttled at once do not retry in lockstep.
	return time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
}

// httpStatus returns the HTTP status of an API error (0 for other errors) and its Retry-After.
func httpStatus(err error) (int, time.Duration) {
	var apiErr *openai.Error
	if !errors.As(err, &apiErr) {
		return 0, 0
	}
	var ra time.Duration
	if apiErr.Response != nil {
		if s := apiErr.Response.Header.Get("Retry-After"); s != "" {
			if n, perr := strconv.ParseFloat(s, 64); perr == nil && n >= 0 {
				ra = time.Duration(n * float64(time.Second))
			}
		}
	}
	return apiErr.StatusCode, ra
}

func classify(status int, err error) error {
	switch {
	case errors.Is(err, ErrRefusal), errors.Is(err, ErrTruncated), errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return err
	case status == http.StatusTooManyRequests:
		return fmt.Errorf("%w: %v", ErrRateLimited, err)
	default:
		return fmt.Errorf("%w: %v", ErrUpstream, err)
	}
}

func isContextErr(ctx context.Context, err error) bool {
	return ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

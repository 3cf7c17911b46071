package llm

import (
	"context"
	"errors"
	"fmt"
)

// Completer is one structured completion; *Client implements it.
type Completer interface {
	Complete(ctx context.Context, req Request) (*Response, error)
}

// Checked is an answer's check: Accept turns an answer into its value or the problems that
// keep it from being one; Fix writes the message that sends the problems back; Rejected, when
// set, hears of every rejected answer (attempt counts from 1), for logs.
type Checked[T any, P fmt.Stringer] struct {
	Accept       func(content string) (T, []P)
	Fix          func(problems []P) (string, error)
	Rejected     func(attempt int, problems []P)
	MaxReprompts int
}

// Ask asks for req's answer until one is accepted: a rejected answer is sent back with its
// problems, at most MaxReprompts times. Every writer of structured text (adaptations,
// reports) shares this loop so that they reprompt the same way. The error of a completion
// ends the loop at once, as does the last rejected answer, named by its first problem.
func Ask[T any, P fmt.Stringer](ctx context.Context, c Completer, req Request, chk Checked[T, P]) (T, error) {
	var zero T
	if c == nil || chk.Accept == nil || chk.Fix == nil {
		return zero, errors.New("llm: Ask needs a completer, Accept and Fix")
	}
	req.Messages = append([]Message(nil), req.Messages...)
	for attempt := 1; ; attempt++ {
		resp, err := c.Complete(ctx, req)
		if err != nil {
			return zero, err
		}
		v, ps := chk.Accept(resp.Content)
		if len(ps) == 0 {
			return v, nil
		}
		if chk.Rejected != nil {
			chk.Rejected(attempt, ps)
		}
		if attempt > chk.MaxReprompts {
			return zero, fmt.Errorf("the answer still breaks %d rules after %d attempts (first: %s)", len(ps), attempt, ps[0].String())
		}
		fix, err := chk.Fix(ps)
		if err != nil {
			return zero, err
		}
		req.Messages = append(req.Messages, Message{Role: Assistant, Content: resp.Content}, Message{Role: User, Content: fix})
	}
}

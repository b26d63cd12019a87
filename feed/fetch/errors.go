package fetch

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"nyss/feed/sanitize"
)

// tooLargeError is a body longer than the request's cap. The body is
// dropped: a truncated page or feed is never returned as a success.
type tooLargeError struct {
	URL   string
	Limit int64
}

func (e *tooLargeError) Error() string {
	return sanitize.Line(fmt.Sprintf("%s is larger than the %s limit", briefURL(e.URL), size(e.Limit)))
}

// StatusError is a final answer that is neither 2xx nor 304, after any
// retries.
type StatusError struct {
	URL  string
	Code int

	retryAfter time.Duration // the server's Retry-After; -1 when absent
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("%s: the server answered %d", briefURL(e.URL), e.Code)
	if text := http.StatusText(e.Code); text != "" {
		msg += " " + strings.ToLower(text)
	}
	return sanitize.Line(msg)
}

// BudgetError is a fetch that used up its whole budget (Options.FeedBudget
// or PageBudget), every attempt and wait included: a server that never
// answered, or one that sent so slowly that the body never ended.
type BudgetError struct {
	URL      string
	Budget   time.Duration
	Received int64 // body bytes that came, over every attempt
}

func (e *BudgetError) Error() string {
	if e.Received == 0 {
		return sanitize.Line(fmt.Sprintf("%s: no answer in %s", briefURL(e.URL), spoken(e.Budget)))
	}
	return sanitize.Line(fmt.Sprintf("%s: the server sent %s in %s and stopped", briefURL(e.URL), amount(e.Received), spoken(e.Budget)))
}

// Timeout makes a BudgetError a net.Error-style timeout.
func (e *BudgetError) Timeout() bool { return true }

// Is lets errors.Is(err, context.DeadlineExceeded) find it.
func (e *BudgetError) Is(target error) bool { return target == context.DeadlineExceeded }

// BusyError is a 429 or 503 whose Retry-After asks for a longer wait than
// the fetch may take. Nothing was waited: Until says when to come back.
type BusyError struct {
	URL   string
	Code  int
	Wait  time.Duration
	Until time.Time
}

func (e *BusyError) Error() string {
	at := e.Until.Local()
	when := at.Format("15:04")
	if e.Wait < time.Minute {
		when = at.Format("15:04:05")
	}
	if e.Wait >= 20*time.Hour {
		when = at.Format("2006-01-02 15:04")
	}
	return sanitize.Line(fmt.Sprintf("%s is busy (%d) and asks to wait %s: try again after %s",
		e.URL, e.Code, waitWords(e.Wait), when))
}

// waitWords is a wait as a person says it: "40 seconds", "2 minutes",
// "3 hours".
func waitWords(d time.Duration) string {
	unit := func(n int64, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	switch {
	case d < time.Minute:
		return unit(int64((d+time.Second-1)/time.Second), "second", "seconds")
	case d < 2*time.Hour:
		return unit(int64((d+time.Minute-1)/time.Minute), "minute", "minutes")
	}
	return unit(int64((d+time.Hour-1)/time.Hour), "hour", "hours")
}

// amount is a byte count that came, rounded: "3 KB".
func amount(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return fmt.Sprintf("%d KB", (n+1<<9)>>10)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// spoken is a duration as the README states the limits: "45 s"; a
// fraction of a second (only tests set one) as Go writes it.
func spoken(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("%d s", d/time.Second)
	}
	return d.String()
}

// redirectError is a redirect chain that was not followed to its end:
// longer than the limit (Limit is set), or leading to a scheme other than
// http and https (Scheme is set).
type redirectError struct {
	URL    string // the address that was asked for
	Limit  int
	Scheme string
}

func (e *redirectError) Error() string {
	if e.Scheme != "" {
		return sanitize.Line(fmt.Sprintf("%s: refused a redirect to a %s: address (only http and https are followed)", briefURL(e.URL), e.Scheme))
	}
	return sanitize.Line(fmt.Sprintf("%s: stopped after %d redirects", briefURL(e.URL), e.Limit))
}

// timeoutError is an attempt that ran out of time: the whole request
// (RequestTimeout) or, with Connecting set, the dial or TLS handshake
// (ConnectTimeout). It matches context.DeadlineExceeded with errors.Is.
type timeoutError struct {
	URL        string
	After      time.Duration
	Connecting bool
}

func (e *timeoutError) Error() string {
	msg := fmt.Sprintf("%s: timed out after %s", briefURL(e.URL), e.After)
	if e.Connecting {
		msg += " while connecting"
	}
	return sanitize.Line(msg)
}

// Timeout makes a timeoutError a net.Error-style timeout.
func (e *timeoutError) Timeout() bool { return true }

// Is lets errors.Is(err, context.DeadlineExceeded) find a timeout.
func (e *timeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// requestError is any other failure: a refused or dropped connection, a
// body cut short, a cancelled context, an address that is not http or
// https. Err is the cause, for errors.Is and errors.As.
type requestError struct {
	URL string
	Err error

	retry bool // a connection error before any response: worth another try
}

func (e *requestError) Error() string {
	return sanitize.Line(briefURL(e.URL) + ": " + e.Err.Error())
}

func (e *requestError) Unwrap() error { return e.Err }

// briefURL is the address as a person would say it: without the scheme,
// and shortened when long, so an error stays one readable line.
func briefURL(raw string) string {
	const maxRunes = 60
	s := sanitize.Line(raw)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+len("://"):]
	}
	if r := []rune(s); len(r) > maxRunes {
		s = string(r[:maxRunes-1]) + "…"
	}
	return s
}

// size writes a byte count the way the caps are spoken of: "5 MB".
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

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

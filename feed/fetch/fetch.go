// Package fetch is the one HTTP client nyss uses, for feeds and for article
// pages alike.
//
// Every read it makes is bounded: a connect timeout, a timeout for the whole
// request including the body, a cap on the (decompressed) body, a limit on
// redirects and on requests in flight to one host. It names the program in
// the User-Agent, sends conditional-GET validators, and retries what is worth
// retrying (timeouts, dropped connections, 429 and 5xx) with backoff — all
// inside one budget per fetch, so that a person waits half a minute at most,
// not three timeouts and their backoff.
//
// Failures come back as typed errors whose messages fit on one line and name
// the address briefly, so the command line can print them as they are.
package fetch

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"nyss/feed/sanitize"
)

// Body caps for Request.MaxBytes.
const (
	FeedCap = 10 << 20 // 10 MB
	PageCap = 5 << 20  // 5 MB

	// defaultPageCap is the cap used when Request.MaxBytes is 0.
	defaultPageCap = PageCap
)

// Options tune a Client. Zero fields take the defaults shown.
type Options struct {
	ConnectTimeout time.Duration     // default 10s: dial + TLS handshake
	RequestTimeout time.Duration     // default 30s: the whole request, body included, per attempt
	MaxRedirects   int               // default 10; negative: follow none
	PerHost        int               // default 4: requests in flight at once per host
	Retries        int               // default 2: extra attempts on timeout, 429 and 5xx; negative: none
	Backoff        time.Duration     // default 500ms: first backoff, doubling, with jitter
	MaxRetryAfter  time.Duration     // default 30s: the longest Retry-After waited out (a longer one fails at once, as *BusyError); also caps the backoff
	FeedBudget     time.Duration     // default 45s: a feed's whole fetch, every attempt and wait included
	PageBudget     time.Duration     // default 20s: the same for an article page
	Transport      http.RoundTripper // nil: a tuned *http.Transport; tests pass their own
	Version        string            // default "dev": the program's version, in the User-Agent
}

func (o Options) withDefaults() Options {
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = 10 * time.Second
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = 30 * time.Second
	}
	switch {
	case o.MaxRedirects == 0:
		o.MaxRedirects = 10
	case o.MaxRedirects < 0:
		o.MaxRedirects = 0
	}
	if o.PerHost <= 0 {
		o.PerHost = 4
	}
	switch {
	case o.Retries == 0:
		o.Retries = 2
	case o.Retries < 0:
		o.Retries = 0
	}
	if o.Backoff <= 0 {
		o.Backoff = 500 * time.Millisecond
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = 30 * time.Second
	}
	if o.FeedBudget <= 0 {
		o.FeedBudget = 45 * time.Second
	}
	if o.PageBudget <= 0 {
		o.PageBudget = 20 * time.Second
	}
	if o.Version == "" {
		o.Version = "dev"
	}
	return o
}

// Client fetches URLs. One Client is meant to be shared by the whole
// program, so that its connection pool and per-host limits are shared too.
// It is safe for concurrent use.
type Client struct {
	opts Options
	http *http.Client
}

// New returns a Client with o's settings, defaults filled in.
func New(o Options) *Client {
	o = o.withDefaults()
	transport := o.Transport
	if transport == nil {
		transport = newTransport(o)
	}
	c := &Client{opts: o}
	c.http = &http.Client{
		// No Client.Timeout: each attempt has its own context deadline, which
		// also covers the body read and tells a timeout apart from a cancel.
		Transport:     &hostLimiter{next: transport, perHost: o.PerHost},
		CheckRedirect: c.checkRedirect,
	}
	return c
}

// newTransport is the tuned transport used when the caller brings none. It
// leaves DisableCompression off: the transport then asks for gzip itself and
// transparently decompresses, so the body cap counts decompressed bytes.
func newTransport(o Options) *http.Transport {
	dialer := &net.Dialer{Timeout: o.ConnectTimeout, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:                  http.ProxyFromEnvironment,
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    o.ConnectTimeout,
		MaxIdleConns:           100,
		MaxIdleConnsPerHost:    o.PerHost,
		IdleConnTimeout:        90 * time.Second,
		ExpectContinueTimeout:  time.Second,
		MaxResponseHeaderBytes: 1 << 20,
	}
}

func (c *Client) userAgent() string {
	return "nyss/" + c.opts.Version + " (+terminal news reader)"
}

// checkRedirect bounds the chain and keeps it on the web. It also sets the
// User-Agent again, so that no hop goes out without it.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	// via holds the requests already made, so len(via) is the number of the
	// redirect now being considered.
	if len(via) > c.opts.MaxRedirects {
		return &redirectError{URL: via[0].URL.String(), Limit: c.opts.MaxRedirects}
	}
	if s := strings.ToLower(req.URL.Scheme); s != "http" && s != "https" {
		return &redirectError{URL: via[0].URL.String(), Scheme: req.URL.Scheme}
	}
	req.Header.Set("User-Agent", c.userAgent())
	return nil
}

// Request is one GET.
type Request struct {
	URL          string
	ETag         string // sent as If-None-Match when set
	LastModified string // sent as If-Modified-Since when set
	MaxBytes     int64  // body cap; 0 means PageCap
	Accept       string // optional Accept header
	Feed         bool   // a feed rather than a page: Options.FeedBudget applies, not PageBudget
}

// Response is a successful GET: a 2xx with its whole body, or a 304.
// Its strings are sanitized; Body is the raw bytes as served.
type Response struct {
	URL          string // final URL after redirects
	Status       int
	NotModified  bool   // 304: caller keeps its cache; this is a success
	Body         []byte // complete, decompressed body (nil on 304)
	ContentType  string
	ETag         string
	LastModified string
}

// Get fetches r.URL, retrying timeouts, dropped connections, 429 and 5xx
// answers up to Options.Retries times, all within one budget (FeedBudget or
// PageBudget): a person waits for a fetch as a whole, not per attempt. It
// returns either a complete body or an error, never a truncated body.
func (c *Client) Get(ctx context.Context, r Request) (*Response, error) {
	u, err := url.Parse(r.URL)
	if err != nil {
		return nil, &requestError{URL: r.URL, Err: errors.New("not a valid URL")}
	}
	if s := strings.ToLower(u.Scheme); (s != "http" && s != "https") || u.Host == "" {
		return nil, &requestError{URL: r.URL, Err: errors.New("not an http or https URL")}
	}
	if r.MaxBytes <= 0 {
		r.MaxBytes = defaultPageCap
	}
	b := &budget{total: c.opts.PageBudget}
	if r.Feed {
		b.total = c.opts.FeedBudget
	}
	b.deadline = time.Now().Add(b.total)
	for attempt := 0; ; attempt++ {
		resp, err := c.attempt(ctx, r, b)
		if err == nil {
			return resp, nil
		}
		wait, retry := c.retryWait(err, attempt)
		if !retry || attempt >= c.opts.Retries || ctx.Err() != nil {
			return nil, err
		}
		var statusErr *StatusError
		if errors.As(err, &statusErr) && statusErr.retryAfter >= 0 &&
			(wait > c.opts.MaxRetryAfter || !b.allows(wait, c.opts.RequestTimeout)) {
			// The server said how long to stay away, and it is longer than
			// this fetch may take: say when to come back, now.
			return nil, &BusyError{URL: r.URL, Code: statusErr.Code, Wait: wait, Until: time.Now().Add(wait)}
		}
		if !b.allows(wait, c.opts.RequestTimeout) {
			return nil, err // no time left for another try to finish
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, &requestError{URL: r.URL, Err: err}
		}
	}
}

// budget is what one Get may spend, over all its attempts and waits, and
// what the server sent in that time.
type budget struct {
	total    time.Duration
	deadline time.Time
	received int64 // body bytes, over every attempt
}

// allows says whether waiting d and then trying again can still finish in
// time: the try needs a tenth of a request's timeout at least.
func (b *budget) allows(d, requestTimeout time.Duration) bool {
	return time.Now().Add(d + requestTimeout/10).Before(b.deadline)
}

// attempt makes one request and reads its body, all within RequestTimeout
// and what is left of the budget.
func (c *Client) attempt(ctx context.Context, r Request, b *budget) (*Response, error) {
	deadline := time.Now().Add(c.opts.RequestTimeout)
	lastTry := !deadline.Before(b.deadline) // the budget ends this attempt
	if lastTry {
		deadline = b.deadline
	}
	actx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	fail := func(err error) error {
		if lastTry && ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
			return &BudgetError{URL: r.URL, Budget: b.total, Received: b.received}
		}
		return c.failure(ctx, actx, r.URL, err)
	}

	req, err := http.NewRequestWithContext(actx, http.MethodGet, r.URL, nil)
	if err != nil {
		return nil, &requestError{URL: r.URL, Err: err}
	}
	req.Header.Set("User-Agent", c.userAgent())
	if r.Accept != "" {
		req.Header.Set("Accept", r.Accept)
	}
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}

	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fail(err)
	}
	defer closeBody(resp.Body)

	switch {
	case resp.StatusCode == http.StatusNotModified:
		out := newResponse(resp)
		out.NotModified = true
		// A server may leave the validators out of a 304; the ones the
		// caller holds are still the right ones.
		if out.ETag == "" {
			out.ETag = r.ETag
		}
		if out.LastModified == "" {
			out.LastModified = r.LastModified
		}
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, &StatusError{URL: r.URL, Code: resp.StatusCode, retryAfter: parseRetryAfter(resp.Header.Get("Retry-After"))}
	}

	// A declared length over the cap needs no reading to refuse.
	if resp.ContentLength > r.MaxBytes {
		return nil, &tooLargeError{URL: r.URL, Limit: r.MaxBytes}
	}
	// One byte more than the cap tells "exactly the cap" from "too large".
	body, err := io.ReadAll(io.LimitReader(&counter{r: resp.Body, n: &b.received}, r.MaxBytes+1))
	if err != nil {
		return nil, fail(err)
	}
	if int64(len(body)) > r.MaxBytes {
		return nil, &tooLargeError{URL: r.URL, Limit: r.MaxBytes}
	}
	out := newResponse(resp)
	out.Body = body
	return out, nil
}

// newResponse copies what the caller needs from resp, sanitized.
func newResponse(resp *http.Response) *Response {
	return &Response{
		URL:          sanitize.URL(resp.Request.URL.String()),
		Status:       resp.StatusCode,
		ContentType:  sanitize.Line(resp.Header.Get("Content-Type")),
		ETag:         sanitize.Line(resp.Header.Get("ETag")),
		LastModified: sanitize.Line(resp.Header.Get("Last-Modified")),
	}
}

// closeBody reads a little of what is left, so that the connection can be
// reused, then closes. A large remainder is not worth reading.
func closeBody(body io.ReadCloser) {
	io.CopyN(io.Discard, body, 4<<10)
	body.Close()
}

// counter adds what is read through it to *n.
type counter struct {
	r io.Reader
	n *int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	*c.n += int64(n)
	return n, err
}

// failure turns an error from the transport or from the body read into one
// of this package's errors. A connection error is worth retrying before a
// response as well as during its body: a connection dropped mid-body is
// tried again (within the budget), and the part that came is thrown away.
func (c *Client) failure(ctx, actx context.Context, rawURL string, err error) error {
	switch {
	case ctx.Err() != nil:
		// The caller gave up: say so, whatever the transport made of it.
		return &requestError{URL: rawURL, Err: ctx.Err()}
	case errors.Is(actx.Err(), context.DeadlineExceeded):
		return &timeoutError{URL: rawURL, After: c.opts.RequestTimeout}
	}
	var redirect *redirectError
	if errors.As(err, &redirect) {
		return redirect
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		// Only the dialer and the TLS handshake have timeouts of their own.
		return &timeoutError{URL: rawURL, After: c.opts.ConnectTimeout, Connecting: true}
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err // its message repeats the whole URL
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = fmt.Errorf("connection closed before the whole body arrived: %w", err)
	}
	return &requestError{URL: rawURL, Err: err, retry: worthRetrying(err)}
}

// worthRetrying reports whether a connection error might go away by itself.
// A name that does not exist or a certificate that does not verify will not.
func worthRetrying(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false
	}
	var certErr *tls.CertificateVerificationError
	if errors.As(err, &certErr) {
		return false
	}
	var recordErr tls.RecordHeaderError
	return !errors.As(err, &recordErr)
}

// retryWait says whether err is worth another attempt and how long to wait
// first: the server's Retry-After when it gave one, else exponential backoff.
func (c *Client) retryWait(err error, attempt int) (time.Duration, bool) {
	var (
		statusErr  *StatusError
		timeoutErr *timeoutError
		plainErr   *requestError
	)
	switch {
	case errors.As(err, &statusErr):
		if statusErr.Code != http.StatusTooManyRequests && statusErr.Code < 500 {
			return 0, false
		}
		if statusErr.retryAfter > c.opts.MaxRetryAfter {
			// Longer than is worth sitting out: Get says when to come back.
			return statusErr.retryAfter, true
		}
		if statusErr.retryAfter >= 0 {
			return statusErr.retryAfter, true
		}
	case errors.As(err, &timeoutErr):
	case errors.As(err, &plainErr) && plainErr.retry:
	default:
		return 0, false
	}
	return c.backoff(attempt), true
}

// backoff is Backoff·2^attempt plus up to half again of jitter, so that
// clients that failed together do not come back together. The doubling
// stops at MaxRetryAfter.
func (c *Client) backoff(attempt int) time.Duration {
	d := c.opts.Backoff
	for range attempt {
		if d >= c.opts.MaxRetryAfter {
			break
		}
		d *= 2
	}
	d = min(d, c.opts.MaxRetryAfter)
	return d + rand.N(d/2+1)
}

// parseRetryAfter reads Retry-After as seconds or as an HTTP date. It
// returns -1 when the header is missing or unreadable.
func parseRetryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return -1
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return -1
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second) // avoid overflow; capped later anyway
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return -1
}

func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// hostLimiter lets at most perHost requests to one host be in flight. A slot
// is held from sending the request until its body is closed, so a slow body
// counts; the client closes each redirect's body before following it, and
// Get closes the body before any backoff sleep.
type hostLimiter struct {
	next    http.RoundTripper
	perHost int

	mu sync.Mutex
	// slots grows by one small channel per host ever contacted; a reader
	// meets few hosts, so it is never pruned.
	slots map[string]chan struct{}
}

func (l *hostLimiter) slot(host string) chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.slots == nil {
		l.slots = make(map[string]chan struct{})
	}
	host = strings.ToLower(host)
	s, ok := l.slots[host]
	if !ok {
		s = make(chan struct{}, l.perHost)
		l.slots[host] = s
	}
	return s
}

func (l *hostLimiter) RoundTrip(req *http.Request) (*http.Response, error) {
	slot := l.slot(req.URL.Host)
	select {
	case slot <- struct{}{}:
	case <-req.Context().Done():
		return nil, req.Context().Err()
	}
	resp, err := l.next.RoundTrip(req)
	if err != nil {
		<-slot
		return nil, err
	}
	resp.Body = &releasingBody{ReadCloser: resp.Body, release: sync.OnceFunc(func() { <-slot })}
	return resp, nil
}

// releasingBody gives the host slot back when the body is closed.
type releasingBody struct {
	io.ReadCloser
	release func()
}

func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}

package demosite

import (
	"bufio"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
)

// The tests of every package serve the site the same way: on a loopback
// server, behind a hook that lets a test misbehave, with a log of what the
// server was asked. This file is that one helper. It takes a Cleaner, not
// a testing.TB, so that the program, which imports this package for
// --demo, does not link the testing package; and nothing here runs unless
// a test calls it.

// Cleaner runs a function when a test ends: testing.T and testing.B do
// (t.Cleanup), and so can a wrapper of anything else that does.
type Cleaner interface{ Cleanup(func()) }

// Fault answers a request in place of the site, or lets it through:
// true means it has answered.
type Fault func(w http.ResponseWriter, r *http.Request) bool

// Server is a site on a loopback test server (httptest), closed when the
// test ends. Every request passes the fault hook first and is then noted.
type Server struct {
	*httptest.Server

	mu       sync.Mutex
	fault    Fault
	requests []Request
}

// Request is one request the server got, as the log keeps it.
type Request struct {
	URI         string // the path and query, as sent
	IfNoneMatch string
	Status      int // the status answered; 200 when the handler set none
}

// StartServer serves the bundled site (New) until the test ends.
func StartServer(c Cleaner) *Server { return Serve(c, New()) }

// Serve serves h as StartServer serves the site: for a test that brings
// a site of its own but wants the hook and the log.
func Serve(c Cleaner, h http.Handler) *Server {
	s := &Server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		s.mu.Lock()
		fault := s.fault
		s.mu.Unlock()
		if fault == nil || !fault(rw, r) {
			h.ServeHTTP(rw, r)
		}
		s.mu.Lock()
		s.requests = append(s.requests, Request{r.URL.RequestURI(), r.Header.Get("If-None-Match"), rw.status})
		s.mu.Unlock()
	}))
	c.Cleanup(s.Close)
	return s
}

// NewsURL is the site's news page, the source a sync starts from.
func (s *Server) NewsURL() string { return s.URL + "/nyheter/" }

// SetFault makes f see every request before the site does; nil takes the
// hook away. It may be called while requests are served.
func (s *Server) SetFault(f Fault) {
	s.mu.Lock()
	s.fault = f
	s.mu.Unlock()
}

// Requests returns the requests answered since the last call, oldest
// first, and forgets them.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.requests
	s.requests = nil
	return r
}

// statusWriter notes the status a handler answers. It passes Flush and
// Hijack through, for a fault that dribbles a body or drops the
// connection.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return http.NewResponseController(w.ResponseWriter).Hijack()
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Recorder is a transport that notes the URL of every request made
// through it, to any address, and passes it on to Next
// (http.DefaultTransport when nil): for a test that must see that nothing
// was asked at all, of the site or of anywhere else.
type Recorder struct {
	Next http.RoundTripper

	mu   sync.Mutex
	urls []string
}

func (rec *Recorder) RoundTrip(r *http.Request) (*http.Response, error) {
	rec.mu.Lock()
	rec.urls = append(rec.urls, r.URL.String())
	rec.mu.Unlock()
	next := rec.Next
	if next == nil {
		next = http.DefaultTransport
	}
	return next.RoundTrip(r)
}

// URLs returns the URLs asked for so far, oldest first.
func (rec *Recorder) URLs() []string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]string(nil), rec.urls...)
}

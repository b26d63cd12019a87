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
// test ends. Every request passes the fault hook first, and is noted in
// the log as its answer starts.
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
	Status      int // the status answered; 0 for a connection a fault took over
}

// StartServer serves the bundled site (New) until the test ends.
func StartServer(c Cleaner) *Server { return Serve(c, New()) }

// Serve serves h as StartServer serves the site: for a test that brings
// a site of its own but wants the hook and the log.
func Serve(c Cleaner, h http.Handler) *Server {
	s := &Server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := &loggingWriter{ResponseWriter: w, server: s,
			request: Request{URI: r.URL.RequestURI(), IfNoneMatch: r.Header.Get("If-None-Match")}}
		s.mu.Lock()
		fault := s.fault
		s.mu.Unlock()
		if fault == nil || !fault(rw, r) {
			h.ServeHTTP(rw, r)
		}
		rw.note(http.StatusOK) // an answer with nothing written is a 200
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

// Requests returns the requests answered since the last call, in the
// order they were answered, and forgets them. A request is in the log
// before any of its answer leaves the server: once a client has its
// response, the log has the request.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.requests
	s.requests = nil
	return r
}

// loggingWriter logs its request, with the status, as the answer starts:
// before the client can have any of it. It passes Flush and Hijack
// through, for a fault that dribbles a body or drops the connection.
type loggingWriter struct {
	http.ResponseWriter
	server  *Server
	request Request
	logged  bool
}

func (w *loggingWriter) note(status int) {
	if w.logged {
		return
	}
	w.logged = true
	w.request.Status = status
	w.server.mu.Lock()
	w.server.requests = append(w.server.requests, w.request)
	w.server.mu.Unlock()
}

func (w *loggingWriter) WriteHeader(code int) {
	if code >= 200 { // not an informational 1xx
		w.note(code)
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *loggingWriter) Write(b []byte) (int, error) {
	w.note(http.StatusOK)
	return w.ResponseWriter.Write(b)
}

func (w *loggingWriter) Flush() {
	w.note(http.StatusOK)
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *loggingWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	w.note(0)
	return http.NewResponseController(w.ResponseWriter).Hijack()
}

func (w *loggingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

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

package demosite

import (
	"net/http"
	"net/http/httptest"
)

// Origin is where the demo site pretends to live. The .localhost name can
// never reach a real host, so a demo link opened by mistake goes nowhere.
const Origin = "http://demo.nyss.localhost"

// Transport answers every request from h, in-process: `nyss --demo` shows
// the whole program without a network, and without opening a socket.
func Transport(h http.Handler) http.RoundTripper {
	return roundTripper{h}
}

type roundTripper struct{ h http.Handler }

func (rt roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	rec := httptest.NewRecorder()
	rt.h.ServeHTTP(rec, req)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

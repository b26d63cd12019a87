package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"nyss/feed/demosite"
	"nyss/feed/fetch"
)

// env is one test's surroundings for running nyss: its environment
// variables (NYSS_FEED, NYSS_CACHE), and for the in-process runs the
// transport and client limits the program's seams take. Each test has its
// own, so tests share no global and run in parallel.
type env struct {
	vars      map[string]string
	transport http.RoundTripper // nil: the real network
	client    fetch.Options
}

// newEnv is an environment with no variables set: nothing of the
// caller's NYSS_FEED or NYSS_CACHE comes through.
func newEnv() *env { return &env{vars: map[string]string{}} }

// fixture serves the fixture site (demosite.Server) and gives an
// environment whose NYSS_FEED and NYSS_CACHE point at it and at a fresh
// cache, the way a user's environment would.
func fixture(t *testing.T) (*demosite.Server, *env) {
	t.Helper()
	srv := demosite.StartServer(t)
	e := newEnv()
	e.vars["NYSS_FEED"] = srv.NewsURL()
	e.vars["NYSS_CACHE"] = filepath.Join(t.TempDir(), "cache.db")
	return srv, e
}

// cache is the cache file NYSS_CACHE names.
func (e *env) cache() string { return e.vars["NYSS_CACHE"] }

// app is the program's surroundings for an in-process run in e.
func (e *env) app(stdout, stderr io.Writer) app {
	return app{stdout: stdout, stderr: stderr, getenv: func(k string) string { return e.vars[k] },
		transport: e.transport, client: e.client}
}

// nyss runs the command line in-process, as a user would type it, and
// returns its exit code, stdout and stderr.
func (e *env) nyss(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), e.app(&stdout, &stderr), args)
	return code, stdout.String(), stderr.String()
}

// mustRun is nyss for a command that must succeed; it returns its stdout.
func (e *env) mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := e.nyss(t, args...)
	if code != 0 {
		t.Fatalf("nyss %s: exit %d, stderr %q", strings.Join(args, " "), code, errOut)
	}
	return out
}

// environ is the environment of a separate process of nyss: the test's
// own, then e's variables, then more ("KEY=value"), each over what came
// before.
func (e *env) environ(more ...string) []string {
	vars := os.Environ()
	for k, v := range e.vars {
		vars = append(vars, k+"="+v)
	}
	return append(vars, more...)
}

// buildNyss builds the program once for the whole test run, into testDir,
// for the tests that need it as separate processes.
func buildNyss(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if runtime.GOOS == "windows" {
		t.Skip("uses Unix signals and a pseudo-terminal")
	}
	built.Do(func() {
		built.bin = filepath.Join(testDir, "nyss")
		out, err := exec.Command("go", "build", "-o", built.bin, ".").CombinedOutput()
		if err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

var built struct {
	sync.Once
	bin string
	err error
}

package main

// The command-line contract (README.md, DESIGN.md) as testscript files:
// testdata/script/*.txtar, one a subcommand or a concern. Each script runs
// `nyss` as a separate process (this test binary, re-run as the program's
// main through testscript.Main) in a fresh $WORK, with its own cache and a
// test server of its own.
//
// To add a script, write testdata/script/NAME.txtar: a comment line saying
// what it covers, then commands, each group under a comment; files for the
// script follow as "-- name --" sections. Run one with
//
//	go test -run TestScript/NAME .
//
// and see the whole transcript with -v. What a script can use beyond
// testscript's own commands (go doc github.com/rogpeppe/go-internal/testscript):
//
//	nyss ARGS...              the program; fails the script unless it exits 0
//	exits N PROG ARGS...      runs PROG as exec does and wants exit status N
//	                          (testscript's "!" only says "not 0")
//	$SITE                     an HTTP server: the demo site (feed/demosite),
//	                          plus /fail/... answering 500 every time (with
//	                          Retry-After: 0, so retries cost no time),
//	                          /www/... serving the script's own files under
//	                          $WORK/www, "{{BASE}}" in them becoming $SITE;
//	                          it notes each request it gets in
//	                          $WORK/requests.log ("GET /path")
//	--demo                    the same demo site in-process, with fixed
//	                          URLs (http://demo.nyss.localhost/...), which
//	                          keeps golden output stable
//
// After a deliberate change of output, `go test -run TestScript . -update`
// rewrites the expected files in the scripts; read the diff before keeping
// it.
//
// The environment is new for every script: NYSS_CACHE=$WORK/cache.db,
// HOME, XDG_CACHE_HOME and XDG_CONFIG_HOME under $WORK/home, LANG=C and
// TZ=Europe/Stockholm; nothing of the caller's environment comes through.

import (
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // the scripts' dates are Stockholm's, on any machine

	"github.com/rogpeppe/go-internal/testscript"

	"nyss/feed/demosite"
)

func TestMain(m *testing.M) {
	// Run as "nyss" by a script, this binary is the program; run by go
	// test, it runs the tests.
	testscript.Main(withTestDir{m}, map[string]func(){"nyss": main})
}

// testDir holds what the whole test run shares, such as the built binary.
var testDir string

// withTestDir runs the tests with testDir made for them, and removes it
// after. It is made here, not in TestMain, so that a script's run of nyss
// makes none.
type withTestDir struct{ m *testing.M }

func (w withTestDir) Run() int {
	var err error
	testDir, err = os.MkdirTemp("", "nyss-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(testDir)
	return w.m.Run()
}

var update = flag.Bool("update", false, "rewrite the scripts' expected files from the output")

func TestScript(t *testing.T) {
	t.Parallel()
	// The fixture's dates are Swedish: a script's expected output holds
	// for TZ=Europe/Stockholm, which time/tzdata guarantees above.
	if _, err := time.LoadLocation("Europe/Stockholm"); err != nil {
		t.Fatalf("no time zone data for Europe/Stockholm: %v", err)
	}
	testscript.Run(t, testscript.Params{
		Dir:   filepath.Join("testdata", "script"),
		Setup: setupScript,
		Cmds:  map[string]func(*testscript.TestScript, bool, []string){"exits": cmdExits},
		// Under the test's own temporary directory, which goes when the
		// test ends, also when -run picks only some of the scripts.
		WorkdirRoot: t.TempDir(),
		// go test -run TestScript . -update rewrites the files that cmp
		// compares with, from what the program printed.
		UpdateScripts: *update,
	})
}

// setupScript gives a script its environment and its own test server.
func setupScript(env *testscript.Env) error {
	home := filepath.Join(env.WorkDir, "home")
	for _, dir := range []string{home, filepath.Join(home, ".cache"), filepath.Join(home, ".config")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	srv := scriptSite(scriptCleanup{env}, env.WorkDir)

	env.Setenv("NYSS_CACHE", filepath.Join(env.WorkDir, "cache.db"))
	env.Setenv("HOME", home)
	env.Setenv("XDG_CACHE_HOME", filepath.Join(home, ".cache"))
	env.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	env.Setenv("LANG", "C")
	env.Setenv("TZ", "Europe/Stockholm")
	env.Setenv("SITE", srv.URL)

	// Built with -race, every run of nyss would wait a second at exit
	// for the race detector's report; the scripts run it often.
	if gorace := os.Getenv("GORACE"); !strings.Contains(gorace, "atexit_sleep_ms") {
		env.Setenv("GORACE", strings.TrimSpace(gorace+" atexit_sleep_ms=0"))
	}
	return nil
}

// scriptSite is the demo site (demosite.Server) with a small fault
// switch: every path under /fail/ answers 500 (with Retry-After: 0: the
// client retries at once), and /www/ serves the script's own files from
// work/www the way the demo site serves its own ("{{BASE}}" becomes the
// server's address), so that a script can bring a feed, a page that is not
// one, or an article that appears later. Every request is noted in
// work/requests.log, so that a script can see there was none.
func scriptSite(c demosite.Cleaner, work string) *demosite.Server {
	srv := demosite.StartServer(c)
	www := http.StripPrefix("/www", demosite.Handler(os.DirFS(filepath.Join(work, "www"))))
	var mu sync.Mutex
	logPath := filepath.Join(work, "requests.log")
	srv.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		mu.Lock()
		if f, err := os.OpenFile(logPath, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666); err == nil {
			fmt.Fprintf(f, "%s %s\n", r.Method, r.URL.RequestURI())
			f.Close()
		}
		mu.Unlock()
		switch {
		case strings.HasPrefix(r.URL.Path, "/fail/"):
			w.Header().Set("Retry-After", "0")
			http.Error(w, "serverfel", http.StatusInternalServerError)
		case strings.HasPrefix(r.URL.Path, "/www/"):
			www.ServeHTTP(w, r)
		default:
			return false
		}
		return true
	})
	return srv
}

// scriptCleanup runs a function when the script ends, as a demosite
// server asks of a test.
type scriptCleanup struct{ env *testscript.Env }

func (c scriptCleanup) Cleanup(f func()) { c.env.Defer(f) }

// cmdExits is "exits N PROG ARGS...": it runs PROG as exec does, keeping
// its stdout and stderr for the commands that follow, and fails the script
// unless PROG exits with status N.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("exits takes no \"!\": say the status wanted")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exits N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %q is not an exit status", args[0])
	}
	got := 0
	var exit *exec.ExitError
	switch err := ts.Exec(args[1], args[2:]...); {
	case err == nil:
	case errors.As(err, &exit):
		got = exit.ExitCode()
	default:
		ts.Fatalf("%s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// Command nyss is a terminal news reader. Its home feed is the news of
// Region Kronoberg; any RSS, Atom or JSON feed works. See README.md.
//
// Output rules: a command's result goes to stdout; progress and errors go to
// stderr, each error as one line starting "nyss: ". Exit 0 on success
// (a sync whose feed came but some articles failed included), 1 on an
// error, 2 on a usage error.
//
// This file only wires: the command line (ui) to the engine (feed), over
// the cache (feed/store) and the network (feed/fetch).
package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	"nyss/feed"
	"nyss/feed/demosite"
	"nyss/feed/fetch"
	"nyss/feed/sanitize"
	"nyss/feed/sourcelist"
	"nyss/feed/store"
	"nyss/ui"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, app{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}

// app is the program's surroundings: where it writes, what it reads of the
// environment, and the seams tests set instead of the real network.
type app struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	transport      http.RoundTripper // nil: the real network
	client         fetch.Options     // the HTTP client's limits; zero fields are its defaults
}

func run(ctx context.Context, a app, args []string) int {
	in, err := ui.ParseArgs(args, a.getenv)
	switch {
	case err == nil && in.Help:
		fmt.Fprint(a.stdout, in.HelpText())
		return 0
	case err == nil && in.Version:
		fmt.Fprintf(a.stdout, "nyss %s\n", version())
		return 0
	case err == nil:
		err = a.exec(ctx, in)
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, ui.ErrUsage):
		fmt.Fprintf(a.stderr, "nyss: %v\n%s", err, ui.Usage)
		return 2
	}
	fmt.Fprintf(a.stderr, "nyss: %s\n", sanitize.Line(in.Message(err)))
	return 1
}

// exec opens the cache, builds the engine (with the one HTTP client, unless
// offline) and runs the invocation.
func (a app) exec(ctx context.Context, in *ui.Invocation) error {
	// A subcommand lives for a moment, and the reader's first moments are
	// its first frame: collecting garbage while 10,000 rows are read costs
	// more time than the memory it would save. The reader sets it back
	// once its whole list is read.
	debug.SetGCPercent(400)
	in.Prepare() // while the cache opens
	opts := a.client
	opts.Transport, opts.Version = a.transport, version()
	cache := "cache.db"
	if in.Demo {
		if in.Feed == "" && in.Cmd == "" {
			// The demo's reader shows its two sources together.
			in.DemoSources = []sourcelist.Entry{
				{URL: demosite.NewsURL, Name: "Region Kronoberg"},
				{URL: demosite.KommunURL, Name: "Glasbo kommun"},
			}
		}
		in.Feed, cache = cmp.Or(in.Feed, demosite.NewsURL), "demo.db"
		opts.Transport = demosite.Transport(demosite.New())
		in.NoWeb = demosite.Origin
	}
	in.Feed = cmp.Or(in.Feed, feed.DefaultSource)
	in.Cache = cmp.Or(in.Cache, defaultCachePath(cache))

	open := store.OpenReading
	if in.Cmd == "sync" {
		open = store.Open
	}
	if !in.MakesCache() {
		// A command that only reads leaves no empty cache file behind
		// where there was none: with no file, nothing is cached.
		if _, err := os.Stat(in.Cache); errors.Is(err, fs.ErrNotExist) {
			if in.Cmd == "sources" {
				// The list is a file of its own; with no cache, each
				// source has simply no items yet.
				e := &feed.Engine{}
				if !in.Offline {
					e.Client = fetch.New(opts)
				}
				return in.Run(ctx, e, a.stdout, a.stderr)
			}
			return &feed.NotCachedError{URL: in.Feed}
		}
	}
	// Offline, the sync fails below: the cache is not moved for nothing.
	if in.Rebuild && !in.Offline {
		aside, err := store.Rebuild(in.Cache, time.Now())
		if err != nil {
			return err
		}
		if aside != "" {
			fmt.Fprintf(a.stderr, "nyss: %s\n", in.MovedAside(aside))
		}
	}
	st, err := open(in.Cache)
	if err != nil {
		return err
	}
	defer st.Close()
	e := &feed.Engine{Store: st}
	if !in.Offline {
		e.Client = fetch.New(opts)
	}
	// A damaged page may only show when a query reads it.
	return st.Explain(in.Run(ctx, e, a.stdout, a.stderr))
}

// version is the module version `go install` stamps into the binary, or
// "dev" for a build from a checkout. It also names nyss in the User-Agent.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func defaultCachePath(name string) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "nyss", name)
}

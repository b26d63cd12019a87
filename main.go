// Command nyss is a terminal news reader. Its home feed is the news of
// Region Kronoberg; any RSS, Atom or JSON feed works. See README.md.
//
// Output rules: a command's result goes to stdout; progress and errors go to
// stderr, each error as one line starting "nyss: ". Exit 0 on success
// (a sync whose feed came but some articles failed included), 1 on an
// error, 2 on a usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"nyss/feed"
	"nyss/feed/demosite"
	"nyss/feed/fetch"
	"nyss/feed/store"
	"nyss/ui"
)

const usage = `nyss — a terminal news reader

usage:
  nyss [flags]                     open the reader
  nyss sync [flags]                fetch the feed and every article not yet cached
  nyss list [--month YYYY-MM] [--json]
  nyss months [--json]             months with their item counts
  nyss show ID|URL [--width N]     one article, rendered, with its related list
  nyss search QUERY [--json]       full-text search over the cache

flags:
  --feed URL     the source: a feed, or a page that links one (env NYSS_FEED)
  --cache PATH   the cache file (env NYSS_CACHE; default $XDG_CACHE_HOME/nyss/cache.db)
  --offline      no network at all: read the cache only
  --demo         a bundled sample of the regional site, served in-process
  --rebuild      (sync) move the cache file aside, damaged or not, and start a new one
  --version      print the version
`

// errUsage marks errors that exit 2.
var errUsage = errors.New("usage")

// transport is the test seam for the network: nil means the real one.
var transport http.RoundTripper

// clientOptions is the test seam for the HTTP client's limits (timeouts,
// retries, backoff): zero fields are the client's defaults.
var clientOptions fetch.Options

func main() {
	fetch.Version = version()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// options are the flags of every subcommand; each uses the ones it needs.
type options struct {
	feed, cache    string
	offline, demo  bool
	rebuild        bool
	version        bool
	month          string
	json           bool
	width          int
	args           []string
	stdout, stderr io.Writer
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	o, err := parseFlags(cmd, args)
	if err == nil && o.version {
		fmt.Fprintf(stdout, "nyss %s\n", version())
		return 0
	}
	if err == nil {
		o.stdout, o.stderr = stdout, stderr
		err = dispatch(ctx, cmd, o)
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, usage)
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "nyss: %v\n", err)
		fmt.Fprint(stderr, usage)
		return 2
	}
	fmt.Fprintf(stderr, "nyss: %s\n", oneLine(message(err)))
	return 1
}

// version is the module version `go install` stamps into the binary, or
// "dev" for a build from a checkout. It also names nyss in the User-Agent.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// message is what the user reads of an error. A problem of the cache file
// is said on its own, without what the program was doing when it met it,
// and a damaged file comes with the way out.
func message(err error) string {
	var fe *store.FileError
	if !errors.As(err, &fe) {
		return err.Error()
	}
	if errors.Is(fe, store.ErrCorrupt) {
		return fe.Error() + `: run "nyss sync --rebuild" to move it aside and start a new one`
	}
	return fe.Error()
}

func parseFlags(cmd string, args []string) (*options, error) {
	o := &options{feed: os.Getenv("NYSS_FEED"), cache: os.Getenv("NYSS_CACHE")}
	fs := flag.NewFlagSet("nyss "+cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.feed, "feed", o.feed, "")
	fs.StringVar(&o.cache, "cache", o.cache, "")
	fs.BoolVar(&o.offline, "offline", false, "")
	fs.BoolVar(&o.demo, "demo", false, "")
	fs.BoolVar(&o.version, "version", false, "")
	switch cmd {
	case "sync":
		fs.BoolVar(&o.rebuild, "rebuild", false, "")
	case "list":
		fs.StringVar(&o.month, "month", "", "")
		fs.BoolVar(&o.json, "json", false, "")
	case "months", "search":
		fs.BoolVar(&o.json, "json", false, "")
	case "show":
		fs.IntVar(&o.width, "width", 0, "")
	}
	// Flags may stand before or after the positional argument.
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		if fs.NArg() == 0 {
			break
		}
		o.args = append(o.args, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return o, nil
}

func dispatch(ctx context.Context, cmd string, o *options) error {
	wantArgs := map[string]int{"": 0, "sync": 0, "list": 0, "months": 0, "show": 1, "search": 1}
	n, known := wantArgs[cmd]
	switch {
	case !known:
		return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
	case cmd == "search" && len(o.args) > 0:
		o.args = []string{strings.Join(o.args, " ")}
	case len(o.args) != n:
		return fmt.Errorf("%w: %q takes %d argument(s), got %d", errUsage, "nyss "+cmd, n, len(o.args))
	}
	if o.month != "" && !validMonth(o.month) {
		return fmt.Errorf("%w: --month wants YYYY-MM, got %q", errUsage, o.month)
	}

	if cmd != "" {
		// A subcommand lives for a moment: collecting garbage while it reads
		// 10,000 rows costs more time than the memory it would save.
		debug.SetGCPercent(400)
	}
	e, err := newEngine(o, cmd)
	if err != nil {
		return err
	}
	defer e.Store.Close()
	c := ui.Commands{Engine: e, Source: o.feed, Out: o.stdout, Err: o.stderr}
	switch cmd {
	case "sync":
		err = c.Sync(ctx)
	case "list":
		err = c.List(o.month, o.json)
	case "months":
		err = c.Months(o.json)
	case "search":
		err = c.Search(o.args[0], o.json)
	case "show":
		err = c.Show(ctx, o.args[0], o.width)
	default:
		err = ui.Run(ctx, e, o.feed)
	}
	// A damaged page may only show when a query reads it.
	return e.Store.Explain(err)
}

// newEngine opens the cache and, unless offline, builds the one HTTP
// client; with --demo the client talks to the bundled site in-process.
func newEngine(o *options, cmd string) (*feed.Engine, error) {
	if o.demo {
		if o.feed == "" {
			o.feed = demosite.NewsURL
		}
		if o.cache == "" {
			o.cache = defaultCachePath("demo.db")
		}
	}
	if o.feed == "" {
		o.feed = feed.DefaultSource
	}
	if o.cache == "" {
		o.cache = defaultCachePath("cache.db")
	}
	// Offline, the sync fails below: the cache is not moved for nothing.
	if o.rebuild && !o.offline {
		if err := rebuild(o.cache, o.stderr); err != nil {
			return nil, err
		}
	}
	st, err := openStore(o.cache, cmd != "sync")
	if err != nil {
		return nil, err
	}
	e := &feed.Engine{Store: st}
	if !o.offline {
		opts := clientOptions
		opts.Transport = transport
		if o.demo {
			opts.Transport = demosite.Transport(demosite.New())
		}
		e.Client = fetch.New(opts)
	}
	return e, nil
}

// openStore opens the cache. A command that only reads opens it read-only
// when it cannot be written (a read-only file, directory or mount, or a
// full disk), so that what is cached can still be read.
func openStore(path string, readOnlyOK bool) (*store.Store, error) {
	st, err := store.Open(path)
	if err == nil || !readOnlyOK || !errors.Is(err, store.ErrNotWritable) && !errors.Is(err, store.ErrDiskFull) {
		return st, err
	}
	if _, statErr := os.Stat(path); statErr != nil {
		return nil, err // nothing cached to read either
	}
	ro, roErr := store.OpenReadOnly(path)
	if errors.Is(roErr, store.ErrCorrupt) {
		return nil, roErr
	}
	if roErr != nil {
		return nil, err // why it cannot be written says the most
	}
	return ro, nil
}

// rebuild moves the cache file aside, with its -wal and -shm files, so that
// the sync starts a new one. Nothing is deleted: the old file stays beside
// the new, named .broken-<time> when it is damaged and .old-<time> when it
// is not.
func rebuild(path string, stderr io.Writer) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	kind := "old"
	if err := store.Check(path); errors.Is(err, store.ErrCorrupt) {
		kind = "broken"
	}
	aside, err := store.MoveAside(path, kind+"-"+time.Now().Format("20060102-150405"))
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "nyss: moved the cache aside to %s; starting a new one\n", aside)
	return nil
}

func defaultCachePath(name string) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "nyss", name)
}

func validMonth(s string) bool {
	if len(s) != 7 || s[4] != '-' {
		return false
	}
	m, err := strconv.Atoi(s[5:])
	_, yerr := strconv.Atoi(s[:4])
	return err == nil && yerr == nil && m >= 1 && m <= 12
}

// oneLine keeps an error to the one line the output rules promise.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

package ui

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"nyss/feed"
)

// Usage is what `nyss --help` prints, and what follows a usage error.
const Usage = `nyss — a terminal news reader

usage:
  nyss [flags]                     open the reader
  nyss sync [flags]                fetch the feed and every article not yet cached
  nyss list [--month YYYY-MM|undated] [--json]
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

// ErrUsage marks the errors of a command line that does not parse: they
// exit 2, with the usage.
var ErrUsage = errors.New("usage")

// Invocation is a parsed command line: the subcommand ("" for the reader)
// and its flags. Each subcommand uses the flags it needs.
type Invocation struct {
	Cmd              string
	Feed, Cache      string
	Offline, Demo    bool
	Rebuild, Version bool
	Help             bool
	Month            feed.Month
	JSON             bool
	Width            int
	Args             []string
}

// ParseArgs reads a command line (without the program's name); getenv
// supplies NYSS_FEED and NYSS_CACHE.
func ParseArgs(args []string, getenv func(string) string) (*Invocation, error) {
	in := &Invocation{Feed: getenv("NYSS_FEED"), Cache: getenv("NYSS_CACHE")}
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		in.Cmd, args = args[0], args[1:]
	}
	var month string
	fs := flag.NewFlagSet("nyss "+in.Cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&in.Feed, "feed", in.Feed, "")
	fs.StringVar(&in.Cache, "cache", in.Cache, "")
	fs.BoolVar(&in.Offline, "offline", false, "")
	fs.BoolVar(&in.Demo, "demo", false, "")
	fs.BoolVar(&in.Version, "version", false, "")
	switch in.Cmd {
	case "sync":
		fs.BoolVar(&in.Rebuild, "rebuild", false, "")
	case "list":
		fs.StringVar(&month, "month", "", "")
		fs.BoolVar(&in.JSON, "json", false, "")
	case "months", "search":
		fs.BoolVar(&in.JSON, "json", false, "")
	case "show":
		fs.IntVar(&in.Width, "width", 0, "")
	}
	// Flags may stand before or after the positional argument.
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				in.Help = true
				return in, nil
			}
			return nil, fmt.Errorf("%w: %v", ErrUsage, err)
		}
		if fs.NArg() == 0 {
			break
		}
		in.Args = append(in.Args, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if in.Version {
		return in, nil
	}
	wantArgs := map[string]int{"": 0, "sync": 0, "list": 0, "months": 0, "show": 1, "search": 1}
	n, known := wantArgs[in.Cmd]
	switch {
	case !known:
		return nil, fmt.Errorf("%w: unknown command %q", ErrUsage, in.Cmd)
	case in.Cmd == "search" && len(in.Args) > 0:
		in.Args = []string{strings.Join(in.Args, " ")}
	case len(in.Args) != n:
		return nil, fmt.Errorf("%w: %q takes %d argument(s), got %d", ErrUsage, "nyss "+in.Cmd, n, len(in.Args))
	}
	if month != "" {
		m, err := feed.ParseMonth(month)
		if err != nil {
			return nil, fmt.Errorf("%w: --month wants YYYY-MM or undated, got %q", ErrUsage, month)
		}
		in.Month = m
	}
	return in, nil
}

// Run carries out the invocation with the engine: a subcommand, printing
// to stdout and stderr, or the reader.
func (in *Invocation) Run(ctx context.Context, e *feed.Engine, stdout, stderr io.Writer) error {
	c := cli{Engine: e, Source: in.Feed, Out: stdout, Err: stderr}
	switch in.Cmd {
	case "sync":
		return c.Sync(ctx)
	case "list":
		return c.List(in.Month, in.JSON)
	case "months":
		return c.Months(in.JSON)
	case "search":
		return c.Search(in.Args[0], in.JSON)
	case "show":
		return c.Show(ctx, in.Args[0], in.Width)
	}
	return runReader(ctx, e, in.Feed)
}

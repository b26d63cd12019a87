package ui

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"nyss/feed"
	"nyss/feed/sourcelist"
)

// Usage is what `nyss help` and `nyss --help` print, and what follows a
// usage error.
const Usage = `nyss — a terminal news reader

usage:
  nyss [flags]                     open the reader
  nyss sync [flags]                fetch the feed and every article not yet cached
  nyss list [--month YYYY-MM|undated] [--unread] [--json]
  nyss months [--json]             months with their item counts
  nyss show ID|URL [--width N]     one article, rendered, with its related list
  nyss search [--] QUERY [--json]  full-text search over the cache
  nyss mark [--unread] ID|URL…     mark items read, or unread
  nyss mark --all [--month M]      mark every item read, or one month's
  nyss sources [--json]            the sources to read, with counts, last fetch and error
  nyss sources add URL [--name N]  add a source (a feed, or a page that links one)
  nyss sources rm NAME|URL [--purge]  remove one; --purge drops what the cache holds of it
  nyss sources import FILE.opml    add the feeds of an OPML file (newsboat, nom …)
  nyss sources export              the list as OPML 2.0
  nyss help [CMD]                  this text, or what one command does

flags, before or after the command:
  --feed URL     the source: a feed, or a page that links one (env NYSS_FEED)
  --cache PATH   the cache file (env NYSS_CACHE; default $XDG_CACHE_HOME/nyss/cache.db)
  --offline      no network at all: read the cache only
  --demo         a bundled sample of the regional site, served in-process
  --rebuild      (sync) move the cache file aside, damaged or not, and start a new one
  --refresh D    (the reader) sync every D while open: 10m, 1h; default 30m, 0 never
  --source S     (list, months, search, mark) one source of the list, by name or URL
  --version      print the version
`

// commandHelp is what `nyss help CMD` prints under the command's lines of
// Usage: what it does, in more words. Every command has an entry.
var commandHelp = map[string]string{
	"sync": `Fetches the feed, then every article not yet cached, and ends with a
summary: items new, updated and unchanged; articles fetched, unchanged and
failed, each failure with its reason. Failed articles are tried again next
time. --rebuild first moves the cache file aside and starts a new one.
`,
	"list": `Prints ID, date and title of each headline, newest first, the undated
last. --month keeps one month (YYYY-MM) or the items with no date
(undated); --unread keeps the items not read yet; --json prints objects
with id, title, url, published, month, summary, cached and read.
`,
	"mark": `Marks items read, by their IDs (from list or search) or URLs; --unread
marks them unread again. --all marks every item of the source, and with
--month only that month's (YYYY-MM or undated), and says how many it
changed.
`,
	"months": `Prints every month that has news with its number of items, newest first,
the undated items last; --json prints [{"month": "YYYY-MM", "count": N}].
`,
	"show": `Prints one article, by its ID (from list or search) or its URL: title,
date, link, body, then its related news with their IDs. Rendered on a
terminal (--width sets the wrap), plain Markdown when piped. An article
not cached yet is fetched; when that cannot be done, the feed's summary is
shown with a line saying why.
`,
	"search": `Full-text search over the cache: title, summary and article body, best
match first. Words match as prefixes and must all occur. A query that
starts with "-" goes after "--": nyss search -- -vård. No match prints one
line on stderr and exits 1, as grep does; --json prints the objects of
list --json.
`,
	"help": `Prints the usage, or what one command does: nyss help search.
`,
	"sources": `The list of sources to read, kept in $XDG_CONFIG_HOME/nyss/sources
(~/.config/nyss/sources): one a line, a URL then an optional name, as
newsboat's urls file; # starts a comment. With no file, the list is Region
Kronoberg alone. Alone, prints each source with its name, items, unread,
last fetch and last error (--json too). add URL [--name N] first reads the
URL as sync would, and refuses what is no feed or news listing; rm NAME|URL
removes one (the cache keeps its items unless --purge); import FILE.opml
adds the feeds of an OPML file, export prints the list as OPML 2.0.
`,
}

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
	HelpCmd          string // the command `nyss help CMD` asks about; "": all
	Month            feed.Month
	Unread, All      bool
	JSON             bool
	Width            int
	Refresh          time.Duration // the reader's sync interval; 0: none
	Name             string        // sources add --name
	Source           string        // --source NAME|URL: one source of the list
	Purge            bool          // sources rm --purge
	SourcesFile      string        // the list of sources, from XDG_CONFIG_HOME
	// OneSource is a source named by --feed, NYSS_FEED or --demo: the
	// commands read it alone, not the list.
	OneSource bool
	// DemoSources, with --demo and no --feed, are the demo's sources,
	// which the reader reads together.
	DemoSources []sourcelist.Entry
	Args        []string
	// NoWeb is an origin no browser can reach (the demo's): the reader
	// says so rather than hand it to one.
	NoWeb string

	text text // the user's language, from LC_ALL, LC_MESSAGES or LANG
}

// wantArgs is how many positional arguments each command takes; search
// takes one or more words, joined into one query.
var wantArgs = map[string]int{"": 0, "sync": 0, "list": 0, "months": 0, "show": 1, "search": 1, "mark": 1, "sources": 0}

// sourcesArgs is how many arguments each `nyss sources` subcommand takes
// after its name; "" is the list itself.
var sourcesArgs = map[string]int{"": 0, "add": 1, "rm": 1, "import": 1, "export": 0}

// valueFlags are the flags that take a value: a word after one of them is
// its value, not the command.
var valueFlags = map[string]bool{"feed": true, "cache": true, "month": true, "width": true, "refresh": true, "name": true, "source": true}

// DefaultRefresh is how often the reader syncs while it is open: often
// enough for the news of the day, and a conditional GET costs nothing when
// nothing changed.
const DefaultRefresh = 30 * time.Minute

// ParseArgs reads a command line (without the program's name); getenv
// supplies NYSS_FEED, NYSS_CACHE and the locale. Flags may stand before or after the
// command and its arguments, as in git and go.
func ParseArgs(args []string, getenv func(string) string) (*Invocation, error) {
	in := &Invocation{Feed: getenv("NYSS_FEED"), Cache: getenv("NYSS_CACHE"), text: textFor(locale(getenv)),
		SourcesFile: sourcelist.Path(getenv)}
	in.Cmd, args = splitCommand(args)
	var month string
	fs := flag.NewFlagSet(commandName(in.Cmd), flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&in.Feed, "feed", in.Feed, "")
	fs.StringVar(&in.Cache, "cache", in.Cache, "")
	fs.BoolVar(&in.Offline, "offline", false, "")
	fs.BoolVar(&in.Demo, "demo", false, "")
	fs.BoolVar(&in.Version, "version", false, "")
	switch in.Cmd {
	case "list", "months", "search", "mark":
		fs.StringVar(&in.Source, "source", "", "")
	}
	switch in.Cmd {
	case "":
		fs.DurationVar(&in.Refresh, "refresh", DefaultRefresh, "")
	case "sync":
		fs.BoolVar(&in.Rebuild, "rebuild", false, "")
	case "list":
		fs.StringVar(&month, "month", "", "")
		fs.BoolVar(&in.Unread, "unread", false, "")
		fs.BoolVar(&in.JSON, "json", false, "")
	case "mark":
		fs.StringVar(&month, "month", "", "")
		fs.BoolVar(&in.Unread, "unread", false, "")
		fs.BoolVar(&in.All, "all", false, "")
	case "months", "search":
		fs.BoolVar(&in.JSON, "json", false, "")
	case "show":
		fs.IntVar(&in.Width, "width", 0, "")
	case "sources":
		fs.BoolVar(&in.JSON, "json", false, "")
		fs.StringVar(&in.Name, "name", "", "")
		fs.BoolVar(&in.Purge, "purge", false, "")
	}
	if err := parseInterspersed(fs, args, &in.Args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			in.Help, in.HelpCmd = true, in.Cmd
			return in, nil
		}
		if in.Cmd == "search" && strings.Contains(err.Error(), "not defined") {
			return nil, fmt.Errorf(`%w: %v (a query that starts with "-" goes after "--": nyss search -- -vård)`, ErrUsage, err)
		}
		return nil, fmt.Errorf("%w: %v", ErrUsage, err)
	}
	if in.Version {
		return in, nil
	}
	in.OneSource = in.Feed != "" || in.Demo || in.Source != ""
	if in.Refresh < 0 {
		return nil, fmt.Errorf("%w: --refresh wants a duration such as 30m, or 0 for never, got %v", ErrUsage, in.Refresh)
	}
	if in.Cmd == "help" {
		return helpInvocation(in)
	}
	n, known := wantArgs[in.Cmd]
	switch {
	case !known:
		return nil, fmt.Errorf("%w: unknown command %q", ErrUsage, in.Cmd)
	case in.Cmd == "search":
		in.Args = []string{strings.TrimSpace(strings.Join(in.Args, " "))}
		if in.Args[0] == "" {
			return nil, fmt.Errorf("%w: %q needs words to search for", ErrUsage, commandName(in.Cmd))
		}
	case in.Cmd == "mark":
		if err := checkMark(in, month); err != nil {
			return nil, err
		}
	case in.Cmd == "sources":
		sub := ""
		if len(in.Args) > 0 {
			sub = in.Args[0]
		}
		want, ok := sourcesArgs[sub]
		switch {
		case !ok:
			return nil, fmt.Errorf("%w: unknown sources command %q (add, rm, import, export)", ErrUsage, sub)
		case sub != "" && len(in.Args)-1 != want:
			return nil, fmt.Errorf("%w: %q takes %d argument(s), got %d", ErrUsage, "nyss sources "+sub, want, len(in.Args)-1)
		}
	case len(in.Args) != n:
		return nil, fmt.Errorf("%w: %q takes %d argument(s), got %d", ErrUsage, commandName(in.Cmd), n, len(in.Args))
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

// checkMark checks mark's arguments: IDs, or --all, which alone takes
// --month.
func checkMark(in *Invocation, month string) error {
	switch {
	case in.All && len(in.Args) > 0:
		return fmt.Errorf("%w: %q takes IDs or --all, not both", ErrUsage, "nyss mark")
	case !in.All && len(in.Args) == 0:
		return fmt.Errorf("%w: %q needs IDs, or --all", ErrUsage, "nyss mark")
	case !in.All && month != "":
		return fmt.Errorf("%w: %q takes --month with --all only", ErrUsage, "nyss mark")
	}
	return nil
}

// splitCommand takes the command out of args: the first word that is
// neither a flag nor a flag's value. Before "--" only.
func splitCommand(args []string) (string, []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return "", args
		case !strings.HasPrefix(a, "-") || a == "-":
			return a, append(slices.Clone(args[:i]), args[i+1:]...)
		case !strings.Contains(a, "=") && valueFlags[strings.TrimLeft(a, "-")]:
			i++ // its value
		}
	}
	return "", args
}

// parseInterspersed parses flags wherever they stand among the positional
// arguments, which it appends to pos. Everything after "--" is positional.
func parseInterspersed(fs *flag.FlagSet, args []string, pos *[]string) error {
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			*pos = append(*pos, rest...)
			return nil
		}
		if len(rest) == 0 {
			return nil
		}
		*pos = append(*pos, rest[0])
		args = rest[1:]
	}
}

// helpInvocation is `nyss help [CMD]`.
func helpInvocation(in *Invocation) (*Invocation, error) {
	switch {
	case len(in.Args) > 1:
		return nil, fmt.Errorf("%w: %q takes at most 1 argument, got %d", ErrUsage, "nyss help", len(in.Args))
	case len(in.Args) == 1:
		if _, ok := commandHelp[in.Args[0]]; !ok {
			return nil, fmt.Errorf("%w: unknown command %q", ErrUsage, in.Args[0])
		}
		in.HelpCmd = in.Args[0]
	}
	in.Help = true
	return in, nil
}

func commandName(cmd string) string { return strings.TrimSpace("nyss " + cmd) }

// HelpText is what a request for help prints: the whole usage, or for one
// command its lines of the usage, what it does, and the flags.
func (in *Invocation) HelpText() string {
	more, ok := commandHelp[in.HelpCmd]
	if !ok {
		return Usage
	}
	var b strings.Builder
	b.WriteString("usage:\n")
	prefix := "  " + commandName(in.HelpCmd) + " "
	for line := range strings.Lines(Usage) {
		if strings.HasPrefix(line, prefix) {
			b.WriteString(line)
		}
	}
	b.WriteString("\n")
	b.WriteString(more)
	b.WriteString("\nflags, before or after the command: --feed URL, --cache PATH, --offline,\n--demo (nyss help has them all)\n")
	return b.String()
}

// MakesCache reports whether the invocation may create the cache file:
// sync and the reader do; the commands that only read find nothing
// cached without one, and leave none behind.
func (in *Invocation) MakesCache() bool {
	// show URL, online, fetches the page and keeps it.
	showsPage := in.Cmd == "show" && !in.Offline && len(in.Args) == 1 && isWebURL(in.Args[0])
	return in.Cmd == "sync" || in.Cmd == "" || showsPage
}

func isWebURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// Run carries out the invocation with the engine: a subcommand, printing
// to stdout and stderr, or the reader.
func (in *Invocation) Run(ctx context.Context, e *feed.Engine, stdout, stderr io.Writer) error {
	c := cli{Engine: e, Source: in.Feed, Out: stdout, Err: stderr, t: in.text}
	switch in.Cmd {
	case "list", "months", "search", "mark":
		if err := c.chooseSources(in); err != nil {
			return err
		}
	}
	switch in.Cmd {
	case "sync":
		if !in.OneSource {
			return c.SyncList(ctx, in.SourcesFile)
		}
		return c.Sync(ctx)
	case "list":
		return c.List(in.Month, in.Unread, in.JSON)
	case "mark":
		return c.Mark(in.Args, in.All, in.Month, !in.Unread)
	case "months":
		return c.Months(in.JSON)
	case "search":
		return c.Search(in.Args[0], in.JSON)
	case "show":
		return c.Show(ctx, in.Args[0], in.Width)
	case "sources":
		return c.Sources(ctx, in)
	}
	return runReader(ctx, e, in)
}

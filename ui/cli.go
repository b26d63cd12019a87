package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"

	"nyss/feed"
)

// cli runs the subcommands other than the reader: each reads or syncs
// one source through the engine and prints to Out, with progress and
// warnings on Err. Out being a terminal decides between Glamour and plain
// Markdown for show.
type cli struct {
	Engine *feed.Engine
	Source string // the source URL as the user gave it
	// ReadAll, when set, are the sources list, months and search read
	// together: the list's, that the cache holds.
	ReadAll  []string
	Out, Err io.Writer
	t        text // the language of what it says to a person; JSON has none
}

func (c cli) query() feed.Query {
	if len(c.ReadAll) > 0 {
		return feed.Query{Sources: c.ReadAll}
	}
	return feed.Query{Sources: []string{c.Source}}
}

// Sync fetches the source and prints the summary; progress goes to Err
// when that is a terminal.
func (c cli) Sync(ctx context.Context) error {
	if c.Engine.Client == nil {
		return errors.New(c.t.syncNeedsNetwork)
	}
	var progress func(feed.Progress)
	if isTerminal(c.Err) {
		progress = func(p feed.Progress) {
			fmt.Fprintf(c.Err, "\r\x1b[K%s %d/%d", c.t.stage(p.Stage), p.Done, p.Total)
		}
	}
	rep, err := c.Engine.Sync(ctx, c.Source, progress)
	if progress != nil {
		fmt.Fprint(c.Err, "\r\x1b[K") // the summary or the error takes the line
	}
	if err != nil {
		return err
	}
	return printSyncReport(c.Out, rep, c.t)
}

// List prints the headlines, newest first, of one month or all, and
// only the unread ones when unread is set.
func (c cli) List(month feed.Month, unread, asJSON bool) error {
	q := c.query()
	q.Month, q.Unread = month, unread
	if !asJSON {
		// The text list needs only headlines, which read much faster.
		hs, err := c.Engine.Headlines(q)
		if err != nil {
			return err
		}
		return printHeadlines(c.Out, hs)
	}
	items, err := c.Engine.Items(q)
	if err != nil {
		return err
	}
	return printItems(c.Out, items, true)
}

// Months prints every month that has news, with its count.
func (c cli) Months(asJSON bool) error {
	months, err := c.Engine.Months(c.query())
	if err != nil {
		return err
	}
	return printMonths(c.Out, months, asJSON, c.t)
}

// Search prints the items that match query, best first; none is an
// error, exit 1.
func (c cli) Search(query string, asJSON bool) error {
	q := c.query()
	q.Text = query
	items, err := c.Engine.Search(q, 100)
	if err != nil {
		return err
	}
	if err := printItems(c.Out, items, asJSON); err != nil {
		return err
	}
	if len(items) == 0 {
		// As grep: a script can tell "nothing found" by the status, and
		// still gets [] to parse.
		return fmt.Errorf(c.t.noMatches, query)
	}
	return nil
}

// Mark sets the read state of the items refs name, or with all of every
// item in month ("": every month), and then says how many it changed.
func (c cli) Mark(refs []string, all bool, month feed.Month, read bool) error {
	q := c.query()
	if !all {
		return c.Engine.MarkItems(q, refs, read)
	}
	q.Month = month
	n, err := c.Engine.MarkShown(q, read)
	if err != nil {
		return err
	}
	said := c.t.markedRead
	if !read {
		said = c.t.markedUnread
	}
	_, err = fmt.Fprintln(c.Out, said(n))
	return err
}

// Show prints one article, found by ID or URL, by the engine's rule: one
// not cached yet is fetched now; where that cannot be done, the feed's
// summary is shown with a line saying why.
func (c cli) Show(ctx context.Context, ref string, width int) error {
	r, err := c.Engine.Article(ctx, c.query(), ref)
	if err != nil {
		return err
	}
	t := c.t
	if r.Note == feed.NoteFailed {
		fmt.Fprintf(c.Err, "nyss: "+t.showingSummary+"\n", errorText(r.Err))
	}
	md := articleMarkdown(r, noteText(r, t), true)
	var links []string
	if r.Article != nil {
		links = r.Article.Links
	}
	if !isTerminal(c.Out) {
		// Piped, it stays Markdown, with the URLs as reference links at
		// the end.
		_, err = io.WriteString(c.Out, referenceLinks(md, links))
		return err
	}
	if width <= 0 {
		width = terminalWidth(c.Out)
	}
	style := styleDark
	if os.Getenv("NO_COLOR") != "" {
		style = stylePlain
	}
	out, err := render(displayLinks(md), width, style, t.imageWord)
	if err != nil {
		return err
	}
	st := newStyles(true, style == stylePlain)
	if lines := linkLines(links, t.linksHeading, st); len(lines) > 0 {
		out = strings.TrimRight(out, "\n ") + "\n\n" + strings.Join(lines, "\n") + "\n\n"
	}
	_, err = io.WriteString(c.Out, out)
	return err
}

// Message is err as the one line a person reads after "nyss: ", in their
// language where nyss says it itself; what a server or the system said
// stays as it came.
func (in *Invocation) Message(err error) string {
	t := in.text
	var (
		nc *feed.NotCachedError
		nf *feed.NotFoundError
	)
	switch {
	case errors.As(err, &nc):
		msg := fmt.Sprintf(t.notCachedSource, nc.URL)
		if len(nc.Cached) > 0 {
			msg += fmt.Sprintf(t.cacheHolds, strings.Join(nc.Cached, ", "))
		}
		return msg
	case errors.As(err, &nf) && nf.Source != "":
		return fmt.Sprintf(t.notInCacheOf, nf.Ref, nf.Source)
	case errors.As(err, &nf):
		return fmt.Sprintf(t.notInCache, nf.Ref)
	}
	kind, path, cause, ok := feed.CacheProblem(err)
	switch {
	case !ok:
		return err.Error()
	case kind == feed.ErrCacheDamaged:
		return fmt.Sprintf(t.cacheDamaged, path, cause)
	case kind == feed.ErrCacheFull:
		return fmt.Sprintf(t.cacheFull, path)
	}
	return fmt.Sprintf(t.cacheNotWritable, path, cause)
}

// MovedAside is what sync --rebuild says when it moved the cache file
// aside to path.
func (in *Invocation) MovedAside(path string) string {
	return fmt.Sprintf(in.text.movedAside, path)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// terminalWidth is the width to wrap show's output at: the terminal's, but
// no wider than reads well.
func terminalWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if width, _, err := term.GetSize(f.Fd()); err == nil && width > 0 {
			return min(width, 120)
		}
	}
	return 80
}

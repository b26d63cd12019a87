package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/term"

	"nyss/feed"
	"nyss/feed/store"
)

// Commands are the subcommands other than the reader: each reads or syncs
// one source and prints to Out, with progress and warnings on Err. Out
// being a terminal decides between Glamour and plain Markdown for show.
type Commands struct {
	Engine   *feed.Engine
	Source   string // the source URL as the user gave it
	Out, Err io.Writer
}

// Sync fetches the source and prints the summary; progress goes to Err
// when that is a terminal.
func (c Commands) Sync(ctx context.Context) error {
	e := c.Engine
	if e.Client == nil {
		return errors.New("sync needs the network, and --offline was given")
	}
	progress := isTerminal(c.Err)
	if progress {
		e.Progress = func(p feed.Progress) {
			fmt.Fprintf(c.Err, "\r\x1b[K%s %d/%d", p.Stage, p.Done, p.Total)
		}
	}
	rep, err := e.Sync(ctx, c.Source)
	if progress {
		fmt.Fprint(c.Err, "\r\x1b[K") // the summary or the error takes the line
	}
	if err != nil {
		return err
	}
	return PrintSyncReport(c.Out, rep)
}

// List prints the headlines, newest first; month "YYYY-MM" keeps one.
func (c Commands) List(month string, asJSON bool) error {
	src, err := c.cachedSource()
	if err != nil {
		return err
	}
	if !asJSON {
		// The text list needs only headlines, which read much faster.
		hs, err := c.Engine.Store.Headlines(src.ID, month)
		if err != nil {
			return err
		}
		return PrintHeadlines(c.Out, hs)
	}
	items, err := c.Engine.Store.Items(src.ID, month)
	if err != nil {
		return err
	}
	return PrintItems(c.Out, items, true)
}

// Months prints every month that has news, with its count.
func (c Commands) Months(asJSON bool) error {
	src, err := c.cachedSource()
	if err != nil {
		return err
	}
	months, err := c.Engine.Store.Months(src.ID)
	if err != nil {
		return err
	}
	return PrintMonths(c.Out, months, asJSON)
}

// Search prints the items that match query, best first.
func (c Commands) Search(query string, asJSON bool) error {
	src, err := c.cachedSource()
	if err != nil {
		return err
	}
	items, err := c.Engine.Store.Search(src.ID, query, 100)
	if err != nil {
		return err
	}
	return PrintItems(c.Out, items, asJSON)
}

// Show prints one article, found by ID or URL. One not cached yet is
// fetched now; where that cannot be done, the feed's summary is shown with
// a line saying why.
func (c Commands) Show(ctx context.Context, ref string, width int) error {
	e := c.Engine
	src, err := c.cachedSource()
	if err != nil {
		return err
	}
	var it store.Item
	if id, convErr := strconv.ParseInt(ref, 10, 64); convErr == nil {
		it, err = e.Store.Item(id)
	} else {
		it, err = e.Store.ItemByURL(src.ID, ref)
	}
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%s is not in the cache of %s (see nyss list)", ref, c.Source)
	} else if err != nil {
		return err
	}
	a, cached, err := e.Store.Article(it.ID)
	if err != nil {
		return err
	}
	var article *store.Article
	note := ""
	switch {
	case cached:
		article = &a
	case e.Client == nil:
		note = "offline: the article is not cached, this is the feed's summary"
	default:
		a, err = e.FetchArticle(ctx, it)
		if err != nil {
			note = "the article could not be fetched, this is the feed's summary"
			fmt.Fprintf(c.Err, "nyss: %s; showing the cached summary\n", strings.Join(strings.Fields(err.Error()), " "))
		} else {
			article = &a
		}
	}
	md := ArticleMarkdown(it, article, note)
	if !isTerminal(c.Out) {
		_, err = io.WriteString(c.Out, md)
		return err
	}
	if width <= 0 {
		width = terminalWidth(c.Out)
	}
	style := StyleDark
	if os.Getenv("NO_COLOR") != "" {
		style = StylePlain
	}
	out, err := Render(md, width, style)
	if err != nil {
		return err
	}
	_, err = io.WriteString(c.Out, out)
	return err
}

// cachedSource finds the source in the cache by the URL it was given as.
func (c Commands) cachedSource() (store.Source, error) {
	src, ok, err := c.Engine.Store.Source(c.Source)
	if err != nil {
		return src, err
	}
	if !ok {
		return src, fmt.Errorf("nothing cached for %s yet: run nyss sync first", c.Source)
	}
	return src, nil
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

package ui

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"nyss/feed"
	"nyss/feed/sanitize"
)

// All I/O of the reader happens here, in commands that Bubble Tea runs off
// the update loop: reads through the engine, the sync, article fetches,
// Glamour, the browser. Each answers with one small message.

// loadedMsg carries the source and its items, read from the cache. A
// partial load holds only the newest month: enough for the first frame,
// while the whole list is still being read.
type loadedMsg struct {
	src     feed.SourceInfo
	found   bool // the source has been synced before
	items   []feed.Item
	partial bool
	total   int // of a partial load: how many items the cache holds
	err     error
}

// syncDoneMsg ends a background sync.
type syncDoneMsg struct {
	report *feed.Report
	err    error
}

// articleMsg carries an article as the engine's rule has it so far: cached,
// pending (a fetch follows), or the summary with a note.
type articleMsg struct {
	reading feed.Reading
	id      int64 // the item asked for, also when err is set
	err     error
}

// renderedMsg is Glamour's output for one page at one width and style.
type renderedMsg struct {
	key renderKey
	out string
	err error
}

// hitsMsg is the full-text search's answer for query.
type hitsMsg struct {
	query string
	hits  []feed.Hit
	err   error
}

// maxHits bounds what one search lists: more than a screenful many times
// over, and the cost of snippets stays bounded.
const maxHits = 1000

// hitsCmd searches the source for query: title, summary and article.
func hitsCmd(e *feed.Engine, source, query string) tea.Cmd {
	return func() tea.Msg {
		hits, err := e.Hits(feed.Query{Sources: []string{source}, Text: query}, maxHits)
		return hitsMsg{query: query, hits: hits, err: err}
	}
}

// browsedMsg says how handing a URL to the browser went.
type browsedMsg struct {
	url string
	err error
}

// load reads the source's items from the cache, all of them.
func load(e *feed.Engine, sourceURL string) tea.Msg {
	src, found, err := e.Source(sourceURL)
	if err != nil || !found {
		return loadedMsg{src: src, err: err}
	}
	items, err := e.Items(feed.Query{Sources: []string{sourceURL}})
	return loadedMsg{src: src, found: true, items: items, err: err}
}

func loadCmd(e *feed.Engine, sourceURL string) tea.Cmd {
	return func() tea.Msg { return load(e, sourceURL) }
}

// firstLoadCmd reads only the newest month: with years of news in the
// cache, reading every item takes longer than a first frame may. The
// update that receives it asks for the rest.
func firstLoadCmd(e *feed.Engine, sourceURL string) tea.Cmd {
	return func() tea.Msg {
		q := feed.Query{Sources: []string{sourceURL}}
		src, found, err := e.Source(sourceURL)
		if err != nil || !found {
			return loadedMsg{src: src, err: err}
		}
		months, err := e.Months(q)
		if err != nil || len(months) < 2 {
			return load(e, sourceURL)
		}
		q.Month = months[0].Month
		items, err := e.Items(q)
		if err != nil {
			return load(e, sourceURL)
		}
		total := 0
		for _, m := range months {
			total += m.Count
		}
		return loadedMsg{src: src, found: true, items: items, partial: true, total: total}
	}
}

func syncCmd(ctx context.Context, e *feed.Engine, sourceURL string, progress func(feed.Progress)) tea.Cmd {
	return func() tea.Msg {
		rep, err := e.Sync(ctx, sourceURL, progress)
		return syncDoneMsg{report: rep, err: err}
	}
}

// articleCmd reads an article as far as the cache goes.
func articleCmd(e *feed.Engine, id int64) tea.Cmd {
	return func() tea.Msg {
		r, err := e.CachedArticle(id)
		return articleMsg{reading: r, id: id, err: err}
	}
}

// fetchArticleCmd fetches a pending article.
func fetchArticleCmd(ctx context.Context, e *feed.Engine, r feed.Reading) tea.Cmd {
	return func() tea.Msg {
		return articleMsg{reading: e.FetchArticle(ctx, r), id: r.Item.ID}
	}
}

func markReadCmd(e *feed.Engine, id int64) tea.Cmd {
	return func() tea.Msg {
		_ = e.MarkRead([]int64{id}, true) // read state is a nicety; a failed write loses nothing else
		return nil
	}
}

// renderCmd runs Glamour off the update loop: a long article takes several
// milliseconds, more than a frame.
func renderCmd(key renderKey, md string) tea.Cmd {
	return func() tea.Msg {
		out, err := render(md, key.width, key.style, key.image)
		return renderedMsg{key: key, out: out, err: err}
	}
}

func browseCmd(open func(string) error, url string) tea.Cmd {
	return func() tea.Msg {
		return browsedMsg{url: url, err: open(url)}
	}
}

// browserArgv is the command line that $BROWSER asks for to open url, as
// newsboat, lynx and git read it: a list of commands separated by ':', the
// first that is installed wins, and %s in one stands for the URL, which is
// otherwise appended. ok is false when none of them is installed.
func browserArgv(env, url string) (argv []string, ok bool) {
	for _, entry := range strings.Split(env, ":") {
		fields := strings.Fields(entry)
		if len(fields) == 0 {
			continue
		}
		if _, err := exec.LookPath(fields[0]); err != nil {
			continue
		}
		substituted := false
		for i, f := range fields[1:] {
			if strings.Contains(f, "%s") {
				fields[i+1] = strings.ReplaceAll(f, "%s", url)
				substituted = true
			}
		}
		if !substituted {
			fields = append(fields, url)
		}
		return fields, true
	}
	return nil, false
}

// browserCmd opens url with the $BROWSER command line. It gets the terminal
// for as long as it runs, as in newsboat: $BROWSER is often lynx or w3m,
// which need the screen, and the reader is drawn again when it ends.
func browserCmd(argv []string, url string) tea.Cmd {
	c := exec.Command(argv[0], argv[1:]...)
	return tea.ExecProcess(c, func(err error) tea.Msg {
		if err != nil {
			err = fmt.Errorf("%s: %w", argv[0], err)
		}
		return browsedMsg{url: url, err: err}
	})
}

// openInBrowser hands a URL to the desktop's opener. Its output is thrown
// away: a word from xdg-open on the terminal would tear the screen.
func openInBrowser(url string) error {
	name := "xdg-open"
	if runtime.GOOS == "darwin" {
		name = "open"
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return noOpenerError{name}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := exec.CommandContext(ctx, path, url).Run(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// noOpenerError says there is no program to hand a URL to.
type noOpenerError struct{ name string }

func (e noOpenerError) Error() string { return e.name + " is not installed" }

// errorText is an error as one line for the message line: errors can
// carry text from the network (a URL, a server's words).
func errorText(err error) string {
	if errors.Is(err, context.DeadlineExceeded) {
		return "timeout"
	}
	return sanitize.Line(err.Error())
}

// progressBox holds the latest progress of a sync. The engine writes it from
// the syncing goroutine; the spinner's tick reads it, so progress shows at
// the spinner's pace and never queues up messages.
type progressBox struct {
	mu sync.Mutex
	p  feed.Progress
}

func (b *progressBox) set(p feed.Progress) {
	b.mu.Lock()
	b.p = p
	b.mu.Unlock()
}

func (b *progressBox) get() feed.Progress {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.p
}

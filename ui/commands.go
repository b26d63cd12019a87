package ui

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os/exec"
	"runtime"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"nyss/feed"
	"nyss/feed/sanitize"
	"nyss/feed/store"
)

// All I/O of the reader happens here, in commands that Bubble Tea runs off
// the update loop: cache reads, the sync, article fetches, Glamour, the
// browser. Each answers with one small message.

// loadedMsg carries the source and its items, read from the cache. A
// partial load holds only the newest month: enough for the first frame,
// while the whole list is still being read.
type loadedMsg struct {
	src     store.Source
	found   bool // the source has been synced before
	items   []store.Item
	partial bool
	total   int // of a partial load: the dated items in the cache
	err     error
}

// syncDoneMsg ends a background sync.
type syncDoneMsg struct {
	report *feed.Report
	err    error
}

// articleMsg carries an item and its article: from the cache (fetched is
// false; article nil when not cached) or just fetched from the network.
type articleMsg struct {
	item    store.Item
	article *store.Article
	fetched bool
	err     error
}

// renderedMsg is Glamour's output for one page at one width and style.
type renderedMsg struct {
	key renderKey
	out string
	err error
}

// openedMsg says how handing a URL to the browser went.
type openedMsg struct {
	url string
	err error
}

// linkTimeoutMsg ends the wait for a second digit of a link number.
type linkTimeoutMsg struct{ seq int }

// loadCmd reads the source's items from the cache, all of them.
func loadCmd(st *store.Store, sourceURL string) tea.Cmd {
	return func() tea.Msg {
		src, found, err := st.Source(sourceURL)
		if err != nil || !found {
			return loadedMsg{err: err}
		}
		items, err := st.Items(src.ID, "")
		return loadedMsg{src: cleanSource(src), found: true, items: cleanItems(items), err: err}
	}
}

// firstLoadCmd reads only the newest month, through the month index: with
// years of news in the cache, reading every item takes longer than a first
// frame may. The update that receives it asks for the rest.
func firstLoadCmd(st *store.Store, sourceURL string) tea.Cmd {
	return func() tea.Msg {
		src, found, err := st.Source(sourceURL)
		if err != nil || !found {
			return loadedMsg{err: err}
		}
		months, err := st.Months(src.ID)
		if err != nil || len(months) == 0 {
			return loadCmd(st, sourceURL)()
		}
		items, err := st.Items(src.ID, months[0].Month)
		if err != nil {
			return loadCmd(st, sourceURL)()
		}
		total := 0
		for _, m := range months {
			total += m.Count
		}
		return loadedMsg{src: cleanSource(src), found: true, items: cleanItems(items), partial: true, total: total}
	}
}

func syncCmd(ctx context.Context, e *feed.Engine, sourceURL string) tea.Cmd {
	return func() tea.Msg {
		rep, err := e.Sync(ctx, sourceURL)
		return syncDoneMsg{report: rep, err: err}
	}
}

// articleCmd reads an item and its article from the cache.
func articleCmd(st *store.Store, itemID int64) tea.Cmd {
	return func() tea.Msg {
		it, err := st.Item(itemID)
		if err != nil {
			return articleMsg{item: store.Item{ID: itemID}, err: err}
		}
		it = cleanItem(it)
		a, ok, err := st.Article(itemID)
		if err != nil || !ok {
			return articleMsg{item: it, err: err}
		}
		a = cleanArticle(a)
		return articleMsg{item: it, article: &a}
	}
}

// fetchArticleCmd fetches an article that is not cached yet.
func fetchArticleCmd(ctx context.Context, e *feed.Engine, it store.Item) tea.Cmd {
	return func() tea.Msg {
		a, err := e.FetchArticle(ctx, it)
		if err != nil {
			return articleMsg{item: it, fetched: true, err: err}
		}
		a = cleanArticle(a)
		return articleMsg{item: it, article: &a, fetched: true}
	}
}

func markReadCmd(st *store.Store, id int64) tea.Cmd {
	return func() tea.Msg {
		_ = st.MarkRead(id, true) // read state is a nicety; a failed write loses nothing else
		return nil
	}
}

// renderCmd runs Glamour off the update loop: a long article takes several
// milliseconds, more than a frame.
func renderCmd(key renderKey, md string) tea.Cmd {
	return func() tea.Msg {
		out, err := Render(md, key.width, key.style)
		return renderedMsg{key: key, out: out, err: err}
	}
}

func openCmd(open func(string) error, url string) tea.Cmd {
	return func() tea.Msg {
		return openedMsg{url: url, err: open(url)}
	}
}

func linkTimeout(seq int) tea.Cmd {
	return tea.Tick(700*time.Millisecond, func(time.Time) tea.Msg { return linkTimeoutMsg{seq} })
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

// The cache holds what the engine sanitized; the reader cleans it again
// before drawing it, because a terminal obeys whatever escape reaches it.

// cleanItems cleans what the list draws: the titles. Summaries and URLs
// are cleaned where they are used (cleanItem), which keeps a cache of
// 10,000 items quick to list.
func cleanItems(items []store.Item) []store.Item {
	for i := range items {
		items[i].Title = sanitize.Line(items[i].Title)
	}
	return items
}

func cleanItem(it store.Item) store.Item {
	it.Title = sanitize.Line(it.Title)
	it.Summary = sanitize.Text(it.Summary)
	it.URL = sanitize.URL(it.URL)
	return it
}

func cleanSource(src store.Source) store.Source {
	src.Title = sanitize.Line(src.Title)
	return src
}

func cleanArticle(a store.Article) store.Article {
	a.Title = sanitize.Line(a.Title)
	a.URL = sanitize.URL(a.URL)
	a.Markdown = sanitize.Text(a.Markdown)
	links := make([]string, len(a.Links))
	for i, l := range a.Links {
		links[i] = sanitize.URL(l)
	}
	a.Links = links
	related := make([]store.Related, len(a.Related))
	for i, r := range a.Related {
		r.Title, r.URL = sanitize.Line(r.Title), sanitize.URL(r.URL)
		related[i] = r
	}
	a.Related = related
	return a
}

// errorText is an error as one clean line for the message line.
func errorText(err error) string {
	if errors.Is(err, context.DeadlineExceeded) {
		return "timeout"
	}
	return sanitize.Line(err.Error())
}

// renderKey names one rendering: the Markdown (by hash), the wrap width and
// the Glamour style. A resize or a new background renders again; going back
// and forth between widths does not.
type renderKey struct {
	sum   uint64
	width int
	style string
}

func newRenderKey(md string, width int, style string) renderKey {
	h := fnv.New64a()
	h.Write([]byte(md))
	return renderKey{sum: h.Sum64(), width: width, style: style}
}

// renderCache keeps recent renderings. It is only touched from the update
// loop; the pointer is shared by every copy of the model.
type renderCache struct {
	out   map[renderKey]string
	order []renderKey
}

const renderCacheSize = 64

func newRenderCache() *renderCache { return &renderCache{out: map[renderKey]string{}} }

func (c *renderCache) get(k renderKey) (string, bool) {
	s, ok := c.out[k]
	return s, ok
}

func (c *renderCache) put(k renderKey, s string) {
	if _, ok := c.out[k]; ok {
		return
	}
	if len(c.order) >= renderCacheSize {
		delete(c.out, c.order[0])
		c.order = c.order[1:]
	}
	c.out[k] = s
	c.order = append(c.order, k)
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

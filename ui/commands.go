package ui

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"runtime"
	"runtime/debug"
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
	items   []feed.Headline
	partial bool
	total   int // of a partial load: how many items the cache holds
	// first is the first headline's item read whole, when the first
	// frame's read has it: its preview is complete on the first frame.
	first feed.Item
	err   error
}

// syncDoneMsg ends a background sync.
type syncDoneMsg struct {
	report *feed.Report
	err    error
	failed []string // of several sources, those that did not come
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

// hitsCmd searches the sources for query: title, summary and article.
func hitsCmd(e *feed.Engine, set readSet, query string) tea.Cmd {
	return func() tea.Msg {
		q, err := set.held(e)
		if err != nil {
			return hitsMsg{query: query, err: err}
		}
		q.Text = query
		hits, err := e.Hits(q, maxHits)
		return hitsMsg{query: query, hits: hits, err: err}
	}
}

// browsedMsg says how handing a URL to the browser went.
type browsedMsg struct {
	url string
	err error
}

// readSet is what the reader reads: one source, or the sources of the
// list together under one name ("Alla källor").
type readSet struct {
	urls []string
	all  string // the name of them together; "" for one source
}

// info is what the cache knows of the set: of one source, its own; of
// several, the newest fetch of those it holds, under the set's name.
// found is whether it holds any.
func (s readSet) info(e *feed.Engine) (info feed.SourceInfo, found bool, err error) {
	if s.all == "" {
		return e.Source(s.urls[0])
	}
	info.Title = s.all
	var held []string
	for _, url := range s.urls {
		src, ok, err := e.Source(url)
		if err != nil {
			return info, false, err
		}
		if !ok {
			continue
		}
		held = append(held, url)
		if src.CheckedAt.After(info.CheckedAt) {
			info.CheckedAt = src.CheckedAt
		}
		if src.ChangedAt.After(info.ChangedAt) {
			info.ChangedAt = src.ChangedAt
		}
	}
	return info, len(held) > 0, nil
}

// held is the query of the set's sources that the cache holds: a source
// of the list never synced is no error, only empty.
func (s readSet) held(e *feed.Engine) (feed.Query, error) {
	if s.all == "" {
		return feed.Query{Sources: s.urls}, nil
	}
	var q feed.Query
	for _, url := range s.urls {
		_, ok, err := e.Source(url)
		if err != nil {
			return q, err
		}
		if ok {
			q.Sources = append(q.Sources, url)
		}
	}
	return q, nil
}

// load reads the set's items from the cache, all of them.
func load(e *feed.Engine, set readSet) tea.Msg {
	src, found, err := set.info(e)
	if err != nil || !found {
		return loadedMsg{src: src, err: err}
	}
	q, err := set.held(e)
	if err != nil {
		return loadedMsg{src: src, err: err}
	}
	items, err := e.Headlines(q)
	return loadedMsg{src: src, found: true, items: items, err: err}
}

func loadCmd(e *feed.Engine, set readSet) tea.Cmd {
	return func() tea.Msg { return load(e, set) }
}

// firstLoadCmd reads only the newest month: with years of news in the
// cache, reading every item takes longer than a first frame may. The
// update that receives it asks for the rest.
func firstLoadCmd(e *feed.Engine, set readSet) tea.Cmd {
	return func() tea.Msg {
		src, found, err := set.info(e)
		if err != nil || !found {
			return loadedMsg{src: src, err: err}
		}
		q, err := set.held(e)
		if err != nil {
			return load(e, set)
		}
		// Counting every month costs more than the rest of the first
		// frame; the newest month and a total are enough for it.
		newest, total, several, err := e.NewestMonth(q)
		if err != nil || !several {
			return load(e, set)
		}
		q.Month = newest
		items, err := e.Headlines(q)
		if err != nil {
			return load(e, set)
		}
		msg := loadedMsg{src: src, found: true, items: items, partial: true, total: total}
		if len(items) > 0 {
			msg.first, _ = e.Item(items[0].ID)
		}
		return msg
	}
}

// readRestMsg asks for the whole list, once the first frame is out; waits
// counts the frames it has waited for an article to show.
type readRestMsg struct{ waits int }

// maxRestWaits bounds that wait: an article that never shows does not
// keep the list at its first month.
const maxRestWaits = 20

// itemMsg carries an item read whole (itemCmd).
type itemMsg struct{ item feed.Item }

// copyMsg asks for url to be put on the clipboard.
type copyMsg struct{ url string }

// itemCmd reads item id with its summary and link.
func itemCmd(e *feed.Engine, id int64) tea.Cmd {
	return func() tea.Msg {
		it, err := e.Item(id)
		if err != nil {
			return nil // the preview shows the headline alone
		}
		return itemMsg{it}
	}
}

// itemLinkCmd reads item id's link and hands it to then.
func itemLinkCmd(e *feed.Engine, id int64, then func(url string) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		it, _ := e.Item(id) // no item, no link: then says so
		return then(it.URL)
	}
}

// giveBackMemory returns to the system what reading the whole list left
// behind (the rows as the driver read them, the list it replaced): left to
// itself, Go keeps it for minutes, and a reader that stays open all day
// should hold only what it shows.
func giveBackMemory() tea.Msg {
	debug.SetGCPercent(100)
	debug.FreeOSMemory()
	return nil
}

// startFirstLoad begins firstLoadCmd's read at once; the command it
// returns waits for the answer.
func startFirstLoad(e *feed.Engine, set readSet) tea.Cmd {
	answer := make(chan tea.Msg, 1)
	go func() { answer <- firstLoadCmd(e, set)() }()
	return func() tea.Msg { return <-answer }
}

func syncCmd(ctx context.Context, e *feed.Engine, set readSet, progress func(feed.Progress)) tea.Cmd {
	if set.all == "" {
		return func() tea.Msg {
			rep, err := e.Sync(ctx, set.urls[0], progress)
			return syncDoneMsg{report: rep, err: err}
		}
	}
	return func() tea.Msg {
		progress(feed.Progress{Stage: feed.StageFeed, Total: len(set.urls)})
		return syncedAll(e.SyncAll(ctx, set.urls))
	}
}

// syncedAll is the syncs of several sources as one: their counts added,
// unchanged when every one was, failed when none came. The sources that
// failed while others came are named.
func syncedAll(results []feed.SyncResult) syncDoneMsg {
	rep := &feed.Report{NotModified: true}
	var msg syncDoneMsg
	came := 0
	for _, r := range results {
		if r.Err != nil {
			msg.failed = append(msg.failed, r.URL)
			msg.err = r.Err
			continue
		}
		came++
		rep.NotModified = rep.NotModified && r.Report.NotModified
		rep.Items.New += r.Report.Items.New
		rep.Items.Updated += r.Report.Items.Updated
		rep.Items.Unchanged += r.Report.Items.Unchanged
		rep.Articles.Fetched += r.Report.Articles.Fetched
		rep.Articles.Unchanged += r.Report.Articles.Unchanged
		rep.Articles.Failures = append(rep.Articles.Failures, r.Report.Articles.Failures...)
	}
	if came > 0 {
		msg.report, msg.err = rep, nil
	}
	return msg
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
		out, err := render(displayLinks(md), key.width, key.style, key.image)
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

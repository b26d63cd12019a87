package feed

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"nyss/feed/sanitize"
	"nyss/feed/store"
)

// The engine's read side: what the reader and the commands show. Nothing
// outside feed reads the cache; everything read here passes the sanitizer
// on its way out, whatever wrote the cache, so that no escape sequence
// stored by an older version or another program reaches a terminal.

// Query says which items a read covers.
type Query struct {
	// Sources are the sources as the user gave them (their URLs); nil is
	// every source the cache holds. One that was never synced is an error
	// (*NotCachedError).
	Sources []string
	Month   Month  // "": every month; Undated: only the undated items
	Text    string // words that must all occur in title, summary or article; "": any
	Unread  bool   // only the items not read yet
}

// Headline is what a list of headlines draws of an item.
type Headline struct {
	ID        int64
	Title     string    // one line
	Published time.Time // zero: undated
	Month     Month     // of Published in the reader's zone; Undated when there is no date
	Cached    bool      // the whole article is stored
	Read      bool
	Source    string // the URL of its source, as the user gave it
}

// Item is one news item with its summary.
type Item struct {
	Headline
	URL     string
	Summary string // plain text, paragraphs kept
}

// MonthCount is how many items one month has, and how many of them are
// unread.
type MonthCount struct {
	Month  Month
	Count  int
	Unread int
}

// SourceInfo is what the status line says of a source.
type SourceInfo struct {
	URL       string    // as the user gave it
	Title     string    // the feed's own name, one line; "" until it was fetched
	CheckedAt time.Time // last successful fetch (200 or 304); zero if never
	ChangedAt time.Time // last fetch that brought a changed feed
}

// NotCachedError is a read of a source that was never synced.
type NotCachedError struct {
	URL    string
	Cached []string // the sources the cache does hold, as their users gave them
}

func (e *NotCachedError) Error() string {
	msg := fmt.Sprintf("nothing cached for %s yet: run nyss sync first", e.URL)
	if len(e.Cached) > 0 {
		msg += "; the cache holds only " + strings.Join(e.Cached, ", ") + " (--feed URL reads one)"
	}
	return msg
}

// notCached is the error for a source the cache does not hold, naming the
// ones it does: offline, the user may have meant one of them.
func (e *Engine) notCached(url string) error {
	nc := &NotCachedError{URL: url}
	srcs, err := e.Store.Sources()
	if err != nil {
		return err
	}
	for _, src := range srcs {
		if src.URL != PagesSource {
			nc.Cached = append(nc.Cached, sanitize.Line(src.URL))
		}
	}
	return nc
}

func (e *Engine) loc() *time.Location {
	if e.Location != nil {
		return e.Location
	}
	return time.Local
}

// Source returns what the cache knows of the source given as url; ok is
// false when it was never synced.
func (e *Engine) Source(url string) (info SourceInfo, ok bool, err error) {
	src, ok, err := e.Store.Source(url)
	if err != nil || !ok {
		return SourceInfo{URL: url}, false, err
	}
	return SourceInfo{URL: src.URL, Title: sanitize.Line(src.Title), CheckedAt: src.CheckedAt, ChangedAt: src.ChangedAt}, true, nil
}

// filter turns a query into the store's terms: sources by ID, a month by
// its range of instants in the reader's zone.
func (e *Engine) filter(q Query) (store.Filter, error) {
	f := store.Filter{Unread: q.Unread, Match: q.Text}
	for _, url := range q.Sources {
		src, ok, err := e.Store.Source(url)
		if err != nil {
			return f, err
		}
		if !ok {
			return f, e.notCached(url)
		}
		f.Sources = append(f.Sources, src.ID)
	}
	if q.Month == Undated {
		f.Undated = true
	} else if from, to, ok := q.Month.span(e.loc()); ok {
		f.From, f.To = from, to
	} else if q.Month != "" {
		return f, fmt.Errorf("no such month: %q", q.Month)
	}
	return f, nil
}

// Headlines lists the query's headlines newest first, the undated last.
// Listing one source whole reads its snapshot; when that was stale, the
// list read instead is kept as the new one, unless the cache is read-only.
func (e *Engine) Headlines(q Query) ([]Headline, error) {
	f, err := e.filter(q)
	if err != nil {
		return nil, err
	}
	var (
		rows  []store.Headline
		stale []*store.Snapshot
	)
	if f.WholeSources() {
		// Several sources whole: each from its snapshot, merged.
		rows, stale, err = e.Store.HeadlinesOf(f.Sources)
	} else {
		var st *store.Snapshot
		rows, st, err = e.Store.Headlines(f)
		if st != nil {
			stale = append(stale, st)
		}
	}
	if err != nil {
		return nil, err
	}
	for _, st := range stale {
		if e.Store.ReadOnly() {
			break
		}
		// Best effort: a snapshot that cannot be written is read from the
		// items next time too.
		_ = e.Store.SaveSnapshot(st)
	}
	months := newMonthCache(e.loc())
	urls, err := e.sourceURLs()
	if err != nil {
		return nil, err
	}
	out := make([]Headline, len(rows))
	for i, h := range rows {
		out[i] = Headline{ID: h.ID, Title: sanitize.Line(h.Title), Published: h.Published,
			Month: months.of(h.Published), Cached: h.Cached, Read: h.Read, Source: urls[h.SourceID]}
	}
	return out, nil
}

// sourceURLs maps each source's ID to its URL as the user gave it.
func (e *Engine) sourceURLs() (map[int64]string, error) {
	srcs, err := e.Store.Sources()
	if err != nil {
		return nil, err
	}
	urls := make(map[int64]string, len(srcs))
	for _, s := range srcs {
		urls[s.ID] = sanitize.Line(s.URL)
	}
	return urls, nil
}

// Items lists the query's items with their summaries, in the order of
// Headlines.
func (e *Engine) Items(q Query) ([]Item, error) {
	f, err := e.filter(q)
	if err != nil {
		return nil, err
	}
	rows, err := e.Store.Items(f)
	return e.items(rows), err
}

// Item reads one item with its summary and link.
func (e *Engine) Item(id int64) (Item, error) {
	it, err := e.Store.Item(id)
	if err != nil {
		return Item{}, err
	}
	return e.item(it, newMonthCache(e.loc())), nil
}

// Search lists the query's items best match first; q.Text is required.
// limit <= 0 means no limit.
func (e *Engine) Search(q Query, limit int) ([]Item, error) {
	if q.Text == "" {
		return nil, errors.New("search: no words to search for")
	}
	f, err := e.filter(q)
	if err != nil {
		return nil, err
	}
	rows, err := e.Store.Search(f, limit)
	return e.items(rows), err
}

func (e *Engine) items(rows []store.Item) []Item {
	months := newMonthCache(e.loc())
	urls, _ := e.sourceURLs() // without it, only the source field is empty
	out := make([]Item, len(rows))
	for i, it := range rows {
		out[i] = e.item(it, months)
		out[i].Source = urls[it.SourceID]
	}
	return out
}

func (e *Engine) item(it store.Item, months *monthCache) Item {
	return Item{
		Headline: Headline{ID: it.ID, Title: sanitize.Line(it.Title), Published: it.Published,
			Month: months.of(it.Published), Cached: it.Cached, Read: it.Read},
		URL:     sanitize.URL(it.URL),
		Summary: sanitize.Text(it.Summary),
	}
}

// Months counts the query's items per month in the reader's zone, newest
// first, with the undated ones last as Undated. Months without items are
// left out; q.Month is ignored.
func (e *Engine) Months(q Query) ([]MonthCount, error) {
	q.Month = ""
	f, err := e.filter(q)
	if err != nil {
		return nil, err
	}
	first, last, dated, err := e.Store.PublishedSpan(f)
	if err != nil {
		return nil, err
	}
	var (
		bounds []time.Time
		months []Month
	)
	if dated {
		loc := e.loc()
		y, m, _ := first.In(loc).Date()
		for start := time.Date(y, m, 1, 0, 0, 0, 0, loc); !start.After(last); start = start.AddDate(0, 1, 0) {
			bounds = append(bounds, start)
			months = append(months, monthOf(start.Year(), start.Month()))
		}
		bounds = append(bounds, bounds[len(bounds)-1].AddDate(0, 1, 0))
	}
	counts, undated, err := e.Store.CountRanges(f, bounds)
	if err != nil {
		return nil, err
	}
	f.Unread = true
	unread, unreadUndated, err := e.Store.CountRanges(f, bounds)
	if err != nil {
		return nil, err
	}
	var out []MonthCount
	for i := len(counts) - 1; i >= 0; i-- {
		if counts[i] > 0 {
			out = append(out, MonthCount{Month: months[i], Count: counts[i], Unread: unread[i]})
		}
	}
	if undated > 0 {
		out = append(out, MonthCount{Month: Undated, Count: undated, Unread: unreadUndated})
	}
	return out, nil
}

// NewestMonth is the month of the query's newest dated item and the number
// of items in all, without counting every month as Months does: enough for
// a first frame. several is whether the items span more than that month.
func (e *Engine) NewestMonth(q Query) (newest Month, total int, several bool, err error) {
	q.Month = ""
	f, err := e.filter(q)
	if err != nil {
		return "", 0, false, err
	}
	first, last, dated, err := e.Store.PublishedSpan(f)
	if err != nil || !dated {
		return "", 0, false, err
	}
	if total, err = e.Store.Count(f); err != nil {
		return "", 0, false, err
	}
	loc := e.loc()
	newest = monthOf(last.In(loc).Year(), last.In(loc).Month())
	return newest, total, newest != monthOf(first.In(loc).Year(), first.In(loc).Month()), nil
}

// MarkRead sets the read state of items.
func (e *Engine) MarkRead(ids []int64, read bool) error {
	return e.Store.MarkRead(ids, read)
}

// MarkItems sets the read state of the items refs name, each an ID or an
// item's URL in the query's sources, as Article finds them. One that is
// not there is an error, and then none changes.
func (e *Engine) MarkItems(q Query, refs []string, read bool) error {
	ids := make([]int64, len(refs))
	for i, ref := range refs {
		id, err := e.find(q, ref)
		if err != nil {
			return err
		}
		ids[i] = id
	}
	return e.Store.MarkRead(ids, read)
}

// MarkShown sets the read state of every item the query shows (its month,
// text and unread filters apply), so that "mark June read" is one call. It
// returns how many items it covered.
func (e *Engine) MarkShown(q Query, read bool) (int, error) {
	hs, err := e.Headlines(q)
	if err != nil {
		return 0, err
	}
	ids := make([]int64, 0, len(hs))
	for _, h := range hs {
		if h.Read != read {
			ids = append(ids, h.ID)
		}
	}
	if len(ids) == 0 {
		return 0, nil
	}
	return len(ids), e.Store.MarkRead(ids, read)
}

// find returns the ID of the item ref names in the query's sources: ref is
// an item ID, or the URL of an item (as its feed lists it).
func (e *Engine) find(q Query, ref string) (int64, error) {
	f, err := e.filter(Query{Sources: q.Sources})
	if err != nil {
		return 0, err
	}
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		// IDs are unique in the whole cache.
		if _, err := e.Store.Item(id); err != nil {
			return 0, e.notFound(q, ref, err)
		}
		return id, nil
	}
	it, err := e.Store.ItemByURL(f.Sources, ref)
	if err != nil {
		return 0, e.notFound(q, ref, err)
	}
	return it.ID, nil
}

func (e *Engine) notFound(q Query, ref string, err error) error {
	if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	nf := &NotFoundError{Ref: ref}
	if len(q.Sources) == 1 {
		nf.Source = q.Sources[0]
	}
	return nf
}

// NotFoundError is an item asked for by ID or URL that the cache does not
// hold.
type NotFoundError struct {
	Ref    string // the ID or URL as the user gave it
	Source string // the one source looked in; "": every source
}

func (e *NotFoundError) Error() string {
	if e.Source != "" {
		return fmt.Sprintf("%s is not in the cache of %s (see nyss list)", e.Ref, e.Source)
	}
	return fmt.Sprintf("%s is not in the cache (see nyss list)", e.Ref)
}

// The problems of the cache file itself, as CacheProblem tells them.
var (
	ErrCacheDamaged     = store.ErrCorrupt
	ErrCacheFull        = store.ErrDiskFull
	ErrCacheNotWritable = store.ErrNotWritable
)

// CacheProblem reports whether err is a problem of the cache file itself,
// and which: kind is one of the ErrCache errors, path the file, cause what
// SQLite or the system said. A caller that speaks the user's language says
// it in its own words.
func CacheProblem(err error) (kind error, path string, cause error, ok bool) {
	var fe *store.FileError
	if !errors.As(err, &fe) {
		return nil, "", nil, false
	}
	return fe.Kind, fe.Path, fe.Err, true
}

// Hit is an item found by a search, with a snippet of where it matched:
// one sanitized line, each word found between HitStart and HitEnd. The
// snippet of an article is of its Markdown.
type Hit struct {
	ID      int64
	Snippet string
}

// The marks around a word found in a Hit's snippet.
const (
	HitStart = store.HitStart
	HitEnd   = store.HitEnd
)

// Hits finds the query's items, best match first, each with a snippet of
// why it matched; q.Text is required. limit <= 0 means no limit.
func (e *Engine) Hits(q Query, limit int) ([]Hit, error) {
	if q.Text == "" {
		return nil, errors.New("search: no words to search for")
	}
	f, err := e.filter(q)
	if err != nil {
		return nil, err
	}
	rows, err := e.Store.Hits(f, limit)
	hits := make([]Hit, len(rows))
	for i, h := range rows {
		hits[i] = Hit{ID: h.ID, Snippet: sanitize.Line(h.Snippet)}
	}
	return hits, err
}

package feed

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"nyss/feed/extract"
	"nyss/feed/fetch"
	"nyss/feed/parse"
	"nyss/feed/sanitize"
	"nyss/feed/similar"
	"nyss/feed/store"
)

// relatedCount is how many computed related articles a page without its own
// related block gets.
const relatedCount = 5

// Sync fetches the source's feed (conditionally), stores its items, fetches
// every article not cached yet, computes related articles where a page has
// none, and applies retention. A feed that came with some failed articles is
// a success: the failures are in the report and are retried next time.
//
// progress, when not nil, is called from the syncing goroutines as each
// stage begins and as articles are done.
func (e *Engine) Sync(ctx context.Context, sourceURL string, progress func(Progress)) (*Report, error) {
	if progress == nil {
		progress = func(Progress) {}
	}
	if e.Client == nil {
		return nil, ErrOffline
	}
	if e.Store.ReadOnly() {
		// Say so before any request: nothing fetched could be kept.
		return nil, &store.FileError{Path: e.Store.Path(), Kind: store.ErrNotWritable, Err: store.ErrReadOnly}
	}
	src, _, err := e.Store.Source(sourceURL)
	if err != nil {
		return nil, err
	}
	src.URL = sourceURL
	progress(Progress{Stage: StageFeed, Total: 1})

	rep := &Report{}
	fd, resp, err := e.fetchFeed(ctx, &src)
	if err != nil {
		// Kept for `nyss sources`; failing to keep it changes nothing.
		_ = e.Store.SetSourceError(sourceURL, sanitize.Line(err.Error()))
		return nil, err
	}
	src.LastError = ""
	// The source is saved twice: first as resolved but with the validators
	// of the last complete sync, so that its items have an ID to hang on;
	// then, once the items are stored, with the new validators. A sync
	// killed in between leaves the old validators, so the next one fetches
	// the feed again instead of hearing 304 for items it never stored.
	now := e.now()
	src.CheckedAt = now
	if resp.NotModified {
		rep.NotModified = true
	} else {
		src.ChangedAt = now
		if fd.Title != "" {
			src.Title = fd.Title
		}
	}
	newETag, newLastModified := resp.ETag, resp.LastModified
	if err := e.Store.SaveSource(&src); err != nil {
		return nil, err
	}
	var changed []store.Item
	if fd != nil {
		changed, rep.Items, err = e.storeItems(src.ID, fd.Items)
		if err != nil {
			return nil, err
		}
	}
	src.ETag, src.LastModified = newETag, newLastModified
	if err := e.Store.SaveSource(&src); err != nil {
		return nil, err
	}
	progress(Progress{Stage: StageFeed, Done: 1, Total: 1})

	rep.Articles, err = e.syncArticles(ctx, src.ID, changed, progress)
	if err != nil {
		return nil, err
	}
	if rep.Items.New+rep.Items.Updated > 0 || rep.Articles.Fetched > 0 {
		if err := e.computeRelated(src.ID); err != nil {
			return nil, err
		}
	}
	if _, err := e.Store.Prune(e.retention()); err != nil {
		return nil, err
	}
	rep.Source = src
	return rep, ctx.Err()
}

// fetchFeed gets the source's feed: with the stored validators from the
// resolved URL when it is known, by resolution otherwise. A nil feed with a
// 304 response means "unchanged".
func (e *Engine) fetchFeed(ctx context.Context, src *store.Source) (*parse.Feed, *fetch.Response, error) {
	var resp *fetch.Response
	var err error
	if src.FeedURL != "" {
		resp, err = e.Client.Get(ctx, fetch.Request{
			URL: src.FeedURL, ETag: src.ETag, LastModified: src.LastModified, MaxBytes: fetch.FeedCap, Feed: true,
		})
		if err != nil && !isGone(err) {
			return nil, nil, err
		}
		if err == nil && !resp.NotModified && src.Kind == KindFeed && !parse.IsFeed(resp.Body, resp.ContentType) {
			resp = nil // the feed moved and its URL now serves a page
		}
		if err != nil {
			resp = nil
		}
	}
	if resp == nil {
		r, err := e.resolve(ctx, src.URL)
		if err != nil {
			return nil, nil, err
		}
		src.FeedURL, src.Kind, resp = r.feedURL, r.kind, r.resp
	}
	if resp.NotModified {
		return nil, resp, nil
	}
	fd, err := parseSource(src.Kind, resp, e.now())
	if err != nil {
		return nil, nil, err
	}
	return fd, resp, nil
}

// parseSource reads a fetched feed, or a listing page as if it were one.
func parseSource(kind string, resp *fetch.Response, fetched time.Time) (*parse.Feed, error) {
	if kind != KindListing {
		fd, err := parse.ParseFeedAt(resp.Body, resp.ContentType, resp.URL, fetched)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", resp.URL, err)
		}
		return fd, nil
	}
	links, err := extract.ListingAt(resp.Body, resp.URL, fetched)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", resp.URL, err)
	}
	fd := &parse.Feed{Link: resp.URL}
	for _, l := range links {
		fd.Items = append(fd.Items, parse.Item{
			Key: l.URL, URL: l.URL, Title: l.Title, Summary: l.Teaser, Published: l.Published,
		})
	}
	return fd, nil
}

// storeItems writes the feed's items in one transaction and returns the
// already-cached items whose title or date changed, whose pages are worth a
// conditional re-fetch.
func (e *Engine) storeItems(sourceID int64, in []parse.Item) ([]store.Item, store.Counts, error) {
	before, err := e.Store.Items(store.Filter{Sources: []int64{sourceID}})
	if err != nil {
		return nil, store.Counts{}, err
	}
	old := make(map[string]store.Item, len(before))
	for _, it := range before {
		old[it.Key] = it
	}
	items := toStoreItems(sourceID, in, e.now())
	counts, err := e.Store.SyncItems(sourceID, items)
	if err != nil {
		return nil, counts, err
	}
	var changed []store.Item
	for _, it := range items {
		if o, ok := old[it.Key]; ok && o.Cached && (o.Title != it.Title || !o.Published.Equal(it.Published)) {
			changed = append(changed, o)
		}
	}
	return changed, counts, nil
}

// toStoreItems orders items for the list. An undated item is never given
// the fetch time as its date; it only borrows the sort time of the dated
// item above it in the feed, so that it keeps its place in the feed's order.
func toStoreItems(sourceID int64, in []parse.Item, now time.Time) []store.Item {
	out := make([]store.Item, len(in))
	sortTime := now
	for i, it := range in {
		if !it.Published.IsZero() {
			sortTime = it.Published
		}
		out[i] = store.Item{
			SourceID: sourceID, Key: it.Key, URL: it.URL, Title: it.Title,
			Summary: it.Summary, Published: it.Published, SortTime: sortTime, Position: i,
		}
	}
	return out
}

// kept leaves out the items that the sync's retention removes at its end:
// their articles are not worth fetching (a new source can list years of
// news).
func (e *Engine) kept(sourceID int64, items []store.Item) []store.Item {
	keep, _ := e.retention()
	cutoff, ok, err := e.Store.AgeCutoff(sourceID, keep)
	if err != nil || !ok {
		return items // Prune decides at the end, as before
	}
	return slices.DeleteFunc(items, func(it store.Item) bool {
		return !it.SortTime.IsZero() && it.SortTime.Before(cutoff)
	})
}

// syncArticles fetches every missing article, and re-checks the changed
// ones with a conditional GET. Workers fetch and extract in parallel; this
// goroutine stores what they finish in batches, each batch one transaction,
// so a killed sync keeps everything stored before the kill.
//
// An article that cannot be fetched or extracted is a failure in the counts
// and the sync goes on. A cache that cannot be written (a full disk, a file
// turned read-only, a damaged file) fails every article alike, so it ends
// the sync with that error instead; what was stored before stays.
func (e *Engine) syncArticles(ctx context.Context, sourceID int64, changed []store.Item, progress func(Progress)) (ArticleCounts, error) {
	var counts ArticleCounts
	missing, err := e.Store.MissingArticles(sourceID)
	if err != nil {
		return counts, e.Store.Explain(err)
	}
	jobs := e.kept(sourceID, append(missing, changed...))
	total := len(jobs)
	progress(Progress{Stage: StageArticles, Total: total})
	if total == 0 {
		return counts, nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	queue := make(chan store.Item)
	// Buffered, so that workers go on extracting while a batch is stored.
	results := make(chan articleResult, maxBatch)
	var wg sync.WaitGroup
	for range min(e.workers(), total) {
		wg.Go(func() {
			for it := range queue {
				results <- e.fetchArticle(ctx, it)
			}
		})
	}
	go func() {
		defer close(queue)
		for _, it := range jobs {
			select {
			case queue <- it:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	done := 0
	var (
		batch    []articleResult
		storeErr error // the cache cannot be written: the sync ends
	)
	flush := func() {
		var as []store.Article
		for _, r := range batch {
			if r.article != nil {
				as = append(as, *r.article)
			}
		}
		if len(as) > 0 {
			err := e.Store.SaveArticles(as)
			if isFileProblem(err) {
				storeErr = err
				cancel() // the workers stop; their results are drained below
				batch = batch[:0]
				return
			}
			if err != nil {
				for i := range batch {
					if batch[i].article != nil {
						batch[i].err = err
					}
				}
			}
		}
		for _, r := range batch {
			done++
			switch {
			case r.err != nil:
				counts.Failures = append(counts.Failures, Failure{URL: r.url, Reason: sanitize.Line(r.err.Error())})
			case r.article == nil:
				counts.Unchanged++
			default:
				counts.Fetched++
			}
		}
		batch = batch[:0]
		progress(Progress{Stage: StageArticles, Done: done, Total: total})
	}
	for r := range results {
		if storeErr != nil {
			continue
		}
		batch = append(batch, r)
		// Take whatever else is ready without waiting, then store it all.
	drain:
		for len(batch) < maxBatch {
			select {
			case r, ok := <-results:
				if !ok {
					break drain
				}
				batch = append(batch, r)
			default:
				break drain
			}
		}
		flush()
	}
	return counts, storeErr
}

// isFileProblem reports an error of the cache file itself, rather than of
// the data written.
func isFileProblem(err error) bool {
	return errors.Is(err, store.ErrDiskFull) || errors.Is(err, store.ErrNotWritable) ||
		errors.Is(err, store.ErrCorrupt) || errors.Is(err, store.ErrReadOnly)
}

// maxBatch bounds how many articles one transaction stores.
const maxBatch = 64

// articleResult is one worker's outcome: an article to store, or nil with
// no error when the page answered 304 to the stored validators.
type articleResult struct {
	url     string
	article *store.Article
	err     error
}

// retention is the limits a sync prunes to: the engine's, where set, else
// the store's defaults; a negative limit is none.
func (e *Engine) retention() (keepMonths int, maxBytes int64) {
	keepMonths, maxBytes = e.KeepMonths, e.MaxBytes
	if keepMonths == 0 {
		keepMonths = store.DefaultKeepMonths
	}
	if maxBytes == 0 {
		maxBytes = store.DefaultMaxBytes
	}
	return max(keepMonths, 0), max(maxBytes, 0)
}

func (e *Engine) workers() int {
	if e.Workers > 0 {
		return e.Workers
	}
	return max(8, 2*runtime.GOMAXPROCS(0))
}

// fetchArticle fetches and extracts one article, conditionally when one is
// stored already.
func (e *Engine) fetchArticle(ctx context.Context, it store.Item) articleResult {
	res := articleResult{url: it.URL}
	if it.URL == "" {
		res.err = fmt.Errorf("%q has no link", it.Title)
		return res
	}
	var (
		prev   store.Article
		cached bool
		err    error
	)
	if it.Cached {
		// Most of a first sync is not cached: no read for the validators.
		if prev, cached, err = e.Store.Article(it.ID); err != nil {
			res.err = err
			return res
		}
	}
	req := fetch.Request{URL: it.URL, MaxBytes: fetch.PageCap}
	if cached && prev.Format >= store.ArticleFormat {
		// An article of an older format is extracted again: a 304 would
		// keep it as it is.
		req.ETag, req.LastModified = prev.ETag, prev.LastModified
	}
	resp, err := e.Client.Get(ctx, req)
	if err != nil {
		res.err = err
		return res
	}
	if resp.NotModified && cached {
		return res
	}
	page, err := extract.PageAt(resp.Body, resp.URL, e.now())
	if err != nil {
		res.err = fmt.Errorf("%s: %w", it.URL, err)
		return res
	}
	res.article = e.newArticle(it, resp, page)
	return res
}

// newArticle is the article to store for item it, from its fetched and
// extracted page.
func (e *Engine) newArticle(it store.Item, resp *fetch.Response, page *extract.Article) *store.Article {
	a := &store.Article{
		ItemID: it.ID, URL: resp.URL, Title: page.Title, Markdown: page.Markdown,
		Links: page.Links, ETag: resp.ETag, LastModified: resp.LastModified, FetchedAt: e.now(),
		Format: store.ArticleFormat,
	}
	if a.Title == "" {
		a.Title = it.Title
	}
	for _, r := range page.Related {
		a.Related = append(a.Related, store.Related{URL: r.URL, Title: r.Title, Published: r.Published})
	}
	a.Computed = len(a.Related) == 0
	return a
}

// computeRelated gives every article whose page has no related block the
// nearest cached articles by text similarity. It runs after new text came
// in, since every new article can change what is nearest.
func (e *Engine) computeRelated(sourceID int64) error {
	ids, err := e.Store.ComputedArticles(sourceID)
	if err != nil || len(ids) == 0 {
		return err
	}
	docs, err := e.Store.Corpus(sourceID)
	if err != nil {
		return err
	}
	byID := make(map[int64]store.Item, len(docs))
	items, err := e.Store.Items(store.Filter{Sources: []int64{sourceID}})
	if err != nil {
		return err
	}
	for _, it := range items {
		byID[it.ID] = it
	}
	ix := similar.NewIndex(toSimilarDocs(docs))
	lists := make(map[int64][]store.Related, len(ids))
	for _, id := range ids {
		var related []store.Related
		for _, near := range ix.Nearest(id, relatedCount) {
			it := byID[near]
			related = append(related, store.Related{URL: it.URL, Title: it.Title, Published: it.Published, ItemID: it.ID})
		}
		lists[id] = related
	}
	return e.Store.SetComputedRelated(lists)
}

func toSimilarDocs(docs []store.Doc) []similar.Doc {
	out := make([]similar.Doc, len(docs))
	for i, d := range docs {
		out[i] = similar.Doc{ID: d.ID, Title: d.Title, Body: d.Body}
	}
	return out
}

package feed

import (
	"context"
	"sync"
	"time"

	"nyss/feed/sanitize"
)

// SourceState is what the cache knows of one source of the list: its
// counts, its last fetch and why its last sync failed.
type SourceState struct {
	SourceInfo
	Cached        bool // synced at least once
	Items, Unread int
	LastError     string // one line; "" when the last sync did not fail
}

// SourceState reads the state of the source given as url. An engine with
// no cache (there is no cache file yet) knows nothing of any.
func (e *Engine) SourceState(url string) (SourceState, error) {
	st := SourceState{SourceInfo: SourceInfo{URL: url}}
	if e.Store == nil {
		return st, nil
	}
	src, ok, err := e.Store.Source(url)
	if err != nil {
		return st, err
	}
	if !ok {
		msg, err := e.Store.FirstSyncError(url)
		st.LastError = sanitize.Line(msg)
		return st, err
	}
	st.Cached = true
	st.SourceInfo = SourceInfo{URL: src.URL, Title: sanitize.Line(src.Title), CheckedAt: src.CheckedAt, ChangedAt: src.ChangedAt}
	st.LastError = sanitize.Line(src.LastError)
	st.Items, st.Unread, err = e.Store.SourceCounts(src.ID)
	return st, err
}

// Probe resolves url as sync does (a feed, a page that links one, or a
// news listing) and reads it, without keeping anything: whether it can be
// a source, and its title.
func (e *Engine) Probe(ctx context.Context, url string) (title string, err error) {
	if e.Client == nil {
		return "", ErrOffline
	}
	r, err := e.resolve(ctx, url)
	if err != nil {
		return "", err
	}
	fd, err := parseSource(r.kind, r.resp, time.Now())
	if err != nil {
		return "", err
	}
	return fd.Title, nil
}

// Purge removes a source and all the cache holds of it.
func (e *Engine) Purge(url string) error {
	if e.Store == nil {
		return nil
	}
	_, err := e.Store.DeleteSource(url) // nothing to purge is no error
	return err
}

// SyncResult is how the sync of one source of many went.
type SyncResult struct {
	URL    string
	Report *Report // nil when Err is set
	Err    error
}

// SyncAll syncs the sources at once, each as Sync does; the client keeps
// to its per-host limit. One that fails stops no other. The results are
// in the order of urls.
func (e *Engine) SyncAll(ctx context.Context, urls []string) []SyncResult {
	results := make([]SyncResult, len(urls))
	var wg sync.WaitGroup
	for i, url := range urls {
		wg.Go(func() {
			rep, err := e.Sync(ctx, url, nil)
			results[i] = SyncResult{URL: url, Report: rep, Err: err}
		})
	}
	wg.Wait()
	return results
}

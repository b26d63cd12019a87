// Package feed is everything in nyss that is not the terminal: it resolves a
// source to a feed, fetches and parses it, fetches and extracts each article,
// finds related articles, and keeps it all in the cache (feed/store).
//
// The sub-packages each hold one step: fetch (HTTP), parse (feeds and dates),
// extract (article pages to Markdown), similar (computed related articles),
// sanitize (untrusted text) and store (SQLite). This package wires them into
// a sync. It never imports Bubble Tea: the ui package drives it.
package feed

import (
	"errors"
	"time"

	"nyss/feed/fetch"
	"nyss/feed/store"
)

// DefaultSource is Region Kronoberg's news page, the home feed. It is a page,
// not a feed URL, on purpose: resolution finds the feed it links to, so nyss
// does not depend on guessing the site's feed address right.
const DefaultSource = "https://www.regionkronoberg.se/nyheter/"

// ErrOffline is returned by anything that would need the network when the
// engine has no client (--offline).
var ErrOffline = errors.New("offline: no network access allowed")

// Engine is the one way into the cache and the network, for reading as for
// syncing: the reader and the commands ask it for headlines, months,
// search results and articles (read.go, article.go), and to sync (sync.go).
// Its fields are the seams tests use: a client with a test transport, a
// clock, a time zone.
type Engine struct {
	Store  *store.Store
	Client *fetch.Client // nil: offline, no request is ever made

	// Workers is how many articles are fetched and extracted at once.
	// Extraction is CPU work, so more workers than the per-host limit still
	// help: one extracts while another waits on the network.
	Workers int

	// KeepMonths and MaxBytes are the retention limits applied after a
	// sync; zero means the store's defaults, negative disables a limit.
	KeepMonths int
	MaxBytes   int64

	Now func() time.Time

	// Location is the reader's time zone, in which months are counted;
	// nil is time.Local (TZ).
	Location *time.Location
}

// Stage is a step of a sync.
type Stage string

// The stages of a sync, in order. Their names are what `nyss sync` prints.
const (
	StageFeed     Stage = "feed"     // fetching and storing the feed
	StageArticles Stage = "articles" // fetching the articles not cached yet
)

// Progress reports how far a sync has come.
type Progress struct {
	Stage       Stage
	Done, Total int
}

// Report says what a sync did, for the summary line and the status bar.
type Report struct {
	Source      store.Source
	NotModified bool // the feed answered 304
	Items       store.Counts
	Articles    ArticleCounts
}

// ArticleCounts counts the article fetches of one sync.
type ArticleCounts struct {
	Fetched, Unchanged int
	Failures           []Failure
}

// Failure is one article that could not be fetched or extracted. It stays
// uncached, so the next sync tries it again.
type Failure struct {
	URL    string
	Reason string // one line, sanitized: errors carry the network's words
}

func (e *Engine) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

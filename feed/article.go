package feed

import (
	"context"
	"errors"
	"time"

	"nyss/feed/extract"
	"nyss/feed/sanitize"
	"nyss/feed/similar"
	"nyss/feed/store"
)

// The rule for showing an article, written once for the reader and for
// `nyss show`: the cached article; else, offline, the feed's summary with
// a note saying so; else the article fetched now; else, when that fails,
// the feed's summary with a note saying why.

// Article is an item's whole text, extracted from its page.
type Article struct {
	URL       string    // where the page was finally fetched from
	Title     string    // the page's own title; "" to use the item's
	Markdown  string    // the body, each link followed by " [n]"
	Links     []string  // link n is Links[n-1]
	Related   []Related // the page's related news, or the nearest cached articles
	FetchedAt time.Time
}

// Related is one entry of an article's related list.
type Related struct {
	ItemID    int64 // the cached item it is, 0 when it is not cached
	URL       string
	Title     string
	Published time.Time
}

// Note says why the feed's summary stands in for an article.
type Note int

const (
	NoteNone    Note = iota
	NoteOffline      // no network: the article is not cached
	NoteFailed       // fetching it failed: Reading.Err says why
)

// Reading is one article as it is shown: the item, and the article when
// there is one. Without it the item's summary stands in, and Note says why
// — or Pending says the article is on its way: FetchArticle gets it.
type Reading struct {
	Item    Item
	Article *Article
	Pending bool
	Note    Note
	Err     error
}

// Article applies the whole rule to the item ref names: an ID, or the
// URL of any page (see Page).
func (e *Engine) Article(ctx context.Context, q Query, ref string) (Reading, error) {
	if sanitize.URL(ref) != "" {
		return e.Page(ctx, ref)
	}
	id, err := e.find(q, ref)
	if err != nil {
		return Reading{}, err
	}
	r, err := e.CachedArticle(id)
	if err != nil || !r.Pending {
		return r, err
	}
	return e.FetchArticle(ctx, r), nil
}

// CachedArticle is the rule's first steps, which never wait on the
// network: the cached article, or the summary with NoteOffline, or the
// summary with Pending set.
func (e *Engine) CachedArticle(id int64) (Reading, error) {
	it, err := e.Store.Item(id)
	if err != nil {
		return Reading{}, err
	}
	r := Reading{Item: e.item(it, newMonthCache(e.loc()))}
	a, ok, err := e.Store.Article(id)
	switch {
	case err != nil:
		return r, err
	case ok:
		r.Article = e.article(a)
	case e.Client == nil:
		r.Note = NoteOffline
	case it.URL == "":
		r.Note, r.Err = NoteFailed, errors.New("the item has no link")
	default:
		r.Pending = true
	}
	return r, nil
}

// FetchArticle is the rule's last steps, for a Reading that is Pending:
// the article fetched and stored now, or the summary with NoteFailed.
// Opening an article costs one fetch and one extraction: a page without
// related news of its own gets the nearest cached articles from the
// search index, not from a pass over the whole cache.
func (e *Engine) FetchArticle(ctx context.Context, r Reading) Reading {
	r.Pending = false
	a, err := e.fetchOne(ctx, r.Item.ID)
	if err != nil {
		r.Note, r.Err = NoteFailed, err
		return r
	}
	r.Article = e.article(a)
	return r
}

func (e *Engine) fetchOne(ctx context.Context, id int64) (store.Article, error) {
	if e.Client == nil {
		return store.Article{}, ErrOffline
	}
	it, err := e.Store.Item(id)
	if err != nil {
		return store.Article{}, err
	}
	res := e.fetchArticle(ctx, it)
	if res.err != nil {
		return store.Article{}, res.err
	}
	if res.article == nil {
		// 304 for the stored article: the page has not changed.
		a, _, err := e.Store.Article(id)
		return a, err
	}
	a := *res.article
	if a.Computed {
		if a.Related, err = e.nearest(it, a); err != nil {
			return store.Article{}, err
		}
	}
	err = e.Store.SaveArticle(a)
	if errors.Is(err, store.ErrReadOnly) {
		// A cache opened read-only (see store.OpenReadOnly) still shows
		// what was fetched; it is fetched again next time.
		return a, nil
	}
	if err != nil {
		return store.Article{}, err
	}
	// Read back, so that related entries name the cached items they are.
	a, _, err = e.Store.Article(id)
	return a, err
}

// distinctiveTerms is how many of an article's words are looked for in
// the others to find its nearest; commonTerm is how many items a word may
// be in and still tell articles apart.
const (
	distinctiveTerms = 12
	commonTerm       = 100
)

// nearest finds the cached articles of the item's source nearest to a,
// through the search index: of the words a uses most, those that few
// other items use (counted up to commonTerm, so that the cost does not grow
// with the cache), then the items that share most of them, by the index's
// own ranking. The next sync replaces the list with one computed over the
// whole source (computeRelated).
func (e *Engine) nearest(it store.Item, a store.Article) ([]store.Related, error) {
	counts := similar.Terms(a.Title, a.Markdown)
	freq, err := e.Store.DocFreq(similar.Frequent(counts, 4*distinctiveTerms), commonTerm)
	if err != nil {
		return nil, err
	}
	near, err := e.Store.Nearest(store.Filter{Sources: []int64{it.SourceID}}, it.ID,
		similar.Distinctive(counts, freq, commonTerm, distinctiveTerms), relatedCount)
	if err != nil {
		return nil, err
	}
	related := make([]store.Related, len(near))
	for i, n := range near {
		related[i] = store.Related{URL: n.URL, Title: n.Title, Published: n.Published, ItemID: n.ID}
	}
	return related, nil
}

// article is a stored article as it is shown: sanitized, and its links
// numbered when an older version stored it without.
func (e *Engine) article(a store.Article) *Article {
	md, links := a.Markdown, a.Links
	if a.Format < store.FormatNumberedLinks {
		md, links = extract.NumberLinks(md)
	}
	out := &Article{
		URL:       sanitize.URL(a.URL),
		Title:     sanitize.Line(a.Title),
		Markdown:  sanitize.Markdown(md),
		FetchedAt: a.FetchedAt,
	}
	for _, l := range links {
		out.Links = append(out.Links, sanitize.URL(l))
	}
	for _, r := range a.Related {
		out.Related = append(out.Related, Related{ItemID: r.ItemID, URL: sanitize.URL(r.URL),
			Title: sanitize.Line(r.Title), Published: r.Published})
	}
	return out
}

package feed

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"nyss/feed/demosite"
	"nyss/feed/store"
)

// syncedFixture is an engine on a cache of the fixture site, synced once,
// and the source's URL.
func syncedFixture(t *testing.T) (*Engine, string) {
	t.Helper()
	s := demosite.StartServer(t)
	e := newEngine(t)
	url := s.NewsURL()
	sync1(t, e, url)
	return e, url
}

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	return loc
}

func TestMonthsAreCountedInTheReadersZone(t *testing.T) {
	e, url := syncedFixture(t)
	q := Query{Sources: []string{url}}
	tests := []struct {
		zone   string
		months []MonthCount
		june   int // items listed for June
	}{
		{"Europe/Stockholm", []MonthCount{{"2022-11", 5, 5}, {"2022-10", 5, 5}, {"2022-09", 2, 2}, {"2022-08", 1, 1}, {"2022-07", 1, 1}, {"2022-06", 3, 3}, {Undated, 1, 1}}, 3},
		{"UTC", []MonthCount{{"2022-11", 5, 5}, {"2022-10", 5, 5}, {"2022-09", 2, 2}, {"2022-08", 1, 1}, {"2022-07", 1, 1}, {"2022-06", 2, 2}, {"2022-05", 1, 1}, {Undated, 1, 1}}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.zone, func(t *testing.T) {
			e.Location = zone(t, tt.zone)
			months, err := e.Months(q)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(months, tt.months) {
				t.Errorf("Months = %v\nwant %v", months, tt.months)
			}
			// The list, a month's list and the headings agree with Months.
			hs, err := e.Headlines(q)
			if err != nil {
				t.Fatal(err)
			}
			counted := map[Month]int{}
			for _, h := range hs {
				counted[h.Month]++
			}
			for _, m := range months {
				if counted[m.Month] != m.Count {
					t.Errorf("the list has %d items of %s, Months says %d", counted[m.Month], m.Month, m.Count)
				}
				q := q
				q.Month = m.Month
				items, err := e.Items(q)
				if err != nil || len(items) != m.Count {
					t.Errorf("Items(%s) = %d items (%v), want %d", m.Month, len(items), err, m.Count)
				}
				for _, it := range items {
					if it.Month != m.Month {
						t.Errorf("Items(%s) lists %q of %s", m.Month, it.Title, it.Month)
					}
				}
			}
			if last := hs[len(hs)-1]; last.Month != Undated || !last.Published.IsZero() {
				t.Errorf("the last headline is %+v, want the undated one", last)
			}
			// The first frame's shortcut agrees with Months.
			newest, total, several, err := e.NewestMonth(q)
			if err != nil || newest != months[0].Month || total != len(hs) || !several {
				t.Errorf("NewestMonth = %s, %d, %v, %v; want %s, %d, true", newest, total, several, err, months[0].Month, len(hs))
			}
		})
	}
}

func TestQueryFilters(t *testing.T) {
	e, url := syncedFixture(t)
	e.Location = zone(t, "Europe/Stockholm")
	all, err := e.Items(Query{Sources: []string{url}})
	if err != nil || len(all) != 18 {
		t.Fatalf("Items = %d, %v", len(all), err)
	}
	if err := e.MarkRead([]int64{all[0].ID, all[1].ID}, true); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		q    Query
		want int
	}{
		{"every source", Query{}, 18},
		{"unread", Query{Sources: []string{url}, Unread: true}, 16},
		{"month and text", Query{Sources: []string{url}, Month: "2022-10", Text: "yrken"}, 1},
		{"text in the article body", Query{Sources: []string{url}, Text: "plastslöjd"}, 1},
		{"undated", Query{Sources: []string{url}, Month: Undated}, 1},
	}
	for _, tt := range tests {
		hs, err := e.Headlines(tt.q)
		if err != nil || len(hs) != tt.want {
			t.Errorf("%s: %d headlines (%v), want %d", tt.name, len(hs), err, tt.want)
		}
	}
	var nc *NotCachedError
	if _, err := e.Headlines(Query{Sources: []string{"https://example.org/aldrig/"}}); !errors.As(err, &nc) {
		t.Errorf("a source never synced: %v", err)
	} else if len(nc.Cached) != 1 || nc.Cached[0] != url {
		t.Errorf("a source never synced: the error names %q as cached, want %q", nc.Cached, url)
	}
	if _, err := ParseMonth("+123-01"); err == nil {
		t.Error(`ParseMonth accepts "+123-01"`)
	}
	for _, s := range []string{"2022-06", "undated"} {
		if m, err := ParseMonth(s); err != nil || string(m) != s {
			t.Errorf("ParseMonth(%q) = %q, %v", s, m, err)
		}
	}
}

func TestTheArticleRule(t *testing.T) {
	s := demosite.StartServer(t)
	e := newEngine(t)
	url := s.NewsURL()
	s.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if strings.Contains(r.URL.Path, "delfin") {
			http.Error(w, "fel", http.StatusServiceUnavailable)
			return true
		}
		return false
	})
	sync1(t, e, url)
	q := Query{Sources: []string{url}}
	delfin := itemBySlug(t, e, mustSource(t, e, url), "delfin")
	ref := strconv.FormatInt(delfin.ID, 10)

	// Cached: the article, found by ID or by the item's URL.
	cached := itemBySlug(t, e, mustSource(t, e, url), "uppstartskonferens")
	r, err := e.Article(context.Background(), q, cached.URL)
	if err != nil || r.Article == nil || r.Note != NoteNone || len(r.Article.Related) == 0 {
		t.Fatalf("cached article: %v %+v", err, r)
	}

	// Offline and not cached: the summary, with the note.
	offline := *e
	offline.Client = nil
	r, err = offline.Article(context.Background(), q, ref)
	if err != nil || r.Article != nil || r.Note != NoteOffline || r.Item.Summary == "" {
		t.Errorf("offline: %v %+v", err, r)
	}

	// Online, the fetch fails: the summary, with why.
	r, err = e.Article(context.Background(), q, ref)
	if err != nil || r.Article != nil || r.Note != NoteFailed || !strings.Contains(r.Err.Error(), "503") {
		t.Errorf("failed fetch: %v %+v", err, r)
	}

	// The reader's two steps: pending at once, then the article, stored.
	s.SetFault(nil)
	r, err = e.CachedArticle(delfin.ID)
	if err != nil || !r.Pending || r.Article != nil {
		t.Fatalf("CachedArticle: %v %+v", err, r)
	}
	r = e.FetchArticle(context.Background(), r)
	if r.Article == nil || r.Pending || !strings.Contains(r.Article.Markdown, "plastslöjd") {
		t.Fatalf("FetchArticle: %+v", r)
	}
	if r, _ := offline.Article(context.Background(), q, ref); r.Article == nil {
		t.Error("the fetched article does not read offline")
	}

	// Offline, a page never fetched is not found; online it would be
	// fetched (see Page).
	if _, err := offline.Article(context.Background(), q, "https://example.org/okänd"); err == nil || !strings.Contains(err.Error(), "is not in the cache") {
		t.Errorf("an unknown URL offline: %v", err)
	}
}

func mustSource(t *testing.T, e *Engine, url string) store.Source {
	t.Helper()
	src, ok, err := e.Store.Source(url)
	if err != nil || !ok {
		t.Fatalf("source %s: %v %v", url, ok, err)
	}
	return src
}

// What an older version, or another program, wrote into the cache passes
// the sanitizer on its way out.
func TestReadsAreSanitized(t *testing.T) {
	e, url := syncedFixture(t)
	src := mustSource(t, e, url)
	it := itemBySlug(t, e, src, "delfin")
	it.Title = "Ond\x1b]0;pwned\x07 rubrik\x1b[2J"
	it.Summary = "Sammanfattning\x1b[6n"
	it.URL = "javascript:alert(1)"
	if _, err := e.Store.SyncItems(src.ID, []store.Item{it}); err != nil {
		t.Fatal(err)
	}
	a, _, err := e.Store.Article(it.ID)
	if err != nil {
		t.Fatal(err)
	}
	a.Markdown += "\n\nSlut &#27;[2J \x1b]52;c;QQ==\x07"
	a.Links = append(a.Links, "vbscript:x")
	a.Related = append(a.Related, store.Related{URL: "https://x.se/\x1b[2J", Title: "Rel\x9b6n"})
	if err := e.Store.SaveArticle(a); err != nil {
		t.Fatal(err)
	}

	hs, _ := e.Headlines(Query{Sources: []string{url}})
	items, _ := e.Items(Query{Sources: []string{url}})
	r, err := e.CachedArticle(it.ID)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, h := range hs {
		texts = append(texts, h.Title)
	}
	for _, i := range items {
		texts = append(texts, i.Title, i.Summary, i.URL)
	}
	texts = append(texts, r.Item.Title, r.Item.Summary, r.Item.URL, r.Article.Markdown, r.Article.Title, r.Article.URL)
	texts = append(texts, r.Article.Links...)
	for _, rel := range r.Article.Related {
		texts = append(texts, rel.Title, rel.URL)
	}
	for _, s := range texts {
		if strings.ContainsAny(s, "\x1b\x07\u009b") || strings.Contains(s, "&#27;") || strings.HasPrefix(s, "javascript:") || strings.HasPrefix(s, "vbscript:") {
			t.Errorf("read back unsanitized: %q", s)
		}
	}
}

// A page without related news of its own gets the nearest cached articles
// when it is opened, from the search index: no pass over the whole cache.
func TestAFreshArticleGetsItsNearestAtOnce(t *testing.T) {
	s := demosite.StartServer(t)
	e := newEngine(t)
	url := s.NewsURL()
	const slug = "delfin"
	s.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if strings.Contains(r.URL.Path, slug) {
			http.Error(w, "fel", http.StatusServiceUnavailable)
			return true
		}
		return false
	})
	sync1(t, e, url)
	it := itemBySlug(t, e, mustSource(t, e, url), slug)
	s.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.Contains(r.URL.Path, slug) {
			return false
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<html><body><main><h1>Delfin från Alvesta ställs ut på Tekniska museet</h1>
<p>En delfin i plastslöjd från Alvesta ställs ut på Tekniska museet i Stockholm. Slöjden är gjord av elever
på högstadiet i Alvesta, som arbetat med teknik och hantverk under hösten.</p>
<p>Utställningen visar hur elever i Kronoberg arbetar med teknik, industri och framtidens yrken.</p></main></body></html>`))
		return true
	})
	r, err := e.CachedArticle(it.ID)
	if err != nil || !r.Pending {
		t.Fatalf("CachedArticle: %v %+v", err, r)
	}
	r = e.FetchArticle(context.Background(), r)
	if r.Article == nil {
		t.Fatalf("FetchArticle: %v", r.Err)
	}
	rel := r.Article.Related
	if len(rel) == 0 || len(rel) > relatedCount {
		t.Fatalf("%d related, want 1 to %d", len(rel), relatedCount)
	}
	for _, x := range rel {
		if x.ItemID == 0 || x.ItemID == it.ID || x.Title == "" {
			t.Errorf("related %+v: want another cached item", x)
		}
	}
	t.Logf("nearest: %q", titlesOf(rel))
}

func titlesOf(rel []Related) []string {
	var out []string
	for _, r := range rel {
		out = append(out, r.Title)
	}
	return out
}

func TestMarkShownCoversTheFilterOnly(t *testing.T) {
	e, url := syncedFixture(t)
	e.Location = zone(t, "Europe/Stockholm")
	june := Query{Sources: []string{url}, Month: "2022-06"}
	n, err := e.MarkShown(june, true)
	if err != nil || n != 3 {
		t.Fatalf("MarkShown(June) = %d, %v; want 3 items", n, err)
	}
	// Marking again changes nothing, and the other months stay unread.
	if n, _ := e.MarkShown(june, true); n != 0 {
		t.Errorf("marking June twice covered %d items, want 0", n)
	}
	unread, err := e.Headlines(Query{Sources: []string{url}, Unread: true})
	if err != nil || len(unread) != 15 {
		t.Errorf("after marking June read, %d unread (%v); want 15", len(unread), err)
	}
	if n, _ := e.MarkShown(june, false); n != 3 {
		t.Errorf("MarkShown(June, unread) = %d, want 3", n)
	}
}

func TestMarkItemsByIDOrURL(t *testing.T) {
	e, url := syncedFixture(t)
	q := Query{Sources: []string{url}}
	all, err := e.Items(q)
	if err != nil || len(all) < 2 {
		t.Fatalf("items: %d, %v", len(all), err)
	}
	refs := []string{strconv.FormatInt(all[0].ID, 10), all[1].URL}
	if err := e.MarkItems(q, refs, true); err != nil {
		t.Fatalf("MarkItems(%q): %v", refs, err)
	}
	read, _ := e.Headlines(Query{Sources: []string{url}, Unread: true})
	if len(read) != len(all)-2 {
		t.Errorf("after marking two read, %d of %d unread", len(read), len(all))
	}

	// One ref that is not there: an error naming it, and nothing changes.
	var nf *NotFoundError
	err = e.MarkItems(q, []string{strconv.FormatInt(all[2].ID, 10), "99999"}, true)
	if !errors.As(err, &nf) || nf.Ref != "99999" {
		t.Errorf("MarkItems with a missing ID: %v, want a NotFoundError for 99999", err)
	}
	if after, _ := e.Headlines(Query{Sources: []string{url}, Unread: true}); len(after) != len(read) {
		t.Errorf("a failed MarkItems changed the read state: %d unread, want %d", len(after), len(read))
	}
	if err := e.MarkItems(q, refs, false); err != nil {
		t.Fatal(err)
	}
	if unread, _ := e.Headlines(Query{Sources: []string{url}, Unread: true}); len(unread) != len(all) {
		t.Errorf("after marking them unread again, %d of %d unread", len(unread), len(all))
	}
}

package store

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// newStore opens a fresh cache in a test directory, with one source.
func newStore(t testing.TB) (*Store, int64) {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "nyss", "cache.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	src := Source{URL: "https://www.regionkronoberg.se/nyheter/", Kind: "listing"}
	if err := s.SaveSource(&src); err != nil {
		t.Fatal(err)
	}
	return s, src.ID
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func item(key, title, published string) Item {
	it := Item{Key: key, URL: key, Title: title, Summary: "Om " + title}
	if published != "" {
		it.Published = date(published)
		it.SortTime = it.Published
	}
	return it
}

func mustSync(t testing.TB, s *Store, sourceID int64, items ...Item) Counts {
	t.Helper()
	c, err := s.SyncItems(sourceID, items)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func titles(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Title)
	}
	return out
}

// withLocal runs the test with time.Local set to the named zone.
func withLocal(t *testing.T, name string) {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("no time zone data: %v", err)
	}
	old := time.Local
	time.Local = loc
	t.Cleanup(func() { time.Local = old })
}

func TestOpenCreatesAndReopens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "cache.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	for pragma, want := range map[string]string{
		"journal_mode": "wal",
		"busy_timeout": "5000",
		"synchronous":  "1", // NORMAL
		"foreign_keys": "1",
		"auto_vacuum":  "2", // INCREMENTAL
		"user_version": fmt.Sprint(len(migrations)),
	} {
		var got string
		if err := s.db.QueryRow("PRAGMA " + pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
	src := Source{URL: "https://example.com/", FeedURL: "https://example.com/feed", Kind: "feed",
		ETag: `"x"`, CheckedAt: date("2024-01-02T03:04:05Z")}
	if err := s.SaveSource(&src); err != nil {
		t.Fatal(err)
	}
	s.Close()

	for _, dir := range []string{filepath.Dir(path)} {
		if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("directory %s: mode %v, err %v; want 0700", dir, fi.Mode().Perm(), err)
		}
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, err %v; want 0600", fi.Mode().Perm(), err)
	}

	s, err = Open(path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	got, ok, err := s.Source("https://example.com/")
	if err != nil || !ok {
		t.Fatalf("Source after reopen: ok %v, err %v", ok, err)
	}
	if got.ID != src.ID || got.FeedURL != src.FeedURL || got.ETag != src.ETag ||
		!got.CheckedAt.Equal(src.CheckedAt) || !got.ChangedAt.IsZero() {
		t.Errorf("Source = %+v, want %+v", got, src)
	}
	if _, ok, _ := s.Source("https://example.com/other"); ok {
		t.Error("Source found a URL never saved")
	}

	// Sources lists every one, in the order first saved.
	other := Source{URL: "https://www.regionkronoberg.se/nyheter/", FeedURL: "https://www.regionkronoberg.se/rss", Kind: "feed"}
	if err := s.SaveSource(&other); err != nil {
		t.Fatal(err)
	}
	all, err := s.Sources()
	if err != nil || len(all) != 2 || all[0].URL != src.URL || all[1].URL != other.URL ||
		!all[0].CheckedAt.Equal(src.CheckedAt) || all[1].FeedURL != other.FeedURL {
		t.Errorf("Sources = %+v, %v; want %s then %s", all, err, src.URL, other.URL)
	}
}

func TestOpenOddPath(t *testing.T) {
	// The path becomes a file: URI; characters that mean something in a URI
	// must stay part of the name.
	path := filepath.Join(t.TempDir(), "a dir?x=1#frag", "100% cache.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the file is not where asked: %v", err)
	}
	ro, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	ro.Close()
}

func TestSaveSourceUpserts(t *testing.T) {
	s, id := newStore(t)
	src := Source{URL: "https://www.regionkronoberg.se/nyheter/", FeedURL: "https://x/rss", Kind: "feed", ETag: "e2"}
	if err := s.SaveSource(&src); err != nil {
		t.Fatal(err)
	}
	if src.ID != id {
		t.Errorf("upsert gave ID %d, want the existing %d", src.ID, id)
	}
	got, _, _ := s.Source(src.URL)
	if got.ETag != "e2" || got.FeedURL != "https://x/rss" || !got.CheckedAt.IsZero() {
		t.Errorf("Source = %+v", got)
	}
}

func TestOpenRejectsNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", len(migrations)+1)); err != nil {
		t.Fatal(err)
	}
	s.Close()

	_, err = Open(path)
	if !errors.Is(err, errNewerSchema) {
		t.Fatalf("Open of a newer schema: err = %v, want errNewerSchema", err)
	}
	_, err = OpenReadOnly(path)
	if !errors.Is(err, errNewerSchema) {
		t.Fatalf("OpenReadOnly of a newer schema: err = %v, want errNewerSchema", err)
	}
}

func TestMigrationsStepByStep(t *testing.T) {
	// Pretend a later version exists: opening a file written with the first
	// migrations only must apply the rest, each once.
	path := filepath.Join(t.TempDir(), "cache.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = append(slices.Clone(saved), `CREATE TABLE extra (x INTEGER)`)

	s, err = Open(path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	var version int
	s.db.QueryRow("PRAGMA user_version").Scan(&version)
	if version != len(migrations) {
		t.Errorf("user_version = %d, want %d", version, len(migrations))
	}
	if _, err := s.db.Exec(`INSERT INTO extra VALUES (1)`); err != nil {
		t.Errorf("new table missing: %v", err)
	}
}

// A cache written by the version that stored each item's month (schema 2,
// synced in UTC) reads its items, articles and read marks after the
// upgrade, and months are no longer in it to disagree with a reader in
// another zone.
func TestMonthsLeaveAVersion2Cache(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	saved := migrations
	migrations = saved[:2]
	s, err := Open(path)
	migrations = saved
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO sources (id, url) VALUES (1, 'https://r.se/nyheter/')`,
		// 31 May 23:30 UTC, stored as May by a sync in UTC.
		`INSERT INTO items (id, source_id, key, title, published, sort_time, month, read, first_seen)
		 VALUES (1, 1, 'a', 'Sent i maj', 1654039800, 1654039800, '2022-05', 1, 1654039800)`,
		`INSERT INTO articles (item_id, url, markdown, links) VALUES (1, 'https://r.se/a', 'Text om [länken](https://x.se/).', '["https://x.se/"]')`,
		`INSERT INTO headline_snapshots (source_id, gen, body) VALUES (1, (SELECT list_gen FROM sources), x'00')`,
	} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	s.Close()

	s, err = Open(path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	it, err := s.Item(1)
	if err != nil || it.Title != "Sent i maj" || !it.Read || !it.Published.Equal(time.Unix(1654039800, 0)) {
		t.Errorf("item after the upgrade: %+v, %v", it, err)
	}
	a, ok, err := s.Article(1)
	if err != nil || !ok || a.Format != 0 || len(a.Links) != 1 {
		t.Errorf("article after the upgrade: %+v, %v, %v (format 0: its links are not numbered yet)", a, ok, err)
	}
	if _, err := s.db.Exec(`SELECT month FROM items`); err == nil {
		t.Error("the month column is still there")
	}
	var snapshots int
	s.db.QueryRow(`SELECT count(*) FROM headline_snapshots`).Scan(&snapshots)
	if snapshots != 0 {
		t.Error("a snapshot of the old format survived the upgrade")
	}
}

func TestSyncItemsIsIdempotent(t *testing.T) {
	s, src := newStore(t)
	items := []Item{
		item("https://x/1", "Ny vårdcentral i Växjö", "2022-06-14T08:00:00Z"),
		item("https://x/2", "Tåget går igen", "2022-06-13T08:00:00Z"),
		item("https://x/3", "Odaterad", ""),
	}
	if got, want := mustSync(t, s, src, items...), (Counts{New: 3}); got != want {
		t.Errorf("first sync: %+v, want %+v", got, want)
	}
	if got, want := mustSync(t, s, src, items...), (Counts{Unchanged: 3}); got != want {
		t.Errorf("second sync: %+v, want %+v", got, want)
	}
	all, _ := s.Items(Filter{Sources: []int64{src}})
	if len(all) != 3 {
		t.Errorf("%d items stored, want 3", len(all))
	}
}

func TestSyncItemsUpdatesInPlace(t *testing.T) {
	s, src := newStore(t)
	first := []Item{item("guid-1", "Gammal rubrik", "2022-06-14T08:00:00Z")}
	mustSync(t, s, src, first...)
	id := first[0].ID
	if err := s.MarkRead([]int64{id}, true); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name   string
		change func(*Item)
	}{
		{"title", func(it *Item) { it.Title = "Ny rubrik" }},
		{"date", func(it *Item) { it.Published = date("2022-07-01T10:00:00Z"); it.SortTime = it.Published }},
		{"summary", func(it *Item) { it.Summary = "Ändrad ingress" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := first[0]
			tt.change(&it)
			first[0] = it
			if got, want := mustSync(t, s, src, it), (Counts{Updated: 1}); got != want {
				t.Errorf("counts %+v, want %+v", got, want)
			}
			got, err := s.Item(id)
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != it.Title || !got.Published.Equal(it.Published) || got.Summary != it.Summary {
				t.Errorf("stored %+v, want the changed %+v", got, it)
			}
			if !got.Read {
				t.Error("an update lost the read state")
			}
		})
	}

	// A new position alone is stored but not counted as an update.
	it := first[0]
	it.Position = 5
	if got, want := mustSync(t, s, src, it), (Counts{Unchanged: 1}); got != want {
		t.Errorf("position change: %+v, want %+v", got, want)
	}
	if got, _ := s.Item(id); got.Position != 5 {
		t.Errorf("position = %d, want 5", got.Position)
	}
	if got, want := mustSync(t, s, src, item("guid-2", "Annan", "")), (Counts{New: 1}); got != want {
		t.Errorf("another key: %+v, want %+v", got, want)
	}
	if all, _ := s.Items(Filter{Sources: []int64{src}}); len(all) != 2 {
		t.Errorf("%d items, want 2: items absent from a sync stay", len(all))
	}
}

func TestSyncItemsRejectsEmptyKey(t *testing.T) {
	s, src := newStore(t)
	_, err := s.SyncItems(src, []Item{item("k", "ok", ""), {Title: "no key"}})
	if err == nil {
		t.Fatal("an item without key was accepted")
	}
	if all, _ := s.Items(Filter{Sources: []int64{src}}); len(all) != 0 {
		t.Errorf("a failed sync stored %d items; it must be one transaction", len(all))
	}
}

func TestPublishedIsTheInstant(t *testing.T) {
	withLocal(t, "Europe/Stockholm")
	s, src := newStore(t)
	items := []Item{
		item("late-may", "Sent i maj (UTC)", "2022-05-31T23:30:00Z"),
		item("undated", "Utan datum", ""),
	}
	mustSync(t, s, src, items...)
	got, err := s.Item(items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Published.Equal(date("2022-05-31T23:30:00Z")) {
		t.Errorf("published %v, want 31 May 23:30 UTC", got.Published)
	}
	if got, _ := s.Item(items[1].ID); !got.Published.IsZero() {
		t.Errorf("undated item: published %v; want none", got.Published)
	}
}

func TestItemsOrderAndMonths(t *testing.T) {
	withLocal(t, "Europe/Stockholm")
	s, src := newStore(t)
	other := Source{URL: "https://other.example/"}
	if err := s.SaveSource(&other); err != nil {
		t.Fatal(err)
	}
	mustSync(t, s, other.ID, item("o", "Annan källa", "2022-06-20T08:00:00Z"))

	undated := item("u", "Odaterad, lånar grannens tid", "")
	undated.SortTime = date("2022-06-14T08:00:00Z")
	undated.Position = 2
	items := []Item{
		{Key: "a", Title: "Juni 14", Published: date("2022-06-14T08:00:00Z"), SortTime: date("2022-06-14T08:00:00Z"), Position: 1},
		undated,
		item("b", "Juni 1", "2022-06-01T08:00:00Z"),
		item("c", "Maj 31 (juni lokalt)", "2022-05-31T23:30:00Z"),
		item("d", "Maj 2", "2022-05-02T08:00:00Z"),
		item("e", "April", "2022-04-10T08:00:00Z"),
	}
	mustSync(t, s, src, items...)

	// Months are ranges of instants that the engine computes in the
	// reader's zone; June in Stockholm begins 31 May 22:00 UTC.
	juneStart, julyStart := date("2022-05-31T22:00:00Z"), date("2022-06-30T22:00:00Z")
	tests := []struct {
		name string
		f    Filter
		want []string
	}{
		{"all, the undated last", Filter{Sources: []int64{src}},
			[]string{"Juni 14", "Juni 1", "Maj 31 (juni lokalt)", "Maj 2", "April", "Odaterad, lånar grannens tid"}},
		{"June in Stockholm", Filter{Sources: []int64{src}, From: juneStart, To: julyStart},
			[]string{"Juni 14", "Juni 1", "Maj 31 (juni lokalt)"}},
		{"May", Filter{Sources: []int64{src}, From: date("2022-04-30T22:00:00Z"), To: juneStart}, []string{"Maj 2"}},
		{"undated", Filter{Sources: []int64{src}, Undated: true}, []string{"Odaterad, lånar grannens tid"}},
		{"both sources", Filter{Sources: []int64{src, other.ID}, From: juneStart, To: julyStart},
			[]string{"Annan källa", "Juni 14", "Juni 1", "Maj 31 (juni lokalt)"}},
		{"every source", Filter{From: juneStart, To: julyStart},
			[]string{"Annan källa", "Juni 14", "Juni 1", "Maj 31 (juni lokalt)"}},
		{"no such month", Filter{Sources: []int64{src}, From: date("2021-01-01T00:00:00Z"), To: date("2021-02-01T00:00:00Z")}, nil},
	}
	for _, tt := range tests {
		got, err := s.Items(tt.f)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(titles(got), tt.want) {
			t.Errorf("%s: Items = %q, want %q", tt.name, titles(got), tt.want)
		}
	}

	bounds := []time.Time{date("2022-03-31T22:00:00Z"), date("2022-04-30T22:00:00Z"), juneStart, julyStart}
	counts, nUndated, err := s.CountRanges(Filter{Sources: []int64{src}}, bounds)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(counts, []int{1, 1, 3}) || nUndated != 1 {
		t.Errorf("CountRanges = %v and %d undated, want [1 1 3] and 1 (other sources not counted)", counts, nUndated)
	}
	first, last, ok, err := s.PublishedSpan(Filter{Sources: []int64{src}})
	if err != nil || !ok || !first.Equal(date("2022-04-10T08:00:00Z")) || !last.Equal(date("2022-06-14T08:00:00Z")) {
		t.Errorf("PublishedSpan = %v, %v, %v, %v", first, last, ok, err)
	}
}

func TestItemLookups(t *testing.T) {
	s, src := newStore(t)
	items := []Item{item("https://x/1", "Ett", "2022-06-14T08:00:00Z")}
	mustSync(t, s, src, items...)

	got, err := s.ItemByURL([]int64{src}, "https://x/1")
	if err != nil || got.ID != items[0].ID || got.SourceID != src {
		t.Errorf("ItemByURL = %+v, %v", got, err)
	}
	if got.FirstSeen.IsZero() {
		t.Error("FirstSeen not set")
	}
	if _, err := s.ItemByURL([]int64{src}, "https://x/none"); !errors.Is(err, ErrNotFound) {
		t.Errorf("ItemByURL of a missing URL: %v, want ErrNotFound", err)
	}
	if _, err := s.Item(12345); !errors.Is(err, ErrNotFound) {
		t.Errorf("Item of a missing ID: %v, want ErrNotFound", err)
	}
	if err := s.MarkRead([]int64{12345}, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("MarkRead of a missing ID: %v, want ErrNotFound", err)
	}
	for _, read := range []bool{true, false} {
		if err := s.MarkRead([]int64{items[0].ID}, read); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Item(items[0].ID); got.Read != read {
			t.Errorf("Read = %v, want %v", got.Read, read)
		}
	}
}

func TestArticleRoundTrip(t *testing.T) {
	s, src := newStore(t)
	items := []Item{
		item("https://x/main", "Huvudartikel", "2022-06-14T08:00:00Z"),
		item("https://x/rel1", "Relaterad ett", "2022-06-10T08:00:00Z"),
		item("https://x/redirected", "Flyttad", "2022-06-09T08:00:00Z"),
	}
	mustSync(t, s, src, items...)
	// The third item's page redirected; a related link may name where it landed.
	if err := s.SaveArticle(Article{ItemID: items[2].ID, URL: "https://x/landed", Markdown: "flyttad"}); err != nil {
		t.Fatal(err)
	}

	want := Article{
		ItemID:   items[0].ID,
		URL:      "https://x/main?final",
		Title:    "Huvudartikel",
		Markdown: "# Huvudartikel\n\nTexten om ”Växjö” [1].",
		Links:    []string{"https://x/l1", "https://x/l2"},
		Related: []Related{
			{URL: "https://x/rel1", Title: "Relaterad ett", Published: date("2022-06-10T00:00:00Z"), ItemID: items[1].ID},
			{URL: "https://elsewhere/", Title: "Inte i cachen"},
			{URL: "https://x/landed", Title: "Flyttad", ItemID: items[2].ID},
		},
		ETag:         `W/"abc"`,
		LastModified: "Tue, 14 Jun 2022 08:00:00 GMT",
		FetchedAt:    date("2024-03-01T12:00:00Z"),
	}
	save := want
	save.Related = slices.Clone(want.Related)
	for i := range save.Related {
		save.Related[i].ItemID = 0 // resolved on read, not stored
	}
	if err := s.SaveArticle(save); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Article(items[0].ID)
	if err != nil || !ok {
		t.Fatalf("Article: ok %v, err %v", ok, err)
	}
	if !articlesEqual(got, want) {
		t.Errorf("Article =\n%+v\nwant\n%+v", got, want)
	}

	// Saving again replaces the article and its related list.
	save.Related = save.Related[:1]
	save.Computed = true
	save.Links = nil
	if err := s.SaveArticle(save); err != nil {
		t.Fatal(err)
	}
	got, _, _ = s.Article(items[0].ID)
	if len(got.Related) != 1 || !got.Computed || got.Links != nil {
		t.Errorf("after replace: %+v", got)
	}

	if _, ok, err := s.Article(items[1].ID); ok || err != nil {
		t.Errorf("Article of an item without one: ok %v, err %v", ok, err)
	}
	if it, _ := s.Item(items[0].ID); !it.Cached {
		t.Error("item not marked cached")
	}
	if it, _ := s.Item(items[1].ID); it.Cached {
		t.Error("item without article marked cached")
	}
	if err := s.SaveArticle(Article{ItemID: 9999}); err == nil {
		t.Error("an article for a missing item was accepted")
	}
}

func articlesEqual(a, b Article) bool {
	return a.ItemID == b.ItemID && a.URL == b.URL && a.Title == b.Title && a.Markdown == b.Markdown &&
		slices.Equal(a.Links, b.Links) && slices.EqualFunc(a.Related, b.Related, func(x, y Related) bool {
		return x.URL == y.URL && x.Title == y.Title && x.Published.Equal(y.Published) && x.ItemID == y.ItemID
	}) && a.Computed == b.Computed && a.ETag == b.ETag && a.LastModified == b.LastModified && a.FetchedAt.Equal(b.FetchedAt)
}

func TestMissingArticlesAndCorpus(t *testing.T) {
	s, src := newStore(t)
	items := []Item{
		item("https://x/1", "Ett", "2022-06-14T08:00:00Z"),
		item("https://x/2", "Två", "2022-06-13T08:00:00Z"),
		item("https://x/3", "Tre", "2022-06-12T08:00:00Z"),
		{Key: "guid-without-link", Title: "Utan länk", SortTime: date("2022-06-15T08:00:00Z")},
	}
	mustSync(t, s, src, items...)
	if err := s.SaveArticle(Article{ItemID: items[1].ID, Markdown: "Hela texten om två", Format: ArticleFormat}); err != nil {
		t.Fatal(err)
	}
	// An article an older extraction stored is fetched and extracted again.
	if err := s.SaveArticle(Article{ItemID: items[2].ID, Markdown: "Tre [länk](https://x/) [1]", Format: ArticleFormat - 1}); err != nil {
		t.Fatal(err)
	}
	missing, err := s.MissingArticles(src)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := titles(missing), []string{"Ett", "Tre"}; !slices.Equal(got, want) {
		t.Errorf("MissingArticles = %q, want %q", got, want)
	}

	docs, err := s.Corpus(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []Doc{
		{items[0].ID, "Ett", "Om Ett"},
		{items[1].ID, "Två", "Hela texten om två"},
		{items[2].ID, "Tre", "Tre [länk](https://x/) [1]"},
		{items[3].ID, "Utan länk", ""},
	}
	if !slices.Equal(docs, want) {
		t.Errorf("Corpus = %v, want %v", docs, want)
	}
}

func TestSearch(t *testing.T) {
	s, src := newStore(t)
	other := Source{URL: "https://other.example/"}
	s.SaveSource(&other)
	mustSync(t, s, other.ID, item("o", "Växjö i annan källa", "2022-06-20T08:00:00Z"))

	items := []Item{
		item("1", "Ny vårdcentral i Växjö", "2022-06-14T08:00:00Z"),
		item("2", "Tåget mellan Alvesta och Vaxholm", "2022-06-13T08:00:00Z"),
		item("3", "Sommarjobb i regionen", "2022-06-12T08:00:00Z"),
		item("4", "Nyheter från Ljungby", "2022-06-11T08:00:00Z"),
	}
	items[3].Summary = "Något om \"citat\" AND (parenteser) * NEAR(x) -minus"
	mustSync(t, s, src, items...)
	// Article text is searchable too, ranked below a title match.
	if err := s.SaveArticle(Article{ItemID: items[2].ID, Markdown: "Jobba i Växjö eller Ljungby i sommar."}); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		query string
		want  []string
	}{
		{"växjö", []string{"Ny vårdcentral i Växjö", "Sommarjobb i regionen"}},
		{"VÄXJÖ", []string{"Ny vårdcentral i Växjö", "Sommarjobb i regionen"}},
		{"Växj", []string{"Ny vårdcentral i Växjö", "Sommarjobb i regionen"}}, // prefix
		{"vaxjo", nil}, // å/ä/ö stay distinct from a/o
		{"vax", []string{"Tåget mellan Alvesta och Vaxholm"}}, // ...so "vax" finds Vaxholm only
		{"TÅGET alvesta", []string{"Tåget mellan Alvesta och Vaxholm"}},
		{"tåget ljungby", nil}, // every word is required
		{"ljungby", []string{"Nyheter från Ljungby", "Sommarjobb i regionen"}},
		{`"`, nil},
		{`AND (`, []string{"Nyheter från Ljungby"}},
		{`*`, nil},
		{`NEAR(`, []string{"Nyheter från Ljungby"}},
		{`-`, nil},
		{`"citat`, []string{"Nyheter från Ljungby"}},
		{`parenteser)`, []string{"Nyheter från Ljungby"}},
		{`växjö OR ljungby`, nil}, // OR is a word, not an operator
		{`col:växjö`, nil},
		{`title:växjö`, nil},
		{`^ny`, []string{"Ny vårdcentral i Växjö", "Nyheter från Ljungby"}},
		{"", nil},
		{"   ", nil},
	}
	for _, tt := range tests {
		got, err := s.Search(Filter{Sources: []int64{src}, Match: tt.query}, 10)
		if err != nil {
			t.Errorf("Search(%q): %v", tt.query, err)
			continue
		}
		if !slices.Equal(titles(got), tt.want) {
			t.Errorf("Search(%q) = %q, want %q", tt.query, titles(got), tt.want)
		}
	}

	if got, _ := s.Search(Filter{Sources: []int64{src}, Match: "i"}, 1); len(got) != 1 {
		t.Errorf("limit 1 gave %d results", len(got))
	}

	// The index follows updates.
	items[0].Title, items[0].Summary = "Ny vårdcentral i Alvesta", ""
	mustSync(t, s, src, items...)
	got, _ := s.Search(Filter{Sources: []int64{src}, Match: "växjö"}, 0)
	if want := []string{"Sommarjobb i regionen"}; !slices.Equal(titles(got), want) {
		t.Errorf("after a title change Search = %q, want %q", titles(got), want)
	}
}

func TestPruneByAge(t *testing.T) {
	s, src := newStore(t)
	now := time.Now()
	old := Item{Key: "old", URL: "https://x/old", Title: "Gammal", Published: now.AddDate(-3, 0, 0)}
	recent := Item{Key: "new", URL: "https://x/new", Title: "Färsk", Published: now.AddDate(0, -1, 0)}
	items := []Item{old, recent}
	mustSync(t, s, src, items...)
	if err := s.SaveArticle(Article{ItemID: items[0].ID, Markdown: "gammal text", Related: []Related{{URL: "https://x/new"}}}); err != nil {
		t.Fatal(err)
	}

	removed, err := s.Prune(DefaultKeepMonths, 0)
	if err != nil {
		t.Fatal(err)
	}
	if removed != 1 {
		t.Errorf("removed %d, want 1", removed)
	}
	if got, _ := s.Items(Filter{Sources: []int64{src}}); !slices.Equal(titles(got), []string{"Färsk"}) {
		t.Errorf("left %q, want [Färsk]", titles(got))
	}
	if _, ok, _ := s.Article(items[0].ID); ok {
		t.Error("the article of a pruned item stayed")
	}
	var orphans int
	s.db.QueryRow(`SELECT (SELECT count(*) FROM related) + (SELECT count(*) FROM fts WHERE rowid = ?)`, items[0].ID).Scan(&orphans)
	if orphans != 0 {
		t.Errorf("%d related or index rows outlived their item", orphans)
	}
	if got, _ := s.Search(Filter{Sources: []int64{src}, Match: "gammal"}, 0); len(got) != 0 {
		t.Errorf("search still finds a pruned item: %q", titles(got))
	}
	if removed, _ := s.Prune(0, 0); removed != 0 {
		t.Errorf("Prune(0, 0) removed %d; zero disables both limits", removed)
	}
}

func TestPruneCountsAgeFromTheNewestItem(t *testing.T) {
	// A feed read years after its last news keeps what it had.
	s, src := newStore(t)
	mustSync(t, s, src,
		item("a", "Juni", "2022-06-14T09:05:00+02:00"),
		item("b", "November", "2022-11-22T10:30:00+01:00"),
		item("c", "Förra seklet", "1999-12-31T12:00:00+01:00"))
	removed, err := s.Prune(DefaultKeepMonths, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Items(Filter{Sources: []int64{src}}); removed != 1 || !slices.Equal(titles(got), []string{"November", "Juni"}) {
		t.Errorf("removed %d, left %q; want only the item 23 years older than the newest gone", removed, titles(got))
	}
}

func TestPruneBySize(t *testing.T) {
	s, src := newStore(t)
	start := date("2024-01-01T00:00:00Z")
	var items []Item
	for i := range 300 {
		it := item(fmt.Sprintf("https://x/%d", i), fmt.Sprintf("Nyhet %d", i), "")
		it.SortTime = start.Add(time.Duration(i) * time.Hour)
		items = append(items, it)
	}
	mustSync(t, s, src, items...)
	body := strings.Repeat("Region Kronoberg informerar om vården i Växjö. ", 100) // ~5 kB
	for _, it := range items {
		if err := s.SaveArticle(Article{ItemID: it.ID, Markdown: body}); err != nil {
			t.Fatal(err)
		}
	}
	fileSize := func() int64 {
		fi, err := os.Stat(s.Path())
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	before := fileSize()

	const limit = 600 << 10
	removed, err := s.Prune(0, limit)
	if err != nil {
		t.Fatal(err)
	}
	tx, _ := s.db.Begin()
	used, _ := usedBytes(tx)
	tx.Rollback()
	if used > limit {
		t.Errorf("after Prune %d bytes in use, want at most %d", used, limit)
	}
	left, _ := s.Items(Filter{Sources: []int64{src}})
	if len(left)+removed != len(items) {
		t.Errorf("%d left + %d removed != %d", len(left), removed, len(items))
	}
	// The oldest went first, and not much more than needed.
	if len(left) == 0 || left[len(left)-1].Title != fmt.Sprintf("Nyhet %d", removed) {
		t.Errorf("oldest left is %q, want %q", titles(left[len(left)-1:]), fmt.Sprintf("Nyhet %d", removed))
	}
	if perItem := before / int64(len(items)); int64(len(left))*perItem < limit/2 {
		t.Errorf("kept %d items of ~%d bytes each under a %d byte limit: pruned too much", len(left), perItem, limit)
	}
	if again, _ := s.Prune(0, limit); again != 0 {
		t.Errorf("a second Prune with the same limit removed %d; pruning goes a little under the limit", again)
	}
	s.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	if after := fileSize(); after >= before {
		t.Errorf("file did not shrink: %d bytes before, %d after", before, after)
	}
	t.Logf("file %d → %d bytes, %d in use, %d items removed", before, fileSize(), used, removed)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestOpenReadOnly(t *testing.T) {
	s, src := newStore(t)
	items := []Item{item("https://x/1", "Ny vårdcentral i Växjö", "2022-06-14T08:00:00Z")}
	mustSync(t, s, src, items...)
	s.Close() // checkpoints the WAL into the file

	// Copies of the cache that the user may not write: the file alone, and
	// the file in a directory, like a cache on a read-only mount. (Root
	// ignores the modes; the store must not write either way.)
	tests := []struct {
		name    string
		dirMode os.FileMode
	}{
		{"read-only file", 0o700},
		{"read-only directory", 0o500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "ro")
			os.Mkdir(dir, 0o700)
			path := filepath.Join(dir, "cache.db")
			copyFile(t, s.Path(), path)
			os.Chmod(path, 0o444)
			os.Chmod(dir, tt.dirMode)
			t.Cleanup(func() { os.Chmod(dir, 0o700) })

			ro, err := OpenReadOnly(path)
			if err != nil {
				t.Fatal(err)
			}
			defer ro.Close()
			got, err := ro.Items(Filter{Sources: []int64{src}})
			if err != nil || !slices.Equal(titles(got), []string{"Ny vårdcentral i Växjö"}) {
				t.Errorf("Items = %q, %v", titles(got), err)
			}
			if got, _ := ro.Search(Filter{Sources: []int64{src}, Match: "växjö"}, 0); len(got) != 1 {
				t.Errorf("Search found %d, want 1", len(got))
			}
			if _, ok, err := ro.Source("https://www.regionkronoberg.se/nyheter/"); !ok || err != nil {
				t.Errorf("Source: ok %v, err %v", ok, err)
			}

			writes := map[string]func() error{
				"MarkRead":    func() error { return ro.MarkRead([]int64{items[0].ID}, true) },
				"SyncItems":   func() error { _, err := ro.SyncItems(src, items); return err },
				"SaveSource":  func() error { return ro.SaveSource(&Source{URL: "https://y/"}) },
				"SaveArticle": func() error { return ro.SaveArticle(Article{ItemID: items[0].ID}) },
				"Prune":       func() error { _, err := ro.Prune(1, 1); return err },
			}
			for name, write := range writes {
				if err := write(); !errors.Is(err, ErrReadOnly) {
					t.Errorf("%s through a read-only store: %v, want ErrReadOnly", name, err)
				}
			}
			// Below that guard, SQLite itself refuses, for root too.
			if _, err := ro.db.Exec(`UPDATE items SET read = 1`); err == nil {
				t.Error("SQLite accepted a write on a read-only connection")
			}
		})
	}

	if _, err := OpenReadOnly(filepath.Join(t.TempDir(), "missing.db")); err == nil {
		t.Error("OpenReadOnly of a missing file succeeded")
	}
}

func TestOpenReadOnlyNeedsCurrentSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.db.Exec(`PRAGMA user_version = 0`)
	s.Close()
	if _, err := OpenReadOnly(path); err == nil || !strings.Contains(err.Error(), "older") {
		t.Errorf("OpenReadOnly of an old schema: %v, want an error saying it is older", err)
	}
}

func TestConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	var stores []*Store
	for range 2 {
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores = append(stores, s)
	}
	src := Source{URL: "https://www.regionkronoberg.se/nyheter/"}
	if err := stores[0].SaveSource(&src); err != nil {
		t.Fatal(err)
	}

	// Two workers per store sync overlapping item lists and save articles,
	// as two copies of nyss syncing the same feed would.
	const rounds = 100
	var wg sync.WaitGroup
	errs := make(chan error, 4*rounds)
	for w := range 4 {
		s := stores[w%2]
		wg.Go(func() {
			for r := range rounds {
				items := []Item{
					item(fmt.Sprintf("shared-%d", r%10), fmt.Sprintf("Delad %d", r%10), "2022-06-14T08:00:00Z"),
					item(fmt.Sprintf("own-%d-%d", w, r), "Egen", "2022-06-13T08:00:00Z"),
				}
				if _, err := s.SyncItems(src.ID, items); err != nil {
					errs <- err
					return
				}
				if err := s.SaveArticle(Article{ItemID: items[0].ID, Markdown: "text"}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	all, err := stores[1].Items(Filter{Sources: []int64{src.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if want := 10 + 4*rounds; len(all) != want {
		t.Errorf("%d items stored, want %d", len(all), want)
	}
	keys := map[string]bool{}
	for _, it := range all {
		if keys[it.Key] {
			t.Errorf("duplicate key %q", it.Key)
		}
		keys[it.Key] = true
	}
}

// BenchmarkSyncItems1000 stores 1,000 new items in one sync.
func BenchmarkSyncItems1000(b *testing.B) {
	s, _ := newStore(b)
	start := date("2020-01-01T00:00:00Z")
	n := 0
	for b.Loop() {
		b.StopTimer()
		n++
		src := Source{URL: fmt.Sprintf("https://example.com/%d", n)}
		if err := s.SaveSource(&src); err != nil {
			b.Fatal(err)
		}
		items := make([]Item, 1000)
		for i := range items {
			items[i] = Item{
				Key: fmt.Sprintf("https://example.com/%d/%d", n, i), URL: fmt.Sprintf("https://example.com/%d/%d", n, i),
				Title: "Nyhet om vården i Växjö", Summary: strings.Repeat("Ingress. ", 20),
				Published: start.Add(time.Duration(i) * time.Hour), Position: i,
			}
		}
		b.StartTimer()
		c, err := s.SyncItems(src.ID, items)
		if err != nil || c.New != 1000 {
			b.Fatalf("%+v, %v", c, err)
		}
	}
}

// BenchmarkItems10000 lists 10,000 items that all have an article stored.
func BenchmarkItems10000(b *testing.B) {
	s, src := newStore(b)
	start := date("2020-01-01T00:00:00Z")
	items := make([]Item, 10000)
	for i := range items {
		items[i] = Item{
			Key: fmt.Sprint(i), URL: fmt.Sprintf("https://example.com/%d", i),
			Title: "Nyhet om vården i Växjö", Summary: strings.Repeat("Ingress. ", 20),
			Published: start.Add(time.Duration(i) * time.Hour),
		}
	}
	mustSync(b, s, src, items...)
	err := s.write(func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO articles (item_id, markdown) SELECT id, 'Hela texten.' FROM items`)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		got, err := s.Items(Filter{Sources: []int64{src}})
		if err != nil || len(got) != 10000 || !got[0].Cached {
			b.Fatalf("%d items, %v", len(got), err)
		}
	}
}

func TestHeadlinesMatchItems(t *testing.T) {
	s, sourceID := newStore(t)
	june := time.Date(2022, 6, 14, 9, 5, 0, 0, time.UTC)
	items := []Item{
		{Key: "a", URL: "https://r.se/a", Title: "Äldre nyhet", Published: june, SortTime: june},
		{Key: "b", URL: "https://r.se/b", Title: "Nyare nyhet", Published: june.AddDate(0, 1, 0), SortTime: june.AddDate(0, 1, 0)},
		{Key: "c", URL: "https://r.se/c", Title: "Utan datum", SortTime: june.AddDate(0, 1, 0), Position: 1},
	}
	if _, err := s.SyncItems(sourceID, items); err != nil {
		t.Fatal(err)
	}
	full, err := s.Items(Filter{Sources: []int64{sourceID}})
	if err != nil {
		t.Fatal(err)
	}
	hs, _, err := s.Headlines(Filter{Sources: []int64{sourceID}})
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != len(full) {
		t.Fatalf("%d headlines, %d items", len(hs), len(full))
	}
	for i, h := range hs {
		it := full[i]
		want := Headline{ID: it.ID, SourceID: it.SourceID, Title: it.Title, Published: it.Published, Cached: it.Cached, Read: it.Read,
			sortTime: it.SortTime.Unix(), position: it.Position}
		if h != want {
			t.Errorf("headline %d = %+v, item %+v", i, h, it)
		}
	}
	june2022, _, err := s.Headlines(Filter{Sources: []int64{sourceID}, From: june.AddDate(0, 0, -1), To: june.AddDate(0, 0, 1)})
	if err != nil || len(june2022) != 1 || june2022[0].Title != "Äldre nyhet" {
		t.Errorf("month filter: %+v %v", june2022, err)
	}
}

func TestHeadlineSnapshotFollowsEveryChange(t *testing.T) {
	s, src := newStore(t)
	items := []Item{
		item("a", "Äldre nyhet", "2022-06-14T09:05:00+02:00"),
		item("b", "Nyare nyhet", "2022-07-14T09:05:00+02:00"),
		item("c", "Utan datum", ""),
	}
	items[2].SortTime = items[1].SortTime
	mustSync(t, s, src, items...)

	// fromItems is the list as the items table says it, the snapshot aside.
	fromItems := func() []Headline {
		t.Helper()
		var hs []Headline
		if err := s.read(func(tx *sql.Tx) error {
			var err error
			hs, err = queryHeadlines(tx, Filter{Sources: []int64{src}})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return hs
	}
	check := func(step string) {
		t.Helper()
		for range 2 { // the first read may give a snapshot to keep, the second reads it
			got, stale, err := s.Headlines(Filter{Sources: []int64{src}})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.SaveSnapshot(stale); err != nil {
				t.Fatal(err)
			}
			if want := fromItems(); !slices.Equal(got, want) {
				t.Fatalf("after %s:\n got %+v\nwant %+v", step, got, want)
			}
		}
	}
	check("the first sync")
	var snapshots int
	s.db.QueryRow(`SELECT count(*) FROM headline_snapshots`).Scan(&snapshots)
	if snapshots != 1 {
		t.Fatalf("%d snapshots written, want 1", snapshots)
	}

	all, _ := s.Items(Filter{Sources: []int64{src}})
	s.MarkRead([]int64{all[0].ID}, true)
	check("marking one read")
	s.SaveArticle(Article{ItemID: all[1].ID, Markdown: "Brödtext"})
	check("storing an article")
	mustSync(t, s, src, item("a", "Äldre nyhet, ändrad", "2022-06-14T09:05:00+02:00"), item("d", "Ny", "2022-08-01T09:00:00+02:00"))
	check("a sync with a changed title and a new item")
	s.Prune(1, 0)
	check("pruning")

	s.db.Exec(`UPDATE headline_snapshots SET body = x'ff'`)
	check("a damaged snapshot")
}

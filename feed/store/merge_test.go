package store

import (
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"
)

// Several sources' whole lists, merged from their snapshots, come in the
// order one query over them gives: dated first, newest sort time first,
// then the place in the feed, then the ID; undated last. The middle
// source's snapshot is kept in several parts.
func TestHeadlinesOfMergesInTheQuerysOrder(t *testing.T) {
	s, first := newStore(t)
	ids := []int64{first}
	for _, url := range []string{"https://glasbo.example.se/rss", "https://ljungby.example.se/rss"} {
		src := Source{URL: url, Kind: "feed"}
		if err := s.SaveSource(&src); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, src.ID)
	}
	base := time.Date(2022, 6, 14, 9, 0, 0, 0, time.UTC)
	for n, id := range ids {
		var items []Item
		count := 40
		if n == 1 {
			count = 1500
		}
		for i := range count {
			it := Item{Key: fmt.Sprint(i), URL: fmt.Sprintf("https://x.se/%d/%d", n, i), Title: fmt.Sprintf("Källa %d nyhet %d", n, i), Position: i}
			switch {
			case i%10 == 9: // undated
			case i%7 == 0: // the same instant in every source: a tie
				it.Published = base
			default:
				it.Published = base.Add(-time.Duration(i*3+n) * time.Hour)
			}
			items = append(items, it)
		}
		if _, err := s.SyncItems(id, items); err != nil {
			t.Fatal(err)
		}
	}
	var want []Headline
	if err := s.read(func(tx *sql.Tx) error {
		var err error
		want, err = queryHeadlines(tx, Filter{Sources: ids})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for round := range 2 { // first from the items, then from the snapshots
		got, stale, err := s.HeadlinesOf(ids)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: merged order differs from the query's", round)
		}
		if round == 1 && len(stale) != 0 {
			t.Errorf("round %d read %d stale snapshots", round, len(stale))
		}
		for _, st := range stale {
			if err := s.SaveSnapshot(st); err != nil {
				t.Fatal(err)
			}
		}
	}
	var parts int
	s.db.QueryRow(`SELECT count(*) FROM headline_snapshots WHERE source_id = ?`, ids[1]).Scan(&parts)
	if parts < 2 {
		t.Errorf("the long list's snapshot is in %d parts", parts)
	}
	if !(Filter{Sources: ids}).WholeSources() || (Filter{Sources: ids, Unread: true}).WholeSources() {
		t.Error("WholeSources is wrong")
	}
}

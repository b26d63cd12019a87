package store

import (
	"cmp"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Filter picks the items of a list, a count or a search. The zero Filter
// is every item of every source.
//
// The store knows no months: a month is a range of publication times that
// the caller computes in the reader's time zone. Published is stored as
// the instant (Unix seconds), so a range is an index range scan whatever
// zone the items were synced in.
type Filter struct {
	Sources  []int64   // the sources' IDs; nil: every source
	From, To time.Time // half-open range [From, To) of publication times; zero: unbounded; either set leaves undated items out
	Undated  bool      // only the items with no date
	Unread   bool      // only the items not read
	Match    string    // plain words that must all occur in title, summary or article (see Search); "": no text condition
}

// where is the filter as SQL conditions on items i, each starting " AND ".
func (f Filter) where() (string, []any) {
	var b strings.Builder
	var args []any
	switch len(f.Sources) {
	case 0:
	case 1:
		b.WriteString(" AND i.source_id = ?")
		args = append(args, f.Sources[0])
	default:
		b.WriteString(" AND i.source_id IN (?" + strings.Repeat(", ?", len(f.Sources)-1) + ")")
		for _, id := range f.Sources {
			args = append(args, id)
		}
	}
	if !f.From.IsZero() {
		b.WriteString(" AND i.published >= ?")
		args = append(args, f.From.Unix())
	}
	if !f.To.IsZero() {
		b.WriteString(" AND i.published < ?")
		args = append(args, f.To.Unix())
	}
	if f.Undated {
		b.WriteString(" AND i.published IS NULL")
	}
	if f.Unread {
		b.WriteString(" AND NOT i.read")
	}
	if f.Match != "" {
		b.WriteString(" AND i.id IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
		args = append(args, matchExpression(f.Match))
	}
	return b.String(), args
}

// wholeSource reports a filter that is one source's whole list: the list
// its snapshot holds.
// WholeSources is whether the filter is the whole lists of several
// sources, which HeadlinesOf reads from their snapshots.
func (f Filter) WholeSources() bool {
	return len(f.Sources) > 1 && f.From.IsZero() && f.To.IsZero() && !f.Undated && !f.Unread && f.Match == ""
}

func (f Filter) wholeSource() bool {
	return len(f.Sources) == 1 && f.From.IsZero() && f.To.IsZero() && !f.Undated && !f.Unread && f.Match == ""
}

// itemColumns are the columns scanItem reads, from items i joined with
// articles a (LEFT JOIN: a.item_id is NULL when no article is stored).
const itemColumns = `i.id, i.source_id, i.key, i.url, i.title, i.summary, i.published, i.sort_time,
	i.position, a.item_id IS NOT NULL, i.read, i.first_seen`

const itemsFrom = ` FROM items i LEFT JOIN articles a ON a.item_id = i.id `

// newestFirst is the order of every item list: newest first, and the
// undated items last, as a group of their own.
const newestFirst = ` ORDER BY i.published IS NULL, i.sort_time DESC, i.position ASC, i.id ASC`

type scanner interface{ Scan(dest ...any) error }

func scanItem(row scanner) (Item, error) {
	var (
		it        Item
		published sql.NullInt64
		sortTime  int64
		firstSeen int64
	)
	err := row.Scan(&it.ID, &it.SourceID, &it.Key, &it.URL, &it.Title, &it.Summary, &published, &sortTime,
		&it.Position, &it.Cached, &it.Read, &firstSeen)
	if err != nil {
		return Item{}, err
	}
	it.Published = fromUnix(published)
	it.SortTime = time.Unix(sortTime, 0)
	it.FirstSeen = time.Unix(firstSeen, 0)
	return it, nil
}

func (s *Store) queryItems(query string, args ...any) ([]Item, error) {
	rows, err := s.db.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// Items lists the filter's items, newest first, the undated last.
func (s *Store) Items(f Filter) ([]Item, error) {
	where, args := f.where()
	items, err := s.queryItems(`SELECT `+itemColumns+itemsFrom+`WHERE 1`+where+newestFirst, args...)
	if err != nil {
		return nil, fmt.Errorf("list items: %w", err)
	}
	return items, nil
}

// Headline is the part of an item a list of headlines draws.
type Headline struct {
	ID        int64
	SourceID  int64
	Title     string
	Published time.Time // zero: undated
	Cached    bool
	Read      bool

	// The rest of the order (newestFirst), so that the lists of several
	// sources can be merged into the order one query would give.
	sortTime int64
	position int
}

// Snapshot is a source's whole headline list, to be kept as one row: the
// driver's cost is per row and column, so listing 10,000 headlines from
// one row is several times faster than from 10,000. Triggers count every
// change to what it holds (schema version 2); a snapshot of another count
// than its source's is stale and never read.
type Snapshot struct {
	sourceID, gen int64
	headlines     []Headline
}

// Headlines lists the filter's headlines in the order of Items, with only
// what a list shows. One source's whole list is read from its snapshot
// when that is current. Headlines never writes: when the snapshot was
// stale, it returns the list as a new one, which SaveSnapshot keeps.
func (s *Store) Headlines(f Filter) ([]Headline, *Snapshot, error) {
	if f.wholeSource() {
		all, stale, err := s.HeadlinesOf(f.Sources)
		var st *Snapshot
		if len(stale) > 0 {
			st = stale[0]
		}
		return all, st, err
	}
	var hs []Headline
	err := s.read(func(tx *sql.Tx) (err error) {
		hs, err = queryHeadlines(tx, f)
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("list headlines: %w", err)
	}
	return hs, nil, nil
}

// HeadlinesOf lists the whole headline lists of several sources as one,
// in the order of Items: each source's from its snapshot where that is
// current, merged. The snapshots that were stale come back to be kept
// (SaveSnapshot), as from Headlines.
func (s *Store) HeadlinesOf(sources []int64) ([]Headline, []*Snapshot, error) {
	var (
		lists [][]Headline
		stale []*Snapshot
		n     int
	)
	err := s.read(func(tx *sql.Tx) error {
		// One query for every snapshot: preparing a statement costs more
		// than reading a snapshot.
		args := make([]any, len(sources))
		for i, id := range sources {
			args[i] = id
		}
		rows, err := tx.Query(`
			SELECT src.id, src.list_gen, snap.body FROM sources src
			LEFT JOIN headline_snapshots snap ON snap.source_id = src.id AND snap.gen = src.list_gen
			WHERE src.id IN (?`+strings.Repeat(", ?", len(sources)-1)+`)
			ORDER BY src.id, snap.part`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		// A source's parts come one after another; its snapshot is whole
		// when the next source's rows begin.
		var (
			last, lastGen int64 = -1, 0
			parts         [][]byte
			size          int
		)
		done := func() {
			if last < 0 {
				return
			}
			if parts != nil {
				// Joined once: appending part by part copied the whole
				// list over and over as it grew.
				body := make([]byte, 0, size)
				for _, p := range parts {
					body = append(body, p...)
				}
				if hs, err := decodeHeadlines(body, last); err == nil {
					lists, n = append(lists, hs), n+len(hs)
					return
				}
			}
			stale = append(stale, &Snapshot{sourceID: last, gen: lastGen})
		}
		for rows.Next() {
			var (
				id, gen int64
				chunk   []byte
			)
			if err := rows.Scan(&id, &gen, &chunk); err != nil {
				return err
			}
			if id != last {
				done()
				last, lastGen, parts, size = id, gen, nil, 0
			}
			if chunk != nil {
				parts, size = append(parts, chunk), size+len(chunk)
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		done()
		for _, st := range stale {
			if st.headlines, err = queryHeadlines(tx, Filter{Sources: []int64{st.sourceID}}); err != nil {
				return err
			}
			lists, n = append(lists, st.headlines), n+len(st.headlines)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("list headlines: %w", err)
	}
	if len(lists) == 1 {
		return lists[0], stale, nil
	}
	// Each list is in order already: merging them costs a pass, where
	// sorting the whole took a fifth of `nyss list` over five sources.
	all := make([]Headline, 0, n)
	for {
		first := -1
		for i, l := range lists {
			if len(l) > 0 && (first < 0 || newerFirst(&l[0], &lists[first][0]) < 0) {
				first = i
			}
		}
		if first < 0 {
			return all, stale, nil
		}
		all = append(all, lists[first][0])
		lists[first] = lists[first][1:]
	}
}

// newerFirst orders two headlines as the SQL's newestFirst does: dated
// first; then sort time, newest first; then the place in the feed; then
// the ID.
func newerFirst(a, b *Headline) int {
	if ad, bd := a.Published.IsZero(), b.Published.IsZero(); ad != bd {
		if ad {
			return 1
		}
		return -1
	}
	if c := cmp.Compare(b.sortTime, a.sortTime); c != 0 {
		return c
	}
	if c := cmp.Compare(a.position, b.position); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// SaveSnapshot keeps a snapshot Headlines returned. One read before a
// change it did not see carries the old count, and so is never read.
func (s *Store) SaveSnapshot(snap *Snapshot) error {
	if snap == nil {
		return nil
	}
	return s.write(func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM headline_snapshots WHERE source_id = ?`, snap.sourceID); err != nil {
			return err
		}
		insert, err := tx.Prepare(`INSERT INTO headline_snapshots (source_id, part, gen, body) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer insert.Close()
		body := encodeHeadlines(snap.headlines)
		for part := 0; len(body) > 0; part++ {
			n := min(len(body), snapshotPart)
			if _, err := insert.Exec(snap.sourceID, part, snap.gen, body[:n]); err != nil {
				return err
			}
			body = body[n:]
		}
		return nil
	})
}

// snapshotPart is the most bytes of a snapshot one row holds (schema 7).
const snapshotPart = 32 << 10

func queryHeadlines(tx *sql.Tx, f Filter) ([]Headline, error) {
	where, args := f.where()
	rows, err := tx.Query(`SELECT i.id, i.source_id, i.title, i.published, a.item_id IS NOT NULL, i.read, i.sort_time, i.position`+
		itemsFrom+`WHERE 1`+where+newestFirst, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hs []Headline
	for rows.Next() {
		var (
			h         Headline
			published sql.NullInt64
		)
		if err := rows.Scan(&h.ID, &h.SourceID, &h.Title, &published, &h.Cached, &h.Read, &h.sortTime, &h.position); err != nil {
			return nil, err
		}
		h.Published = fromUnix(published)
		hs = append(hs, h)
	}
	return hs, rows.Err()
}

// PublishedSpan returns the earliest and the latest publication time of
// the filter's items; ok is false when none is dated.
func (s *Store) PublishedSpan(f Filter) (first, last time.Time, ok bool, err error) {
	where, args := f.where()
	var lo, hi sql.NullInt64
	// Two queries, as SQLite reads a lone min or max from the index's end
	// but scans for both together.
	err = s.read(func(tx *sql.Tx) error {
		if err := tx.QueryRow(`SELECT min(i.published) FROM items i WHERE i.published IS NOT NULL`+where, args...).Scan(&lo); err != nil {
			return err
		}
		return tx.QueryRow(`SELECT max(i.published) FROM items i WHERE i.published IS NOT NULL`+where, args...).Scan(&hi)
	})
	if err != nil {
		return time.Time{}, time.Time{}, false, fmt.Errorf("date span: %w", err)
	}
	return fromUnix(lo), fromUnix(hi), lo.Valid, nil
}

// Count counts the filter's items.
func (s *Store) Count(f Filter) (n int, err error) {
	where, args := f.where()
	if err := s.db.QueryRow(`SELECT count(*) FROM items i WHERE 1`+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count items: %w", err)
	}
	return n, nil
}

// CountRanges counts the filter's items published in each range
// [bounds[i], bounds[i+1]), and the undated ones. Each range is an index
// range count, so a year of months costs a few milliseconds however many
// items each holds.
func (s *Store) CountRanges(f Filter, bounds []time.Time) (counts []int, undated int, err error) {
	where, args := f.where()
	err = s.read(func(tx *sql.Tx) error {
		if err := tx.QueryRow(`SELECT count(*) FROM items i WHERE i.published IS NULL`+where, args...).Scan(&undated); err != nil {
			return err
		}
		if len(bounds) < 2 {
			return nil
		}
		var values strings.Builder
		var all []any
		for i := range len(bounds) - 1 {
			if i > 0 {
				values.WriteString(", ")
			}
			values.WriteString("(?, ?, ?)")
			all = append(all, i, bounds[i].Unix(), bounds[i+1].Unix())
		}
		rows, err := tx.Query(`WITH b(n, lo, hi) AS (VALUES `+values.String()+`)
			SELECT b.n, (SELECT count(*) FROM items i WHERE i.published >= b.lo AND i.published < b.hi`+where+`)
			FROM b ORDER BY b.n`, append(all, args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		counts = make([]int, len(bounds)-1)
		for rows.Next() {
			var n, c int
			if err := rows.Scan(&n, &c); err != nil {
				return err
			}
			counts[n] = c
		}
		return rows.Err()
	})
	if err != nil {
		return nil, 0, fmt.Errorf("count months: %w", err)
	}
	return counts, undated, nil
}

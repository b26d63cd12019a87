package store

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Source returns the source the user gave as url; ok is false when it has
// never been saved.
func (s *Store) Source(url string) (src Source, ok bool, err error) {
	var checked, changed sql.NullInt64
	err = s.db.QueryRow(`
		SELECT id, url, feed_url, kind, title, etag, last_modified, checked_at, changed_at
		FROM sources WHERE url = ?`, url).
		Scan(&src.ID, &src.URL, &src.FeedURL, &src.Kind, &src.Title, &src.ETag, &src.LastModified, &checked, &changed)
	if errors.Is(err, sql.ErrNoRows) {
		return Source{}, false, nil
	}
	if err != nil {
		return Source{}, false, fmt.Errorf("read source: %w", err)
	}
	src.CheckedAt, src.ChangedAt = fromUnix(checked), fromUnix(changed)
	return src, true, nil
}

// SaveSource inserts the source or updates the one with the same URL, and
// sets src.ID.
func (s *Store) SaveSource(src *Source) error {
	err := s.write(func(tx *sql.Tx) error {
		return tx.QueryRow(`
			INSERT INTO sources (url, feed_url, kind, title, etag, last_modified, checked_at, changed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (url) DO UPDATE SET
				feed_url = excluded.feed_url, kind = excluded.kind, title = excluded.title,
				etag = excluded.etag, last_modified = excluded.last_modified,
				checked_at = excluded.checked_at, changed_at = excluded.changed_at
			RETURNING id`,
			src.URL, src.FeedURL, src.Kind, src.Title, src.ETag, src.LastModified,
			unixOrNull(src.CheckedAt), unixOrNull(src.ChangedAt)).Scan(&src.ID)
	})
	if err != nil {
		return fmt.Errorf("save source: %w", err)
	}
	return nil
}

// SyncItems stores a feed's items in one transaction. An item is known by
// its Key: a new key is inserted; a known one is updated in place, keeping
// its ID, first-seen time and read state. Items not in the list stay, since
// the cache keeps history.
//
// Counts.Updated counts items whose URL, title, summary or date changed; a
// changed position or sort time is stored but not counted, because it
// shifts for every item whenever a new one tops the feed.
//
// A zero SortTime falls back to Published, then to the stored sort time or,
// for a new item, to now. SyncItems sets ID, SourceID and Month in items.
func (s *Store) SyncItems(sourceID int64, items []Item) (Counts, error) {
	var counts Counts
	err := s.write(func(tx *sql.Tx) error {
		counts = Counts{}
		find, err := tx.Prepare(`
			SELECT id, url, title, summary, published, sort_time, position, month
			FROM items WHERE source_id = ? AND key = ?`)
		if err != nil {
			return err
		}
		defer find.Close()
		insert, err := tx.Prepare(`
			INSERT INTO items (source_id, key, url, title, summary, published, sort_time, position, month, first_seen)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer insert.Close()
		update, err := tx.Prepare(`
			UPDATE items SET url = ?, title = ?, summary = ?, published = ?, sort_time = ?, position = ?, month = ?
			WHERE id = ?`)
		if err != nil {
			return err
		}
		defer update.Close()

		now := time.Now()
		for i := range items {
			it := &items[i]
			if it.Key == "" {
				return fmt.Errorf("item %q has no key", it.Title)
			}
			it.SourceID = sourceID
			it.Month = monthOf(it.Published)
			published := unixOrNull(it.Published)

			var (
				old       Item
				oldPub    sql.NullInt64
				oldSort   int64
				oldMonth  string
				sortTime  = it.SortTime
				firstSeen = it.FirstSeen
			)
			if sortTime.IsZero() {
				sortTime = it.Published
			}
			err := find.QueryRow(sourceID, it.Key).
				Scan(&old.ID, &old.URL, &old.Title, &old.Summary, &oldPub, &oldSort, &old.Position, &oldMonth)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				if sortTime.IsZero() {
					sortTime = now
				}
				if firstSeen.IsZero() {
					firstSeen = now
				}
				res, err := insert.Exec(sourceID, it.Key, it.URL, it.Title, it.Summary, published,
					sortTime.Unix(), it.Position, it.Month, firstSeen.Unix())
				if err != nil {
					return err
				}
				if it.ID, err = res.LastInsertId(); err != nil {
					return err
				}
				counts.New++
				continue
			case err != nil:
				return err
			}

			it.ID = old.ID
			sortUnix := oldSort
			if !sortTime.IsZero() {
				sortUnix = sortTime.Unix()
			}
			changed := old.URL != it.URL || old.Title != it.Title || old.Summary != it.Summary ||
				oldPub != toNullInt64(published)
			if !changed && sortUnix == oldSort && old.Position == it.Position && oldMonth == it.Month {
				counts.Unchanged++
				continue
			}
			if _, err := update.Exec(it.URL, it.Title, it.Summary, published, sortUnix, it.Position, it.Month, old.ID); err != nil {
				return err
			}
			if changed {
				counts.Updated++
			} else {
				counts.Unchanged++
			}
		}
		return nil
	})
	if err != nil {
		return Counts{}, fmt.Errorf("sync items: %w", err)
	}
	return counts, nil
}

func toNullInt64(v any) sql.NullInt64 {
	n, ok := v.(int64)
	return sql.NullInt64{Int64: n, Valid: ok}
}

// itemColumns are the columns scanItem reads, from items i joined with
// articles a (LEFT JOIN: a.item_id is NULL when no article is stored).
const itemColumns = `i.id, i.source_id, i.key, i.url, i.title, i.summary, i.published, i.sort_time,
	i.position, i.month, a.item_id IS NOT NULL, i.read, i.first_seen`

const itemsFrom = ` FROM items i LEFT JOIN articles a ON a.item_id = i.id `

// newestFirst is the order of every item list.
const newestFirst = ` ORDER BY i.sort_time DESC, i.position ASC, i.id ASC`

type scanner interface{ Scan(dest ...any) error }

func scanItem(row scanner) (Item, error) {
	var (
		it        Item
		published sql.NullInt64
		sortTime  int64
		firstSeen int64
	)
	err := row.Scan(&it.ID, &it.SourceID, &it.Key, &it.URL, &it.Title, &it.Summary, &published, &sortTime,
		&it.Position, &it.Month, &it.Cached, &it.Read, &firstSeen)
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

// Items lists a source's items newest first; month "YYYY-MM" keeps one
// month, "" keeps all.
func (s *Store) Items(sourceID int64, month string) ([]Item, error) {
	var (
		items []Item
		err   error
	)
	if month == "" {
		items, err = s.queryItems(`SELECT `+itemColumns+itemsFrom+`WHERE i.source_id = ?`+newestFirst, sourceID)
	} else {
		items, err = s.queryItems(`SELECT `+itemColumns+itemsFrom+`WHERE i.source_id = ? AND i.month = ?`+newestFirst, sourceID, month)
	}
	if err != nil {
		return nil, fmt.Errorf("list items: %w", err)
	}
	return items, nil
}

// Headline is the part of an item a list of headlines draws.
type Headline struct {
	ID        int64
	Title     string
	Published time.Time // zero: undated
	Month     string    // "YYYY-MM", "" when undated
	Cached    bool
	Read      bool
}

// Headlines lists a source's headlines newest first, like Items, with only
// what a list shows. The whole list (month "") is read from its snapshot
// when that is current, and the snapshot is written anew when it is not:
// a list of 10,000 headlines is drawn at each start.
func (s *Store) Headlines(sourceID int64, month string) ([]Headline, error) {
	var (
		hs    []Headline
		gen   int64
		fresh bool
	)
	err := s.read(func(tx *sql.Tx) error {
		if month == "" {
			var body []byte
			err := tx.QueryRow(`
				SELECT src.list_gen, snap.body FROM sources src
				LEFT JOIN headline_snapshots snap ON snap.source_id = src.id AND snap.gen = src.list_gen
				WHERE src.id = ?`, sourceID).Scan(&gen, &body)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			if body != nil {
				hs, err = decodeHeadlines(body)
				fresh = err == nil
				if fresh {
					return nil
				}
			}
		}
		var err error
		hs, err = queryHeadlines(tx, sourceID, month)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list headlines: %w", err)
	}
	if month == "" && !fresh && !s.readOnly {
		// Best effort: a snapshot that cannot be written is read from the
		// items next time too. One written after a change it did not see
		// carries the old count, and so is never read.
		_, _ = s.db.Exec(`INSERT OR REPLACE INTO headline_snapshots (source_id, gen, body) VALUES (?, ?, ?)`,
			sourceID, gen, encodeHeadlines(hs))
	}
	return hs, nil
}

func queryHeadlines(tx *sql.Tx, sourceID int64, month string) ([]Headline, error) {
	query := `SELECT i.id, i.title, i.published, i.month, a.item_id IS NOT NULL, i.read` + itemsFrom + `WHERE i.source_id = ?`
	args := []any{sourceID}
	if month != "" {
		query += ` AND i.month = ?`
		args = append(args, month)
	}
	rows, err := tx.Query(query+newestFirst, args...)
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
		if err := rows.Scan(&h.ID, &h.Title, &published, &h.Month, &h.Cached, &h.Read); err != nil {
			return nil, err
		}
		h.Published = fromUnix(published)
		hs = append(hs, h)
	}
	return hs, rows.Err()
}

// Months lists the months that have dated items, newest first.
func (s *Store) Months(sourceID int64) ([]MonthCount, error) {
	rows, err := s.db.Query(`
		SELECT month, count(*) FROM items
		WHERE source_id = ? AND month != ''
		GROUP BY month ORDER BY month DESC`, sourceID)
	if err != nil {
		return nil, fmt.Errorf("list months: %w", err)
	}
	defer rows.Close()
	var months []MonthCount
	for rows.Next() {
		var m MonthCount
		if err := rows.Scan(&m.Month, &m.Count); err != nil {
			return nil, fmt.Errorf("list months: %w", err)
		}
		months = append(months, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list months: %w", err)
	}
	return months, nil
}

// Item returns one item by ID, or ErrNotFound.
func (s *Store) Item(id int64) (Item, error) {
	it, err := scanItem(s.db.QueryRow(`SELECT `+itemColumns+itemsFrom+`WHERE i.id = ?`, id))
	return it, notFound(err, "item %d", id)
}

// ItemByURL returns the source's item with this URL (the newest, should
// several share it), or ErrNotFound.
func (s *Store) ItemByURL(sourceID int64, url string) (Item, error) {
	it, err := scanItem(s.db.QueryRow(`SELECT `+itemColumns+itemsFrom+
		`WHERE i.source_id = ? AND i.url = ?`+newestFirst+` LIMIT 1`, sourceID, url))
	return it, notFound(err, "item %s", url)
}

// MissingArticles lists the source's items that have a URL but no stored
// article, newest first: the articles a sync still has to fetch.
func (s *Store) MissingArticles(sourceID int64) ([]Item, error) {
	items, err := s.queryItems(`SELECT `+itemColumns+itemsFrom+
		`WHERE i.source_id = ? AND i.url != '' AND a.item_id IS NULL`+newestFirst, sourceID)
	if err != nil {
		return nil, fmt.Errorf("list missing articles: %w", err)
	}
	return items, nil
}

// MarkRead sets an item's read state.
func (s *Store) MarkRead(itemID int64, read bool) error {
	return s.write(func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE items SET read = ? WHERE id = ?`, read, itemID)
		if err != nil {
			return fmt.Errorf("mark read: %w", err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return fmt.Errorf("item %d: %w", itemID, ErrNotFound)
		}
		return nil
	})
}

// notFound turns sql.ErrNoRows into ErrNotFound naming what was missing.
func notFound(err error, format string, args ...any) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf(format+": %w", append(args, ErrNotFound)...)
	default:
		return fmt.Errorf(format+": %w", append(args, err)...)
	}
}

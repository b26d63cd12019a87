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
	src, err = scanSource(s.db.QueryRow(selectSources+` WHERE url = ?`, url))
	if errors.Is(err, sql.ErrNoRows) {
		return Source{}, false, nil
	}
	if err != nil {
		return Source{}, false, fmt.Errorf("read source: %w", err)
	}
	return src, true, nil
}

// Sources returns every source the cache holds, in the order they were
// first saved.
func (s *Store) Sources() ([]Source, error) {
	rows, err := s.db.Query(selectSources + ` ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read sources: %w", err)
	}
	defer rows.Close()
	var out []Source
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, fmt.Errorf("read sources: %w", err)
		}
		out = append(out, src)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read sources: %w", err)
	}
	return out, nil
}

const selectSources = `
	SELECT id, url, feed_url, kind, title, etag, last_modified, checked_at, changed_at, last_error
	FROM sources`

func scanSource(row interface{ Scan(...any) error }) (src Source, err error) {
	var checked, changed sql.NullInt64
	err = row.Scan(&src.ID, &src.URL, &src.FeedURL, &src.Kind, &src.Title, &src.ETag, &src.LastModified, &checked, &changed, &src.LastError)
	src.CheckedAt, src.ChangedAt = fromUnix(checked), fromUnix(changed)
	return src, err
}

// SaveSource inserts the source or updates the one with the same URL, and
// sets src.ID.
func (s *Store) SaveSource(src *Source) error {
	err := s.write(func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM first_sync_errors WHERE url = ?`, src.URL); err != nil {
			return err
		}
		return tx.QueryRow(`
			INSERT INTO sources (url, feed_url, kind, title, etag, last_modified, checked_at, changed_at, last_error)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (url) DO UPDATE SET
				feed_url = excluded.feed_url, kind = excluded.kind, title = excluded.title,
				etag = excluded.etag, last_modified = excluded.last_modified,
				checked_at = excluded.checked_at, changed_at = excluded.changed_at,
				last_error = excluded.last_error
			RETURNING id`,
			src.URL, src.FeedURL, src.Kind, src.Title, src.ETag, src.LastModified,
			unixOrNull(src.CheckedAt), unixOrNull(src.ChangedAt), src.LastError).Scan(&src.ID)
	})
	if err != nil {
		return fmt.Errorf("save source: %w", err)
	}
	return nil
}

// SetSourceError notes why the source's last sync failed. For a source
// never synced, it is kept until the first sync that succeeds.
func (s *Store) SetSourceError(url, msg string) error {
	err := s.write(func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE sources SET last_error = ? WHERE url = ?`, msg, url)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			return err
		}
		_, err = tx.Exec(`INSERT OR REPLACE INTO first_sync_errors (url, message) VALUES (?, ?)`, url, msg)
		return err
	})
	if err != nil {
		return fmt.Errorf("save source error: %w", err)
	}
	return nil
}

// FirstSyncError is why the syncs of a source never synced failed; ""
// when none did or the source has synced.
func (s *Store) FirstSyncError(url string) (msg string, err error) {
	err = s.db.QueryRow(`SELECT message FROM first_sync_errors WHERE url = ?`, url).Scan(&msg)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read source error: %w", err)
	}
	return msg, nil
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
// for a new item, to now. SyncItems sets ID and SourceID in items.
func (s *Store) SyncItems(sourceID int64, items []Item) (Counts, error) {
	var counts Counts
	err := s.write(func(tx *sql.Tx) error {
		counts = Counts{}
		find, err := tx.Prepare(`
			SELECT id, url, title, summary, published, sort_time, position
			FROM items WHERE source_id = ? AND key = ?`)
		if err != nil {
			return err
		}
		defer find.Close()
		insert, err := tx.Prepare(`
			INSERT INTO items (source_id, key, url, title, summary, published, sort_time, position, first_seen)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer insert.Close()
		update, err := tx.Prepare(`
			UPDATE items SET url = ?, title = ?, summary = ?, published = ?, sort_time = ?, position = ?
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
			published := unixOrNull(it.Published)

			var (
				old       Item
				oldPub    sql.NullInt64
				oldSort   int64
				sortTime  = it.SortTime
				firstSeen = it.FirstSeen
			)
			if sortTime.IsZero() {
				sortTime = it.Published
			}
			err := find.QueryRow(sourceID, it.Key).
				Scan(&old.ID, &old.URL, &old.Title, &old.Summary, &oldPub, &oldSort, &old.Position)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				if sortTime.IsZero() {
					sortTime = now
				}
				if firstSeen.IsZero() {
					firstSeen = now
				}
				res, err := insert.Exec(sourceID, it.Key, it.URL, it.Title, it.Summary, published,
					sortTime.Unix(), it.Position, firstSeen.Unix())
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
			if !changed && sortUnix == oldSort && old.Position == it.Position {
				counts.Unchanged++
				continue
			}
			if _, err := update.Exec(it.URL, it.Title, it.Summary, published, sortUnix, it.Position, old.ID); err != nil {
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

// Item returns one item by ID, or ErrNotFound.
func (s *Store) Item(id int64) (Item, error) {
	it, err := scanItem(s.db.QueryRow(`SELECT `+itemColumns+itemsFrom+`WHERE i.id = ?`, id))
	return it, notFound(err, "item %d", id)
}

// ItemByURL returns the item with this URL in one of the sources (the
// newest, should several share it), or ErrNotFound.
func (s *Store) ItemByURL(sources []int64, url string) (Item, error) {
	where, args := Filter{Sources: sources}.where()
	it, err := scanItem(s.db.QueryRow(`SELECT `+itemColumns+itemsFrom+
		`WHERE i.url = ?`+where+newestFirst+` LIMIT 1`, append([]any{url}, args...)...))
	return it, notFound(err, "item %s", url)
}

// MissingArticles lists the source's items that have a URL but no stored
// article, or one that an older extraction stored (a format before
// ArticleFormat), newest first: the articles a sync still has to fetch.
func (s *Store) MissingArticles(sourceID int64) ([]Item, error) {
	items, err := s.queryItems(`SELECT `+itemColumns+itemsFrom+
		`WHERE i.source_id = ? AND i.url != '' AND (a.item_id IS NULL OR a.format < ?)`+newestFirst,
		sourceID, ArticleFormat)
	if err != nil {
		return nil, fmt.Errorf("list missing articles: %w", err)
	}
	return items, nil
}

// MarkRead sets the read state of items, in one transaction. An ID that
// is not stored is an error, and then none changes.
func (s *Store) MarkRead(ids []int64, read bool) error {
	return s.write(func(tx *sql.Tx) error {
		update, err := tx.Prepare(`UPDATE items SET read = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer update.Close()
		for _, id := range ids {
			res, err := update.Exec(read, id)
			if err != nil {
				return fmt.Errorf("mark read: %w", err)
			}
			if n, err := res.RowsAffected(); err == nil && n == 0 {
				return fmt.Errorf("item %d: %w", id, ErrNotFound)
			}
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

// SourceCounts is how many items the source has, and how many of them are
// unread.
func (s *Store) SourceCounts(sourceID int64) (items, unread int, err error) {
	err = s.db.QueryRow(`SELECT count(*), coalesce(sum(NOT read), 0) FROM items WHERE source_id = ?`, sourceID).Scan(&items, &unread)
	if err != nil {
		return 0, 0, fmt.Errorf("count items: %w", err)
	}
	return items, unread, nil
}

// DeleteSource removes the source given as url with its items, articles
// and related lists; ok is false when the cache never held it.
func (s *Store) DeleteSource(url string) (ok bool, err error) {
	err = s.write(func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM first_sync_errors WHERE url = ?`, url); err != nil {
			return err
		}
		res, err := tx.Exec(`DELETE FROM sources WHERE url = ?`, url)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		ok = n > 0
		return err
	})
	if err != nil {
		return false, fmt.Errorf("delete source: %w", err)
	}
	return ok, nil
}

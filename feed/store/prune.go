package store

import (
	"database/sql"
	"fmt"
	"time"
)

// Prune applies the retention limits to every source. It drops the items
// (with their articles) whose SortTime is more than keepMonths months older
// than the source's newest item; then, when the database's content (its
// pages in use) is over maxBytes, the oldest items until it is 5% under, so
// that the next few syncs do not each pay for pruning again. Zero disables a
// limit. Freed pages are given back to the file system where the file
// allows it.
//
// Age counts from the newest dated item, not from today: a feed that has
// been quiet for a while, or a cache read years later, keeps the months it
// had; a source with no dates at all is not pruned by age.
func (s *Store) Prune(keepMonths int, maxBytes int64) (removed int, err error) {
	if keepMonths > 0 {
		err := s.write(func(tx *sql.Tx) error {
			newest, err := newestPerSource(tx)
			if err != nil {
				return err
			}
			for source, t := range newest {
				cutoff := ageCutoff(t, keepMonths).Unix()
				n, err := deleteItems(tx, `DELETE FROM items WHERE source_id = ? AND sort_time < ?`, source, cutoff)
				removed += n
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return removed, fmt.Errorf("prune: %w", err)
		}
	}
	if maxBytes > 0 {
		n, err := s.pruneToSize(maxBytes)
		removed += n
		if err != nil {
			return removed, fmt.Errorf("prune: %w", err)
		}
	}
	if removed > 0 {
		// Only a file created with auto_vacuum=incremental shrinks; on others
		// this is a no-op and later writes reuse the free pages.
		if _, err := s.db.Exec(`PRAGMA incremental_vacuum`); err != nil {
			return removed, fmt.Errorf("prune: vacuum: %w", err)
		}
	}
	return removed, nil
}

// pruneToSize removes the oldest items in rounds, one transaction each. A
// round removes the share of items that matches the share of bytes over the
// target and then measures again, because freed pages are not in proportion
// to deleted rows.
func (s *Store) pruneToSize(maxBytes int64) (removed int, err error) {
	target := maxBytes - maxBytes/20
	limit := maxBytes // pruning starts over the limit and goes on to the target
	for {
		done := false
		err := s.write(func(tx *sql.Tx) error {
			used, err := usedBytes(tx)
			if err != nil {
				return err
			}
			var count int64
			if err := tx.QueryRow(`SELECT count(*) FROM items`).Scan(&count); err != nil {
				return err
			}
			if used <= limit || count == 0 {
				done = true
				return nil
			}
			n, err := deleteItems(tx, `
				DELETE FROM items WHERE id IN (
					SELECT id FROM items ORDER BY sort_time, id LIMIT ?)`,
				count*(used-target)/used+1)
			removed += n
			if err != nil {
				return err
			}
			// Until its segments merge, fts keeps deleted entries in the
			// index; optimizing drops them now, so the next measure counts.
			_, err = tx.Exec(`INSERT INTO fts (fts) VALUES ('optimize')`)
			return err
		})
		if err != nil || done {
			return removed, err
		}
		limit = target
	}
}

func deleteItems(tx *sql.Tx, query string, args ...any) (int, error) {
	res, err := tx.Exec(query, args...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// usedBytes is the size of the database's pages in use, not counting free pages.
func usedBytes(tx *sql.Tx) (int64, error) {
	var pageSize, pages, free int64
	err := tx.QueryRow(`
		SELECT page_size, page_count, freelist_count
		FROM pragma_page_size(), pragma_page_count(), pragma_freelist_count()`).
		Scan(&pageSize, &pages, &free)
	return (pages - free) * pageSize, err
}

// AgeCutoff is the sort time before which Prune removes the source's
// items by age, keeping keepMonths; ok is false when it removes none by
// age (no limit, or no dated item).
func (s *Store) AgeCutoff(sourceID int64, keepMonths int) (cutoff time.Time, ok bool, err error) {
	if keepMonths <= 0 {
		return time.Time{}, false, nil
	}
	var newest sql.NullInt64
	err = s.db.QueryRow(`SELECT max(published) FROM items WHERE source_id = ? AND published IS NOT NULL`, sourceID).Scan(&newest)
	if err != nil || !newest.Valid {
		return time.Time{}, false, err
	}
	return ageCutoff(newestDate(newest.Int64), keepMonths), true, nil
}

// newestPerSource is the newest publication date of every source that has
// dated items (newestDate).
func newestPerSource(tx *sql.Tx) (map[int64]time.Time, error) {
	rows, err := tx.Query(`SELECT source_id, max(published) FROM items WHERE published IS NOT NULL GROUP BY source_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	newest := map[int64]time.Time{}
	for rows.Next() {
		var source, t int64
		if err := rows.Scan(&source, &t); err != nil {
			return nil, err
		}
		newest[source] = newestDate(t)
	}
	return newest, rows.Err()
}

// ageCutoff is the sort time before which items go, keeping keepMonths
// from the source's newest date: one rule for Prune and for a sync that
// leaves out what Prune would remove.
func ageCutoff(newest time.Time, keepMonths int) time.Time { return newest.AddDate(0, -keepMonths, 0) }

// newestDate is a source's newest publication time as retention counts
// from it: a date in the future counts as now, so that one item dated 2099
// cannot prune a whole history.
func newestDate(unix int64) time.Time { return time.Unix(min(unix, time.Now().Unix()), 0) }

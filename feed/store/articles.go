package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
)

// SaveArticle stores an item's article and its related list in one
// transaction, replacing what was stored before. The item then counts as
// cached, and its article text becomes searchable.
func (s *Store) SaveArticle(a Article) error {
	return s.SaveArticles([]Article{a})
}

// SaveArticles stores several articles in one transaction: a sync saves
// what its workers have extracted in batches, since a commit costs more
// than an article's rows.
func (s *Store) SaveArticles(as []Article) error {
	err := s.write(func(tx *sql.Tx) error {
		w, err := newArticleWriter(tx)
		if err != nil {
			return err
		}
		defer w.close()
		for _, a := range as {
			if err := w.save(a); err != nil {
				return fmt.Errorf("item %d: %w", a.ItemID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save article: %w", err)
	}
	return nil
}

// articleWriter writes articles and related lists with statements
// prepared once a transaction: parsing the SQL again for each article of
// a sync was a twentieth of its CPU.
type articleWriter struct {
	upsert, clearRelated, addRelated *sql.Stmt
}

func newArticleWriter(tx *sql.Tx) (*articleWriter, error) {
	w := &articleWriter{}
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&w.upsert, `
		INSERT INTO articles (item_id, url, title, markdown, links, computed, etag, last_modified, fetched_at, format)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (item_id) DO UPDATE SET
			url = excluded.url, title = excluded.title, markdown = excluded.markdown,
			links = excluded.links, computed = excluded.computed, etag = excluded.etag,
			last_modified = excluded.last_modified, fetched_at = excluded.fetched_at,
			format = excluded.format`},
		{&w.clearRelated, `DELETE FROM related WHERE item_id = ?`},
		{&w.addRelated, `INSERT INTO related (item_id, pos, url, title, published) VALUES (?, ?, ?, ?, ?)`},
	} {
		stmt, err := tx.Prepare(p.sql)
		if err != nil {
			w.close()
			return nil, err
		}
		*p.stmt = stmt
	}
	return w, nil
}

func (w *articleWriter) close() {
	for _, stmt := range []*sql.Stmt{w.upsert, w.clearRelated, w.addRelated} {
		if stmt != nil {
			stmt.Close()
		}
	}
}

func (w *articleWriter) save(a Article) error {
	links, err := json.Marshal(nonNil(a.Links))
	if err != nil {
		return err
	}
	_, err = w.upsert.Exec(a.ItemID, a.URL, a.Title, a.Markdown, string(links), a.Computed, a.ETag, a.LastModified,
		unixOrNull(a.FetchedAt), a.Format)
	if err != nil {
		return err
	}
	return w.replaceRelated(a.ItemID, a.Related)
}

// replaceRelated writes an article's related list in place of the old one.
func (w *articleWriter) replaceRelated(itemID int64, related []Related) error {
	if _, err := w.clearRelated.Exec(itemID); err != nil {
		return err
	}
	for i, r := range related {
		if _, err := w.addRelated.Exec(itemID, i, r.URL, r.Title, unixOrNull(r.Published)); err != nil {
			return err
		}
	}
	return nil
}

// ComputedArticles lists the items of a source whose stored article has no
// related block of its own, so its related list is computed.
func (s *Store) ComputedArticles(sourceID int64) ([]int64, error) {
	rows, err := s.db.Query(`
		SELECT a.item_id FROM articles a JOIN items i ON i.id = a.item_id
		WHERE i.source_id = ? AND a.computed`, sourceID)
	if err != nil {
		return nil, fmt.Errorf("computed articles: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// SetComputedRelated replaces the computed related lists of many articles
// in one transaction: recomputing them after a sync is one write, not one
// per article.
func (s *Store) SetComputedRelated(lists map[int64][]Related) error {
	err := s.write(func(tx *sql.Tx) error {
		w, err := newArticleWriter(tx)
		if err != nil {
			return err
		}
		defer w.close()
		for id, related := range lists {
			if err := w.replaceRelated(id, related); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save computed related: %w", err)
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Article returns an item's stored article; ok is false when none is stored.
// Each related entry's ItemID is the stored item of the same source whose URL
// (as listed in the feed, or as its article was finally fetched from) is the
// entry's URL, or 0.
func (s *Store) Article(itemID int64) (a Article, ok bool, err error) {
	err = s.read(func(tx *sql.Tx) error {
		var (
			links   string
			fetched sql.NullInt64
		)
		err := tx.QueryRow(`
			SELECT item_id, url, title, markdown, links, computed, etag, last_modified, fetched_at, format
			FROM articles WHERE item_id = ?`, itemID).
			Scan(&a.ItemID, &a.URL, &a.Title, &a.Markdown, &links, &a.Computed, &a.ETag, &a.LastModified, &fetched, &a.Format)
		if err != nil {
			return err
		}
		a.FetchedAt = fromUnix(fetched)
		if err := json.Unmarshal([]byte(links), &a.Links); err != nil {
			return fmt.Errorf("links: %w", err)
		}
		if len(a.Links) == 0 {
			a.Links = nil
		}

		// The unary + keeps SQLite from walking the sort-time index to
		// satisfy ORDER BY; the URL indexes find the one or two rows.
		rows, err := tx.Query(`
			SELECT r.url, r.title, r.published, coalesce(
				(SELECT o.id FROM items o
				 WHERE o.source_id = i.source_id AND o.url = r.url
				 ORDER BY +o.sort_time DESC LIMIT 1),
				(SELECT o.id FROM articles oa JOIN items o ON o.id = oa.item_id
				 WHERE oa.url = r.url AND o.source_id = i.source_id
				 ORDER BY +o.sort_time DESC LIMIT 1),
				0)
			FROM related r JOIN items i ON i.id = r.item_id
			WHERE r.item_id = ?
			ORDER BY r.pos`, itemID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				r         Related
				published sql.NullInt64
			)
			if err := rows.Scan(&r.URL, &r.Title, &published, &r.ItemID); err != nil {
				return err
			}
			r.Published = fromUnix(published)
			a.Related = append(a.Related, r)
		}
		return rows.Err()
	})
	if errors.Is(err, sql.ErrNoRows) {
		return Article{}, false, nil
	}
	if err != nil {
		return Article{}, false, fmt.Errorf("read article for item %d: %w", itemID, err)
	}
	return a, true, nil
}

// Corpus returns every item of a source with its best text, the article's
// Markdown when stored and the summary otherwise, for similarity.
func (s *Store) Corpus(sourceID int64) ([]Doc, error) {
	rows, err := s.db.Query(`
		SELECT i.id, i.title, coalesce(nullif(a.markdown, ''), i.summary)
		FROM items i LEFT JOIN articles a ON a.item_id = i.id
		WHERE i.source_id = ?
		ORDER BY i.id`, sourceID)
	if err != nil {
		return nil, fmt.Errorf("read corpus: %w", err)
	}
	defer rows.Close()
	var docs []Doc
	for rows.Next() {
		var d Doc
		if err := rows.Scan(&d.ID, &d.Title, &d.Body); err != nil {
			return nil, fmt.Errorf("read corpus: %w", err)
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read corpus: %w", err)
	}
	return docs, nil
}

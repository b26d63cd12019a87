package store

import (
	"database/sql"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Search finds the filter's items whose title, summary or article contains
// every word of f.Match, best match first (title matches weigh most). Words
// match as prefixes and case folds as for ASCII, but å, ä and ö stay
// distinct from a and o. The query is plain words: quotes, operators and
// parentheses are not FTS syntax but separators. limit <= 0 means no limit.
func (s *Store) Search(f Filter, limit int) ([]Item, error) {
	match := matchExpression(f.Match)
	if match == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	query := f.Match
	f.Match = "" // matched in the join below, which also ranks
	where, args := f.where()
	// bm25 is smaller for better matches; the weights are per fts column:
	// title, summary, body.
	items, err := s.queryItems(`SELECT `+itemColumns+`
		FROM fts JOIN items i ON i.id = fts.rowid LEFT JOIN articles a ON a.item_id = i.id
		WHERE fts MATCH ?`+where+`
		ORDER BY bm25(fts, 10.0, 3.0, 1.0), i.sort_time DESC, i.id
		LIMIT ?`, append(append([]any{match}, args...), limit)...)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	return items, nil
}

// matchExpression turns plain words into an FTS5 query: each word a quoted
// prefix phrase ("växjö"*), all of them required. Splitting on what the
// unicode61 tokenizer treats as separators leaves no quote, operator or
// parenthesis to be read as syntax.
func matchExpression(query string) string {
	words := strings.FieldsFunc(norm.NFC.String(query), func(r rune) bool {
		return !unicode.In(r, unicode.L, unicode.N, unicode.M, unicode.Co)
	})
	for i, w := range words {
		words[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"*`
	}
	return strings.Join(words, " AND ")
}

// DocFreq returns in how many items each term occurs (in title, summary or
// article), counting no further than limit: enough to tell a rare word from
// a common one, at a cost that does not grow with the cache.
func (s *Store) DocFreq(terms []string, limit int) (map[string]int, error) {
	freq := make(map[string]int, len(terms))
	err := s.read(func(tx *sql.Tx) error {
		count, err := tx.Prepare(`SELECT count(*) FROM (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?)`)
		if err != nil {
			return err
		}
		defer count.Close()
		for _, t := range terms {
			var n int
			if err := count.QueryRow(quoteTerm(t), limit).Scan(&n); err != nil {
				return err
			}
			freq[t] = n
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("document frequencies: %w", err)
	}
	return freq, nil
}

// quoteTerm makes a word an FTS5 string, which is never read as syntax.
func quoteTerm(t string) string { return `"` + strings.ReplaceAll(t, `"`, `""`) + `"` }

// Nearest returns up to k of the filter's items, other than item id, that
// share the most of terms (the words that say most about that item), best
// first: the index's own ranking over an OR of the terms. It costs one
// search, however many items are stored.
func (s *Store) Nearest(f Filter, id int64, terms []string, k int) ([]Item, error) {
	if len(terms) == 0 || k <= 0 {
		return nil, nil
	}
	quoted := make([]string, len(terms))
	for i, t := range terms {
		quoted[i] = quoteTerm(t)
	}
	f.Match = ""
	where, args := f.where()
	items, err := s.queryItems(`SELECT `+itemColumns+`
		FROM fts JOIN items i ON i.id = fts.rowid LEFT JOIN articles a ON a.item_id = i.id
		WHERE fts MATCH ? AND i.id != ?`+where+`
		ORDER BY bm25(fts, 3.0, 1.0, 1.0), i.id
		LIMIT ?`, append(append([]any{strings.Join(quoted, " OR "), id}, args...), k)...)
	if err != nil {
		return nil, fmt.Errorf("nearest items: %w", err)
	}
	return items, nil
}

// Hit is one search hit and a snippet of where it matched: a few words
// around the match, each word found between HitStart and HitEnd.
type Hit struct {
	ID      int64
	Snippet string
}

// The marks around a word found in a Hit's snippet: characters of Unicode's
// private use area, which no feed text means anything by.
const (
	HitStart = "\uE000"
	HitEnd   = "\uE001"
)

// snippetWords is how many words a snippet has around the match.
const snippetWords = 12

// Hits is Search with a snippet of each hit, from the column that matched
// best (title, summary or article), best match first.
func (s *Store) Hits(f Filter, limit int) ([]Hit, error) {
	match := matchExpression(f.Match)
	if match == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = -1
	}
	query := f.Match
	f.Match = ""
	where, args := f.where()
	rows, err := s.db.Query(`SELECT i.id, snippet(fts, -1, ?, ?, '…', ?)
		FROM fts JOIN items i ON i.id = fts.rowid
		WHERE fts MATCH ?`+where+`
		ORDER BY bm25(fts, 10.0, 3.0, 1.0), i.sort_time DESC, i.id
		LIMIT ?`, append(append([]any{HitStart, HitEnd, snippetWords, match}, args...), limit)...)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.ID, &h.Snippet); err != nil {
			return nil, fmt.Errorf("search %q: %w", query, err)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	return hits, nil
}

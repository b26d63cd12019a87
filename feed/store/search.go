package store

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Search finds a source's items whose title, summary or article contains
// every word of query, best match first (title matches weigh most). Words
// match as prefixes and case folds as for ASCII, but å, ä and ö stay
// distinct from a and o. The query is plain words: quotes, operators and
// parentheses are not FTS syntax but separators. limit <= 0 means no limit.
func (s *Store) Search(sourceID int64, query string, limit int) ([]Item, error) {
	match := matchExpression(query)
	if match == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	// bm25 is smaller for better matches; the weights are per fts column:
	// title, summary, body.
	items, err := s.queryItems(`SELECT `+itemColumns+`
		FROM fts JOIN items i ON i.id = fts.rowid LEFT JOIN articles a ON a.item_id = i.id
		WHERE fts MATCH ? AND i.source_id = ?
		ORDER BY bm25(fts, 10.0, 3.0, 1.0), i.sort_time DESC, i.id
		LIMIT ?`, match, sourceID, limit)
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

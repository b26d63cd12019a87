package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations bring the schema from one version to the next: applying
// migrations[i] turns version i into version i+1. The version lives in
// PRAGMA user_version (0 for a new file). A released step is never edited;
// a schema change is a new step at the end.
var migrations = []string{
	// 1: the first schema.
	`
CREATE TABLE sources (
	id            INTEGER PRIMARY KEY,
	url           TEXT NOT NULL UNIQUE,
	feed_url      TEXT NOT NULL DEFAULT '',
	kind          TEXT NOT NULL DEFAULT '',
	title         TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	checked_at    INTEGER,
	changed_at    INTEGER
);

CREATE TABLE items (
	id         INTEGER PRIMARY KEY,
	source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
	key        TEXT NOT NULL,
	url        TEXT NOT NULL DEFAULT '',
	title      TEXT NOT NULL DEFAULT '',
	summary    TEXT NOT NULL DEFAULT '',
	published  INTEGER,
	sort_time  INTEGER NOT NULL,
	position   INTEGER NOT NULL DEFAULT 0,
	month      TEXT NOT NULL DEFAULT '',
	read       INTEGER NOT NULL DEFAULT 0,
	first_seen INTEGER NOT NULL,
	UNIQUE (source_id, key)
);
CREATE INDEX items_by_time  ON items (source_id, sort_time DESC, position);
CREATE INDEX items_by_month ON items (source_id, month, sort_time DESC, position);
CREATE INDEX items_by_url   ON items (source_id, url);

CREATE TABLE articles (
	item_id       INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
	url           TEXT NOT NULL DEFAULT '',
	title         TEXT NOT NULL DEFAULT '',
	markdown      TEXT NOT NULL DEFAULT '',
	links         TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
	computed      INTEGER NOT NULL DEFAULT 0,
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	fetched_at    INTEGER
);
CREATE INDEX articles_by_url ON articles (url);

CREATE TABLE related (
	item_id   INTEGER NOT NULL REFERENCES articles(item_id) ON DELETE CASCADE,
	pos       INTEGER NOT NULL,
	url       TEXT NOT NULL,
	title     TEXT NOT NULL DEFAULT '',
	published INTEGER,
	PRIMARY KEY (item_id, pos)
) WITHOUT ROWID;

-- The search index: one row per item, rowid = items.id. remove_diacritics 0
-- keeps å, ä, ö distinct from a and o while case still folds.
CREATE VIRTUAL TABLE fts USING fts5(title, summary, body, tokenize = "unicode61 remove_diacritics 0");

-- Triggers keep the index in step inside the same transactions as the rows.
CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
	INSERT INTO fts (rowid, title, summary, body) VALUES (new.id, new.title, new.summary, '');
END;
CREATE TRIGGER items_fts_update AFTER UPDATE OF title, summary ON items
WHEN old.title IS NOT new.title OR old.summary IS NOT new.summary BEGIN
	UPDATE fts SET title = new.title, summary = new.summary WHERE rowid = new.id;
END;
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
	DELETE FROM fts WHERE rowid = old.id;
END;
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
	UPDATE fts SET body = new.markdown WHERE rowid = new.item_id;
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF markdown ON articles BEGIN
	UPDATE fts SET body = new.markdown WHERE rowid = new.item_id;
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	UPDATE fts SET body = '' WHERE rowid = old.item_id;
END;
`,

	// 2: a snapshot of each source's whole headline list in one row, so
	// that listing 10,000 headlines reads one row rather than 10,000 (the
	// driver's cost is per row and column). Triggers count every change to
	// what it holds; a snapshot of another count than the source's is stale.
	`
ALTER TABLE sources ADD COLUMN list_gen INTEGER NOT NULL DEFAULT 0;

CREATE TABLE headline_snapshots (
	source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
	gen       INTEGER NOT NULL,
	body      BLOB NOT NULL
);

CREATE TRIGGER items_gen_insert AFTER INSERT ON items BEGIN
	UPDATE sources SET list_gen = list_gen + 1 WHERE id = new.source_id;
END;
CREATE TRIGGER items_gen_update AFTER UPDATE OF title, published, month, read, sort_time, position ON items BEGIN
	UPDATE sources SET list_gen = list_gen + 1 WHERE id IN (old.source_id, new.source_id);
END;
CREATE TRIGGER items_gen_delete AFTER DELETE ON items BEGIN
	UPDATE sources SET list_gen = list_gen + 1 WHERE id = old.source_id;
END;
CREATE TRIGGER articles_gen_insert AFTER INSERT ON articles BEGIN
	UPDATE sources SET list_gen = list_gen + 1 WHERE id = (SELECT source_id FROM items WHERE id = new.item_id);
END;
CREATE TRIGGER articles_gen_delete AFTER DELETE ON articles BEGIN
	UPDATE sources SET list_gen = list_gen + 1 WHERE id = (SELECT source_id FROM items WHERE id = old.item_id);
END;
`,

	// 3: months are computed when read, in the reader's time zone, from the
	// instant (Unix seconds, UTC): a month filter is a range of published
	// times, so the month column and its index go. An article records
	// whether its links are numbered in its Markdown (format 1) or were
	// stored by an older nyss without (0).
	`
DROP INDEX items_by_month;
DROP TRIGGER items_gen_update;
ALTER TABLE items DROP COLUMN month;
CREATE INDEX items_by_published ON items (source_id, published);
CREATE TRIGGER items_gen_update AFTER UPDATE OF title, published, read, sort_time, position ON items BEGIN
	UPDATE sources SET list_gen = list_gen + 1 WHERE id IN (old.source_id, new.source_id);
END;
DELETE FROM headline_snapshots;

ALTER TABLE articles ADD COLUMN format INTEGER NOT NULL DEFAULT 0;`,

	// 4: a source remembers why its last sync failed, for `nyss sources`.
	`ALTER TABLE sources ADD COLUMN last_error TEXT NOT NULL DEFAULT '';`,

	// 5: a source of the list that has never synced has no row of its
	// own; why its first syncs failed is kept here until one succeeds.
	`CREATE TABLE first_sync_errors (url TEXT PRIMARY KEY, message TEXT NOT NULL);`,

	// 6: the full-text index merges its segments when a level holds 16,
	// not 4: a first sync of 10,000 articles spent a tenth of its CPU
	// merging, and searches were no slower (measured in the note of this
	// change: sync 24.2 -> 21.0 s, a common word 78 -> 55 ms).
	`INSERT INTO fts (fts, rank) VALUES ('automerge', 16);`,

	// 7: a snapshot is kept in parts of at most snapshotPart bytes. SQLite
	// reads a value whole into memory of its own, and its allocator kept
	// a 4 MB region resident after reading the snapshot of 50,000
	// headlines in one value.
	`
DROP TABLE headline_snapshots;
CREATE TABLE headline_snapshots (
	source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
	part      INTEGER NOT NULL,
	gen       INTEGER NOT NULL,
	body      BLOB NOT NULL,
	PRIMARY KEY (source_id, part)
);`,
}

// migrate applies the missing migrations, each in its own transaction. The
// version is read again inside the transaction, so two copies of nyss
// opening a new file at once do not both apply a step.
func (s *Store) migrate() error {
	ctx := context.Background()
	version, err := s.schemaVersion(ctx)
	if err != nil {
		return err
	}
	if err := checkVersion(version); err != nil {
		return err
	}
	for version < len(migrations) {
		err := s.write(func(tx *sql.Tx) error {
			if err := tx.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
				return err
			}
			if version >= len(migrations) {
				return checkVersion(version)
			}
			if _, err := tx.Exec(migrations[version]); err != nil {
				return fmt.Errorf("migrate to schema version %d: %w", version+1, err)
			}
			version++
			// PRAGMA takes no parameters; version is our own integer.
			_, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", version))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) schemaVersion(ctx context.Context) (int, error) {
	var version int
	err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	return version, err
}

func checkVersion(version int) error {
	if version > len(migrations) {
		return fmt.Errorf("%w (schema version %d, this program knows %d)", errNewerSchema, version, len(migrations))
	}
	return nil
}

// Package store is nyss's cache: one SQLite file holding the sources, every
// item ever seen, the extracted articles with their related links, read state
// and a full-text index.
//
// The store knows nothing of HTTP or feeds; it keeps what it is given. Callers
// sanitize network text before it gets here.
//
// The file is meant to survive a killed process and a second copy of nyss
// running at the same time: it runs in WAL mode, every write is one
// transaction begun with BEGIN IMMEDIATE (so a waiting writer goes through
// the busy timeout instead of failing with "database is locked"), and the
// schema only changes through the numbered migrations in schema.go.
//
// A file that cannot serve comes back as a *FileError that names it:
// damaged (ErrCorrupt), on a full disk (ErrDiskFull), or not writable
// (ErrNotWritable, where OpenReadOnly can still read it). Nothing here ever
// deletes a cache file; moveAside puts a damaged one out of the way.
//
// Times are stored as Unix seconds (the instant, in no zone), NULL when
// there is no date.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// Retention defaults for Prune.
const (
	DefaultKeepMonths = 24
	DefaultMaxBytes   = 200 << 20
)

var (
	// ErrNotFound is returned when an item asked for by ID or URL is not stored.
	ErrNotFound = errors.New("not found")
	// ErrReadOnly is returned by every write through a store opened with OpenReadOnly.
	ErrReadOnly = errors.New("cache is open read-only")
	// errNewerSchema is returned when the file was written by a newer nyss.
	errNewerSchema = errors.New("cache was written by a newer version of nyss")
)

// Source is a feed or news listing the user asked for, with what it resolved
// to and the validators of the last fetch.
type Source struct {
	ID           int64
	URL          string // as the user gave it: the lookup key, so offline finds the source by it
	FeedURL      string // what it resolved to
	Kind         string // "feed" or "listing"
	Title        string
	ETag         string // validators of the last feed fetch
	LastModified string
	CheckedAt    time.Time // last successful fetch (200 or 304); zero if never
	ChangedAt    time.Time // last fetch that brought a changed feed (200)
	LastError    string    // why the last sync failed, one line; "" when it did not
}

// Item is one headline of a source.
type Item struct {
	ID        int64
	SourceID  int64
	Key       string // identity within the source: guid, else link
	URL       string
	Title     string
	Summary   string
	Published time.Time // zero: no date (stored as NULL)
	SortTime  time.Time // ordering key set by the syncer; never shown
	Position  int       // order in the feed at the last sync that listed it
	Cached    bool      // a full article is stored
	Read      bool
	FirstSeen time.Time
}

// Related is one entry of an article's related list.
type Related struct {
	URL       string
	Title     string
	Published time.Time
	ItemID    int64 // the stored item with this URL in the same source, 0 if none (resolved on read)
}

// Article is the full text of an item, extracted from its page.
type Article struct {
	ItemID       int64
	URL          string // final URL after redirects
	Title        string
	Markdown     string
	Links        []string  // numbered links: link n is Links[n-1]
	Related      []Related // in order
	Computed     bool      // Related was computed by similarity, not read from the page
	Format       int       // ArticleFormat when stored by this version; see it for older ones
	ETag         string
	LastModified string
	FetchedAt    time.Time
}

// Counts says what a SyncItems call did.
type Counts struct {
	New, Updated, Unchanged int
}

// ArticleFormat is the form of an article's Markdown that this version
// stores. 1: its links numbered " [n]" by extract; articles that an older
// version stored (0) have none, and are numbered when read. 2: extracted
// without the text meant only for screen readers (Sitevision's "öppnas i
// nytt fönster") and without images that have no alt text. A sync
// extracts an article of an older format again (MissingArticles); until
// then it is shown as it is.
const ArticleFormat = 2

// FormatNumberedLinks is the first format whose links are numbered.
const FormatNumberedLinks = 1

// Doc is an item's text for similarity: the article if stored, else the summary.
type Doc struct {
	ID          int64
	Title, Body string
}

// Store is an open cache file. It is safe for concurrent use.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool

	// writeMu queues this Store's writers in Go. SQLite lets one connection
	// write at a time anyway, and connections waiting for its lock poll, so a
	// goroutine that writes back to back could keep the others out until
	// their busy timeout ends.
	writeMu sync.Mutex
}

// busyTimeout is how long a statement waits for another connection's lock
// before giving up; it must outlast any single sync transaction.
const busyTimeout = 5 * time.Second

// beginAttempts is how many busy timeouts a write waits for another process
// before it fails with "database is locked".
const beginAttempts = 3

// Open opens the cache at path, creating the directory (0700) and the file
// (0600) when missing, and brings the schema up to date. A file that cannot
// be used comes back as a *FileError naming it: damaged (ErrCorrupt), on a
// full disk (ErrDiskFull), or not writable (ErrNotWritable, where
// OpenReadOnly may still read it).
func Open(path string) (*Store, error) {
	return openWriting(path)
}

func openWriting(path string, extra ...string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, openError(path, fmt.Errorf("create cache directory: %w", err))
	}
	// Create the file ourselves so it is private: SQLite would use 0644, and
	// the -wal and -shm files copy the database file's mode.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, openError(path, err)
	}
	info, err := f.Stat()
	f.Close()
	if err != nil {
		return nil, openError(path, err)
	}

	// Every pooled connection runs these pragmas when it opens.
	pragmas := []string{fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds())}
	if info.Size() == 0 {
		// auto_vacuum only takes effect on a new file, so that Prune can
		// give pages back. On a file that has it already, setting it again
		// is a write: every start would take the write lock, and change a
		// file that may be damaged or may not be written.
		pragmas = append(pragmas, "auto_vacuum(incremental)")
	}
	pragmas = append(pragmas, "journal_mode(wal)", "synchronous(normal)", "foreign_keys(on)")
	pragmas = append(pragmas, extra...)
	dsn, err := dataSourceName(path, url.Values{
		"_pragma": pragmas,
		"_txlock": {"immediate"},
	})
	if err != nil {
		return nil, err
	}
	s, err := open(dsn, false)
	if err != nil {
		return nil, openError(path, err)
	}
	s.path = path
	if err := s.migrate(); err != nil {
		s.Close()
		return nil, openError(path, err)
	}
	return s, nil
}

// openError says why path could not be opened: as a *FileError when the
// file itself is the trouble, else with the path in front.
func openError(path string, err error) error {
	var fe *FileError
	switch {
	case errors.As(err, &fe):
		return fe
	case errors.As(explain(path, err), &fe):
		return fe
	}
	if fe := osFileError(path, err); fe != nil {
		return fe
	}
	return fmt.Errorf("open cache %s: %w", path, err)
}

// smallCache is the page cache of a store opened for reading: 256 KB a
// connection.
const smallCache = "cache_size(-256)"

// OpenReadOnly opens an existing cache without writing to it, for a file or
// directory the user cannot write, or a disk with no room left. Every write
// through it fails with ErrReadOnly. The file must already have the current
// schema.
func OpenReadOnly(path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open cache: %w", err)
	}
	s, err := openReadOnly(path, false)
	if isCode(err, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN) || isShmError(err) {
		// In WAL mode even a reader needs the -shm file, and mode=ro cannot
		// create it in a directory it may not write, nor on a full disk.
		// Nobody can be writing the file then, so reading it as immutable
		// is safe (it skips a -wal file left behind by a crash, which only
		// holds recent changes).
		s, err = openReadOnly(path, true)
	}
	if err != nil {
		return nil, openError(path, err)
	}
	return s, nil
}

// OpenReading opens the cache for a command that only reads: writable
// when it can be, so that what it fetches on the way is kept, and else
// read-only (a read-only file, directory or mount, or a full disk), so
// that what is cached can still be read. A damaged file is an error
// either way.
//
// Each connection keeps a small page cache (smallCache): the reader stays
// open all day, and SQLite's default of 2 MB a connection was a tenth of
// its memory at rest; reads that go through the rows once gain nothing
// from more.
func OpenReading(path string) (*Store, error) {
	st, err := openWriting(path, smallCache)
	if err == nil || !errors.Is(err, ErrNotWritable) && !errors.Is(err, ErrDiskFull) {
		return st, err
	}
	if _, statErr := os.Stat(path); statErr != nil {
		return nil, err // nothing cached to read either
	}
	ro, roErr := OpenReadOnly(path)
	if errors.Is(roErr, ErrCorrupt) {
		return nil, roErr
	}
	if roErr != nil {
		return nil, err // why it cannot be written says the most
	}
	return ro, nil
}

// isShmError reports SQLite failing to create or grow the -shm file.
func isShmError(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code() {
	case sqlite3.SQLITE_IOERR_SHMOPEN, sqlite3.SQLITE_IOERR_SHMSIZE, sqlite3.SQLITE_IOERR_SHMMAP:
		return true
	}
	return false
}

func openReadOnly(path string, immutable bool) (*Store, error) {
	params := url.Values{
		"mode": {"ro"},
		"_pragma": {
			fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()),
			"foreign_keys(on)",
			smallCache,
		},
	}
	if immutable {
		params.Set("immutable", "1")
	}
	dsn, err := dataSourceName(path, params)
	if err != nil {
		return nil, err
	}
	s, err := open(dsn, true)
	if err != nil {
		return nil, err
	}
	s.path = path
	version, err := s.schemaVersion(context.Background())
	if err == nil {
		err = checkVersion(version)
	}
	if err == nil && version < len(migrations) {
		err = fmt.Errorf("schema version %d is older than this program's %d; open it writable once to upgrade", version, len(migrations))
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// isCode reports whether err is an SQLite error with one of the primary
// result codes.
func isCode(err error, codes ...int) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	return slices.Contains(codes, e.Code()&0xff) // the low byte is the primary code
}

// dataSourceName builds a file: URI, which keeps a path holding '?' or '#'
// intact and lets SQLite see its own parameters such as mode=ro.
func dataSourceName(path string, params url.Values) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("cache path: %w", err)
	}
	u := url.URL{Scheme: "file", OmitHost: true, Path: filepath.ToSlash(abs), RawQuery: params.Encode()}
	return u.String(), nil
}

func open(dsn string, readOnly bool) (*Store, error) {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	// Ping opens the first connection, so a bad file fails here and not on
	// the first query.
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	return &Store{db: db, readOnly: readOnly}, nil
}

// Close closes the file. The last connection to close checkpoints the WAL.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the path the store was opened with.
func (s *Store) Path() string { return s.path }

// ReadOnly reports a store opened with OpenReadOnly, whose writes all fail.
func (s *Store) ReadOnly() bool { return s.readOnly }

// write runs fn in one transaction. The driver begins it IMMEDIATE, taking
// the write lock up front: a deferred transaction that reads and then writes
// can fail with SQLITE_BUSY without waiting when another connection wrote in
// between.
func (s *Store) write(fn func(tx *sql.Tx) error) error {
	if s.readOnly {
		return ErrReadOnly
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	tx, err := s.begin()
	if err != nil {
		return s.Explain(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return s.Explain(err)
	}
	return s.Explain(tx.Commit())
}

// begin starts a write transaction, waiting for another process's writes.
// SQLite's wait is a poll, so a process that writes back to back can win
// the lock again and again; waiting a few busy timeouts makes a sync wait
// out the other copy of nyss rather than fail.
func (s *Store) begin() (*sql.Tx, error) {
	for attempt := 1; ; attempt++ {
		tx, err := s.db.Begin()
		if err == nil || attempt == beginAttempts || !isCode(err, sqlite3.SQLITE_BUSY) {
			return tx, err
		}
	}
}

// read runs fn in a read transaction, so several queries see one snapshot.
// A read-only transaction begins DEFERRED, not taking the write lock.
func (s *Store) read(fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(context.Background(), &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// unixOrNull stores a time as Unix seconds, and the zero time as NULL.
func unixOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Unix()
}

// fromUnix reads what unixOrNull stored.
func fromUnix(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.Unix(n.Int64, 0)
}

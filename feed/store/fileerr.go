package store

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Problems of the cache file itself, rather than of one query. Errors from
// Open, OpenReadOnly, every write and Explain carry them as a *FileError, so
// that errors.Is(err, ErrDiskFull) and the like work.
var (
	// ErrCorrupt is a file that is not an SQLite database, or a damaged one.
	ErrCorrupt = errors.New("cache file is damaged")
	// ErrDiskFull is a disk (or quota) with no room for the cache to grow.
	ErrDiskFull = errors.New("no space left on device")
	// ErrNotWritable is a file, directory or file system the program may
	// not write. The file may still be readable with OpenReadOnly.
	ErrNotWritable = errors.New("cache file is not writable")
)

// FileError is a problem of the cache file at Path: Kind is ErrCorrupt,
// ErrDiskFull or ErrNotWritable, Err the cause as SQLite or the system gave
// it. Its message names the file, so a person knows which one to look at.
type FileError struct {
	Path string
	Kind error
	Err  error
}

func (e *FileError) Error() string {
	switch e.Kind {
	case ErrCorrupt:
		return fmt.Sprintf("the cache %s is damaged (%v)", e.Path, e.Err)
	case ErrDiskFull:
		return fmt.Sprintf("cannot write the cache %s: no space left on device", e.Path)
	}
	return fmt.Sprintf("cannot write the cache %s: %v", e.Path, e.Err)
}

// Is makes errors.Is(err, ErrCorrupt) and its siblings match.
func (e *FileError) Is(target error) bool { return target == e.Kind }

func (e *FileError) Unwrap() error { return e.Err }

// Explain returns err as a *FileError naming the store's file when SQLite's
// error in it says the file is damaged, the disk is full or the file cannot
// be written, and returns any other error as it is. Writes explain their
// errors themselves; queries do not, so a caller that shows errors to a
// person passes them through Explain.
func (s *Store) Explain(err error) error {
	return explain(s.path, err)
}

// explain classifies an error that came from SQLite while working on path.
// Errors that are not SQLite's are left alone: a network error that
// happens to wrap "permission denied" says nothing about the cache.
func explain(path string, err error) error {
	var fe *FileError
	if err == nil || errors.As(err, &fe) {
		return err
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff { // the low byte is the primary result code
	case sqlite3.SQLITE_CORRUPT:
		return &FileError{Path: path, Kind: ErrCorrupt, Err: errors.New("its contents are malformed")}
	case sqlite3.SQLITE_NOTADB:
		return &FileError{Path: path, Kind: ErrCorrupt, Err: errors.New("not an SQLite database")}
	case sqlite3.SQLITE_FULL:
		return &FileError{Path: path, Kind: ErrDiskFull, Err: err}
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_PERM:
		// SQLite's words ("unable to open database file", "disk I/O
		// error") do not say why; asking the system the same things it
		// asked does.
		if fe := osFileError(path, writeProblem(path)); fe != nil {
			return fe
		}
		if se.Code()&0xff == sqlite3.SQLITE_READONLY {
			return &FileError{Path: path, Kind: ErrNotWritable, Err: err}
		}
	}
	return err
}

// osFileError classifies an error from the system, or returns nil when it
// is none of the file problems (or nil).
func osFileError(path string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return &FileError{Path: path, Kind: ErrDiskFull, Err: err}
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return &FileError{Path: path, Kind: ErrNotWritable, Err: unwrapPath(err)}
	}
	return nil
}

// unwrapPath keeps what went wrong of a *fs.PathError: its operation and
// path repeat the file name that the FileError gives already.
func unwrapPath(err error) error {
	var de *dirError
	if errors.As(err, &de) {
		return de
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// dirError is a directory in which the cache cannot create its -wal and
// -shm files, though the file itself may be writable.
type dirError struct {
	dir string
	err error
}

func (e *dirError) Error() string {
	return fmt.Sprintf("its directory %s is not writable (%v)", e.dir, e.err)
}

func (e *dirError) Unwrap() error { return e.err }

// probeSize is written beside the cache to tell a full disk: SQLite's -shm
// file alone takes 32 KB.
const probeSize = 64 << 10

// writeProblem does what SQLite needs to do to write path, opening it for
// writing and creating a file of some size beside it, and returns the
// system's error for the first that fails, or nil when both work.
func writeProblem(path string) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	f.Close()

	dir := filepath.Dir(path)
	probe, err := os.CreateTemp(dir, ".nyss-probe-*")
	if err != nil {
		return &dirError{dir: dir, err: unwrapPath(err)}
	}
	defer os.Remove(probe.Name())
	_, err = probe.Write(make([]byte, probeSize))
	if err == nil {
		err = probe.Sync() // some file systems say ENOSPC only here
	}
	if closeErr := probe.Close(); err == nil {
		err = closeErr
	}
	return err
}

// check reads the whole file at path and reports a damaged one as a
// *FileError with ErrCorrupt. It reads every page, so it takes time in
// proportion to the file's size; it is for when damage is suspected.
func check(path string) error {
	dsn, err := dataSourceName(path, nil)
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var result string
	if err := db.QueryRow(`PRAGMA quick_check(1)`).Scan(&result); err != nil {
		return explain(path, err)
	}
	if result != "ok" {
		return &FileError{Path: path, Kind: ErrCorrupt, Err: errors.New(result)}
	}
	return nil
}

// moveAside renames the cache file at path, and its -wal, -shm and -journal
// files when they are there, to path+"."+suffix with the same endings, so
// that the set stays together and can still be opened as one. It returns
// the new name of the file. Nothing is ever deleted: a user's history stays
// on disk, to be looked at or thrown away by hand.
func moveAside(path, suffix string) (string, error) {
	aside := path + "." + suffix
	ends := []string{"-wal", "-shm", "-journal", ""}
	for _, end := range ends {
		if _, err := os.Lstat(aside + end); err == nil {
			return "", fmt.Errorf("move the cache aside: %s is already there", aside+end)
		}
	}
	// The journal files go first and come back should the file itself not
	// move: a -wal left behind would be replayed into the fresh cache.
	var moved []string
	for _, end := range ends {
		err := os.Rename(path+end, aside+end)
		if end != "" && errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			for _, m := range moved {
				os.Rename(aside+m, path+m)
			}
			if fe := osFileError(path, err); fe != nil {
				return "", fe
			}
			return "", fmt.Errorf("move the cache aside: %w", err)
		}
		moved = append(moved, end)
	}
	return aside, nil
}

// Rebuild moves the cache file at path aside, with its -wal and -shm
// files, so that the next Open starts a new one. Nothing is deleted: the
// old file stays beside the new, named .broken-<time> when it is damaged
// and .old-<time> when it is not. aside is "" when there was no file.
func Rebuild(path string, now time.Time) (aside string, err error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	kind := "old"
	if err := check(path); errors.Is(err, ErrCorrupt) {
		kind = "broken"
	}
	return moveAside(path, kind+"-"+now.Format("20060102-150405"))
}

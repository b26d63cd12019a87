package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// filledStore is a closed cache file with a few items, and its path.
func filledStore(t *testing.T) string {
	t.Helper()
	s, src := newStore(t)
	mustSync(t, s, src,
		item("https://x/1", "Ny vårdcentral i Växjö", "2022-06-14T08:00:00Z"),
		item("https://x/2", "Åtta nya ambulanser", "2022-08-16T08:00:00Z"))
	s.Close() // checkpoints the WAL into the file and removes it
	return s.Path()
}

func TestOpenAndReadDoNotWrite(t *testing.T) {
	path := filledStore(t)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Items(Filter{Sources: []int64{1}}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("opening and reading the cache changed the file")
	}
}

func TestDamagedFileIsNamed(t *testing.T) {
	tests := []struct {
		name   string
		damage func(path string) error
		says   string
	}{
		{"garbage over the header", func(path string) error {
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.WriteAt([]byte(strings.Repeat("skräp ", 20)), 0)
			return err
		}, "not an SQLite database"},
		{"truncated mid-page", func(path string) error {
			info, err := os.Stat(path)
			if err != nil {
				return err
			}
			return os.Truncate(path, info.Size()/2+100)
		}, "its contents are malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filledStore(t)
			if err := tt.damage(path); err != nil {
				t.Fatal(err)
			}
			damaged, _ := os.ReadFile(path)

			for name, open := range map[string]func(string) (*Store, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
				_, err := open(path)
				var fe *FileError
				if !errors.Is(err, ErrCorrupt) || !errors.As(err, &fe) || fe.Path != path {
					t.Fatalf("%s: %v, want a FileError with ErrCorrupt", name, err)
				}
				if want := "the cache " + path + " is damaged (" + tt.says + ")"; err.Error() != want {
					t.Errorf("%s: %q, want %q", name, err, want)
				}
			}
			if err := check(path); !errors.Is(err, ErrCorrupt) {
				t.Errorf("Check: %v, want ErrCorrupt", err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(damaged, after) {
				t.Error("opening the damaged file changed it")
			}
		})
	}
}

func TestCheckFindsDamageInsideTheFile(t *testing.T) {
	path := filledStore(t)
	if err := check(path); err != nil {
		t.Fatalf("Check of a whole file: %v", err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt(make([]byte, info.Size()/2), info.Size()/2)
	f.Close()

	if err := check(path); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Check: %v, want ErrCorrupt", err)
	}
}

// SQLite says a full disk and a page limit alike, SQLITE_FULL; the page
// limit makes a full disk without root and a small file system.
func TestFullDiskIsNamed(t *testing.T) {
	s, src := newStore(t)
	s.db.SetMaxOpenConns(1) // the page limit holds for one connection
	var pages int
	if err := s.db.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}
	long := item("https://x/long", strings.Repeat("Lång rubrik ", 2000), "2022-06-14T08:00:00Z")

	_, err := s.SyncItems(src, []Item{long})

	var fe *FileError
	if !errors.Is(err, ErrDiskFull) || !errors.As(err, &fe) {
		t.Fatalf("SyncItems: %v, want a FileError with ErrDiskFull", err)
	}
	if want := "cannot write the cache " + s.Path() + ": no space left on device"; fe.Error() != want {
		t.Errorf("%q, want %q", fe, want)
	}
	if items, err := s.Items(Filter{Sources: []int64{src}}); err != nil || len(items) != 0 {
		t.Errorf("after the failed write: %d items, %v", len(items), err)
	}
}

func TestMoveAsideKeepsTheSetTogether(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cache.db")
	for _, name := range []string{"cache.db", "cache.db-wal", "cache.db-shm"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(name), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	aside, err := moveAside(path, "broken-20221122-101500")

	if err != nil || aside != path+".broken-20221122-101500" {
		t.Fatalf("moveAside = %q, %v", aside, err)
	}
	for _, end := range []string{"", "-wal", "-shm"} {
		if data, err := os.ReadFile(aside + end); err != nil || string(data) != "cache.db"+end {
			t.Errorf("%s: %q, %v", aside+end, data, err)
		}
		if _, err := os.Stat(path + end); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there", path+end)
		}
	}

	// A second move to the same name refuses rather than overwrites.
	os.WriteFile(path, []byte("ny"), 0o600)
	if _, err := moveAside(path, "broken-20221122-101500"); err == nil {
		t.Error("moveAside overwrote an earlier file")
	}
	if data, _ := os.ReadFile(aside); string(data) != "cache.db" {
		t.Errorf("the earlier file now holds %q", data)
	}
	if data, _ := os.ReadFile(path); string(data) != "ny" {
		t.Errorf("the cache now holds %q", data)
	}
}

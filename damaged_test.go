package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

// A damaged cache: every command says which file and how to rebuild it,
// never deletes it, and sync --rebuild moves it aside and starts afresh.
func TestDamagedCache(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		damage func(t *testing.T, path string, size int64)
		// atOpen: found as the file is opened, so every command fails;
		// else only the commands that read a damaged page do.
		atOpen bool
	}{
		{"garbage over the header", func(t *testing.T, path string, size int64) {
			writeAt(t, path, 0, []byte(strings.Repeat("skräp ", 20)))
		}, true},
		{"truncated mid-page", func(t *testing.T, path string, size int64) {
			truncate(t, path, size/2+100)
		}, true},
		{"truncated to half its pages", func(t *testing.T, path string, size int64) {
			truncate(t, path, size/2/4096*4096)
		}, true},
		{"zeros over the second half", func(t *testing.T, path string, size int64) {
			writeAt(t, path, size/2, make([]byte, size-size/2))
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, e := fixture(t)
			path := e.cache()
			e.mustRun(t, "sync")
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			tt.damage(t, path, info.Size())
			sum := fileSum(t, path)

			says := []string{"the cache " + path + " is damaged", `run "nyss sync --rebuild"`}
			for _, c := range readingCommands {
				code, _, errOut := e.nyss(t, c.with(srv.URL+articlePath)...)
				if !tt.atOpen && code == 0 {
					continue // it read only pages that are whole
				}
				wantOneLine(t, code, errOut, says...)
			}
			if got := fileSum(t, path); got != sum {
				t.Error("a command that only reads changed the damaged file")
			}
			code, _, errOut := e.nyss(t, "sync")
			switch {
			case tt.atOpen:
				wantOneLine(t, code, errOut, says...)
				if got := fileSum(t, path); got != sum {
					t.Error("sync wrote to a file it found damaged")
				}
			case code != 0:
				// Damage inside the file shows when a page is read: the
				// sync may have stored something before it came to one.
				wantOneLine(t, code, errOut, says...)
			}
			if tt.atOpen {
				// The reader fails the same way, before it takes the terminal.
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				defer cancel()
				var stdout, stderr bytes.Buffer
				code := run(ctx, e.app(&stdout, &stderr), nil)
				wantOneLine(t, code, stderr.String(), says...)
			}
			sum = fileSum(t, path)

			code, out, errOut := e.nyss(t, "sync", "--rebuild")
			if code != 0 || !strings.Contains(out, "18 new") {
				t.Fatalf("sync --rebuild: exit %d, stderr %q\n%s", code, errOut, out)
			}
			aside, ok := strings.CutPrefix(strings.TrimSpace(errOut), "nyss: moved the cache aside to ")
			aside, _, _ = strings.Cut(aside, ";")
			if !ok || !strings.HasPrefix(aside, path+".broken-") {
				t.Fatalf("sync --rebuild said %q; want where the damaged file went", errOut)
			}
			if got := fileSum(t, aside); got != sum {
				t.Error("the file moved aside is not the damaged file")
			}
			wantWholeCache(t, e.mustRun(t, "list", "--json"))
		})
	}
}

func writeAt(t *testing.T, path string, off int64, data []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(data, off); err != nil {
		t.Fatal(err)
	}
}

func truncate(t *testing.T, path string, size int64) {
	t.Helper()
	if err := os.Truncate(path, size); err != nil {
		t.Fatal(err)
	}
}

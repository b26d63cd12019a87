package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"nyss/feed/demosite"
)

// asRoot says whether the test runs as root, for whom file modes do not
// stop writing.
func asRoot() bool { return os.Geteuid() == 0 }

// runCommand runs a system command, for mount and chattr.
func runCommand(name string, args ...string) error {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// makeUnwritable makes a file or directory one the program cannot write:
// by its mode for a normal user, and for root, whom modes do not stop, by
// the immutable attribute or else a read-only bind mount. It skips the
// test, saying why, when nothing works.
func makeUnwritable(t *testing.T, path string) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case !asRoot():
		mode := os.FileMode(0o444)
		if info.IsDir() {
			mode = 0o555
		}
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(path, info.Mode().Perm()) })
	case runCommand("chattr", "+i", path) == nil:
		t.Cleanup(func() { runCommand("chattr", "-i", path) })
	case runCommand("mount", "--bind", path, path) == nil:
		t.Cleanup(func() { runCommand("umount", path) })
		if err := runCommand("mount", "-o", "remount,bind,ro", path); err != nil {
			t.Skipf("cannot make %s unwritable as root: %v", path, err)
		}
	default:
		t.Skipf("cannot make %s unwritable as root: neither chattr +i nor a read-only bind mount works here", path)
	}
	if writable(path, info.IsDir()) {
		t.Skipf("cannot make %s unwritable: it is still writable", path)
	}
}

func writable(path string, isDir bool) bool {
	if isDir {
		f, err := os.CreateTemp(path, "probe")
		if err == nil {
			f.Close()
			os.Remove(f.Name())
		}
		return err == nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err == nil {
		f.Close()
	}
	return err == nil
}

// mountTmpfs mounts a tmpfs of the size in a fresh test directory, or
// skips the test when it may not.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	if runtime.GOOS != "linux" || !asRoot() {
		t.Skip("mounting a tmpfs needs root on Linux")
	}
	dir := t.TempDir()
	if err := runCommand("mount", "-t", "tmpfs", "-o", "size="+size+",mode=0700", "tmpfs", dir); err != nil {
		t.Skipf("cannot mount a tmpfs: %v", err)
	}
	t.Cleanup(func() {
		if err := runCommand("umount", dir); err != nil {
			t.Error(err)
		}
	})
	return dir
}

// A cache that cannot be written still reads; sync says which file it
// cannot write.
func TestUnwritableCache(t *testing.T) {
	t.Parallel()
	bin := "" // the reader is tried too, unless -short
	if !testing.Short() {
		bin = buildNyss(t)
	}
	tests := []struct {
		name string
		// setUp makes the cache at path unwritable; a tmpfs directory is
		// given where the case needs one.
		setUp func(t *testing.T, path string)
		mount bool
		says  string
	}{
		{"read-only file", func(t *testing.T, path string) { makeUnwritable(t, path) }, false, ""},
		{"read-only directory", func(t *testing.T, path string) { makeUnwritable(t, filepath.Dir(path)) }, false, "its directory"},
		{"read-only file system", func(t *testing.T, path string) {
			if err := runCommand("mount", "-o", "remount,ro", filepath.Dir(path)); err != nil {
				t.Skipf("cannot remount read-only: %v", err)
			}
		}, true, "read-only file system"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// The delfin article fails to come, so that show has one to
			// fetch (and cannot keep).
			var delfinFails atomic.Bool
			delfinFails.Store(true)
			srv, e := fixture(t)
			srv.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
				if delfinFails.Load() && strings.Contains(r.URL.Path, "delfin") {
					http.Error(w, "Sidan kunde inte hittas", http.StatusNotFound)
					return true
				}
				return false
			})
			if tt.mount {
				e.vars["NYSS_CACHE"] = filepath.Join(mountTmpfs(t, "8m"), "cache.db")
			}
			path := e.cache()
			e.mustRun(t, "sync")
			before := e.cacheState(t)
			sum := fileSum(t, path)
			tt.setUp(t, path)
			delfinFails.Store(false)

			for _, c := range readingCommands {
				out := e.mustRun(t, c.with(srv.URL+articlePath)...)
				if !strings.Contains(out, c.says) {
					t.Errorf("nyss %s on a read-only cache: output lacks %q", strings.Join(c.args, " "), c.says)
				}
			}
			if after := e.cacheState(t); after != before {
				t.Error("the cache reads differently read-only")
			}
			// An article not cached is fetched and shown, though it cannot be kept.
			code, out, errOut := e.nyss(t, "show", srv.URL+"/nyheter/2022-11-14-delfin-fran-alvesta-stalls-ut-pa-tekniska-museet.html")
			if code != 0 || !strings.Contains(out, "plastslöjd") || errOut != "" {
				t.Errorf("show of an uncached article: exit %d, stderr %q\n%s", code, errOut, out)
			}

			code, _, errOut = e.nyss(t, "sync")
			wantOneLine(t, code, errOut, "cannot write the cache "+path, tt.says)
			t.Logf("%s", errOut)

			// The reader opens it too, and reads an article.
			if bin == "" {
				return
			}
			screen, reader := e.startReader(t, bin)
			screen.waitFor(t, "november 2022", "Delfin från Alvesta")
			screen.press("\r")
			screen.waitFor(t, "Under måndagseftermiddagen signerades")
			t.Logf("the reader on a read-only cache:\n%s", screen.text())
			screen.press("q")
			if err := reader.Wait(); err != nil {
				t.Errorf("the reader exited with %v", err)
			}
			if got := fileSum(t, path); got != sum {
				t.Error("the cache file changed")
			}
		})
	}
}

// fill writes a file until the disk is full.
func fill(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	w := bufio.NewWriterSize(f, 4096)
	for {
		if _, err := w.Write(make([]byte, 4096)); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			return f
		}
	}
}

// A disk that fills up: the sync fails with one line naming the cache, and
// the cache stays readable and whole.
func TestFullDisk(t *testing.T) {
	t.Parallel()
	dir := mountTmpfs(t, "2m")
	// The October articles fail to come at first, so that a later sync has
	// something to store; then they come padded, too big for what is left.
	var octoberFails, octoberBig atomic.Bool
	octoberFails.Store(true)
	srv, e := fixture(t)
	srv.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.Contains(r.URL.Path, "/nyheter/2022-10-") {
			return false
		}
		if octoberFails.Load() {
			http.Error(w, "Sidan kunde inte hittas", http.StatusNotFound)
			return true
		}
		if octoberBig.Load() {
			page, err := fs.ReadFile(demosite.Files(), strings.TrimPrefix(r.URL.Path, "/"))
			if err != nil {
				return false
			}
			padding := strings.Repeat("<p>"+strings.Repeat("Fyllnadstext om regionens arbete. ", 30)+"</p>\n", 120)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, strings.Replace(string(page), "</h1>", "</h1>\n"+padding, 1))
			return true
		}
		return false
	})
	path := filepath.Join(dir, "cache.db")
	e.vars["NYSS_CACHE"] = path
	e.mustRun(t, "sync")
	before := e.cacheState(t)
	octoberFails.Store(false)
	octoberBig.Store(true)

	filler := fill(t, filepath.Join(dir, "filler"))
	t.Run("already full", func(t *testing.T) {
		code, _, errOut := e.nyss(t, "sync")
		wantOneLine(t, code, errOut, "cannot write the cache "+path+": no space left on device")
		t.Logf("%s", errOut)
		if after := e.cacheState(t); after != before {
			t.Error("the cache reads differently after the failed sync")
		}
	})
	t.Run("fills during the sync", func(t *testing.T) {
		// Room for SQLite's shared memory and the feed's few pages, not
		// for the padded articles.
		info, _ := filler.Stat()
		if err := filler.Truncate(info.Size() - 160<<10); err != nil {
			t.Fatal(err)
		}
		code, _, errOut := e.nyss(t, "sync")
		wantOneLine(t, code, errOut, "cannot write the cache "+path+": no space left on device")
		t.Logf("%s", errOut)
		if after := e.cacheState(t); after != before {
			t.Errorf("the cache reads differently after the failed sync:\n%s", after)
		}
	})
	if got := integrity(t, path); got != "ok" {
		t.Errorf("integrity_check: %s", got)
	}
	// Room again: the next sync stores what the full disk refused.
	filler.Truncate(0)
	octoberBig.Store(false)
	e.mustRun(t, "sync")
	wantWholeCache(t, e.mustRun(t, "list", "--json"))
}

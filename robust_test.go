package main

// Robustness of the whole program (issue 4, points 4 to 8): network faults
// at the feed, two copies at once, a process killed mid-sync, a cache that
// cannot be written, a disk that fills up, a damaged cache file. Each ends
// with one clear line where there is an error, and nothing lost from the
// cache.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"nyss/feed/demosite"
	"nyss/feed/fetch"
)

// fastClient makes the program's HTTP client give up and retry quickly, so
// that a server that never answers costs a test a second, not minutes.
// Retry-After is still honoured, up to 50 ms.
var fastClient = fetch.Options{
	ConnectTimeout: time.Second,
	RequestTimeout: 200 * time.Millisecond,
	Backoff:        time.Millisecond,
	MaxRetryAfter:  50 * time.Millisecond,
}

// wantOneLine checks a failed command: exit 1, and on stderr exactly one
// line, starting "nyss: " and saying every one of says.
func wantOneLine(t *testing.T, code int, stderr string, says ...string) {
	t.Helper()
	if code != 1 || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "nyss: ") {
		t.Errorf("exit %d, stderr %q; want exit 1 and one line starting \"nyss: \"", code, stderr)
		return
	}
	for _, s := range says {
		if !strings.Contains(stderr, s) {
			t.Errorf("stderr %q does not say %q", stderr, s)
		}
	}
}

// cacheState is everything the commands show of the cache, to compare
// before and after something that must not change it.
func (e *env) cacheState(t *testing.T) string {
	t.Helper()
	return e.mustRun(t, "list", "--json") + e.mustRun(t, "months", "--json")
}

// isFeedRequest is a request for the source page or the feed it links.
func isFeedRequest(r *http.Request) bool {
	return r.URL.Path == "/nyheter/" || strings.HasSuffix(r.URL.Path, ".portlet")
}

// Faults at the feed that do not go away: the sync fails with one line, and
// the cache a previous sync filled is as it was.
func TestFeedFaultsLeaveTheCacheAlone(t *testing.T) {
	t.Parallel()
	var hops atomic.Int64
	srv, e := fixture(t)
	e.mustRun(t, "sync")
	before := e.cacheState(t)
	e.client = fastClient

	tests := []struct {
		name  string
		fault func(w http.ResponseWriter, r *http.Request)
		says  string
	}{
		{"a server that never answers", func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
		}, "timed out after 200ms"},
		{"headers, then a body that dribbles", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			w.WriteHeader(http.StatusOK)
			io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel>`)
			for {
				w.(http.Flusher).Flush()
				select {
				case <-r.Context().Done():
					return
				case <-time.After(20 * time.Millisecond):
					io.WriteString(w, " ")
				}
			}
		}, "timed out after 200ms"},
		{"the connection dropped mid-body", func(w http.ResponseWriter, r *http.Request) {
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err != nil {
				panic(err)
			}
			buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n" +
				`<?xml version="1.0"?><rss version="2.0"><channel><title>Halv`)
			buf.Flush()
			conn.Close()
		}, "connection closed before the whole body arrived"},
		{"503 every time", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "upptagen", http.StatusServiceUnavailable)
		}, "the server answered 503 service unavailable"},
		{"a redirect loop", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.RequestURI(), http.StatusFound)
		}, "stopped after 10 redirects"},
		{"an endless chain of distinct redirects", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", hops.Add(1)), http.StatusFound)
		}, "stopped after 10 redirects"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
				if !isFeedRequest(r) && !strings.HasPrefix(r.URL.Path, "/hop/") {
					return false
				}
				tt.fault(w, r)
				return true
			})
			defer srv.SetFault(nil)

			code, out, errOut := e.nyss(t, "sync")

			wantOneLine(t, code, errOut, strings.TrimPrefix(srv.URL, "http://"), tt.says)
			if out != "" {
				t.Errorf("a failed sync printed %q", out)
			}
			t.Logf("%s", errOut)
			if after := e.cacheState(t); after != before {
				t.Errorf("the failed sync changed the cache")
			}
		})
	}
}

// Faults that go away: the client retries, honouring Retry-After, and the
// first sync completes. The news page fails once with 500; the feed it
// links with 429 and then 503, both with Retry-After.
func TestPassingFeedFaultsAreRetried(t *testing.T) {
	t.Parallel()
	var (
		mu    sync.Mutex
		times = map[string][]time.Time{}
	)
	srv, e := fixture(t)
	srv.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if !isFeedRequest(r) {
			return false
		}
		mu.Lock()
		defer mu.Unlock()
		times[r.URL.Path] = append(times[r.URL.Path], time.Now())
		n := len(times[r.URL.Path])
		switch {
		case r.URL.Path == "/nyheter/" && n == 1:
			http.Error(w, "fel", http.StatusInternalServerError)
		case r.URL.Path != "/nyheter/" && n <= 2:
			w.Header().Set("Retry-After", "1")
			http.Error(w, "vänta", []int{http.StatusTooManyRequests, http.StatusServiceUnavailable}[n-1])
		default:
			return false
		}
		return true
	})
	e.client = fastClient

	out := e.mustRun(t, "sync")

	if !strings.Contains(out, "18 new") || !strings.Contains(out, "18 fetched") {
		t.Errorf("sync summary:\n%s", out)
	}
	mu.Lock()
	defer mu.Unlock()
	var feed []time.Time
	for path, ts := range times {
		switch {
		case path == "/nyheter/" && len(ts) != 2:
			t.Errorf("the news page was asked for %d times, want 2", len(ts))
		case path != "/nyheter/":
			feed = ts
		}
	}
	if len(feed) != 3 {
		t.Fatalf("the feed was asked for %d times, want 3", len(feed))
	}
	// Retry-After: 1 is capped to 50 ms by fastClient; without it the
	// client's own backoff would be about a millisecond.
	for i := 1; i < len(feed); i++ {
		if gap := feed[i].Sub(feed[i-1]); gap < 45*time.Millisecond {
			t.Errorf("retry %d came after %v: Retry-After not honoured", i, gap)
		}
	}
}

// An address that is not in the cache is never fetched by show, however it
// is spelled: nyss only fetches the pages of items its feed listed.
func TestShowNeverFetchesAnAddressNotInTheCache(t *testing.T) {
	t.Parallel()
	_, e := fixture(t)
	e.mustRun(t, "sync")
	rec := &demosite.Recorder{}
	e.transport = rec

	for _, addr := range []string{
		"http://169.254.169.254/latest/meta-data/",
		"http://127.0.0.1:1/admin",
		"http://[::1]:1/",
		"file:///etc/passwd",
		"https://www.example.org/nyheter/",
	} {
		code, _, errOut := e.nyss(t, "show", addr)
		wantOneLine(t, code, errOut, "is not in the cache")
	}
	if urls := rec.URLs(); len(urls) != 0 {
		t.Errorf("show made requests: %q", urls)
	}
}

// listedItem is what the tests read of `list --json`.
type listedItem struct {
	ID     int64
	URL    string
	Cached bool
}

func listJSON(t *testing.T, out string) []listedItem {
	t.Helper()
	var items []listedItem
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	return items
}

// wantWholeCache checks `list --json` output: the fixture's 18 items, each
// once, each with its article.
func wantWholeCache(t *testing.T, out string) {
	t.Helper()
	items := listJSON(t, out)
	ids, urls := map[int64]bool{}, map[string]bool{}
	for _, it := range items {
		if ids[it.ID] || urls[it.URL] {
			t.Errorf("item %d %s listed twice", it.ID, it.URL)
		}
		ids[it.ID], urls[it.URL] = true, true
		if !it.Cached {
			t.Errorf("item %d %s has no article", it.ID, it.URL)
		}
	}
	if len(items) != 18 {
		t.Errorf("%d items, want 18", len(items))
	}
}

// integrity runs SQLite's own check over the cache file.
func integrity(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var result string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&result); err != nil {
		return err.Error()
	}
	return result
}

// Two syncs and readers, each its own process, on one cache file at once:
// first two syncs on a new file, then two more while a person reads.
func TestTwoCopiesAtOnce(t *testing.T) {
	t.Parallel()
	bin := buildNyss(t)
	// First the items alone, every article failing; then the articles,
	// each a little slow, so that the processes overlap.
	var articlesCome atomic.Bool
	srv, e := fixture(t)
	srv.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.HasPrefix(r.URL.Path, "/nyheter/20") {
			return false
		}
		if !articlesCome.Load() {
			http.Error(w, "Sidan kunde inte hittas", http.StatusNotFound)
			return true
		}
		time.Sleep(30 * time.Millisecond)
		return false
	})

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	type result struct {
		args string
		out  []byte
		err  error
		took time.Duration
	}
	results := make(chan result, 1000)
	nyssProcess := func(args ...string) {
		start := time.Now()
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Env = e.environ()
		out, err := cmd.CombinedOutput()
		results <- result{strings.Join(args, " "), out, err, time.Since(start)}
	}
	twoSyncs := func() <-chan struct{} {
		var syncs sync.WaitGroup
		for range 2 {
			syncs.Go(func() { nyssProcess("sync") })
		}
		done := make(chan struct{})
		go func() { syncs.Wait(); close(done) }()
		return done
	}

	// Two syncs creating the file, its schema and its items at once.
	<-twoSyncs()
	items := listJSON(t, e.mustRun(t, "list", "--json"))
	if len(items) != 18 {
		t.Fatalf("%d items after two syncs of a new cache, want 18", len(items))
	}
	articlesCome.Store(true)

	// The reader itself, offline, in a pseudo-terminal.
	screen, reader := e.startReader(t, bin, "--offline")
	screen.waitFor(t, "november 2022")

	syncsDone := twoSyncs()
	var readers sync.WaitGroup
	readers.Go(func() {
		// A stand-in for a person reading: list, open, search, until the
		// syncs are done, and a few rounds at least. Show fetches (and
		// stores) an article not cached yet: a third writer.
		for i := 0; ; i++ {
			select {
			case <-syncsDone:
				if i >= 8 {
					return
				}
			default:
			}
			switch i % 4 {
			case 0:
				nyssProcess("list", "--json")
			case 1:
				nyssProcess("show", fmt.Sprint(items[i%len(items)].ID))
			case 2:
				nyssProcess("months")
			case 3:
				nyssProcess("search", "region")
			}
		}
	})
	readers.Go(func() {
		for _, keys := range []string{"j", "\r", "G", "\x1b", "j", "j", "\r", "\x1b", "]", "["} {
			select {
			case <-syncsDone:
				return
			case <-time.After(40 * time.Millisecond):
				screen.press(keys)
			}
		}
	})
	readers.Wait()
	screen.press("q")
	if err := reader.Wait(); err != nil {
		t.Errorf("the reader exited with %v; screen:\n%s", err, screen.text())
	}
	if strings.Contains(screen.text(), "locked") {
		t.Errorf("the reader showed a lock error:\n%s", screen.text())
	}
	close(results)

	for r := range results {
		if r.err != nil || strings.Contains(string(r.out), "locked") {
			t.Errorf("nyss %s: %v\n%s", r.args, r.err, r.out)
		}
		t.Logf("nyss %s: %v", r.args, r.took.Round(time.Millisecond))
	}
	wantWholeCache(t, e.mustRun(t, "list", "--json"))
	if got := integrity(t, e.cache()); got != "ok" {
		t.Errorf("integrity_check: %s", got)
	}
}

// startReader starts the reader, bin, in a pseudo-terminal of 100×30, in
// e's environment.
func (e *env) startReader(t *testing.T, bin string, args ...string) (*screen, *exec.Cmd) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	reader := exec.CommandContext(ctx, bin, args...)
	reader.Env = e.environ("LANG=sv_SE.UTF-8", "TERM=xterm-256color")
	term, err := pty.StartWithSize(reader, &pty.Winsize{Cols: 100, Rows: 30})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { term.Close() })
	return newScreen(100, 30, term), reader
}

// committed is what a cache held at one moment: items by ID with their
// URL, and articles by item ID with the length of their text.
type committed struct {
	items    map[int64]string
	articles map[int64]int
}

// readCommitted reads the cache as another process writes it, read-only;
// a file not made yet reads as empty.
func readCommitted(path string) committed {
	s := committed{items: map[int64]string{}, articles: map[int64]int{}}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(2000)")
	if err != nil {
		return s
	}
	defer db.Close()
	tx, err := db.Begin() // one read transaction: one moment
	if err != nil {
		return s
	}
	defer tx.Rollback()
	if rows, err := tx.Query(`SELECT id, url FROM items`); err == nil {
		for rows.Next() {
			var id int64
			var url string
			rows.Scan(&id, &url)
			s.items[id] = url
		}
		rows.Close()
	}
	if rows, err := tx.Query(`SELECT item_id, length(markdown) FROM articles`); err == nil {
		for rows.Next() {
			var id int64
			var n int
			rows.Scan(&id, &n)
			s.articles[id] = n
		}
		rows.Close()
	}
	return s
}

// A sync killed at random moments: the cache always opens whole, keeps
// what was committed before the kill, and the next sync completes it.
func TestKilledMidSync(t *testing.T) {
	t.Parallel()
	bin := buildNyss(t)
	var slow atomic.Bool
	srv, e := fixture(t)
	srv.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		if slow.Load() && strings.HasPrefix(r.URL.Path, "/nyheter/20") {
			time.Sleep(time.Duration(5+rand.IntN(30)) * time.Millisecond)
		}
		return false
	})
	rng := rand.New(rand.NewPCG(4, 20))
	for run := range 20 {
		cache := filepath.Join(t.TempDir(), "cache.db")
		env := e.environ("NYSS_CACHE=" + cache)
		slow.Store(true)
		cmd := exec.Command(bin, "sync")
		cmd.Env = env
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.IntN(300)) * time.Millisecond
		time.Sleep(delay)
		before := readCommitted(cache)
		cmd.Process.Kill() // SIGKILL: no deferred close, no checkpoint
		cmd.Wait()

		if got := integrity(t, cache); got != "ok" {
			t.Fatalf("run %d, killed after %v: integrity_check: %s", run, delay, got)
		}
		after := readCommitted(cache)
		for id, url := range before.items {
			if after.items[id] != url {
				t.Errorf("run %d: item %d (%s) lost by the kill", run, id, url)
			}
		}
		for id, n := range before.articles {
			if after.articles[id] != n {
				t.Errorf("run %d: article of item %d lost by the kill", run, id)
			}
		}
		t.Logf("run %d: killed after %v with %d items, %d articles stored", run, delay, len(after.items), len(after.articles))

		slow.Store(false)
		cmd = exec.Command(bin, "sync")
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("run %d: the sync after the kill: %v\n%s", run, err, out)
		}
		cmd = exec.Command(bin, "list", "--json")
		cmd.Env = env
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("run %d: list: %v", run, err)
		}
		wantWholeCache(t, string(out))
	}
}

// fileSum is a file's SHA-256, to tell that it was not touched.
func fileSum(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// cacheCommand is one command line to try on a cache, with what its output
// must hold when it works.
type cacheCommand struct {
	args []string
	says string
}

// readingCommands are the commands that only read the cache.
var readingCommands = []cacheCommand{
	{[]string{"list"}, "Delfin från Alvesta"},
	{[]string{"list", "--json"}, `"cached": true`},
	{[]string{"months", "--json"}, `"2022-11"`},
	{[]string{"search", "växjö"}, "Linnéuniversitetet"},
	{[]string{"show", "{url}"}, "## Relaterade nyheter"},
}

func (c cacheCommand) with(url string) []string {
	args := slices.Clone(c.args)
	for i := range args {
		args[i] = strings.ReplaceAll(args[i], "{url}", url)
	}
	return args
}

const articlePath = "/nyheter/2022-06-14-uppstartskonferens-for-industriforum-i-kronoberg.html"

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

package main

import (
	"database/sql"
	"math/rand/v2"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

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

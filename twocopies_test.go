package main

import (
	"context"
	"fmt"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

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

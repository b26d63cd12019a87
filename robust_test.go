package main

// Robustness of the whole program (issue 4, points 4 to 8), a file a
// scenario:
//
//	feedfaults_test.go  network faults at the feed, lasting and passing
//	showfetch_test.go   show never fetches what the cache does not know
//	twocopies_test.go   two copies at once, syncing and reading
//	killed_test.go      a process killed mid-sync
//	unwritable_test.go  a cache that cannot be written, a disk that fills up
//	damaged_test.go     a damaged cache file
//
// Each ends with one clear line where there is an error, and nothing lost
// from the cache. This file holds what they check with.

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

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

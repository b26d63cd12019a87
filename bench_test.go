package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"nyss/feed/store"
)

// BenchmarkListProcess runs `nyss list --offline` as a whole process over a
// cache of 10,000 items: start-up, opening the cache, the query and the
// output, as a user waits for it.
func BenchmarkListProcess(b *testing.B) {
	bin, cache := bigCache(b)

	for b.Loop() {
		cmd := exec.Command(bin, "list", "--offline", "--feed", benchFeed, "--cache", cache)
		cmd.Stdout = nil
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListProcessFiveSources is BenchmarkListProcess with the 10,000
// items in five sources of a list, read together: the figure to hold
// against one source's.
func BenchmarkListProcessFiveSources(b *testing.B) {
	bin, cache, env := fiveSourceCache(b)

	for b.Loop() {
		cmd := exec.Command(bin, "list", "--offline", "--cache", cache)
		cmd.Env = env
		out, err := cmd.Output()
		if err != nil {
			b.Fatal(err)
		}
		if n := strings.Count(string(out), "\n"); n != 10000 {
			b.Fatalf("listed %d items", n)
		}
	}
}

// fiveSourceCache builds the binary, a cache of five sources of 2,000 items
// each, and an environment whose source list names them.
func fiveSourceCache(b *testing.B) (bin, cache string, env []string) {
	dir := b.TempDir()
	bin = filepath.Join(dir, "nyss")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	cache = filepath.Join(dir, "cache.db")
	var list strings.Builder
	for i := range 5 {
		url := fmt.Sprintf("https://kommun%d.example.se/nyheter/", i)
		fillCache(b, cache, url, 2000)
		fmt.Fprintf(&list, "%s Kommun %d\n", url, i)
	}
	config := filepath.Join(dir, "config")
	if err := os.MkdirAll(filepath.Join(config, "nyss"), 0o700); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(config, "nyss", "sources"), []byte(list.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	return bin, cache, append(os.Environ(), "NYSS_FEED=", "XDG_CONFIG_HOME="+config)
}

// benchFeed is the source the process benchmarks list.
const benchFeed = "https://www.regionkronoberg.se/nyheter/"

// bigCache builds the binary and a cache of 10,000 items of benchFeed.
func bigCache(b *testing.B) (bin, cache string) {
	dir := b.TempDir()
	bin = filepath.Join(dir, "nyss")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	cache = filepath.Join(dir, "cache.db")
	fillCache(b, cache, benchFeed, 10000)
	return bin, cache
}

// fillCache stores n dated items, a few a day going back from November 2022.
func fillCache(tb testing.TB, path, feedURL string, n int) {
	tb.Helper()
	st, err := store.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	src := store.Source{URL: feedURL, FeedURL: feedURL, Kind: "feed", Title: "Nyheter från Region Kronoberg"}
	if err := st.SaveSource(&src); err != nil {
		tb.Fatal(err)
	}
	start := time.Date(2022, 11, 22, 9, 0, 0, 0, time.UTC)
	items := make([]store.Item, n)
	for i := range items {
		t := start.Add(-time.Duration(i) * 7 * time.Hour)
		items[i] = store.Item{
			Key: fmt.Sprintf("4.1-%d", i), URL: fmt.Sprintf("%sa%d.html", feedURL, i),
			Title:     fmt.Sprintf("Nyhet nummer %d om vården och kollektivtrafiken i Växjö", i),
			Summary:   "Region Kronoberg satsar på nya åtgärder för länets invånare, säger ordföranden.",
			Published: t, SortTime: t, Position: i,
		}
	}
	if _, err := st.SyncItems(src.ID, items); err != nil {
		tb.Fatal(err)
	}
	_ = os.Remove(path + "-shm")
}

// BenchmarkReaderFirstFrame starts the reader in a pseudo-terminal over a
// cache of 10,000 items, offline, and measures the time from launch until
// the first headline is on the screen.
func BenchmarkReaderFirstFrame(b *testing.B) {
	bin, cache := bigCache(b)
	benchFirstFrame(b, exec.Command(bin, "--offline", "--feed", benchFeed, "--cache", cache), os.Environ())
}

// BenchmarkReaderFirstFrameFiveSources is BenchmarkReaderFirstFrame with
// the 10,000 items in five sources of a list, read together.
func BenchmarkReaderFirstFrameFiveSources(b *testing.B) {
	bin, cache, env := fiveSourceCache(b)
	benchFirstFrame(b, exec.Command(bin, "--offline", "--cache", cache), env)
}

// benchFirstFrame runs the reader that proto describes until the first
// headline is on the screen, as often as the benchmark asks.
func benchFirstFrame(b *testing.B, proto *exec.Cmd, env []string) {
	var total time.Duration
	runs := 0
	for b.Loop() {
		cmd := exec.Command(proto.Path, proto.Args[1:]...)
		cmd.Env = append(env, "TERM=xterm-256color", "LANG=sv_SE.UTF-8")
		start := time.Now()
		term, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 120, Rows: 40})
		if err != nil {
			b.Fatal(err)
		}
		emu := vt.NewEmulator(120, 40)
		go io.Copy(term, emu) // answers the reader's terminal queries
		buf := make([]byte, 64<<10)
		for !strings.Contains(emu.String(), "Nyhet nummer 0 ") {
			n, err := term.Read(buf)
			if err != nil {
				b.Fatalf("the reader stopped before its first frame: %v", err)
			}
			emu.Write(buf[:n])
		}
		total += time.Since(start)
		runs++
		cmd.Process.Kill()
		cmd.Wait()
		term.Close()
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(runs), "ms-to-first-headline")
}

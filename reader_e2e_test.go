package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"nyss/feed/demosite"
)

// TestReaderEndToEnd builds the binary and uses it as a person would: sync
// the fixture site served over loopback, then open the reader in a
// pseudo-terminal of 120×40 and read the screen through a terminal
// emulator.
func TestReaderEndToEnd(t *testing.T) {
	t.Parallel()
	bin := buildNyss(t)
	dir := t.TempDir()
	feedURL := demosite.StartServer(t).NewsURL()
	cache := filepath.Join(dir, "cache.db")
	env := append(os.Environ(), "LANG=sv_SE.UTF-8", "TERM=xterm-256color", "TZ=Europe/Stockholm",
		"NO_COLOR=", "NYSS_FEED=", "NYSS_CACHE=", "HOME="+dir, "XDG_CACHE_HOME="+dir)

	syncCmd := exec.Command(bin, "sync", "--feed", feedURL, "--cache", cache)
	syncCmd.Env = env
	if out, err := syncCmd.CombinedOutput(); err != nil {
		t.Fatalf("nyss sync: %v\n%s", err, out)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--feed", feedURL, "--cache", cache)
	cmd.Env = env
	term, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 120, Rows: 40})
	if err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	screen := newScreen(120, 40, term)

	// The dated headlines, under month headings, from the cache at once.
	screen.waitFor(t, "november 2022", "oktober 2022", "Delfin från Alvesta")
	if !regexp.MustCompile(`14 nov\b`).MatchString(screen.text()) {
		t.Fatalf("no date column on the screen:\n%s", screen.text())
	}
	// The background sync finds the feed unchanged since `nyss sync`.
	screen.waitFor(t, "oförändrad")

	// [ filters to the highlighted headline's month: November only.
	screen.press("[")
	screen.waitFor(t, "5 av 18 · november 2022")
	screen.waitGone(t, "oktober 2022")

	// enter opens the newest article: its body, and at its end the related news.
	screen.press("\r")
	screen.waitFor(t, "22 november 2022 · http", "Under måndagseftermiddagen signerades")
	screen.press("G")
	screen.waitFor(t, "Relaterade nyheter", "14 november 2022  Delfin från Alvesta")

	// q quits, with status 0, and gives the terminal back.
	screen.press("q")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("nyss exited with %v; screen:\n%s", err, screen.text())
	}
}

// TestSyncProgressOnATerminal runs `nyss sync` on a terminal: progress
// (articles n/N) is drawn on one line, then cleared for the summary.
func TestSyncProgressOnATerminal(t *testing.T) {
	t.Parallel()
	bin := buildNyss(t)
	feedURL := demosite.StartServer(t).NewsURL()
	dir := t.TempDir()
	cmd := exec.Command(bin, "sync", "--feed", feedURL, "--cache", filepath.Join(dir, "cache.db"))
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CACHE_HOME="+dir)
	term, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 100, Rows: 10})
	if err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	s := newScreen(100, 10, term)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("nyss sync: %v", err)
	}
	s.waitFor(t, "articles: 18 fetched")
	if first := strings.SplitN(s.text(), "\n", 2)[0]; !strings.HasPrefix(first, "Nyheter från Region Kronoberg: 18 new") {
		t.Errorf("the summary does not start its line: %q", first)
	}
	if !regexp.MustCompile(`articles \d+/18`).Match(s.bytes()) {
		t.Errorf("no progress was drawn: %q", s.bytes())
	}
}

// TestDemoReadsTwoSourcesTogether opens --demo in a pseudo-terminal: its
// two sources in one timeline, the sources view on s, enter narrowing the
// list to one and esc widening it again.
func TestDemoReadsTwoSourcesTogether(t *testing.T) {
	t.Parallel()
	bin := buildNyss(t)
	dir := t.TempDir()
	env := append(os.Environ(), "LANG=sv_SE.UTF-8", "TERM=xterm-256color", "TZ=Europe/Stockholm",
		"NO_COLOR=", "NYSS_FEED=", "NYSS_CACHE=", "HOME="+dir, "XDG_CACHE_HOME="+dir, "XDG_CONFIG_HOME="+dir)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--demo")
	cmd.Env = env
	term, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 140, Rows: 40})
	if err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	screen := newScreen(140, 40, term)

	screen.waitFor(t, "Alla källor · 22 av 22", "Glasbo  Nytt äldreboende öppnar i Glasbo", "Region  Delfin från Alvesta")
	screen.press("s")
	screen.waitFor(t, "Källor", "Region Kronoberg  18 olästa av 18", "Glasbo kommun     4 olästa av 4")
	screen.press("j")
	screen.press("j")
	screen.press("\r")
	screen.waitFor(t, "Glasbo kommun · 4 av 22")
	screen.waitGone(t, "Delfin från Alvesta")
	screen.press("\x1b")
	screen.waitFor(t, "Alla källor · 22 av 22", "Delfin från Alvesta")

	screen.press("q")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("nyss exited with %v; screen:\n%s", err, screen.text())
	}
}

package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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
// items in five sources of a list, read together, beside the one source's
// list in the same run: medians and their ratio, the figure to hold
// within 10 %.
func BenchmarkListProcessFiveSources(b *testing.B) {
	bin, cache, env := fiveSourceCache(b)
	_, oneCache := bigCache(b)
	five := exec.Command(bin, "list", "--offline", "--cache", cache)
	five.Env = env
	one := exec.Command(bin, "list", "--offline", "--feed", benchFeed, "--cache", oneCache)
	var times [2][]time.Duration
	for b.Loop() {
		for i, proto := range []*exec.Cmd{five, one} {
			cmd := exec.Command(proto.Path, proto.Args[1:]...)
			cmd.Env = proto.Env
			start := time.Now()
			out, err := cmd.Output()
			times[i] = append(times[i], time.Since(start))
			if err != nil {
				b.Fatal(err)
			}
			if n := strings.Count(string(out), "\n"); n != 10000 {
				b.Fatalf("listed %d items", n)
			}
		}
	}
	var ms [2]float64
	for i, name := range []string{"five-sources", "one-source"} {
		ms[i] = median(times[i])
		b.ReportMetric(ms[i], "ms-"+name)
	}
	b.ReportMetric(ms[0]/ms[1], "x-one-source")
}

// median is the middle of the times, in milliseconds.
func median(times []time.Duration) float64 {
	slices.Sort(times)
	return float64(times[len(times)/2].Microseconds()) / 1000
}

// fiveSourceCache builds the binary, a cache of bigCache's 10,000 items
// dealt out to five sources, item i to source i mod 5, so that together
// they cover the same months as densely, and an environment whose source
// list names them.
func fiveSourceCache(b *testing.B) (bin, cache string, env []string) {
	dir, bin := b.TempDir(), buildNyss(b)
	cache = filepath.Join(dir, "cache.db")
	var list strings.Builder
	for i := range 5 {
		url := fmt.Sprintf("https://kommun%d.example.se/nyheter/", i)
		fillCache(b, cache, url, 10000, i, 5)
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
	dir, bin := b.TempDir(), buildNyss(b)
	cache = filepath.Join(dir, "cache.db")
	fillCache(b, cache, benchFeed, 10000, 0, 1)
	return bin, cache
}

// fillCache stores the dated items i < n with i mod every == part, a few
// a day going back from November 2022.
func fillCache(tb testing.TB, path, feedURL string, n, part, every int) {
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
	var items []store.Item
	for i := part; i < n; i += every {
		t := start.Add(-time.Duration(i) * 7 * time.Hour)
		items = append(items, store.Item{
			Key: fmt.Sprintf("4.1-%d", i), URL: fmt.Sprintf("%sa%d.html", feedURL, i),
			Title:     fmt.Sprintf("Nyhet nummer %d om vården och kollektivtrafiken i Växjö", i),
			Summary:   "Region Kronoberg satsar på nya åtgärder för länets invånare, säger ordföranden.",
			Published: t, SortTime: t, Position: i,
		})
	}
	if _, err := st.SyncItems(src.ID, items); err != nil {
		tb.Fatal(err)
	}
	_ = os.Remove(path + "-shm")
}

// BenchmarkReaderFirstFrame starts the reader in a pseudo-terminal over a
// cache of 10,000 items, offline, and measures the time from launch until
// the first headline is on the screen. Beside it, in the same run and the
// same way, it times the process floor: `nyss --version` until its line is
// on the screen. With newsboat on the PATH, it times newsboat too, until
// its feed list shows the same 10,000 items.
func BenchmarkReaderFirstFrame(b *testing.B) {
	bin, cache := bigCache(b)
	launches := []launch{
		{name: "first-headline", args: []string{bin, "--offline", "--feed", benchFeed, "--cache", cache}, until: "Nyhet nummer 0 "},
		{name: "version-floor", args: []string{bin, "--version"}, until: "nyss "},
	}
	if nb, err := exec.LookPath("newsboat"); err == nil {
		launches = append(launches, newsboatLaunch(b, nb, 10000))
	}
	ms := sideBySide(b, launches)
	b.ReportMetric(ms[0]/ms[1], "x-floor")
}

// BenchmarkReaderFirstFrameFiveSources is BenchmarkReaderFirstFrame with
// the 10,000 items in five sources of a list, read together, beside the
// one source's reader in the same run.
func BenchmarkReaderFirstFrameFiveSources(b *testing.B) {
	bin, cache, env := fiveSourceCache(b)
	_, oneCache := bigCache(b)
	ms := sideBySide(b, []launch{
		{name: "five-sources", args: []string{bin, "--offline", "--cache", cache}, env: env, until: "Nyhet nummer 0 "},
		{name: "one-source", args: []string{bin, "--offline", "--feed", benchFeed, "--cache", oneCache}, until: "Nyhet nummer 0 "},
	})
	b.ReportMetric(ms[0]/ms[1], "x-one-source")
}

// BenchmarkReaderAtSize opens the reader over caches of 1,000, 10,000 and
// 50,000 items: the first headline (median, as BenchmarkReaderFirstFrame)
// and the memory it holds at rest (VmRSS 2 s after the first headline,
// median). Neither should grow much with the cache.
func BenchmarkReaderAtSize(b *testing.B) {
	dir, bin := b.TempDir(), buildNyss(b)
	for _, n := range []int{1000, 10000, 50000} {
		cache := filepath.Join(dir, fmt.Sprintf("cache-%d.db", n))
		fillCache(b, cache, benchFeed, n, 0, 1)
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			l := launch{name: "first-headline", args: []string{bin, "--offline", "--feed", benchFeed, "--cache", cache}, until: "Nyhet nummer 0 "}
			var times []time.Duration
			var rss []float64
			for b.Loop() {
				d, kb := timeToScreenAndRest(b, l, 2*time.Second)
				times, rss = append(times, d), append(rss, float64(kb)/1024)
			}
			b.ReportMetric(median(times), "ms-"+l.name)
			slices.Sort(rss)
			b.ReportMetric(rss[len(rss)/2], "MB-idle-rss")
		})
	}
}

// BenchmarkReaderOpenArticle opens a cached article of 5 KB and of 20 KB
// in the reader, in a 110x40 pseudo-terminal (the article wraps at 100),
// and times enter until its text is on the screen:
//   - at-once: enter as soon as the first headline shows, before anything
//     was rendered ahead, while the reader still reads its whole list;
//   - unrested: the reader settled, j to the next article and enter at
//     once, before its rest;
//   - rested: enter after the cursor rested on the headline, so that the
//     article was rendered in the background;
//   - again: enter once more after going back, the rendering kept;
//   - back: the key that goes back to the list, for a yardstick: a key
//     whose work is next to nothing, in the same terminal.
func BenchmarkReaderOpenArticle(b *testing.B) {
	dir, bin := b.TempDir(), buildNyss(b)
	for _, size := range []int{5 << 10, 20 << 10} {
		cache := filepath.Join(dir, fmt.Sprintf("cache-%d.db", size))
		fillCache(b, cache, benchFeed, 10000, 0, 1)
		saveArticle(b, cache, size)
		b.Run(fmt.Sprintf("size=%dKB", size>>10), func(b *testing.B) {
			args := []string{bin, "--offline", "--feed", benchFeed, "--cache", cache}
			// The second headline is only in the list, the text only in
			// the article.
			const headline, list, text = "Nyhet nummer 0 ", "Nyhet nummer 1 ", "Avsnitt 1 om vården"
			var atOnce, unrested, rested, again, back []time.Duration
			for b.Loop() {
				t := startInTerminal(b, args, nil, 110, 40)
				t.waitFor(headline)
				atOnce = append(atOnce, t.timeKey("\r", text))
				t.key("\x7f", list)
				t.close()

				t = startInTerminal(b, args, nil, 110, 40)
				t.waitFor(headline)
				time.Sleep(time.Second) // the whole list, then the rest
				rested = append(rested, t.timeKey("\r", text))
				back = append(back, t.timeKey("\x7f", list))
				again = append(again, t.timeKey("\r", text))
				t.key("\x7f", list)
				time.Sleep(200 * time.Millisecond)
				unrested = append(unrested, t.timeKey("j\r", text))
				t.close()
			}
			b.ReportMetric(median(atOnce), "ms-at-once")
			b.ReportMetric(median(unrested), "ms-unrested")
			b.ReportMetric(median(rested), "ms-rested")
			b.ReportMetric(median(again), "ms-again")
			b.ReportMetric(median(back), "ms-back")
		})
	}
}

// saveArticle stores an article of about size bytes of Markdown for each
// of the two newest items of the cache at path.
func saveArticle(b *testing.B, path string, size int) {
	st, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	src, _, err := st.Source(benchFeed)
	if err != nil {
		b.Fatal(err)
	}
	items, err := st.Items(store.Filter{Sources: []int64{src.ID}})
	if err != nil {
		b.Fatal(err)
	}
	var md strings.Builder
	var links []string
	for i := 0; md.Len() < size; i++ {
		fmt.Fprintf(&md, "## Avsnitt %d om vården i Kronoberg\n\n", i+1)
		md.WriteString("Region Kronoberg satsar på en nära vård där invånarna får hjälp i rätt tid. ")
		fmt.Fprintf(&md, "Arbetet sker tillsammans med kommunerna. Läs mer på [regionens webbplats](https://example.org/sida-%d) [%d].\n\n", i, i+1)
		links = append(links, fmt.Sprintf("https://example.org/sida-%d", i))
		md.WriteString("- Vårdcentralerna får fler medarbetare\n- Digitala vårdbesök blir vanligare\n\n")
		md.WriteString("– Det här är en viktig förändring för hela länet, säger hälso- och sjukvårdsdirektören.\n\n")
	}
	for _, it := range items[:2] {
		err = st.SaveArticle(store.Article{ItemID: it.ID, URL: it.URL, Title: it.Title,
			Markdown: md.String(), Links: links, Format: store.ArticleFormat, FetchedAt: time.Now()})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// A terminal is a program running in a pseudo-terminal, its screen kept
// by an emulator.
type terminal struct {
	b   *testing.B
	cmd *exec.Cmd
	pty *os.File
	emu *vt.Emulator
	buf []byte
}

// startInTerminal starts args in a cols x rows pseudo-terminal, with env
// (nil: this process's) in Swedish.
func startInTerminal(b *testing.B, args, env []string, cols, rows int) *terminal {
	cmd := exec.Command(args[0], args[1:]...)
	if env == nil {
		env = os.Environ()
	}
	cmd.Env = append(env, "TERM=xterm-256color", "LANG=sv_SE.UTF-8")
	p, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)})
	if err != nil {
		b.Fatal(err)
	}
	t := &terminal{b: b, cmd: cmd, pty: p, emu: vt.NewEmulator(cols, rows), buf: make([]byte, 64<<10)}
	go io.Copy(p, t.emu) // answers the program's terminal queries
	return t
}

// waitFor reads the program's output until text is on the screen.
func (t *terminal) waitFor(text string) {
	for !strings.Contains(t.emu.String(), text) {
		n, err := t.pty.Read(t.buf)
		if err != nil {
			t.b.Fatalf("the program stopped before %q was on the screen: %v\n%s", text, err, t.emu.String())
		}
		t.emu.Write(t.buf[:n])
	}
}

// key types keys and waits until text is on the screen.
func (t *terminal) key(keys, text string) {
	if _, err := t.pty.WriteString(keys); err != nil {
		t.b.Fatal(err)
	}
	t.waitFor(text)
}

// timeKey is key, timed.
func (t *terminal) timeKey(keys, text string) time.Duration {
	start := time.Now()
	t.key(keys, text)
	return time.Since(start)
}

func (t *terminal) close() {
	t.cmd.Process.Kill()
	t.cmd.Wait()
	t.pty.Close()
}

// A launch is a program started in a 120x40 pseudo-terminal and timed
// until until is on its screen.
type launch struct {
	name  string
	args  []string
	env   []string // nil: this process's
	until string
}

// sideBySide runs each launch once per benchmark iteration, in turn, so
// that the machine's moods fall on all alike, and reports each one's
// median in ms-NAME. It returns the medians in the launches' order.
func sideBySide(b *testing.B, launches []launch) []float64 {
	times := make([][]time.Duration, len(launches))
	for b.Loop() {
		for i, l := range launches {
			times[i] = append(times[i], timeToScreen(b, l))
		}
	}
	medians := make([]float64, len(launches))
	for i, l := range launches {
		medians[i] = median(times[i])
		b.ReportMetric(medians[i], "ms-"+l.name)
	}
	return medians
}

// timeToScreen starts l and returns how long until its text is on the
// screen.
func timeToScreen(b *testing.B, l launch) time.Duration {
	d, _ := timeToScreenAndRest(b, l, 0)
	return d
}

// timeToScreenAndRest is timeToScreen, and, when rest is not 0, the
// program's resident memory in KB that long after (VmRSS), the terminal
// still answered meanwhile.
func timeToScreenAndRest(b *testing.B, l launch, rest time.Duration) (time.Duration, int) {
	start := time.Now()
	t := startInTerminal(b, l.args, l.env, 120, 40)
	defer t.close()
	t.waitFor(l.until)
	took := time.Since(start)
	if rest == 0 {
		return took, 0
	}
	go io.Copy(t.emu, t.pty) // keeps the program's output flowing
	time.Sleep(rest)
	return took, vmRSS(b, t.cmd.Process.Pid)
}

// vmRSS is the resident memory of the process pid in KB.
func vmRSS(b *testing.B, pid int) int {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb int
			fmt.Sscan(rest, &kb)
			return kb
		}
	}
	b.Fatal("no VmRSS in /proc/pid/status")
	return 0
}

// newsboatLaunch gives newsboat a feed of n items like bigCache's, on
// disk, reloads it once into newsboat's own cache, and returns the launch
// that opens newsboat on it.
func newsboatLaunch(b *testing.B, newsboat string, n int) launch {
	dir := b.TempDir()
	var rss strings.Builder
	rss.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Nyheter från Region Kronoberg</title><link>https://www.regionkronoberg.se/nyheter/</link>`)
	start := time.Date(2022, 11, 22, 9, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&rss, "<item><title>Nyhet nummer %d om vården och kollektivtrafiken i Växjö</title><link>%sa%d.html</link><guid>4.1-%d</guid><pubDate>%s</pubDate><description>Region Kronoberg satsar på nya åtgärder för länets invånare, säger ordföranden.</description></item>",
			i, benchFeed, i, i, start.Add(-time.Duration(i)*7*time.Hour).Format(time.RFC1123Z))
	}
	rss.WriteString("</channel></rss>")
	feedPath := filepath.Join(dir, "feed.xml")
	urls, config, cache := filepath.Join(dir, "urls"), filepath.Join(dir, "config"), filepath.Join(dir, "cache.db")
	for path, body := range map[string]string{feedPath: rss.String(), urls: "file://" + feedPath + "\n", config: ""} {
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			b.Fatal(err)
		}
	}
	args := []string{newsboat, "-u", urls, "-C", config, "-c", cache}
	if out, err := exec.Command(args[0], append(args[1:], "-x", "reload")...).CombinedOutput(); err != nil {
		b.Fatalf("newsboat reload: %v\n%s", err, out)
	}
	// Its feed list shows "(unread/total" once the feed is loaded.
	return launch{name: "newsboat", args: args, until: fmt.Sprintf("(%d/", n)}
}

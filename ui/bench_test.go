package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nyss/feed"
	"nyss/feed/store"
)

// The speed targets of the reader: the first frame soon after launch, and
// every key answered within a frame (16 ms), a long article's first
// rendering included.

const bigSource = "https://example.org/nyheter/"

var (
	bigOnce  sync.Once
	bigStore *store.Store
	bigErr   error
)

// bigCache is a cache of 10,000 items over ten years, shared by the
// benchmarks that only read it.
func bigCache(b *testing.B) *store.Store {
	bigOnce.Do(func() {
		// Beside the fixture cache, which TestMain removes at the end.
		st, err := store.Open(filepath.Join(filepath.Dir(fixtureDB), "big.db"))
		if err != nil {
			bigErr = err
			return
		}
		src := store.Source{URL: bigSource, FeedURL: bigSource + "rss", Kind: "feed", Title: "Stora nyheter", CheckedAt: syncedAt, ChangedAt: syncedAt}
		if err := st.SaveSource(&src); err != nil {
			bigErr = err
			return
		}
		items := make([]store.Item, 10000)
		start := testNow
		for i := range items {
			pub := start.Add(-time.Duration(i) * 8 * time.Hour) // ten years, newest first
			items[i] = store.Item{
				Key: fmt.Sprintf("item-%d", i), URL: fmt.Sprintf("https://example.org/nyheter/%d.html", i),
				Title:     fmt.Sprintf("Nyhet nummer %d om vården, kollektivtrafiken och kulturen i Kronoberg", i),
				Summary:   "En kort sammanfattning av nyheten, som flödet ger.",
				Published: pub, Position: i,
			}
		}
		if _, err := st.SyncItems(src.ID, items); err != nil {
			bigErr = err
			return
		}
		bigStore = st
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigStore
}

func bigConfig(st *store.Store) config {
	return config{
		engine:  &feed.Engine{Store: st, Location: stockholm},
		source:  bigSource,
		text:    swedish,
		now:     func() time.Time { return testNow },
		openURL: func(string) error { return nil },
	}
}

// BenchmarkFirstFrame is start-up to the first frame with 10,000 cached
// items: the model, the first cache read (the newest month), the frame.
func BenchmarkFirstFrame(b *testing.B) {
	cfg := bigConfig(bigCache(b))
	for b.Loop() {
		m := tea.Model(newModel(context.Background(), cfg))
		m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m, _ = m.Update(firstLoadCmd(cfg.engine, cfg.set())())
		if !strings.Contains(m.View().Content, "av 10000") {
			b.Fatal("the first frame does not show the items")
		}
	}
}

// BenchmarkWholeList is the read of all 10,000 items that follows the first
// frame, up to the frame that shows them. It runs off the update loop but
// for the last step.
func BenchmarkWholeList(b *testing.B) {
	cfg := bigConfig(bigCache(b))
	for b.Loop() {
		m := tea.Model(newModel(context.Background(), cfg))
		m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m, _ = m.Update(loadCmd(cfg.engine, cfg.set())())
		if !strings.Contains(m.View().Content, "10000 av 10000") {
			b.Fatal("the frame does not show the items")
		}
	}
}

// BenchmarkLoadedList is the update-loop part of the whole list: taking
// 10,000 items in and drawing them.
func BenchmarkLoadedList(b *testing.B) {
	cfg := bigConfig(bigCache(b))
	msg := loadCmd(cfg.engine, cfg.set())().(loadedMsg)
	for b.Loop() {
		m := tea.Model(newModel(context.Background(), cfg))
		m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		msg.items = slices.Clone(msg.items)
		m, _ = m.Update(msg)
		_ = m.View()
	}
}

// BenchmarkMonthStep is one [ or ] over 10,000 items, frame included.
func BenchmarkMonthStep(b *testing.B) {
	cfg := bigConfig(bigCache(b))
	m := tea.Model(newModel(context.Background(), cfg))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m, _ = m.Update(loadCmd(cfg.engine, cfg.set())())
	older := tea.KeyPressMsg{Code: '[', Text: "["}
	newer := tea.KeyPressMsg{Code: ']', Text: "]"}
	step, n := older, 0
	for b.Loop() {
		// Walk back through the ten years and forward again.
		if n++; n%100 == 0 {
			if step == older {
				step = newer
			} else {
				step = older
			}
		}
		m, _ = m.Update(step)
		_ = m.View()
	}
	if mm := m.(model); mm.list.shown == 0 || mm.list.shown > 100 {
		b.Fatalf("a month shows %d items", mm.list.shown)
	}
}

// BenchmarkOpenArticle is a 20 KB article's first showing at terminal
// widths 80 and 160: "head" is its first screens, rendered alone, on the
// screen; "render+layout" is all of it, Glamour included; "update-loop"
// is the part of the whole that runs on the update loop, which is what a
// key waits for (Glamour runs in a command meanwhile).
func BenchmarkOpenArticle(b *testing.B) {
	a := longArticle(20 << 10)
	it := feed.Item{Headline: feed.Headline{ID: 1, Title: "En lång artikel", Published: testNow}, URL: "https://example.org/lang.html"}
	for _, width := range []int{80, 160} {
		cfg := bigConfig(bigCache(b))
		base := tea.Model(newModel(context.Background(), cfg))
		base, _ = base.Update(tea.WindowSizeMsg{Width: width, Height: 40})
		base, _ = base.Update(firstLoadCmd(cfg.engine, cfg.set())())
		open := func() (model, tea.Cmd) {
			m := base.(model)
			m.reader.renders = newRenderCache() // a first showing, not a cached one
			m.reader.close()
			m.reader.push(page{reading: feed.Reading{Item: it, Article: &a}})
			m.focus = focusReader
			cmd := m.reader.render(false)
			return m, cmd
		}
		check := func(b *testing.B, m tea.Model) {
			if !strings.Contains(ansi.Strip(m.View().Content), "Avsnitt 1 om vården") {
				b.Fatal("the article is not on the screen")
			}
		}
		// renders are the command's renderings: the head's first.
		renders := func(cmd tea.Cmd) []tea.Cmd {
			if batch, ok := cmd().(tea.BatchMsg); ok {
				return batch
			}
			return []tea.Cmd{cmd}
		}
		b.Run(fmt.Sprintf("width=%d/head", width), func(b *testing.B) {
			for b.Loop() {
				m, cmd := open()
				next, _ := m.Update(renders(cmd)[0]())
				check(b, next)
			}
		})
		b.Run(fmt.Sprintf("width=%d/render+layout", width), func(b *testing.B) {
			for b.Loop() {
				m, cmd := open()
				var next tea.Model = m
				for _, c := range renders(cmd) {
					next, _ = next.Update(c())
				}
				check(b, next)
			}
		})
		b.Run(fmt.Sprintf("width=%d/update-loop", width), func(b *testing.B) {
			m, cmd := open()
			all := renders(cmd)
			rendered := all[len(all)-1]().(renderedMsg)
			for b.Loop() {
				m, _ = open()
				next, _ := m.Update(rendered)
				check(b, next)
			}
		})
	}
}

// longArticle is Markdown of about size bytes in the shape of the site's
// articles: paragraphs, headings, lists, links, and related news.
func longArticle(size int) feed.Article {
	var b strings.Builder
	var links []string
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "## Avsnitt %d om vården i Kronoberg\n\n", i+1)
		b.WriteString("Region Kronoberg satsar på en nära vård där invånarna får hjälp i rätt tid. ")
		b.WriteString("Arbetet sker tillsammans med kommunerna, och målet är att fler ska kunna få vård hemma. ")
		fmt.Fprintf(&b, "Läs mer på [regionens webbplats](https://example.org/sida-%d) om hur det går till.\n\n", i)
		links = append(links, fmt.Sprintf("https://example.org/sida-%d", i))
		b.WriteString("- Vårdcentralerna får fler medarbetare\n- Digitala vårdbesök blir vanligare\n- Akutmottagningen byggs ut\n\n")
		b.WriteString("– Det här är en viktig förändring för hela länet, säger hälso- och sjukvårdsdirektören, som *betonar* att arbetet tar tid.\n\n")
	}
	related := make([]feed.Related, 5)
	for i := range related {
		related[i] = feed.Related{ItemID: int64(i + 2), Title: fmt.Sprintf("Relaterad nyhet %d", i+1), Published: testNow.AddDate(0, 0, -i)}
	}
	return feed.Article{Title: "En lång artikel", URL: "https://example.org/lang.html",
		Markdown: b.String(), Links: links, Related: related}
}

// BenchmarkKeys is one key in the update loop with 10,000 items, the frame
// drawn after it included: what a person waits for. Each must stay well
// under a frame at 60 Hz, 16 ms. Work that a key starts in a command (the
// search, an article's rendering) runs off the loop and is not counted;
// applying a search's answer, which is on the loop, is ("search answer").
func BenchmarkKeys(b *testing.B) {
	cfg := bigConfig(bigCache(b))
	loaded := loadCmd(cfg.engine, cfg.set())()
	key := func(s string) tea.KeyPressMsg {
		switch s {
		case "backspace":
			return tea.KeyPressMsg{Code: tea.KeyBackspace}
		case "esc":
			return tea.KeyPressMsg{Code: tea.KeyEscape}
		case "enter":
			return tea.KeyPressMsg{Code: tea.KeyEnter}
		}
		r := []rune(s)[0]
		return tea.KeyPressMsg{Code: r, Text: s}
	}
	hits, err := cfg.engine.Hits(feed.Query{Sources: []string{bigSource}, Text: "sammanfattning"}, maxHits)
	if err != nil || len(hits) == 0 {
		b.Fatalf("hits: %d, %v", len(hits), err)
	}
	tests := []struct {
		name  string
		setup []tea.Msg
		keys  []tea.Msg // sent in turn, one per iteration
	}{
		{"j/k", nil, []tea.Msg{key("j"), key("k")}},
		{"G/g", nil, []tea.Msg{key("G"), key("g")}},
		{"pgdn/pgup", nil, []tea.Msg{tea.KeyPressMsg{Code: tea.KeyPgDown}, tea.KeyPressMsg{Code: tea.KeyPgUp}}},
		{"u (read state)", nil, []tea.Msg{key("u")}},
		{"U (unread only)", nil, []tea.Msg{key("U")}},
		{"typing in /", []tea.Msg{key("/")}, []tea.Msg{key("a"), key("backspace")}},
		{"search answer", []tea.Msg{key("/"), key("s"), key("a"), key("m"), key("m"), key("a"), key("n")},
			[]tea.Msg{hitsMsg{query: "samman", hits: hits}}},
		{"J/K (next article)", []tea.Msg{key("enter")}, []tea.Msg{key("J"), key("K")}},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			m := tea.Model(newModel(context.Background(), cfg))
			m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			m, _ = m.Update(loaded)
			for _, msg := range tt.setup {
				m, _ = m.Update(msg)
			}
			n := 0
			for b.Loop() {
				m, _ = m.Update(tt.keys[n%len(tt.keys)])
				_ = m.View()
				n++
			}
		})
	}
}

// BenchmarkSearchHits is the search that / runs as typing rests, off the
// update loop: 10,000 items, up to maxHits hits with their snippets.
func BenchmarkSearchHits(b *testing.B) {
	cfg := bigConfig(bigCache(b))
	for _, word := range []string{"sammanfattning", "nummer 4711"} {
		b.Run(word, func(b *testing.B) {
			for b.Loop() {
				if _, err := cfg.engine.Hits(feed.Query{Sources: []string{bigSource}, Text: word}, maxHits); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var (
	fiveOnce sync.Once
	fiveDir  string
	fiveErr  error
)

// fiveSources is a cache of five sources with 2,000 items each: the
// 10,000 items of bigCache, spread as a county's sources would be.
func fiveSources(b *testing.B) (*store.Store, []string) {
	b.Helper()
	urls := make([]string, 5)
	for i := range urls {
		urls[i] = fmt.Sprintf("https://kommun%d.example.se/nyheter/", i)
	}
	fiveOnce.Do(func() {
		fiveDir = filepath.Join(filepath.Dir(fixtureDB), "five.db")
		st, err := store.Open(fiveDir)
		if err != nil {
			fiveErr = err
			return
		}
		defer st.Close()
		for s, url := range urls {
			src := store.Source{URL: url, FeedURL: url + "rss", Kind: "feed", Title: fmt.Sprintf("Kommun %d", s), CheckedAt: syncedAt, ChangedAt: syncedAt}
			if fiveErr = st.SaveSource(&src); fiveErr != nil {
				return
			}
			items := make([]store.Item, 2000)
			for i := range items {
				pub := testNow.Add(-time.Duration(i*5+s) * 8 * time.Hour)
				items[i] = store.Item{
					Key: fmt.Sprintf("item-%d", i), URL: fmt.Sprintf("%s%d.html", url, i),
					Title:     fmt.Sprintf("Nyhet nummer %d om vården, kollektivtrafiken och kulturen i Kronoberg", i),
					Summary:   "En kort sammanfattning av nyheten, som flödet ger.",
					Published: pub, Position: i,
				}
			}
			if _, fiveErr = st.SyncItems(src.ID, items); fiveErr != nil {
				return
			}
		}
	})
	if fiveErr != nil {
		b.Fatal(fiveErr)
	}
	st, err := store.Open(fiveDir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st, urls
}

// BenchmarkFirstFrameTogether is BenchmarkFirstFrame with the 10,000 items
// in five sources read together, the whole list included: the figure to
// hold against one source's.
func BenchmarkFirstFrameTogether(b *testing.B) {
	st, urls := fiveSources(b)
	cfg := bigConfig(st)
	cfg.together = urls
	for b.Loop() {
		m := tea.Model(newModel(context.Background(), cfg))
		m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m, _ = m.Update(firstLoadCmd(cfg.engine, cfg.set())())
		if !strings.Contains(m.View().Content, "av 10000") {
			b.Fatal("the first frame does not show the items")
		}
	}
}

// BenchmarkWholeListTogether is BenchmarkWholeList over five sources.
func BenchmarkWholeListTogether(b *testing.B) {
	st, urls := fiveSources(b)
	cfg := bigConfig(st)
	cfg.together = urls
	for b.Loop() {
		m := tea.Model(newModel(context.Background(), cfg))
		m, _ = m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m, _ = m.Update(loadCmd(cfg.engine, cfg.set())())
		if !strings.Contains(m.View().Content, "10000 av 10000") {
			b.Fatal("the list does not show the items")
		}
	}
}

package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nyss/feed"
	"nyss/feed/store"
)

// Every key of the table in DESIGN.md, through Update and View, on the
// fixture cache. The clock is the morning of 23 November 2022.

const (
	newestTitle = "Regionerna och Linnéuniversitetet i fortsatt samverkan för att möta framtidens utmaningar"
	secondTitle = "Delfin från Alvesta ställs ut på Tekniska museet"
	// Published 31 May 22:00 UTC: 1 June in Stockholm, June news.
	oldestTitle = "Årets kulturstipendier kan sökas nu"
	// The one item without a date: listed last, under "utan datum".
	undatedTitle = "Sommarlovskortet populärt – över 40 000 resor hittills"
	newestURL    = "http://demo.nyss.localhost/nyheter/2022-11-22-regionerna-och-linneuniversitetet-i-fortsatt-samverkan.html"
)

func TestFirstFrameIsTheDatedListUnderMonthHeadings(t *testing.T) {
	h, _ := newHarness(t, 100, 40)
	lines := h.lines()
	if lines[0] != " november 2022" {
		t.Errorf("first line = %q, want the month heading", lines[0])
	}
	h.mustShow(
		"igår    "+newestTitle[:20], // 22 November is yesterday
		"14 nov  "+secondTitle,
		"oktober 2022", "juni 2022",
		"1 jun   "+oldestTitle,
	)
	// Every row is unread: marked with a bullet; and its whole article is
	// saved: marked with a tick.
	if !strings.HasPrefix(lines[2], " •✓ 14 nov") {
		t.Errorf("row %q has no unread marker", lines[2])
	}
	// The status bar: the source (its name giving way first), 18 of 18,
	// no month filter, 18 unread, and the cache's age (offline, synced at
	// 08:15).
	for _, want := range []string{"Nyheter från Region", "18 av 18", "alla månader", "18 olästa", "offline — cache från 45 minuter sedan"} {
		if !strings.Contains(h.statusBar(), want) {
			t.Errorf("status bar %q lacks %q", h.statusBar(), want)
		}
	}
}

func TestUndatedItemsAreTheirOwnGroupLast(t *testing.T) {
	h, _ := newHarness(t, 100, 40)
	lines := h.lines()
	i := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "Sommarlovskortet") })
	if i < 0 || lines[i-1] != " utan datum" || !strings.Contains(lines[i-2], oldestTitle) {
		t.Fatalf("the undated item is not last, under utan datum:\n%s", strings.Join(lines, "\n"))
	}
}

func TestMoveKeysInTheList(t *testing.T) {
	tests := []struct {
		keys []string
		want string
	}{
		{[]string{"j"}, secondTitle},
		{[]string{"down"}, secondTitle},
		{[]string{"j", "j", "k"}, secondTitle},
		{[]string{"down", "up"}, newestTitle},
		{[]string{"k"}, newestTitle}, // already at the top
		{[]string{"G"}, undatedTitle},
		{[]string{"end"}, undatedTitle},
		{[]string{"G", "k"}, oldestTitle},
		{[]string{"G", "g"}, newestTitle},
		{[]string{"G", "home"}, newestTitle},
		{[]string{"pgdown"}, "Åtta nya ambulanser rullar ut i länet"}, // 15 rows down: a 16-row page less one
		{[]string{"space"}, "Åtta nya ambulanser rullar ut i länet"},
		{[]string{"G", "pgup"}, "Satsning på energirådgivning i länet: ”Efterfrågan är stor”"},
		{[]string{"pgdown", "pgdown", "pgdown"}, undatedTitle},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, " "), func(t *testing.T) {
			h, _ := newHarness(t, 100, 18)
			h.press(tt.keys...)
			if got := h.selectedTitle(); got != tt.want {
				t.Errorf("selected %q, want %q", got, tt.want)
			}
			// The cursor row is always on the screen.
			h.mustShow(ansiCut(tt.want, 30))
		})
	}
}

func ansiCut(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

func TestMonthKeys(t *testing.T) {
	tests := []struct {
		name      string
		keys      []string
		month     feed.Month
		shown     int
		selected  string
		bottom    string
		notShown  []string
		wantShown []string
	}{
		{name: "[ first selects the highlighted headline's month", keys: []string{"["}, month: "2022-11", shown: 5,
			notShown: []string{"oktober 2022"}, wantShown: []string{"november 2022", "5 av 18"}},
		{name: "] first does too", keys: []string{"j", "]"}, month: "2022-11", shown: 5, selected: secondTitle},
		{name: "[ [ steps to the older month", keys: []string{"[", "["}, month: "2022-10", shown: 5,
			notShown: []string{"november 2022"}, wantShown: []string{"oktober 2022", "24 okt"}},
		{name: "[ [ ] steps back to the newer", keys: []string{"[", "[", "]"}, month: "2022-11", shown: 5},
		{name: "the undated item is in no month", keys: []string{"[", "[", "[", "[", "["}, month: "2022-07", shown: 1,
			notShown: []string{"Sommarlovskortet"}, wantShown: []string{"Värmebölja"}},
		{name: "the undated are a group of their own, last", keys: []string{"G", "["}, month: feed.Undated, shown: 1,
			wantShown: []string{"utan datum", "Sommarlovskortet"}, notShown: []string{"juni 2022"}},
		{name: "the oldest month is newer than the undated", keys: []string{"G", "[", "]"}, month: "2022-06", shown: 3},
		{name: "nothing is older than the undated", keys: []string{"G", "[", "["}, month: feed.Undated, shown: 1,
			bottom: "ingen äldre månad har nyheter"},
		{name: "no month is newer than the newest", keys: []string{"[", "]"}, month: "2022-11", shown: 5,
			bottom: "ingen nyare månad har nyheter"},
		{name: "esc clears the month", keys: []string{"[", "esc"}, month: "", shown: 18},
		{name: "backspace clears it too", keys: []string{"[", "[", "backspace"}, month: "", shown: 18},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, _ := newHarness(t, 100, 40)
			h.press(tt.keys...)
			if h.m.list.month != tt.month || h.m.list.shown != tt.shown {
				t.Errorf("month %q with %d shown, want %q with %d", h.m.list.month, h.m.list.shown, tt.month, tt.shown)
			}
			if tt.selected != "" && h.selectedTitle() != tt.selected {
				t.Errorf("selected %q, want %q", h.selectedTitle(), tt.selected)
			}
			if tt.bottom != "" && !strings.Contains(h.bottomLine(), tt.bottom) {
				t.Errorf("bottom line %q, want %q", h.bottomLine(), tt.bottom)
			}
			h.mustShow(tt.wantShown...)
			h.mustNotShow(tt.notShown...)
			if tt.month != "" && !strings.Contains(h.statusBar(), monthHeading(tt.month, swedish)) {
				t.Errorf("status bar %q does not name the month", h.statusBar())
			}
		})
	}
}

func TestMonthPicker(t *testing.T) {
	h, _ := newHarness(t, 100, 40)
	h.press("m")
	h.mustShow("Månader", "november 2022", "juni 2022")
	lines := h.lines()
	// November and October have 5 items each, the most: full bars. August
	// has one, a fifth of the length.
	nov := lines[slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "november 2022") })]
	aug := lines[slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, "augusti 2022") })]
	if !strings.HasPrefix(strings.TrimSpace(nov), "› november 2022") || !strings.HasSuffix(nov, " 5  5 olästa") {
		t.Errorf("november row %q: want the cursor and count 5", nov)
	}
	if strings.Count(nov, "█") != 5*strings.Count(aug, "█") || strings.Count(aug, "█") == 0 {
		t.Errorf("bars not proportional:\n%s\n%s", nov, aug)
	}

	h.press("j", "j", "enter")
	if h.m.overlay != overlayNone || h.m.list.month != "2022-09" {
		t.Fatalf("after picking: overlay %v month %q", h.m.overlay, h.m.list.month)
	}
	h.mustShow("september 2022", "2 av 18")

	// m again opens on the filtered month; esc closes without a change.
	h.press("m")
	if got := h.m.months.months[h.m.months.cursor].Month; got != "2022-09" {
		t.Errorf("picker opened on %s, want the filtered month", got)
	}
	h.press("k", "esc")
	if h.m.overlay != overlayNone || h.m.list.month != "2022-09" {
		t.Errorf("esc in the picker: overlay %v month %q", h.m.overlay, h.m.list.month)
	}
	// m closes it too.
	h.press("m", "m")
	if h.m.overlay != overlayNone {
		t.Error("m did not close the picker")
	}
}

func TestTextFilter(t *testing.T) {
	h, _ := newHarness(t, 120, 40)
	h.press("/")
	h.press("ÅTTA") // case folds for å as for ASCII
	// Full text: two more articles have the word in their text.
	h.mustShow("Åtta nya ambulanser", "3 av 18", "filter: ÅTTA")
	h.mustNotShow(newestTitle[:20])

	// q is text while typing, not quit.
	h.press("backspace", "backspace", "backspace", "q")
	if h.quit || h.m.list.query != "Åq" {
		t.Fatalf("typing q: quit=%v query=%q", h.quit, h.m.list.query)
	}
	h.press("backspace", "esc") // esc while typing restores the filter before
	if h.m.list.query != "" || h.m.prompt.active() {
		t.Fatalf("esc while typing: query %q, still typing %v", h.m.list.query, h.m.prompt.active())
	}

	// The text filter combines with the month filter.
	h.press("[", "[", "/", "yrken", "enter")
	if h.m.list.month != "2022-10" || h.m.list.shown != 1 {
		t.Fatalf("month %q and text: %d shown, want 1 (Vilka yrken)", h.m.list.month, h.m.list.shown)
	}
	h.mustShow("Vilka yrken behövs i framtiden?", `"yrken"`)
	h.mustNotShow("Ny satsning ska locka fler till industrins yrken") // September
	h.press("esc")
	if h.m.list.month != "" || h.m.list.query != "" {
		t.Errorf("esc in the list left month %q query %q", h.m.list.month, h.m.list.query)
	}

	h.press("/", "zzz", "enter")
	h.mustShow("Inga rubriker matchar", "0 av 18")
}

func TestEnterOpensTheArticleWithRelatedNews(t *testing.T) {
	h, _ := newHarness(t, 100, 40)
	h.press("enter")
	if h.m.focus != focusReader || !h.m.reader.open() {
		t.Fatal("enter did not open the reader")
	}
	h.mustShow("Regionerna och Linnéuniversitetet", "22 november 2022", "http://demo.nyss.localhost/nyheter/2022-11-22",
		"Under måndagseftermiddagen signerades")
	h.press("G")
	h.mustShow("Relaterade nyheter", "14 november 2022  Delfin från Alvesta", "14 juni 2022")

	// Opening marks the headline read, in the list and in the cache.
	if it, _ := h.m.cfg.engine.Store.Item(1); !it.Read {
		t.Error("the opened item is not marked read in the cache")
	}
	h.press("esc")
	if h.m.focus != focusList {
		t.Fatal("esc did not go back to the list")
	}
	if row := h.lines()[1]; strings.HasPrefix(row, " •") {
		t.Errorf("the read row is still marked unread: %q", row)
	}
}

func TestReaderScrollKeys(t *testing.T) {
	h, _ := newHarness(t, 80, 20)
	h.press("enter")
	vp := func() int { return h.m.reader.vp.YOffset() }
	steps := []struct {
		key  string
		want func(before int) bool
	}{
		{"j", func(b int) bool { return vp() == b+1 }},
		{"down", func(b int) bool { return vp() == b+1 }},
		{"k", func(b int) bool { return vp() == b-1 }},
		{"up", func(b int) bool { return vp() == b-1 }},
		{"pgdown", func(b int) bool { return vp() == b+18 }},
		{"pgup", func(b int) bool { return vp() == b-18 }},
		{"space", func(b int) bool { return vp() == b+18 }},
		{"pgup", func(b int) bool { return vp() == b-18 }},
		{"G", func(int) bool { return h.m.reader.vp.AtBottom() }},
		{"g", func(int) bool { return vp() == 0 }},
		{"end", func(int) bool { return h.m.reader.vp.AtBottom() }},
		{"home", func(int) bool { return vp() == 0 }},
	}
	for _, s := range steps {
		before := vp()
		h.press(s.key)
		if !s.want(before) {
			t.Errorf("%s: offset %d → %d", s.key, before, vp())
		}
	}
}

func TestTabEnterAndBackThroughRelatedArticles(t *testing.T) {
	h, _ := newHarness(t, 100, 30)
	h.press("enter", "tab")
	if !h.m.reader.focusRelated {
		t.Fatal("tab did not focus the related list")
	}
	// tab scrolls the related list into view with the cursor on the first.
	h.mustShow("Relaterade nyheter", "› 14 november 2022  Delfin från Alvesta")
	h.press("j")
	h.mustShow("› 4 november 2022   Digitala veckan")

	h.press("enter")
	if got := h.m.reader.page().reading.Item.Title; got != "Digitala veckan ska öka intresset för tech-branschen" {
		t.Fatalf("enter on a related entry opened %q", got)
	}
	h.mustShow("Digitala veckan ska öka intresset för tech-branschen", "4 november 2022")
	if h.m.reader.focusRelated {
		t.Error("a new article should open with the focus on its text")
	}

	// back returns to the previous article, where the reader was in it.
	h.press("backspace")
	if got := h.m.reader.page().reading.Item.Title; got != newestTitle {
		t.Fatalf("back went to %q", got)
	}
	h.mustShow("› 4 november 2022   Digitala veckan")

	// tab again: back to the text.
	h.press("tab")
	if h.m.reader.focusRelated {
		t.Error("tab did not return the focus to the text")
	}
	// esc: then to the list.
	h.press("esc")
	if h.m.focus != focusList || h.m.reader.open() {
		t.Error("esc from the first article did not return to the list")
	}
}

func TestSearchInsideTheArticle(t *testing.T) {
	h, _ := newHarness(t, 80, 20)
	h.press("enter", "/", "AVTAL")
	if h.m.prompt.target != promptSearch {
		t.Fatal("/ in the reader did not start a search")
	}
	h.mustShow("sök: AVTAL")
	h.press("enter")
	n := len(h.m.reader.matches)
	if n < 3 {
		t.Fatalf("%d matches of avtal, want several", n)
	}
	if !strings.Contains(h.bottomLine(), "träff 1 av") {
		t.Errorf("bottom line %q", h.bottomLine())
	}
	h.press("n", "n")
	if h.m.reader.current != 2 {
		t.Errorf("n n: match %d, want 2", h.m.reader.current)
	}
	h.press("N")
	if h.m.reader.current != 1 {
		t.Errorf("N: match %d, want 1", h.m.reader.current)
	}
	// The match is highlighted on the screen: reverse video.
	if !strings.Contains(h.m.View().Content, "\x1b[1;7m") && !strings.Contains(h.m.View().Content, "\x1b[7;1m") {
		t.Error("no highlighted match on the screen")
	}
	// N before the first goes round to the last.
	h.press("N", "N")
	if h.m.reader.current != n-1 {
		t.Errorf("N wraps to %d, want %d", h.m.reader.current, n-1)
	}
	// esc first clears the search, then goes back.
	h.press("esc")
	if h.m.reader.query != "" || !h.m.reader.open() {
		t.Error("esc did not clear the search first")
	}
	h.press("/", "ingenting-sådant", "enter")
	if !strings.Contains(h.bottomLine(), `inga träffar för "ingenting-sådant"`) {
		t.Errorf("bottom line %q", h.bottomLine())
	}
}

func TestLinkNumbersAndOOpenTheBrowser(t *testing.T) {
	h, b := newHarness(t, 100, 30)
	h.press("o") // in the list: the highlighted headline
	h.press("enter", "G")
	h.mustShow("Läs mer om Linnéuniversitetet [2]", "Länkar", "[2] https://lnu.se/")
	h.press("2")
	h.press("o")
	h.press("9")
	want := []string{newestURL, "https://lnu.se/", newestURL}
	if got := b.opened(); !slices.Equal(got, want) {
		t.Errorf("opened %q, want %q", got, want)
	}
	if !strings.Contains(h.bottomLine(), "det finns ingen länk 9") {
		t.Errorf("bottom line %q", h.bottomLine())
	}
}

func TestLinkNumberWaitsForASecondDigit(t *testing.T) {
	h, b := newHarness(t, 100, 30)
	h.press("enter")
	// Give the article twelve links: 1 could be the start of 10, 11 or 12.
	p := h.m.reader.page()
	a := *p.reading.Article
	a.Links = make([]string, 12)
	for i := range a.Links {
		a.Links[i] = "https://example.org/" + string(rune('a'+i))
	}
	p.reading.Article = &a

	h.press("1")
	if len(b.opened()) != 0 || !strings.Contains(h.bottomLine(), "länk 1 …") {
		t.Fatalf("1 of 12 opened at once (%q), or says nothing: %q", b.opened(), h.bottomLine())
	}
	h.press("2")
	h.press("1")
	h.send(linkTimeoutMsg{h.m.reader.linkSeq}) // the wait runs out
	h.press("1", "enter")                      // enter does not wait
	want := []string{"https://example.org/l", "https://example.org/a", "https://example.org/a"}
	if got := b.opened(); !slices.Equal(got, want) {
		t.Errorf("opened %q, want %q", got, want)
	}
}

func TestRelatedNotInTheCacheOpensInTheBrowser(t *testing.T) {
	st := fixtureStore(t)
	a, _, err := st.Article(1)
	if err != nil {
		t.Fatal(err)
	}
	a.Related = []store.Related{{URL: "https://example.org/other", Title: "Elsewhere"}}
	if err := st.SaveArticle(a); err != nil {
		t.Fatal(err)
	}
	cfg, b := testConfig(t, st)
	h := startHarness(t, cfg, 100, 30)
	h.press("enter", "tab")
	h.mustShow("Elsewhere ↗")
	h.press("enter")
	if got := b.opened(); !slices.Equal(got, []string{"https://example.org/other"}) {
		t.Errorf("opened %q", got)
	}
	if !h.m.reader.shows(1) {
		t.Error("the reader left the article")
	}
}

func TestHelpIsGeneratedFromTheKeymap(t *testing.T) {
	h, _ := newHarness(t, 120, 40)
	h.press("?")
	h.mustShow("Tangenter")
	for _, b := range h.m.keys.FullHelp() {
		for _, k := range b {
			h.mustShow(k.Help().Key, k.Help().Desc)
		}
	}
	for i, k := range []string{"q", "esc", "?", "x"} {
		if i > 0 {
			h.press("?")
		}
		h.press(k)
		if h.m.overlay != overlayNone || h.selectedTitle() != newestTitle || h.quit {
			t.Errorf("%s after ? should only close the help", k)
		}
	}
}

func TestQuitFromAnywhereButTyping(t *testing.T) {
	for _, keys := range [][]string{{"q"}, {"enter", "q"}, {"m", "q"}, {"enter", "tab", "q"}, {"/", "esc", "q"}, {"/", "ctrl+c"}} {
		h, _ := newHarness(t, 100, 30)
		h.press(keys...)
		if !h.quit {
			t.Errorf("%v did not quit", keys)
		}
	}
	h, _ := newHarness(t, 100, 30)
	h.press("enter", "/", "q")
	if h.quit {
		t.Error("q while searching quit")
	}
}

func TestRefresh(t *testing.T) {
	t.Run("offline", func(t *testing.T) {
		h, _ := newHarness(t, 100, 30)
		h.press("r")
		if !strings.Contains(h.bottomLine(), "offline: ingen uppdatering") || h.m.sync.running {
			t.Errorf("r offline: %q", h.bottomLine())
		}
	})
	t.Run("online, feed unchanged", func(t *testing.T) {
		cfg, _ := testConfig(t, fixtureStore(t))
		cfg.engine.Client = fixtureClient()
		h := startHarness(t, cfg, 100, 30) // syncs at start
		if h.m.sync.running || h.m.sync.report == nil || !h.m.sync.report.NotModified {
			t.Fatalf("start-up sync: syncing=%v report=%+v err=%v", h.m.sync.running, h.m.sync.report, h.m.sync.err)
		}
		// Unchanged since the sync that filled the cache: it says when it
		// asked.
		if !strings.Contains(h.statusBar(), "oförändrad, kontrollerad 09:00") {
			t.Errorf("status bar %q", h.statusBar())
		}
		h.press("r")
		if h.m.sync.err != nil || h.m.sync.report == nil {
			t.Errorf("r: %v", h.m.sync.err)
		}
	})
}

func TestBackgroundSyncFillsAnEmptyCache(t *testing.T) {
	st, err := store.Open(t.TempDir() + "/empty.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cfg, _ := testConfig(t, st)
	cfg.engine.Client = fixtureClient()
	m := newModel(context.Background(), cfg)
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m = next.(model)
	next, _ = m.Update(loadedMsg{})
	m = next.(model)
	// Before the sync ends: a screen that says what is happening.
	if s := ansiStrip(m); !strings.Contains(s, "Hämtar nyheterna från "+fixtureSource) {
		t.Fatalf("empty cache while syncing:\n%s", s)
	}
	h := &harness{t: t, m: m}
	h.run(m.syncCmd())
	h.mustShow("november 2022", "18 av 18", "hämtad 09:00")
}

func ansiStrip(m model) string { return (&harness{m: m}).screen() }

func TestEmptyCacheOffline(t *testing.T) {
	st, err := store.Open(t.TempDir() + "/empty.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cfg, _ := testConfig(t, st)
	h := startHarness(t, cfg, 100, 30)
	h.mustShow("Inget är sparat för "+fixtureSource+" ännu, och nyss är offline.", "offline — tom cache")
}

func TestUncachedArticle(t *testing.T) {
	// Drop the newest article from the cache, keeping its item.
	st := fixtureStore(t)
	it, _ := st.Item(1)
	if _, err := st.SyncItems(it.SourceID, []store.Item{{Key: "new", URL: newestURL + "?v=2", Title: "Ny rubrik", Summary: "Flödets sammanfattning.", Published: testNow.Add(-time.Hour)}}); err != nil {
		t.Fatal(err)
	}

	t.Run("offline shows the summary and says why", func(t *testing.T) {
		cfg, _ := testConfig(t, st)
		h := startHarness(t, cfg, 100, 30)
		h.press("enter")
		h.mustShow("Ny rubrik", "Flödets sammanfattning.", "offline: artikeln är inte sparad, det här är flödets sammanfattning")
	})
	t.Run("online fetches it", func(t *testing.T) {
		cfg, _ := testConfig(t, st)
		cfg.engine.Client = fixtureClient()
		h := startHarness(t, cfg, 100, 30)
		h.press("enter")
		h.mustShow("Under måndagseftermiddagen signerades")
	})
}

func TestArticleFetchShowsASpinner(t *testing.T) {
	h, _ := newHarness(t, 100, 30)
	h.m.cfg.engine.Client = fixtureClient()
	waiting := feed.Item{Headline: feed.Headline{ID: 99, Title: "Väntande"}, Summary: "Kort."}
	h.m.reader.push(page{reading: feed.Reading{Item: waiting, Pending: true}, loading: true})
	h.m.focus, h.m.fetching = focusReader, 99
	h.mustShow("Väntande", "hämtar artikeln …")
	// A failed fetch falls back to the summary with the reason.
	h.send(articleMsg{id: 99, reading: feed.Reading{Item: waiting, Note: feed.NoteFailed, Err: errors.New("503 Service Unavailable")}})
	h.mustShow("Kort.", "artikeln kunde inte hämtas (503 Service Unavailable)")
	if h.m.fetching != 0 {
		t.Error("the spinner keeps turning")
	}
}

func TestNewItemsKeepTheCursorWhereItWas(t *testing.T) {
	h, _ := newHarness(t, 100, 12) // a list longer than the screen
	h.press("G", "g", "j", "j")
	before := h.lines()
	row := 3 // november 2022, two rows, then the highlighted one
	items := append([]feed.Headline{{ID: 1000, Title: "Alldeles ny", Month: "2022-11", Published: testNow}}, h.m.list.items.all()...)
	h.send(loadedMsg{src: h.m.src, found: true, items: items})
	if got := h.selectedTitle(); got != "Högstadieelever får ”hemligt” uppdrag och lär sig bygga nätverk" {
		t.Fatalf("the cursor moved to %q", got)
	}
	if h.lines()[row] != before[row] {
		t.Errorf("the highlighted row moved on the screen: %q, was %q", h.lines()[row], before[row])
	}
	h.mustShow("19 av 19")
}

func TestSideBySideAndOneAtATime(t *testing.T) {
	wide, _ := newHarness(t, 140, 30)
	wide.mustShow("│", "enter: läs hela artikeln") // the preview beside the list
	wide.press("enter")
	wide.mustShow("igår", "Under måndagseftermiddagen") // both at once
	narrow, _ := newHarness(t, 80, 30)
	narrow.press("enter")
	narrow.mustNotShow("igår  ")
	narrow.mustShow("Under måndagseftermiddagen")

	// A resize re-wraps the article; the rendering is cached per width.
	narrow.send(tea.WindowSizeMsg{Width: 60, Height: 30})
	for _, l := range narrow.lines() {
		if w := len([]rune(l)); w > 60 {
			t.Fatalf("line wider than 60 after resize: %q", l)
		}
	}
	narrow.send(tea.WindowSizeMsg{Width: 80, Height: 30})
	if len(narrow.m.reader.renders.out) != 2 {
		t.Errorf("%d renderings cached, want one per width", len(narrow.m.reader.renders.out))
	}
}

func TestMouse(t *testing.T) {
	h, _ := newHarness(t, 100, 20)
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown, X: 5, Y: 5})
	if h.selectedTitle() != "Digitala veckan ska öka intresset för tech-branschen" { // three down
		t.Errorf("wheel moved to %q", h.selectedTitle())
	}
	// Row 2 of the screen is the second headline of November.
	h.send(tea.MouseClickMsg{Button: tea.MouseLeft, X: 10, Y: 2})
	if h.selectedTitle() != secondTitle || h.m.reader.open() {
		t.Fatalf("click selected %q", h.selectedTitle())
	}
	h.send(tea.MouseClickMsg{Button: tea.MouseLeft, X: 10, Y: 2}) // again: open
	if !h.m.reader.open() {
		t.Fatal("a second click did not open the headline")
	}
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown, X: 10, Y: 5})
	if h.m.reader.vp.YOffset() != 3 {
		t.Errorf("wheel in the reader scrolled to %d", h.m.reader.vp.YOffset())
	}
}

func TestBackgroundColour(t *testing.T) {
	h, _ := newHarness(t, 100, 30)
	h.press("enter")
	if h.m.st.glamour != styleDark {
		t.Fatalf("default style %q", h.m.st.glamour)
	}
	h.send(tea.BackgroundColorMsg{Color: lightGrey{}})
	if h.m.isDark || h.m.st.glamour != styleLight {
		t.Error("a light background did not switch the styles")
	}
	h.mustShow("Under måndagseftermiddagen") // re-rendered in the light style

	cfg, _ := testConfig(t, fixtureStore(t))
	cfg.plain = true
	plain := startHarness(t, cfg, 100, 30)
	if plain.m.st.glamour != stylePlain {
		t.Error("NO_COLOR did not choose the plain style")
	}
}

type lightGrey struct{}

func (lightGrey) RGBA() (r, g, b, a uint32) { return 0xeeee, 0xeeee, 0xeeee, 0xffff }

func TestEnglish(t *testing.T) {
	cfg, _ := testConfig(t, fixtureStore(t))
	cfg.text = textFor("en_GB.UTF-8")
	h := startHarness(t, cfg, 100, 30)
	h.mustShow("18 of 18", "all months", "offline — cache from 45 minutes ago", "enter open", "igår") // dates stay Swedish
	if textFor("sv_SE.UTF-8").shown != swedish.shown || textFor("").shown != english.shown {
		t.Error("textFor picks the wrong language")
	}
}

func TestOrigin(t *testing.T) {
	t.Run("fetched", func(t *testing.T) {
		h, _ := newHarness(t, 120, 30)
		h.m.cfg.engine.Client = fixtureClient()
		h.m.src.CheckedAt = testNow.Add(-10 * time.Minute)
		h.m.sync.report = &feed.Report{}
		if got := h.m.origin(); got != "hämtad 08:50" {
			t.Errorf("origin %q", got)
		}
	})
	t.Run("offline, days old", func(t *testing.T) {
		h, _ := newHarness(t, 120, 30)
		h.m.src.CheckedAt = testNow.Add(-50 * time.Hour)
		if got := h.m.origin(); got != "offline — cache från 2 dagar sedan" {
			t.Errorf("origin %q", got)
		}
	})
	t.Run("syncing", func(t *testing.T) {
		h, _ := newHarness(t, 120, 30)
		h.m.sync.running = true
		h.m.sync.progress.set(feed.Progress{Stage: feed.StageArticles, Done: 12, Total: 40})
		if got := h.m.origin(); !strings.HasSuffix(got, "hämtar 12/40") {
			t.Errorf("origin %q", got)
		}
	})
}

func TestTerminalControlInTitlesIsNotDrawn(t *testing.T) {
	st := fixtureStore(t)
	it, _ := st.Item(2)
	if _, err := st.SyncItems(it.SourceID, []store.Item{{Key: it.Key, URL: it.URL, Title: "Ond\x1b]0;pwned\x07 rubrik\x1b[2J", Published: it.Published}}); err != nil {
		t.Fatal(err)
	}
	cfg, _ := testConfig(t, st)
	h := startHarness(t, cfg, 100, 30)
	content := h.m.View().Content
	if strings.Contains(content, "pwned\x07") || strings.Contains(content, "\x1b[2J") {
		t.Error("a control sequence from the feed reached the screen")
	}
}

func TestAnyTerminalSize(t *testing.T) {
	for _, size := range [][2]int{{1, 1}, {10, 3}, {30, 5}, {119, 20}, {120, 20}, {250, 80}} {
		h, _ := newHarness(t, size[0], size[1])
		for _, keys := range [][]string{{}, {"enter"}, {"enter", "tab", "j"}, {"m"}, {"?"}, {"/", "x"}} {
			h.press(keys...)
			lines := strings.Split(h.screen(), "\n")
			if len(lines) != size[1] && size[1] > 2 {
				t.Errorf("%v after %v: %d lines, want %d", size, keys, len(lines), size[1])
			}
			h.press("esc", "esc")
		}
	}
}

func TestScrollKeysWhileTheArticleRendersAreKept(t *testing.T) {
	h, _ := newHarness(t, 80, 20)
	// enter, then keys before the article has been read and rendered.
	next, open := h.m.Update(keyMsgs("enter")[0])
	h.m = next.(model)
	for _, k := range []string{"j", "j", "pgdown", "k"} {
		next, _ = h.m.Update(keyMsgs(k)[0])
		h.m = next.(model)
	}
	h.run(open)
	if got, want := h.m.reader.vp.YOffset(), 1+18; got != want {
		t.Errorf("offset %d after j j pgdown k during the render, want %d", got, want)
	}
}

// TestAMessageNothingReadsDrawsNoNewFrame checks that messages update has
// no case for, such as Bubble Tea's own, leave the frame as it was drawn,
// and that any other message draws anew.
func TestAMessageNothingReadsDrawsNoNewFrame(t *testing.T) {
	h, _ := newHarness(t, 120, 40)
	before := h.m.View().Content
	drawn := h.m.state
	for _, msg := range []tea.Msg{tea.EnvMsg{"TERM=xterm"}, tea.ColorProfileMsg{}, tea.ModeReportMsg{}, tea.FocusMsg{}} {
		h.send(msg)
		if h.m.state != drawn {
			t.Errorf("%T gave the model a new state", msg)
		}
	}
	if h.m.View().Content != before {
		t.Error("the frame changed")
	}

	older := h.m
	h.press("j")
	if h.m.state == drawn || h.m.View().Content == before {
		t.Fatal("a key drew no new frame")
	}
	if older.View().Content != before {
		t.Error("the model before the key shows the frame after it")
	}
}

// TestTheFirstFrameShowsTheFirstSummary checks that the first frame's read
// brings the highlighted headline's summary along: the preview beside the
// list is whole on the first frame, not a read and a frame later.
func TestTheFirstFrameShowsTheFirstSummary(t *testing.T) {
	cfg, _ := testConfig(t, fixtureStore(t))
	m := tea.Model(newModel(context.Background(), cfg))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 140, Height: 40})
	m, _ = m.Update(firstLoadCmd(cfg.engine, cfg.set())())
	detail := m.(model).detail
	words := strings.Fields(detail.Summary)
	if detail.Title != newestTitle || len(words) < 3 {
		t.Fatalf("the first frame's item is %q with the summary %q", detail.Title, detail.Summary)
	}
	if screen := ansi.Strip(m.View().Content); !strings.Contains(screen, strings.Join(words[:3], " ")) {
		t.Errorf("the first frame lacks the summary %q:\n%s", detail.Summary, screen)
	}
}

// TestTheRestOfTheListWaitsForAnArticleOpenedAtStart checks that the whole
// list is read after an article opened in the first moments shows, and
// that the wait is bounded.
func TestTheRestOfTheListWaitsForAnArticleOpenedAtStart(t *testing.T) {
	cfg, _ := testConfig(t, fixtureStore(t))
	cfg.frameDelay = time.Millisecond
	m := newModel(context.Background(), cfg)
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m = next.(model)
	a := longArticle(20 << 10)
	it := feed.Item{Headline: feed.Headline{ID: 1, Title: "En lång artikel", Published: testNow}}
	m.focus = focusReader
	m.reader.read(it)
	m.reader.setReading(feed.Reading{Item: it, Article: &a}) // its rendering not come yet

	_, cmd := m.Update(readRestMsg{})
	if msg, ok := runWithin(cmd, time.Second); !ok || msg != (readRestMsg{waits: 1}) {
		t.Fatalf("while the article renders: %#v, want to wait a frame more", msg)
	}
	_, cmd = m.Update(readRestMsg{waits: maxRestWaits})
	if msg, ok := runWithin(cmd, time.Second); !ok {
		t.Fatal("no answer")
	} else if loaded, isLoad := msg.(loadedMsg); !isLoad || loaded.partial || len(loaded.items) == 0 {
		t.Fatalf("after %d frames: %#v, want the whole list", maxRestWaits, msg)
	}
}

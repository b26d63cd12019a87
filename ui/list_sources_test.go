package ui

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"nyss/feed/store"
)

// lessebo is a second source beside the fixture's: a municipality's news.
const lessebo = "https://www.lessebo.se/nyheter/"

// togetherConfig is the fixture cache with a second source synced into it,
// read together as the list of two.
func togetherConfig(t *testing.T) config {
	t.Helper()
	st := fixtureStore(t)
	src := store.Source{URL: lessebo, FeedURL: lessebo + "rss", Kind: "feed", Title: "Lessebo kommun", CheckedAt: syncedAt, ChangedAt: syncedAt}
	if err := st.SaveSource(&src); err != nil {
		t.Fatal(err)
	}
	day := func(m time.Month, d int) time.Time { return time.Date(2022, m, d, 10, 0, 0, 0, stockholm) }
	items := []store.Item{
		{Key: "1", URL: lessebo + "1.html", Title: "Ny förskola invigd i Kosta", Summary: "Förskolan har plats för 80 barn.", Published: day(11, 16)},
		{Key: "2", URL: lessebo + "2.html", Title: "Glasriket lockar fler besökare", Summary: "Sommarens siffror.", Published: day(8, 30)},
		{Key: "3", URL: lessebo + "3.html", Title: "Vattenläcka i Hovmantorp åtgärdad", Summary: "Vattnet är tillbaka.", Published: day(6, 2)},
	}
	if _, err := st.SyncItems(src.ID, items); err != nil {
		t.Fatal(err)
	}
	cfg, _ := testConfig(t, st)
	cfg.together = []string{fixtureSource, lessebo}
	cfg.names = map[string]string{fixtureSource: "Region Kronoberg", lessebo: "Lessebo"}
	return cfg
}

// With more than one source, the reader opens on all of them: one
// timeline, newest first, under the month headings, each headline tagged
// with its source.
func TestSourcesReadTogether(t *testing.T) {
	h := startHarness(t, togetherConfig(t), 100, 40)
	h.mustShow("Alla källor · 21 av 21")
	lines := h.lines()
	at := func(title string) int {
		for i, l := range lines {
			if strings.Contains(l, title) {
				return i
			}
		}
		t.Fatalf("no %q:\n%s", title, h.screen())
		return -1
	}
	// 16 November sits between the fixture's 22 and 14 November.
	if !(at("Regionerna och Linnéuniversitetet") < at("Ny förskola invigd i Kosta") && at("Ny förskola invigd i Kosta") < at("Delfin från Alvesta")) {
		t.Errorf("not one timeline:\n%s", h.screen())
	}
	if l := lines[at("Ny förskola invigd i Kosta")]; !strings.Contains(l, "Lessebo       Ny förskola") {
		t.Errorf("the row %q has no Lessebo tag", l)
	}
	if l := lines[at("Delfin från Alvesta")]; !strings.Contains(l, "Region Kron…  Delfin") {
		t.Errorf("the row %q has no Region Kronoberg tag", l)
	}

	// Month steps, the text filter and full-text search work across them.
	h.press("g", "]", "[") // October
	h.press("[", "[")      // August
	h.mustShow("Glasriket lockar fler besökare", "Åtta nya ambulanser")
	h.press("esc", "/", "vattnet", "enter")
	h.mustShow("Vattenläcka i Hovmantorp åtgärdad")

	// English names the set so too.
	cfg := togetherConfig(t)
	cfg.text = english
	h = startHarness(t, cfg, 100, 40)
	h.mustShow("All sources · 21 of 21")
}

func TestGoldenTogether(t *testing.T) {
	h := startHarness(t, togetherConfig(t), 100, 30)
	golden.RequireEqual(t, []byte(ansi.Strip(h.m.View().Content)))
}

// s shows the sources with unread and total; enter narrows the list to
// one, esc goes back to all of them.
func TestTheSourcesViewNarrowsTheList(t *testing.T) {
	h := startHarness(t, togetherConfig(t), 100, 40)
	h.press("s")
	h.mustShow("Källor", "Alla källor", "21 olästa av 21", "Region Kronoberg", "18 olästa av 18", "Lessebo", "3 olästa av 3")
	h.press("j", "j", "enter")
	h.mustShow("Lessebo · 3 av 21", "Ny förskola invigd i Kosta")
	h.mustNotShow("Delfin från Alvesta")
	h.press("A", "j")
	if got := h.m.list.unreadShown(); got != 0 {
		t.Errorf("A in Lessebo left %d unread", got)
	}
	h.press("esc")
	h.mustShow("Alla källor · 21 av 21", "Delfin från Alvesta")
	if !strings.Contains(h.statusBar(), "18 olästa") {
		t.Errorf("A marked beyond Lessebo: %q", h.statusBar())
	}
	// With one source there is no view to show: it says so.
	h2, _ := newHarness(t, 100, 30)
	h2.press("s")
	if !strings.Contains(h2.bottomLine(), "bara en källa") {
		t.Errorf("s with one source says %q", h2.bottomLine())
	}
}

// Tags fit the list: cut off in a wide one, whole words in a narrow one,
// told apart when their first words are the same.
func TestSourceTagsFitTheList(t *testing.T) {
	names := map[string]string{
		"https://a.se/": "Region Kronoberg",
		"https://b.se/": "Region Skåne",
		"https://c.se/": "Glasbo kommun",
		"https://d.se/": "Lessebo",
		"https://e.se/": "Uppvidingekommunen",
	}
	urls := slices.Sorted(maps.Keys(names))
	tests := []struct {
		width int
		want  []string
	}{
		{120, []string{"Region Kron…", "Region Skåne", "Glasbo komm…", "Lessebo", "Uppvidingek…"}},
		{80, []string{"Kronobe…", "Skåne", "Glasbo", "Lessebo", "Uppvidi…"}},
	}
	for _, tt := range tests {
		tags := newSourceTags(urls, names).fit(tt.width)
		var got []string
		for _, url := range urls {
			tag, _ := tags.of(url)
			got = append(got, tag)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("at %d columns the tags are %q, want %q", tt.width, got, tt.want)
		}
	}
}

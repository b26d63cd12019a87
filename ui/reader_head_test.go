package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nyss/feed"
)

// A long article's first screens are rendered alone and show while the
// whole renders: the same lines as the top of the whole, without the
// related news, and space at their end does not step to the next article.
func TestALongArticleShowsItsHeadFirst(t *testing.T) {
	a := longArticle(20 << 10)
	it := feed.Item{Headline: feed.Headline{ID: 1, Title: "En lång artikel", Published: testNow}, URL: "https://example.org/lang.html"}
	m := newModel(context.Background(), bigConfig(fixtureStore(t)))
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m = next.(model)
	m.focus = focusReader
	m.reader.read(it)
	cmd := m.reader.setReading(feed.Reading{Item: it, Article: &a})

	var head, whole renderedMsg
	for _, c := range cmd().(tea.BatchMsg) {
		msg := c().(renderedMsg)
		switch msg.key {
		case m.reader.wantHead:
			head = msg
		case m.reader.wantKey:
			whole = msg
		}
	}
	if head.out == "" || whole.out == "" {
		t.Fatal("a 20 KB article was not rendered as a head and a whole")
	}

	m.reader.keepRendered(head)
	shown := ansi.Strip(m.reader.view(""))
	if !m.reader.partial || !strings.Contains(shown, "Avsnitt 1 om vården") {
		t.Fatalf("the head does not show:\n%s", shown)
	}
	if !strings.HasPrefix(ansi.Strip(whole.out), strings.TrimRight(ansi.Strip(head.out), "\n ")) {
		t.Error("the head's lines are not the top of the whole")
	}
	m.reader.vp.GotoBottom()
	if m.reader.atEnd() || strings.Contains(strings.Join(m.reader.lines, "\n"), "Relaterad nyhet 1") {
		t.Error("the head ends the article: related news shown, or space would step on")
	}

	m.reader.vp.SetYOffset(5) // read on while the whole renders
	m.reader.keepRendered(whole)
	if m.reader.partial || !strings.Contains(strings.Join(m.reader.lines, "\n"), "Relaterad nyhet 1") {
		t.Error("the whole did not take the head's place")
	}
	if got := m.reader.vp.YOffset(); got != 5 {
		t.Errorf("the whole moved the page to line %d, want 5 where it was read", got)
	}
}

// Where an article's head may end: between paragraphs or before a
// heading, never inside a list, a quote or code, and only in a long one.
func TestArticleHeadCutsBetweenBlocks(t *testing.T) {
	para := strings.Repeat("Region Kronoberg satsar på vården i länet. ", 70) // ~3 KB
	tests := []struct {
		name string
		md   string
		want string // what the head ends with; "" for none
	}{
		{"short", "# Rubrik\n\n" + para, ""},
		{"paragraphs", "# Rubrik\n\n" + para + "\n\nAndra stycket.\n\n" + para + para, para + "\n"},
		{"not in a list", "# Rubrik\n\n" + para + "\n\n- ett\n\n- två\n\nEfter listan.\n\n" + para + para, "Efter listan.\n"},
		{"not in code", "# Rubrik\n\n" + para + "\n\n```\nkod\n\nmer kod\n```\n\nEfter koden.\n\n" + para + para, "mer kod\n```\n"},
	}
	for _, tt := range tests {
		head, ok := articleHead(tt.md)
		if ok != (tt.want != "") || ok && !strings.HasSuffix(head, tt.want) {
			t.Errorf("%s: the head ends %q (%v), want …%q", tt.name, head[max(0, len(head)-30):], ok, tt.want)
		}
	}
}

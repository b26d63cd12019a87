package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"nyss/feed"

	"github.com/charmbracelet/x/ansi"
)

func TestArticleMarkdown(t *testing.T) {
	it := feed.Item{Headline: feed.Headline{Title: "Delfin från Alvesta", Published: time.Date(2022, 11, 14, 12, 0, 0, 0, time.Local)},
		URL: "https://r.se/d.html", Summary: "Kort ingress."}
	a := &feed.Article{Markdown: "Brödtext med [länk](https://x.se/) [1].", Links: []string{"https://x.se/"},
		Related: []feed.Related{{Title: "Digitala veckan", Published: time.Date(2022, 11, 4, 12, 0, 0, 0, time.Local)}, {Title: "Utan datum"},
			{ItemID: 17, Title: "Industriforum", Published: time.Date(2022, 6, 14, 9, 5, 0, 0, time.Local)}}}

	full := articleMarkdown(feed.Reading{Item: it, Article: a}, "", true)
	for _, want := range []string{"# Delfin från Alvesta\n", "14 november 2022 · https://r.se/d.html", "[länk](https://x.se/) [1]",
		"## Relaterade nyheter", "- 4 november 2022 — Digitala veckan", "- Utan datum",
		"- 17 · 14 juni 2022 — Industriforum"} {
		if !strings.Contains(full, want) {
			t.Errorf("article lacks %q:\n%s", want, full)
		}
	}
	if body := articleMarkdown(feed.Reading{Item: it, Article: a}, "", false); strings.Contains(body, "Relaterade") {
		t.Errorf("the reader's document holds the related list, which it draws itself:\n%s", body)
	}

	teaser := articleMarkdown(feed.Reading{Item: it, Note: feed.NoteOffline}, "offline", true)
	if !strings.Contains(teaser, "> offline") || !strings.Contains(teaser, "Kort ingress.") || strings.Contains(teaser, "Relaterade") {
		t.Errorf("summary fallback:\n%s", teaser)
	}
}

func TestNoteText(t *testing.T) {
	tests := []struct {
		r    feed.Reading
		want string
	}{
		{feed.Reading{}, ""},
		{feed.Reading{Note: feed.NoteOffline}, "offline: artikeln är inte sparad, det här är flödets sammanfattning"},
		{feed.Reading{Note: feed.NoteFailed, Err: errTest("503\nService\x1b[2J Unavailable")},
			"artikeln kunde inte hämtas (503 Service Unavailable), det här är flödets sammanfattning"},
	}
	for _, tt := range tests {
		if got := noteText(tt.r, swedish); got != tt.want {
			t.Errorf("noteText(%+v) = %q, want %q", tt.r, got, tt.want)
		}
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kort ingress. Med 40 000 resor – och ”citat”.", "Kort ingress. Med 40 000 resor – och ”citat”."},
		{"[klicka](javascript:alert(1))", `\[klicka\](javascript:alert(1))`},
		{"<javascript:x> &#27;[2J", `\<javascript:x\> &amp;#27;\[2J`},
		{"*fet* och _kursiv_ och `kod`", "\\*fet\\* och \\_kursiv\\_ och \\`kod\\`"},
		{"# Rubrik\n- punkt\n1. ett\n> citat\n    kod", "\\# Rubrik\n\\- punkt\n1\\. ett\n\\> citat\nkod"},
		{"2022 var ett år", "2022 var ett år"},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// An article not cached yet is shown as the feed's summary, which is text
// from the network too: what looks like Markdown in it must not become a
// link. (The summary is plain text; articleMarkdown escapes it as it does
// a title.)
func TestHostileSummaryIsNotMarkdown(t *testing.T) {
	it := feed.Item{Headline: feed.Headline{ID: 1, Title: "Rubrik"}, URL: "https://example.se/a.html",
		Summary: "Ingress [klicka](javascript:alert(1)) och <javascript:alert(2)> och " +
			"[data](data:text/html;base64,PHNjcmlwdD4=) och ![bild](vbscript:msgbox(3)) och &#27;[2J",
	}
	out, err := render(articleMarkdown(feed.Reading{Item: it, Note: feed.NoteOffline}, english.noteOffline, true), 80, styleDark, english.imageWord)
	if err != nil {
		t.Fatal(err)
	}
	// Glamour's own colours, and its hyperlink to the article's address,
	// are fine; nothing else may be left: no other hyperlink, no ESC that a
	// reference became.
	rest := regexp.MustCompile("\x1b\\[[0-9;]*m|\x1b]8;[^;]*;(https://example.se/a.html)?\a").ReplaceAllString(out, "")
	if strings.ContainsAny(rest, "\x1b\x07\u009b") {
		t.Errorf("the summary became markup or control: %q", rest)
	}
	if plain := ansi.Strip(out); !strings.Contains(plain, "klicka") || !strings.Contains(plain, "&#27;[2J") {
		t.Errorf("the summary's text is lost:\n%s", plain)
	}
}

// A link in a table keeps the article's number, and Glamour adds none of
// its own under the table.
func TestTableLinksKeepTheArticlesNumbers(t *testing.T) {
	md := "| Ort | Sida |\n| --- | --- |\n| Växjö | [Mottagningen](https://r.se/m) [1] |\n"
	out, err := render(md, 80, stylePlain, english.imageWord)
	if err != nil {
		t.Fatal(err)
	}
	plain := ansi.Strip(out)
	if !strings.Contains(plain, "[1]") || strings.Count(plain, "[") != 1 {
		t.Errorf("table links:\n%s", plain)
	}
}

package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"nyss/feed/store"
)

func TestNumberLinks(t *testing.T) {
	md := "Se ![Svarv](https://a.se/svarv.jpg) och [Läs mer](https://b.se/) samt [igen](https://b.se/) och [okänd](https://c.se/)."
	got := NumberLinks(md, []string{"https://a.se/svarv.jpg", "https://b.se/"})
	want := "Se ![Svarv](https://a.se/svarv.jpg) [1] och [Läs mer](https://b.se/) [2] samt [igen](https://b.se/) [2] och [okänd](https://c.se/)."
	if got != want {
		t.Errorf("NumberLinks:\n got %s\nwant %s", got, want)
	}
}

func TestArticleMarkdown(t *testing.T) {
	it := store.Item{Title: "Delfin från Alvesta", URL: "https://r.se/d.html", Summary: "Kort ingress.",
		Published: time.Date(2022, 11, 14, 12, 0, 0, 0, time.Local)}
	a := &store.Article{Markdown: "Brödtext med [länk](https://x.se/).", Links: []string{"https://x.se/"},
		Related: []store.Related{{Title: "Digitala veckan", Published: time.Date(2022, 11, 4, 12, 0, 0, 0, time.Local)}, {Title: "Utan datum"}}}

	full := ArticleMarkdown(it, a, "")
	for _, want := range []string{"# Delfin från Alvesta\n", "14 november 2022 · https://r.se/d.html", "[länk](https://x.se/) [1]",
		"## Relaterade nyheter", "- 4 november 2022 — Digitala veckan", "- Utan datum"} {
		if !strings.Contains(full, want) {
			t.Errorf("article lacks %q:\n%s", want, full)
		}
	}

	teaser := ArticleMarkdown(it, nil, "offline")
	if !strings.Contains(teaser, "> offline") || !strings.Contains(teaser, "Kort ingress.") || strings.Contains(teaser, "Relaterade") {
		t.Errorf("summary fallback:\n%s", teaser)
	}
}

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kort ingress. Med 40 000 resor – och ”citat”.", "Kort ingress. Med 40 000 resor – och ”citat”."},
		{"[klicka](javascript:alert(1))", `\[klicka\](javascript:alert(1))`},
		{"<javascript:x> &#27;[2J", `\<javascript:x\> \&#27;\[2J`},
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

func TestRenderDropsReferencesToControlCharacters(t *testing.T) {
	out, err := Render("Text &#27;[2J och &#x1b;]52;c;QUFB&#7; och &#155;6n slut", 80, StyleDark)
	if err != nil {
		t.Fatal(err)
	}
	// Glamour's own colours are fine; nothing else may be left.
	rest := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(out, "")
	if strings.ContainsAny(rest, "\x1b\x07\u009b") {
		t.Errorf("a control character reached the screen: %q", rest)
	}
}

package ui

import (
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

package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"nyss/feed/extract"
)

// A link-heavy article, as extraction leaves it before numbering: inline
// links (one with a title, one whose text is an address), an image, an
// autolink, a bare address, a www address, a code span, and a mail link.
const linkHeavy = `Växjö är residensstad i [Kronobergs län](https://sv.wikipedia.org/wiki/Kronobergs_l%C3%A4n) och säte för [Linnéuniversitetet](https://lnu.se/ "Universitetet").

![Domkyrkan i Växjö en vinterdag](https://upload.example.org/domkyrkan.jpg)

Se [https://www.vaxjo.se/](https://www.vaxjo.se/) och <https://www.regionkronoberg.se/> eller https://sv.wikipedia.org/wiki/V%C3%A4xj%C3%B6. Eller www.smalandsposten.se.

Kommandot ` + "`curl https://example.org/`" + ` hämtar en sida. Skriv till [registrator](mailto:info@example.se).
`

func TestLinksReadAsTextWithTheirNumbers(t *testing.T) {
	numbered, links := extract.NumberLinks(linkHeavy)
	if len(links) != 7 {
		t.Fatalf("numbered %d links: %q", len(links), links)
	}
	out, err := render(displayLinks(numbered), 80, styleDark, swedish.imageWord)
	if err != nil {
		t.Fatal(err)
	}
	text := ansi.Strip(out)
	for _, want := range []string{
		"Kronobergs län [1]", "Linnéuniversitetet [2]",
		"Bild: Domkyrkan i Växjö en vinterdag [3]",
		"https://www.vaxjo.se/ [4]", // an address as text stays, once
		"https://www.regionkronoberg.se/ [5]",
		"https://sv.wikipedia.org/wiki/V%C3%A4xj%C3%B6 [6].",
		"www.smalandsposten.se [7].",
		"curl https://example.org/", // code is code
		"registrator",
	} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
			t.Errorf("the article does not read %q:\n%s", want, text)
		}
	}
	for _, url := range []string{"wikipedia.org/wiki/Kronobergs", "lnu.se", "upload.example.org", "mailto:"} {
		if strings.Contains(text, url) {
			t.Errorf("the body shows the URL %q:\n%s", url, text)
		}
	}
	if strings.Contains(text, "→") || strings.Contains(text, "Image:") {
		t.Errorf("the image is not written as Bild: …:\n%s", text)
	}
	// The text is still a hyperlink where the terminal has them.
	if !strings.Contains(out, "\x1b]8;") || !strings.Contains(out, "https://lnu.se/") {
		t.Error("no OSC 8 hyperlink on the link text")
	}
}

func TestPipedShowWritesReferenceLinks(t *testing.T) {
	numbered, links := extract.NumberLinks(linkHeavy)
	got := referenceLinks(numbered, links)
	for _, want := range []string{
		"[Kronobergs län][1]", "[Linnéuniversitetet][2]", "![Domkyrkan i Växjö en vinterdag][3]",
		"[https://www.vaxjo.se/][4]", "[https://www.regionkronoberg.se/][5]",
		"`curl https://example.org/`", "[registrator](mailto:info@example.se)",
		"\n\n[1]: https://sv.wikipedia.org/wiki/Kronobergs_l%C3%A4n\n[2]: https://lnu.se/\n[3]: https://upload.example.org/domkyrkan.jpg\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("piped Markdown lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "](https://") {
		t.Errorf("an inline link is left:\n%s", got)
	}
}

func TestLinkListAtTheEnd(t *testing.T) {
	lines := linkLines([]string{"https://a.se/", "https://b.se/"}, english.linksHeading, newStyles(true, true))
	want := []string{"  Links", "    [1] https://a.se/", "    [2] https://b.se/"}
	for i, w := range want {
		if ansi.Strip(lines[i]) != w {
			t.Errorf("line %d = %q, want %q", i, ansi.Strip(lines[i]), w)
		}
	}
}

// Text the link pattern must read whole: escaped brackets in link text,
// and an address in parentheses, which is still shown.
func TestLinkTextWithEscapesAndAddressesInParentheses(t *testing.T) {
	md := `[före \]8;;x\] efter](https://a.se/x) [1] (se https://b.se/y [2])`
	if got, want := displayLinks(md), `[före \]8;;x\] efter](https://a.se/x)[1] (se [https://b.se/y](https://b.se/y)[2])`; got != want {
		t.Errorf("displayLinks\n got %s\nwant %s", got, want)
	}
	if got, want := referenceLinks(md, nil), `[före \]8;;x\] efter][1] (se [https://b.se/y][2])`; got != want {
		t.Errorf("referenceLinks\n got %s\nwant %s", got, want)
	}
}

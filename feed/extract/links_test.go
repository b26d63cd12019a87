package extract

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"
)

var numberLinksTests = []struct {
	name, md, want string
	links          []string
}{
	{
		"inline links, one with a title",
		`Se [a](https://a.se/) och [b](https://b.se/ "Titel").`,
		`Se [a](https://a.se/) [1] och [b](https://b.se/ "Titel") [2].`,
		[]string{"https://a.se/", "https://b.se/"},
	},
	{
		"an image",
		"![Svarv](https://a.se/svarv.jpg)\n\nText.",
		"![Svarv](https://a.se/svarv.jpg) [1]\n\nText.",
		[]string{"https://a.se/svarv.jpg"},
	},
	{
		"an image inside a link",
		"[![Svarv](https://a.se/svarv.jpg)](https://b.se/)",
		"[![Svarv](https://a.se/svarv.jpg) [2]](https://b.se/) [1]",
		[]string{"https://b.se/", "https://a.se/svarv.jpg"},
	},
	{
		"an autolink",
		"Läs <https://a.se/x?y=1>.",
		"Läs <https://a.se/x?y=1> [1].",
		[]string{"https://a.se/x?y=1"},
	},
	{
		"bare URLs, found as GFM finds them",
		"Läs https://a.se/x. Eller (https://b.se/y) och www.c.se/z, **https://d.se/**",
		"Läs https://a.se/x [1]. Eller (https://b.se/y [2]) och www.c.se/z [3], **https://d.se/ [4]**",
		[]string{"https://a.se/x", "https://b.se/y", "http://www.c.se/z", "https://d.se/"},
	},
	{
		"links in a list",
		"- [ett](https://a.se/1)\n- två [tre](https://a.se/3)\n  1. [fyra](https://a.se/4)\n",
		"- [ett](https://a.se/1) [1]\n- två [tre](https://a.se/3) [2]\n  1. [fyra](https://a.se/4) [3]\n",
		[]string{"https://a.se/1", "https://a.se/3", "https://a.se/4"},
	},
	{
		"links in a table",
		"| A | B |\n|---|---|\n| [a\\|b](https://a.se/) | <https://b.se/> |\n",
		"| A | B |\n|---|---|\n| [a\\|b](https://a.se/) [1] | <https://b.se/> [2] |\n",
		[]string{"https://a.se/", "https://b.se/"},
	},
	{
		"a link in a heading",
		"## [Rubrik](https://a.se/) ##\n\nText",
		"## [Rubrik](https://a.se/) [1] ##\n\nText",
		[]string{"https://a.se/"},
	},
	{
		"escaped brackets in the text, parentheses in the URL",
		`[a \[b\]](https://a.se/x_\(1\)) [c](https://a.se/y_(2)) [d](<https://a.se/z (3)>)`,
		`[a \[b\]](https://a.se/x_\(1\)) [1] [c](https://a.se/y_(2)) [2] [d](<https://a.se/z (3)>) [3]`,
		[]string{"https://a.se/x_(1)", "https://a.se/y_(2)", "https://a.se/z%20%283%29"},
	},
	{
		"links to anything but the web are neither numbered nor listed",
		"[post](mailto:a@b.se), <a@b.se>, [sida](/x), [topp](#topp), [js](javascript:x) och [a](https://a.se/).",
		"[post](mailto:a@b.se), <a@b.se>, [sida](/x), [topp](#topp), [js](javascript:x) och [a](https://a.se/) [1].",
		[]string{"https://a.se/"},
	},
	{
		"a URL linked twice keeps its first number",
		"[a](https://a.se/) [b](https://b.se/) <https://a.se/>",
		"[a](https://a.se/) [1] [b](https://b.se/) [2] <https://a.se/> [1]",
		[]string{"https://a.se/", "https://b.se/"},
	},
	{
		"a link spanning lines, in a quote",
		"> Se [en\n> lång länk](https://a.se/) och\n> [en till](https://b.se/)\n",
		"> Se [en\n> lång länk](https://a.se/) [1] och\n> [en till](https://b.se/) [2]\n",
		[]string{"https://a.se/", "https://b.se/"},
	},
	{
		"a bracket right after a link does not make the number a link",
		"[a](https://a.se/)(pdf) [b](https://b.se/)[c](https://c.se/)",
		"[a](https://a.se/) [1] (pdf) [b](https://b.se/) [2] [c](https://c.se/) [3]",
		[]string{"https://a.se/", "https://b.se/", "https://c.se/"},
	},
	{
		"what only looks like a link is not numbered",
		"`[a](https://a.se/)` och \\[b\\](https://b.se/x)",
		"`[a](https://a.se/)` och \\[b\\](https://b.se/x [1])",
		[]string{"https://b.se/x"},
	},
	{
		"numbered before: nothing changes",
		"[a](https://a.se/) [1] och <https://b.se/> [2], [a](https://a.se/) [1]",
		"[a](https://a.se/) [1] och <https://b.se/> [2], [a](https://a.se/) [1]",
		[]string{"https://a.se/", "https://b.se/"},
	},
	{
		"a bare URL ends where it will end once numbered",
		"(se https://a.se/x). Och https://b.se/y)!",
		"(se https://a.se/x [1]). Och https://b.se/y [2])!",
		[]string{"https://a.se/x", "https://b.se/y"},
	},
	{
		"a word or a bare URL right after a link",
		"[Region](https://a.se/)s och [a](https://b.se/)https://c.se/",
		"[Region](https://a.se/) [1] s och [a](https://b.se/) [2] https://c.se/ [3]",
		[]string{"https://a.se/", "https://b.se/", "https://c.se/"},
	},
	{
		"a number that is a reference's label is escaped",
		"[a](https://a.se/) och [1].\n\n[1]: https://z.se/\n",
		"[a](https://a.se/) \\[1\\] och [1] [2].\n\n[1]: https://z.se/\n",
		[]string{"https://a.se/", "https://z.se/"},
	},
	{"no links", "Bara text [1].", "Bara text [1].", nil},
}

func TestNumberLinks(t *testing.T) {
	for _, tt := range numberLinksTests {
		t.Run(tt.name, func(t *testing.T) {
			got, links := NumberLinks(tt.md)
			if got != tt.want {
				t.Errorf("NumberLinks Markdown:\n got %q\nwant %q", got, tt.want)
			}
			if !slices.Equal(links, tt.links) {
				t.Errorf("NumberLinks links = %q, want %q", links, tt.links)
			}
			if again, links2 := NumberLinks(got); again != got || !slices.Equal(links2, links) {
				t.Errorf("numbering twice changed it:\n got %q, %q", again, links2)
			}
		})
	}
}

// TestNumberedLinksRender renders numbered Markdown as the reader does and
// checks that each number shows right after its link.
func TestNumberedLinksRender(t *testing.T) {
	md := "# [Rubrik](https://a.se/rubrik)\n\n" +
		"Se [första länken](https://a.se/1) och [andra](https://a.se/2 \"Titel\").\n\n" +
		"[![En svarv](https://a.se/svarv.jpg)](https://a.se/bild)\n\n" +
		"Läs <https://a.se/auto> eller https://a.se/bar.\n\n" +
		"- [i en lista](https://a.se/lista)\n\n" +
		"> [i ett citat](https://a.se/citat)(pdf)\n\n" +
		"[parentes \\[x\\]](https://a.se/p_\\(1\\)) och [igen](https://a.se/1) och [post](mailto:a@b.se).\n"
	numbered, links := NumberLinks(md)
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(styles.NoTTYStyle), glamour.WithWordWrap(80))
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.Render(numbered)
	if err != nil {
		t.Fatal(err)
	}
	screen := ansi.Strip(out)
	want := []struct {
		text string
		n    int
	}{
		{"Rubrik", 1}, {"första länken", 2}, {"andra", 3}, {"En svarv", 5}, {"https://a.se/bild", 4},
		{"https://a.se/auto", 6}, {"https://a.se/bar", 7}, {"i en lista", 8}, {"i ett citat", 9},
		{"parentes [x]", 10}, {"igen", 2},
	}
	if len(links) != 10 {
		t.Errorf("links = %q, want 10", links)
	}
	rest := screen
	for _, w := range want {
		i := strings.Index(rest, w.text)
		if i < 0 {
			t.Fatalf("%q is not on the screen after the link before it:\n%s", w.text, screen)
		}
		rest = rest[i+len(w.text):]
		num := fmt.Sprintf("[%d]", w.n)
		j := strings.Index(rest, num)
		if j < 0 {
			t.Fatalf("%s does not follow %q:\n%s", num, w.text, screen)
		}
		if k := strings.Index(rest, "\n\n"); k >= 0 && k < j {
			t.Errorf("%s is not in the paragraph of %q:\n%s", num, w.text, screen)
		}
		rest = rest[j+len(num):]
	}
	if strings.Contains(screen, "post [") {
		t.Errorf("the mailto link is numbered:\n%s", screen)
	}
}

// FuzzNumberLinks: numbering adds numbers and nothing else; the links are
// the same before and after, and numbering again changes nothing.
func FuzzNumberLinks(f *testing.F) {
	for _, tt := range numberLinksTests {
		f.Add(tt.md)
	}
	f.Fuzz(func(t *testing.T, md string) {
		numbered, links := NumberLinks(md)
		again, links2 := NumberLinks(numbered)
		if !slices.Equal(links, links2) {
			t.Errorf("numbering changed the links from %q to %q:\n%q\n%q", links, links2, md, numbered)
		}
		if again != numbered {
			t.Errorf("numbering twice changed it:\n%q\n%q\n%q", md, numbered, again)
		}
		for _, num := range linkNumbers(numbered) {
			if n, err := strconv.Atoi(num); err == nil && n > len(links) && !strings.Contains(md, "["+num+"]") {
				t.Errorf("[%s] added, but %d links:\n%q\n%q", num, len(links), md, numbered)
			}
		}
	})
}

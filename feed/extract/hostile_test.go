package extract

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	gmtext "github.com/yuin/goldmark/text"
	"golang.org/x/text/encoding/charmap"
)

// Pages built to hurt: markup that costs far more than its size, text that
// becomes links, and pages that lie about their charset.

// markdownTargets returns the destinations of md's links, images and
// autolinks as Glamour's Markdown parser reads them.
func markdownTargets(md string) []string {
	src := []byte(md)
	var targets []string
	ast.Walk(linkParser().Parse(gmtext.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *ast.Link:
				targets = append(targets, string(n.Destination))
			case *ast.Image:
				targets = append(targets, string(n.Destination))
			case *ast.AutoLink:
				// An e-mail address, or a web address GFM found in the
				// text (it finds only http, https, ftp and www. ones), is
				// a link by design; <scheme:…> is a link to anything.
				if n.AutoLinkType != ast.AutoLinkEmail && n.Protocol == nil {
					targets = append(targets, string(n.URL(src)))
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return targets
}

func isWebURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func TestPageTextNeverBecomesALink(t *testing.T) {
	const x = `[klicka](javascript:alert(1)) &lt;javascript:alert(2)&gt; ![b](vbscript:x) &lt;data:text/html,x&gt;`
	body := `<div class="sv-text-portlet"><div class="sv-text-portlet-content">
		<p>Text ` + x + `.</p>
		<p><a href="/sida.html">Länk ` + x + `</a></p>
		<img src="/bild.jpg" alt="Bild ` + x + `">
		<img src="data:image/png;base64,AAAA" alt="Inbäddad ` + x + `">
		<h2>Rubrik ` + x + `</h2>
		<ul><li>Punkt ` + x + `</li></ul>
		<table><tr><th>Cell</th></tr><tr><td>` + x + `</td></tr></table>
		</div></div>`
	art := mustPage(t, sitevision(body, ""), articleURL)
	for _, target := range markdownTargets(art.Markdown) {
		if !isWebURL(target) {
			t.Errorf("Markdown links to %q:\n%s", target, art.Markdown)
		}
	}
	if n := strings.Count(art.Markdown, "klicka"); n != 7 {
		t.Errorf("the text is in the Markdown %d times, want 7:\n%s", n, art.Markdown)
	}
}

// TestPageReferencesStayText: "&amp;#27;" in a page is the text "&#27;",
// which a Markdown renderer would decode into ESC: the Markdown must not
// hold it.
func TestPageReferencesStayText(t *testing.T) {
	body := `<div class="sv-text-portlet"><div class="sv-text-portlet-content">
		<p>Före &amp;#27;[2J, &amp;#x9B;6n, &amp;#7; och &amp;#x1b;]52;c;QQ==&amp;#7; efter, AT&amp;T &amp;#229;.</p>
		<img src="/bild.jpg" alt="Bild &amp;#27;[2J">
		</div></div>`
	art := mustPage(t, sitevision(body, ""), articleURL)
	for _, ref := range []string{"&#27;", "&#x9B;", "&#7;", "&#x1b;"} {
		if strings.Contains(art.Markdown, ref) {
			t.Errorf("the Markdown holds %q:\n%s", ref, art.Markdown)
		}
	}
	if !strings.Contains(art.Markdown, "AT&T &#229;") || !strings.Contains(art.Markdown, "efter") {
		t.Errorf("harmless text was changed:\n%s", art.Markdown)
	}
}

func TestPageCodeIsRemovedWithItsText(t *testing.T) {
	body := `<div class="sv-text-portlet"><div class="sv-text-portlet-content">
		<p>Före.</p>
		<script>document.write("SKRIPT")</script>
		<script type="text/template"><p>MALL</p></script>
		<style>p::after { content: "STIL" }</style>
		<iframe src="https://evil.example/"><p>RAM</p></iframe>
		<object data="film.swf"><param name="x" value="PARAM"><p>OBJEKT</p></object>
		<embed src="x.swf" title="EMBED">
		<noscript><p>NOSCRIPT</p></noscript>
		<svg><text>SVG</text><script>SVGSKRIPT</script></svg>
		<math><mtext>MATH</mtext><mi><style>MATHSTIL</style></mi></math>
		<template><p>TEMPLATE</p></template>
		<p onclick="alert('HANDLER')" style="background:url(javascript:alert('CSS'))">Efter.</p>
		</div></div>`
	for _, page := range [][]byte{
		sitevision(body, ""),
		[]byte(`<html><body><main><article><h1>Rubrik</h1>` + body + strings.Repeat("<p>Brödtext som gör sidan till en artikel, lång nog för readability.</p>", 5) + `</article></main></body></html>`),
	} {
		art := mustPage(t, page, articleURL)
		for _, code := range []string{"SKRIPT", "MALL", "STIL", "RAM", "PARAM", "OBJEKT", "EMBED", "NOSCRIPT", "SVG", "TEMPLATE", "HANDLER", "CSS", "MATHSTIL", "evil"} {
			if strings.Contains(art.Markdown, code) {
				t.Errorf("%s: %q survives:\n%s", art.method, code, art.Markdown)
			}
		}
		if !strings.Contains(art.Markdown, "Före.") || !strings.Contains(art.Markdown, "Efter.") {
			t.Errorf("%s: the text around the code is lost:\n%s", art.method, art.Markdown)
		}
	}
}

// TestPageCostIsBounded: markup that makes the parser, readability or the
// converter do far more than the page's size suggests is refused or made
// cheap. Each of these took seconds to minutes and up to gigabytes before.
func TestPageCostIsBounded(t *testing.T) {
	var bomb strings.Builder
	// Formatting elements left open, each different, are copied by the
	// parser into every later block: 25 KB became a million nodes.
	bomb.WriteString("<p>")
	for i := range 400 {
		fmt.Fprintf(&bomb, `<b class="c%d">`, i)
	}
	bomb.WriteString("</p>" + strings.Repeat("<p>x</p>", 2500))

	tests := []struct {
		name, body string
		wantErr    error
		check      func(md string) bool
	}{
		{"formatting left open", bomb.String(), nil, func(md string) bool {
			return strings.Count(md, "x") == 2500 && len(md) < 100_000
		}},
		{"a million elements", strings.Repeat("<p>x", 1_000_000), errTooManyElements, nil},
		{"500 nested quotes", strings.Repeat("<blockquote>x", 500), nil, func(md string) bool {
			return strings.Count(md, "x") == 500 && len(md) < 10_000
		}},
		{"250 nested lists", strings.Repeat("<ol><li>x", 250), nil, func(md string) bool {
			return strings.Count(md, "x") == 250 && len(md) < 10_000
		}},
		{"10,000 nested divs", strings.Repeat("<div>", 10_000) + "x", errTooDeep, nil},
		{"10,000 misnested tags", strings.Repeat("<b><i>x</b></i>", 10_000), nil, func(md string) bool {
			return strings.Count(md, "x") == 10_000
		}},
		{"10,000 links never closed", strings.Repeat(`<a href="/x">x`, 10_000), nil, func(md string) bool {
			return strings.Count(md, "x") >= 10_000
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := "<html><body><main><h1>Rubrik</h1>" + tt.body + "</main></body></html>"
			art, err := Page([]byte(page), articleURL)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				if msg := err.Error(); !strings.HasPrefix(msg, "extract: ") || strings.Contains(msg, "\n") {
					t.Errorf("error %q is not one clear line", msg)
				}
				return
			}
			if !tt.check(art.Markdown) {
				t.Errorf("Markdown (%d bytes): %.300q", len(art.Markdown), art.Markdown)
			}
		})
	}
}

func TestDefuseKeepsOrdinaryPages(t *testing.T) {
	for _, page := range []string{
		string(sitevision(sitevisionBody, sitevisionRelated)),
		blogPage,
		`<P><B>Fet <I>och kursiv</B> text</I></P><SCRIPT>if (a<b) x("</b>")</SCRIPT>`,
	} {
		got, _, err := defuse([]byte(page), maxElements)
		if err != nil || string(got) != page {
			t.Errorf("defuse changed a page that nests little (err %v):\n%s", err, got)
		}
	}
}

func TestPageCharset(t *testing.T) {
	const text = "Vårdcentralen i Växjö har öppet på lördag"
	latin1, err := charmap.ISO8859_1.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	page := func(head, text string) []byte {
		return []byte(`<html><head>` + head + `</head><body><main><h1>` + text + `</h1><p>` + text + `.</p></main></body></html>`)
	}
	tests := []struct {
		name string
		page []byte
	}{
		{"Latin-1 declaring itself", page(`<meta charset="iso-8859-1">`, latin1)},
		{"Latin-1 declaring UTF-8", page(`<meta charset="utf-8">`, latin1)},
		{"Latin-1 declaring nothing", page("", latin1)},
		{"Latin-1 in http-equiv", page(`<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">`, latin1)},
		{"UTF-8 declaring Latin-1", page(`<meta charset="iso-8859-1">`, text)},
		{"UTF-8 declaring nothing", page("", text)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := mustPage(t, tt.page, articleURL)
			if art.Title != text || !strings.Contains(art.Markdown, text) {
				t.Errorf("title %q, Markdown %q; want %q", art.Title, art.Markdown, text)
			}
		})
	}
}

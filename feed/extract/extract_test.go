package extract

import (
	"errors"
	"fmt"
	"io/fs"
	"nyss/feed/parse"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"nyss/feed/demosite"
	"nyss/feed/sanitize"
)

const articleURL = "https://www.regionkronoberg.se/nyheter/2022-06-14-uppstartskonferens.html"

// sitevisionPage is an article in the shape of the home site (see
// testdata/site): cookie banner, header with menu and search, breadcrumbs,
// back link, date, h1, ingress, image, body, share box, related block,
// footer. body and related replace the placeholders.
const sitevisionPage = `<!DOCTYPE html>
<html lang="sv" class="sv-no-js sv-template-nyhet">
<head>
<meta charset="utf-8">
<title>Uppstartskonferens för Industriforum i Kronoberg - Region Kronoberg</title>
<script>window.sv = window.sv || {}; sv.PageContext = {pageId: 'SCRIPTTEXT'};</script>
<style>.secret-style { color: red }</style>
</head>
<body>
<div class="env-cookie-banner" id="cookieBanner" role="dialog" aria-label="Kakor">
  <p>Vi använder kakor (cookies) för att förbättra webbplatsen. <a href="/om-webbplatsen/kakor/">Läs om kakor</a></p>
  <button class="env-button">Godkänn alla kakor</button>
</div>
<header class="rk-header">
  <a class="rk-logo" href="/"><img src="/images/logo.svg" alt="Region Kronoberg logotyp"></a>
  <nav class="rk-mainmenu" aria-label="Huvudmeny"><ul>
    <li><a href="/vard-och-halsa/">Vård och hälsa</a></li><li><a href="/kultur/">Kultur</a></li>
  </ul></nav>
  <form class="rk-search" action="/sok/"><input name="query" placeholder="Sök"><button>Sök</button></form>
</header>
<nav class="rk-breadcrumbs" aria-label="Du är här"><ol>
  <li><a href="/">Startsida</a></li><li><a href="/nyheter/">Nyheter</a></li><li aria-current="page">Uppstartskonferens</li>
</ol></nav>
<main id="huvudinnehall" class="sv-layout">
 <div class="sv-layout sv-skip-spacer sv-template-portlet">
  <div class="sv-text-portlet sv-use-margins"><div class="sv-text-portlet-content"><p class="normal"><a href="/nyheter/">Fler nyheter</a></p></div></div>
  <div class="sv-text-portlet sv-use-margins rk-article-date"><div class="sv-text-portlet-content"><p class="rk-date"><time datetime="2022-06-14T09:05:00+02:00">14 juni 2022</time></p></div></div>
  <div class="sv-text-portlet sv-use-margins" id="Rubrik"><div class="sv-text-portlet-content"><h1 class="heading">Uppstartskonferens för Industriforum i Kronoberg</h1></div></div>
  BODY
  <div class="rk-share" aria-label="Dela sidan"><span>Dela:</span> <a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a> <a href="mailto:?subject=x">E-post</a></div>
 </div>
 RELATED
</main>
<footer class="rk-footer"><p>Region Kronoberg, Box 1200, 351 12 Växjö.</p><ul><li><a href="/om-webbplatsen/tillganglighet/">Tillgänglighetsredogörelse</a></li></ul></footer>
<script src="/sitevision/system-resource/app.js"></script>
<script>alert("SCRIPTTEXT")</script>
</body>
</html>`

const sitevisionBody = `
  <div class="sv-text-portlet sv-use-margins" id="Ingress"><div class="sv-text-portlet-content"><p class="ingress">Den 15 juni lanseras Industriforum Kronoberg – ett ”samarbete” för länets industri.</p></div></div>
  <div class="sv-image-portlet sv-use-margins"><img src="/images/18.3c4d/industri.jpg" alt="Två personer arbetar vid en svarv i en verkstad" width="800" height="450"></div>
  <div class="sv-image-portlet sv-use-margins"><img src="/images/18.3c4e/karta.png" alt="" width="400" height="300"><span class="env-assistive-text">Bilden saknar en alternativtext.</span></div>
  <div class="sv-text-portlet sv-use-margins" id="Innehall"><div class="sv-text-portlet-content">
    <p class="normal">Initiativet kommer från <strong>IF Metall</strong>, <em>Unionen</em> och Teknikföretagen. Se <a href="../om-oss/industriforum.html">om Industriforum</a>.</p>
    <h2 class="subheading">Nationellt uppdrag</h2>
    <p class="normal">Region Kronoberg har ett nationellt uppdrag att arbeta med kompetensförsörjningen.</p>
    <h3>Områden</h3>
    <ul class="normal"><li>digitalisering</li><li>robotisering</li><li>kompetensförsörjning</li></ul>
    <p class="normal"><a href="https://www.businessregionkronoberg.se/" target="_blank" rel="noopener"><span class="env-assistive-text">Länk till annan webbplats.</span>Läs mer om Business Region Kronoberg<span class="env-assistive-text">, öppnas i nytt fönster</span></a></p>
  </div></div>`

const sitevisionRelated = `
 <aside class="sv-layout rk-related" aria-labelledby="relaterade">
  <h2 class="heading" id="relaterade">Relaterade nyheter</h2>
  <ul class="rk-news-list">
   <li class="rk-news-item">
     <a class="rk-news-link" href="/nyheter/2022-11-22-regionerna.html"><h3 class="rk-news-title">Regionerna och Linnéuniversitetet i fortsatt samverkan</h3></a>
     <p class="rk-news-date"><time datetime="2022-11-22">22 november 2022</time></p>
     <p class="rk-news-teaser">Under måndagseftermiddagen signerades ett nytt samverkansavtal …</p>
   </li>
   <li class="rk-news-item">
     <a class="rk-news-link" href="https://elsewhere.example/nyhet.html"><h3 class="rk-news-title">En nyhet på en annan webbplats</h3></a>
     <p class="rk-news-date"><time datetime="2022-11-20">20 november 2022</time></p>
   </li>
   <li class="rk-news-item">
     <a class="rk-news-link" href="https://regionkronoberg.se/nyheter/2022-11-14-delfin.html"><h3 class="rk-news-title">Delfin från Alvesta ställs ut på Tekniska museet</h3></a>
     <p class="rk-news-date">14 november 2022</p>
     <p class="rk-news-teaser">Under hösten har 2400 elever testat plastslöjd.</p>
   </li>
   <li class="rk-news-item">
     <a class="rk-news-link" href="/nyheter/2022-11-10-hogstadieelever.html"><h3 class="rk-news-title">Högstadieelever får ”hemligt” uppdrag</h3></a>
   </li>
  </ul>
 </aside>`

// sitevision returns the Sitevision page with the given body and related block.
func sitevision(body, related string) []byte {
	page := strings.Replace(sitevisionPage, "BODY", body, 1)
	return []byte(strings.Replace(page, "RELATED", related, 1))
}

func mustPage(t *testing.T, html []byte, pageURL string) *Article {
	t.Helper()
	art, err := Page(html, pageURL)
	if err != nil {
		t.Fatalf("Page: %v", err)
	}
	return art
}

func TestPageSitevision(t *testing.T) {
	art := mustPage(t, sitevision(sitevisionBody, sitevisionRelated), articleURL)

	if art.method != methodSitevision {
		t.Errorf("method = %q, want %q", art.method, methodSitevision)
	}
	if want := "Uppstartskonferens för Industriforum i Kronoberg"; art.Title != want {
		t.Errorf("Title = %q, want %q", art.Title, want)
	}
	if want := time.Date(2022, 6, 14, 7, 5, 0, 0, time.UTC); !art.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", art.Published, want)
	}

	for _, want := range []string{
		"Den 15 juni lanseras Industriforum Kronoberg – ett ”samarbete” för länets industri.",
		"## Nationellt uppdrag",
		"### Områden",
		"- digitalisering\n- robotisering\n- kompetensförsörjning",
		"**IF Metall**",
		"*Unionen*",
		"![Två personer arbetar vid en svarv i en verkstad](https://www.regionkronoberg.se/images/18.3c4d/industri.jpg) [1]",
		"[Läs mer om Business Region Kronoberg](https://www.businessregionkronoberg.se/) [3]",
		"[om Industriforum](https://www.regionkronoberg.se/om-oss/industriforum.html) [2]",
	} {
		if !strings.Contains(art.Markdown, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	for _, unwanted := range []string{
		"kakor", "Kakor", "Huvudmeny", "Vård och hälsa", "Kultur\n", "Sök", "Startsida",
		"Dela", "Facebook", "E-post", "Fler nyheter", "Box 1200", "Tillgänglighet",
		"SCRIPTTEXT", "alert", "secret-style", "Relaterade nyheter", "Linnéuniversitetet",
		"14 juni 2022", "logotyp",
		"nytt fönster", "annan webbplats", "Bilden saknar", "karta.png", "![](", // assistive text, and the image it stood for
		"# Uppstartskonferens", // the reader prints the title itself
	} {
		if strings.Contains(art.Markdown, unwanted) {
			t.Errorf("Markdown contains %q:\n%s", unwanted, art.Markdown)
		}
	}
	if strings.Contains(art.Markdown, "\n\n\n") {
		t.Errorf("Markdown has 3+ line breaks in a row:\n%q", art.Markdown)
	}

	wantLinks := []string{
		"https://www.regionkronoberg.se/images/18.3c4d/industri.jpg",
		"https://www.regionkronoberg.se/om-oss/industriforum.html",
		"https://www.businessregionkronoberg.se/",
	}
	if !slices.Equal(art.Links, wantLinks) {
		t.Errorf("Links = %q, want %q", art.Links, wantLinks)
	}
}

// TestPageAssistiveText checks that text meant only for screen readers
// does not reach the Markdown, and an image without alt text leaves no
// empty image behind.
func TestPageAssistiveText(t *testing.T) {
	const newsPage = `<!DOCTYPE html><html lang="en"><head><title>Floods in the north</title></head><body>
<nav><a href="/">Home</a></nav>
<article>
<h1>Floods in the north</h1>
<figure><img src="/img/flood.jpg" alt="A flooded street in the town centre">
<figcaption><span class="sr-only">Photo</span> <span class="visually-hidden">Credit</span>Kevin Frayer/Getty Images</figcaption></figure>
<p>Heavy rain has flooded towns across the north of the country, and thousands of people have left their homes for higher ground. Rescue teams worked through the night.</p>
<p>The weather service expects more rain this week, and rivers are still rising in several regions. <a href="/weather">Forecast<span class="screen-reader-text"> (opens the weather page)</span></a>.</p>
<p><a href="/img/big.jpg"><img src="/img/map.png" alt=""></a></p>
<p>Schools in the affected areas stay closed until further notice, the authorities said on Tuesday evening.</p>
</article></body></html>`
	tests := []struct {
		name, page, url string
		want, unwanted  []string
	}{
		{
			name:     "sitevision",
			page:     string(sitevision(sitevisionBody, "")),
			url:      articleURL,
			want:     []string{"[Läs mer om Business Region Kronoberg](https://www.businessregionkronoberg.se/) [3]"},
			unwanted: []string{"nytt fönster", "annan webbplats", "Bilden saknar", "alternativtext", "karta.png", "![]("},
		},
		{
			name:     "news site",
			page:     newsPage,
			url:      "https://news.example.com/2024/floods",
			want:     []string{"Kevin Frayer/Getty Images", "[Forecast](https://news.example.com/weather) [2]."},
			unwanted: []string{"Photo", "Credit", "opens the weather page", "map.png", "big.jpg", "![]("},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := mustPage(t, []byte(tt.page), tt.url)
			for _, w := range tt.want {
				if !strings.Contains(art.Markdown, w) {
					t.Errorf("Markdown lacks %q:\n%s", w, art.Markdown)
				}
			}
			for _, u := range tt.unwanted {
				if strings.Contains(art.Markdown, u) || slices.ContainsFunc(art.Links, func(l string) bool { return strings.Contains(l, u) }) {
					t.Errorf("Markdown or links contain %q:\n%s\n%q", u, art.Markdown, art.Links)
				}
			}
		})
	}
}

func TestPageRelated(t *testing.T) {
	art := mustPage(t, sitevision(sitevisionBody, sitevisionRelated), articleURL)

	want := []Link{
		{
			URL:       "https://www.regionkronoberg.se/nyheter/2022-11-22-regionerna.html",
			Title:     "Regionerna och Linnéuniversitetet i fortsatt samverkan",
			Teaser:    "Under måndagseftermiddagen signerades ett nytt samverkansavtal …",
			Published: time.Date(2022, 11, 22, 12, 0, 0, 0, parse.Stockholm),
		},
		// The off-site item is dropped; "regionkronoberg.se" without www
		// is the same site, and its date is text, not <time>.
		{
			URL:       "https://regionkronoberg.se/nyheter/2022-11-14-delfin.html",
			Title:     "Delfin från Alvesta ställs ut på Tekniska museet",
			Teaser:    "Under hösten har 2400 elever testat plastslöjd.",
			Published: time.Date(2022, 11, 14, 12, 0, 0, 0, parse.Stockholm),
		},
		{
			URL:   "https://www.regionkronoberg.se/nyheter/2022-11-10-hogstadieelever.html",
			Title: "Högstadieelever får ”hemligt” uppdrag",
		},
	}
	if len(art.Related) != len(want) {
		t.Fatalf("Related has %d links, want %d: %+v", len(art.Related), len(want), art.Related)
	}
	for i, got := range art.Related {
		w := want[i]
		if got.URL != w.URL || got.Title != w.Title || got.Teaser != w.Teaser || !got.Published.Equal(w.Published) {
			t.Errorf("Related[%d] =\n %+v\nwant\n %+v", i, got, w)
		}
	}
}

func TestPageRelatedShapes(t *testing.T) {
	items := `<ul><li><a href="/a.html">Första</a> <span>1 maj 2022</span></li>
		<li><a href="/b.html">Andra</a> <span>2 maj 2022</span></li></ul>`
	tests := []struct {
		name string
		body string
		want []string // related titles
	}{
		{"no related block", ``, nil},
		{"heading wrapped in a div", `<section><div class="head"><h2>Relaterade nyheter</h2></div>` + items + `</section>`,
			[]string{"Första", "Andra"}},
		{"English heading with colon", `<div><h3>Related news:</h3>` + items + `</div>`,
			[]string{"Första", "Andra"}},
		{"heading inside the article text", `<div class="sv-text-portlet"><div class="sv-text-portlet-content">
			<p>Brödtext som stannar kvar i artikeln.</p><h2>Relaterade nyheter</h2>` + items + `<h2>Kontakt</h2><p>Kontakttext.</p></div></div>`,
			[]string{"Första", "Andra"}},
		{"back link in the block is not news", `<aside><h2>Relaterade nyheter</h2>` + items + `<p><a href="/nyheter/">Alla nyheter</a></p></aside>`,
			[]string{"Första", "Andra"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := mustPage(t, sitevision(sitevisionBody, tt.body), articleURL)
			var got []string
			for _, l := range art.Related {
				got = append(got, l.Title)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Related titles = %q, want %q", got, tt.want)
			}
			if strings.Contains(art.Markdown, "Första") || strings.Contains(art.Markdown, "Relaterade") {
				t.Errorf("the related block is in the Markdown:\n%s", art.Markdown)
			}
			if tt.name == "heading inside the article text" {
				for _, want := range []string{"Brödtext som stannar kvar", "## Kontakt", "Kontakttext."} {
					if !strings.Contains(art.Markdown, want) {
						t.Errorf("Markdown lost %q:\n%s", want, art.Markdown)
					}
				}
			}
		})
	}
}

func TestPageDateFromText(t *testing.T) {
	page := strings.Replace(string(sitevision(sitevisionBody, "")),
		`<p class="rk-date"><time datetime="2022-06-14T09:05:00+02:00">14 juni 2022</time></p>`,
		`<p class="rk-date">Publicerad 14 juni 2022 kl. 09.05</p>`, 1)
	art := mustPage(t, []byte(page), articleURL)
	if want := time.Date(2022, 6, 14, 9, 5, 0, 0, parse.Stockholm); !art.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", art.Published, want)
	}
	if strings.Contains(art.Markdown, "Publicerad") {
		t.Errorf("the date line is in the Markdown:\n%s", art.Markdown)
	}
}

const blogPage = `<!DOCTYPE html>
<html lang="en"><head><title>Why trains are great – The Rail Blog</title>
<meta property="article:published_time" content="2023-03-05T10:00:00Z"></head>
<body>
<div id="cookie-consent">We use cookies. <a href="/privacy">Privacy</a></div>
<nav class="top-menu"><a href="/">Home</a> <a href="/archive">Archive</a> <a href="/about">About me</a></nav>
<div class="wrapper">
<article class="post">
  <h1>Why trains are great</h1>
  <p class="byline">By Ann Example</p>
  <p>Trains are the most comfortable way to travel across a continent. You can read, sleep, work and
  watch the landscape change outside the window, all without the hassle of airport security.</p>
  <h2>Comfort</h2>
  <p>Modern trains have wide seats, quiet carriages and dining cars. Many night trains offer sleeping
  compartments where you can lie down and arrive rested in the morning. See <a href="/posts/night-trains">my night train guide</a>.</p>
  <p>Compared with a plane, there is much more room to move around, and the stations are usually in
  the middle of the city, so there is no long transfer at either end of the journey.</p>
  <h2>Climate</h2>
  <p>Per passenger kilometre, a train emits a fraction of the greenhouse gases of a car or a plane.
  Choosing the train for trips under a thousand kilometres is one of the easiest ways to cut emissions.</p>
  <ul><li>Less CO₂</li><li>Less noise</li><li>Less land use</li></ul>
  <p><img src="/img/train.jpg" alt="A red train crossing a bridge"></p>
</article>
<section class="related">
  <h2>Related news</h2>
  <ul>
    <li><a href="/posts/night-trains">Night trains are back</a> <time datetime="2023-01-10">January 10, 2023</time></li>
    <li><a href="https://ads.example.net/buy">Buy our tickets</a></li>
    <li><a href="/posts/interrail">Interrail tips</a> <time datetime="2022-12-01">December 1, 2022</time></li>
  </ul>
</section>
<aside class="sidebar"><h3>Tags</h3><a href="/tag/trains">trains</a> <a href="/tag/travel">travel</a></aside>
</div>
<footer>© 2023 The Rail Blog · <a href="/contact">Contact</a></footer>
</body></html>`

func TestPageReadability(t *testing.T) {
	art := mustPage(t, []byte(blogPage), "https://blog.example.org/posts/why-trains")

	if art.method != methodReadability {
		t.Errorf("method = %q, want %q", art.method, methodReadability)
	}
	if art.Title != "Why trains are great" {
		t.Errorf("Title = %q", art.Title)
	}
	if want := time.Date(2023, 3, 5, 10, 0, 0, 0, time.UTC); !art.Published.Equal(want) {
		t.Errorf("Published = %v, want %v", art.Published, want)
	}
	for _, want := range []string{
		"Trains are the most comfortable way",
		"## Comfort",
		"- Less CO₂",
		"[my night train guide](https://blog.example.org/posts/night-trains) [1]",
		"![A red train crossing a bridge](https://blog.example.org/img/train.jpg) [2]",
	} {
		if !strings.Contains(art.Markdown, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, art.Markdown)
		}
	}
	for _, unwanted := range []string{"cookies", "Archive", "About me", "© 2023", "Related news", "Interrail", "Buy our tickets"} {
		if strings.Contains(art.Markdown, unwanted) {
			t.Errorf("Markdown contains %q:\n%s", unwanted, art.Markdown)
		}
	}

	want := []Link{
		{URL: "https://blog.example.org/posts/night-trains", Title: "Night trains are back", Published: time.Date(2023, 1, 10, 12, 0, 0, 0, time.Local)},
		{URL: "https://blog.example.org/posts/interrail", Title: "Interrail tips", Published: time.Date(2022, 12, 1, 12, 0, 0, 0, time.Local)},
	}
	if len(art.Related) != len(want) {
		t.Fatalf("Related = %+v, want %+v", art.Related, want)
	}
	for i := range want {
		if art.Related[i].URL != want[i].URL || art.Related[i].Title != want[i].Title || !art.Related[i].Published.Equal(want[i].Published) {
			t.Errorf("Related[%d] = %+v, want %+v", i, art.Related[i], want[i])
		}
	}
}

// hasControl reports any character a terminal could act on.
func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return r != '\n' && r != '\t' && unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
	})
}

func articleStrings(art *Article) []string {
	s := []string{art.Title, art.Markdown}
	s = append(s, art.Links...)
	for _, l := range art.Related {
		s = append(s, l.URL, l.Title, l.Teaser)
	}
	return s
}

func TestPageEscapes(t *testing.T) {
	hostile := []struct {
		name, text string
	}{
		{"entity ESC", "&#27;[2J"},
		{"hex entity ESC", "&#x1b;]52;c;SGVsbG8=&#x07;"},
		{"raw ESC", "\x1b[31m"},
		{"C1 CSI entity", "&#155;6n"},
		{"raw C1 CSI", "\u009b6n"},
		{"bidi override", "\u202e"},
		{"NUL", "&#0;"},
	}
	for _, h := range hostile {
		t.Run(h.name, func(t *testing.T) {
			x := h.text
			body := `<div class="sv-text-portlet"><div class="sv-text-portlet-content">
				<p>Före` + x + `efter.</p>
				<p><a href="/sida` + x + `.html">länk` + x + `</a></p>
				<img src="/bild.jpg" alt="bild` + x + `">
				</div></div>`
			related := `<aside><h2>Relaterade nyheter</h2><ul>
				<li><a href="/n` + x + `.html"><h3>Rubrik` + x + `</h3></a><p>14 juni 2022</p><p>Ingress` + x + `</p></li></ul></aside>`
			page := strings.Replace(string(sitevision(body, related)), "<h1 class=\"heading\">", "<h1 class=\"heading\">"+x, 1)
			art := mustPage(t, []byte(page), articleURL)
			for _, s := range articleStrings(art) {
				if hasControl(s) {
					t.Errorf("control character survives in %q", s)
				}
			}
			if !strings.Contains(art.Markdown, "Före") || !strings.Contains(art.Markdown, "efter.") {
				t.Errorf("the text around the escape is lost:\n%s", art.Markdown)
			}
			var listing strings.Builder
			for i := range 3 {
				fmt.Fprintf(&listing, `<li><a href="/n%d.html"><h3>Rubrik%s</h3></a><p>14 juni 2022</p><p>Ingress%s</p></li>`, i, x, x)
			}
			items, err := Listing([]byte(listing.String()), articleURL)
			if err != nil {
				t.Fatalf("Listing: %v", err)
			}
			for _, l := range items {
				for _, s := range []string{l.URL, l.Title, l.Teaser} {
					if hasControl(s) {
						t.Errorf("control character survives in listing %q", s)
					}
				}
			}
		})
	}
}

func TestPageUnsafeLinks(t *testing.T) {
	body := `<div class="sv-text-portlet"><div class="sv-text-portlet-content">
		<p><a href="javascript:alert(1)">Klicka här</a> och
		<a href="JaVaScRiPt:alert(2)">här</a>,
		<a href="vbscript:msgbox(3)">där</a>,
		<a href=" data:text/html;base64,PHNjcmlwdD4=">data</a>,
		<a href="mailto:info@example.se">info@example.se</a>,
		<a href="#toppen">till toppen</a>.</p>
		<img src="data:image/png;base64,iVBORw0KGgo=" alt="Inbäddad bild">
		<img src="javascript:alert(4)">
		</div></div>`
	art := mustPage(t, sitevision(body, ""), articleURL)
	for _, want := range []string{"Klicka här", "här", "där", "data", "info@example.se", "till toppen", "Inbäddad bild"} {
		if !strings.Contains(art.Markdown, want) {
			t.Errorf("Markdown lost the text %q:\n%s", want, art.Markdown)
		}
	}
	for _, unwanted := range []string{"javascript", "JaVaScRiPt", "vbscript", "data:", "mailto", "](", "#toppen"} {
		if strings.Contains(art.Markdown, unwanted) {
			t.Errorf("Markdown contains %q:\n%s", unwanted, art.Markdown)
		}
	}
	if len(art.Links) != 0 {
		t.Errorf("Links = %q, want none", art.Links)
	}
}

func TestPageDeepNesting(t *testing.T) {
	tests := []struct {
		depth   int
		wantErr error
	}{
		{100, nil},
		{10_000, errTooDeep},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.depth), func(t *testing.T) {
			page := "<html><body><main><h1>Djup</h1>" + strings.Repeat("<div>", tt.depth) +
				"<p>Längst ner.</p>" + strings.Repeat("</div>", tt.depth) + "</main></body></html>"
			art, err := Page([]byte(page), articleURL)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Page error = %v, want %v", err, tt.wantErr)
			}
			if err == nil && !strings.Contains(art.Markdown, "Längst ner.") {
				t.Errorf("Markdown = %q", art.Markdown)
			}
			if _, err := Listing([]byte(page), articleURL); !errors.Is(err, tt.wantErr) && !errors.Is(err, errNoListing) {
				t.Errorf("Listing error = %v", err)
			}
		})
	}
}

func TestPageBadURL(t *testing.T) {
	for _, u := range []string{"", "/nyheter/x.html", "ftp://example.se/x", "http://%zz"} {
		if _, err := Page([]byte("<p>x</p>"), u); err == nil {
			t.Errorf("Page(%q) gave no error", u)
		}
	}
}

func TestListing(t *testing.T) {
	rkItem := func(slug, title, date, iso, teaser string) string {
		return `<li class="rk-news-item"><a class="rk-news-link" href="/nyheter/` + slug + `.html"><h3 class="rk-news-title">` + title + `</h3></a>
			<p class="rk-news-date"><time datetime="` + iso + `">` + date + `</time></p><p class="rk-news-teaser">` + teaser + `</p></li>`
	}
	rkListing := strings.Replace(sitevisionPage, "BODY", `<h1>Nyheter</h1><ul class="rk-news-list">`+
		rkItem("c", "Tredje", "22 november 2022", "2022-11-22", "Teaser C")+
		rkItem("b", "Andra", "14 juni 2022", "2022-06-14", "Teaser B")+
		rkItem("a", "Första", "1 juni 2022", "2022-06-01", "Teaser A")+
		`</ul><p><a href="?page=2">Nästa sida</a></p>`, 1)
	rkListing = strings.Replace(rkListing, "RELATED", "", 1)

	plainItem := func(href, title, date, teaser string) string {
		return `<article><h2><a href="` + href + `">` + title + `</a></h2><p>` + date + `</p><p>` + teaser + `</p></article>`
	}
	plain := `<html lang="sv"><body><h1>Pressmeddelanden</h1>` +
		plainItem("/press/3", "Tre", "14 juni 2022", "Tredje texten.") +
		plainItem("https://other.example/x", "Annan webbplats", "13 juni 2022", "Hoppas över.") +
		plainItem("/press/2", "Två", "12 juni 2022", "Andra texten.") +
		plainItem("/press/1", "Ett", "2022-06-10", "Första texten.") +
		`<footer><a href="/kontakt">Kontakt</a></footer></body></html>`

	tests := []struct {
		name    string
		page    string
		want    []Link
		wantErr error
	}{
		{"Sitevision listing", rkListing, []Link{
			{URL: "https://www.regionkronoberg.se/nyheter/c.html", Title: "Tredje", Teaser: "Teaser C", Published: time.Date(2022, 11, 22, 12, 0, 0, 0, parse.Stockholm)},
			{URL: "https://www.regionkronoberg.se/nyheter/b.html", Title: "Andra", Teaser: "Teaser B", Published: time.Date(2022, 6, 14, 12, 0, 0, 0, parse.Stockholm)},
			{URL: "https://www.regionkronoberg.se/nyheter/a.html", Title: "Första", Teaser: "Teaser A", Published: time.Date(2022, 6, 1, 12, 0, 0, 0, parse.Stockholm)},
		}, nil},
		{"plain articles", plain, []Link{
			{URL: "https://www.regionkronoberg.se/press/3", Title: "Tre", Teaser: "Tredje texten.", Published: time.Date(2022, 6, 14, 12, 0, 0, 0, parse.Stockholm)},
			{URL: "https://www.regionkronoberg.se/press/2", Title: "Två", Teaser: "Andra texten.", Published: time.Date(2022, 6, 12, 12, 0, 0, 0, parse.Stockholm)},
			{URL: "https://www.regionkronoberg.se/press/1", Title: "Ett", Teaser: "Första texten.", Published: time.Date(2022, 6, 10, 12, 0, 0, 0, parse.Stockholm)},
		}, nil},
		{"two items are not a listing", `<ul>` + rkItem("a", "A", "1 juni 2022", "2022-06-01", "") + rkItem("b", "B", "2 juni 2022", "2022-06-02", "") + `</ul>`,
			nil, errNoListing},
		{"links without dates are not a listing", `<ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li><li><a href="/c">C</a></li></ul>`,
			nil, errNoListing},
		{"an article page is not a listing", string(sitevision(sitevisionBody, "")), nil, errNoListing},
		{"empty", ``, nil, errNoListing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Listing([]byte(tt.page), "https://www.regionkronoberg.se/nyheter/")
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error = %v, want %v", err, tt.wantErr)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d items, want %d: %+v", len(got), len(tt.want), got)
			}
			for i := range got {
				g, w := got[i], tt.want[i]
				if g.URL != w.URL || g.Title != w.Title || g.Teaser != w.Teaser || !g.Published.Equal(w.Published) {
					t.Errorf("item %d =\n %+v\nwant\n %+v", i, g, w)
				}
			}
		})
	}
}

func TestFixtureSite(t *testing.T) {
	site := demosite.Files()
	articles, _ := fs.Glob(site, "nyheter/20*.html")
	if len(articles) == 0 {
		t.Fatal("no fixture site")
	}
	for _, path := range articles {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			b, err := fs.ReadFile(site, path)
			if err != nil {
				t.Fatal(err)
			}
			pageURL := "https://www.regionkronoberg.se/nyheter/" + name
			art := mustPage(t, b, pageURL)
			if art.method != methodSitevision || art.Title == "" || art.Published.IsZero() {
				t.Errorf("method %q, Title %q, Published %v", art.method, art.Title, art.Published)
			}
			if day := name[:len("2006-01-02")]; art.Published.Format("2006-01-02") != day {
				t.Errorf("Published %v, the file name says %s", art.Published, day)
			}
			if len(art.Markdown) < 200 || len(art.Links) == 0 {
				t.Errorf("short Markdown or no links: %q", art.Markdown)
			}
			for _, unwanted := range []string{"kakor", "Huvudmeny", "Startsida", "Dela:", "Facebook", "Fler nyheter", "Box 1200", "Relaterade nyheter", "sv.PageContext", art.Title + "\n",
				"nytt fönster", "annan webbplats", "Bilden saknar", "bild2.jpg", "![]("} {
				if strings.Contains(art.Markdown, unwanted) {
					t.Errorf("Markdown contains %q", unwanted)
				}
			}
			for _, l := range art.Related {
				if !strings.HasPrefix(l.URL, "https://www.regionkronoberg.se/") || l.Title == "" || l.Published.IsZero() {
					t.Errorf("related link %+v", l)
				}
				if l.URL == pageURL {
					t.Errorf("the page is related to itself")
				}
			}
		})
	}

	for _, listing := range []string{"index.html", "arkiv.html"} {
		t.Run(listing, func(t *testing.T) {
			b, err := fs.ReadFile(site, "nyheter/"+listing)
			if err != nil {
				t.Fatal(err)
			}
			items, err := Listing(b, "https://www.regionkronoberg.se/nyheter/"+listing)
			if err != nil {
				t.Fatal(err)
			}
			if len(items) != len(articles) {
				t.Errorf("%d items, and the site has %d articles", len(items), len(articles))
			}
			for i, it := range items {
				file := "nyheter/" + path.Base(it.URL)
				if _, err := fs.Stat(site, file); err != nil || it.Title == "" || it.Teaser == "" {
					t.Errorf("item %+v: %v", it, err)
				}
				if i > 0 && it.Published.After(items[i-1].Published) {
					t.Errorf("item %d is newer than the one before it", i)
				}
			}
		})
	}
}

// linkNumbers returns the numbers in md as NumberLinks writes them: "[n]",
// the bracket not escaped, and not a link's text ("[n](…)").
func linkNumbers(md string) []string {
	var nums []string
	for _, m := range linkNumber.FindAllStringSubmatchIndex(md, -1) {
		if m[0] > 0 && md[m[0]-1] == '\\' || strings.HasPrefix(md[m[1]:], "(") {
			continue
		}
		nums = append(nums, md[m[2]:m[3]])
	}
	return nums
}

var linkNumber = regexp.MustCompile(`\[([0-9]+)\]`)

func FuzzPage(f *testing.F) {
	f.Add(string(sitevision(sitevisionBody, sitevisionRelated)))
	f.Add(blogPage)
	f.Add("<p>&#27;[2J<a href='javascript:x'>a</a><img src=data:x alt=&#155;>")
	f.Add("<aside><h2>Relaterade nyheter</h2><h2>Relaterade nyheter</h2></aside>")
	f.Add(strings.Repeat("<li><a href=/x>", 600))
	f.Add("<table><tr><td><table><a><b><p><i>" + strings.Repeat("</a><a href=/y>x", 50))
	f.Add(`<p>[a](javascript:x) <img alt="<javascript:y>" src=/b.jpg></p><b class=1><b class=2><p>z`)
	f.Add(`<p>[7] [1](x) <a href="/a">a</a>[2] <a href="/b"><img src="/c.jpg" alt="[9]"></a>(d)</p><p>https://e.se/[8]</p>`)
	f.Add("<meta charset=koi8-r><h1>\xf7\xc5\xd2\xc1</h1><p>\xe5\xe4\xf6")
	f.Fuzz(func(t *testing.T, page string) {
		if art, err := Page([]byte(page), articleURL); err == nil {
			for _, s := range articleStrings(art) {
				if hasControl(s) {
					t.Errorf("control character in %q", s)
				}
			}
			for _, l := range art.Links {
				if !isWebURL(l) {
					t.Errorf("link %q is no web address", l)
				}
			}
			if sanitize.Markdown(art.Markdown) != art.Markdown {
				t.Errorf("the Markdown holds a reference to a control character: %q", art.Markdown)
			}
			for _, target := range markdownTargets(art.Markdown) {
				if !isWebURL(target) {
					t.Errorf("the Markdown links to %q", target)
				}
			}
			for _, num := range linkNumbers(art.Markdown) {
				if n, err := strconv.Atoi(num); err != nil || n < 1 || n > len(art.Links) {
					t.Errorf("the Markdown has [%s], but %d links: %q", num, len(art.Links), art.Markdown)
				}
			}
		} else if strings.Contains(err.Error(), "\n") {
			t.Errorf("error is not one line: %q", err)
		}
		items, _ := Listing([]byte(page), articleURL)
		for _, l := range items {
			if hasControl(l.Title+l.Teaser+l.URL) || !isWebURL(l.URL) || strings.ContainsAny(l.Title, "\n\t") {
				t.Errorf("listing item %+v", l)
			}
		}
	})
}

func BenchmarkPage(b *testing.B) {
	var body strings.Builder
	body.WriteString(`<div class="sv-text-portlet"><div class="sv-text-portlet-content">`)
	for i := 0; body.Len() < 50_000; i++ {
		fmt.Fprintf(&body, `<p class="normal">Stycke %d om <strong>kompetensförsörjning</strong> i Kronoberg, med en <a href="/sida-%d.html">länk</a> och ”citat” – som på riktigt.</p>`, i, i)
		if i%10 == 0 {
			fmt.Fprintf(&body, `<h2 class="subheading">Rubrik %d</h2><ul><li>ett</li><li>två</li></ul>`, i)
		}
	}
	body.WriteString(`</div></div>`)
	page := sitevision(body.String(), sitevisionRelated)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Page(page, articleURL); err != nil {
			b.Fatal(err)
		}
	}
}

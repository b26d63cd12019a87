package ui

import (
	"fmt"
	"regexp"
	"strings"

	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
)

// Links are shown the way newsboat, w3m and lynx show them: "text [n]" in
// the body, still an OSC 8 hyperlink where the terminal has them, and the
// URLs in a numbered list at the end ("Länkar"), so that a page that links
// a lot does not read as a URL every other line. Piped, `show` writes
// Markdown reference links instead: "[text][n]" and "[n]: URL" at the end.
//
// The article's Markdown has each link numbered " [n]" right after it
// (extract.NumberLinks). These rewrites work on that form.

// linkish finds, in order: a code span, which holds no links; an inline
// link or image with its number; an autolink in angle brackets; a bare
// address that GFM links. Each may be followed by its number " [n]".
var linkish = regexp.MustCompile("`[^`\\n]*`" +
	`|(!?\[(?:\\.|[^\[\]\\\n]|\[(?:\\.|[^\[\]\\\n])*\])*\]\((?:<[^>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+"[^"\n]*")?\))( \[\d+\])?` +
	`|<((?:https?://|www\.)[^>\s]+)>( \[\d+\])?` +
	`|((?:https?://|www\.)[^\s<>\[\]]+)( \[\d+\])?`)

// trailing is what GFM leaves out of the end of a bare address.
const trailing = ".,:;!?'\")*_~"

// displayLinks prepares numbered Markdown for the reader's renderer, whose
// link style writes no URL: each link stays a link (for OSC 8) with its
// number right after it, and an address written out becomes a link whose
// text is the address, since it has no other text to show.
func displayLinks(md string) string {
	return rewriteLinks(md, func(m string, p []string) string {
		switch {
		case p[1] != "":
			return p[1] + strings.TrimPrefix(p[2], " ")
		case p[3] != "":
			return addressLink(p[3]) + strings.TrimPrefix(p[4], " ")
		case p[5] != "":
			url, rest := p[5], ""
			if p[6] == "" {
				cut := strings.TrimRight(url, trailing)
				url, rest = cut, url[len(cut):]
			}
			return addressLink(url) + rest + strings.TrimPrefix(p[6], " ")
		}
		return m // a code span
	})
}

// rewriteLinks replaces each match of linkish by what fn makes of it
// (m the match, p its groups). An address just after "](" is a
// link's destination that the link pattern did not take whole (text it
// cannot read): it is left as it is rather than made a link in a link.
func rewriteLinks(md string, fn func(m string, p []string) string) string {
	var b strings.Builder
	last := 0
	for _, loc := range linkish.FindAllStringSubmatchIndex(md, -1) {
		start, end := loc[0], loc[1]
		m := md[start:end]
		b.WriteString(md[last:start])
		last = end
		if loc[10] >= 0 && strings.HasSuffix(md[:start], "](") {
			b.WriteString(m)
			continue
		}
		p := make([]string, len(loc)/2)
		for i := range p {
			if loc[2*i] >= 0 {
				p[i] = md[loc[2*i]:loc[2*i+1]]
			}
		}
		b.WriteString(fn(m, p))
	}
	b.WriteString(md[last:])
	return b.String()
}

// addressLink is an address written out, as a link with itself as text.
func addressLink(url string) string {
	if url == "" {
		return ""
	}
	href := url
	if strings.HasPrefix(href, "www.") {
		href = "http://" + href
	}
	return fmt.Sprintf("[%s](%s)", escapeText(url), href)
}

// referenceLinks turns numbered Markdown into Markdown with reference
// links, "[text][n]", and the definitions "[n]: URL" at the end.
func referenceLinks(md string, links []string) string {
	md = rewriteLinks(md, func(m string, p []string) string {
		switch {
		case p[1] != "" && p[2] != "":
			text := p[1][:strings.LastIndex(p[1], "](")+1]
			return text + strings.TrimPrefix(p[2], " ")
		case p[3] != "" && p[4] != "":
			return "[" + escapeText(p[3]) + "]" + strings.TrimPrefix(p[4], " ")
		case p[5] != "" && p[6] != "":
			return "[" + escapeText(p[5]) + "]" + strings.TrimPrefix(p[6], " ")
		}
		return m
	})
	if len(links) == 0 {
		return md
	}
	var b strings.Builder
	b.WriteString(strings.TrimRight(md, "\n"))
	b.WriteString("\n\n")
	for i, l := range links {
		fmt.Fprintf(&b, "[%d]: %s\n", i+1, l)
	}
	return b.String()
}

// glamourStyle is the Glamour style of that name, with links and images
// as the reader shows them: no URL after the text, and an image as its
// alt text after the word for image ("Bild: …").
func glamourStyle(name, imageWord string) ansi.StyleConfig {
	var cfg ansi.StyleConfig
	switch name {
	case styleLight:
		cfg = styles.LightStyleConfig
	case stylePlain:
		cfg = styles.NoTTYStyleConfig
	default:
		cfg = styles.DarkStyleConfig
	}
	const nothing = `{{/* the URL is in the list of links */}}`
	cfg.Link.Format = nothing
	cfg.Image.Format = nothing
	cfg.ImageText.Format = imageWord + ": {{.text}}"
	return cfg
}

// linkLines is the numbered list of the article's links, for the end of
// the reader and of `show` on a terminal.
func linkLines(links []string, heading string, st uiStyles) []string {
	if len(links) == 0 {
		return nil
	}
	width := len(fmt.Sprint(len(links))) + 2
	out := []string{relatedMargin + st.relatedHeading.Render(heading)}
	for i, l := range links {
		n := fmt.Sprintf("[%d]", i+1)
		out = append(out, relatedMargin+"  "+st.relatedDate.Render(n+strings.Repeat(" ", width-len(n)))+" "+l)
	}
	return out
}

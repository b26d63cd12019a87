package htmltext

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func TestFragment(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs", "<p>Ett.</p><p>Två.</p>", "\n\nEtt.\n\n\n\nTvå.\n\n"},
		{"line break", "a<br>b</br>c<br/>d", "a\nb\nc\nd"},
		{"white space folds", "<b> a \n\t b </b>c", " a b c"},
		{"entities", "<i>&amp; &rdquo;x&rdquo;&nbsp;y</i>", "& ”x” y"}, // a no-break space is white space too
		{"code and metadata have no text", "<head><title>T</title></head><script>s()</script><style>p{}</style><svg><text>v</text></svg>x", "x"},
		{"cells and images separate words", "<table><tr><td>a</td><td>b</td><th>c</th></tr></table>d<img src=x>e", "\n\n\n\na b c\n\n\n\nd e"},
		{"no space twice", "a <img src=x>b", "a b"},
		{"plain text keeps its lines", "Rad ett\nrad  två &amp; tre", "Rad ett\nrad  två & tre"},
		{"a lone less-than is text", "a < b", "a < b"},
		{"unclosed script hides the rest", "a<script>b", "a"},
		{"assistive link text", `<a href="/x">Läs mer om Kulturrådet<span class="env-assistive-text">, öppnas i nytt fönster</span></a>`, "Läs mer om Kulturrådet"},
		{"assistive caption words", `<figcaption><span class="sr-only">Photo</span> <span class="visually-hidden">Credit</span>Kevin Frayer</figcaption>`, "\n\n Kevin Frayer\n\n"},
		{"assistive text nested in its own kind", `<span class="screen-reader-text">a<span>b</span>c</span>d`, "d"},
		{"an assistive image hides nothing after it", `a<img class="sr-only" src=x>b`, "a b"},
		{"a class that only contains the word", `<span class="not-sr-only-here">synlig</span>`, "synlig"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fragment(tt.in); got != tt.want {
				t.Errorf("Fragment(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestNodeReadsAsFragment checks that a tree reads as the same words, with
// the same breaks, as the string it was parsed from.
func TestNodeReadsAsFragment(t *testing.T) {
	for _, s := range []string{
		"<div><h2>Rubrik</h2><ul><li>ett</li><li>två <b>tre</b></li></ul></div>",
		"<p>Hej <a href=x>du</a> där!<br>Ny rad.</p><script>x()</script>",
		"<table><tr><td>a</td><td>b</td></tr></table><p>c<img src=y>d</p>",
		`<p><a href=x>Läs mer<span class="env-assistive-text">, öppnas i nytt fönster</span></a> här.</p>`,
	} {
		root := parseDiv(t, s)
		if got, want := tidy(Node(root)), tidy(Fragment(s)); got != want {
			t.Errorf("%q:\nNode     %q\nFragment %q", s, got, want)
		}
	}
}

// tidy folds blank lines and the spaces around line breaks.
func tidy(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" || len(lines) > 0 && lines[len(lines)-1] != "" {
			lines = append(lines, l)
		}
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

func TestIsBlock(t *testing.T) {
	for a, want := range map[atom.Atom]bool{atom.P: true, atom.Li: true, atom.Td: true, atom.Br: false, atom.Img: false, atom.B: false, atom.Script: false} {
		if IsBlock(a) != want {
			t.Errorf("IsBlock(%s) = %v", a, !want)
		}
	}
}

// TestPrefix checks that a prefix is the start of the node's text, whole
// when the text is short, and that a long text is not read to its end.
func TestPrefix(t *testing.T) {
	root := parseDiv(t, "<p>Publicerad 14 juni 2022</p><p>"+strings.Repeat("Region Kronoberg satsar på vården. ", 200)+"</p><p>Slut.</p>")
	all := Node(root)
	for _, tt := range []struct {
		max       int
		wantWhole bool
	}{
		{len(all), true},
		{len(all) - 1, false},
		{40, false},
	} {
		got, whole := Prefix(root, tt.max)
		if whole != tt.wantWhole || !strings.HasPrefix(all, got) || len(got) < min(tt.max, len(all)) {
			t.Errorf("Prefix(%d) = %d bytes, whole %v; want at least %d bytes of the text, whole %v", tt.max, len(got), whole, tt.max, tt.wantWhole)
		}
		if tt.max < len(all)/2 && strings.Contains(got, "Slut.") {
			t.Errorf("Prefix(%d) read to the end", tt.max)
		}
	}
}

func parseDiv(t *testing.T, s string) *html.Node {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		t.Fatal(err)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return root
}

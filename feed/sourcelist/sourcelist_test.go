package sourcelist

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseReadsNewsboatsUrlsFile(t *testing.T) {
	in := `# Kronobergs län
https://www.regionkronoberg.se/nyheter/ Region Kronoberg

https://www.vaxjo.se/nyheter.rss kommun "~Växjö kommun"
https://www.smp.se/rss
	https://www.ljungby.se/nyheter/ "Ljungby"
`
	got, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{"https://www.regionkronoberg.se/nyheter/", "Region Kronoberg"},
		{"https://www.vaxjo.se/nyheter.rss", "Växjö kommun"},
		{"https://www.smp.se/rss", ""},
		{"https://www.ljungby.se/nyheter/", "Ljungby"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestParseRefusesWhatIsNoList(t *testing.T) {
	for in, says := range map[string]string{
		"ftp://example.org/feed":                           `line 1: "ftp://example.org/feed" is not an http or https address`,
		"https://a.se/\n# x\nhttps://a.se/ Igen":           "line 3: https://a.se/ is listed already, on line 1",
		"Region Kronoberg https://www.regionkronoberg.se/": "line 1",
	} {
		if _, err := Parse(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("Parse(%q) = %v, want an error saying %q", in, err, says)
		}
	}
}

func TestWriteThenReadIsTheSameList(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nyss", "sources")
	if _, exists, err := Read(path); exists || err != nil {
		t.Fatalf("no file: exists %v, %v", exists, err)
	}
	list := []Entry{{"https://www.regionkronoberg.se/nyheter/", "Region Kronoberg"}, {"https://www.smp.se/rss", ""}}
	if err := Write(path, list); err != nil {
		t.Fatal(err)
	}
	got, exists, err := Read(path)
	if err != nil || !exists || !slices.Equal(got, list) {
		t.Errorf("read back %q, %v, %v", got, exists, err)
	}
	if fi, _ := os.Stat(filepath.Dir(path)); fi.Mode().Perm() != 0o700 {
		t.Errorf("the directory is %v", fi.Mode().Perm())
	}
}

func TestFindByURLOrName(t *testing.T) {
	list := []Entry{{"https://a.se/", "Växjö kommun"}, {"https://b.se/", ""}}
	for ref, want := range map[string]int{"https://b.se/": 1, "växjö KOMMUN": 0, "Ljungby": -1} {
		if got := Find(list, ref); got != want {
			t.Errorf("Find(%q) = %d, want %d", ref, got, want)
		}
	}
}

// A newsboat export comes in whole: folders flattened, a URL once, and
// what is no web address left out.
func TestOPMLFromNewsboat(t *testing.T) {
	data, err := os.ReadFile("testdata/newsboat.opml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseOPML(data)
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{"https://www.regionkronoberg.se/nyheter/", "Region Kronoberg"},
		{"https://www.vaxjo.se/nyheter.rss", "Växjö kommun – nyheter"},
		{"https://www.smp.se/rss", "Smålandsposten"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}

	// Out and in again: the same list.
	var out bytes.Buffer
	if err := WriteOPML(&out, got); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `<opml version="2.0">`) {
		t.Errorf("not OPML 2.0:\n%s", out.String())
	}
	again, err := ParseOPML(out.Bytes())
	if err != nil || !slices.Equal(again, got) {
		t.Errorf("round trip: %q, %v", again, err)
	}
}

func TestOPMLThatIsNot(t *testing.T) {
	for _, in := range []string{"", "<html><body>hej</body></html>", `<opml version="2.0"><body><outline text="tom"/></body></opml>`, "<opml><body><outline"} {
		if _, err := ParseOPML([]byte(in)); err == nil {
			t.Errorf("ParseOPML(%q) took it", in)
		}
	}
}

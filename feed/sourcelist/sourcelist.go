// Package sourcelist is the list of sources a person reads: a text file
// they can edit by hand, one source a line, as newsboat's urls file, and
// OPML 2.0 to bring a list in from another reader and take it out again.
//
// The file is $XDG_CONFIG_HOME/nyss/sources (~/.config/nyss/sources):
//
//	# Nyheter i Kronobergs län
//	https://www.regionkronoberg.se/nyheter/ Region Kronoberg
//	https://www.vaxjo.se/nyheter.rss "~Växjö kommun"
//
// A line is a URL, then an optional name: the rest of the line, or, as
// newsboat writes it among tags, a quoted "~Name". Blank lines and lines
// starting with # are left out.
package sourcelist

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"nyss/feed/sanitize"
)

// Entry is one source: its URL as the person gave it, and a name for it
// ("" to use the feed's own title).
type Entry struct {
	URL  string
	Name string
}

// Path is where the list lives, from XDG_CONFIG_HOME, else HOME.
func Path(getenv func(string) string) string {
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" {
		dir = filepath.Join(getenv("HOME"), ".config")
	}
	return filepath.Join(dir, "nyss", "sources")
}

// Read reads the list at path; exists is false when there is no file, and
// the list is then empty (the caller's default applies).
func Read(path string) (entries []Entry, exists bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	entries, err = Parse(f)
	if err != nil {
		return nil, true, fmt.Errorf("%s: %w", path, err)
	}
	return entries, true, nil
}

// tildeName is newsboat's way to name a feed among its tags: "~Name".
var tildeName = regexp.MustCompile(`"~([^"]*)"`)

// Parse reads a list. A line whose first word is no http or https URL is
// an error naming the line; so is a URL listed twice.
func Parse(r io.Reader) ([]Entry, error) {
	var out []Entry
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		url, rest := line, ""
		if i := strings.IndexAny(line, " \t"); i >= 0 {
			url, rest = line[:i], line[i+1:]
		}
		if sanitize.URL(url) == "" {
			return nil, fmt.Errorf("line %d: %q is not an http or https address", n, sanitize.Line(url))
		}
		if first, dup := seen[url]; dup {
			return nil, fmt.Errorf("line %d: %s is listed already, on line %d", n, url, first)
		}
		seen[url] = n
		name := strings.TrimSpace(rest)
		if m := tildeName.FindStringSubmatch(name); m != nil {
			name = m[1]
		} else {
			name = strings.Trim(name, `"`)
		}
		out = append(out, Entry{URL: url, Name: sanitize.Line(name)})
	}
	return out, sc.Err()
}

// header opens a list nyss writes.
const header = `# nyss: the sources to read, one a line: a URL, then an optional name.
# Edit by hand, or with nyss sources add/rm/import.
`

// Write writes the list to path whole, or not at all: through a file
// beside it that is renamed over it.
func Write(path string, entries []Entry) error {
	var b bytes.Buffer
	b.WriteString(header)
	for _, e := range entries {
		b.WriteString(e.URL)
		if e.Name != "" {
			b.WriteString(" " + e.Name)
		}
		b.WriteByte('\n')
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".sources-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone once renamed
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Find is the index of the entry named ref, by its URL or, ignoring case,
// its name; -1 when there is none.
func Find(entries []Entry, ref string) int {
	for i, e := range entries {
		if e.URL == ref {
			return i
		}
	}
	for i, e := range entries {
		if e.Name != "" && strings.EqualFold(e.Name, ref) {
			return i
		}
	}
	return -1
}

// opml is the part of OPML 2.0 a list of feeds uses: outlines, nested in
// folders or not, each feed with its xmlUrl and a title or text.
type opml struct {
	XMLName xml.Name  `xml:"opml"`
	Version string    `xml:"version,attr"`
	Title   string    `xml:"head>title"`
	Body    []outline `xml:"body>outline"`
}

type outline struct {
	Type     string    `xml:"type,attr,omitempty"`
	Text     string    `xml:"text,attr"`
	Title    string    `xml:"title,attr,omitempty"`
	XMLURL   string    `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string    `xml:"htmlUrl,attr,omitempty"`
	Outlines []outline `xml:"outline"`
}

// ParseOPML reads the feeds of an OPML file, as newsboat, nom and most
// readers export them, folders flattened, in document order. A file that
// is not OPML, or holds no feed, is an error.
func ParseOPML(data []byte) ([]Entry, error) {
	var doc opml
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("not an OPML file: %w", err)
	}
	var out []Entry
	seen := map[string]bool{}
	var walk func([]outline)
	walk = func(os []outline) {
		for _, o := range os {
			if url := strings.TrimSpace(o.XMLURL); url != "" && sanitize.URL(url) != "" && !seen[url] {
				seen[url] = true
				name := o.Title
				if name == "" {
					name = o.Text
				}
				out = append(out, Entry{URL: url, Name: sanitize.Line(name)})
			}
			walk(o.Outlines)
		}
	}
	walk(doc.Body)
	if len(out) == 0 {
		return nil, errors.New("the OPML file lists no feed (no outline with an xmlUrl)")
	}
	return out, nil
}

// WriteOPML writes the list as OPML 2.0.
func WriteOPML(w io.Writer, entries []Entry) error {
	doc := opml{Version: "2.0", Title: "nyss"}
	for _, e := range entries {
		text := e.Name
		if text == "" {
			text = e.URL
		}
		doc.Body = append(doc.Body, outline{Type: "rss", Text: text, Title: e.Name, XMLURL: e.URL})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

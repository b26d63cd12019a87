package ui

import (
	"strings"
	"time"
	"unicode/utf8"

	"nyss/feed"
)

// headlines are the list's items, kept compact: a list of 50,000 holds
// them all for the whole day, so each keeps what its row shows and the
// filters test in 32 bytes besides its title: the titles in one string,
// its month and source as indexes into short tables. at gives one back as
// a feed.Headline.
type headlines struct {
	rows    []compactHeadline
	titles  string
	months  []feed.Month
	sources []string
}

type compactHeadline struct {
	id            int64
	published     int64  // Unix seconds, when dated
	titleAt       uint32 // where its title starts in titles
	titleLen      uint16
	month, source uint16
	dated         bool
	cached, read  bool
}

func newHeadlines(hs []feed.Headline) headlines {
	h := headlines{rows: make([]compactHeadline, len(hs))}
	months, sources := map[feed.Month]uint16{}, map[string]uint16{}
	// The titles are copied into one string, so that what they were cut
	// from (a snapshot with its numbers, or a row each) can go. A title is
	// one line of a headline: 64 KB of it is more than any screen shows.
	var titles strings.Builder
	size := 0
	for _, it := range hs {
		size += min(len(it.Title), 1<<16-1)
	}
	titles.Grow(size) // grown by doubling, it would keep up to twice that
	for i, it := range hs {
		title := cutAt(it.Title, 1<<16-1)
		c := compactHeadline{id: it.ID, titleAt: uint32(titles.Len()), titleLen: uint16(len(title)), cached: it.Cached, read: it.Read, dated: !it.Published.IsZero(),
			month: indexOf(months, &h.months, it.Month), source: indexOf(sources, &h.sources, it.Source)}
		if c.dated {
			c.published = it.Published.Unix()
		}
		h.rows[i] = c
		titles.WriteString(title)
	}
	h.titles = titles.String()
	return h
}

// cutAt is s cut to at most n bytes, at the start of a character.
func cutAt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// indexOf is v's place in list, adding it when new; table remembers the
// places.
func indexOf[T comparable](table map[T]uint16, list *[]T, v T) uint16 {
	i, ok := table[v]
	if !ok {
		i = uint16(len(*list))
		table[v] = i
		*list = append(*list, v)
	}
	return i
}

func (h headlines) len() int { return len(h.rows) }

// at is headline i.
func (h headlines) at(i int) feed.Headline {
	c := &h.rows[i]
	out := feed.Headline{ID: c.id, Title: h.title(i), Month: h.months[c.month], Source: h.sources[c.source],
		Cached: c.cached, Read: c.read}
	if c.dated {
		out.Published = time.Unix(c.published, 0)
	}
	return out
}

func (h headlines) id(i int) int64 { return h.rows[i].id }

func (h headlines) title(i int) string {
	c := &h.rows[i]
	return h.titles[c.titleAt : c.titleAt+uint32(c.titleLen)]
}

func (h headlines) read(i int) bool         { return h.rows[i].read }
func (h headlines) month(i int) feed.Month  { return h.months[h.rows[i].month] }
func (h headlines) source(i int) string     { return h.sources[h.rows[i].source] }
func (h headlines) setRead(i int, r bool)   { h.rows[i].read = r }
func (h headlines) setCached(i int, c bool) { h.rows[i].cached = c }

// index is the place of item id, or -1.
func (h headlines) index(id int64) int {
	for i := range h.rows {
		if h.rows[i].id == id {
			return i
		}
	}
	return -1
}

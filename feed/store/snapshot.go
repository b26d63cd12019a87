package store

import (
	"encoding/binary"
	"errors"
	"time"
)

// The headline snapshot's encoding: a format byte, the count, then per
// headline the ID, the title as length-prefixed bytes, the publication
// time, and a flags byte. Lengths, not separators, so that no title can
// break a record. A snapshot of another format is stale, like one of
// another generation.

// snapshotFormat 2 dropped the month, which is computed when read; 3 added
// the sort time and the place in the feed, which merging sources needs.
const snapshotFormat = 3

const (
	flagCached = 1 << iota
	flagRead
	flagDated
)

var errSnapshot = errors.New("damaged headline snapshot")

func encodeHeadlines(hs []Headline) []byte {
	b := binary.AppendUvarint([]byte{snapshotFormat}, uint64(len(hs)))
	for _, h := range hs {
		var flags byte
		if h.Cached {
			flags |= flagCached
		}
		if h.Read {
			flags |= flagRead
		}
		if !h.Published.IsZero() {
			flags |= flagDated
		}
		b = binary.AppendVarint(b, h.ID)
		b = append(binary.AppendUvarint(b, uint64(len(h.Title))), h.Title...)
		b = binary.AppendVarint(b, h.Published.Unix())
		b = append(b, flags)
		b = binary.AppendVarint(b, h.sortTime)
		b = binary.AppendVarint(b, int64(h.position))
	}
	return b
}

func decodeHeadlines(body []byte, sourceID int64) ([]Headline, error) {
	if len(body) == 0 || body[0] != snapshotFormat {
		return nil, errSnapshot
	}
	// Titles are cut out of one string: one allocation, not one per
	// headline.
	all := string(body)
	b := body[1:]
	n, b, ok := uvarint(b)
	if !ok || n > uint64(len(b)) {
		return nil, errSnapshot
	}
	hs := make([]Headline, n)
	for i := range hs {
		h := &hs[i]
		h.SourceID = sourceID
		var unix int64
		if h.ID, b, ok = varint(b); !ok {
			return nil, errSnapshot
		}
		if h.Title, b, ok = lengthPrefixed(all, body, b); !ok {
			return nil, errSnapshot
		}
		if unix, b, ok = varint(b); !ok || len(b) == 0 {
			return nil, errSnapshot
		}
		flags := b[0]
		b = b[1:]
		h.Cached, h.Read = flags&flagCached != 0, flags&flagRead != 0
		if flags&flagDated != 0 {
			h.Published = time.Unix(unix, 0)
		}
		var pos int64
		if h.sortTime, b, ok = varint(b); !ok {
			return nil, errSnapshot
		}
		if pos, b, ok = varint(b); !ok {
			return nil, errSnapshot
		}
		h.position = int(pos)
	}
	if len(b) != 0 {
		return nil, errSnapshot
	}
	return hs, nil
}

func uvarint(b []byte) (uint64, []byte, bool) {
	v, n := binary.Uvarint(b)
	if n <= 0 {
		return 0, b, false
	}
	return v, b[n:], true
}

func varint(b []byte) (int64, []byte, bool) {
	v, n := binary.Varint(b)
	if n <= 0 {
		return 0, b, false
	}
	return v, b[n:], true
}

// lengthPrefixed reads a length and that many bytes at the start of b, a
// tail of body, and returns them as the same bytes of all (body as a string).
func lengthPrefixed(all string, body, b []byte) (string, []byte, bool) {
	n, b, ok := uvarint(b)
	if !ok || n > uint64(len(b)) {
		return "", b, false
	}
	start := len(body) - len(b)
	return all[start : start+int(n)], b[n:], true
}

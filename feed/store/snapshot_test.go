package store

import (
	"slices"
	"testing"
	"time"
)

func TestHeadlineEncodingRoundTripsAndRefusesDamage(t *testing.T) {
	hs := []Headline{
		{ID: 1, SourceID: 4, Title: "Delfin från Alvesta ställs ut", Published: time.Unix(1668412800, 0), Cached: true},
		{ID: 300000, SourceID: 4, Title: "Utan datum – och \x1e avgränsare", Read: true},
		{ID: 7, SourceID: 4, Title: "", Published: time.Unix(-1, 0)},
	}
	body := encodeHeadlines(hs)
	got, err := decodeHeadlines(body, 4)
	if err != nil || !slices.Equal(got, hs) {
		t.Fatalf("round trip: %v\n got %+v\nwant %+v", err, got, hs)
	}
	for n := range len(body) {
		if _, err := decodeHeadlines(body[:n], 4); err == nil {
			t.Errorf("a snapshot cut to %d of %d bytes was read", n, len(body))
		}
	}
	if _, err := decodeHeadlines(append(body, 0), 4); err == nil {
		t.Error("a snapshot with a trailing byte was read")
	}
	older := append([]byte{snapshotFormat - 1}, body[1:]...)
	if _, err := decodeHeadlines(older, 4); err == nil {
		t.Error("a snapshot of an older format was read")
	}
}

package similar

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/cases"
)

// news is a small cache: three articles about industry and skills, one about
// health care, and one that shares nothing with the others.
var news = []Doc{
	{1, "Industrin behöver kompetens", "Företagen inom industri i Kronoberg söker kompetens. Utbildning och kompetens är nyckeln för industri."},
	{2, "Ny satsning på kompetens inom industri", "Regionen satsar på utbildning så att industri och företagen hittar kompetens."},
	{3, "Vården öppnar vårdcentral i Alvesta", "Patienter får vård närmare hemmet. Vårdcentral och vård för patienter i Alvesta."},
	{4, "Kompetens till industri", "Industri i Växjö och Ljungby: kompetens, utbildning, företagen."},
	{5, "Konsert i parken", "Musik och sång hela kvällen."},
}

func TestNearestClusters(t *testing.T) {
	ix := NewIndex(news)
	got := ix.Nearest(1, 10)
	if len(got) < 2 || !sameSet(got[:2], []int64{2, 4}) {
		t.Fatalf("Nearest(1) = %v, want the industry articles 2 and 4 first", got)
	}
	if slices.Contains(got, 3) || slices.Contains(got, 5) {
		t.Errorf("Nearest(1) = %v, want neither the health care article 3 nor the concert 5", got)
	}
	if got := ix.Nearest(3, 10); len(got) != 0 {
		t.Errorf("Nearest(3) = %v, want nothing: no other article is about vård", got)
	}
}

func TestNearestRules(t *testing.T) {
	ix := NewIndex(news)
	tests := []struct {
		name string
		id   int64
		k    int
		want int // how many IDs
	}{
		{"k respected", 1, 1, 1},
		{"all the similar ones", 1, 10, 2},
		{"k zero", 1, 0, 0},
		{"k negative", 1, -1, 0},
		{"unknown id", 99, 5, 0},
		{"nothing alike", 5, 5, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ix.Nearest(tt.id, tt.k)
			if len(got) != tt.want {
				t.Errorf("Nearest(%d, %d) = %v, want %d IDs", tt.id, tt.k, got, tt.want)
			}
			if slices.Contains(got, tt.id) {
				t.Errorf("Nearest(%d, %d) = %v contains the doc itself", tt.id, tt.k, got)
			}
		})
	}
}

func TestNearestNeverSelfWithDuplicates(t *testing.T) {
	docs := []Doc{{1, "Samma text", "industri kompetens"}, {1, "Annan", "vård"}, {2, "Samma text", "industri kompetens"}, {3, "x", "vård"}}
	ix := NewIndex(docs)
	if got := ix.Nearest(1, 5); !slices.Equal(got, []int64{2}) {
		t.Errorf("Nearest(1) = %v, want [2] (the first doc with ID 1 counts)", got)
	}
}

func TestEmptyIndex(t *testing.T) {
	for _, ix := range []*Index{NewIndex(nil), NewIndex([]Doc{}), NewIndex([]Doc{{ID: 1}})} {
		if got := ix.Nearest(1, 5); len(got) != 0 {
			t.Errorf("Nearest on an empty index = %v", got)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Vård och VARD", "vård vard"},
		{"Åsa, Älmhult & Öland", "åsa älmhult öland"},
		{"Det är år 2022 i Växjö", "2022 växjö"},
		{"e-hälsa x 1a", "hälsa 1a"},
		{"STRASSE Straße", "strasse strasse"},
	}
	fold := cases.Fold()
	for _, tt := range tests {
		if got := strings.Join(words(fold.String(tt.in)), " "); got != tt.want {
			t.Errorf("words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkNearest(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	vocabulary := make([]string, 5000)
	for i := range vocabulary {
		vocabulary[i] = fmt.Sprintf("ord%d", i)
	}
	text := func(n int) string {
		w := make([]string, n)
		for i := range w {
			// Squaring skews the choice so that some words are common, as in news.
			f := rng.Float64()
			w[i] = vocabulary[int(f*f*float64(len(vocabulary)))]
		}
		return strings.Join(w, " ")
	}
	docs := make([]Doc, 1000)
	for i := range docs {
		docs[i] = Doc{ID: int64(i + 1), Title: text(8), Body: text(300)}
	}
	ix := NewIndex(docs)
	b.ResetTimer()
	id := int64(0)
	for b.Loop() {
		id = id%1000 + 1
		ix.Nearest(id, 5)
	}
}

func sameSet(a, b []int64) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

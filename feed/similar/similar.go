// Package similar finds the cached articles nearest to one article by text,
// for the "related articles" list of pages that have none of their own.
//
// It is plain TF-IDF with cosine similarity: words that many articles share
// ("region", "Kronoberg") count little, words that few share count much, and
// a word in the title counts as much as several in the body.
package similar

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
)

// Doc is one article to index.
type Doc struct {
	ID    int64
	Title string
	Body  string
}

// titleWeight is how many body words one title word is worth: a title says
// what an article is about in a few words.
const titleWeight = 3

// Index is a TF-IDF index over the docs (title weighted higher than body),
// Swedish stop words removed, words lower-cased with Unicode case folding
// that keeps å ä ö distinct from a and o.
//
// An Index does not change after NewIndex, so Nearest may be called from
// several goroutines at once.
type Index struct {
	ids      []int64         // doc position → ID
	position map[int64]int32 // ID → doc position
	vectors  [][]posting     // doc position → its terms (term = term number), unit length
	postings [][]posting     // term number → the docs holding it (term = doc position)
}

// posting is one weight of a sparse vector: a term's in a doc's vector, or a
// doc's in a term's list.
type posting struct {
	at     int32
	weight float32
}

// NewIndex indexes docs. A doc whose ID came before is ignored: the first
// one counts.
func NewIndex(docs []Doc) *Index {
	ix := &Index{position: make(map[int64]int32, len(docs))}
	fold := cases.Fold()
	terms := map[string]int32{}
	var counts []map[int32]float64 // per doc: term number → weighted count
	var docFreq []int              // per term: how many docs have it

	for _, d := range docs {
		if _, dup := ix.position[d.ID]; dup {
			continue
		}
		ix.position[d.ID] = int32(len(ix.ids))
		ix.ids = append(ix.ids, d.ID)

		count := map[int32]float64{}
		eachWord(fold, d.Title, d.Body, func(word string, weight float64) {
			t, ok := terms[word]
			if !ok {
				t = int32(len(terms))
				terms[word] = t
				docFreq = append(docFreq, 0)
			}
			if count[t] == 0 {
				docFreq[t]++
			}
			count[t] += weight
		})
		counts = append(counts, count)
	}

	n := float64(len(ix.ids))
	ix.vectors = make([][]posting, len(counts))
	ix.postings = make([][]posting, len(terms))
	for doc, count := range counts {
		vec := make([]posting, 0, len(count))
		var norm float64
		for t, c := range count {
			w := weight(c, docFreq[t], n)
			if w <= 0 {
				continue
			}
			vec = append(vec, posting{t, float32(w)})
			norm += w * w
		}
		norm = math.Sqrt(norm)
		for i := range vec {
			vec[i].weight = float32(float64(vec[i].weight) / norm)
			t := vec[i].at
			ix.postings[t] = append(ix.postings[t], posting{int32(doc), vec[i].weight})
		}
		slices.SortFunc(vec, func(a, b posting) int { return cmp.Compare(a.at, b.at) })
		ix.vectors[doc] = vec
	}
	return ix
}

// Nearest returns up to k IDs most similar to doc id by cosine similarity,
// best first, never id itself, only those with similarity > 0. An unknown id
// has no neighbours.
func (ix *Index) Nearest(id int64, k int) []int64 {
	me, ok := ix.position[id]
	if !ok || k <= 0 {
		return nil
	}
	// Vectors have unit length, so the dot product is the cosine; walking the
	// postings of this doc's terms touches only docs that share a word.
	scores := make([]float32, len(ix.ids))
	for _, term := range ix.vectors[me] {
		for _, p := range ix.postings[term.at] {
			scores[p.at] += term.weight * p.weight
		}
	}
	var hits []int32
	for doc, s := range scores {
		if s > 0 && int32(doc) != me {
			hits = append(hits, int32(doc))
		}
	}
	slices.SortFunc(hits, func(a, b int32) int {
		// Equal scores go by ID so that the list is the same every time.
		return cmp.Or(cmp.Compare(scores[b], scores[a]), cmp.Compare(ix.ids[a], ix.ids[b]))
	})
	out := make([]int64, 0, min(k, len(hits)))
	for _, doc := range hits[:min(k, len(hits))] {
		out = append(out, ix.ids[doc])
	}
	return out
}

// weight is a term's TF-IDF weight in a doc: count is its weighted count
// there, docFreq how many of n docs hold it.
func weight(count float64, docFreq int, n float64) float64 {
	// A word in every doc tells none apart: its idf is zero.
	idf := math.Log(n / float64(max(docFreq, 1)))
	return (1 + math.Log(count)) * idf
}

// eachWord calls add for every word of a doc that the index counts, with
// its weight: a title word counts titleWeight.
func eachWord(fold cases.Caser, title, body string, add func(word string, weight float64)) {
	for _, w := range words(fold.String(title)) {
		add(w, titleWeight)
	}
	for _, w := range words(fold.String(body)) {
		add(w, 1)
	}
}

// Terms counts a doc's words as the index counts them: folded, stop words
// left out, a title word worth titleWeight body words.
func Terms(title, body string) map[string]float64 {
	counts := map[string]float64{}
	eachWord(cases.Fold(), title, body, func(w string, weight float64) { counts[w] += weight })
	return counts
}

// Frequent returns up to k of a doc's terms (as Terms counts them) that
// occur in it most, best first.
func Frequent(counts map[string]float64, k int) []string {
	terms := make([]string, 0, len(counts))
	for t := range counts {
		terms = append(terms, t)
	}
	slices.SortFunc(terms, func(a, b string) int { return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(a, b)) })
	return terms[:min(k, len(terms))]
}

// Distinctive returns up to k of a doc's terms (as Terms counts them) with
// the highest TF-IDF weight, best first, where docFreq says in how many of
// n docs each term occurs. These are the words to look for in other docs
// to find its nearest, without an Index over all of them. A term in no doc
// finds none, and one in n or more tells none apart: both are left out, so
// n may be a cap on counting rather than the number of docs.
func Distinctive(counts map[string]float64, docFreq map[string]int, n, k int) []string {
	type scored struct {
		term string
		w    float64
	}
	var all []scored
	for t, c := range counts {
		if docFreq[t] == 0 {
			continue
		}
		if w := weight(c, docFreq[t], float64(n)); w > 0 {
			all = append(all, scored{t, w})
		}
	}
	// Equal weights go by the term so that the choice is the same every time.
	slices.SortFunc(all, func(a, b scored) int { return cmp.Or(cmp.Compare(b.w, a.w), strings.Compare(a.term, b.term)) })
	out := make([]string, 0, min(k, len(all)))
	for _, s := range all[:min(k, len(all))] {
		out = append(out, s.term)
	}
	return out
}

// words splits folded text into the words the index counts: runs of letters
// and digits, two characters or longer, that are not stop words.
func words(text string) []string {
	var words []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if utf8.RuneCountInString(w) >= 2 && !stopWords[w] {
			words = append(words, w)
		}
	}
	return words
}

// stopWords are the Swedish words too common to say what an article is
// about, in folded (lower) case.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		alla allt andra annat att av bara bli blev blir blivit de dem den denna
		denne dess dessa det detta dig din dina ditt du då där efter eller en er
		era ert ett fick finns från få får genom ha hade haft han hans har här
		henne hennes hon honom hur icke ingen inom inte jag ju kan kommer man
		med mellan men mig min mina mitt mot mycket många måste ni nog när nu
		ny nya nytt någon något några och också om oss på samma sedan ska
		skulle sig sin sina sitt så sådan sådana sådant säger sa till två under
		upp ut utan vad var vara varför varit varje vars vem vi vid vilka vilken
		vilket vår våra vårt än är även år åt över ej eftersom enligt hela hos
		kunna kunde inför bland redan dock samt som för mer mest inga inget
		ingenting igen bör vill ville skall kanske sen hit dit ja nej
	`) {
		m[w] = true
	}
	return m
}()

package ui

import (
	"fmt"
	"strings"
	"testing"
)

// The hint line always ends in ? and q, at any width, in the list and in
// the article, in both languages: the other keys give way, whole.
func TestHintLineKeepsHelpAndQuit(t *testing.T) {
	for _, lang := range []struct {
		name       string
		t          text
		help, quit string
	}{{"sv", swedish, "? hjälp", "q avsluta"}, {"en", english, "? help", "q quit"}} {
		for _, width := range []int{40, 60, 80, 100, 140} {
			for _, keys := range [][]string{nil, {"enter"}} {
				t.Run(fmt.Sprintf("%s/%d/%v", lang.name, width, keys), func(t *testing.T) {
					cfg, _ := testConfig(t, fixtureStore(t))
					cfg.text = lang.t
					h := startHarness(t, cfg, width, 24)
					h.press(keys...)
					line := h.bottomLine()
					if !strings.HasSuffix(line, lang.help+" • "+lang.quit) {
						t.Errorf("the hint line does not end in ? and q: %q", line)
					}
					if strings.Contains(line, "…") || strings.Contains(line, "• •") {
						t.Errorf("the hint line is cut: %q", line)
					}
				})
			}
		}
	}
}

// The help wraps its groups into as many columns as fit, and what does not
// fit the height scrolls; q and esc close it, and the help says so.
func TestHelpFitsAnyWidthAndScrolls(t *testing.T) {
	for _, size := range [][2]int{{40, 12}, {80, 24}, {140, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			h, _ := newHarness(t, size[0], size[1])
			h.press("?")
			h.mustShow("q eller esc stänger")
			seen := map[string]bool{}
			for range 40 {
				lines := h.lines()
				for _, l := range lines[:len(lines)-2] { // the help, not the bars
					seen[strings.TrimSpace(l)] = true
				}
				h.press("j")
			}
			h.mustShow("q eller esc stänger")
			all := strings.Join(mapKeys(seen), "\n")
			if strings.Contains(all, "…") {
				t.Errorf("a help line is cut:\n%s", all)
			}
			for _, group := range h.m.keys.FullHelp() {
				for _, k := range group {
					if !strings.Contains(all, k.Help().Desc) {
						t.Errorf("%q %q never shows in the help, even scrolled", k.Help().Key, k.Help().Desc)
					}
				}
			}
			h.press("esc")
			if h.m.overlay != overlayNone || h.quit {
				t.Error("esc did not close the help")
			}
		})
	}
}

func mapKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

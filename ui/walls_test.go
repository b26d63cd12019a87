package ui

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The walls of the design: ui talks to the cache and the network only
// through feed.Engine, and nothing under feed draws on a terminal. (go list
// -deps ./ui lists feed/store all the same, as a dependency of feed; what
// counts is what ui's own code imports.)
func TestWalls(t *testing.T) {
	tests := []struct {
		dir       string
		forbidden []string
	}{
		{".", []string{"nyss/feed/store", "nyss/feed/fetch", "database/sql", "modernc.org/sqlite", "net", "net/http"}},
		{"../feed", []string{"charm.land/bubbletea/v2", "charm.land/bubbles/v2", "charm.land/lipgloss/v2", "nyss/ui"}},
	}
	for _, tt := range tests {
		err := filepath.WalkDir(tt.dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			if tt.dir == "." && filepath.Dir(path) != "." {
				return nil
			}
			f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				for _, bad := range tt.forbidden {
					if p == bad {
						t.Errorf("%s imports %s", path, p)
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

package ui

import "testing"

// The language follows POSIX: LC_ALL, then LC_MESSAGES, then LANG, the
// first one set (not empty) deciding.
func TestLocale(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want text
	}{
		{"nothing set", map[string]string{}, english},
		{"LANG alone", map[string]string{"LANG": "sv_SE.UTF-8"}, swedish},
		{"LANG=C", map[string]string{"LANG": "C"}, english},
		{"LC_MESSAGES over LANG", map[string]string{"LANG": "C", "LC_MESSAGES": "sv_FI.UTF-8"}, swedish},
		{"LC_ALL over both", map[string]string{"LANG": "sv_SE.UTF-8", "LC_MESSAGES": "sv_SE.UTF-8", "LC_ALL": "en_US.UTF-8"}, english},
		{"LC_ALL Swedish", map[string]string{"LANG": "en_GB.UTF-8", "LC_ALL": "sv_SE"}, swedish},
		{"an empty LC_ALL is not set", map[string]string{"LANG": "sv_SE.UTF-8", "LC_ALL": ""}, swedish},
		{"upper case", map[string]string{"LANG": "SV_SE"}, swedish},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := textFor(locale(func(k string) string { return tt.env[k] }))
			if got.syncArticles != tt.want.syncArticles {
				t.Errorf("language speaks %q, want %q", got.syncArticles, tt.want.syncArticles)
			}
		})
	}
}

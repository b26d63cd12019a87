package sanitize

import "testing"

func TestMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Växjö &amp; Ljungby &#229; &#x2013;", "Växjö &amp; Ljungby &#229; &#x2013;"},
		{"före &#27;[2J efter", "före [2J efter"},
		{"&#x1b;]52;c;QUFB&#7;", "]52;c;QUFB"},
		{"&#X1B;&#155;&#x9D;&#8238;&#0;&#127;", ""},
		{"tab &#9; och rad &#10;", "tab &#9; och rad &#10;"},
		{"rå \x1b[6n kontroll", "rå  kontroll"},
		{"&#99999999;", "&#99999999;"}, // out of range: renderers show U+FFFD
	}
	for _, tt := range tests {
		if got := Markdown(tt.in); got != tt.want {
			t.Errorf("Markdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain Swedish stays", "Växjö – ”Åsa” öppnar", "Växjö – ”Åsa” öppnar"},
		{"tab and newline stay", "a\tb\nc", "a\tb\nc"},
		{"CRLF becomes LF", "a\r\nb\rc", "a\nb\nc"},
		{"clear screen", "före\x1b[2Jefter", "föreefter"},
		{"cursor report request", "a\x1b[6nb", "ab"},
		{"CSI with parameters", "\x1b[1;31mröd\x1b[0m", "röd"},
		{"OSC 52 clipboard with BEL", "a\x1b]52;c;ZWNobyBoYWNr\x07b", "ab"},
		{"OSC 0 title with ST", "a\x1b]0;pwned\x1b\\b", "ab"},
		{"OSC 8 hyperlink", "\x1b]8;;https://evil.example/\x1b\\klick\x1b]8;;\x1b\\", "klick"},
		{"DCS", "a\x1bP+q544e\x1b\\b", "ab"},
		{"APC", "a\x1b_Gf=100;AAAA\x1b\\b", "ab"},
		{"charset designation", "a\x1b(Bb", "ab"},
		{"lone ESC at end", "slut\x1b", "slut"},
		{"unterminated OSC eats the rest", "a\x1b]52;c;AAAA", "a"},
		{"8-bit CSI", "a\u009b2Jb", "ab"},
		{"8-bit OSC", "a\u009d0;titel\u009cb", "ab"},
		{"other C1", "a\u0085b\u008db", "abb"},
		{"BEL and backspace", "a\x07b\x08c", "abc"},
		{"NUL and DEL", "a\x00b\x7fc", "abc"},
		{"bidi override", "abc\u202Egpj.exe", "abcgpj.exe"},
		{"bidi isolates", "\u2066x\u2069", "x"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	for in, want := range map[string]string{"Växjö i maj": "Växjö i maj", "Växjö\u00a0i maj": "Växjö i maj", "Växjö ": "Växjö", "": ""} {
		if got := Line(in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Line("  Ny  avhandling\n\tom\r\nCP \x1b[2J "); got != "Ny avhandling om CP" {
		t.Errorf("Line = %q", got)
	}
}

func TestURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.regionkronoberg.se/nyheter/a.html", "https://www.regionkronoberg.se/nyheter/a.html"},
		{" http://example.se/x?a=1;b=2 ", "http://example.se/x?a=1;b=2"},
		{"HTTPS://example.se/", "https://example.se/"},
		{"javascript:alert(1)", ""},
		{"JavaScript:alert(1)", ""},
		{"vbscript:msgbox", ""},
		{"data:text/html,<script>", ""},
		{"file:///etc/passwd", ""},
		{"mailto:a@b.se", ""},
		{"/relative/path", ""},
		{"https://example.se/\x1b]8;;x\x07", "https://example.se/"},
		{"https://example.se/a?x=\rFALSK", "https://example.se/a?x=%20FALSK"},
		{`https://example.se/a?q=växjö&s="<b>"`, "https://example.se/a?q=v%C3%A4xj%C3%B6&s=%22%3Cb%3E%22"},
		{"https://example.se/a b?q=a b#c d", "https://example.se/a%20b?q=a%20b#c%20d"},
		{`http://"<x>"/`, ""},
		{"http://[::1]:8080/a", "http://[::1]:8080/a"},
		{"https://example.se/[a](javascript:x)?q=[b](javascript:y)#[c](z)", "https://example.se/%5Ba%5D(javascript:x)?q=%5Bb%5D(javascript:y)#%5Bc%5D(z)"},
		// No character reference across the fragment's '#'.
		{"https://example.se/a?x=&#x1b;]8;;https://evil.example/&#7;", "https://example.se/a?x=#x1b;%5D8;;https://evil.example/&%237;"},
		{"https://example.se/a&#27;", "https://example.se/a%26#27;"},
		{"https://example.se/a?b=1&c=2#d", "https://example.se/a?b=1&c=2#d"},
	}
	for _, tt := range tests {
		if got := URL(tt.in); got != tt.want {
			t.Errorf("URL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzText checks the promise the rest of the program relies on: whatever
// comes in, nothing that a terminal would act on comes out.
func FuzzText(f *testing.F) {
	for _, s := range []string{"Växjö", "\x1b[2J", "\x1b]52;c;QQ==\x07", "\u009b6n", "a\r\nb", "\u202e", "\xff\xfe",
		"https://example.se/a b?q=\"x\"#c d", "HTTP://Ex.se/%zz", "https://example.se/\x1b]8;;x\x07?q=å", "https://e.se/a&#x1b;?b=&#7;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Text(in)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q: %q", in, out)
		}
		for _, r := range out {
			if r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f || isBidiControl(r) {
				t.Fatalf("control %U survived in %q (from %q)", r, out, in)
			}
		}
		if Text(out) != out {
			t.Fatalf("not idempotent: %q", in)
		}
		if l := Line(in); strings.ContainsAny(l, "\n\t") {
			t.Fatalf("Line kept a break: %q", l)
		}
		// Line's fast path gives what the long way gives.
		if l, long := Line(in), strings.Join(strings.Fields(Text(in)), " "); l != long {
			t.Fatalf("Line(%q) = %q, the long way %q", in, l, long)
		}
		// What URL returns is a web address that prints as one word and
		// means the same when sanitized again.
		if u := URL(in); u != "" {
			if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") || Line(u) != u || strings.ContainsAny(u, " <>\"") ||
				strings.Contains(u, "&#") {
				t.Fatalf("URL(%q) = %q", in, u)
			}
			if again := URL(u); again != u {
				t.Fatalf("URL not idempotent: %q → %q → %q", in, u, again)
			}
		}
	})
}

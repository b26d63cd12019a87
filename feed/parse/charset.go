package parse

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
)

// ToUTF8 returns a document's bytes as UTF-8. declared is the charset the
// document or its server names ("" when none does).
//
// The bytes are believed before the declaration, because declarations are
// often wrong: servers add a default charset=ISO-8859-1 to UTF-8 files, and
// templates say UTF-8 over text saved in Latin-1. So a byte-order mark
// settles it; text that reads as UTF-8 is UTF-8, even with a few damaged
// bytes (which become U+FFFD); anything else is read in the declared
// charset, or, when that is missing or claims UTF-8, in windows-1252, the
// web's legacy default and what old Swedish sites write. The result is
// always valid UTF-8.
func ToUTF8(body []byte, declared string) []byte {
	switch {
	case bytes.HasPrefix(body, []byte("\xef\xbb\xbf")):
		return bytes.ToValidUTF8(body[3:], []byte("\uFFFD"))
	case bytes.HasPrefix(body, []byte("\xfe\xff")):
		return decodeWith(body, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes)
	case bytes.HasPrefix(body, []byte("\xff\xfe")):
		return decodeWith(body, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes)
	case utf8.Valid(body):
		return body
	case mostlyUTF8(body):
		return bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	enc, name := charset.Lookup(declared)
	// Without a byte-order mark, bytes that are not ASCII-compatible were
	// not written in a UTF-16 the document claims.
	if enc == nil || name == "utf-8" || strings.HasPrefix(name, "utf-16") {
		enc, _ = charset.Lookup("windows-1252")
	}
	return decodeWith(body, enc.NewDecoder().Bytes)
}

func decodeWith(body []byte, decode func([]byte) ([]byte, error)) []byte {
	out, err := decode(body)
	if err != nil {
		return bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	return bytes.ToValidUTF8(out, []byte("\uFFFD"))
}

// mostlyUTF8 reports whether invalid UTF-8 is UTF-8 with a few damaged
// bytes rather than a legacy charset: it has more valid multi-byte
// sequences than invalid bytes. Latin-1 text with å, ä and ö has next to no
// valid multi-byte sequences, since each of those letters is one byte
// followed by ASCII.
func mostlyUTF8(b []byte) bool {
	valid, invalid := 0, 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size == 1:
			invalid++
		case size > 1:
			valid++
		}
		b = b[size:]
	}
	return valid > invalid
}

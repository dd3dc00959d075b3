package highlight

import (
	"testing"

	"github.com/alecthomas/chroma/v2"
)

// TestSQLMatchesChroma checks snippets of SQL, most of them chroma's
// quirks, for exactly chroma's tokens.
func TestSQLMatchesChroma(t *testing.T) {
	for _, code := range []string{
		"SELECT id, name FROM users WHERE id = 1;\n",
		"select count(*)::bigint from t where ts > now() - interval '5 minutes';\n",
		"-- comment\nSELECT 1; -- trailing\n/* block /* nested */ still */ SELECT 2;\n",
		"/* unterminated\n",
		"SELECT 'it''s', \"Quoted Ident\", 'unterminated\n",
		"SELECT \"a\"\"b\" FROM \"t\";\n",
		"UPDATE accounts SET balance = balance - $1 WHERE id = $2 RETURNING *;\n",
		"SELECT 0.95, 1e5, 12abc, x$y, _under, end-exec, END-EXECS, end-x;\n",
		"SELECT payload->>'id', tags @> ARRAY['a'], a || b, a <> b, a != b, ~x, `x`;\n",
		"CREATE INDEX CONCURRENTLY IF NOT EXISTS idx ON t USING btree (a DESC NULLS LAST);\n",
		"SELECT c.id, g.x FROM customers c JOIN g ON true;\n",
		"SELECT {x}, \\d+, #, ?, @, %, ^, &;\n",
		"SELECT café, naïve FROM t;\n",
		"CREATE TABLE t (id BIGSERIAL, n NUMERIC(12,2), ts TIMESTAMPTZ, b BOOLEAN, v VARCHAR(10), i INT8, temp TEXT);\n",
		"SELECT datetime_interval_precision, DateTime_Interval_Precisions;\n",
		"\\x\n\\timing on\n",
	} {
		checkTokensEqualChroma(t, "sql", code)
	}
}

// TestSQLRandomMatchesChroma compares scanSQL with chroma on random
// strings of SQL fragments.
func TestSQLRandomMatchesChroma(t *testing.T) {
	checkRandomFragments(t, "sql", []string{
		"select", "SELECT", " ", "\n", "--", "/*", "*/", "'", "\"", "''",
		"end", "-exec", "end-exec", "x", "_", "$", "1", "23", ".", ",", ";",
		"(", ")", "::", "int", "INT8", "text", "c", "g", "+", "-", "*", "/",
		"<", ">", "=", "~", "!", "@", "#", "%", "^", "&", "|", "`", "?",
		"{", "}", "\\", "abc", "e5", "temp", "datetime_interval_precision",
	})
}

// FuzzSQLMatchesChroma looks for ASCII input on which scanSQL and
// chroma's SQL lexer disagree.
func FuzzSQLMatchesChroma(f *testing.F) {
	fuzzTokensEqualChroma(f, "sql")
}

// TestSQLWordTypeDoesNotAllocate guards the lower-casing buffer of
// sqlWordType.
func TestSQLWordTypeDoesNotAllocate(t *testing.T) {
	word := "Current_Timestamp"
	if n := testing.AllocsPerRun(100, func() { sqlWordType(word) }); n != 0 {
		t.Errorf("sqlWordType allocates %v times a call", n)
	}
	if typ, ok := sqlWordType(word); !ok || typ != chroma.Keyword {
		t.Errorf("sqlWordType(%q) = %v, %v; want Keyword", word, typ, ok)
	}
	if typ, ok := sqlWordType("VarChar"); !ok || typ != chroma.NameBuiltin {
		t.Errorf("sqlWordType(VarChar) = %v, %v; want NameBuiltin", typ, ok)
	}
	if _, ok := sqlWordType("timestamptz"); ok {
		t.Error("sqlWordType(timestamptz) is listed; chroma does not list it")
	}
}

package highlight

import (
	"strings"

	"github.com/alecthomas/chroma/v2"
)

// scanSQL mirrors chroma's SQL lexer (lexers/embedded/sql.xml): -- and
// nested /* */ comments, '...' strings as LiteralStringSingle and "..."
// as LiteralStringDouble (both may span lines, both double their quote
// to escape it), case-insensitive keywords (Keyword) and type names
// (NameBuiltin) from sql.xml's lists, single-byte operators, digit runs
// as LiteralNumberInteger (so 0.95 is an integer, a dot and an integer),
// names, and Error for anything else, such as the $ of $1 or a brace.
//
// Known differences: chroma's \s and \w are Unicode-aware, so a
// non-ASCII space (say U+00A0) is whitespace there and part of a word
// here, and a non-ASCII symbol next to a word ends the word there but
// not here; chroma also turns \r\n into \n before lexing.
func scanSQL(s string) []chroma.Token {
	ts := newTokens(s)
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case isSpace(c):
			i = skip(s, i, isSpace)
			ts.emit(chroma.TextWhitespace, i)
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			// --.*\n? : the comment takes its newline.
			i = min(lineEnd(s, i)+1, len(s))
			ts.emit(chroma.CommentSingle, i)
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			i = sqlComment(s, i)
			ts.emit(chroma.CommentMultiline, i)
		case c == '\'':
			// A doubled quote closes one literal and opens the next, so
			// they coalesce into one token as chroma's '' rule gives.
			i = quoted(s, i, '\'', false, false)
			ts.emit(chroma.LiteralStringSingle, i)
		case c == '"':
			i = quoted(s, i, '"', false, false)
			ts.emit(chroma.LiteralStringDouble, i)
		case isWord(c):
			i = sqlWord(ts, s, i)
		case strings.IndexByte("+*/<>=~!@#%^&|`?-", c) >= 0:
			i++
			ts.emit(chroma.Operator, i)
		case strings.IndexByte(";:()[],.", c) >= 0:
			i++
			ts.emit(chroma.Punctuation, i)
		default:
			i++
			ts.emit(chroma.Error, i)
		}
	}
	return ts.finish(chroma.TextWhitespace)
}

// sqlWord emits the keyword, type name, number or name starting at i
// (isWord(s[i]) holds) and returns the index past it. Like chroma it
// tries the keyword list, then the types, then [0-9]+, then
// [a-z_][\w$]*; a byte that starts none of these is an Error.
func sqlWord(ts *tokens, s string, i int) int {
	end := skip(s, i, isWord)
	kind, listed := sqlWordType(s[i:end])
	switch {
	case end == i+3 && sqlHasPrefixFold(s[i:], "end-exec") && (i+8 == len(s) || !isWord(s[i+8])):
		// The one listed word that is not a \w+ word, and listed
		// before END.
		ts.emit(chroma.Keyword, i+8)
		return i + 8
	case listed:
		ts.emit(kind, end)
		return end
	case isDigit(s[i]):
		end = skip(s, i, isDigit)
		ts.emit(chroma.LiteralNumberInteger, end)
		return end
	case s[i] == '_' || (s[i]|0x20) >= 'a' && (s[i]|0x20) <= 'z':
		end = skip(s, i, func(c byte) bool { return isWord(c) || c == '$' })
		ts.emit(chroma.Name, end)
		return end
	}
	ts.emit(chroma.Error, i+1)
	return i + 1
}

// sqlComment returns the index past the /* comment opening at i, which
// like chroma's may nest; an unclosed comment runs to the end of s.
func sqlComment(s string, i int) int {
	depth := 0
	for i < len(s)-1 {
		switch {
		case s[i] == '/' && s[i+1] == '*':
			depth++
			i += 2
		case s[i] == '*' && s[i+1] == '/':
			depth--
			i += 2
			if depth == 0 {
				return i
			}
		default:
			i++
		}
	}
	return len(s)
}

// sqlWordType returns the token type of the keyword or type name w,
// ignoring case, or false when w is neither.
func sqlWordType(w string) (chroma.TokenType, bool) {
	var buf [32]byte // longer than any listed word
	if len(w) > len(buf) {
		return 0, false
	}
	for j := 0; j < len(w); j++ {
		c := w[j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[j] = c
	}
	// The conversion in the index expression does not allocate.
	t, ok := sqlWords[string(buf[:len(w)])]
	return t, ok
}

// sqlHasPrefixFold reports whether s begins with the lower-case ASCII
// prefix, ignoring case.
func sqlHasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for j := 0; j < len(prefix); j++ {
		c := s[j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[j] {
			return false
		}
	}
	return true
}

// sqlWords maps the lower-cased words of chroma's keyword and type lists
// to Keyword or NameBuiltin.
var sqlWords = func() map[string]chroma.TokenType {
	m := map[string]chroma.TokenType{}
	for _, w := range strings.Fields(sqlKeywords) {
		m[w] = chroma.Keyword
	}
	for _, w := range strings.Fields(sqlTypes) {
		m[w] = chroma.NameBuiltin
	}
	return m
}()

// sqlKeywords is sql.xml's keyword list, lower-cased and sorted, without
// END-EXEC (handled in sqlWord) and " TEMP", whose leading space means it
// never matches.
const sqlKeywords = `
abort abs absolute access ada add admin after aggregate alias all allocate
alter analyse analyze and any are as asc asensitive assertion assignment
asymmetric at atomic authorization avg backward before begin between
bit_length bitvar both breadth by c cache call called cardinality cascade
cascaded case cast catalog catalog_name chain char_length character_length
character_set_catalog character_set_name character_set_schema
characteristics check checked checkpoint class class_origin clob close
cluster coalsece cobol collate collation collation_catalog collation_name
collation_schema column column_name command_function command_function_code
comment commit committed completion condition_number connect connection
connection_name constraint constraint_catalog constraint_name
constraint_schema constraints constructor contains continue conversion
convert copy corresponting count create createdb createuser cross cube
current current_date current_path current_role current_time
current_timestamp current_user cursor cursor_name cycle data database
datetime_interval_code datetime_interval_precision day deallocate declare
default defaults deferrable deferred defined definer delete delimiter
delimiters deref desc describe descriptor destroy destructor deterministic
diagnostics dictionary disconnect dispatch distinct do domain drop dynamic
dynamic_function dynamic_function_code each else elsif encoding encrypted
end equals escape every except exception excluding exclusive exec execute
existing exists explain external extract false fetch final first for force
foreign fortran forward found free freeze from full function g general
generated get global go goto grant granted group grouping handler having
hierarchy hold host identity if ignore ilike immediate immutable
implementation implicit in including increment index inditcator infix
inherits initialize initially inner inout input insensitive insert
instantiable instead intersect into invoker is isnull isolation iterate join
key key_member key_type lancompiler language large last lateral leading left
length less level like limit listen load local localtime localtimestamp
location locator lock lower map match max maxvalue message_length
message_octet_length message_text method min minute minvalue mod mode
modifies modify month more move mumps names national natural nchar nclob new
next no nocreatedb nocreateuser none not nothing notify notnull null
nullable nullif object octet_length of off offset oids old on only open
operation operator option options or order ordinality out outer output
overlaps overlay overriding owner pad paramater_name
paramater_ordinal_position paramater_specific_schema parameter
parameter_mode parameter_specific_catalog parameter_specific_name parameters
partial pascal pendant placing pli position postfix precision prefix
preorder prepare preserve primary prior privileges procedural procedure
public read reads recheck recursive ref references referencing reindex
relative rename repeatable replace reset restart restrict result return
returned_length returned_octet_length returned_sqlstate returns revoke right
role rollback rollup routine routine_catalog routine_name routine_schema row
row_count rows rule save_point scale schema schema_name scope scroll search
second security select self sensitive serializable server_name session
session_user set setof sets share show similar simple size some source space
specific specific_name specifictype sql sqlcode sqlerror sqlexception
sqlstate sqlwarninig stable start state statement static statistics stdin
stdout storage strict structure stype subclass_origin sublist substring sum
symmetric sysid system system_user table table_name template temporary
terminate than then timestamp timezone_hour timezone_minute to toast
trailing transaction transaction_active transactions_committed
transactions_rolled_back transform transforms translate translation treat
trigger trigger_catalog trigger_name trigger_schema trim true truncate
trusted type uncommitted under unencrypted union unique unknown unlisten
unnamed unnest until update upper usage user user_defined_type_catalog
user_defined_type_name user_defined_type_schema using vacuum valid validator
values variable verbose version view volatile when whenever where with
without work write year zone
`

// sqlTypes is sql.xml's list of type names, lower-cased and sorted.
const sqlTypes = `
array bigint binary bit blob boolean char character date dec decimal float
int int8 integer interval number numeric real serial serial8 smallint text
varchar varying
`

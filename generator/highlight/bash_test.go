package highlight

import (
	"math/rand"
	"strings"
	"testing"
)

// sameTokensAsChroma fails t unless scanBash gives exactly chroma's Bash
// tokens for code.
func sameTokensAsChroma(t *testing.T, code string) {
	t.Helper()
	checkTokensEqualChroma(t, "bash", ensureNL(code))
}

// TestBashRules covers each rule of chroma's Bash lexer and the quirks
// scanBash reproduces.
func TestBashRules(t *testing.T) {
	for _, code := range []string{
		// Comments, keywords, builtins, assignments.
		"#!/bin/bash\necho hi # note\n",
		"#!\n",
		"x=#not a comment\n",
		"for i in 1 2 3; do echo $i; done\n",
		"do-thing && done2 && for_x\n",
		"time ./x; times; echo)\n",
		"export FOO=bar BAZ+=qux\nlocal -r x = y\n",
		"[ \"$a\" = b ] && [[ $x == y ]]\n",
		"--timeout=30s key=value=other\n",
		"foo\n=bar\n",
		// Numbers and redirections.
		"sleep 5\nhead -n 10 f >&2 2>&1 &>/dev/null\n",
		"tail -5\tx 9\n",
		// Quotes and escapes.
		"echo 'single' \"double\" $'ansi\\n' $\"locale\"\n",
		"echo \"a $b ${c} $(d \"e\") `f` \\$g\" \"unclosed\n",
		"echo 'unclosed\nline\n",
		"echo $'it\\'s\n",
		"echo \\$HOME \\\n  next \\é\n",
		// Variables and expansions.
		"echo $1 $# $? $$ $! $@ $* $- $_x $9x $\n",
		"${x:-default} ${x:=5} ${x/foo/bar} ${#arr[@]} ${!ref} ${x:-\"$y\"} ${a:-'b'}\n",
		"${x:-$(date)} ${HOME}done\n",
		// Command substitution, math, backticks.
		"x=$(kubectl get pods -o json | jq '.items[]')\n",
		"$(foo (bar)) after\n",
		"echo $((1 + 2 * x)) $(( (a+b) )) $((16#ff + 10#$n)) $((2# 1))\n",
		"echo $((a<<2)) $((i++)) $((x=3))\n",
		"v=`date +%s` `echo \\`x\\``\n",
		// Heredocs and here-strings.
		"cat <<EOF\nhello $name\nEOF\necho after\n",
		"cat <<-'EOF'\n\tliteral\n\tEOF\n",
		"cat << \\END\nbody\nEND\n",
		"cat <<\"EOF\"\nnot a heredoc for chroma\nEOF\n",
		"cat <<EOFX\nno tag again but E here\n",
		"cat <<ééx\nbody é\n",
		"wc -w <<< \"$hosts\" < in\n",
		// Operators and punctuation.
		"a | b || c & d && e; f |& g\n",
		"f() { echo x; }\n( sub ) [ t ]\n",
	} {
		sameTokensAsChroma(t, code)
	}
}

// TestBashRandom compares scanBash with chroma on random mixes of shell
// fragments.
func TestBashRandom(t *testing.T) {
	pieces := []string{
		"if", "do", "done", "echo", "set", "time", "times", "esac", "x", "a_b", "for_x", "do-x", "é",
		"=", "+=", "==", " ", "\t", "\n", "\v", " 5 ", "9 ", "1", "42", "0", "16#", "16#ff", "10#",
		"$", "$(", "$((", "${", "${#", "$'", "$\"", "\"$x\"", "$1", "$@", "$_", "$-", "$#x",
		"(", ")", "))", "{", "}", "[", "]", ":-", ":", "/", "@", "-", "*", "?", "!", ">", "<",
		"\"", "'", "`", "'a'", "\"a\"", "\\", "\\\n", "\\n", "\\\"", "\\$", "\\'",
		"#", "#!", "# c", "<<", "<<<", "<<-", "<<'EOF'", "<<\\EOF", "EOF", "E",
		"&", "&&", "|", "||", ";", ">&", "2>&1", "echo)",
	}
	r := rand.New(rand.NewSource(1))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for range n {
		var b strings.Builder
		for range 1 + r.Intn(20) {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		sameTokensAsChroma(t, b.String())
		if t.Failed() {
			return
		}
	}
}

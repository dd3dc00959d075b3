package site

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestRulesAreKnown reads the module's sources for the rules findings are
// reported under (the rule argument of Errorf and Warnf, Rule: fields and
// rule constants) and checks that KnownRule knows each, so that a checks:
// setting for a new rule is not reported as a misspelling.
func TestRulesAreKnown(t *testing.T) {
	if !slices.IsSorted(ruleNames) || len(slices.Compact(slices.Clone(ruleNames))) != len(ruleNames) {
		t.Fatal("ruleNames must be sorted and hold each rule once")
	}
	ruleLike := regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	found := map[string]token.Position{}
	fset := token.NewFileSet()
	lit := func(e ast.Expr) (string, bool) {
		b, ok := e.(*ast.BasicLit)
		if !ok || b.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(b.Value)
		return s, err == nil && ruleLike.MatchString(s)
	}
	for _, dir := range []string{"../../generator", "../../cmd"} {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, p, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					var name string
					switch fn := n.Fun.(type) {
					case *ast.SelectorExpr:
						if x, ok := fn.X.(*ast.Ident); ok && (x.Name == "fmt" || x.Name == "errors") {
							return true
						}
						name = fn.Sel.Name
					case *ast.Ident:
						name = fn.Name
					}
					switch {
					case (name == "Errorf" || name == "Warnf" || name == "errorf" || name == "warnf") && len(n.Args) >= 3:
						if s, ok := lit(n.Args[1]); ok {
							found[s] = fset.Position(n.Pos())
						}
					case name == "Resolve" && len(n.Args) > 0: // ladder.Model.Resolve(..., rule)
						if s, ok := lit(n.Args[len(n.Args)-1]); ok {
							found[s] = fset.Position(n.Pos())
						}
					}
				case *ast.KeyValueExpr:
					if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Rule" {
						if s, ok := lit(n.Value); ok {
							found[s] = fset.Position(n.Pos())
						}
					}
				case *ast.ValueSpec:
					for i, name := range n.Names {
						if name.Name == "rule" && i < len(n.Values) {
							if s, ok := lit(n.Values[i]); ok {
								found[s] = fset.Position(n.Pos())
							}
						}
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(found) < 50 {
		t.Fatalf("found only %d rules in the sources; is the scan broken?", len(found))
	}
	for rule, pos := range found {
		if !KnownRule(rule) {
			t.Errorf("%s: rule %q is not in ruleNames (generator/site/rules.go)", pos, rule)
		}
	}
}

# Almanac — see README.md.
GO      ?= go
BIN     := bin/almanac
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: all build site test vet fmt-check bench bench-go fuzz vendor-echarts check serve clean

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/almanac

# Build the sample handbook in this repo into public/.
site: build
	./$(BIN) build --source . --out public

# Check the sample handbook without writing a site.
check: build
	./$(BIN) check --source .

serve: build
	./$(BIN) serve --source .

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

test: fmt-check vet
	$(GO) test -race ./...

# End-to-end benchmark against Hugo at 1,000 and 10,000 pages (BENCH_LARGE=1 adds
# 50,000); see bench/README.md. Prints a Markdown table of medians.
bench:
	GO=$(GO) bash bench/run.sh

# Go benchmarks of the hot stages (load, Markdown, templates, build) on 200 pages.
bench-go:
	$(GO) test -run XXX -bench . -benchtime 1x ./generator/

# Run every fuzz target for FUZZTIME each (go test allows one target per run).
FUZZTIME ?= 10s
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "== $$pkg $$f"; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; \
	done

# Re-fetch the pinned echarts from the npm registry and verify its checksum.
vendor-echarts:
	sh generator/chart/fetch-echarts.sh

clean:
	rm -rf bin public .almanac

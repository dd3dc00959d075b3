#!/usr/bin/env bash
# Almanac's end-to-end benchmark (issue 8), run by `make bench`.
#
# For each size N (1,000 and 10,000 pages; 50,000 too with BENCH_LARGE=1)
# it writes a synthetic handbook with cmd/benchgen (plus the same pages as a
# Hugo site) under testdata/bench/ (git-ignored), then times, BENCH_RUNS
# times each (default 3), and prints medians of wall time and peak RSS:
#
#   cold        almanac build with no cache and no previous output
#   unchanged   almanac build again, nothing changed (warm cache)
#   one page    almanac build after one page's prose was edited (warm
#               cache; the build patches the last one's output)
#   heading     almanac build after a heading was added to that page (warm
#               cache; patched too: the page's table of contents and search
#               entry change with it)
#   adr         almanac build after the prose of the newest ADR, which the
#               ADR feed carries, was edited (warm cache; patched, the feed
#               too)
#   runbook     almanac build after a runbook's prose was edited (patched)
#   title       almanac build after that page's title changed (warm cache;
#               a full build, rendering again every page whose key changed:
#               the title shows in navigation and on pages linking to it)
#   ci          almanac build as a CI job after a merge runs it: a fresh
#               checkout (every file's time new), .almanac/cache restored
#               from the job before, no public/, one page's prose changed
#   serve       almanac serve: from saving one page (a prose edit) to the
#               reload event, median of BENCH_SERVE_EDITS edits
#               (go test -bench SaveToReload in generator/serve)
#   hugo        hugo on the same pages, from scratch (when hugo is installed)
#   growth      cold builds of 10,000 and 50,000 pages (BENCH_GROWTH) in turn,
#               BENCH_RUNS pairs, Almanac's and then Hugo's: how a cold build
#               grows with the handbook, free of the drift between the rows
#
# and checks that the warm rebuild's output is byte-identical to a cold
# build of the same tree. The Markdown table goes to stdout and to
# testdata/bench/results.md (git-ignored; copy a run worth keeping into
# bench/results/).
#
# Environment:
#   BENCH_SIZES="1000 10000"  sizes to run      BENCH_LARGE=1  add 50000
#   BENCH_RUNS=3              runs per row      BENCH_HUGO=0   skip Hugo
#   BENCH_VERIFY=1            compare warm output with a cold build (0 skips)
#   BENCH_DIR=testdata/bench  where trees go    BENCH_OUT=$BENCH_DIR/results.md
#   BENCH_SEED=1              benchgen seed     GO=go          Go command
#   BENCH_SERVE_EDITS=20      edits timed in the serve row (0 skips it)
#   BENCH_GROWTH="10000 50000"  the two sizes of the growth step, run when
#                             both are in BENCH_SIZES
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
GO=${GO:-go}
SIZES=${BENCH_SIZES:-"1000 10000"}
if [ "${BENCH_LARGE:-0}" = 1 ]; then SIZES="$SIZES 50000"; fi
RUNS=${BENCH_RUNS:-3}
SEED=${BENCH_SEED:-1}
WORK=${BENCH_DIR:-$ROOT/testdata/bench}
RESULTS=${BENCH_OUT:-$WORK/results.md}
VERIFY=${BENCH_VERIFY:-1}

log() { printf '%s\n' "$*" >&2; }

mkdir -p "$WORK/bin" bin "$(dirname "$RESULTS")"
WORK=$(cd "$WORK" && pwd)
log "building bin/almanac and benchgen"
VERSION=$(git describe --tags --always --dirty 2>/dev/null || echo dev)
"$GO" build -ldflags "-X main.version=$VERSION" -o bin/almanac ./cmd/almanac
"$GO" build -o "$WORK/bin/benchgen" ./cmd/benchgen
ALMANAC=$ROOT/bin/almanac
BENCHGEN=$WORK/bin/benchgen

# The build cache flag arrived after the first benchmark was written:
# without it there are no warm-cache rows.
HAS_CACHE=0
if { "$ALMANAC" build --help 2>&1 || true; } | grep -q -- '-cache-dir'; then
	HAS_CACHE=1
else
	log "note: this almanac has no --cache-dir flag; skipping the warm-cache rows"
fi

HUGO=""
if [ "${BENCH_HUGO:-1}" != 0 ]; then
	if command -v hugo >/dev/null 2>&1; then
		HUGO=$(command -v hugo)
	else
		log "hugo not installed, skipping"
	fi
fi

# measure CMD...: runs CMD once and prints "WALL KB CPU" (seconds, peak
# RSS in KB, user+system seconds; KB and CPU are "-" when /usr/bin/time is
# missing and the shell's time is used). Fails loudly if
# CMD fails, showing the end of its output.
TIMEFILE=$WORK/time.out
ERRFILE=$WORK/cmd.err
if [ -x /usr/bin/time ]; then
	HAS_RSS=1
else
	HAS_RSS=0
	log "note: /usr/bin/time not found (apt-get install time); using the shell's time, peak RSS unknown"
fi
measure() {
	local status=0
	if [ "$HAS_RSS" = 1 ]; then
		/usr/bin/time -f '%e %M %U %S' -o "$TIMEFILE" "$@" >"$ERRFILE" 2>&1 || status=$?
	else
		local TIMEFORMAT=%R
		{ time "$@" >"$ERRFILE" 2>&1; } 2>"$TIMEFILE" || status=$?
	fi
	if [ "$status" != 0 ]; then
		log "FAILED ($status): $*"
		tail -20 "$ERRFILE" >&2
		return 1
	fi
	if [ "$HAS_RSS" = 1 ]; then
		tail -1 "$TIMEFILE" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }'
	else
		echo "$(tail -1 "$TIMEFILE") - -"
	fi
}

# median: the median of the numbers on stdin ("-" if any is "-").
median() {
	sort -g | awk '$1 == "-" { dash = 1 } { a[NR] = $1 }
		END { if (dash || NR == 0) { print "-"; exit }
		      if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# runs LABEL N SETUP CMD...: runs SETUP then measures CMD, RUNS times, and
# records the medians in the results for N.
declare -A WALL RSS CPUT
runs() {
	local label=$1 n=$2 setup=$3
	shift 3
	local times="" mems="" cpus="" i m w k c
	for i in $(seq "$RUNS"); do
		$setup "$i"
		m=$(measure "$@") || return 1
		read -r w k c <<<"$m"
		log "  $label run $i: $w s wall, $k KB peak RSS, $c s CPU"
		times+="$w"$'\n'
		mems+="$k"$'\n'
		cpus+="$c"$'\n'
	done
	WALL[$n,$label]=$(printf '%s' "$times" | median)
	RSS[$n,$label]=$(printf '%s' "$mems" | median)
	CPUT[$n,$label]=$(printf '%s' "$cpus" | median)
}

fmt_s() { [ "$1" = "-" ] && echo "-" || awk -v v="$1" 'BEGIN { printf (v < 10 ? "%.2f s" : "%.1f s"), v }'; }
fmt_mb() { [ "$1" = "-" ] && echo "unknown" || awk -v v="$1" 'BEGIN { printf "%.0f MB", v / 1024 }'; }
ratio() { { [ "$1" = "-" ] || [ -z "$2" ] || [ "$2" = "-" ]; } && echo "-" || awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }
thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

LOAD_START=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
if awk -v l="$LOAD_START" -v c="$(nproc)" 'BEGIN { exit !(l > c / 2) }'; then
	log "warning: load average $LOAD_START on $(nproc) cores: other work will inflate wall times (CPU times are less affected)"
fi

# discard PATH...: moves a previous run's output out of the way. It is
# deleted when the benchmark ends, not between runs: ext4 makes files more
# slowly for a while after many were deleted (it passes over inodes freed
# that recently), which added about 7 s of system time to a 50,000-page
# Almanac build run right after (one pair of runs). Hugo writes through the
# same file system, so its runs get the same treatment.
TRASH=$WORK/trash
if [ -e "$TRASH" ]; then # left by a run that was stopped: deleted at the end too
	mv "$TRASH" "$WORK/trash.$$"
	mkdir -p "$TRASH"
	mv "$WORK/trash.$$" "$TRASH/"
fi
mkdir -p "$TRASH"
discard() {
	local p
	for p; do
		if [ -e "$p" ]; then mv "$p" "$(mktemp -d "$TRASH/run.XXXXXX")/"; fi
	done
}

CACHE_FLAGS=()
declare -A VERIFIED SERVE
for N in $SIZES; do
	D=$WORK/n$N
	H=$WORK/n$N-hugo
	log "== N=$N: generating $D"
	# The trees of an earlier benchmark go to the trash too, for the same
	# reason as the output (see discard): benchgen would delete them, and
	# a 50,000-page tree with its output, its cache and Hugo's is some
	# 300,000 files, deleted right before the cold builds.
	discard "$D" "$H"
	HUGO_ARGS=()
	[ -n "$HUGO" ] && HUGO_ARGS=(-hugo "$H")
	"$BENCHGEN" -n "$N" -seed "$SEED" -out "$D" "${HUGO_ARGS[@]}" >"$WORK/gen.out"
	# The new trees on disk before any timing: else the kernel writes them
	# back during Almanac's cold builds, which come first (until run28 the
	# 50,000-page ones took 23.2–25.5 s there, 21.1–22.0 s in the growth
	# pairs at the end of the same run), and not during Hugo's.
	sync
	CHANGE=$D/$(sed -n 's/^change-page: //p' "$WORK/gen.out")
	CHANGE_ADR=$D/$(sed -n 's/^change-adr: //p' "$WORK/gen.out")
	CHANGE_RUNBOOK=$D/$(sed -n 's/^change-runbook: //p' "$WORK/gen.out")
	if [ "$HAS_CACHE" = 1 ]; then CACHE_FLAGS=(--cache-dir "$D/.almanac/cache"); fi
	BUILD=("$ALMANAC" build --source "$D" --out "$D/public" "${CACHE_FLAGS[@]}")

	# verify LABEL: compares the output with a cold build of the same tree.
	verify() {
		[ "$VERIFY" = 1 ] || return 0
		log "-- checking the warm output against a cold build"
		discard "$D/public-cold"
		"$ALMANAC" build --source "$D" --out "$D/public-cold" --cache-dir off >/dev/null 2>&1
		if diff -rq "$D/public" "$D/public-cold" >"$WORK/diff.out" 2>&1; then
			VERIFIED[$N,$1]="byte-identical"
		else
			VERIFIED[$N,$1]="DIFFERS ($(wc -l <"$WORK/diff.out") files)"
			head -5 "$WORK/diff.out" >&2
		fi
		discard "$D/public-cold"
		log "   warm rebuild vs cold build: ${VERIFIED[$N,$1]}"
	}
	# warm LABEL SETUP WHAT: times a rebuild after SETUP (WHAT says what it
	# changed) and checks its output against a cold build.
	warm() {
		log "-- almanac, rebuild after $3"
		runs "$1" "$N" "$2" "${BUILD[@]}" || return 1
		verify "$1"
	}
	cold_setup() { discard "$D/public" "$D/.almanac"; }
	none_setup() { :; }
	# ci_setup: a CI job after a merge: a fresh checkout (every file's
	# time is new), the cache restored, no public/, one page's prose changed.
	ci_setup() {
		discard "$D/public"
		printf '\nEdited for CI run %s.\n' "$1" >>"$CHANGE"
		find "$D" \( -path "$D/.almanac" -o -path "$D/public*" \) -prune -o -type f -exec touch {} +
	}
	edit_setup() { printf '\nEdited for benchmark run %s.\n' "$1" >>"$CHANGE"; }
	heading_setup() { printf '\n## Benchmark run %s\n\nA new section.\n' "$1" >>"$CHANGE"; }
	adr_setup() { printf '\nEdited for benchmark run %s.\n' "$1" >>"$CHANGE_ADR"; }
	runbook_setup() { printf '\nEdited for benchmark run %s.\n' "$1" >>"$CHANGE_RUNBOOK"; }
	title_setup() { sed -i "0,/^title: /s/^title: .*/title: \"Retitled for benchmark run $1\"/" "$CHANGE"; }

	log "-- almanac, cold (no cache, no output)"
	if ! runs cold "$N" cold_setup "${BUILD[@]}"; then
		log "almanac build failed at N=$N; is every kind registered? (bin/almanac check --source $D)"
		continue
	fi
	if [ "$HAS_CACHE" = 1 ]; then
		log "-- almanac, rebuild with nothing changed"
		runs unchanged "$N" none_setup "${BUILD[@]}" || continue
		warm onepage edit_setup "one page changed ($CHANGE)" || continue
		warm heading heading_setup "a new heading in that page" || continue
		warm adr adr_setup "the newest ADR's prose changed ($CHANGE_ADR)" || continue
		warm runbook runbook_setup "a runbook's prose changed ($CHANGE_RUNBOOK)" || continue
		warm title title_setup "that page's title changed (a full build)" || continue
		log "-- almanac, CI rebuild (fresh checkout, cache restored, no public/, one page's prose changed)"
		# The job before: the first build without public/ keeps a copy of
		# its site in the cache, as every CI job's build does.
		ci_setup 0
		"${BUILD[@]}" >/dev/null 2>&1
		runs ci "$N" ci_setup "${BUILD[@]}" || continue
		verify ci
	fi
	if [ "${BENCH_SERVE_EDITS:-20}" != 0 ]; then
		log "-- almanac serve, save to reload (${BENCH_SERVE_EDITS:-20} edits)"
		if out=$(ALMANAC_BENCH_DIR=$D ALMANAC_BENCH_CHANGE=${CHANGE#"$D"/} \
			"$GO" test ./generator/serve -run '^$' -bench '^BenchmarkSaveToReload$' -benchtime "${BENCH_SERVE_EDITS:-20}x" 2>&1); then
			SERVE[$N]=$(printf '%s\n' "$out" | awk '/BenchmarkSaveToReload/ { for (i = 1; i < NF; i++) if ($(i+1) == "ms-median") print $i }')
			log "   median ${SERVE[$N]} ms"
		else
			printf '%s\n' "$out" | tail -5 >&2
		fi
	fi
	if [ -n "$HUGO" ]; then
		log "-- hugo, from scratch"
		hugo_setup() { discard "$H/public" "$H/resources" "$H/.hugo_build.lock"; }
		runs hugo "$N" hugo_setup "$HUGO" --source "$H" --destination "$H/public" --quiet || true
	fi
done

# ------------------------------------------------------------------ growth
# How cold builds grow from the smaller size to the larger (issue 8: no
# worse than linearly). The per-size rows above are taken minutes apart,
# and this VM drifts by 10-20% within the hour, which is as much as the
# question asks about; here the two sizes are built in turn, RUNS pairs,
# and each pair gives a ratio. Hugo's pairs are taken the same way.
read -r GROWTH_FROM GROWTH_TO <<<"${BENCH_GROWTH:-10000 50000}"
declare -A GROWTH
# growth_pairs LABEL CMD...: times CMD on each size in turn, with @D in
# its words replaced by the size's tree (Hugo's copy for LABEL hugo).
growth_pairs() {
	local label=$1 i n d w k c walls="" cpus="" wa ca arg
	shift
	for i in $(seq "$RUNS"); do
		for n in $GROWTH_FROM $GROWTH_TO; do
			d=$WORK/n$n
			[ "$label" = hugo ] && d=$WORK/n$n-hugo
			if [ "$label" = hugo ]; then
				discard "$d/public" "$d/resources" "$d/.hugo_build.lock"
			else
				discard "$d/public" "$d/.almanac"
			fi
			local cmd=()
			for arg; do cmd+=("${arg//@D/$d}"); done
			m=$(measure "${cmd[@]}") || return 1
			read -r w k c <<<"$m"
			log "  $label $n pages, pair $i: $w s wall, $c s CPU"
			if [ "$n" = "$GROWTH_FROM" ]; then
				wa=$w ca=$c
			else
				walls+=$(awk -v a="$wa" -v b="$w" 'BEGIN { printf "%.3f", b / a }')$'\n'
				cpus+=$(awk -v a="$ca" -v b="$c" 'BEGIN { printf "%.3f", b / a }')$'\n'
			fi
		done
	done
	GROWTH[$label,wall]=$(printf '%s' "$walls" | median)
	GROWTH[$label,cpu]=$(printf '%s' "$cpus" | median)
	GROWTH[$label,range]=$(printf '%s' "$walls" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f–%.2f×", lo, hi }')
}
if [[ " $SIZES " == *" $GROWTH_FROM "* && " $SIZES " == *" $GROWTH_TO "* ]]; then
	log "== growth from $GROWTH_FROM to $GROWTH_TO pages: cold builds in turn, $RUNS pairs"
	GROWTH_CACHE=()
	[ "$HAS_CACHE" = 1 ] && GROWTH_CACHE=(--cache-dir "@D/.almanac/cache")
	growth_pairs almanac "$ALMANAC" build --source "@D" --out "@D/public" "${GROWTH_CACHE[@]}" || true
	if [ -n "$HUGO" ]; then
		growth_pairs hugo "$HUGO" --source "@D" --destination "@D/public" --quiet || true
	fi
fi

# ------------------------------------------------------------------ report
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
MEM=$(free -h 2>/dev/null | awk '/^Mem:/ { print $2 }')
HUGOV=""
[ -n "$HUGO" ] && HUGOV=$("$HUGO" version 2>/dev/null | awk '{ print $2 }' | sed 's/+.*//')
{
	echo "Almanac $VERSION, $(date -u +%Y-%m-%d); medians of $RUNS runs; wall time, CPU time (user+system) and peak RSS from /usr/bin/time."
	echo "Machine: $(nproc) cores (${CPU:-unknown CPU}), ${MEM:-?} RAM, $(uname -sr); load average $LOAD_START at the start, $(cut -d' ' -f1 /proc/loadavg 2>/dev/null) at the end."
	echo "Go $("$GO" env GOVERSION)${HUGOV:+, Hugo $HUGOV}. Ratios are Almanac / Hugo cold, from the same run."
	echo
	echo "| Pages | Run | Wall time | CPU time | Peak RSS | Wall vs Hugo | CPU vs Hugo | Memory vs Hugo |"
	echo "|---:|---|---:|---:|---:|---:|---:|---:|"
	for N in $SIZES; do
		hw=${WALL[$N,hugo]:-}
		hr=${RSS[$N,hugo]:-}
		for label in cold unchanged onepage heading adr runbook title ci; do
			[ -n "${WALL[$N,$label]:-}" ] || continue
			case $label in
			cold) what="Almanac, cold build (no cache)" ;;
			unchanged) what="Almanac, rebuild, nothing changed" ;;
			onepage) what="Almanac, rebuild, one page's prose changed" ;;
			heading) what="Almanac, rebuild, a heading added to that page" ;;
			adr) what="Almanac, rebuild, the newest ADR's prose changed (the feed carries it)" ;;
			runbook) what="Almanac, rebuild, a runbook's prose changed" ;;
			title) what="Almanac, rebuild, that page's title changed (full build)" ;;
			ci) what="Almanac, CI rebuild: fresh checkout, cache restored, no public/, one page's prose changed" ;;
			esac
			[ -n "${VERIFIED[$N,$label]:-}" ] && what="$what (${VERIFIED[$N,$label]})"
			echo "| $(thousands "$N") | $what | $(fmt_s "${WALL[$N,$label]}") | $(fmt_s "${CPUT[$N,$label]}") | $(fmt_mb "${RSS[$N,$label]}") | $(ratio "${WALL[$N,$label]}" "$hw") | $(ratio "${CPUT[$N,$label]}" "${CPUT[$N,hugo]:-}") | $(ratio "${RSS[$N,$label]}" "$hr") |"
		done
		if [ -n "${SERVE[$N]:-}" ]; then
			echo "| $(thousands "$N") | Almanac serve, save one page → reload event (median of ${BENCH_SERVE_EDITS:-20}) | ${SERVE[$N]} ms | - | - | - | - | - |"
		fi
		if [ -n "$hw" ]; then
			echo "| $(thousands "$N") | Hugo, cold build | $(fmt_s "$hw") | $(fmt_s "${CPUT[$N,hugo]}") | $(fmt_mb "$hr") | 1.00× | 1.00× | 1.00× |"
		fi
	done
	if [ -n "${GROWTH[almanac,wall]:-}" ]; then
		pages_from=$(awk -v a="$GROWTH_FROM" -v b="$GROWTH_TO" 'BEGIN { printf "%.2f", b / a }')
		echo
		echo "Growth from $(thousands "$GROWTH_FROM") to $(thousands "$GROWTH_TO") pages (${pages_from}× the pages): cold builds of the two sizes in turn, $RUNS pairs; the median of the pairs' ratios."
		echo
		echo "| Tool | Wall time grows | Range over the pairs | CPU time grows |"
		echo "|---|---:|---:|---:|"
		for label in almanac hugo; do
			[ -n "${GROWTH[$label,wall]:-}" ] || continue
			name=Almanac
			[ "$label" = hugo ] && name=Hugo
			echo "| $name | $(awk -v v="${GROWTH[$label,wall]}" 'BEGIN { printf "%.2f×", v }') | ${GROWTH[$label,range]} | $(awk -v v="${GROWTH[$label,cpu]}" 'BEGIN { printf "%.2f×", v }') |"
		done
	fi
	[ "$HAS_CACHE" = 1 ] || echo $'\n'"This almanac has no --cache-dir flag: warm-cache rows skipped."
	if [ -z "$HUGO" ]; then
		if [ "${BENCH_HUGO:-1}" = 0 ]; then echo $'\n'"Hugo skipped (BENCH_HUGO=0)."; else echo $'\n'"hugo not installed, skipping (apt-get install hugo)."; fi
	fi
} >"$RESULTS"
cat "$RESULTS"
log "results written to $RESULTS"
log "deleting the output of earlier runs ($TRASH)"
rm -rf "$TRASH"

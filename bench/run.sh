#!/bin/sh
# bench/run.sh BUILD - speed and memory of `chronicle text` and `analyze` on generated
# corpora, as a Markdown table for BENCHMARKS.md (see bench/README.md).
#
#   bench/run.sh build          (what `make bench` runs)
#
# Environment:
#   BENCH_RUNS=N        timed runs per row, median reported (default 10)
#   BENCH_TEXT_DOCS=N   plain-text articles of ~4 KB (default 25000, ~97 MB)
#   BENCH_HTML_DOCS=N   HTML pages of ~80 KB (default 640, ~52 MB)
#   BENCH_SEED=N        generator seed (default 42)
#
# The corpora are generated once into build/bench-data/ by gen_corpus
# (bench/gen_corpus.c).  Each timed run is one process over the whole input,
# stdout to /dev/null; the median of a run on one tiny file (the process
# start-up) is subtracted before computing MB/s and docs/s.  Peak RSS comes
# from /usr/bin/time (Debian package `time`) for inputs of size X and 10X.
# Progress goes to stderr, the tables to stdout and build/bench-results.md.
set -eu

build=${1:-build}
cd "$(dirname "$0")/.."
bin=$build/chronicle
runs=${BENCH_RUNS:-10}
text_docs=${BENCH_TEXT_DOCS:-25000}
html_docs=${BENCH_HTML_DOCS:-640}
seed=${BENCH_SEED:-42}
data=build/bench-data
results=build/bench-results.md

say() { echo "bench: $*" >&2; }

if [ ! -x "$bin" ]; then
	say "$bin not found; run make first"
	exit 1
fi
mkdir -p "$data"

gen=$build/bench/gen_corpus
if [ ! -x "$gen" ]; then
	mkdir -p "$build/bench"
	${CC:-cc} -std=c11 -O2 -o "$gen" bench/gen_corpus.c
fi

timer=
if [ -x /usr/bin/time ]; then
	timer=/usr/bin/time
else
	say "/usr/bin/time not found (Debian package 'time'; scripts/setup installs it): no CPU time or peak RSS"
fi

# corpus KIND N: generate once; prints the path.  A .done stamp marks a
# complete corpus, so an interrupted generation is redone, and so is one
# older than the generator.
corpus() {
	case $1 in
	jsonl) path=$data/text-$2-s$seed.jsonl ;;
	*) path=$data/$1-$2-s$seed ;;
	esac
	if [ ! -e "$path.done" ] || [ "$gen" -nt "$path.done" ]; then
		say "generating $path"
		rm -rf "$path"
		"$gen" "$1" "$path" "$2" "$seed" >&2
		: >"$path.done"
	fi
	echo "$path"
}

# bytes PATH: total size of the regular files under PATH.
bytes() {
	find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%d\n", s }'
}

# How the binary takes a folder: the folder itself once the reader supports
# directories, else the file list through xargs (the placeholder reader).
probe=$data/probe
mkdir -p "$probe/dir"
printf 'A probe paragraph about talks between two delegations in Geneva.\n' >"$probe/dir/a.txt"
printf '%s\n' '{"id":"probe","url":"https://probe.example/a","date":"2025-03-04","title":null,"text":"A probe paragraph about talks between two delegations in Geneva."}' >"$probe/a.jsonl"
if "$bin" text "$probe/dir" 2>/dev/null | grep -q 'probe paragraph'; then
	dir_mode="dir"
else
	dir_mode="xargs"
	say "$bin does not read directories yet: passing file lists through xargs"
fi
if "$bin" text "$probe/a.jsonl" 2>/dev/null | grep -q '^A probe paragraph'; then
	jsonl_ok=1
else
	jsonl_ok=0
	say "$bin does not read JSON Lines yet: the JSONL row is skipped"
fi

# cmd_text PATH / cmd_gumbo PATH: the shell command of one run, output
# discarded.  Every run, start-up included, goes through `sh -c` the same way.
cmd_text() {
	if [ -d "$1" ] && [ "$dir_mode" = xargs ]; then
		echo "find '$1' -type f | sort | xargs '$bin' text >/dev/null"
	else
		echo "exec '$bin' text '$1' >/dev/null"
	fi
}

cmd_analyze() {
	echo "exec '$bin' analyze '$1' >/dev/null"
}

cmd_gumbo() {
	echo "exec '$build/bench/baseline_gumbo' '$1' >/dev/null"
}

# measure COMMAND: $runs timed runs; sets MED_WALL (ns), MED_CPU (user+sys
# s, median) and MAX_RSS (KB, largest process seen).
measure() {
	: >"$data/runs"
	i=0
	while [ "$i" -lt "$runs" ]; do
		t0=$(date +%s%N)
		if [ -n "$timer" ]; then
			$timer -f '%U %S %M' -o "$data/time.out" sh -c "$1"
		else
			sh -c "$1"
			echo "0 0 0" >"$data/time.out"
		fi
		t1=$(date +%s%N)
		tail -1 "$data/time.out" | awk -v w=$((t1 - t0)) '{ printf "%.0f %.3f %d\n", w, $1 + $2, $3 }' >>"$data/runs"
		i=$((i + 1))
	done
	MED_WALL=$(awk '{ print $1 }' "$data/runs" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	MED_CPU=$(awk '{ print $2 }' "$data/runs" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
	MAX_RSS=$(awk '{ print $3 }' "$data/runs" | sort -n | tail -1)
}

# row LABEL PATH DOCS CMDFUNC: one Markdown table row; sets LAST_MBS.
row() {
	label=$1 path=$2 docs=$3
	size=$(bytes "$path")
	say "timing $label ($runs runs)"
	measure "$($4 "$path")"
	LAST_MBS=$(awk -v b="$size" -v w="$MED_WALL" -v s="$START_WALL" 'BEGIN { t = (w - s) / 1e9; if (t <= 0) t = 1e-9; printf "%.1f", b / 1e6 / t }')
	LAST_CPU_MBS=$(awk -v b="$size" -v c="$MED_CPU" -v s="$START_CPU" -v w="$MED_WALL" -v sw="$START_WALL" 'BEGIN { t = c - s; if (t <= 0) t = (w - sw) / 1e9; if (t <= 0) t = 1e-9; printf "%.1f", b / 1e6 / t }')
	awk -v label="$label" -v b="$size" -v d="$docs" -v w="$MED_WALL" -v s="$START_WALL" \
		-v c="$MED_CPU" -v sc="$START_CPU" -v r="$MAX_RSS" -v n="$runs" 'BEGIN {
		t = (w - s) / 1e9; if (t <= 0) t = 1e-9
		ct = c - sc; if (ct <= 0) ct = t
		printf "| %s | %d | %.1f | %d | %.3f | **%.1f** | %.0f | %.1f | %.1f MB |\n",
			label, d, b / 1e6, n, w / 1e9, b / 1e6 / t, d / t, b / 1e6 / ct, r / 1024
	}' | tee -a "$results"
}

: >"$results"
text_small=$(corpus text $((text_docs / 10)))
text_big=$(corpus text "$text_docs")
html_small=$(corpus html $((html_docs / 10)))
html_big=$(corpus html "$html_docs")
jsonl_big=
[ "$jsonl_ok" = 1 ] && jsonl_big=$(corpus jsonl "$text_docs")
tiny=$probe/dir/a.txt

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
rev=$(git describe --always --dirty 2>/dev/null || echo unknown)
{
	echo "### chronicle text, $(date -u +%Y-%m-%d), commit $rev"
	echo
	echo "$(nproc) CPU(s), $cpu; $(${CC:-cc} --version 2>/dev/null | head -1); median of $runs runs, one process per run, start-up subtracted; directories passed as $dir_mode; load average at start $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) (wall times on a loaded machine inflate: trust the CPU-time column then)."
	echo
	echo "| input | docs | MB | runs | median wall s | MB/s | docs/s | MB per CPU-s | peak RSS |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
} | tee -a "$results"

START_WALL=0 START_CPU=0
say "timing start-up ($runs runs)"
measure "$(cmd_text "$tiny")"
START_WALL=$MED_WALL START_CPU=$MED_CPU
awk -v w="$MED_WALL" -v r="$MAX_RSS" -v n="$runs" 'BEGIN {
	printf "| start-up (one tiny file) | 1 | 0.0 | %d | %.4f | - | - | - | %.1f MB |\n", n, w / 1e9, r / 1024
}' | tee -a "$results"

row "plain text, folder of ~4 KB articles (X/10)" "$text_small" $((text_docs / 10)) cmd_text
rss_text_small=$MAX_RSS
row "plain text, folder of ~4 KB articles" "$text_big" "$text_docs" cmd_text
rss_text_big=$MAX_RSS
text_mbs=$LAST_MBS text_cpu=$LAST_CPU_MBS
if [ -n "$jsonl_big" ]; then
	row "plain text, the same articles as one JSONL file" "$jsonl_big" "$text_docs" cmd_text
fi
if [ -n "$jsonl_big" ]; then
	row "analyze (clean + language layer + quotes, events, claims + JSON), the JSONL file" "$jsonl_big" "$text_docs" cmd_analyze
	analyze_mbs=$LAST_MBS analyze_cpu=$LAST_CPU_MBS
fi
row "HTML, folder of ~80 KB pages (X/10)" "$html_small" $((html_docs / 10)) cmd_text
rss_html_small=$MAX_RSS
row "HTML, folder of ~80 KB pages" "$html_big" "$html_docs" cmd_text
rss_html_big=$MAX_RSS
html_mbs=$LAST_MBS html_cpu=$LAST_CPU_MBS
gumbo_mbs=
if [ -x "$build/bench/baseline_gumbo" ]; then
	row "HTML, gumbo parse + text walk alone (baseline_gumbo)" "$html_big" "$html_docs" cmd_gumbo
	gumbo_mbs=$LAST_MBS gumbo_cpu=$LAST_CPU_MBS
fi

{
	echo
	echo "Targets (issue 2): plain text >= 200 MB/s per core (measured: $text_mbs MB/s wall, $text_cpu MB per CPU-s);"
	[ -n "${analyze_mbs:-}" ] && echo "(issue 4): the full analyze >= 15 MB/s per core (measured: $analyze_mbs MB/s wall, $analyze_cpu MB per CPU-s);"
	if [ -n "$gumbo_mbs" ]; then
		awk -v h="$html_mbs" -v g="$gumbo_mbs" -v hc="$html_cpu" -v gc="$gumbo_cpu" 'BEGIN {
			printf "HTML >= 0.7 x gumbo parse-and-extract in the same run (measured: %s / %s MB/s = %.2f x by wall time, %s / %s = %.2f x by CPU time).\n", h, g, (g > 0 ? h / g : 0), hc, gc, (gc > 0 ? hc / gc : 0)
		}'
	else
		echo "HTML >= 0.7 x gumbo (baseline_gumbo not built: run make bench)."
	fi
	echo
	echo "| peak RSS | input X | input 10X | 10X / X |"
	echo "|---|---:|---:|---:|"
	awk -v a="$rss_text_small" -v b="$rss_text_big" 'BEGIN { printf "| plain text | %.1f MB | %.1f MB | %.2f |\n", a / 1024, b / 1024, (a > 0 ? b / a : 0) }'
	awk -v a="$rss_html_small" -v b="$rss_html_big" 'BEGIN { printf "| HTML | %.1f MB | %.1f MB | %.2f |\n", a / 1024, b / 1024, (a > 0 ? b / a : 0) }'
} | tee -a "$results"

# Micro-benchmarks other modules add as bench/bench_*.c (bench/README.md
# gives their calling convention).
export CHRONICLE_BENCH_TEXT="$text_big" CHRONICLE_BENCH_HTML="$html_big"
export CHRONICLE_BENCH_JSONL="$jsonl_big" CHRONICLE_BENCH_RUNS="$runs"
for prog in "$build"/bench/bench_*; do
	[ -x "$prog" ] || continue
	name=$(basename "$prog")
	case $name in
	bench_read) args="${jsonl_big:-$text_big}" ;;   # counts the named files' bytes
	bench_clean) args="20000 $runs" ;;               # builds its own corpus in memory
	bench_html) args="-r $runs $(find "$html_small" -type f -name '*.html' | sort)" ;;
	bench_analyze) args="-r $runs $(find "$text_small" -type f | sort)" ;;
	*) args="$text_big $html_big" ;;
	esac
	say "running $name"
	{
		echo
		echo "#### $name"
		echo
		# shellcheck disable=SC2086
		"$prog" $args || echo "($name failed with status $?)"
	} | tee -a "$results"
done
say "results written to $results"

#!/bin/sh
# bench/ingest_scale.sh BUILD [N] - `chronicle ingest` at scale: speed, peak
# memory and duplicate-detection quality on N generated news documents
# (default 1,000,000, ~3.9 GB of JSON Lines) and on N/10, as Markdown.
#
#   bench/ingest_scale.sh build 1000000
#
# Environment:
#   BENCH_SEED=N    generator seed (default 42)
#   INGEST_JOBS=N   --jobs for ingest (default 2)
#
# The corpus comes from `gen_corpus dupes` (bench/gen_corpus.c): about 10%
# of the documents are near copies of an earlier one and 5% exact copies,
# and FILE.truth.tsv names each copy's original.  It is generated once into
# build/bench-data/ (a .done stamp marks a finished one).  Each size is one
# ingest into a fresh database under /usr/bin/time -v (Debian package
# `time`), build/bench-data/scale.db, replaced for each size; then
# `chronicle sources --json` is scored by bench/score_dedup.py.
# The peak RSS at N/10 beside N shows whether memory stays bounded.  One
# run per size, start-up not subtracted (it is noise at these sizes).
# Progress goes to stderr, the tables to stdout and build/ingest-scale.md.
set -eu

build=${1:-build}
n=${2:-1000000}
cd "$(dirname "$0")/.."
bin=$build/chronicle
seed=${BENCH_SEED:-42}
jobs=${INGEST_JOBS:-2}
data=build/bench-data
results=build/ingest-scale.md

say() { echo "ingest_scale: $*" >&2; }
die() {
	say "$*"
	exit 1
}

case $n in
'' | *[!0-9]*) die "N must be a number of documents, not '$n'" ;;
esac
[ "$n" -ge 10 ] || die "N must be at least 10 (the small run uses N/10)"
[ -x "$bin" ] || die "$bin not found; run make first"
[ -x /usr/bin/time ] || die "/usr/bin/time not found: install the Debian package 'time' (scripts/setup does)"
command -v python3 >/dev/null 2>&1 || die "python3 not found (bench/score_dedup.py needs it)"
mkdir -p "$data"

# Refuse early, with the reason, when the binary has no working ingest or
# sources yet: a probe of two copies of one document in a scratch database.
probe=$(mktemp -d "${TMPDIR:-/tmp}/chronicle-ingest-probe.XXXXXX")
trap 'rm -rf "$probe"' EXIT INT TERM
for id in probe-a probe-b; do
	printf '{"id":"%s","url":"https://probe.example/%s","date":"2025-03-04","title":null,"text":"GENEVA, March 4 (Meridian Wire) - Delegations from two neighbouring states met in Geneva on Tuesday to discuss a draft agreement on water sharing from the border reservoir.\\n\\nThe talks lasted five hours and both sides described them as constructive, officials said."}\n' "$id" "$id"
done >"$probe/p.jsonl"
if ! "$bin" ingest --db "$probe/p.db" --jobs 1 "$probe/p.jsonl" >"$probe/out" 2>"$probe/err"; then
	say "$bin has no working 'ingest' command yet; nothing measured. Its answer to"
	say "  $bin ingest --db P.db --jobs 1 P.jsonl"
	sed 's/^/  | /' "$probe/err" | head -5 >&2
	exit 1
fi
if ! "$bin" sources --db "$probe/p.db" --json >"$probe/out" 2>"$probe/err"; then
	say "$bin has no working 'sources' command yet; nothing measured. Its answer to"
	say "  $bin sources --db P.db --json"
	sed 's/^/  | /' "$probe/err" | head -5 >&2
	exit 1
fi

gen=$build/bench/gen_corpus
if [ ! -x "$gen" ] || [ bench/gen_corpus.c -nt "$gen" ]; then
	mkdir -p "$build/bench"
	say "building $gen"
	${CC:-cc} -std=c11 -O2 -o "$gen" bench/gen_corpus.c
fi

# corpus DOCS: generate once; prints the path.  Regenerated when the stamp is
# older than the generator, which may have changed what document i is.
corpus() {
	path=$data/dupes-$1-s$seed.jsonl
	if [ ! -e "$path.done" ] || [ "$gen" -nt "$path.done" ]; then
		say "generating $path ($1 documents)"
		rm -f "$path" "$path.truth.tsv" "$path.done"
		"$gen" dupes "$path" "$1" "$seed" >&2
		: >"$path.done"
	fi
	echo "$path"
}

# time_field NAME: a field of the /usr/bin/time -v report in $data/time.out.
time_field() {
	awk -F': ' -v k="$1" 'index($0, k) { print $2; exit }' "$data/time.out" | tr -d ' \t'
}

# run_size DOCS: ingest, query and score one size; appends a table row to
# $data/rows.md and the full score to $data/score-DOCS.md; sets LAST_RSS (KB).
run_size() {
	docs=$1
	file=$(corpus "$docs")
	bytes=$(wc -c <"$file" | tr -d ' ')
	db=$data/scale.db
	rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
	say "ingesting $file ($bytes bytes) with --jobs $jobs"
	t0=$(date +%s%N)
	status=0
	/usr/bin/time -v -o "$data/time.out" "$bin" ingest --db "$db" --jobs "$jobs" "$file" \
		>"$data/ingest-$docs.out" 2>"$data/ingest-$docs.err" || status=$?
	t1=$(date +%s%N)
	if [ "$status" != 0 ]; then
		say "ingest of $docs documents failed with status $status; the end of its stderr:"
		tail -5 "$data/ingest-$docs.err" | sed 's/^/  | /' >&2
		exit 1
	fi
	user=$(time_field "User time (seconds)")
	sys=$(time_field "System time (seconds)")
	rss=$(time_field "Maximum resident set size (kbytes)")
	LAST_RSS=$rss
	dbbytes=0
	for f in "$db" "$db-wal"; do
		if [ -e "$f" ]; then dbbytes=$((dbbytes + $(wc -c <"$f"))); fi
	done

	say "querying sources ($db)"
	s0=$(date +%s%N)
	"$bin" sources --db "$db" --json >"$data/sources-$docs.jsonl" 2>"$data/sources-$docs.err" ||
		die "chronicle sources failed with status $?: $(head -1 "$data/sources-$docs.err")"
	s1=$(date +%s%N)
	say "scoring against $file.truth.tsv"
	python3 bench/score_dedup.py --json "$data/score-$docs.json" "$file.truth.tsv" \
		"$data/sources-$docs.jsonl" >"$data/score-$docs.md"
	python3 - "$data/score-$docs.json" "$docs" "$bytes" "$t0" "$t1" "$user" "$sys" "$rss" "$dbbytes" \
		"$s0" "$s1" >>"$data/rows.md" <<'PY'
import json, sys
score = json.load(open(sys.argv[1]))
docs, size, t0, t1 = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
cpu = float(sys.argv[6] or 0) + float(sys.argv[7] or 0)
rss, dbbytes, s0, s1 = int(sys.argv[8] or 0), int(sys.argv[9]), int(sys.argv[10]), int(sys.argv[11])
wall = max((t1 - t0) / 1e9, 1e-9)
def pr(k):
    s = score[k]
    return "%.3f / %.3f" % (s["precision"], s["recall"])
print("| %d | %.1f | %.1f | **%.1f** | %.0f | %s | %.1f MB | %.1f MB | %.1f | %s | %s | %s | %.3f |" % (
    docs, size / 1e6, wall, size / 1e6 / wall, docs / wall, "%.1f" % (size / 1e6 / cpu) if cpu > 0 else "-",
    rss / 1024, dbbytes / 1e6, (s1 - s0) / 1e9, pr("near"), pr("exact"), pr("all"), score["all"]["f1"]))
PY
}

avail=$(df -Pk "$data" | awk 'NR == 2 { print $4 }')
need=$((n * 12 * 11 / 10 / 1024)) # MB: guessed 4 KB of input and 8 KB of database a document, at both sizes
[ "${avail:-0}" -ge $((need * 1024)) ] || say "warning: $((avail / 1024)) MB free in $data; this run may need about $need MB"

: >"$data/rows.md"
run_size $((n / 10))
rss_small=$LAST_RSS
run_size "$n"
rss_big=$LAST_RSS

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)
rev=$(git describe --always --dirty 2>/dev/null || echo unknown)
{
	echo "### chronicle ingest at scale, $(date -u +%Y-%m-%d), commit $rev"
	echo
	echo "$(nproc) CPU(s), $cpu; \`gen_corpus dupes\` seed $seed (~10% near and 5% exact copies);" \
		"one \`chronicle ingest --jobs $jobs\` per size into a fresh database, under /usr/bin/time -v;" \
		"start-up not subtracted; load average at start $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)." \
		"Quality: pairwise precision / recall of \`chronicle sources --json\` against the generator's truth (bench/score_dedup.py)."
	echo
	echo "| docs | MB | wall s | MB/s | docs/s | MB per CPU-s | peak RSS | database | sources s | near P / R | exact P / R | all P / R | all F1 |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	cat "$data/rows.md"
	echo
	awk -v a="$rss_small" -v b="$rss_big" -v n="$n" 'BEGIN {
		printf "Peak RSS: %.1f MB at %d documents, %.1f MB at %d (%.2f x for 10 x the input).\n",
			a / 1024, n / 10, b / 1024, n, (a > 0 ? b / a : 0)
	}'
	echo
	echo "#### duplicate detection, $n documents"
	echo
	cat "$data/score-$n.md"
} | tee "$results"
say "results written to $results"

#!/bin/sh
# tests/bad/run.sh BIN - the bad inputs of issues 2, 3 and 4, each run through
# `BIN analyze` beside one good document.  For each case: exit status 0,
# the good document in the output, and exactly one message on stderr that
# names the bad file (and its line or record where there is one).
# Pathological cases run under a time limit.
set -u
bin=${1:?usage: tests/bad/run.sh path/to/chronicle}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/chronicle-bad.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$tmp" || exit 1
pass=0 fail=0
limit=${BAD_INPUT_TIME_LIMIT:-10}
have_timeout=0
command -v timeout >/dev/null 2>&1 && have_timeout=1

cat > good.txt <<'DOC'
 date 2025-03-14
The harbour authority reopened the northern pier on Friday after three weeks of repairs, the port's director said.

Ferries to the islands will resume their summer timetable from Monday, according to a statement from the operator.
DOC
GOOD='harbour authority reopened the northern pier'

run() {   # run NAME FILE [PATTERN]: PATTERN (default FILE) must be in the one stderr line
	name=$1 file=$2 pattern=${3:-$2}
	start=$(date +%s)
	if [ $have_timeout = 1 ]; then
		timeout "$limit" "$bin" analyze "$file" good.txt >out 2>err
	else
		"$bin" analyze "$file" good.txt >out 2>err
	fi
	rc=$?
	secs=$(($(date +%s) - start))
	why=
	[ "$rc" = 0 ] || why="exit status $rc"
	[ -z "$why" ] && ! grep -q "$GOOD" out && why="good document missing from the output"
	lines=$(wc -l <err | tr -d ' ')
	[ -z "$why" ] && [ "$lines" != 1 ] && why="$lines messages on stderr, want 1"
	[ -z "$why" ] && ! grep -q -- "$pattern" err && why="stderr does not name '$pattern'"
	if [ -z "$why" ]; then
		pass=$((pass + 1))
		echo "ok   $name (${secs}s): $(cat err)"
	else
		fail=$((fail + 1))
		echo "FAIL $name (${secs}s): $why"
		sed 's/^/     stderr: /' err | head -5
	fi
}

extra_fail() {   # a further check of the case just run failed
	if [ -z "$why" ]; then pass=$((pass - 1)); fail=$((fail + 1)); fi
	why=failed
}

# Empty file.
: > empty.txt
run "empty file" "empty.txt"

# Binary file: a PNG signature and header, then noise.
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\001\000' > image.png
head -c 3000 /dev/urandom >> image.png
run "binary file" "image.png"

# Invalid UTF-8: Latin-1 bytes, a lone continuation byte, a truncated sequence.
printf 'Caf\351 au lait and cr\350me br\373l\351e were served \200 at the \342\202 meeting.\n' > latin1.txt
run "invalid UTF-8" "latin1.txt"

# A 100 MB line: as a text file (over the 64 MiB document limit) and as a
# JSON Lines record that must be streamed past, with a good record after it.
yes 'abcdefghijklmnopqrstuvwxyz0123456789 ' | tr -d '\n' | head -c 100000000 > longline.txt
run "100 MB line (text)" "longline.txt"
{
	printf '{"id":"big","text":"'
	head -c 100000000 longline.txt
	printf '"}\n{"id":"after","text":"The record after the long line survives."}\n'
} > longline.jsonl
run "100 MB line (JSON Lines)" longline.jsonl "longline.jsonl:1"
grep -q 'The record after the long line survives' out || {
	extra_fail; echo "FAIL 100 MB line (JSON Lines): the next record is missing"; }
rm -f longline.txt longline.jsonl

# HTML nested 100,000 deep: the cleaner must neither overflow its stack nor
# take quadratic time; it may report the page (at most once) or clean it.
awk 'BEGIN { printf "<!DOCTYPE html><html><body>"; for (i = 0; i < 100000; i++) printf "<div>";
	printf "Deeply nested text."; for (i = 0; i < 100000; i++) printf "</div>"; print "</body></html>" }' > deep.html
start=$(date +%s)
if [ $have_timeout = 1 ]; then
	timeout "$limit" "$bin" analyze deep.html good.txt >out 2>err
else
	"$bin" analyze deep.html good.txt >out 2>err
fi
rc=$?
secs=$(($(date +%s) - start))
lines=$(wc -l <err | tr -d ' ')
if [ "$rc" = 0 ] && grep -q "$GOOD" out && [ "$lines" -le 1 ] &&
	{ [ "$lines" = 0 ] || grep -q deep.html err; }; then
	pass=$((pass + 1)); echo "ok   HTML nested 100,000 deep (${secs}s)"
else
	fail=$((fail + 1)); echo "FAIL HTML nested 100,000 deep (${secs}s): exit $rc (124 = over ${limit}s), $lines messages (cleaner: src/clean/html.c)"
	sed 's/^/     stderr: /' err | head -5
fi

# Truncated gzip: a JSON Lines file whose complete records before the cut are kept.
i=0
while [ $i -lt 400 ]; do
	printf '{"id":"r%d","text":"Record number %d of the compressed file, with some words to fill it out."}\n' $i $i
	i=$((i + 1))
done | gzip -c > whole.jsonl.gz
size=$(wc -c <whole.jsonl.gz | tr -d ' ')
head -c $((size / 2)) whole.jsonl.gz > cut.jsonl.gz
rm -f whole.jsonl.gz
run "truncated gzip" "cut.jsonl.gz"
grep -q 'Record number 3 of the compressed' out || {
	extra_fail; echo "FAIL truncated gzip: records before the cut are missing"; }

# Truncated zstd, whole file one plain document: reported, nothing else lost.
if command -v zstd >/dev/null 2>&1; then
	head -c 200000 /dev/urandom | od -An -tx1 | zstd -q -c > whole.txt.zst
	size=$(wc -c <whole.txt.zst | tr -d ' ')
	head -c $((size / 2)) whole.txt.zst > cut.txt.zst
	rm -f whole.txt.zst
	run "truncated zstd" "cut.txt.zst"
fi

# A JSON Lines line that is not JSON, between two good ones.
{
	printf '{"id":"j1","text":"First good record of the lines file."}\n'
	printf 'this line is not JSON at all\n'
	printf '{"id":"j3","text":"Third record, still read."}\n'
} > notjson.jsonl
run "JSON Lines line not JSON" notjson.jsonl "notjson.jsonl:2"
grep -q 'Third record, still read' out || {
	extra_fail; echo "FAIL JSON Lines line not JSON: the next line is missing"; }

# WARC records whose Content-Length lies, too short and too long.
warc_record() {   # warc_record URI BODY [LENGTH_DELTA]
	http=$(printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><p>%s</p></body></html>' "$2")
	len=$(printf '%s' "$http" | wc -c | tr -d ' ')
	len=$((len + ${3:-0}))
	printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: 2025-03-14T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n' "$1" "$len" "$http"
}
for lie in short long; do
	delta=-25
	[ $lie = long ] && delta=60
	{
		warc_record http://example.org/a "First page of the archive, read normally."
		warc_record http://example.org/b "Second page, whose length lies." $delta
		warc_record http://example.org/c "Third page, found again after the lie."
	} > lie-$lie.warc
	run "WARC Content-Length too $lie" lie-$lie.warc "lie-$lie.warc: record 2"
	grep -q 'Third page, found again' out && grep -q 'First page of the archive' out || {
		extra_fail; echo "FAIL WARC Content-Length too $lie: the other records are missing"; }
done

# Standard input, plain and gzip-compressed.
if "$bin" analyze - <good.txt 2>err | grep -q "$GOOD" && [ ! -s err ]; then
	pass=$((pass + 1)); echo "ok   standard input"
else
	fail=$((fail + 1)); echo "FAIL standard input"
fi
if gzip -c good.txt | "$bin" analyze - 2>err | grep -q "$GOOD" && [ ! -s err ]; then
	pass=$((pass + 1)); echo "ok   standard input, gzip"
else
	fail=$((fail + 1)); echo "FAIL standard input, gzip"
fi

# Pathological text for the language layer (issue 3): bounded time, sane
# output.  Each runs alone under the time limit; the output must pass
# check_analysis.py (spans inside the text, TIMEX3 values well formed).
patho() {   # patho NAME FILE [MIN_ENTITIES MIN_TIMES]
	name=$1 file=$2
	start=$(date +%s)
	if [ $have_timeout = 1 ]; then
		timeout "$limit" "$bin" analyze --raw --date 2025-12-12 "$file" >out 2>err
	else
		"$bin" analyze --raw --date 2025-12-12 "$file" >out 2>err
	fi
	rc=$?
	secs=$(($(date +%s) - start))
	if [ "$rc" = 0 ] && msg=$(python3 "$here/check_analysis.py" out "${3:-0}" "${4:-0}"); then
		pass=$((pass + 1)); echo "ok   $name (${secs}s)"
	else
		fail=$((fail + 1)); echo "FAIL $name (${secs}s): exit $rc $msg"; head -3 err
	fi
}
python3 - <<'PY'
import random
r = random.Random(7)
caps = ["Alder", "Brook", "Corvin", "Dunmore", "Ellis", "Fenwick", "Garron", "Holt", "Ives", "Jarrow"]
with open("capitals.txt", "w") as f:   # a million capitalised words
    f.write(" ".join(r.choice(caps) for _ in range(1000000)) + ".\n")
with open("longsentence.txt", "w") as f:   # one sentence of about 1 MB, names and dates inside
    words = ["the", "envoy", "met", "Maren", "Holst", "on", "Thursday", "and", "December", "3", "for",
             "five", "hours", "in", "Geneva", "while", "talks", "went", "on"]
    f.write(" ".join(r.choice(words) for _ in range(200000)) + ".\n")
with open("baddates.txt", "w") as f:   # impossible and extreme dates
    f.write("The deal was signed on February 30, 2025, or on 31 April 2024, or 2025-13-45. "
            "Historians date it to the year 0, or to 99999, or to 0000-00-00. "
            "It lasted 99999999999999999999 days and began on Day 0 of Month 0.\n")
with open("entities500.txt", "w") as f:   # one sentence naming 500 people
    f.write("Present were " + ", ".join("Mr %s %s" % (r.choice(caps), r.choice(caps)) for _ in range(500))
            + " and Foreign Minister Arkady Zhelnin.\n")
PY
patho "a million capitalised words" capitals.txt
patho "a 1 MB sentence" longsentence.txt 0 1
patho "impossible dates (February 30, year 0, 99999)" baddates.txt
patho "a sentence naming 500 people" entities500.txt

# Pathological text for quotes, events and claims (issue 4).
python3 - <<'PY'
import random
r = random.Random(11)
caps = ["Alder", "Brook", "Corvin", "Dunmore", "Ellis", "Fenwick", "Garron", "Holt", "Ives", "Jarrow"]
with open("unbalanced.txt", "w") as f:   # stray opening marks, no closing ones
    for i in range(2000):
        f.write('Minister Petra Lund said "the bridge will open %s and the mayor \u201cagreed, '
                'while \u00abnobody met anyone.\n\n' % ("soon" if i % 2 else "later"))
with open("quote1mb.txt", "w") as f:   # one quotation of about 1 MB
    body = " ".join(r.choice(["we", "met", "the", "envoy", "said", "will", "agree", "talks", "27", "points"])
                    for _ in range(180000))
    f.write('Envoy Maren Holst said: "' + body + '," she added.\n')
with open("turns.txt", "w") as f:   # a transcript of 10,000 turns
    for i in range(5000):
        f.write("Question: Did the two delegations meet again on day %d?\n\n" % (i % 28 + 1))
        f.write("Maren Holst: We met for %d hours and agreed on a %d-point plan.\n\n" % (i % 9 + 1, i % 40 + 2))
with open("actors500.txt", "w") as f:   # one meeting with 500 participants
    f.write("President Arkady Zhelnin met " + ", ".join("%s %s" % (r.choice(caps), r.choice(caps)) for _ in range(500))
            + " and Maren Holst in Geneva on Tuesday for three hours.\n")
PY
patho "unbalanced quotation marks" unbalanced.txt
patho "a 1 MB quotation" quote1mb.txt
patho "a transcript of 10,000 turns" turns.txt
patho "a meeting with 500 named participants" actors500.txt

# Nothing readable at all: exit 1.
"$bin" analyze empty.txt >/dev/null 2>&1
if [ $? = 1 ]; then
	pass=$((pass + 1)); echo "ok   nothing readable exits 1"
else
	fail=$((fail + 1)); echo "FAIL nothing readable should exit 1"
fi

echo "bad input: $pass passed, $fail failed"
# Recorded for tests/summary.sh, beside the binary's build folder.
results=$(dirname "$bin")/test-results
mkdir -p "$results" && echo "$pass $fail" >"$results/bad-input"
[ "$fail" = 0 ]

#!/bin/sh
# Golden tests: run the tool on fixed inputs and diff against committed output.
#
#   tests/golden/run.sh BIN            compare; exit 1 if any case differs
#   tests/golden/run.sh --regen BIN    show each difference and ask before
#                                      replacing the expected file (make regen)
#
# Cases, per stage directory tests/golden/<stage>/ (stage = the command run):
#   - every file of examples/corpus/ (README.md excepted): input
#     examples/corpus/<file>, expected tests/golden/<stage>/<file>.out
#   - every tests/golden/<stage>/<case>.in: expected <case>.out
# stdout is compared with <case>.out.  When the run writes to stderr or exits
# non-zero, that is compared too, with <case>.err ("exit N" then stderr);
# a missing .err means "silent, exit 0".
#
# The tool is always run from the repository root with relative paths, so the
# "source" fields in the output do not depend on where the tree is checked out.
#
# --regen asks on /dev/tty.  Without a terminal it refuses, unless
# CHRONICLE_REGEN_YES=1, which accepts every change.
set -u

regen=0
if [ "${1:-}" = "--regen" ]; then
	regen=1
	shift
fi
if [ $# -ne 1 ]; then
	echo "usage: tests/golden/run.sh [--regen] BIN" >&2
	exit 2
fi
bin=$1
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
cd "$(dirname "$0")/../.." || exit 2
if [ ! -x "$bin" ]; then
	echo "golden: $bin is not an executable (run make first)" >&2
	exit 2
fi

yes_all=0
if [ "$regen" = 1 ]; then
	if [ "${CHRONICLE_REGEN_YES:-}" = 1 ]; then
		yes_all=1
	elif ! (exec </dev/tty) 2>/dev/null; then
		echo "golden: --regen asks before replacing files and there is no terminal;" >&2
		echo "golden: set CHRONICLE_REGEN_YES=1 to accept every change" >&2
		exit 2
	fi
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/chronicle-golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

passed=0 failed=0 replaced=0 kept=0

# show_diff EXPECTED ACTUAL: a unified diff, at most 40 lines.
show_diff() {
	if [ -f "$1" ]; then
		diff -u -L "$1" -L "$1 (actual)" "$1" "$2" | head -n 40
	else
		echo "(new file $1)"
		head -n 20 "$2"
	fi
}

# ask QUESTION: 0 if the answer is yes.
ask() {
	[ "$yes_all" = 1 ] && return 0
	printf '%s [y/N] ' "$1" >/dev/tty
	read -r answer </dev/tty || return 1
	case $answer in
	y | Y | yes | YES) return 0 ;;
	*) return 1 ;;
	esac
}

# same KIND EXPECTED ACTUAL: 0 if equal.  A missing .out is always a
# difference (a new case); a missing .err equals an empty one.
same() {
	if [ -f "$2" ]; then
		cmp -s "$2" "$3"
	else
		[ "$1" = err ] && [ ! -s "$3" ]
	fi
}

# run_case STAGE INPUT EXPECTED_BASE
run_case() {
	stage=$1 input=$2 base=$3
	"$bin" "$stage" "$input" >"$tmp/out" 2>"$tmp/stderr"
	rc=$?
	: >"$tmp/err"
	if [ "$rc" != 0 ] || [ -s "$tmp/stderr" ]; then
		{ echo "exit $rc"; cat "$tmp/stderr"; } >"$tmp/err"
	fi
	ok=1
	for kind in out err; do
		same "$kind" "$base.$kind" "$tmp/$kind" && continue
		ok=0
		if [ "$regen" = 0 ]; then
			echo "FAIL $stage $input ($base.$kind)"
			show_diff "$base.$kind" "$tmp/$kind"
			continue
		fi
		echo "== $stage $input"
		show_diff "$base.$kind" "$tmp/$kind"
		if ask "replace $base.$kind?"; then
			if [ -s "$tmp/$kind" ] || [ "$kind" = out ]; then
				cp "$tmp/$kind" "$base.$kind"
			else
				rm -f "$base.$kind"
			fi
			replaced=$((replaced + 1))
		else
			kept=$((kept + 1))
		fi
	done
	if [ "$ok" = 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
}

for stage in analyze text; do
	mkdir -p "tests/golden/$stage"
	for input in examples/corpus/*; do
		[ -f "$input" ] || continue
		name=$(basename "$input")
		[ "$name" = README.md ] && continue
		run_case "$stage" "$input" "tests/golden/$stage/$name"
	done
	for input in "tests/golden/$stage"/*.in; do
		[ -f "$input" ] || continue
		run_case "$stage" "$input" "${input%.in}"
	done
done

# The generated corpus files must match their sources.
if command -v python3 >/dev/null 2>&1; then
	if python3 tools/make_sample_warc.py --check; then
		passed=$((passed + 1))
	else
		echo "FAIL examples/corpus generated files are stale: run python3 tools/make_sample_warc.py"
		failed=$((failed + 1))
	fi
fi

if [ "$regen" = 1 ]; then
	echo "golden: $passed unchanged, $replaced replaced, $kept kept as they were"
	[ "$kept" = 0 ]
	exit
fi
echo "golden: $passed passed, $failed failed"
# Recorded for tests/summary.sh, beside the binary's build folder.
results=$(dirname "$bin")/test-results
mkdir -p "$results" && echo "$passed $failed" >"$results/golden"
[ "$failed" = 0 ]

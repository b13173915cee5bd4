#!/bin/sh
# Command-line contract: help, version, exit codes, stdin, error messages.
# Usage: tests/cli/run.sh BIN
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# expect NAME WANT_EXIT GREP_STDOUT GREP_STDERR -- CMD...
expect() {
	name=$1 want=$2 out_pat=$3 err_pat=$4
	shift 5
	"$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	got=$?
	ok=1
	[ "$got" = "$want" ] || ok=0
	if [ -n "$out_pat" ] && ! grep -q -- "$out_pat" "$tmp/out"; then ok=0; fi
	if [ -n "$err_pat" ] && ! grep -q -- "$err_pat" "$tmp/err"; then ok=0; fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name: exit $got (want $want)"
		sed 's/^/  stdout: /' "$tmp/out" | head -5
		sed 's/^/  stderr: /' "$tmp/err" | head -5
	fi
}

printf 'MOSCOW, May 2. /Agency/. A short note about talks.\n' >"$tmp/a.txt"

expect version 0 "^chronicle [0-9]" "" -- "$bin" --version
expect help 0 "Usage:" "" -- "$bin" --help
expect no-args 2 "" "Usage:" -- "$bin"
expect unknown-command 2 "" "unknown command" -- "$bin" frobnicate
for c in text analyze; do
	expect "$c-help" 0 "Usage: chronicle $c" "" -- "$bin" $c --help
	expect "$c-no-input" 2 "" "no INPUT" -- "$bin" $c
	expect "$c-bad-option" 2 "" "unknown option" -- "$bin" $c --frob "$tmp/a.txt"
	expect "$c-bad-date" 2 "" "YYYY-MM-DD" -- "$bin" $c --date 2025-13-01 "$tmp/a.txt"
	expect "$c-missing-file" 1 "" "$tmp/missing.txt" -- "$bin" $c "$tmp/missing.txt"
	expect "$c-one-missing" 0 "short note" "$tmp/missing.txt" -- "$bin" $c "$tmp/missing.txt" "$tmp/a.txt"
done
expect analyze-json 0 '"doc":"a"' "" -- "$bin" analyze "$tmp/a.txt"
expect analyze-date 0 '"date":"2025-05-02","date_basis":"input"' "" -- "$bin" analyze --raw --date 2025-05-02 "$tmp/a.txt"

# Standard input.
printf 'A line read from standard input.\n' >"$tmp/stdin.txt"
"$bin" text - <"$tmp/stdin.txt" >"$tmp/out" 2>"$tmp/err"
if [ $? = 0 ] && grep -q "standard input" "$tmp/out"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL stdin"; fi

echo "cli: $pass passed, $fail failed"
# Recorded for tests/summary.sh, beside the binary's build folder.
results=$(dirname "$bin")/test-results
mkdir -p "$results" && echo "$pass $fail" >"$results/cli"
[ $fail = 0 ]

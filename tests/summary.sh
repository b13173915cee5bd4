#!/bin/sh
# tests/summary.sh - the last line of `make test`: what ran, and the total.
#
# `make test` runs its tiers one after another and stops at the first
# failure, so reaching this script means every tier passed.  Tiers that
# count their cases record "PASSED FAILED" in BUILD/test-results/<tier>
# (tests/golden/run.sh does; other tier scripts may add their own); this
# script adds them up, deletes the records so the next run starts clean,
# and counts a tier that kept no record as one check.  Unit tests are
# counted from the cmocka_unit_test entries in tests/unit/ (each program
# printed its own cmocka summary above).
set -u
cd "$(dirname "$0")/.." || exit 1

passed=0 failed=0
add() {
	passed=$((passed + $1))
	failed=$((failed + $2))
}

unit_files=$(ls tests/unit/test_*.c 2>/dev/null | wc -l)
unit_tests=$(cat tests/unit/test_*.c 2>/dev/null | grep -o 'cmocka_unit_test[a-z_]*(' | wc -l)

for build in build build/asan; do
	[ -x "$build/chronicle" ] || continue
	label=$build
	[ "$build" = build/asan ] && label="build/asan (ASan+UBSan)"
	if [ -d "$build/tests" ]; then
		echo "test: $label: unit: $unit_tests tests in $unit_files programs"
		add "$unit_tests" 0
	fi
	for tier in cli golden bad-input corpus seeds; do
		rec=$build/test-results/$tier
		if [ -f "$rec" ]; then
			read -r p f <"$rec" || { p=0; f=1; }
			echo "test: $label: $tier: $p passed, $f failed"
			add "$p" "$f"
			rm -f "$rec"
		else
			echo "test: $label: $tier: ran, no count recorded (counted as one check)"
			add 1 0
		fi
	done
done

harnesses=$(ls fuzz/fuzz_*.c 2>/dev/null | wc -l)
echo "test: fuzz smoke: $harnesses harnesses"
add "$harnesses" 0

if [ "$failed" = 0 ]; then
	echo "test: all tiers passed"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

#!/bin/sh
# The seed checks (all of them), on ../shared/seeds.
# Skipped with a message when ../shared (the evaluation folder) is absent.
set -eu
bin=$1
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${CHRONICLE_SHARED:-$here/../shared}
if [ ! -f "$shared/eval/check_seeds.py" ] || [ ! -d "$shared/seeds" ]; then
	echo "seeds: skipped ($shared/eval/check_seeds.py not found; set CHRONICLE_SHARED)"
	exit 0
fi
# Every check: reading and cleaning, times and entities, quotes, events and
# claims per document, and the corpus (ingest, fusion, conflicts, sources).
out=$(python3 "$shared/eval/check_seeds.py" --bin "$bin" --seeds "$shared/seeds") && rc=0 || rc=$?
echo "$out"
# "seeds: N/M checks passed", recorded for tests/summary.sh.
counts=$(echo "$out" | sed -n 's#^seeds: \([0-9]*\)/\([0-9]*\) checks passed$#\1 \2#p')
if [ -n "$counts" ]; then
	set -- $counts
	results=$(dirname "$bin")/test-results
	mkdir -p "$results" && echo "$1 $(($2 - $1))" >"$results/seeds"
fi
exit "$rc"

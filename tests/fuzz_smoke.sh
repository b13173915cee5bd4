#!/bin/sh
# Builds every fuzz/fuzz_*.c harness with libFuzzer + ASan + UBSan (clang)
# and runs each for SECONDS (default 10) on a scratch copy of its seed
# corpus fuzz/seeds/<name>/.  A crash fails the run and leaves the
# reproducer in build/fuzz/<name>-crash-*.
set -eu
secs=${1:-10}
cd "$(dirname "$0")/.."
out=build/fuzz
mkdir -p "$out"
make -s build/gen/data.c >/dev/null
cc=${FUZZ_CC:-clang}
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "fuzz: $cc not found (scripts/setup installs clang); skipped"
	exit 0
fi
flags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Iinclude -Isrc -Ibuild/gen $(pkg-config --cflags gumbo libxxhash zlib libzstd jansson libutf8proc sqlite3)"
libs="$(pkg-config --libs gumbo libxxhash zlib libzstd jansson libutf8proc sqlite3) -lm -lpthread"
srcs="$(find src -name '*.c' | sort) build/gen/data.c"
failed=0 ran=0
for h in fuzz/fuzz_*.c; do
	[ -e "$h" ] || continue
	name=$(basename "$h" .c)
	bin=$out/$name
	if [ ! -x "$bin" ] || [ -n "$(find $h src include build/gen/data.c -newer "$bin" -type f 2>/dev/null | head -1)" ]; then
		# shellcheck disable=SC2086
		$cc $flags -o "$bin" "$h" $srcs $libs
	fi
	corpus=$out/corpus-$name
	rm -rf "$corpus"
	mkdir -p "$corpus"
	[ -d "fuzz/seeds/${name#fuzz_}" ] && cp -r "fuzz/seeds/${name#fuzz_}/." "$corpus/"
	printf 'fuzz %-16s %ss ... ' "$name" "$secs"
	if "$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$out/$name-" "$corpus" >"$out/$name.log" 2>&1; then
		echo "ok ($(grep -o 'Done [0-9]* runs' "$out/$name.log" | head -1))"
	else
		echo "FAILED (log: $out/$name.log)"
		tail -30 "$out/$name.log"
		failed=$((failed + 1))
	fi
	ran=$((ran + 1))
done
echo "fuzz: $((ran - failed)) passed, $failed failed"
[ "$failed" = 0 ]

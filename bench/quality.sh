#!/bin/sh
# bench/quality.sh BUILD - accuracy of the analyze stage beside the npm
# peers, in one run, as Markdown for BENCHMARKS.md:
#   times     TempEval-3 development data (score_timex.py): chronicle, chrono-node
#   entities  gum-ner, the 4 dev documents and all 39 (score_ner.py): chronicle, compromise
#   quotes    polnear-quotes dev and train (score_quotes.py): chronicle, compromise
#   events    petrarch2-cameo development records (score_events.py): chronicle
#   seeds     check_seeds.py --only ': (time|entity|quote|question|claim|event|no event)'
# QUALITY_SKIP_TRAIN=1 leaves out the 840 PolNeAR train articles (the slow row).
# Needs ../shared (the evaluation folder; skipped with a message when absent)
# and, for the peers, `npm ci --prefix tools/peers` (rows skipped without it).
set -eu
build=${1:-build}
cd "$(dirname "$0")/.."
shared=${CHRONICLE_SHARED:-../shared}
bin=$build/chronicle
if [ ! -d "$shared/eval" ]; then
	echo "quality: $shared/eval not found (set CHRONICLE_SHARED); nothing measured" >&2
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/chronicle-quality.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/gumdev"
for d in news_homeopathic news_iodine interview_cyclone interview_gaming; do
	ln -s "$(cd "$shared/data/gum-ner/dep" && pwd)/GUM_$d.conllu" "$tmp/gumdev/"
done
peers=0
[ -d tools/peers/node_modules ] && command -v node >/dev/null 2>&1 && peers=1

timex() {   # timex LABEL [--cmd CMD]
	label=$1
	shift
	python3 "$shared/eval/score_timex.py" --chronicle "$bin" --json "$tmp/t.json" "$@" >/dev/null
	python3 - "$tmp/t.json" "$label" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("| %s | %.3f | %.3f | %.3f | %.3f | %d |" % (sys.argv[2], r["strict"]["f1"], r["relaxed"]["f1"],
      r["value"]["f1"], r["type"]["f1"], r["failed"]))
PY
}

ner() {   # ner LABEL DATA [--cmd CMD]
	label=$1 data=$2
	shift 2
	python3 "$shared/eval/score_ner.py" --chronicle "$bin" --data "$data" --json "$tmp/n.json" "$@" >/dev/null
	python3 - "$tmp/n.json" "$label" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
def f(k):
    return r["per_type"][k]["f1"]
m = r.get("micro") or {}
print("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |" % (sys.argv[2], m.get("precision", 0), m.get("recall", 0),
      m.get("f1", 0), f("PER"), f("ORG"), f("LOC")))
PY
}

echo "#### Time expressions: TempEval-3 development data (256 documents, 1,822 TIMEX3)"
echo
echo "| program | strict span F1 | relaxed span F1 | value F1 | type F1 | failed docs |"
echo "|---|---:|---:|---:|---:|---:|"
timex "chronicle"
[ $peers = 1 ] && timex "chrono-node (npm)" --cmd "node tools/peers/chrono_analyze.js --raw --date {date} {file}"
echo
echo "#### Named entities: gum-ner, exact span and type"
echo
echo "| program, documents | P | R | micro F1 | PER F1 | ORG F1 | LOC F1 |"
echo "|---|---:|---:|---:|---:|---:|---:|"
ner "chronicle, 4 dev" "$tmp/gumdev"
[ $peers = 1 ] && ner "compromise (npm), 4 dev" "$tmp/gumdev" --cmd "node tools/peers/compromise_analyze.js --raw --date {date} {file}"
ner "chronicle, all 39 (35 of them trained on)" "$shared/data/gum-ner"
[ $peers = 1 ] && ner "compromise (npm), all 39" "$shared/data/gum-ner" --cmd "node tools/peers/compromise_analyze.js --raw --date {date} {file}"

quotes() {   # quotes LABEL COMPARTMENT [--cmd CMD]
	label=$1 part=$2
	shift 2
	python3 "$shared/eval/score_quotes.py" --chronicle "$bin" --compartment "$part" --json "$tmp/q.json" "$@" >/dev/null
	python3 - "$tmp/q.json" "$label" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
a, d = r["attribution"], r["detection"]
print("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %d |" % (sys.argv[2], d["precision"], d["recall_direct"],
      r["speaker_accuracy"], a["precision"], a["recall"], a["f1"], r["failed"]))
PY
}

echo
echo "#### Quotes: polnear-quotes (PolNeAR, US political news)"
echo
echo "| program, compartment | detection P | detection R (direct) | speaker accuracy | attribution P | attribution R | attribution F1 | failed docs |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
quotes "chronicle, dev (84)" dev
[ $peers = 1 ] && quotes "compromise (npm) + nearest person, dev (84)" dev --cmd "node tools/peers/compromise_quotes.js --raw --date {date} {file}"
if [ "${QUALITY_SKIP_TRAIN:-0}" != 1 ]; then
	quotes "chronicle, train (840)" train
	[ $peers = 1 ] && quotes "compromise (npm) + nearest person, train (840)" train --cmd "node tools/peers/compromise_quotes.js --raw --date {date} {file}"
fi
echo
echo "#### Events: petrarch2-cameo development records (CAMEO codes per sentence)"
echo
echo "| program, records | root P | root R | root F1 | exact-code F1 | sentence accuracy | no-event FP rate |"
echo "|---|---:|---:|---:|---:|---:|---:|"
python3 "$shared/eval/score_events.py" --chronicle "$bin" --json "$tmp/e.json" >/dev/null
python3 - "$tmp/e.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
def row(label, sc):
    print("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |" % (label, sc["root"]["precision"], sc["root"]["recall"],
          sc["root"]["f1"], sc["exact"]["f1"], sc["sentence_accuracy"], sc["noevent_fp_rate"]))
row("chronicle, all (%d)" % r["overall"]["sentences"], r["overall"])
for name, sc in sorted(r["by_set"].items()):
    row("chronicle, %s (%d)" % (name, sc["sentences"]), sc)
PY
echo
printf 'Seed checks (time, entity, quote, question, claim, event): '
python3 "$shared/eval/check_seeds.py" --bin "$bin" --only ': (time|entity|quote|question|claim|event|no event)' | tail -1

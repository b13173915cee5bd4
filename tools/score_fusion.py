#!/usr/bin/env python3
"""Score chronicle's cross-document event fusion against examples/fusion-truth.tsv.

Usage:
    python3 tools/score_fusion.py                       # ingest examples/corpus, then score
    python3 tools/score_fusion.py --events fused.jsonl  # score fused events from a file
    python3 tools/score_fusion.py --check-truth         # check the truth against `analyze`

A truth report is one (event_key, doc, snippet) line. A fused event's source
stands for that report when its "doc" is the report's doc and its "sentence"
contains the snippet (case-insensitive, whitespace collapsed). Scores are
pairwise over truth reports: two reports count as put together when some
fused event holds both. Sources that match no truth line are ignored, so the
truth may leave out background mentions without penalising a system that
fuses them.

Exit status: 0, or 1 when --min-f1 is given and F1 falls below it, or 2 on a
usage or input error.
"""

import argparse
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from datetime import date

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def norm(text):
    return re.sub(r"\s+", " ", text).strip().casefold()


def fail(msg):
    print("score_fusion: " + msg, file=sys.stderr)
    sys.exit(2)


def read_truth(path):
    """Return (reports, notes): reports as (key, doc, snippet) in file order,
    notes mapping event_key to the rest of its '# key ...' comment line."""
    reports, notes, seen = [], {}, set()
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                parts = line[1:].split(None, 1)
                if len(parts) == 2:
                    notes.setdefault(parts[0], parts[1])
                continue
            cols = line.split("\t")
            if len(cols) != 3 or not all(c.strip() for c in cols):
                fail("%s:%d: want event_key<TAB>doc<TAB>snippet" % (path, lineno))
            key, doc, snippet = (c.strip() for c in cols)
            if (key, doc) in seen:
                fail("%s:%d: a second line for %s in %s" % (path, lineno, key, doc))
            seen.add((key, doc))
            reports.append((key, doc, snippet))
    if not reports:
        fail(path + ": no truth lines")
    return reports, notes


def parse_json_stream(text, what):
    """JSON Lines, a JSON array, or several pretty-printed objects in a row."""
    text = text.strip()
    if not text:
        return []
    if text.startswith("["):
        return json.loads(text)
    out, dec, i = [], json.JSONDecoder(), 0
    while i < len(text):
        try:
            obj, i = dec.raw_decode(text, i)
        except json.JSONDecodeError as e:
            fail("%s: bad JSON near offset %d: %s" % (what, i, e.msg))
        out.append(obj)
        while i < len(text) and text[i].isspace():
            i += 1
    return out


def run(cmd):
    try:
        proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    except OSError as e:
        fail("cannot run %s: %s" % (cmd[0], e.strerror))
    if proc.returncode != 0:
        fail("%s exited %d:\n%s" % (" ".join(cmd), proc.returncode, proc.stderr.strip()))
    return proc.stdout


def fused_from_chronicle(binary, corpus, keep_db, order="batch"):
    """Ingest the corpus and read back the fused events. order "batch" is one
    ingest of the folder; "files" and "reverse" ingest each file in a process
    of its own, by name or in reverse, as daily runs would bring them."""
    with tempfile.TemporaryDirectory(prefix="score_fusion.") as tmp:
        db = keep_db or os.path.join(tmp, "fusion.db")
        if order == "batch":
            run([binary, "ingest", "--db", db, corpus])
        else:
            files = sorted((os.path.join(corpus, f) for f in os.listdir(corpus) if not f.startswith(".")),
                           reverse=order == "reverse")
            for path in files:
                run([binary, "ingest", "--db", db, path])
        return parse_json_stream(run([binary, "events", "--db", db, "--json"]), "events")


def truth_dates(notes):
    """event_key -> date from the first word of its '# key date ...' comment."""
    out = {}
    for key, rest in notes.items():
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})\b", rest)
        if m:
            out[key] = date(*map(int, m.groups()))
    return out


def date_fits(fused_date, truth_date, window):
    """A frame from the same sentence can be a different event (the lead that
    reports a release also dates the arrest to November); a date that cannot
    be the truth event's date tells them apart. Unknown dates fit."""
    if not fused_date or truth_date is None:
        return True
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", fused_date)
    if not m:
        return True
    y, mo, d = m.groups()
    if d:
        try:
            return abs((date(int(y), int(mo), int(d)) - truth_date).days) <= window
        except ValueError:
            return True
    if mo:
        return (int(y), int(mo)) == (truth_date.year, truth_date.month)
    return int(y) == truth_date.year


def match_sources(fused, reports, tdates=None, window=None):
    """Map each truth report index to the set of fused event ids holding it.
    With a window (days), fused events whose date cannot be the truth
    event's date are not matched."""
    by_doc = defaultdict(list)
    for i, (_, doc, snippet) in enumerate(reports):
        by_doc[doc].append((i, norm(snippet)))
    where = defaultdict(set)
    for n, ev in enumerate(fused):
        # An event without an id still needs a distinct name for the report.
        eid = ev.get("event", "#%d" % n)
        for src in ev.get("sources") or []:
            sentence = norm(src.get("sentence") or "")
            for i, snip in by_doc.get(src.get("doc"), ()):
                if snip not in sentence:
                    continue
                if window is not None and not date_fits(
                        ev.get("date"), tdates.get(reports[i][0]), window):
                    continue
                where[i].add(eid)
    return where


def score(reports, where):
    tp = fp = fn = 0
    for a, b in itertools.combinations(range(len(reports)), 2):
        same_truth = reports[a][0] == reports[b][0]
        together = bool(where.get(a, set()) & where.get(b, set()))
        if same_truth and together:
            tp += 1
        elif same_truth:
            fn += 1
        elif together:
            fp += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def report_debug(reports, notes, where, fused, out):
    by_id = {ev.get("event", "#%d" % n): ev for n, ev in enumerate(fused)}
    keys = list(dict.fromkeys(k for k, _, _ in reports))

    def describe(eid):
        ev = by_id.get(eid, {})
        return "event %s (%s %s, %s, %s)" % (
            eid, ev.get("type"), ev.get("date"), ev.get("place"),
            ", ".join(ev.get("actors") or []) or "no actors")

    print("\nTruth events (S = split or partly missed):", file=out)
    for key in keys:
        idx = [i for i, r in enumerate(reports) if r[0] == key]
        found = [i for i in idx if where.get(i)]
        groups = {frozenset(where[i]) for i in found}
        # Split: some pair of this event's reports shares no fused event.
        split = any(not (where.get(a, set()) & where.get(b, set()))
                    for a, b in itertools.combinations(idx, 2))
        print("%s %-16s %d/%d found in %d fused group(s)   # %s" % (
            "S" if split else " ", key, len(found), len(idx), len(groups),
            notes.get(key, "")), file=out)
        if split or len(found) < len(idx):
            for i in idx:
                ids = sorted(where.get(i, ()), key=str)
                print("      %-40s %s" % (reports[i][1],
                      ", ".join(describe(e) for e in ids) or "MISSED"), file=out)

    holders = defaultdict(set)
    for i, ids in where.items():
        for eid in ids:
            holders[eid].add(i)
    merged = [(eid, idx) for eid, idx in holders.items()
              if len({reports[i][0] for i in idx}) > 1]
    print("\nMerged fused events (holding reports of more than one truth event): %d"
          % len(merged), file=out)
    for eid, idx in sorted(merged, key=lambda x: str(x[0])):
        print("  %s" % describe(eid), file=out)
        for i in sorted(idx):
            print("      %-16s %s" % (reports[i][0], reports[i][1]), file=out)

    dup = [i for i, ids in where.items() if len(ids) > 1]
    if dup:
        print("\nTruth reports held by more than one fused event: %d" % len(dup), file=out)
        for i in sorted(dup):
            print("  %-16s %-40s %s" % (reports[i][0], reports[i][1],
                  ", ".join(sorted(map(str, where[i])))), file=out)


def check_truth(binary, corpus, reports):
    """Every snippet must occur exactly once in the cleaned text of its doc."""
    files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus)
                   if not f.startswith("."))
    docs = {}
    for d in parse_json_stream(run([binary, "analyze"] + files), "analyze"):
        docs[d["doc"]] = norm(d.get("text") or "")
    bad = 0
    for key, doc, snippet in reports:
        if doc not in docs:
            print("no doc %r (event %s)" % (doc, key))
            bad += 1
            continue
        n = docs[doc].count(norm(snippet))
        if n != 1:
            print("%s %s: snippet occurs %d times: %r" % (key, doc, n, snippet))
            bad += 1
        if not 15 <= len(snippet) <= 60:
            print("%s %s: snippet is %d chars" % (key, doc, len(snippet)))
            bad += 1
    keys = {k for k, _, _ in reports}
    print("truth: %d reports of %d events over %d of %d docs; %d problem(s)" % (
        len(reports), len(keys), len({d for _, d, _ in reports}), len(docs), bad))
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chronicle", default=os.path.join(ROOT, "build", "chronicle"),
                    help="the binary to run (default: build/chronicle)")
    ap.add_argument("--corpus", default=os.path.join(ROOT, "examples", "corpus"))
    ap.add_argument("--truth", default=os.path.join(ROOT, "examples", "fusion-truth.tsv"))
    ap.add_argument("--events", metavar="FILE",
                    help="read fused events (JSON Lines or a JSON array) instead of running chronicle")
    ap.add_argument("--db", metavar="FILE",
                    help="ingest into this database and keep it (default: a temporary one)")
    ap.add_argument("--order", choices=("batch", "files", "reverse"), default="batch",
                    help="batch: one ingest of the corpus (default); files: one ingest per file, "
                         "by name; reverse: one per file, last name first")
    ap.add_argument("--check-truth", action="store_true",
                    help="only check that every snippet is found once in its doc's cleaned text")
    ap.add_argument("--date-window", type=int, metavar="DAYS",
                    help="match a source only when its fused event's date is unknown or within "
                         "DAYS of the truth event's date (from the truth comments)")
    ap.add_argument("--json", action="store_true", help="print the scores as one JSON line")
    ap.add_argument("-q", "--quiet", action="store_true", help="no split/merge listing")
    ap.add_argument("--min-f1", type=float, help="exit 1 when F1 is below this")
    args = ap.parse_args()
    # Commands run from the repository root; paths given by the user are
    # relative to where they stand.
    for name in ("chronicle", "corpus", "db"):
        value = getattr(args, name)
        if value and os.sep in value:
            setattr(args, name, os.path.abspath(value))

    try:
        reports, notes = read_truth(args.truth)
    except OSError as e:
        fail("%s: %s" % (args.truth, e.strerror))
    if args.check_truth:
        sys.exit(check_truth(args.chronicle, args.corpus, reports))

    if args.events:
        try:
            with open(args.events, encoding="utf-8") as f:
                fused = parse_json_stream(f.read(), args.events)
        except OSError as e:
            fail("%s: %s" % (args.events, e.strerror))
    else:
        fused = fused_from_chronicle(args.chronicle, args.corpus, args.db, args.order)

    where = match_sources(fused, reports, truth_dates(notes), args.date_window)
    s = score(reports, where)
    found = sum(1 for i in range(len(reports)) if where.get(i))
    # Fusion alone: only the reports the analysis turned into a frame, so
    # that a sentence the event lexicon does not cover counts against
    # extraction, not against merging.
    kept = [i for i in range(len(reports)) if where.get(i)]
    s_found = score([reports[i] for i in kept], {k: where[i] for k, i in enumerate(kept)})
    s.update({"reports": len(reports), "reports_found": found,
              "truth_events": len({k for k, _, _ in reports}), "fused_events": len(fused),
              "fusion_only": s_found})
    if args.json:
        print(json.dumps(s, sort_keys=True))
    else:
        print("fused events: %d; truth reports found: %d/%d" % (len(fused), found, len(reports)))
        print("pairwise, end to end         P %.3f  R %.3f  F1 %.3f   (tp %d, fp %d, fn %d)" % (
            s["precision"], s["recall"], s["f1"], s["tp"], s["fp"], s["fn"]))
        print("pairwise, reports with frames P %.3f  R %.3f  F1 %.3f   (tp %d, fp %d, fn %d)" % (
            s_found["precision"], s_found["recall"], s_found["f1"], s_found["tp"], s_found["fp"], s_found["fn"]))
    if not args.quiet and not args.json:
        report_debug(reports, notes, where, fused, sys.stdout)
    if args.min_f1 is not None and s["f1"] < args.min_f1:
        sys.exit(1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""score_dedup.py - pairwise precision and recall of chronicle's duplicate groups.

    score_dedup.py TRUTH.tsv [SOURCES|-] [--json OUT]

TRUTH.tsv is what `gen_corpus dupes FILE N` writes beside FILE:
`copy_id<TAB>original_id<TAB>near|exact`, one line per copy (a header line
is skipped).  SOURCES is the output of `chronicle sources --db X.db --json`
(default: stdin): one JSON object per line with "docs": [id, ...].

Truth pairs: every copy with its original, closed transitively into
clusters, so a cluster of k documents holds k(k-1)/2 pairs.  Predicted
pairs: every pair inside a reported group.  A pair counts as "near" when
either document is a near copy, else "exact" when either is an exact copy;
the remaining predicted pairs join two originals and are always wrong (they
appear only in the "all" row).  Documents absent from every group are
singletons.

Pairs are never enumerated: each group is split by truth cluster (one row
of the contingency table between clusters and groups at a time) and pairs
are counted as n(n-1)/2 per cell, so a million documents in 150,000 groups
take seconds and memory for the truth file and one hash per grouped
document.
"""
import argparse
import json
import sys

NEAR, EXACT, ORIGINAL = 0, 1, 2
KIND_NAMES = {"near": NEAR, "exact": EXACT}


def pairs(n):
    return n * (n - 1) // 2


def pair_counts(size, near, exact):
    """Pairs among SIZE documents of which NEAR are near and EXACT exact copies:
    (near, exact, original-original, all), by the attribution above."""
    originals = size - near - exact
    without_near = pairs(size - near)
    return (pairs(size) - without_near, without_near - pairs(originals), pairs(originals), pairs(size))


def read_truth(path):
    """Returns (cluster of each document, kind of each copy, clusters' totals)."""
    parent = {}

    def find(x):
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression keeps later finds short
            parent[x], x = root, parent[x]
        return root

    kind = {}
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            fields = line.rstrip("\r\n").split("\t")
            if lineno == 1 and fields[:2] == ["copy_id", "original_id"]:
                continue
            if not line.strip():
                continue
            if len(fields) != 3 or fields[2] not in KIND_NAMES:
                sys.exit("score_dedup: %s:%d: expected copy_id<TAB>original_id<TAB>near|exact" % (path, lineno))
            copy, orig, k = fields
            if copy == orig:
                continue
            if copy in kind and kind[copy] != KIND_NAMES[k]:
                print("score_dedup: %s listed as both kinds; keeping the first" % copy, file=sys.stderr)
            kind.setdefault(copy, KIND_NAMES[k])
            for d in (copy, orig):
                parent.setdefault(d, d)
            a, b = find(copy), find(orig)
            if a != b:
                parent[a] = b
    # Small integers for clusters: far less memory than keeping root strings.
    cluster_no, cluster = {}, {}
    for d in parent:
        cluster[d] = cluster_no.setdefault(find(d), len(cluster_no))
    del parent
    totals = [[0, 0, 0] for _ in range(len(cluster_no))]  # size, near, exact
    for d, c in cluster.items():
        t = totals[c]
        t[0] += 1
        k = kind.get(d, ORIGINAL)
        if k != ORIGINAL:
            t[1 + k] += 1
    return cluster, kind, totals


def group_docs(obj):
    docs = obj.get("docs") if isinstance(obj, dict) else None
    if not isinstance(docs, list):
        return None
    out = []
    for d in docs:
        if isinstance(d, dict):  # tolerate {"doc": id} or {"id": id} entries
            d = d.get("doc", d.get("id"))
        if d is not None:
            out.append(str(d))
    return out


def score(truth_path, sources):
    cluster, kind, totals = read_truth(truth_path)
    truth = [0, 0, 0, 0]
    for size, near, exact in totals:
        for i, v in enumerate(pair_counts(size, near, exact)):
            truth[i] += v
    predicted, correct = [0, 0, 0, 0], [0, 0, 0, 0]
    stats = {"groups": 0, "singleton_groups": 0, "grouped_docs": 0, "repeated_docs": 0,
             "clusters": len(totals), "truth_docs": len(cluster), "copies_near": 0,
             "copies_exact": 0, "clusters_exact_match": 0, "truth_docs_grouped": 0}
    for k in kind.values():
        stats["copies_near" if k == NEAR else "copies_exact"] += 1
    seen = set()  # hashes, not strings: the one per-document cost here
    for lineno, line in enumerate(sources, 1):
        if not line.strip():
            continue
        try:
            docs = group_docs(json.loads(line))
        except ValueError as e:
            sys.exit("score_dedup: sources line %d: %s" % (lineno, e))
        if docs is None:
            print("score_dedup: sources line %d has no \"docs\" list; skipped" % lineno, file=sys.stderr)
            continue
        members = []
        for d in dict.fromkeys(docs):  # a document twice in one group is one document
            h = hash(d)
            if h in seen:
                stats["repeated_docs"] += 1
                continue  # its pairs were counted in its first group
            seen.add(h)
            members.append(d)
        stats["groups"] += 1
        stats["grouped_docs"] += len(members)
        if len(members) < 2:
            stats["singleton_groups"] += 1
        cells = {}  # truth cluster -> [size, near, exact] inside this group
        near = exact = 0
        for d in members:
            k = kind.get(d, ORIGINAL)
            near += k == NEAR
            exact += k == EXACT
            c = cluster.get(d)
            if c is None:
                continue
            cell = cells.setdefault(c, [0, 0, 0])
            cell[0] += 1
            if k != ORIGINAL:
                cell[1 + k] += 1
        for i, v in enumerate(pair_counts(len(members), near, exact)):
            predicted[i] += v
        for c, (size, cn, ce) in cells.items():
            stats["truth_docs_grouped"] += size
            for i, v in enumerate(pair_counts(size, cn, ce)):
                correct[i] += v
            if size == len(members) and size == totals[c][0]:
                stats["clusters_exact_match"] += 1
    return truth, predicted, correct, stats


def prf(tp, pred, true):
    p = tp / pred if pred else (1.0 if not true else 0.0)
    r = tp / true if true else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("truth", help="FILE.truth.tsv from gen_corpus dupes")
    ap.add_argument("sources", nargs="?", default="-", help="chronicle sources --json output (default: stdin)")
    ap.add_argument("--json", metavar="OUT", help="also write the scores as one JSON object to OUT")
    args = ap.parse_args()
    if args.sources == "-":
        truth, predicted, correct, stats = score(args.truth, sys.stdin)
    else:
        with open(args.sources, encoding="utf-8") as f:
            truth, predicted, correct, stats = score(args.truth, f)

    rows = [("near copies", 0), ("exact copies", 1), ("all", 3)]
    result = {"stats": stats}
    print("| pairs | truth | predicted | correct | precision | recall | F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, i in rows:
        p, r, f = prf(correct[i], predicted[i], truth[i])
        result[label.split()[0]] = {"truth": truth[i], "predicted": predicted[i], "correct": correct[i],
                                    "precision": p, "recall": r, "f1": f}
        print("| %s | %d | %d | %d | %.4f | %.4f | %.4f |" % (label, truth[i], predicted[i], correct[i], p, r, f))
    print()
    print("Truth: %d copies (%d near, %d exact) in %d clusters of %d documents. "
          "Reported: %d groups (%d of one document) holding %d documents; %d truth clusters "
          "reported exactly as one group; %d predicted pairs join two originals."
          % (stats["copies_near"] + stats["copies_exact"], stats["copies_near"], stats["copies_exact"],
             stats["clusters"], stats["truth_docs"], stats["groups"], stats["singleton_groups"],
             stats["grouped_docs"], stats["clusters_exact_match"], predicted[2]))
    if stats["repeated_docs"]:
        print("Warning: %d documents appear in more than one group; only their first group counted."
              % stats["repeated_docs"])
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

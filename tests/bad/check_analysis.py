#!/usr/bin/env python3
"""Checks that `chronicle analyze` output is sane: every line one JSON
object, every span inside its text, entity and time fields of the SPEC's
types, TIMEX3 values well formed (no February 30, no five-digit years);
quotes, events and claims name entities of the same object, keep their
spans inside the text and use the SPEC's values.

Usage: check_analysis.py OUTPUT.jsonl [MIN_ENTITIES MIN_TIMES]
Exits 1 with a message on the first problem.
"""
import json
import re
import sys

VALUE = re.compile(r"^(?:"
                   r"(?:\d{4}|XXXX|\d{3}X|\d{2}XX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?)?"   # dates
                   r"(?:T(?:\d{2}(?::\d{2}(?::\d{2})?)?|MO|AF|EV|NI|DT))?"               # times
                   r"|\d{2,3}"                                                            # century 19, decade 199
                   r"|(?:\d{4}|XXXX)-W(?:\d{2}|XX)(?:-\d|-WE)?"                           # weeks
                   r"|(?:\d{4}|XXXX)-(?:Q[1-4]|H[12]|SP|SU|FA|WI)"                        # quarters, seasons
                   r"|P(?:[\dX.]+[YMWD])*(?:T(?:[\dX.]+[HMS])*)?"                         # durations
                   r"|PRESENT_REF|PAST_REF|FUTURE_REF"
                   r"|T(?:\d{2}(?::\d{2})?|MO|AF|EV|NI)"
                   r")$")


def fail(msg):
    print("check_analysis: " + msg)
    sys.exit(1)


def check_date(v, what):
    if not VALUE.match(v):
        fail("%s %r is not TIMEX3" % (what, v))
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", v)
    if m:
        y, mo, da = map(int, m.groups())
        days = [31, 29 if (y % 4 == 0 and (y % 100 or y % 400 == 0)) else 28, 31, 30, 31, 30,
                31, 31, 30, 31, 30, 31]
        if not (1 <= mo <= 12 and 1 <= da <= days[mo - 1]):
            fail("%s %r is not a calendar date" % (what, v))


def check_span(s, t, size, what):
    if not (isinstance(s, int) and isinstance(t, int) and 0 <= s <= t <= size):
        fail("%s [%r,%r] outside the text (%d bytes)" % (what, s, t, size))


def check_frames(d, size):
    ids = {e["id"] for e in d["entities"]}
    places = ids | {e.get("place") for e in d["entities"] if e.get("place")}
    for q in d["quotes"]:
        check_span(q["start"], q["end"], size, "quote")
        if q["speaker"] is not None and q["speaker"] not in ids:
            fail("quote speaker %r is not an entity" % q["speaker"])
        if q.get("kind") not in ("quote", "turn", "question"):
            fail("quote kind %r" % q.get("kind"))
        if q.get("kind") == "question" and q["speaker"] is not None:
            fail("a question with a speaker")
    for ev in d["events"]:
        if not re.fullmatch(r"[a-z_]+", ev["type"] or "") or not re.fullmatch(r"\d{2,4}[A-Z]?", ev["cameo"] or ""):
            fail("event type %r cameo %r" % (ev["type"], ev["cameo"]))
        for a in ev["actors"]:
            if a not in ids:
                fail("event actor %r is not an entity" % a)
        if len(ev["actors"]) != len(set(ev["actors"])):
            fail("event actor named twice: %r" % ev["actors"])
        if ev["place"] is not None and ev["place"] not in places:
            fail("event place %r is not an entity or its place" % ev["place"])
        if ev["date"] is not None:
            check_date(ev["date"], "event date")
        if ev["duration"] is not None and not re.fullmatch(r"P[\dT.YMWDHS]+", ev["duration"]):
            fail("event duration %r" % ev["duration"])
        if ev["modality"] not in ("asserted", "negated", "future", "hypothetical"):
            fail("event modality %r" % ev["modality"])
        check_span(ev["sentence"][0], ev["sentence"][1], size, "event sentence")
    for c in d["claims"]:
        check_span(c["start"], c["end"], size, "claim")
        if not isinstance(c["value"], (int, float)) or not c["attribute"] or not c["subject"]:
            fail("claim %r" % c)


def main():
    path = sys.argv[1]
    min_ents = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    min_times = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    n_ents = n_times = 0
    for lineno, line in enumerate(open(path, encoding="utf-8"), 1):
        try:
            d = json.loads(line)
        except ValueError as e:
            fail("line %d is not JSON: %s" % (lineno, e))
        size = len(d["text"].encode("utf-8"))
        for e in d["entities"]:
            if e["type"] not in ("PERSON", "ORG", "PLACE", "MISC"):
                fail("entity type %r" % e["type"])
            if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", e["id"] or ""):
                fail("entity id %r is not a slug" % e["id"])
            for s, t in e["mentions"]:
                if not 0 <= s < t <= size:
                    fail("mention [%d,%d] outside the text (%d bytes)" % (s, t, size))
            n_ents += 1
        for t in d["times"]:
            if not 0 <= t["start"] < t["end"] <= size:
                fail("time [%d,%d] outside the text" % (t["start"], t["end"]))
            if t["type"] not in ("DATE", "TIME", "DURATION", "SET"):
                fail("time type %r" % t["type"])
            check_date(str(t["value"]), "time value of %r" % t["text"])
            n_times += 1
        check_frames(d, size)
    if n_ents < min_ents or n_times < min_times:
        fail("%d entities and %d times, want at least %d and %d" % (n_ents, n_times, min_ents, min_times))


if __name__ == "__main__":
    main()

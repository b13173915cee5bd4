#!/usr/bin/env python3
"""Checks that `chronicle analyze` output is sane: every line one JSON
object, every span inside its text, entity and time fields of the SPEC's
types, TIMEX3 values well formed (no February 30, no five-digit years).

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
            v = str(t["value"])
            if not VALUE.match(v):
                fail("time value %r of %r is not TIMEX3" % (v, t["text"]))
            m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", v)
            if m:
                y, mo, da = map(int, m.groups())
                days = [31, 29 if (y % 4 == 0 and (y % 100 or y % 400 == 0)) else 28, 31, 30, 31, 30,
                        31, 31, 30, 31, 30, 31]
                if not (1 <= mo <= 12 and 1 <= da <= days[mo - 1]):
                    fail("time value %r is not a calendar date" % v)
            n_times += 1
    if n_ents < min_ents or n_times < min_times:
        fail("%d entities and %d times, want at least %d and %d" % (n_ents, n_times, min_ents, min_times))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""What the first query downloads from a built site's search index (files and bytes),
following static/search.js: meta.json, the shard of each word's longest listed prefix,
then the chunks of the best 20 candidates (and more, up to three pages' worth, while
some fail a word whose list was cut). Words are given folded (lowercase, no accents).

    python3 benches/search_bytes.py <output folder> <word> [<word>…]
"""
import json
import os
import sys

PAGE = 20


def main(out, words):
    d = os.path.join(out, "search")
    fetched = {}

    def get(name):
        if name not in fetched:
            with open(os.path.join(d, name), "rb") as f:
                fetched[name] = f.read()
        return json.loads(fetched[name])

    meta = get("meta.json")
    inner, leaves = set(meta["inner"]), set(meta["leaves"])
    longest = max(len(p) for p in inner | leaves)

    def add(hits, lst):
        last = 0
        for x in lst[0]:
            last += x
            hits["docs"][last] = True
        last = 0
        for x in lst[1]:
            last += x
            hits["docs"].setdefault(last, False)
        hits["cut"] |= len(lst) > 2

    def lookup(term):
        hits = {"docs": {}, "cut": False}
        for k in range(min(len(term), longest), 0, -1):
            p = term[:k]
            name = "t/" + p.encode().hex() + ".json"
            if p in leaves:
                for t, lst in get(name).items():
                    if t.startswith(term):
                        add(hits, lst)
                return hits
            if p in inner:
                if k == len(term):
                    add(hits, get(name))
                return hits
        return hits

    found = [lookup(w) for w in words]
    whole = [f for f in found if not f["cut"]] or found
    smallest = min(whole, key=lambda f: len(f["docs"]))
    cands = [d for d in smallest["docs"] if all(d in f["docs"] for f in whole)]
    cands.sort(key=lambda d: (-sum(f["docs"].get(d) is True for f in found), d))
    shown, at = 0, 0
    for _ in range(3):
        batch = cands[at:at + PAGE - shown]
        at += len(batch)
        for doc in batch:
            rec = get("d/%d.json" % (doc // meta["chunk"]))[doc % meta["chunk"]]
            text = (rec["t"] + " " + rec["x"]).lower()
            if all(w in text for w in words):
                shown += 1
        if shown >= PAGE or at >= len(cands):
            break
    kinds = {}
    for n, b in fetched.items():
        k = n.split("/")[0] if "/" in n else n
        c, s = kinds.get(k, (0, 0))
        kinds[k] = (c + 1, s + len(b))
    total = sum(len(b) for b in fetched.values())
    print("%s: %d candidates (cut: %s), %d shown; %d files, %d bytes (%s)" % (
        " ".join(words), len(cands), any(f["cut"] for f in found), shown, len(fetched), total,
        ", ".join("%s %d files %d B" % (k, c, s) for k, (c, s) in sorted(kinds.items()))))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])

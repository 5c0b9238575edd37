#!/usr/bin/env python3
"""Autobahn|Testsuite helpers for run.sh.

  autobahn_report.py cases WS_URL OUT.json
      asks a fuzzingserver (wstest or mock_fuzzingserver.py) for its case count
      and each case's id (/getCaseCount, /getCaseInfo?case=N) and writes them as
      a JSON list of ids, index 0 = case 1.

  autobahn_report.py check INDEX_JSON --agent NAME --cases-file CASES.json [--range N-M]
      reads the fuzzingserver's report (OUTDIR/index.json) and prints a table of
      behaviors per case category, then every case that is not acceptable, then
      `COUNTS <passed> <failed>` (one per case). A case passes when both its
      behavior and its behaviorClose are OK, NON-STRICT or INFORMATIONAL; a case
      of the expected set missing from the report fails. Exit 0 when all pass.
"""
import argparse
import asyncio
import collections
import json
import os
import sys

ACCEPTABLE = {"OK", "NON-STRICT", "INFORMATIONAL"}
COLUMNS = ["OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "FAILED", "WRONG CODE", "UNCLEAN"]


def cases_cmd(args):
    from websockets.asyncio.client import connect

    async def one(url):
        async with connect(url, compression=None, ping_interval=None, open_timeout=10) as ws:
            return json.loads(await asyncio.wait_for(ws.recv(), 10))

    async def run():
        base = args.url.rstrip("/")
        count = int(await one(f"{base}/getCaseCount"))
        ids = []
        for i in range(1, count + 1):
            ids.append((await one(f"{base}/getCaseInfo?case={i}"))["id"])
        return ids

    ids = asyncio.run(asyncio.wait_for(run(), 120))
    with open(args.out, "w") as f:
        json.dump(ids, f)
    print(f"{len(ids)} cases")


def case_key(cid):
    return tuple(int(x) if x.isdigit() else x for x in cid.split("."))


def check_cmd(args):
    try:
        with open(args.index) as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        print(f"cannot read report {args.index}: {e} (counting every expected case as missing)")
        report = {}
    results = report.get(args.agent, {})
    expected = None
    if args.cases_file:
        with open(args.cases_file) as f:
            ids = json.load(f)
        first, last = 1, len(ids)
        if args.range:
            a, _, b = args.range.partition("-")
            first, last = int(a), min(int(b or a), len(ids))
        expected = ids[first - 1:last]
    else:
        expected = sorted(results, key=case_key)
    if report and not results:
        print(f"no results for agent {args.agent!r} in {args.index} (agents: {', '.join(report) or 'none'})")

    table = collections.OrderedDict()
    bad = []
    passed = failed = 0
    for cid in sorted(set(expected) | set(results), key=case_key):
        cat = cid.split(".")[0]
        row = table.setdefault(cat, collections.Counter())
        r = results.get(cid)
        if r is None:
            row["missing"] += 1
            failed += 1
            bad.append((cid, "MISSING", "-", "not in report (not run?)"))
            continue
        row["cases"] += 1
        b, bc = r.get("behavior", "?"), r.get("behaviorClose", "?")
        row[b if b in COLUMNS else "other"] += 1
        if bc not in ACCEPTABLE:
            row["close not ok"] += 1
        row["ms"] += r.get("duration", 0) or 0
        if b in ACCEPTABLE and bc in ACCEPTABLE:
            passed += 1
        else:
            failed += 1
            detail = ""
            rf = r.get("reportfile")
            if rf:
                try:
                    with open(os.path.join(os.path.dirname(args.index), rf)) as f:
                        d = json.load(f)
                    detail = f"{d.get('description', '')} -> {d.get('result', '')}"
                    if bc not in ACCEPTABLE:
                        detail += f" / close: {d.get('resultClose', '')}"
                    detail += f" (remote close code {r.get('remoteCloseCode')})"
                except (OSError, ValueError):
                    pass
            bad.append((cid, b, bc, detail))

    cols = ["cases"] + COLUMNS + ["other", "close not ok", "missing", "ms"]
    widths = [max(len(c), 5) for c in cols]
    print("category " + " ".join(c.rjust(w) for c, w in zip(cols, widths)))
    total = collections.Counter()
    for cat, row in table.items():
        total.update(row)
        print(f"{cat:>8} " + " ".join(str(row.get(c, 0)).rjust(w) for c, w in zip(cols, widths)))
    print(f"{'all':>8} " + " ".join(str(total.get(c, 0)).rjust(w) for c, w in zip(cols, widths)))
    if expected is not None and len(expected) != total["cases"] + total["missing"]:
        extra = total["cases"] + total["missing"] - len(expected)
        print(f"note: {extra} result(s) in the report outside the expected set")
    if bad:
        print(f"{len(bad)} case(s) not acceptable:")
        for cid, b, bc, detail in bad[:100]:
            print(f"  {cid}: behavior {b}, close {bc}: {detail[:300]}")
    print(f"COUNTS {passed} {failed}")
    return 0 if failed == 0 else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("cases")
    p.add_argument("url")
    p.add_argument("out")
    p = sub.add_parser("check")
    p.add_argument("index")
    p.add_argument("--agent", default="wisp")
    p.add_argument("--cases-file", default="")
    p.add_argument("--range", default="")
    args = ap.parse_args()
    sys.exit(cases_cmd(args) if args.cmd == "cases" else check_cmd(args))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Runs one distillation experiment with several training seeds and prints GapClosed per method as
mean ± spread (min..max), plus every row's mean metrics. The split stays the config's; the seed
changes the teacher's and the students' initialisation, shuffling and sampling.

  scripts/distill_seeds.py CONFIG.json [--seeds 2020 2021 2022] [--cli build/app/recdistill-cli]
                           [--db FILE] [--set KEY=VALUE ...] [--out DIR]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys


def run(args, seed):
    out = os.path.join(args.out, f"seed{seed}.json")
    if os.path.exists(out):  # resume: a finished seed is not run again
        with open(out) as f:
            return json.load(f)
    cmd = [args.cli, "distill", args.config, "--json", "--set", f"train.seed={seed}"]
    for s in args.set or []:
        cmd += ["--set", s]
    cmd += ["--db", args.db] if args.db else ["--no-store"]
    print("running:", " ".join(cmd), file=sys.stderr, flush=True)
    with open(os.path.join(args.out, f"seed{seed}.log"), "w") as log:
        text = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=log, text=True, check=True).stdout
    with open(out, "w") as f:
        f.write(text)
    return json.loads(text)


def fmt(values, percent=False):
    if not values:
        return "-"
    scale = 100 if percent else 1
    m = statistics.mean(values) * scale
    lo, hi = min(values) * scale, max(values) * scale
    return f"{m:7.1f}% [{lo:.1f}..{hi:.1f}]" if percent else f"{m:.4f} [{lo:.4f}..{hi:.4f}]"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("config")
    p.add_argument("--seeds", type=int, nargs="+", default=[2020, 2021, 2022])
    p.add_argument("--cli", default="build/app/recdistill-cli")
    p.add_argument("--db")
    p.add_argument("--set", action="append")
    p.add_argument("--out", default="distill-seeds")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    results = [run(args, s) for s in args.seeds]
    stages = [r["stage"] for r in results[0]["rows"]]
    cols = ["NDCG@10", "Recall@10", "ItemCoverage@10", "LongTail@10"]
    print(f"{results[0]['data']}\nseeds {args.seeds}; mean [min..max]\n")
    print(f"{'row':<12} {'GapClosed NDCG@10':<26} {'GapClosed Recall@10':<26} " +
          " ".join(f"{c:<24}" for c in cols))
    for stage in stages:
        rows = [next(x for x in r["rows"] if x["stage"] == stage) for r in results]
        ok = [x for x in rows if x["status"] == "finished"]
        gn = [x["gap_closed"]["NDCG@10"] for x in ok if "NDCG@10" in x["gap_closed"]]
        gr = [x["gap_closed"]["Recall@10"] for x in ok if "Recall@10" in x["gap_closed"]]
        line = f"{stage:<12} {fmt(gn, True):<26} {fmt(gr, True):<26} "
        line += " ".join(f"{fmt([x['test'][c] for x in ok]):<24}" for c in cols)
        if len(ok) < len(rows):
            line += f"  ({len(rows) - len(ok)} of {len(rows)} seeds did not finish)"
        print(line)

    # The popularity effect: where each row's top-10 slots go, by item-popularity decile (most popular
    # first), beside the training interactions' share.
    print("\nexposure of top-10 slots by popularity decile (mean over seeds; decile 1 = most popular)")
    train_share = results[0]["rows"][0]["exposure"]["training_share"]
    print(f"{'row':<12} " + " ".join(f"{'d' + str(i + 1):>6}" for i in range(len(train_share))) + "  LongTail@10")
    print(f"{'(training)':<12} " + " ".join(f"{v:6.3f}" for v in train_share))
    for stage in stages:
        rows = [next(x for x in r["rows"] if x["stage"] == stage) for r in results]
        ok = [x for x in rows if x["status"] == "finished"]
        if not ok:
            continue
        bins = [statistics.mean(x["exposure"]["recommendation_share"][i] for x in ok) for i in range(len(train_share))]
        tail = statistics.mean(x["test"]["LongTail@10"] for x in ok)
        print(f"{stage:<12} " + " ".join(f"{v:6.3f}" for v in bins) + f"  {tail:.4f}")


if __name__ == "__main__":
    main()

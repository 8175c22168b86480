#!/usr/bin/env python3
"""Compares doppel builds stage by stage on one corpus.

Runs `doppel dedup` of each given executable in turn, --repeat times,
interleaved (so that a busy spell of the machine falls on all of them), and
prints the median seconds of each stage (from stats.json), the user and
system CPU seconds, the peak RSS, and each build's ratio to the first. It
also checks that every build writes the same documents.jsonl, kept.jsonl and
pairs.jsonl as the first: a change for speed must not change the outputs.

  cp build-bench/doppel /tmp/doppel-before        # then rebuild with the change
  python3 bench/compare_builds.py /tmp/doppel-before build-bench/doppel \\
      --corpus build-bench/corpora/brown_100000.jsonl --repeat 7

On a shared machine single runs vary by 10% or more; stage medians over five
or more interleaved runs are steadier. With --settle N each run waits N
seconds first (see run_bench.settle).
"""

import argparse
import filecmp
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_bench import settle, warm  # noqa: E402

OUTPUTS = ("documents.jsonl", "kept.jsonl", "pairs.jsonl")


def run_once(doppel, corpus, out, threads, extra, settle_seconds=0.0):
    """One run; returns {stage: seconds, ...} with user/sys CPU and peak RSS.

    The last run's outputs are removed and dirty pages written back first,
    as run_bench.py does: no run is timed while the disk flushes another's."""
    shutil.rmtree(out, ignore_errors=True)
    settle(settle_seconds)
    cmd = [doppel, "dedup", corpus, "-o", out, "--threads", str(threads), "-q"] + extra
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"compare_builds: {' '.join(cmd)} failed:\n{err}")
    with open(os.path.join(out, "stats.json")) as f:
        seconds = json.load(f)["run"]["seconds"]
    seconds["user CPU"] = usage.ru_utime
    seconds["system CPU"] = usage.ru_stime
    seconds["peak RSS MB"] = usage.ru_maxrss / 1024
    return seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("builds", nargs="+", help="doppel executables; the first is the baseline")
    ap.add_argument("--corpus", required=True, help="a JSONL corpus")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--extra", default="", help="extra doppel dedup flags")
    ap.add_argument("--settle", type=float, default=0.0,
                    help="seconds to wait before each run (see run_bench.settle)")
    ap.add_argument("--scratch", default=os.path.join("build-bench", "compare"),
                    help="where the outputs go (one folder per build)")
    a = ap.parse_args()
    if len(a.builds) < 2:
        sys.exit("compare_builds: give two or more builds")
    warm(a.corpus)
    outs = [os.path.join(a.scratch, str(i)) for i in range(len(a.builds))]
    runs = [[] for _ in a.builds]
    for _ in range(max(1, a.repeat)):
        for i, build in enumerate(a.builds):
            runs[i].append(run_once(build, a.corpus, outs[i], a.threads, a.extra.split(),
                                    a.settle))
    names = [os.path.basename(os.path.dirname(os.path.abspath(b))) + "/" + os.path.basename(b)
             for b in a.builds]
    width = max(12, *(len(n) + 2 for n in names))
    settled = f", each after {a.settle:g} s" if a.settle else ""
    print(f"{a.corpus}, {a.threads} thread(s), median of {a.repeat} interleaved runs{settled}")
    print(f"{'':<14}" + "".join(f"{n:>{width}}" for n in names) + "   vs first")
    for key in runs[0][0]:
        medians = [statistics.median(r[key] for r in build_runs) for build_runs in runs]
        ratios = " ".join(f"{m / medians[0]:.3f}" if medians[0] else "-" for m in medians[1:])
        print(f"{key:<14}" + "".join(f"{m:>{width}.3f}" for m in medians) + f"   {ratios}")
    same = [all(filecmp.cmp(os.path.join(outs[0], f), os.path.join(o, f), shallow=False)
                for f in OUTPUTS) for o in outs[1:]]
    print("outputs as the first build's: " + ", ".join("same" if s else "DIFFERENT" for s in same))
    if not all(same):
        sys.exit(1)


if __name__ == "__main__":
    main()

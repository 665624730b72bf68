#!/usr/bin/env python3
"""Benchmark rows on the QEMU reference kernel, as ratios.

usage: qemu_bench.py BUILD_DIR [--iterations N] [--runs N]

Boots BUILD_DIR/qemu/exo-kernel.elf with the `bench` flag and runs
BUILD_DIR/tests/bench/syscall_cost (the program tools/bench.py runs on the
hosted kernel; it contains no POSIX-X code) RUNS times, taking the median
of each figure:

  * the program's own rdtsc figures per call (its stderr, COM2): getpid
    (the vDSO's fast path: no kernel entry), clock_gettime (booted with
    `clockcall`, the data page serves no clock, so each read is a native call,
    EXO_NC_CLOCK_READ, through `syscall`), write(1, "x", 1) (one ring
    entry, one RING_ENTER);
  * the kernel's counts (its log, COM3; qemu-kernel/bench.c): cycles inside
    RING_ENTER for the program's writes, and cycles per ring entry when the
    kernel submits sixteen zero-length writes on the program's ring one per
    RING_ENTER and sixteen per RING_ENTER.

Under TCG the TSC is QEMU's virtual clock and an instruction's cost is
QEMU's, not a CPU's: only the ratios are printed.
"""

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(SOURCE_DIR, "tools"))
import mkinitrd  # noqa: E402
from qemu_test import QEMU, Runner  # noqa: E402

KERNEL_LINE = re.compile(r"exo-kernel: bench: (ring_enter|clock_read|ring_batch \d+) (.*)$")


def parse(boot):
    """{key: float} from one boot's stderr and log."""
    figures = {}
    for line in boot.stderr.decode(errors="replace").splitlines():
        parts = line.split()
        if len(parts) == 2:
            try:
                figures["guest " + parts[0]] = float(parts[1])
            except ValueError:
                pass
    for line in boot.log.decode(errors="replace").splitlines():
        m = KERNEL_LINE.match(line.strip())
        if not m:
            continue
        words = m.group(2).split()
        fields = dict(zip(words[0::2], (float(w) for w in words[1::2])))
        count = fields.get("entries") or fields.get("calls")
        if count:
            figures["kernel %s per %s" % (m.group(1), "entry" if "entries" in fields else "call")] = \
                fields["cycles"] / count
    return figures


def ratio(figures, a, b):
    if a in figures and b in figures and figures[b] > 0:
        return "%.2f" % (figures[a] / figures[b])
    return "n/a"


def main():
    ap = argparse.ArgumentParser(description="Benchmark rows on the QEMU kernel (ratios).")
    ap.add_argument("build_dir", metavar="BUILD_DIR")
    ap.add_argument("--iterations", type=int, default=5000, help="calls per timed loop (default 5000)")
    ap.add_argument("--runs", type=int, default=3, help="boots; the median is kept (default 3)")
    args = ap.parse_args()
    build = os.path.abspath(args.build_dir)
    program = os.path.join(build, "tests", "bench", "syscall_cost")
    if not shutil.which(QEMU):
        print("qemu_bench.py: %s missing" % QEMU)
        return 1
    if not os.path.isfile(program):
        print("qemu_bench.py: %s missing: run ninja -C %s" % (program, args.build_dir))
        return 1

    samples = {}
    with tempfile.TemporaryDirectory(prefix="posix-x-qemu-bench-") as scratch:
        runner = Runner(build, None, False, scratch)
        with open(program, "rb") as f:
            data = f.read()
        with open(runner.initrd, "wb") as f:
            f.write(mkinitrd.archive([("syscall_cost", data)]))
        for _ in range(args.runs):
            boot = runner.boot(["syscall_cost", str(args.iterations)], {}, flags=["bench", "clockcall"])
            if boot.problem or boot.status != 0:
                print("qemu_bench.py: the benchmark did not run: %s" % (boot.problem or "status %d" % boot.status))
                print(boot.log.decode(errors="replace"))
                return 1
            for k, v in parse(boot).items():
                samples.setdefault(k, []).append(v)
    f = {k: statistics.median(v) for k, v in samples.items()}

    rows = [
        ("native call round trip", "clock_gettime (EXO_NC_CLOCK_READ via syscall)", "getpid (vDSO fast path)",
         ratio(f, "guest clock_gettime", "guest getpid")),
        ("ring, 1 entry per RING_ENTER", "write(1, \"x\", 1)", "clock_gettime",
         ratio(f, "guest write", "guest clock_gettime")),
        ("  of which inside RING_ENTER", "kernel count per write", "write(1, \"x\", 1)",
         ratio(f, "kernel ring_enter per entry", "guest write")),
        ("ring, per entry (kernel side)", "16 entries per RING_ENTER", "1 entry per RING_ENTER",
         ratio(f, "kernel ring_batch 16 per entry", "kernel ring_batch 1 per entry")),
    ]
    print("POSIX-X on the QEMU reference kernel (TCG): ratios only, median of %d boots, "
          "%d calls per loop" % (args.runs, args.iterations))
    header = ("row", "measured", "against", "ratio")
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(3)]
    for r in [header, tuple("-" * w for w in widths) + ("-----",)] + rows:
        print("  ".join("%-*s" % (w, c) for w, c in zip(widths, r[:3])) + "  " + r[3])
    print("(sources: program rdtsc per call on COM2, kernel counts on COM3; docs/qemu-kernel.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

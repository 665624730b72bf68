#!/usr/bin/env python3
"""--trace names every translated call with its tier, arguments and result,
and changes nothing else the program does.

usage: trace_output.py BUILD_DIR    (exit 0 pass, 77 skipped, 1 fail)

Runs BUILD_DIR/tests/diff/hello under `exo-run --strict --trace` and checks
that stdout is the native stdout, that the program's own stderr lines are
all there, and that the trace has: the start-up calls (arch_prctl in the
legacy tier, set_tid_address in the fast tier), writev in the hybrid tier
with fd 1 and a result equal to the bytes written, and exit_group last,
traced on entry as "= ?"."""

import os
import re
import subprocess
import sys

LINE = re.compile(r"^\[(fast|hybrid|legacy|untranslated)\] (\w+)\((.*)\)(?: variant \S+)? = (\S+)")


def main():
    build = sys.argv[1]
    exo_run = os.path.join(build, "bin", "exo-run")
    hello = os.path.join(build, "tests", "diff", "hello")
    if not (os.path.exists(exo_run) and os.path.exists(hello)):
        print("skipped: build products missing")
        return 77
    native = subprocess.run([hello], capture_output=True, stdin=subprocess.DEVNULL, timeout=60)
    res = subprocess.run([exo_run, "--strict", "--trace", hello], capture_output=True,
                         stdin=subprocess.DEVNULL, timeout=60)
    failures = []
    if res.returncode != native.returncode:
        failures.append("status %d, native %d" % (res.returncode, native.returncode))
    if res.stdout != native.stdout:
        failures.append("stdout differs from native")
    lines = res.stderr.decode(errors="replace").splitlines()
    trace = [LINE.match(l) for l in lines]
    program = [l for l, m in zip(lines, trace) if not m]
    if program != native.stderr.decode(errors="replace").splitlines():
        failures.append("the program's own stderr changed: %r" % program)
    calls = [(m.group(1), m.group(2), m.group(3), m.group(4)) for m in trace if m]
    names = [c[1] for c in calls]
    if ("legacy", "arch_prctl") not in [(c[0], c[1]) for c in calls]:
        failures.append("no [legacy] arch_prctl")
    if ("fast", "set_tid_address") not in [(c[0], c[1]) for c in calls]:
        failures.append("no [fast] set_tid_address")
    writes = [c for c in calls if c[1] == "writev" and c[2].startswith("0x1,")]
    if not writes or any(c[0] != "hybrid" for c in writes):
        failures.append("writev to fd 1 not traced in the hybrid tier: %r" % writes)
    elif sum(int(c[3]) for c in writes) != len(native.stdout):
        failures.append("writev results add up to %d bytes, stdout has %d"
                        % (sum(int(c[3]) for c in writes), len(native.stdout)))
    if not names or names[-1] != "exit_group" or calls[-1][3] != "?":
        failures.append("last traced call is not exit_group(...) = ?: %r" % (calls[-1:],))
    if any(c[0] == "untranslated" for c in calls):
        failures.append("untranslated calls: %r" % [c for c in calls if c[0] == "untranslated"])
    for f in failures:
        print("FAIL " + f)
    if not failures:
        print("trace_output: %d calls traced" % len(calls))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

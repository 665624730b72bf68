#!/usr/bin/env python3
"""`exo-run --stats` reports calls per tier and per system call.

usage: stats_tiers.py BUILD_DIR    (exit 0 pass, 77 skipped, 1 fail)

Runs `exo-run --strict --stats BUILD_DIR/tests/diff/hello`. Its stdout and
status must equal the native run's. Its stderr must be the native stderr plus,
at exit, this block (whitespace is free, content is not):

    posix-x stats: fast 3, hybrid 5, legacy 2, untranslated 0
      hybrid  writev  4
      fast    getpid  3
      ...

The summary line names all four tiers; each following line is
"tier call count" for one call with a non-zero count, and the counts of a
tier's lines add up to the tier's total. hello must show: write or writev in
tier hybrid, exit_group present, set_tid_address (if listed) in fast or
legacy, nothing untranslated.
"""

import os
import re
import subprocess
import sys

TIMEOUT = 60
TIERS = ("fast", "hybrid", "legacy", "untranslated")
SUMMARY = re.compile(r"^\s*posix-x stats:\s*(.*?)\s*$")
TIER_COUNT = re.compile(r"^\s*([a-z_]+)\s+(\d+)\s*$")
CALL_LINE = re.compile(r"^\s+(%s)\s+([a-z_0-9]+)\s+(\d+)\s*$" % "|".join(TIERS))


def run(cmd):
    return subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=TIMEOUT)


def parse_stats(stderr_text, failures):
    """Split stderr into (guest lines, tier totals, {call: (tier, count)})."""
    lines = stderr_text.splitlines(keepends=True)
    guest, totals, calls = [], None, {}
    i = 0
    while i < len(lines):
        m = SUMMARY.match(lines[i])
        if not m:
            guest.append(lines[i])
            i += 1
            continue
        if totals is not None:
            failures.append("more than one 'posix-x stats:' line")
        totals = {}
        for part in m.group(1).split(","):
            tm = TIER_COUNT.match(part)
            if not tm:
                failures.append("cannot parse tier count %r in %r" % (part, lines[i]))
                continue
            totals[tm.group(1)] = int(tm.group(2))
        i += 1
        while i < len(lines) and CALL_LINE.match(lines[i]):
            cm = CALL_LINE.match(lines[i])
            tier, call, count = cm.group(1), cm.group(2), int(cm.group(3))
            if call in calls:
                failures.append("call %s listed twice" % call)
            calls[call] = (tier, count)
            i += 1
    return "".join(guest), totals, calls


def check_stats(totals, calls, failures):
    if totals is None:
        failures.append("no 'posix-x stats:' line on stderr")
        return
    if sorted(totals) != sorted(TIERS):
        failures.append("summary names tiers %s, expected %s" % (sorted(totals), sorted(TIERS)))
    if totals.get("untranslated") != 0:
        failures.append("untranslated %s, expected 0" % totals.get("untranslated"))
    for tier in TIERS:
        listed = sum(c for t, c in calls.values() if t == tier)
        if tier in totals and listed != totals[tier]:
            failures.append("tier %s: total %d but its calls add up to %d"
                            % (tier, totals[tier], listed))
    for call, (tier, count) in sorted(calls.items()):
        if count <= 0:
            failures.append("call %s listed with count %d" % (call, count))
    writes = [c for c in ("write", "writev") if c in calls]
    if not writes:
        failures.append("neither write nor writev listed")
    for call in writes:
        if calls[call][0] != "hybrid":
            failures.append("%s in tier %s, expected hybrid" % (call, calls[call][0]))
    if "exit_group" not in calls:
        failures.append("exit_group not listed")
    if "set_tid_address" in calls and calls["set_tid_address"][0] not in ("fast", "legacy"):
        failures.append("set_tid_address in tier %s, expected fast or legacy"
                        % calls["set_tid_address"][0])


def main():
    if len(sys.argv) != 2:
        print("usage: %s BUILD_DIR" % sys.argv[0], file=sys.stderr)
        return 2
    build_dir = sys.argv[1]
    exo_run = os.path.join(build_dir, "bin", "exo-run")
    program = os.path.join(build_dir, "tests", "diff", "hello")
    for path in (exo_run, program):
        if not os.access(path, os.X_OK):
            print("%s missing" % path)
            return 77

    native = run([program])
    posixx = run([exo_run, "--strict", "--stats", program])
    failures = []
    if posixx.stdout != native.stdout:
        failures.append("stdout %r, native %r" % (posixx.stdout, native.stdout))
    if posixx.returncode != native.returncode:
        failures.append("status %d, native %d" % (posixx.returncode, native.returncode))
    stderr_text = posixx.stderr.decode("utf-8", "backslashreplace")
    guest, totals, calls = parse_stats(stderr_text, failures)
    if guest != native.stderr.decode("utf-8", "backslashreplace"):
        failures.append("stderr without the stats is %r, native %r"
                        % (guest, native.stderr.decode("utf-8", "backslashreplace")))
    check_stats(totals, calls, failures)

    for f in failures:
        print(f)
    if failures:
        print("--- exo-run stderr ---")
        print(stderr_text, end="")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

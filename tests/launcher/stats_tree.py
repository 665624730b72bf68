#!/usr/bin/env python3
"""`exo-run --stats` sums the calls of the whole process tree.

usage: stats_tree.py BUILD_DIR    (exit 0 pass, 77 skipped, 1 fail)

Runs BUILD_DIR/tests/diff/exec_pipeline (two three-stage pipelines: the
program forks six children, each execs a test binary, none is killed)
under `exo-run --strict --stats`. Its stdout and status must equal the
native run's, and stderr must hold exactly one summary, for the tree:
"posix-x: the counts below are of N processes" with N = 1 + the forks
the table counts, and exit_group counted once per process (each process
ends with it), execve as often as fork (every child execs). A table per
process, or a child's calls counted twice (a fork child starting from
its parent's counts), breaks these equalities.
"""

import os
import re
import subprocess
import sys

TIMEOUT = 60


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    build = os.path.abspath(sys.argv[1])
    prog_dir = os.path.join(build, "tests", "diff")
    prog = os.path.join(prog_dir, "exec_pipeline")
    exo_run = os.path.join(build, "bin", "exo-run")
    if not (os.access(prog, os.X_OK) and os.access(exo_run, os.X_OK)):
        print("stats_tree: %s or %s missing" % (prog, exo_run))
        return 77
    native = subprocess.run([prog], cwd=prog_dir, stdin=subprocess.DEVNULL,
                            capture_output=True, timeout=TIMEOUT)
    posixx = subprocess.run([exo_run, "--strict", "--stats", prog], cwd=prog_dir,
                            stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
    fail = []
    if (posixx.stdout, posixx.returncode) != (native.stdout, native.returncode):
        fail.append("stdout or status differ from the native run (%d vs %d)"
                    % (posixx.returncode, native.returncode))
    err = posixx.stderr.decode(errors="replace")
    heads = re.findall(r"^posix-x: the counts below are of (\d+) processes$", err, re.M)
    summaries = re.findall(r"^posix-x stats:", err, re.M)
    counts = {m.group(1): int(m.group(2))
              for m in re.finditer(r"^\s+legacy\s+([a-z_0-9]+)\s+(\d+)\s*$", err, re.M)}
    if len(heads) != 1 or len(summaries) != 1:
        fail.append("%d tree lines and %d summaries, want one of each" % (len(heads), len(summaries)))
    else:
        n = int(heads[0])
        forks = counts.get("fork", 0) + counts.get("vfork", 0)
        if forks == 0:
            fail.append("no fork counted")
        if n != 1 + forks:
            fail.append("%d processes, but 1 + %d forks" % (n, forks))
        if counts.get("exit_group", 0) != n:
            fail.append("exit_group counted %d times for %d processes" % (counts.get("exit_group", 0), n))
        if counts.get("execve", 0) != forks:
            fail.append("execve counted %d times for %d forked children" % (counts.get("execve", 0), forks))
    if fail:
        for f in fail:
            print("stats_tree: " + f)
        print(err)
        return 1
    print("stats_tree: %s processes, one table" % heads[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""A raw `syscall` in guest code: fatal under --strict, refused otherwise.

usage: strict_trap.py BUILD_DIR    (exit 0 pass, 77 skipped, 1 fail)

Runs BUILD_DIR/tests/launcher/raw_syscall (a raw getppid, number 110):
  natively:              stdout "before\\nafter: ok\\n", status 0
  exo-run --strict:      stdout "before\\n", status 159 (128 + SIGSYS),
                         stderr names getppid
  exo-run (not strict):  the call returns -ENOSYS: stdout
                         "before\\nafter: -38\\n", status 0, a stderr line
                         names getppid
"""

import os
import subprocess
import sys

TIMEOUT = 60


def run(cmd):
    return subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                          timeout=TIMEOUT)


def text(data):
    return data.decode("utf-8", "backslashreplace")


def main():
    if len(sys.argv) != 2:
        print("usage: %s BUILD_DIR" % sys.argv[0], file=sys.stderr)
        return 2
    build_dir = sys.argv[1]
    exo_run = os.path.join(build_dir, "bin", "exo-run")
    program = os.path.join(build_dir, "tests", "launcher", "raw_syscall")
    for path in (exo_run, program):
        if not os.access(path, os.X_OK):
            print("%s missing" % path)
            return 77

    failures = []

    def expect(label, r, stdout, status, stderr_word=None):
        if text(r.stdout) != stdout:
            failures.append("%s: stdout %r, expected %r" % (label, text(r.stdout), stdout))
        if r.returncode != status:
            failures.append("%s: status %d, expected %d" % (label, r.returncode, status))
        if stderr_word is not None:
            lines = [l for l in text(r.stderr).splitlines() if stderr_word in l]
            if not lines:
                failures.append("%s: no stderr line names %s; stderr was %r"
                                % (label, stderr_word, text(r.stderr)))

    expect("native", run([program]), "before\nafter: ok\n", 0)
    expect("exo-run --strict", run([exo_run, "--strict", program]), "before\n", 159, "getppid")
    expect("exo-run", run([exo_run, program]), "before\nafter: -38\n", 0, "getppid")

    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

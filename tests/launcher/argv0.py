#!/usr/bin/env python3
"""exo-run --argv0 NAME gives the program NAME as argv[0], as exec gives a
program the argv[0] its caller chose (a shell finding `sed` in PATH passes
"sed", and sed prints it in its messages).

usage: argv0.py BUILD_DIR    (exit 0 pass, 77 skipped, 1 fail)

A static program built here with exo-cc prints argv[0] and its other
arguments. Run natively with argv[0] set to a name that is not its path,
and under `exo-run --strict --argv0 NAME PATH`, both print the same; under
exo-run without --argv0, argv[0] is the path exo-run was given.
"""

import os
import subprocess
import sys
import tempfile

TIMEOUT = 60
SOURCE = r"""
#include <stdio.h>
int main(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = [%s]\n", i, argv[i]);
	return argc;
}
"""


def run(cmd, executable=None):
    return subprocess.run(cmd, executable=executable, stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=TIMEOUT)


def main():
    build = os.path.abspath(sys.argv[1])
    exo_run = os.path.join(build, "bin", "exo-run")
    exo_cc = os.path.join(build, "sysroot", "bin", "exo-cc")
    for p in (exo_run, exo_cc):
        if not os.path.exists(p):
            print("skipped: %s missing" % p)
            return 77
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "show.c")
        prog = os.path.join(tmp, "show")
        with open(src, "w") as f:
            f.write(SOURCE)
        r = subprocess.run([exo_cc, "-O2", "-o", prog, src], capture_output=True)
        if r.returncode:
            print("FAIL exo-cc: %s" % r.stderr.decode(errors="replace"))
            return 1
        for name in ("sed", "a name with spaces", ""):
            native = run([name, "one", "two"], executable=prog)
            posixx = run([exo_run, "--strict", "--argv0", name, prog, "one", "two"])
            if (native.returncode, native.stdout) != (posixx.returncode, posixx.stdout) \
                    or posixx.stderr:
                failures.append("--argv0 %r: native %d %r, POSIX-X %d %r %r"
                                % (name, native.returncode, native.stdout,
                                   posixx.returncode, posixx.stdout, posixx.stderr))
        plain = run([exo_run, "--strict", prog])
        if plain.stdout != ("argv[0] = [%s]\n" % prog).encode():
            failures.append("without --argv0: %r, wanted the path" % plain.stdout)
    for f in failures:
        print("FAIL " + f)
    if failures:
        return 1
    print("argv0: 4 cases ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())

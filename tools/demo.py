#!/usr/bin/env python3
"""The README's main job: Debian's busybox, built unchanged from its source
package, runs a shell pipeline under POSIX-X.

    demo.py BUILD_DIR [--cache DIR]

busybox's shell forks a child per stage, each child execs a busybox applet
found through PATH (a directory of links named after the applets, as
`busybox --install -s` makes), pipes join them, and the shell waits for all.
Every process runs on the vDSO under `exo-run --strict` (a raw system call
would end it); `--stats` adds up every process's calls per tier and the
first launcher prints the total for the tree. The same pipeline then runs natively and the two outputs are
compared."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
APPLETS = ("sh", "cat", "tr", "sort", "uniq", "head")
PIPELINE = ("cat README.md docs/*.md | tr -cs A-Za-z '\\n' | tr A-Z a-z "
            "| sort | uniq -c | sort -rn | head -12")


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    build = os.path.abspath(sys.argv[1])
    built = subprocess.run([sys.executable, os.path.join(ROOT, "tools", "programs.py"), build,
                            "busybox", "--build-only"] + sys.argv[2:])
    if built.returncode != 0:
        return built.returncode
    busybox = os.path.join(build, "programs", "busybox", "build", "busybox")
    bindir = os.path.join(build, "demo", "bin")
    os.makedirs(bindir, exist_ok=True)
    for name in APPLETS:
        link = os.path.join(bindir, name)
        if os.path.lexists(link):
            os.unlink(link)
        os.symlink(busybox, link)
    env = dict(os.environ, PATH=bindir, LC_ALL="C")
    sh = os.path.join(bindir, "sh")
    exo_run = os.path.join(build, "bin", "exo-run")

    print("demo: busybox sh -c %r" % PIPELINE)
    print("demo: under exo-run --strict --stats (calls per tier, summed over the process tree, on stderr)")
    sys.stdout.flush()
    posixx = subprocess.run([exo_run, "--strict", "--stats", sh, "-c", PIPELINE], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE)
    sys.stdout.write(posixx.stdout.decode(errors="replace"))
    native = subprocess.run([sh, "-c", PIPELINE], cwd=ROOT, env=env, stdout=subprocess.PIPE)
    same = posixx.stdout == native.stdout and posixx.returncode == native.returncode
    print("demo: status %d under POSIX-X, %d natively; output %s" %
          (posixx.returncode, native.returncode, "identical" if same else "DIFFERENT"))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

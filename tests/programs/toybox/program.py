# toybox 0.8.9 from Debian bookworm (upstream tarball, Debian's patches and
# config not applied): built in a copy of the source, as toybox's own build
# expects, with `make defconfig` and `make` (scripts/make.sh) given
# CC=exo-cc, LDFLAGS=--static and the host compiler (HOSTCC=cc) for its
# generators. The suite is what `make tests` runs: scripts/test.sh, which
# copies ./toybox into generated/testdir, links every command to it, puts
# that directory first in PATH and sources each executable tests/*.test
# (PASS:/FAIL:/SKIP: lines). The scratch directory holds the parts of the
# tree test.sh reads (scripts, tests, lib, generated, configure) and
# ./toybox links to the world's toybox: under POSIX-X the multi-call
# wrapper, so every toybox command the suite starts runs under
# exo-run --strict while test.sh's bash and tools stay native. The suite
# runs as nobody: as root, hostname.test sets the machine's host name.
# VERBOSE=all (runtest.sh's knob) runs every case of a file past its first
# failure, so one difference does not hide the cases after it.
{
    "package": "toybox",
    "version": "0.8.9+dfsg-1",
    "orig": "toybox_0.8.9+dfsg.orig.tar.xz",
    "sha256": "16fb5967531e88ca33b8c9142376987617ebe52e34e2b3f3a779603674b7d07c",
    "build": [
        "cp -a $SRC/. .",
        "make defconfig CC=$EXO_CC HOSTCC=cc >/dev/null",
        "CPUS=$JOBS make toybox CC=$EXO_CC HOSTCC=cc LDFLAGS=--static",
    ],
    "products": ["toybox"],
    "multicall": True,
    "wrapper_timeout": 60,
    # Natively passing tests that do not pass under POSIX-X yet, each with
    # its cause; tools/programs.py fails a listed test that passes, so
    # remove an entry when its cause is fixed.
    "expected_differences": {
        'env norecurse':
            'env runs ./true, a #!/bin/sh script the test writes: its interpreter /usr/bin/dash is an exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'tail -f one':
            "tail -f waits for changes with inotify (inotify_init), which POSIX-X does not translate yet (exo-run names it on stderr); tail exits with 'inotify_init: Function not implemented'",
        'tail -f one two three':
            'tail -f waits for changes with inotify (inotify_init), which POSIX-X does not translate yet (exo-run names it on stderr)',
        'tar -I gzip c':
            'toybox has no gzip in defconfig (gzip is in pending), so tar -Igzip starts /usr/bin/gzip from PATH: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'tar -I gzip t':
            'tar -Igzip starts /usr/bin/gzip from PATH: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'tar autodetect falls back to gzip -d when no zcat':
            'tar starts gzip -d, /usr/bin/gzip from PATH: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'tar replace dir with file':
            "the test's archive is gzipped and tar starts gzip -d, /usr/bin/gzip from PATH: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)",
        'timeout -i':
            'timeout runs sh -c (/bin/sh, dash): exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'timeout trap-and-exit':
            'timeout runs ./loop.sh, a #!/bin/sh script: its interpreter /usr/bin/dash is an exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'timeout trap-and-exit --preserve-status':
            'timeout runs ./loop.sh, a #!/bin/sh script: its interpreter /usr/bin/dash is an exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
    },
    "tests": [
        {"name": "test.sh", "argv": ["bash", "scripts/test.sh"], "cwd": "$SCRATCH",
         "copy": ["$BUILD/scripts", "$BUILD/tests", "$BUILD/lib", "$BUILD/generated"],
         "link": {"configure": "$BUILD/configure", "toybox": "$BIN/toybox"},
         "env": {"HOSTCC": "cc", "VERBOSE": "all"},
         # ps.test names a case after the pid of the process it starts.
         "rename": {r"^ps -o pid \d+$": "ps -o pid PID"},
         "user": "nobody", "posixx": "wrappers", "results": "toybox-runtest",
         "timeout": 1800},
    ],
}

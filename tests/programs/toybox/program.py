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
    "expected_differences": {
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

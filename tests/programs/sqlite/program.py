# SQLite 3.40.1 from Debian bookworm (upstream tarball, Debian's patches
# not applied). Its test harness is testfixture: a Tcl 8.6 interpreter
# with SQLite built in, so Tcl (tcl8.6) and zlib (zlib), also Debian
# bookworm's upstream tarballs, are built first into $PREFIX ("deps"),
# all static with exo-cc. SQLite is configured against that Tcl and built
# with the Tcl that Tcl's build made ($PREFIX/bin first in PATH).
#
# The suite is the file list of `make tcltest` (test/veryquick.test, the
# "veryquick" suite of test/permutations.test). run_suite.sh lists it with
# list_suite.tcl and runs each test script in its own testfixture process,
# one result per script (its "N errors out of M tests" line and status).
# Under POSIX-X $BIN/testfixture is the static wrapper, so each script's
# testfixture runs under exo-run --strict, while the loop stays native.
{
    "package": "sqlite3",
    "version": "3.40.1-2+deb12u2",
    "orig": "sqlite3_3.40.1.orig.tar.xz",
    "sha256": "aaa776260ab4dc976db34aa7891819484c8676b5b2783123ebc6301e2ca5d655",
    "deps": [
        {"package": "zlib", "version": "1:1.2.13.dfsg-1",
         "orig": "zlib_1.2.13.dfsg.orig.tar.bz2",
         "sha256": "71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1",
         "build": [
             "CC=$EXO_CC CFLAGS=-O2 $SRC/configure --static --prefix=$PREFIX",
             "make -j$JOBS libz.a",
             "make install",
         ]},
        {"package": "tcl8.6", "version": "8.6.13+dfsg-2",
         "orig": "tcl8.6_8.6.13+dfsg.orig.tar.gz",
         "sha256": "83bce7277e3825df0179567e0d8a431ebb1a126df53ea4a94af89dd4dd0f26d5",
         "build": [
             # Tcl finds zlib through these (its own copy is not in the
             # dfsg tarball); --disable-load: a static program loads no
             # shared library.
             "$SRC/unix/configure CC=$EXO_CC --prefix=$PREFIX --disable-shared --disable-load CPPFLAGS=-I$PREFIX/include LDFLAGS=-L$PREFIX/lib",
             "make -j$JOBS",
             "make install-binaries install-libraries install-headers",
         ]},
    ],
    "build": [
        "PATH=$PREFIX/bin:$PATH $SRC/configure CC=$EXO_CC --disable-shared --enable-static --disable-readline --with-tcl=$PREFIX/lib CPPFLAGS=-I$PREFIX/include LDFLAGS=-L$PREFIX/lib LIBS='-lz -lm'",
        # -all-static: libtool links statically or fails, never silently dynamic.
        "PATH=$PREFIX/bin:$PATH make -j$JOBS LTLINK_EXTRAS=-all-static testfixture sqlite3",
    ],
    "products": ["testfixture", "sqlite3"],
    # Natively passing scripts that do not pass under POSIX-X yet, each
    # with its cause; tools/programs.py fails a listed script that passes,
    # so remove an entry when its cause is fixed.
    "expected_differences": {
        "test/shell5.test":
            "shell5-1.8 runs the sqlite3 shell's `.import \"|awk ...\"`: popen runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)",
        "test/symlink.test":
            "symlink-1.3 runs `exec ln -s` (Tcl's exec: fork and exec of /usr/bin/ln found in PATH): exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)",
    },
    # A script's testfixture under POSIX-X that waits on a missing call
    # is stopped after this many seconds and fails.
    "wrapper_timeout": 900,
    "tests": [
        {"name": "veryquick", "argv": ["$DESC_DIR/run_suite.sh", "$BIN", "$SRC/test"],
         "cwd": "$SCRATCH", "posixx": "wrappers", "results": "sqlite-scripts",
         # As root, tests that expect a read-only file to refuse writes fail.
         "user": "nobody",
         "timeout": 36000},
    ],
}

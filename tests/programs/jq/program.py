# jq 1.6 from Debian bookworm (the upstream tarball only: Debian's patches
# are not applied). Its suite is driven by the shell scripts in tests/,
# which run $JQBASEDIR/jq: the harness copies tests/ into a scratch
# directory and puts jq (native, or the exo-run wrapper) beside it, so the
# drivers run unchanged and only jq runs under POSIX-X.
{
    "package": "jq",
    "version": "1.6-2.1+deb12u2",
    "orig": "jq_1.6.orig.tar.gz",
    "sha256": "3ba940b97571c866923f0409678033d33b5a98758dfc174fad8397ed908bc4d9",
    # The tarball is a git export: no configure script, no oniguruma.
    "prepare": ["autoreconf -fi"],
    "build": [
        "$SRC/configure CC=$EXO_CC --disable-shared --enable-static --enable-all-static"
        " --without-oniguruma --disable-docs --disable-valgrind --disable-maintainer-mode",
        "make -j$JOBS",
    ],
    "products": ["jq"],
    "tests": [
        # One process each: jq --run-tests, one result per case.
        {"name": "jqtest", "argv": ["$SCRATCH/tests/jqtest"], "cwd": "$SCRATCH",
         "copy": ["$SRC/tests"], "link": {"jq": "$BIN/jq"}, "env": {"NO_VALGRIND": "1"},
         "posixx": "wrappers", "results": "jq-run-tests", "quick": True},
        {"name": "optionaltest", "argv": ["$SCRATCH/tests/optionaltest"], "cwd": "$SCRATCH",
         "copy": ["$SRC/tests"], "link": {"jq": "$BIN/jq"}, "env": {"NO_VALGRIND": "1"},
         "posixx": "wrappers", "results": "jq-run-tests", "quick": True},
        {"name": "base64test", "argv": ["$SCRATCH/tests/base64test"], "cwd": "$SCRATCH",
         "copy": ["$SRC/tests"], "link": {"jq": "$BIN/jq"}, "env": {"NO_VALGRIND": "1"},
         "posixx": "wrappers", "results": "jq-run-tests", "quick": True},
        {"name": "utf8test", "argv": ["$SCRATCH/tests/utf8test"], "cwd": "$SCRATCH",
         "copy": ["$SRC/tests"], "link": {"jq": "$BIN/jq"}, "env": {"NO_VALGRIND": "1"},
         "posixx": "wrappers", "quick": True},
        # Many jq processes started by the (native) shell.
        {"name": "shtest", "argv": ["$SCRATCH/tests/shtest"], "cwd": "$SCRATCH",
         "copy": ["$SRC/tests"], "link": {"jq": "$BIN/jq"}, "env": {"NO_VALGRIND": "1"},
         "posixx": "wrappers", "quick": True},
        # Not run: onigtest (jq is built without oniguruma, which the
        # tarball does not carry) and mantest (needs ruby's rake).
    ],
}

#!/bin/sh
# Runs SQLite's "veryquick" suite (the scripts of `make tcltest`) one
# test script per testfixture process, in the current directory:
#   run_suite.sh BINDIR TESTDIR [SCRIPT...]
# SCRIPT is relative to the source tree (test/x.test, ext/fts5/test/y.test).
# BINDIR holds the programs under test, testfixture and the sqlite3 shell
# (under POSIX-X, the static wrappers that run them under exo-run
# --strict); this loop is native. tester.tcl looks for the shell (the
# shell*.test scripts) in the current directory, as in `make test` run in
# the build directory: each script's directory links to BINDIR's programs.
# Prints one line per script for tools/programs.py's sqlite parser:
#   sqlite-script NAME status STATUS: LAST SUMMARY LINE
# (the summary is tester.tcl's "N errors out of M tests on ..."); each
# script's whole output is kept in logs/NAME.log (/ as _).
set -u
bindir=$1 testdir=$2
fixture=$bindir/testfixture
top=$(dirname "$testdir")
shift 2
here=$(cd "$(dirname "$0")" && pwd)
# SQLITE_SCRIPTS (from the environment, through tools/programs.py) names
# a subset to run instead, e.g. "test/select1.test test/symlink.test".
if [ $# -eq 0 ] && [ -n "${SQLITE_SCRIPTS:-}" ]; then
    set -- $SQLITE_SCRIPTS
fi
if [ $# -eq 0 ]; then
    # The list comes from the program under test itself, like every script.
    set -- $("$fixture" "$here/list_suite.tcl" "$testdir") || exit 1
fi
mkdir -p logs
for script in "$@"; do
    # Each script starts in an empty directory, as a fresh checkout's
    # `make test` would: no database left over from another script.
    rm -rf work && mkdir work && ln -s "$bindir"/* work/
    (cd work && timeout -k 10 ${SQLITE_SCRIPT_TIMEOUT:-900} \
        "$fixture" "$top/$script" </dev/null >"../logs/$(echo "$script" | tr / _).log" 2>&1)
    status=$?
    summary=$(grep -a -E '^[0-9]+ errors out of [0-9]+ tests' "logs/$(echo "$script" | tr / _).log" | tail -n 1)
    echo "sqlite-script $script status $status: $summary"
done

"""How each suite's results are read: one parser per output format, named
by a test's `results` field in its program description (docs/programs.md).
A parser takes the test and its Run (out, err, status, timed_out) and
returns {result name: PASS | FAIL | SKIP}; nothing expected is copied from
our own output, every verdict is the suite's own."""

import re

# Result of one test in one world.
PASS, FAIL, SKIP, NEEDS_FORK, MISSING = "pass", "fail", "skip", "needs fork", "missing"


def parse_exit_status(test, r):
    if r.timed_out:
        return {test["name"]: FAIL}
    if r.status == 0:
        return {test["name"]: PASS}
    if r.status == 77:
        return {test["name"]: SKIP}
    return {test["name"]: FAIL}


def parse_jq_run_tests(test, r):
    """jq --run-tests prints "Testing 'P' at line number N" per case and
    lines starting with *** for a failing one."""
    results, current = {}, None
    for line in r.out.splitlines():
        m = re.match(r"Testing '.*' at line number (\d+)$", line)
        if m:
            current = "%s:%s" % (test["name"], m.group(1))
            results[current] = PASS
        elif line.startswith("***") and current:
            results[current] = FAIL
    if r.timed_out or not re.search(r"^\d+ of \d+ tests passed", r.out, re.M):
        if current:
            results[current] = FAIL   # the case it died in
    return results


def parse_busybox_runtest(test, r):
    """busybox's testsuite prints "PASS: name", "FAIL: name", "SKIPPED: name"."""
    results = {}
    for line in r.out.splitlines():
        m = re.match(r"(PASS|FAIL|SKIPPED|UNTESTED): (.*)$", line)
        if m:
            kind = {"PASS": PASS, "FAIL": FAIL}.get(m.group(1), SKIP)
            name = m.group(2).strip()
            key, n = name, 2
            while key in results:
                key = "%s (%d)" % (name, n)
                n += 1
            results[key] = kind
    return results


def parse_sqlite_scripts(test, r):
    """tests/programs/sqlite/run_suite.sh prints "sqlite-script NAME status
    S: SUMMARY" per test script, SUMMARY being tester.tcl's "N errors out of
    M tests on ..."; a script passes with status 0 and 0 errors."""
    results = {}
    for line in r.out.splitlines():
        m = re.match(r"sqlite-script (\S+) status (\d+): (.*)$", line)
        if m:
            ok = m.group(2) == "0" and re.match(r"0 errors out of \d+ tests", m.group(3))
            results[m.group(1)] = PASS if ok else FAIL
    return results


def parse_automake(test, r):
    """automake's parallel harness (make check-TESTS) prints one line per
    test: "PASS: name", "FAIL:", "SKIP:", "XFAIL:" (an expected failure, as
    good as a pass), "XPASS:" or "ERROR:"."""
    kinds = {"PASS": PASS, "XFAIL": PASS, "SKIP": SKIP}
    results = {}
    for line in r.out.splitlines():
        m = re.match(r"(PASS|FAIL|SKIP|XFAIL|XPASS|ERROR): (\S+)$", line)
        if m:
            results["%s:%s" % (test["name"], m.group(2))] = kinds.get(m.group(1), FAIL)
    return results


def parse_gawk_check(test, r):
    """gawk's test/Makefile: `make check` echoes each test's name (a bare
    word between its "======== Starting ..." and "======== Done ..."
    lines). A test that fails leaves _NAME (or _NAME.something) behind,
    which the suite's pass-fail target counts and its diffout target lists
    ("============== _NAME ============="). A file left under another name
    (messages leaves _out1 to _out3) goes to the tests make reports a
    failed step of ("make: [Makefile:N: NAME] Error 1 (ignored)" on
    stderr); a step without `-` that failed ("*** [...]") fails its test."""
    names, left, inside = [], [], False
    for line in r.out.splitlines():
        if line.startswith("======== Starting"):
            inside = True
        elif line.startswith("======== Done"):
            inside = False
        elif inside and re.match(r"[A-Za-z0-9_+.-]+$", line):
            names.append(line)
        m = re.match(r"============== _(\S+) =============$", line)
        if m:
            left.append(m.group(1))
    known, failed, orphans = set(names), set(), False
    for f in left:
        if f in known or f.split(".")[0] in known:
            failed.add(f if f in known else f.split(".")[0])
        else:
            orphans = True
    for line in r.err.splitlines():
        m = re.match(r"make(?:\[\d+\])?: (\*\*\* )?\[[^:\]]*:\d+: ([^\]]+)\] Error.*?( \(ignored\))?$",
                     line)
        if m and (m.group(1) or orphans):
            failed.add(m.group(2))
    return {"%s:%s" % (test["name"], n): FAIL if n in failed else PASS for n in names}


def parse_toybox_runtest(test, r):
    """toybox's scripts/runtest.sh prints "PASS: cmd name", "FAIL: cmd name"
    and "SKIP: cmd name" (or "SKIP: cmd disabled") per case; a repeated
    name gets a counter, as for busybox. The test's `rename` ({regex:
    replacement}) steadies names that hold a value of the run (a pid)."""
    results = {}
    for line in r.out.splitlines():
        m = re.match(r"(PASS|FAIL|SKIP): (.*)$", line)
        if m:
            name = m.group(2).strip()
            for pattern, replacement in test.get("rename", {}).items():
                name = re.sub(pattern, replacement, name)
            key, n = name, 2
            while key in results:
                key = "%s (%d)" % (name, n)
                n += 1
            results[key] = {"PASS": PASS, "FAIL": FAIL}.get(m.group(1), SKIP)
    return results


PARSERS = {
    "exit-status": parse_exit_status,
    "jq-run-tests": parse_jq_run_tests,
    "busybox-runtest": parse_busybox_runtest,
    "sqlite-scripts": parse_sqlite_scripts,
    "automake": parse_automake,
    "gawk-check": parse_gawk_check,
    "toybox-runtest": parse_toybox_runtest,
}

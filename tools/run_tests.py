#!/usr/bin/env python3
"""Run POSIX-X's tests: unit tests, differential tests, launcher tests.

usage: run_tests.py BUILD_DIR [--filter SUBSTR] [-v]

Prints one line per test (PASS name / FAIL name: reason / SKIP name: reason)
and a last line "N passed, N failed" (", N skipped" added when any were
skipped). Exit status 0 iff nothing failed. tests/README.md describes the
layout.
"""

import argparse
import difflib
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTS_DIR = os.path.join(SOURCE_DIR, "tests")

UNIT_TIMEOUT = 120
DIFF_TIMEOUT = 60
LAUNCHER_TIMEOUT = 120
SKIP_STATUS = 77
DIFF_LINES = 20
TAIL_LINES = 20


class Result:
    def __init__(self, status, stdout, stderr, timed_out):
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.timed_out = timed_out


def run(cmd, cwd, env, timeout, stdin_path=os.devnull):
    """Run cmd in its own session so a timeout kills everything it started."""
    with open(stdin_path, "rb") as stdin:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=stdin,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            out, err = proc.communicate()
            timed_out = True
    return Result(proc.returncode, out, err, timed_out)


def describe_status(status):
    if status < 0:
        try:
            return "killed by %s" % signal.Signals(-status).name
        except ValueError:
            return "killed by signal %d" % -status
    return "status %d" % status


def shell_status(status):
    """A signal death as a shell reports it, so it compares with exo-run's status."""
    return 128 - status if status < 0 else status


def tail(data, lines=TAIL_LINES):
    text = data.decode("utf-8", "backslashreplace").rstrip("\n")
    return text.splitlines()[-lines:] if text else []


def executables(directory):
    if not os.path.isdir(directory):
        return []
    names = []
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            names.append(name)
    return names


def scripts(directory):
    if not os.path.isdir(directory):
        return []
    return sorted(n for n in os.listdir(directory)
                  if n.endswith(".py") and not n.startswith("_"))


class Reporter:
    """PASS/FAIL/SKIP lines and the closing "N passed, N failed" line,
    shared by this runner and tools/qemu_test.py."""

    def selected(self, name):
        return self.name_filter is None or self.name_filter in name

    def report(self, kind, name, reason=None, details=()):
        self.counts[kind] += 1
        print("%s %s%s" % (kind, name, ": " + reason if reason else ""))
        for line in details:
            print("    " + line)
        sys.stdout.flush()

    def note(self, text):
        if self.verbose:
            print("  " + text)
            sys.stdout.flush()

    def summary(self):
        line = "%d passed, %d failed" % (self.counts["PASS"], self.counts["FAIL"])
        if self.counts["SKIP"]:
            line += ", %d skipped" % self.counts["SKIP"]
        print(line)
        return 1 if self.counts["FAIL"] else 0


class Runner(Reporter):
    def __init__(self, build_dir, name_filter, verbose):
        self.build_dir = os.path.abspath(build_dir)
        self.exo_run = os.path.join(self.build_dir, "bin", "exo-run")
        self.name_filter = name_filter
        self.verbose = verbose
        self.cache = None     # --cache: the real programs' download cache
        self.counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
        self.env = dict(os.environ, EXO_BUILD_DIR=self.build_dir)




    def have_exo_run(self):
        return os.path.isfile(self.exo_run) and os.access(self.exo_run, os.X_OK)

    # Tests that follow the exit status convention: 0 pass, 77 skip, else fail.
    def run_status_test(self, name, cmd, timeout):
        self.note("$ " + " ".join(shlex.quote(c) for c in cmd))
        r = run(cmd, SOURCE_DIR, self.env, timeout)
        output = r.stdout + r.stderr
        if self.verbose:
            for line in tail(output, 1000):
                self.note("| " + line)
        if r.timed_out:
            self.report("FAIL", name, "timed out after %d s" % timeout, tail(output))
        elif r.status == 0:
            self.report("PASS", name)
        elif r.status == SKIP_STATUS:
            last = tail(output, 1)
            self.report("SKIP", name, last[0].strip() if last else "skipped")
        else:
            self.report("FAIL", name, describe_status(r.status), tail(output))

    def unit_tests(self):
        unit_dir = os.path.join(self.build_dir, "tests", "unit")
        for exe in executables(unit_dir):
            name = "unit/" + exe
            if self.selected(name):
                self.run_status_test(name, [os.path.join(unit_dir, exe)], UNIT_TIMEOUT)
        py_dir = os.path.join(TESTS_DIR, "unit")
        for script in scripts(py_dir):
            name = "unit/" + script
            if self.selected(name):
                self.run_status_test(name, [sys.executable, os.path.join(py_dir, script)],
                                     UNIT_TIMEOUT)

    def diff_tests(self):
        bin_dir = os.path.join(self.build_dir, "tests", "diff")
        src_dir = os.path.join(TESTS_DIR, "diff")
        built = executables(bin_dir)
        sources = sorted(n[:-2] for n in os.listdir(src_dir) if n.endswith(".c")) \
            if os.path.isdir(src_dir) else []
        for test in sorted(set(built) | set(sources)):
            name = "diff/" + test
            if not self.selected(name):
                continue
            if test not in built:
                self.report("SKIP", name, "not built (%s missing)" % os.path.join(bin_dir, test))
            elif not self.have_exo_run():
                self.report("SKIP", name, "%s missing" % self.exo_run)
            else:
                self.diff_test(name, os.path.join(bin_dir, test), os.path.join(src_dir, test))

    def diff_test(self, name, program, source_base):
        stdin_path = source_base + ".stdin"
        if not os.path.isfile(stdin_path):
            stdin_path = os.devnull
        args = []
        if os.path.isfile(source_base + ".args"):
            with open(source_base + ".args", encoding="utf-8") as f:
                args = shlex.split(f.read())
        env = dict(self.env, EXO_TEST_VAR="posix-x")
        scratch = tempfile.mkdtemp(prefix="posix-x-diff-")
        try:
            native = self.diff_run([program] + args, scratch, env, stdin_path)
            if native.timed_out:
                self.report("FAIL", name, "native run timed out after %d s" % DIFF_TIMEOUT)
                return
            shutil.rmtree(scratch)
            os.mkdir(scratch)
            posixx = self.diff_run([self.exo_run, "--strict", program] + args,
                                   scratch, env, stdin_path)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

        if posixx.timed_out:
            self.report("FAIL", name, "POSIX-X run timed out after %d s" % DIFF_TIMEOUT,
                        tail(posixx.stderr))
            return
        problems, details = [], []
        if shell_status(native.status) != shell_status(posixx.status):
            problems.append("exit status: native %s, POSIX-X %s"
                            % (describe_status(native.status), describe_status(posixx.status)))
        for stream in ("stdout", "stderr"):
            a, b = getattr(native, stream), getattr(posixx, stream)
            if a != b:
                problems.append(stream + " differs")
                details += unified_diff(a, b, stream)
        if problems:
            if native.stderr == posixx.stderr and posixx.stderr:
                details += ["POSIX-X stderr:"] + ["  " + l for l in tail(posixx.stderr)]
            self.report("FAIL", name, "; ".join(problems), details)
        else:
            self.report("PASS", name)

    def diff_run(self, cmd, cwd, env, stdin_path):
        self.note("$ " + " ".join(shlex.quote(c) for c in cmd)
                  + " < " + shlex.quote(stdin_path))
        r = run(cmd, cwd, env, DIFF_TIMEOUT, stdin_path)
        self.note("  -> %s, %d bytes stdout, %d bytes stderr"
                  % (describe_status(r.status), len(r.stdout), len(r.stderr)))
        return r

    def launcher_tests(self):
        src_dir = os.path.join(TESTS_DIR, "launcher")
        for script in scripts(src_dir):
            name = "launcher/" + script
            if not self.selected(name):
                continue
            if not self.have_exo_run():
                self.report("SKIP", name, "%s missing" % self.exo_run)
                continue
            self.run_status_test(name, [sys.executable, os.path.join(src_dir, script),
                                        self.build_dir], LAUNCHER_TIMEOUT)

    def qemu_tests(self):
        """The same programs on the QEMU reference kernel (tools/qemu_test.py),
        counted here so one line sums up every test."""
        cmd = [sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "qemu_test.py"),
               self.build_dir]
        if self.name_filter:
            cmd += ["--filter", self.name_filter]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, timeout=QEMU_TIMEOUT)
        counted = 0
        for line in proc.stdout.decode("utf-8", "backslashreplace").splitlines():
            word = line.split(" ", 1)[0]
            if word in ("PASS", "FAIL", "SKIP"):
                self.counts[word] += 1
                counted += 1
                print(line)
            elif not SUMMARY.match(line):
                print("    " + line)
        if proc.returncode not in (0, 1) or (proc.returncode == 1 and not self.counts["FAIL"]):
            self.report("FAIL", "qemu", "qemu_test.py exited with status %d" % proc.returncode)
        elif not counted and not self.name_filter:
            self.report("FAIL", "qemu", "qemu_test.py ran no test")


    def programs_quick(self):
        """The quick set of real programs (tools/programs.py --quick, docs/
        programs.md): one PASS/FAIL line per program, counted here. A program
        fails when a test that passes natively fails under POSIX-X and is not
        in its description's expected_differences."""
        tools = os.path.dirname(os.path.abspath(__file__))
        sys.path.insert(0, tools)
        import programs
        names = [n for n in programs.all_names()
                 if any(t.get("quick") for t in programs.load(n)["tests"])]
        if self.name_filter:
            names = [n for n in names if self.name_filter in "programs/" + n]
            if not names:
                return
        cmd = [sys.executable, os.path.join(tools, "programs.py"), self.build_dir, "--quick"]
        if self.cache:
            cmd += ["--cache", self.cache]
        r = run(cmd + names, SOURCE_DIR, self.env, PROGRAMS_TIMEOUT)
        counted = 0
        for line in tail(r.stdout + r.stderr, 100000):
            word = line.split(" ", 1)[0]
            if word in ("PASS", "FAIL", "SKIP"):
                self.counts[word] += 1
                counted += 1
                print(line)
            elif line.startswith("    "):
                print(line)
            elif not SUMMARY.match(line) and (self.verbose or line.startswith("|")):
                print("    " + line)
        sys.stdout.flush()
        if r.timed_out:
            self.report("FAIL", "programs", "timed out after %d s" % PROGRAMS_TIMEOUT)
        elif r.status not in (0, 1) or (r.status == 1 and not counted):
            self.report("FAIL", "programs", "programs.py exited with %s"
                        % describe_status(r.status), tail(r.stderr))
        elif counted < len(names):
            self.report("FAIL", "programs", "programs.py reported %d of %d programs"
                        % (counted, len(names)))


SUMMARY = re.compile(r"^\d+ passed, \d+ failed")
QEMU_TIMEOUT = 1200
# The quick set of real programs, builds included (cached in the build dir).
PROGRAMS_TIMEOUT = 1800


def unified_diff(a, b, stream):
    a_lines = a.decode("utf-8", "backslashreplace").splitlines(keepends=True)
    b_lines = b.decode("utf-8", "backslashreplace").splitlines(keepends=True)
    diff = difflib.unified_diff(a_lines, b_lines, "native " + stream,
                                "POSIX-X " + stream, n=2)
    lines = [l.rstrip("\n") for l in diff]
    if len(lines) > DIFF_LINES:
        lines = lines[:DIFF_LINES] + ["... (%d more diff lines)" % (len(lines) - DIFF_LINES)]
    return lines


def main():
    parser = argparse.ArgumentParser(description="Run POSIX-X's tests.")
    parser.add_argument("build_dir", metavar="BUILD_DIR")
    parser.add_argument("--filter", metavar="SUBSTR",
                        help="only run tests whose name (e.g. diff/hello) contains SUBSTR")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="show commands and their output")
    parser.add_argument("--cache", metavar="DIR",
                        help="download cache for the real programs (configure.py's --cache)")
    args = parser.parse_args()
    if not os.path.isdir(args.build_dir):
        print("run_tests.py: build directory %s does not exist" % args.build_dir,
              file=sys.stderr)
        return 2
    runner = Runner(args.build_dir, args.filter, args.verbose)
    runner.cache = args.cache
    runner.unit_tests()
    runner.diff_tests()
    runner.launcher_tests()
    runner.qemu_tests()
    runner.programs_quick()
    return runner.summary()


if __name__ == "__main__":
    sys.exit(main())

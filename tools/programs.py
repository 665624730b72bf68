#!/usr/bin/env python3
"""Build real programs from Debian source packages with exo-cc and run their
own test suites natively and under POSIX-X.

usage: programs.py BUILD_DIR [--quick | --full] [--cache DIR] [-v] [NAME...]

Each tests/programs/NAME/program.py is one Python literal (a dict, read
with ast.literal_eval: data, no code) describing the Debian package, how to
build it, its products and its tests; docs/programs.md explains the fields.
For each program: fetch the pinned orig tarball (tools/debian_source.py),
build out of tree under BUILD_DIR/programs/NAME/, check every product is a
static ELF (no PT_INTERP), run every test natively and under
`exo-run --strict`, compare the per-test results and print a table.

Output: one line per program (PASS/FAIL name: reason), every difference,
the table, then "N passed, N failed" like run_tests.py. A program passes
when every test that passes natively passes under POSIX-X, except the
tests its description lists in expected_differences, each with the cause
(the missing call and its issue); a listed test that passes under POSIX-X
fails the program too, so the list shrinks as the causes are fixed. Exit
status 0 iff no program failed.
"""

import argparse
import ast
import os
import re
import shlex
import shutil
import signal
import stat
import struct
import subprocess
import sys
import tempfile
import time

from debian_source import Failure, fetch_orig, sha256_file, unpack_tarball

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS_DIR = os.path.join(SOURCE_DIR, "tests", "programs")
DEFAULT_CACHE = os.path.join(
    os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "posix-x")
JOBS = "2"
STAMP = ".posixx-built"
PT_INTERP = 3

from program_results import MISSING, PARSERS, PASS


def log(text):
    print(text)
    sys.stdout.flush()


def load(name):
    path = os.path.join(PROGRAMS_DIR, name, "program.py")
    with open(path, encoding="utf-8") as f:
        desc = ast.literal_eval(f.read())
    desc["name"] = name
    desc["file"] = path
    return desc


def all_names():
    return sorted(n for n in os.listdir(PROGRAMS_DIR)
                  if os.path.isfile(os.path.join(PROGRAMS_DIR, n, "program.py")))


def expand(text, env):
    """$VAR and ${VAR} from env only; anything else is left alone."""
    return re.sub(r"\$\{?([A-Z_]+)\}?",
                  lambda m: env.get(m.group(1), m.group(0)), text)


def shell(cmd, cwd, env, logfile):
    logfile.write("$ (cd %s && %s)\n" % (cwd, cmd))
    logfile.flush()
    r = subprocess.run(["sh", "-ec", cmd], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                       stdout=logfile, stderr=subprocess.STDOUT)
    if r.returncode:
        raise Failure("build step failed (status %d): %s; see %s"
                      % (r.returncode, cmd, logfile.name))


# ---------------------------------------------------------------- building

def static_elf_problem(path):
    """None if path is a static ELF executable, else what is wrong."""
    try:
        with open(path, "rb") as f:
            head = f.read(64)
            if head[:4] != b"\x7fELF":
                return "not an ELF file (a libtool wrapper script?)"
            if head[4] != 2 or head[5] != 1:
                return "not a 64-bit little-endian ELF"
            e_type, = struct.unpack_from("<H", head, 16)
            e_phoff, = struct.unpack_from("<Q", head, 32)
            e_phentsize, e_phnum = struct.unpack_from("<HH", head, 54)
            if e_type not in (2, 3):
                return "ELF type %d is not an executable" % e_type
            f.seek(e_phoff)
            table = f.read(e_phentsize * e_phnum)
    except OSError as e:
        return e.strerror
    for i in range(e_phnum):
        p_type, = struct.unpack_from("<I", table, i * e_phentsize)
        if p_type == PT_INTERP:
            return "has PT_INTERP: dynamically linked"
    return None


def build(desc, args, paths):
    """Fetch, unpack and build desc unless its stamp says it is up to date."""
    tarball = fetch_orig(args.cache, desc["package"], desc["version"], desc["orig"],
                         desc["sha256"], who="programs")
    # Libraries the program links (its "deps"), each its own Debian source
    # package, built first in its order and installed into $PREFIX.
    deps = [(dep, fetch_orig(args.cache, dep["package"], dep["version"], dep["orig"],
                             dep["sha256"], who="programs"))
            for dep in desc.get("deps", [])]
    recipe = repr([desc.get(k) for k in ("package", "version", "prepare", "build", "deps")])
    stamp_text = "%s\n%s\n%s\n" % (" ".join(sha256_file(t) for t in
                                              [tarball] + [t for _, t in deps]),
                                   recipe, sha256_file(paths["EXO_CC"]))
    stamp = os.path.join(paths["WORK"], STAMP)
    try:
        with open(stamp) as f:
            if f.read() == stamp_text:
                return
    except OSError:
        pass
    log("programs: building %s %s" % (desc["package"], desc["version"]))
    shutil.rmtree(paths["WORK"], ignore_errors=True)
    os.makedirs(paths["WORK"])
    tmp = tempfile.mkdtemp(prefix="unpack-", dir=paths["WORK"])
    os.rename(unpack_tarball(tarball, tmp), paths["SRC"])
    os.rmdir(tmp)
    os.makedirs(paths["BUILD"])
    env = dict(os.environ, **paths)
    with open(os.path.join(paths["WORK"], "build.log"), "w") as logfile:
        for dep, dep_tarball in deps:
            dep_work = os.path.join(paths["WORK"], "deps", dep["package"])
            os.makedirs(dep_work)
            dep_src = unpack_tarball(dep_tarball, dep_work)
            dep_build = os.path.join(dep_work, "build")
            os.makedirs(dep_build)
            dep_env = dict(env, SRC=dep_src, BUILD=dep_build)
            for cmd in dep.get("prepare", []):
                shell(cmd, dep_src, dep_env, logfile)
            for cmd in dep["build"]:
                shell(cmd, dep_build, dep_env, logfile)
        for cmd in desc.get("prepare", []):
            shell(cmd, paths["SRC"], env, logfile)
        for cmd in desc["build"]:
            shell(cmd, paths["BUILD"], env, logfile)
    with open(stamp, "w") as f:
        f.write(stamp_text)


def check_products(desc, paths):
    problems = []
    for product in desc["products"]:
        path = os.path.join(paths["BUILD"], product)
        why = static_elf_problem(path)
        if why:
            problems.append("%s: %s" % (product, why))
    return problems


def make_bin_dirs(desc, paths, exo_run):
    """bin-native/ holds the products, bin-posixx/ wrappers that run them
    under exo-run --strict (tools/programs_wrapper.c, built here with
    exo-cc: a static program, so a product under POSIX-X that execs one
    stays under POSIX-X); both hold the bin_files the suites read."""
    for world in ("native", "posixx"):
        d = paths["BIN_" + world.upper()]
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        for product in desc["products"]:
            real = os.path.join(paths["BUILD"], product)
            dest = os.path.join(d, os.path.basename(product))
            if world == "native":
                shutil.copy2(real, dest)
                continue
            build_wrapper(dest, paths["EXO_CC"], exo_run, real, desc.get("multicall", False),
                          desc.get("wrapper_timeout", DEFAULT_WRAPPER_TIMEOUT))
        for name in desc.get("bin_files", []):
            shutil.copy2(os.path.join(paths["BUILD"], name), d)
        os.chmod(d, 0o777)


# A program under POSIX-X that waits on a call POSIX-X lacks could wait
# forever; the wrapper stops it after this many seconds (per program:
# wrapper_timeout).
DEFAULT_WRAPPER_TIMEOUT = 600


def build_wrapper(dest, exo_cc, exo_run, real, multicall, limit):
    def c_string(text):
        return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"')
    timeout = shutil.which("timeout") or "/usr/bin/timeout"
    defines = {"REAL": c_string(real), "EXO_RUN": c_string(exo_run),
               "TIMEOUT": c_string(timeout), "LIMIT": c_string(str(limit)),
               "PRODUCT": c_string(os.path.basename(real)),
               "MULTICALL": "1" if multicall else "0"}
    cmd = [exo_cc, "-O2", "-o", dest, os.path.join(SOURCE_DIR, "tools", "programs_wrapper.c")]
    cmd += ["-D%s=%s" % (k, v) for k, v in defines.items()]
    r = subprocess.run(cmd, capture_output=True)
    if r.returncode != 0:
        raise Failure("the wrapper did not build: %s" % r.stderr.decode(errors="replace").strip())


# ---------------------------------------------------------------- running

class Run:
    def __init__(self, status, out, err, seconds, timed_out):
        self.status, self.out, self.err = status, out, err
        self.seconds, self.timed_out = seconds, timed_out


def run(cmd, cwd, env, timeout, stdin=None, user=None):
    if user and os.geteuid() == 0:
        cmd = ["setpriv", "--reuid=" + user, "--regid=" + user_group(user),
               "--clear-groups", "--"] + cmd
    start = time.monotonic()
    with open(stdin or os.devnull, "rb") as f:
        try:
            proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=f, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, start_new_session=True)
        except OSError as e:
            return Run(127, "", "programs.py: %s: %s\n" % (cmd[0], e.strerror), 0.0, False)
        try:
            out, err = proc.communicate(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            timed_out = True
    return Run(proc.returncode, out.decode("utf-8", "backslashreplace"),
               err.decode("utf-8", "backslashreplace"), time.monotonic() - start, timed_out)


def user_group(user):
    import pwd
    import grp
    return grp.getgrgid(pwd.getpwnam(user).pw_gid).gr_name


def untranslated(text):
    return sorted(set(re.findall(r"exo-run: untranslated: (\S+(?: \(\d+\))?(?: variant \S+)?)",
                                 text)))


def prepare_scratch(test, env, world):
    """A fresh working directory with copies of what the test writes into
    and links to the program where the suite's driver looks for it
    (world-writable for suites that run as an unprivileged user)."""
    scratch = os.path.join(env["WORK"], "run-" + world)
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    for item in test.get("copy", []):
        src = expand(item, env)
        shutil.copytree(src, os.path.join(scratch, os.path.basename(src)), symlinks=True)
    for name, target in test.get("link", {}).items():
        dest = os.path.join(scratch, name)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        os.symlink(expand(target, env), dest)
    if test.get("user"):
        for root, dirs, files in os.walk(scratch):
            for n in dirs + files:
                p = os.path.join(root, n)
                if not os.path.islink(p):
                    os.chmod(p, os.stat(p).st_mode | stat.S_IWOTH | stat.S_IROTH
                             | (stat.S_IXOTH if os.stat(p).st_mode & stat.S_IXUSR else 0))
        os.chmod(scratch, 0o777)
    return scratch


def run_test(test, paths, world, exo_run, timeout, verbose, quick=False):
    """(results, seconds, untranslated names, raw Run) of test in world;
    in the quick set a test's `quick_argv` (a subset of the same suite)
    replaces its `argv`."""
    env = dict(os.environ, **paths)
    env["BIN"] = paths["BIN_" + world.upper()]
    env["SCRATCH"] = prepare_scratch(test, env, world)
    for k, v in test.get("env", {}).items():
        env[k] = expand(v, env)
    argv = [expand(a, env) for a in test.get("quick_argv" if quick else "argv", test["argv"])]
    if world == "posixx" and test.get("posixx", "exo-run") == "exo-run":
        argv = [exo_run, "--strict"] + argv
    cwd = expand(test.get("cwd", "$BUILD"), env)
    stdin = expand(test["stdin"], env) if "stdin" in test else None
    if verbose:
        log("  [%s] $ (cd %s && %s)" % (world, cwd, " ".join(shlex.quote(a) for a in argv)))
    r = run(argv, cwd, env, timeout, stdin, test.get("user"))
    results = PARSERS[test.get("results", "exit-status")](test, r)
    if verbose:
        for line in (r.out + r.err).splitlines()[-15:]:
            log("  | " + line)
    return results, r.seconds, untranslated(r.err + r.out), r


def selected_tests(desc, quick):
    return [t for t in desc["tests"] if not quick or t.get("quick")]


def run_program(desc, paths, exo_run, quick, verbose):
    row = {"name": desc["name"], "tests": 0, "native": 0, "posixx": 0, "fork": 0,
           "diffs": [], "lost": [], "expected": [], "stale": [],
           "native_s": 0.0, "posixx_s": 0.0, "missing": {}}
    listed = desc.get("expected_differences", {})
    seen = set()
    for test in selected_tests(desc, quick):
        timeout = test.get("timeout", 600)
        nat, nat_s, _, nat_run = run_test(test, paths, "native", exo_run, timeout, verbose,
                                             quick)
        if test.get("posixx", "exo-run") == "needs fork":
            for name, kind in nat.items():
                row["tests"] += 1
                row["native"] += kind == PASS
                row["fork"] += 1
            continue
        pos, pos_s, names, pos_run = run_test(test, paths, "posixx", exo_run, timeout,
                                              verbose, quick)
        row["native_s"] += nat_s
        row["posixx_s"] += pos_s
        for n in names:
            row["missing"].setdefault(n, []).append(test["name"])
        for name in sorted(set(nat) | set(pos), key=natural_key):
            a, b = nat.get(name, MISSING), pos.get(name, MISSING)
            seen.add(name)
            if name in listed and (a != PASS or b == PASS):
                row["stale"].append("%s: listed in expected_differences (%s) but native %s, "
                                    "POSIX-X %s: remove it from %s"
                                    % (name, listed[name], a, b, desc["file"]))
            row["tests"] += 1
            row["native"] += a == PASS
            row["posixx"] += b == PASS
            if a != b:
                why = "native %s, POSIX-X %s" % (a, b)
                if names and len(nat) == 1:   # a suite's calls are listed once below
                    why += " (untranslated: %s)" % ", ".join(names)
                elif pos_run.timed_out:
                    why += " (timed out after %d s)" % timeout
                if a == PASS and name in listed:
                    why += "; listed: " + listed[name]
                    row["expected"].append(name)
                elif a == PASS:
                    row["lost"].append(name)
                row["diffs"].append("%s: %s" % (name, why))
    if not quick:
        for name in sorted(set(listed) - seen):
            row["stale"].append("%s: listed in expected_differences but no test has that "
                                "name: remove it from %s" % (name, desc["file"]))
    return row


def natural_key(s):
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", s)]


def print_table(rows):
    head = ("program", "tests", "native pass", "POSIX-X pass", "needs fork",
            "differences", "listed", "native s", "POSIX-X s", "ratio")
    lines = [head]
    for r in rows:
        ratio = "%.2f" % (r["posixx_s"] / r["native_s"]) if r["native_s"] > 0 else "-"
        lines.append((r["name"], str(r["tests"]), str(r["native"]), str(r["posixx"]),
                      str(r["fork"]), str(len(r["diffs"])), str(len(r["expected"])),
                      "%.2f" % r["native_s"],
                      "%.2f" % r["posixx_s"], ratio))
    widths = [max(len(l[i]) for l in lines) for i in range(len(head))]
    fmt = "| " + " | ".join("%%-%ds" % w for w in widths) + " |"
    log(fmt % head)
    log("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for l in lines[1:]:
        log(fmt % l)


def main():
    ap = argparse.ArgumentParser(description="Real programs natively and under POSIX-X.")
    ap.add_argument("build_dir", metavar="BUILD_DIR")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--quick", action="store_true", help="the quick subset of each suite")
    g.add_argument("--full", action="store_true", help="every test (the default)")
    ap.add_argument("--cache", default=DEFAULT_CACHE, help="download cache")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--build-only", action="store_true",
                    help="build and check the products, run no suite (the demo uses it)")
    ap.add_argument("names", nargs="*", help="programs (default: all; with --quick, "
                    "those with quick tests)")
    # Intermixed: `programs.py build xz --quick` and `build --quick xz` alike.
    args = ap.parse_intermixed_args()
    b = os.path.abspath(args.build_dir)
    args.cache = os.path.abspath(args.cache)
    exo_run = os.path.join(b, "bin", "exo-run")
    exo_cc = os.path.join(b, "sysroot", "bin", "exo-cc")
    for need in (exo_run, exo_cc):
        if not os.access(need, os.X_OK):
            sys.exit("programs.py: %s missing; run ninja -C %s all first" % (need, b))
    names = args.names or all_names()
    counts = {"PASS": 0, "FAIL": 0}
    rows = []
    for name in names:
        desc = load(name)
        if args.quick and not selected_tests(desc, True):
            continue
        work = os.path.join(b, "programs", name)
        paths = {"WORK": work, "SRC": os.path.join(work, "src"),
                 "BUILD": os.path.join(work, "build"),
                 "BIN_NATIVE": os.path.join(work, "bin-native"),
                 "BIN_POSIXX": os.path.join(work, "bin-posixx"),
                 "PREFIX": os.path.join(work, "prefix"),
                 "DESC_DIR": os.path.dirname(desc["file"]),
                 "EXO_CC": exo_cc, "EXO_RUN": exo_run, "SYSROOT": os.path.join(b, "sysroot"),
                 "JOBS": JOBS}
        try:
            build(desc, args, paths)
            problems = check_products(desc, paths)
            if problems:
                raise Failure("not static: " + "; ".join(problems))
            if args.build_only:
                counts["PASS"] += 1
                continue
            make_bin_dirs(desc, paths, exo_run)
            row = run_program(desc, paths, exo_run, args.quick, args.verbose)
        except Failure as e:
            counts["FAIL"] += 1
            log("FAIL programs/%s: %s" % (name, e))
            continue
        rows.append(row)
        if not row["tests"]:
            counts["FAIL"] += 1
            log("FAIL programs/%s: the suite reported no test" % name)
            continue
        if row["lost"] or row["stale"]:
            counts["FAIL"] += 1
            why = []
            if row["lost"]:
                why.append("%d of %d natively passing tests do not pass under POSIX-X"
                           % (len(row["lost"]), row["native"]))
            if row["stale"]:
                why.append("%d stale expected_differences entries" % len(row["stale"]))
            log("FAIL programs/%s: %s" % (name, "; ".join(why)))
        else:
            counts["PASS"] += 1
            log("PASS programs/%s: %d tests, %d pass natively, %d under POSIX-X%s%s"
                % (name, row["tests"], row["native"], row["posixx"],
                   ", %d need fork" % row["fork"] if row["fork"] else "",
                   ", %d listed differences" % len(row["expected"]) if row["expected"] else ""))
        for d in row["diffs"] + row["stale"]:
            log("    " + d)
        for call, tests in sorted(row["missing"].items()):
            log("    untranslated %s (in %s)" % (call, ", ".join(sorted(set(tests)))))
    if args.build_only:
        return 1 if counts["FAIL"] else 0
    if rows:
        print_table(rows)
    log("%d passed, %d failed" % (counts["PASS"], counts["FAIL"]))
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as e:
        sys.exit("programs.py: " + str(e))

#!/usr/bin/env python3
"""Run POSIX-X programs on the reference Exo-OS kernel under QEMU.

usage: qemu_test.py BUILD_DIR [--filter SUBSTR] [-v]

Boots BUILD_DIR/qemu/exo-kernel.elf (`ninja -C BUILD_DIR qemu-kernel` builds it) once
per test, with an initrd holding the programs, and compares each program's
stdout, stderr and exit status with a native run of the same binary, as
tools/run_tests.py does for the hosted kernel. COM1 is the program's
stdout, COM2 its stderr, COM3 the kernel's log; the status is the log's
last line, cross-checked with QEMU's isa-debug-exit status
(docs/qemu-kernel.md). Also checks that a malformed ELF is refused.

Prints PASS name / FAIL name: why / SKIP name: why, one line per test, and
"N passed, N failed" (", N skipped" when any were). Exit status 0 iff
nothing failed.
"""

import argparse
import os
import re
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import tempfile

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(SOURCE_DIR, "tools"))
import mkinitrd  # noqa: E402
from run_tests import Reporter, unified_diff, describe_status, shell_status, tail  # noqa: E402

QEMU = "qemu-system-x86_64"
QEMU_TIMEOUT = 20
NATIVE_TIMEOUT = 20
TEST_ENV = {"EXO_TEST_VAR": "posix-x"}

# Programs from tests/diff whose output depends only on what this kernel
# offers (the console, anonymous memory, clocks; no files).
DIFF_PROGRAMS = ["hello", "malloc_sizes", "exit_status", "_exit_status", "args_env", "time_funcs"]
# Built here from qemu-kernel/tests/ or tests/diff/ with extra flags.
EXTRA_PROGRAMS = {
    "null_deref": ("qemu-kernel/tests/null_deref.c", []),
    "memory_ops": ("qemu-kernel/tests/memory_ops.c", []),
    "hello_pie": ("tests/diff/hello.c", ["-static-pie"]),
    # What a guest may do to the kernel (tests/qemu/): the kernel must answer
    # as Linux does and keep running.
    "bad_pointers": ("tests/qemu/bad_pointers.c", []),
    "bad_fstat": ("tests/qemu/bad_fstat.c", []),
    "illegal_instruction": ("tests/qemu/illegal_instruction.c", []),
    "breakpoint": ("tests/qemu/breakpoint.c", []),
    "memory_exhaustion": ("tests/qemu/memory_exhaustion.c", []),
    # Files of the initrd (tests/qemu/data/ there, in the working directory
    # natively) and processes: fork, exec from the initrd, wait.
    "initrd_files": ("tests/qemu/initrd_files.c", []),
    "fork_exec": ("tests/qemu/fork_exec.c", []),
    "clock_ticks": ("tests/qemu/clock_ticks.c", []),
}
DATA_DIR = os.path.join(SOURCE_DIR, "tests", "qemu", "data")
# What the read-only initrd refuses (initrd_files rofs), as Linux answers on
# a read-only file system.
ROFS_LINES = ["%-34s -1 %s" % kv for kv in [
    ("write to O_RDONLY", "EBADF"), ("open O_WRONLY", "EROFS"), ("open O_RDWR", "EROFS"),
    ("open O_CREAT new", "EROFS"), ("open O_CREAT|O_EXCL existing", "EEXIST"),
    ("open O_TRUNC", "EROFS"), ("access W_OK", "EROFS"), ("mkdir new", "EROFS"),
    ("mkdir existing", "EEXIST"), ("unlink", "EROFS"), ("unlink missing", "ENOENT"),
    ("open dir O_WRONLY", "EISDIR")]]
EXHAUST_LINES = ["mmap(16 TiB): ENOMEM", "malloc(16 TiB): NULL", "mmap in chunks: ENOMEM after some",
                 "malloc(1000) in a loop: NULL (after some)", "mmap after munmap: ok"]
POWER_OFF = re.compile(rb"exo-kernel: power off, status (\d+)\s*$")


def run(cmd, timeout, cwd=None, env=None):
    """(status, stdout, stderr, timed_out), in a session killed on timeout."""
    with open(os.devnull, "rb") as stdin:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=stdin, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
            return proc.returncode, out, err, False
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            out, err = proc.communicate()
            return proc.returncode, out, err, True


def data_files():
    """tests/qemu/data/, as names relative to it, sorted."""
    out = []
    for root, _, files in os.walk(DATA_DIR):
        out += [os.path.relpath(os.path.join(root, f), DATA_DIR) for f in files]
    return sorted(out)


def overlapping_segments(elf):
    """elf with its second PT_LOAD moved onto the first one's first page
    (offset and address still congruent, so only the overlap is wrong)."""
    elf = bytearray(elf)
    phoff, = struct.unpack_from("<Q", elf, 32)
    phentsize, phnum = struct.unpack_from("<HH", elf, 54)
    loads = [phoff + i * phentsize for i in range(phnum)
             if struct.unpack_from("<I", elf, phoff + i * phentsize)[0] == 1]   # PT_LOAD
    first_vaddr, = struct.unpack_from("<Q", elf, loads[0] + 16)
    second_offset, = struct.unpack_from("<Q", elf, loads[1] + 8)
    vaddr = (first_vaddr & ~0xfff) | (second_offset & 0xfff)
    struct.pack_into("<QQ", elf, loads[1] + 16, vaddr, vaddr)   # p_vaddr, p_paddr
    return bytes(elf)


class Boot:
    """One QEMU run: what each serial line received, and the status."""

    def __init__(self, stdout, stderr, log, status, problem):
        self.stdout, self.stderr, self.log = stdout, stderr, log
        self.status, self.problem = status, problem


class Runner(Reporter):
    def __init__(self, build_dir, name_filter, verbose, scratch):
        self.build_dir = os.path.abspath(build_dir)
        self.kernel = os.path.join(self.build_dir, "qemu", "exo-kernel.elf")
        self.name_filter, self.verbose, self.scratch = name_filter, verbose, scratch
        self.counts = {"PASS": 0, "FAIL": 0, "SKIP": 0}
        self.programs = {}   # name in the initrd -> host path
        self.initrd = os.path.join(scratch, "initrd.cpio")




    # ---- preparing -------------------------------------------------------

    def prepare(self):
        """None when ready, else why every test is skipped or failed."""
        if not shutil.which(QEMU):
            return ("SKIP", "%s missing (apt-get install qemu-system-x86)" % QEMU)
        if not os.path.isfile(self.kernel):
            return ("FAIL", "%s missing: run ninja -C %s qemu-kernel" % (self.kernel, self.build_dir))
        for name in DIFF_PROGRAMS:
            path = os.path.join(self.build_dir, "tests", "diff", name)
            if os.path.isfile(path):
                self.programs[name] = path
        exo_cc = os.path.join(self.build_dir, "sysroot", "bin", "exo-cc")
        for name, (source, flags) in EXTRA_PROGRAMS.items():
            out = os.path.join(self.build_dir, "qemu", "tests", name)
            src = os.path.join(SOURCE_DIR, source)
            if not os.path.isfile(out) or os.path.getmtime(out) < os.path.getmtime(src):
                if not os.path.isfile(exo_cc):
                    continue
                os.makedirs(os.path.dirname(out), exist_ok=True)
                status, _, err, _ = run([exo_cc, "-O2", "-Wall"] + flags + ["-o", out, src], 120)
                if status != 0:
                    print("qemu_test.py: building %s failed:\n%s" % (name, err.decode(errors="replace")))
                    continue
            self.programs[name] = out
        entries = []
        for name, path in sorted(self.programs.items()):
            with open(path, "rb") as f:
                entries.append((name, f.read()))
        hello = dict(entries).get("hello")
        if hello:
            entries.append(("truncated_elf", hello[:100]))
            wrong_machine = bytearray(hello)
            wrong_machine[18:20] = (3).to_bytes(2, "little")   # e_machine = EM_386
            entries.append(("i386_elf", bytes(wrong_machine)))
            entries.append(("overlapping_elf", overlapping_segments(hello)))
        for name in data_files():
            with open(os.path.join(DATA_DIR, name), "rb") as f:
                entries.append(("data/" + name, f.read()))
        with open(self.initrd, "wb") as f:
            f.write(mkinitrd.archive(entries))
        return None

    # ---- booting ---------------------------------------------------------

    def boot(self, argv, env, flags=()):
        words = list(flags) + ["env=%s=%s" % kv for kv in sorted(env.items())] + ["--"] + argv
        cmdline = " ".join(shlex.quote(w) for w in words)
        files = [os.path.join(self.scratch, n) for n in ("com1", "com2", "com3")]
        for path in files:
            if os.path.exists(path):
                os.unlink(path)
        cmd = [QEMU, "-accel", "tcg", "-cpu", "max", "-m", "256M", "-nodefaults",
               "-display", "none", "-no-reboot",
               "-kernel", self.kernel, "-initrd", self.initrd, "-append", cmdline,
               "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
        for path in files:
            cmd += ["-serial", "file:" + path]
        self.note("$ " + " ".join(shlex.quote(c) for c in cmd))
        rc, out, err, timed_out = run(cmd, QEMU_TIMEOUT)
        stdout, stderr, log = (open(p, "rb").read() if os.path.exists(p) else b"" for p in files)
        for line in tail(log, 1000):
            self.note("| " + line)
        if timed_out:
            return Boot(stdout, stderr, log, None, "QEMU timed out after %d s" % QEMU_TIMEOUT)
        lines = log.rstrip(b"\n").splitlines()
        m = POWER_OFF.match(lines[-1]) if lines else None
        if not m:
            why = "the kernel did not power off (QEMU status %d)" % rc
            if err.strip():
                why += "; QEMU: " + err.decode(errors="replace").strip().splitlines()[-1]
            return Boot(stdout, stderr, log, None, why)
        status = int(m.group(1))
        if rc != ((status << 1) | 1) & 0xff:
            return Boot(stdout, stderr, log, status,
                        "QEMU exit status %d does not match the logged status %d" % (rc, status))
        return Boot(stdout, stderr, log, status, None)

    # ---- the tests -------------------------------------------------------

    def diff_test(self, name):
        args = []
        args_file = os.path.join(SOURCE_DIR, "tests", "diff", name + ".args")
        if os.path.isfile(args_file):
            with open(args_file, encoding="utf-8") as f:
                args = shlex.split(f.read())
        env = dict(TEST_ENV, PATH=os.environ.get("PATH", "/usr/bin:/bin"))
        cwd = tempfile.mkdtemp(dir=self.scratch)
        # The initrd's data files, with the initrd's mode (tools/mkinitrd.py).
        shutil.copytree(DATA_DIR, os.path.join(cwd, "data"))
        for data in data_files():
            os.chmod(os.path.join(cwd, "data", data), 0o755)
        status, out, err, timed_out = run([self.programs[name]] + args, NATIVE_TIMEOUT, cwd, env)
        if timed_out:
            self.report("FAIL", "qemu/" + name, "native run timed out after %d s" % NATIVE_TIMEOUT)
            return
        b = self.boot([name] + args, TEST_ENV)
        if b.problem:
            self.report("FAIL", "qemu/" + name, b.problem, tail(b.log))
            return
        problems, details = [], []
        if shell_status(status) != b.status:
            problems.append("exit status: native %s, QEMU status %d" % (describe_status(status), b.status))
        for stream, native, guest in (("stdout", out, b.stdout), ("stderr", err, b.stderr)):
            if native != guest:
                problems.append(stream + " differs")
                details += unified_diff(native, guest, stream)
        if problems:
            self.report("FAIL", "qemu/" + name, "; ".join(problems), details + ["kernel log:"] +
                        ["  " + l for l in tail(b.log)])
        else:
            self.report("PASS", "qemu/" + name)

    def refusal_test(self, name, message):
        b = self.boot([name], {})
        expected = ("exo-kernel: %s: cannot run this program: %s" % (name, message)).encode()
        if b.problem:
            self.report("FAIL", "qemu/" + name, b.problem, tail(b.log))
        elif b.status != 126:
            self.report("FAIL", "qemu/" + name, "status %d, expected 126" % b.status, tail(b.log))
        elif expected not in b.log:
            self.report("FAIL", "qemu/" + name, "no line '%s' in the kernel log" % expected.decode(), tail(b.log))
        else:
            self.report("PASS", "qemu/" + name)

    def output_test(self, name, argv, expected_status, expected_lines):
        """Only on this kernel (no native twin): status and stdout lines."""
        b = self.boot(argv, {})
        out = b.stdout.decode("utf-8", "backslashreplace").splitlines()
        if b.problem:
            self.report("FAIL", "qemu/" + name, b.problem, tail(b.log))
        elif b.status != expected_status or out != expected_lines:
            self.report("FAIL", "qemu/" + name, "status %d, expected %d" % (b.status, expected_status),
                        ["stdout: " + l for l in out] + ["kernel log:"] + ["  " + l for l in tail(b.log)])
        else:
            self.report("PASS", "qemu/" + name)

    def gdb_test(self, name):
        sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "qemu"))
        import gdb_test
        kind, reason, details = gdb_test.check(self.build_dir, self.scratch)
        self.report(kind, "qemu/" + name, reason, details)

    def missing_test(self, name):
        b = self.boot([name], {})
        if b.problem:
            self.report("FAIL", "qemu/" + name, b.problem, tail(b.log))
        elif b.status != 127:
            self.report("FAIL", "qemu/" + name, "status %d, expected 127" % b.status, tail(b.log))
        else:
            self.report("PASS", "qemu/" + name)

    def run_all(self):
        tests = [(p, self.diff_test) for p in DIFF_PROGRAMS + sorted(EXTRA_PROGRAMS)]
        tests += [("truncated_elf", lambda n: self.refusal_test(n, "program header table")),
                  ("i386_elf", lambda n: self.refusal_test(n, "not an x86-64 program")),
                  ("overlapping_elf", lambda n: self.refusal_test(n, "two loadable segments share a page")),
                  ("not_in_initrd", self.missing_test),
                  ("memory_exhaustion_exhaust", lambda n: self.output_test(
                      n, ["memory_exhaustion", "exhaust"], 0, EXHAUST_LINES)),
                  ("clock_ticks_preempt", lambda n: self.output_test(
                      n, ["clock_ticks", "preempt"], 0, ["parent was preempted: yes", "child: 7"])),
                  ("initrd_files_rofs", lambda n: self.output_test(
                      n, ["initrd_files", "rofs"], 0, ROFS_LINES)),
                  ("gdb", self.gdb_test)]
        tests = [(n, fn) for n, fn in tests if self.selected("qemu/" + n)]
        ready = self.prepare() if tests else None
        for name, fn in tests:
            if ready:
                self.report(ready[0], "qemu/" + name, ready[1])
            elif name in DIFF_PROGRAMS + list(EXTRA_PROGRAMS) and name not in self.programs:
                self.report("SKIP", "qemu/" + name, "program not built")
            elif name.endswith("_elf") and "hello" not in self.programs:
                self.report("SKIP", "qemu/" + name, "needs the hello program to corrupt")
            else:
                fn(name)



def main():
    parser = argparse.ArgumentParser(description="Run POSIX-X programs on the QEMU kernel.")
    parser.add_argument("build_dir", metavar="BUILD_DIR")
    parser.add_argument("--filter", metavar="SUBSTR",
                        help="only run tests whose name (e.g. qemu/hello) contains SUBSTR")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="show the QEMU commands and the kernel logs")
    args = parser.parse_args()
    if not os.path.isdir(args.build_dir):
        print("qemu_test.py: build directory %s does not exist" % args.build_dir, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="posix-x-qemu-") as scratch:
        runner = Runner(args.build_dir, args.filter, args.verbose, scratch)
        runner.run_all()
        return runner.summary()


if __name__ == "__main__":
    sys.exit(main())

"""The gdb session of docs/qemu-kernel.md, in batch mode: tools/qemu_gdb.py
with gdb_break.gdb must load the kernel's, the vDSO's and the program's
symbols and stop in main, in __posixx_syscall called from the program's
libc, and in the kernel's syscall_entry.

check(build_dir, scratch) -> (kind, reason, details), kind PASS, FAIL or
SKIP; tools/qemu_test.py reports it as qemu/gdb.
"""
import os
import re
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(os.path.dirname(HERE))
TIMEOUT = 120

# (what, pattern on gdb's output), in the order they must appear.
EXPECTED = [
    ("the vDSO symbols loaded at the kernel's address",
     r"add symbol table from file \".*posixx-vdso\.so\.dbg\" with all sections offset by 0x7f[0-9a-f]{10}"),
    ("a stop in the program's main", r"Breakpoint \d+, (0x[0-9a-f]+ in )?main \(\)"),
    ("a stop at the vDSO entry", r"Breakpoint \d+, (0x[0-9a-f]+ in )?__posixx_syscall \(\)"),
    # musl is built without unwind tables, so gdb's backtrace ends at the
    # libc function that called the vDSO (puts -> ... -> __stdout_write).
    ("a backtrace from the vDSO into the program's libc",
     r"#0 +(0x[0-9a-f]+ in )?__posixx_syscall \(\)[^\n]*\n#1 +0x[0-9a-f]+ in (?!\?\?)[A-Za-z_]\w* \(\)"),
    ("a stop at the kernel's syscall entry", r"Breakpoint \d+, (0x[0-9a-f]+ in )?syscall_entry \(\)"),
    ("stepping in the kernel", r"exo-gdb-test: stepped\nsyscall_entry \+ \d+ in section \.text"),
]


def check(build_dir, scratch):
    if not shutil.which("gdb"):
        return ("SKIP", "gdb missing (apt-get install gdb)", [])
    sock = os.path.join(scratch, "gdb.sock")
    cmd = ["python3", os.path.join(SOURCE_DIR, "tools", "qemu_gdb.py"), build_dir,
           "--socket", sock, "--batch", os.path.join(HERE, "gdb_break.gdb"),
           "--timeout", str(TIMEOUT)]
    try:
        r = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=TIMEOUT + 30)
    except subprocess.TimeoutExpired:
        return ("FAIL", "qemu_gdb.py timed out", [])
    out = r.stdout.decode("utf-8", "backslashreplace")
    details = ["gdb: " + l for l in out.splitlines()[-30:]]
    pos = 0
    for what, pattern in EXPECTED:
        m = re.compile(pattern).search(out, pos)
        if not m:
            return ("FAIL", "no " + what, details)
        pos = m.end()
    return ("PASS", None, [])

#!/usr/bin/env python3
"""exo-run refuses programs it cannot run, with one line and a shell status.

usage: bad_programs.py BUILD_DIR    (exit 0 pass, 77 skipped, 1 fail)

Exit statuses follow the shell's convention:
  127  the program does not exist (shell: "command not found")
  126  it exists but cannot be run: a directory, a text file, a truncated
       ELF, a dynamically linked ELF, a 32-bit or non-x86-64 ELF
       (shell: "cannot execute")
Each case must print exactly one line on stderr, nothing on stdout, and must
not die by a signal (no status above 128). The missing-file message names the
file; the dynamic-ELF message says "dynamic" or "interpreter".
"""

import os
import shutil
import stat
import struct
import subprocess
import sys
import tempfile

TIMEOUT = 30
NOT_FOUND = 127
CANNOT_EXECUTE = 126

ELF_MAGIC = b"\x7fELF"
EI_CLASS = 4
E_MACHINE = 18
EM_AARCH64 = 183
PT_INTERP = 3


def has_interpreter(path):
    """True if path is a 64-bit ELF with a PT_INTERP program header."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != ELF_MAGIC or data[EI_CLASS] != 2:
        return False
    phoff, = struct.unpack_from("<Q", data, 32)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    for i in range(phnum):
        p_type, = struct.unpack_from("<I", data, phoff + i * phentsize)
        if p_type == PT_INTERP:
            return True
    return False


def executable_copy(src, dst, patch=None, length=None):
    with open(src, "rb") as f:
        data = bytearray(f.read())
    if length is not None:
        data = data[:length]
    if patch:
        patch(data)
    with open(dst, "wb") as f:
        f.write(data)
    os.chmod(dst, stat.S_IRWXU)
    return dst


def set_machine(data):
    struct.pack_into("<H", data, E_MACHINE, EM_AARCH64)


def set_32_bit(data):
    data[EI_CLASS] = 1


def main():
    if len(sys.argv) != 2:
        print("usage: %s BUILD_DIR" % sys.argv[0], file=sys.stderr)
        return 2
    build_dir = sys.argv[1]
    exo_run = os.path.join(build_dir, "bin", "exo-run")
    if not os.access(exo_run, os.X_OK):
        print("%s missing" % exo_run)
        return 77
    real = None
    for candidate in (("tests", "diff", "hello"), ("tests", "launcher", "raw_syscall")):
        path = os.path.join(build_dir, *candidate)
        if os.access(path, os.X_OK):
            real = path
            break

    tmp = tempfile.mkdtemp(prefix="posix-x-bad-")
    try:
        cases = []
        missing = os.path.join(tmp, "no-such-program")
        cases.append(("missing file", missing, NOT_FOUND, ["no-such-program"]))
        cases.append(("directory", tmp, CANNOT_EXECUTE, []))
        text = os.path.join(tmp, "text-file")
        with open(text, "w") as f:
            f.write("this is not a program\n")
        os.chmod(text, stat.S_IRWXU)
        cases.append(("text file", text, CANNOT_EXECUTE, []))
        if real:
            cases.append(("truncated ELF (100 bytes)",
                          executable_copy(real, os.path.join(tmp, "truncated"), length=100),
                          CANNOT_EXECUTE, []))
            cases.append(("aarch64 e_machine",
                          executable_copy(real, os.path.join(tmp, "aarch64"), set_machine),
                          CANNOT_EXECUTE, []))
            cases.append(("32-bit ELF class",
                          executable_copy(real, os.path.join(tmp, "elf32"), set_32_bit),
                          CANNOT_EXECUTE, []))
        else:
            print("note: no built static program, ELF cases not run")
        dynamic = shutil.which("true") or "/bin/true"
        if os.path.exists(dynamic) and has_interpreter(dynamic):
            cases.append(("dynamic ELF " + dynamic, dynamic, CANNOT_EXECUTE,
                          ["dynamic|interpreter"]))
        else:
            print("note: %s is not a dynamic ELF, dynamic case not run" % dynamic)

        failures = []
        for label, path, status, words in cases:
            failures += check(exo_run, label, path, status, words)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    for f in failures:
        print(f)
    return 1 if failures else 0


def check(exo_run, label, path, status, words):
    r = subprocess.run([exo_run, path], stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=TIMEOUT)
    err = r.stderr.decode("utf-8", "backslashreplace")
    failures = []
    if r.returncode < 0 or r.returncode > 128:
        failures.append("crashed (status %d)" % r.returncode)
    elif r.returncode != status:
        failures.append("status %d, expected %d" % (r.returncode, status))
    if r.stdout:
        failures.append("stdout not empty: %r" % r.stdout[:200])
    lines = err.rstrip("\n").split("\n")
    if not err.strip() or len(lines) != 1:
        failures.append("expected exactly one stderr line, got %r" % err[:500])
    for alternatives in words:
        if not any(w in err.lower() for w in alternatives.split("|")):
            failures.append("stderr does not mention %s: %r" % (" or ".join(
                alternatives.split("|")), err[:500]))
    return ["%s: %s" % (label, f) for f in failures]


if __name__ == "__main__":
    sys.exit(main())

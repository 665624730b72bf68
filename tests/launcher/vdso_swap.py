#!/usr/bin/env python3
"""Versions can be swapped: the kernel maps a vDSO image given at run time
(exo-run --vdso IMAGE) and the same, unrelinked program uses it.

usage: vdso_swap.py BUILD_DIR    (exit 0 pass, 77 skipped, 1 fail)

With BUILD_DIR/tests/diff/hello, against its native output:
  the built image given as a file        same output, status 0
  the image with a newer minor version   same output, status 0
  the image with another major version   libc refuses: status 127, one
                                         stderr line naming the ABI
  the image with a damaged entry table   the kernel refuses: status 125
  a file that is not a vDSO              the kernel refuses: status 125
and, across exec (BUILD_DIR/tests/launcher/exec_on_input starts, then
execs hello; Linux maps its current vDSO at exec):
  the file unchanged                     same output (the tree's copy of
                                         the image is mapped again)
  replaced by another major (rename)     libc refuses: status 127
  rewritten in place with another major  libc refuses: status 127
The images are copies of the built one with the entry table's fields
patched (abi/exo/vdso.h: magic, then abi_major and abi_minor, 16 bits
each), found through the table's magic, "EXOV" little-endian.
"""

import os
import struct
import subprocess
import sys
import tempfile
import time

TIMEOUT = 60
MAGIC = struct.pack("<I", 0x564F5845)


def run(cmd):
    return subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)


def patched(image, tmp, name, major=None, minor=None, magic=None):
    data = bytearray(image)
    at = data.find(MAGIC)
    assert at >= 0 and data.find(MAGIC, at + 1) < 0, "exactly one entry table magic"
    if magic is not None:
        data[at:at + 4] = magic
    if major is not None:
        data[at + 4:at + 6] = struct.pack("<H", major)
    if minor is not None:
        data[at + 6:at + 8] = struct.pack("<H", minor)
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def exec_after(exo_run, image_path, starter, hello, change):
    """Start exec_on_input under --vdso image_path, call change() once it
    runs, then let it exec hello."""
    p = subprocess.Popen([exo_run, "--strict", "--vdso", image_path, starter, hello],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ready = p.stdout.read(1)
    change()
    out, err = p.communicate(b"x", timeout=TIMEOUT)
    return subprocess.CompletedProcess(p.args, p.returncode, out if ready == b"r" else b"?" + out, err)


def main():
    build = sys.argv[1]
    exo_run = os.path.join(build, "bin", "exo-run")
    hello = os.path.join(build, "tests", "diff", "hello")
    starter = os.path.join(build, "tests", "launcher", "exec_on_input")
    image_path = os.path.join(build, "vdso", "posixx-vdso.so")
    for p in (exo_run, hello, starter, image_path):
        if not os.path.exists(p):
            print("skipped: %s missing" % p)
            return 77
    native = run([hello])
    image = open(image_path, "rb").read()
    at = image.find(MAGIC)
    major, minor = struct.unpack("<HH", image[at + 4:at + 8])
    failures = []

    def expect(label, res, status, stdout=None, stderr_has=None, stderr_lines=None):
        err = res.stderr.decode(errors="replace")
        if res.returncode != status:
            failures.append("%s: status %d, wanted %d (stderr: %s)" % (label, res.returncode, status, err.strip()))
        if stdout is not None and res.stdout != stdout:
            failures.append("%s: stdout differs from native" % label)
        if stderr_has and stderr_has not in err:
            failures.append("%s: stderr lacks %r: %r" % (label, stderr_has, err))
        if stderr_lines is not None and len(err.splitlines()) != stderr_lines:
            failures.append("%s: %d stderr lines, wanted %d: %r" % (label, len(err.splitlines()), stderr_lines, err))

    with tempfile.TemporaryDirectory() as tmp:
        res = run([exo_run, "--strict", "--vdso", image_path, hello])
        expect("same image from a file", res, native.returncode, native.stdout)
        if res.stderr != native.stderr:
            failures.append("same image from a file: stderr differs from native")

        newer = patched(image, tmp, "minor.so", minor=minor + 7)
        res = run([exo_run, "--strict", "--vdso", newer, hello])
        expect("newer minor %d.%d" % (major, minor + 7), res, native.returncode, native.stdout)

        other = patched(image, tmp, "major.so", major=major + 1)
        res = run([exo_run, "--strict", "--vdso", other, hello])
        expect("other major %d.x" % (major + 1), res, 127, b"", "ABI", 1)

        damaged = patched(image, tmp, "damaged.so", magic=b"XXXX")
        res = run([exo_run, "--strict", "--vdso", damaged, hello])
        expect("damaged entry table", res, 125, b"", "entry table", 1)

        junk = os.path.join(tmp, "junk.so")
        with open(junk, "wb") as f:
            f.write(b"\x7fELF" + b"\0" * 100)
        res = run([exo_run, "--strict", "--vdso", junk, hello])
        expect("not a vDSO", res, 125, b"", "not a POSIX-X vDSO", 1)

        current = os.path.join(tmp, "current.so")
        with open(current, "wb") as f:
            f.write(image)
        res = exec_after(exo_run, current, starter, hello, lambda: None)
        expect("exec, image unchanged", res, native.returncode, native.stdout)

        def install_by_rename():
            os.replace(patched(image, tmp, "next.so", major=major + 1), current)
        res = exec_after(exo_run, current, starter, hello, install_by_rename)
        expect("exec after another major was installed (rename)", res, 127, b"", "ABI", 1)

        with open(current, "wb") as f:
            f.write(image)

        def install_in_place():
            # The launcher knows the file by its times (vdso_share.c):
            # a rewrite within the clock tick of the last write, at the
            # same size, would go unseen; an install is not that fast.
            time.sleep(0.05)
            with open(current, "r+b") as f:
                f.write(open(patched(image, tmp, "next.so", major=major + 1), "rb").read())
        res = exec_after(exo_run, current, starter, hello, install_in_place)
        expect("exec after another major was written in place", res, 127, b"", "ABI", 1)

    for f in failures:
        print("FAIL " + f)
    if failures:
        return 1
    print("vdso_swap: 8 cases ok (built ABI %d.%d)" % (major, minor))
    return 0


if __name__ == "__main__":
    sys.exit(main())

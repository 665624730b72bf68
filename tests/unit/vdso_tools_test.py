#!/usr/bin/env python3
"""Tests for tools/check_vdso.py and tools/vdso2c.py on tiny shared objects
built here with clang and ld.lld: a clean one must pass the check and turn
into C that compiles against the real exo_glue.h and holds the right bytes
and offsets; each flawed one must fail, naming its flaw.

Exit 0 on success, 1 on failure, 77 (skipped) without clang or ld.lld."""

import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
TOOLS = os.path.join(ROOT, "tools")
CC = os.environ.get("CLANG", "clang")

CLEAN = r"""
struct table { unsigned magic; unsigned short major, minor; long syscall_entry; };
__attribute__((visibility("default"))) long __posixx_syscall(long n) { return n + 1; }
__attribute__((visibility("default"))) long __posixx_native_syscall(long n) { return n; }
__attribute__((visibility("default"))) const struct table __posixx_vdso = { 0x564f5845u, 1, 0, 0 };
"""

# A writable pointer to a preemptible function: the linker must emit a
# dynamic relocation for it.
RELOCATED = CLEAN + r"""
__attribute__((visibility("default"))) long (*__posixx_hook)(long) = __posixx_syscall;
"""

# Calls a function nobody defines: an undefined .dynsym entry.
IMPORTING = CLEAN + r"""
long outside(long);
__attribute__((visibility("default"))) long __posixx_call_out(long n) { return outside(n); }
"""

NO_STUB = CLEAN.replace("__posixx_native_syscall", "__posixx_other")

VERSIONS = """POSIXX_1 { global: __posixx_*; local: *; };\n"""

# One read+exec PT_LOAD at offset 0 == vaddr 0, as the vDSO's own script does.
LAYOUT = """
PHDRS { text PT_LOAD FILEHDR PHDRS FLAGS(5); dynamic PT_DYNAMIC FLAGS(4); }
SECTIONS {
  . = SIZEOF_HEADERS;
  .hash : { *(.hash) } :text
  .gnu.hash : { *(.gnu.hash) }
  .dynsym : { *(.dynsym) }
  .dynstr : { *(.dynstr) }
  .gnu.version : { *(.gnu.version) }
  .gnu.version_d : { *(.gnu.version_d) }
  .gnu.version_r : { *(.gnu.version_r) }
  .dynamic : { *(.dynamic) } :text :dynamic
  .rodata : { *(.rodata*) } :text
  .text : { *(.text*) } :text
  .data : { *(.data*) *(.got*) *(.bss*) } :text
}
"""

LOADER = r"""
#include <stdio.h>
#include <string.h>
#include "exo_glue.h"
int main(int argc, char **argv)
{
	static unsigned char file[1 << 20];
	FILE *f = fopen(argv[1], "rb");
	size_t n = fread(file, 1, sizeof file, f);
	(void)argc;
	if (exo_vdso_blob.image_size % 4096 || exo_vdso_blob.image_size < n ||
	    (unsigned long)exo_vdso_blob.image % 4096) { puts("bad size or alignment"); return 1; }
	if (memcmp(exo_vdso_blob.image, file, n)) { puts("bytes differ"); return 1; }
	for (size_t i = n; i < exo_vdso_blob.image_size; i++)
		if (exo_vdso_blob.image[i]) { puts("padding not zero"); return 1; }
	printf("%llx %llx %llx\n", (unsigned long long)exo_vdso_blob.sym_table,
	       (unsigned long long)exo_vdso_blob.sym_syscall_entry,
	       (unsigned long long)exo_vdso_blob.sym_native_syscall);
	return 0;
}
"""

failures = []


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, **kw)


def build(tmp, name, source, layout=True, versions=True, hash_style="both"):
    src = os.path.join(tmp, name + ".c")
    out = os.path.join(tmp, name + ".so")
    with open(src, "w") as f:
        f.write(source)
    cmd = [CC, "-O2", "-fPIC", "-nostdlib", "-shared", "-fuse-ld=lld",
           "-Wl,--hash-style=" + hash_style, src, "-o", out]
    if versions:
        cmd.append("-Wl,--version-script=" + os.path.join(tmp, "versions.map"))
    if layout:
        cmd.append("-Wl,-T," + os.path.join(tmp, "layout.lds"))
    r = run(cmd)
    if r.returncode:
        failures.append("cannot build %s: %s" % (name, r.stderr.strip()))
        return None
    return out


def tool(name, *args):
    return run([sys.executable, os.path.join(TOOLS, name)] + list(args))


def expect_check(so, ok, *phrases):
    if so is None:
        return
    r = tool("check_vdso.py", so)
    name = os.path.basename(so)
    if (r.returncode == 0) != ok:
        failures.append("check_vdso %s: exit %d, wanted %s\n%s%s"
                        % (name, r.returncode, "success" if ok else "failure", r.stdout, r.stderr))
    for p in phrases:
        if p not in r.stderr:
            failures.append("check_vdso %s: no %r in\n%s" % (name, p, r.stderr))
    if ok and "OK" not in r.stdout:
        failures.append("check_vdso %s: no OK line: %r" % (name, r.stdout))


def symbol_offsets(so):
    r = run(["llvm-nm", "-D", so]) if shutil.which("llvm-nm") else run(["nm", "-D", so])
    want = ("__posixx_vdso", "__posixx_syscall", "__posixx_native_syscall")
    values = {}
    for line in r.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2].split("@")[0] in want:
            values[parts[2].split("@")[0]] = int(parts[0], 16)
    return "%x %x %x" % tuple(values.get(n, -1) for n in want)


def test_vdso2c(tmp, so):
    out_c = os.path.join(tmp, "vdso-image.c")
    r = tool("vdso2c.py", so, out_c)
    if r.returncode:
        failures.append("vdso2c failed on the clean image: %s" % r.stderr)
        return
    with open(out_c) as f:
        if "Generated by tools/vdso2c.py" not in f.readline():
            failures.append("vdso2c output has no 'generated' header")
    inc = ["-I" + os.path.join(ROOT, "abi"), "-I" + os.path.join(ROOT, "kernel-glue")]
    r = run([CC, "-std=c11", "-ffreestanding", "-Wall", "-Wextra", "-Werror", "-fPIC",
             "-c", out_c, "-o", os.path.join(tmp, "vdso-image.o")] + inc)
    if r.returncode:
        failures.append("vdso2c output does not compile: %s" % r.stderr)
        return
    loader = os.path.join(tmp, "loader.c")
    with open(loader, "w") as f:
        f.write(LOADER)
    exe = os.path.join(tmp, "loader")
    r = run([CC, "-std=c11", loader, out_c, "-o", exe] + inc)
    if r.returncode:
        failures.append("cannot link the blob: %s" % r.stderr)
        return
    r = run([exe, so])
    if r.returncode or r.stdout.strip() != symbol_offsets(so):
        failures.append("blob: %s (want offsets %s)" % (r.stdout.strip(), symbol_offsets(so)))


def main():
    if not shutil.which(CC) or not shutil.which("ld.lld"):
        print("skipped: clang or ld.lld not found")
        return 77
    tmp = tempfile.mkdtemp(prefix="vdso_tools_test.")
    try:
        with open(os.path.join(tmp, "versions.map"), "w") as f:
            f.write(VERSIONS)
        with open(os.path.join(tmp, "layout.lds"), "w") as f:
            f.write(LAYOUT)
        clean = build(tmp, "clean", CLEAN)
        expect_check(clean, True)
        expect_check(build(tmp, "relocated", RELOCATED), False, "dynamic relocations")
        expect_check(build(tmp, "importing", IMPORTING), False, "undefined symbol outside")
        expect_check(build(tmp, "gnuhash", CLEAN, hash_style="gnu"), False, "no DT_HASH")
        expect_check(build(tmp, "unversioned", CLEAN, versions=False), False,
                     "has no version", "no DT_VERDEF")
        default = build(tmp, "default", CLEAN, layout=False)
        expect_check(default, False, "flat copy")
        if clean:
            test_vdso2c(tmp, clean)
        if default and tool("vdso2c.py", default, os.path.join(tmp, "x.c")).returncode != 1:
            failures.append("vdso2c accepted an image with vaddr != offset")
        no_stub = build(tmp, "nostub", NO_STUB)
        if no_stub:
            r = tool("vdso2c.py", no_stub, os.path.join(tmp, "y.c"))
            if r.returncode != 1 or "__posixx_native_syscall" not in r.stderr:
                failures.append("vdso2c on a missing symbol: exit %d %s" % (r.returncode, r.stderr))
    finally:
        shutil.rmtree(tmp)
    for f in failures:
        print("FAIL: " + f)
    print("vdso_tools_test: %s" % ("all passed" if not failures else "%d failed" % len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""check_vdso.py IN.so: fail the build if the linked vDSO image is not one a
kernel can map as it is (ARCHITECTURE.md, invariant 5).

The image is copied flat into a read-only, executable mapping at any
page-aligned address and nobody relocates it, so it must have no dynamic
relocation, import nothing, carry no interpreter and no writable segment.
musl's __vdsosym reads it, which needs DT_HASH (it does not read
DT_GNU_HASH) and the version tables; every export carries a version.
Linux's vdso build does the same check (arch/x86/entry/vdso/Makefile)."""

import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import elf64  # noqa: E402

DYN_NAMES = {
    elf64.DT_RELASZ: "DT_RELA", elf64.DT_RELSZ: "DT_REL",
    elf64.DT_PLTRELSZ: "DT_JMPREL", elf64.DT_RELRSZ: "DT_RELR",
}


def relocation_problems(elf):
    problems = []
    for s in elf.sections:
        if s["type"] in (elf64.SHT_RELA, elf64.SHT_REL, elf64.SHT_RELR) and \
                s["flags"] & elf64.SHF_ALLOC and s["size"]:
            n = s["size"] // s["entsize"] if s["entsize"] else s["size"]
            problems.append("dynamic relocations: %s has %d entr%s"
                            % (s["name"] or "a relocation section", n, "y" if n == 1 else "ies"))
    tags = dict(elf.dynamic())
    for size_tag, name in DYN_NAMES.items():
        if tags.get(size_tag):
            problems.append("dynamic relocations: %s with %d bytes" % (name, tags[size_tag]))
    if elf64.DT_TEXTREL in tags or tags.get(elf64.DT_FLAGS, 0) & elf64.DF_TEXTREL:
        problems.append("DT_TEXTREL: text relocations")
    return problems


def symbol_problems(elf):
    problems = []
    dynsym = elf.symbols(elf64.SHT_DYNSYM)
    versyms = elf.versyms()
    for i, s in enumerate(dynsym[1:], start=1):
        if s["shndx"] == elf64.SHN_UNDEF:
            problems.append("undefined symbol %s: the vDSO must import nothing" % s["name"])
            continue
        if s["bind"] == elf64.STB_LOCAL:
            continue
        # 0 is VER_NDX_LOCAL, 1 VER_NDX_GLOBAL: both mean "no version".
        if i >= len(versyms) or (versyms[i] & 0x7FFF) < 2:
            problems.append("exported symbol %s has no version (list it in the version script)"
                            % s["name"])
    return problems


def segment_problems(elf):
    problems = []
    if any(p["type"] == elf64.PT_INTERP for p in elf.phdrs):
        problems.append("PT_INTERP: the vDSO must not ask for an interpreter")
    loads = elf.loads()
    if not loads:
        problems.append("no PT_LOAD segment")
    for p in loads:
        if p["flags"] & elf64.PF_W:
            problems.append("writable PT_LOAD at %#x: the image is mapped read-only; "
                            "writable state lives in the pages before it" % p["vaddr"])
        if p["vaddr"] != p["offset"]:
            problems.append("PT_LOAD at vaddr %#x has file offset %#x: the image is "
                            "mapped as a flat copy of the file" % (p["vaddr"], p["offset"]))
    return problems


def table_problems(elf):
    tags = dict(elf.dynamic())
    problems = []
    if not tags:
        problems.append("no dynamic table: not a shared object")
    if elf64.DT_HASH not in tags:
        problems.append("no DT_HASH: musl's __vdsosym needs the classic hash table "
                        "(link with --hash-style=both)")
    if elf64.DT_VERSYM not in tags:
        problems.append("no DT_VERSYM: exports carry no versions")
    if elf64.DT_VERDEF not in tags:
        problems.append("no DT_VERDEF: no version definitions (use a version script)")
    return problems


def check(path):
    elf = elf64.read(path)
    problems = (relocation_problems(elf) + symbol_problems(elf) +
                segment_problems(elf) + table_problems(elf))
    exported = [s["name"] for s in elf.symbols(elf64.SHT_DYNSYM)[1:]
                if s["bind"] != elf64.STB_LOCAL and s["shndx"] != elf64.SHN_UNDEF]
    return problems, exported, elf


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: check_vdso.py IN.so\n")
        return 2
    path = argv[1]
    try:
        problems, exported, elf = check(path)
    except (OSError, elf64.ElfError) as e:
        sys.stderr.write("check_vdso: %s: %s\n" % (path, e))
        return 1
    if problems:
        for p in problems:
            sys.stderr.write("check_vdso: %s: %s\n" % (path, p))
        return 1
    print("check_vdso: %s: OK: %d PT_LOAD, no relocations, %d versioned exports"
          % (path, len(elf.loads()), len(exported)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

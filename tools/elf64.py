"""A small ELF64 little-endian reader for the vDSO build tools (vdso2c.py,
check_vdso.py): headers, sections, symbols, the dynamic table. Python 3
standard library only, so the build needs nothing installed beyond Python.

Every read is bounds-checked: a malformed file raises ElfError with a
message instead of a traceback from struct."""

import struct

PT_LOAD, PT_DYNAMIC, PT_INTERP = 1, 2, 3
PF_X, PF_W, PF_R = 1, 2, 4
SHT_SYMTAB, SHT_RELA, SHT_DYNSYM, SHT_REL = 2, 4, 11, 9
SHT_RELR = 19
SHT_GNU_VERSYM = 0x6FFFFFFF
SHF_ALLOC = 2
SHN_UNDEF = 0
STB_LOCAL = 0

DT_NULL, DT_HASH, DT_RELA, DT_RELASZ = 0, 4, 7, 8
DT_REL, DT_RELSZ, DT_PLTRELSZ, DT_JMPREL = 17, 18, 2, 23
DT_TEXTREL, DT_FLAGS, DT_RELRSZ, DT_RELR = 22, 30, 35, 36
DT_VERSYM, DT_VERDEF = 0x6FFFFFF0, 0x6FFFFFFC
DF_TEXTREL = 4


class ElfError(Exception):
    pass


class Elf:
    def __init__(self, data):
        self.data = data
        if len(data) < 64 or data[:4] != b"\x7fELF":
            raise ElfError("not an ELF file")
        if data[4] != 2 or data[5] != 1:
            raise ElfError("not a 64-bit little-endian ELF file")
        (self.type, self.machine, _, self.entry, self.phoff, self.shoff, _,
         _, self.phentsize, self.phnum, self.shentsize, self.shnum,
         self.shstrndx) = struct.unpack_from("<HHIQQQIHHHHHH", data, 16)
        self.phdrs = [self._phdr(i) for i in range(self.phnum)]
        self.sections = [self._shdr(i) for i in range(self.shnum)] if self.shoff else []
        names = self.sections[self.shstrndx] if self.shstrndx < len(self.sections) else None
        for s in self.sections:
            s["name"] = self.cstr(names["offset"] + s["name_off"]) if names else ""

    def bytes(self, offset, size):
        if offset < 0 or size < 0 or offset + size > len(self.data):
            raise ElfError("read of %d bytes at %#x is outside the file" % (size, offset))
        return self.data[offset:offset + size]

    def unpack(self, fmt, offset):
        return struct.unpack(fmt, self.bytes(offset, struct.calcsize(fmt)))

    def cstr(self, offset):
        end = self.data.find(b"\0", offset)
        if offset >= len(self.data) or end < 0:
            raise ElfError("string at %#x is outside the file" % offset)
        return self.data[offset:end].decode("utf-8", "replace")

    def _phdr(self, i):
        (ptype, flags, offset, vaddr, _, filesz, memsz, align) = self.unpack(
            "<IIQQQQQQ", self.phoff + i * self.phentsize)
        return dict(type=ptype, flags=flags, offset=offset, vaddr=vaddr,
                    filesz=filesz, memsz=memsz, align=align)

    def _shdr(self, i):
        (name, stype, flags, addr, offset, size, link, info, _, entsize) = self.unpack(
            "<IIQQQQIIQQ", self.shoff + i * self.shentsize)
        return dict(name_off=name, type=stype, flags=flags, addr=addr, offset=offset,
                    size=size, link=link, info=info, entsize=entsize)

    def loads(self):
        return [p for p in self.phdrs if p["type"] == PT_LOAD]

    def section(self, stype):
        return next((s for s in self.sections if s["type"] == stype), None)

    def symbols(self, stype):
        """Symbols of the first section of type stype (SHT_DYNSYM or
        SHT_SYMTAB), in table order, index 0 included."""
        sec = self.section(stype)
        if sec is None:
            return []
        strtab = self.sections[sec["link"]]
        out = []
        for i in range(sec["size"] // 24):
            (name, info, other, shndx, value, size) = self.unpack(
                "<IBBHQQ", sec["offset"] + i * 24)
            out.append(dict(name=self.cstr(strtab["offset"] + name) if name else "",
                            bind=info >> 4, type=info & 15, other=other,
                            shndx=shndx, value=value, size=size))
        return out

    def versyms(self):
        sec = self.section(SHT_GNU_VERSYM)
        if sec is None:
            return []
        return list(struct.unpack("<%dH" % (sec["size"] // 2),
                                  self.bytes(sec["offset"], sec["size"] // 2 * 2)))

    def dynamic(self):
        """The dynamic table as a list of (tag, value), up to DT_NULL."""
        dyn = next((p for p in self.phdrs if p["type"] == PT_DYNAMIC), None)
        if dyn is None:
            return []
        out = []
        for i in range(dyn["filesz"] // 16):
            tag, val = self.unpack("<qQ", dyn["offset"] + i * 16)
            if tag == DT_NULL:
                break
            out.append((tag, val))
        return out


def read(path):
    with open(path, "rb") as f:
        return Elf(f.read())

#!/usr/bin/env python3
"""Write a cpio archive in the "newc" format, the initrd of the QEMU kernel.

usage: mkinitrd.py OUT FILE[=NAME]...

Each FILE is stored as a regular file named NAME (default: its base name),
mode 0755, in the order given; the archive ends with the TRAILER!!!
member. qemu-kernel/initrd.c reads it.
"""

import sys


def member(name, data, mode, ino):
    name_bytes = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name_bytes), 0]
    header = b"070701" + b"".join(b"%08X" % f for f in fields)
    out = header + name_bytes
    out += b"\0" * (-len(out) % 4)
    out += data
    out += b"\0" * (-len(out) % 4)
    return out


def archive(entries):
    out = b""
    for ino, (name, data) in enumerate(entries, 1):
        out += member(name, data, 0o100755, ino)
    out += member("TRAILER!!!", b"", 0, 0)
    return out + b"\0" * (-len(out) % 512)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__.strip().splitlines()[2])
    entries = []
    for arg in sys.argv[2:]:
        path, _, name = arg.partition("=")
        with open(path, "rb") as f:
            entries.append((name or path.rsplit("/", 1)[-1], f.read()))
    with open(sys.argv[1], "wb") as f:
        f.write(archive(entries))
    return 0


if __name__ == "__main__":
    sys.exit(main())

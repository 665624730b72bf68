#!/usr/bin/env python3
"""Produce the patched musl source tree POSIX-X links against.

    fetch_musl.py --out DIR --cache DIR [--musl-tarball PATH | --musl-src DIR]
                  --patches musl-patches

Source: the given tarball, the given unpacked tree, or else Debian's source
package `musl` (1.2.3-1, bookworm) fetched by debian_source.py with apt
through a private apt directory under --cache, so the machine's apt
configuration is untouched.
The tarball must have the known sha256. --out is replaced as a whole (built
beside it, then renamed) and carries .posixx-stamp: the sha256 of the
source and of every patch; when the stamp already matches, nothing is done.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

from debian_source import Failure, fetch_orig, sha256_file, unpack_tarball

MUSL_VERSION = "1.2.3"
DEBIAN_VERSION = MUSL_VERSION + "-1"
MUSL_SHA256 = "7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4"
ORIG_NAME = "musl_%s.orig.tar.gz" % MUSL_VERSION
STAMP = ".posixx-stamp"


def sha256_tree(root):
    """A digest of an unpacked tree: every file's path and contents."""
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if rel == STAMP:
                continue
            h.update(rel.encode() + b"\0")
            if os.path.islink(path):
                h.update(b"link:" + os.readlink(path).encode())
            else:
                h.update(sha256_file(path).encode())
    return h.hexdigest()


def read_series(patches):
    series = os.path.join(patches, "series")
    try:
        with open(series) as f:
            names = [l.split("#")[0].strip() for l in f]
    except OSError as e:
        raise Failure("cannot read %s: %s" % (series, e.strerror))
    return [os.path.join(patches, n) for n in names if n]


def source_tarball(args):
    if args.musl_tarball:
        return os.path.abspath(args.musl_tarball)
    cached = os.path.join(args.cache, ORIG_NAME)
    if os.path.exists(cached) and sha256_file(cached) == MUSL_SHA256:
        return cached
    try:
        return fetch_orig(args.cache, "musl", DEBIAN_VERSION, ORIG_NAME,
                          MUSL_SHA256, who="fetch_musl")
    except Failure as e:
        raise Failure("%s; pass --musl-tarball PATH to a musl-%s.tar.gz"
                      % (e, MUSL_VERSION))


def apply_patches(tree, patches):
    for p in patches:
        with open(p, "rb") as f:
            r = subprocess.run(["patch", "-p1", "--forward", "--batch",
                                "--quiet"], cwd=tree, stdin=f,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
        if r.returncode:
            sys.stderr.write(r.stdout.decode(errors="replace"))
            raise Failure("patch %s did not apply" % os.path.basename(p))


def stamp_text(source_kind, source_sha, patches):
    lines = ["%s %s" % (source_kind, source_sha)]
    for p in patches:
        lines.append("%s %s" % (os.path.basename(p), sha256_file(p)))
    return "\n".join(lines) + "\n"


def current_stamp(out):
    try:
        with open(os.path.join(out, STAMP)) as f:
            return f.read()
    except OSError:
        return None


def replace_tree(out, build):
    """Swap the finished tree in place of out."""
    old = None
    if os.path.lexists(out):
        old = tempfile.mkdtemp(prefix=".old-", dir=os.path.dirname(out))
        os.rmdir(old)
        os.rename(out, old)
    os.rename(build, out)
    if old:
        shutil.rmtree(old)


def main():
    ap = argparse.ArgumentParser(
        description="Produce the patched musl source tree for POSIX-X.")
    ap.add_argument("--out", required=True, help="patched tree to create")
    ap.add_argument("--cache", required=True, help="download cache")
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--musl-tarball", help="musl-%s tarball" % MUSL_VERSION)
    src.add_argument("--musl-src", help="unpacked musl-%s tree to copy"
                     % MUSL_VERSION)
    ap.add_argument("--patches", required=True, help="musl-patches directory")
    args = ap.parse_args()
    args.out = os.path.abspath(args.out)
    args.cache = os.path.abspath(args.cache)
    os.makedirs(args.cache, exist_ok=True)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)

    patches = read_series(os.path.abspath(args.patches))
    for p in patches:
        if not os.path.isfile(p):
            raise Failure("series names %s, which does not exist" % p)

    if args.musl_src:
        src_dir = os.path.abspath(args.musl_src)
        if not os.path.isfile(os.path.join(src_dir, "src/env/__libc_start_main.c")):
            raise Failure("%s is not a musl source tree" % src_dir)
        print("fetch_musl: --musl-src given, sha256 of a release tarball "
              "not checked")
        stamp = stamp_text("tree", sha256_tree(src_dir), patches)
    else:
        tarball = source_tarball(args)
        digest = sha256_file(tarball)
        if digest != MUSL_SHA256:
            raise Failure("%s has sha256 %s, not musl %s's %s; refusing it"
                          % (tarball, digest, MUSL_VERSION, MUSL_SHA256))
        stamp = stamp_text("tarball", digest, patches)

    if current_stamp(args.out) == stamp:
        return 0

    work = tempfile.mkdtemp(prefix=".fetch_musl-",
                            dir=os.path.dirname(args.out))
    try:
        if args.musl_src:
            tree = os.path.join(work, "musl")
            shutil.copytree(src_dir, tree, symlinks=True)
            stale = os.path.join(tree, STAMP)
            if os.path.exists(stale):
                os.remove(stale)
        else:
            tree = unpack_tarball(tarball, work)
        apply_patches(tree, patches)
        with open(os.path.join(tree, STAMP), "w") as f:
            f.write(stamp)
        replace_tree(args.out, tree)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("fetch_musl: %s ready (%d patches)" % (args.out, len(patches)))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as e:
        sys.exit("fetch_musl: " + str(e))

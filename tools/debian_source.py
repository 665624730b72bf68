#!/usr/bin/env python3
"""Fetch a Debian source package's upstream tarball without touching the
machine's apt configuration.

    debian_source.py --cache DIR PACKAGE VERSION ORIG_NAME SHA256   # fetch, print path
    debian_source.py --cache DIR --show PACKAGE                     # versions + sha256

apt-get runs with a private state, list and cache directory under
DIR/apt and a sources.list of one `deb-src` line: the main Debian archive
the machine's own apt sources name (deb.debian.org bookworm by default).
The orig tarball is kept in DIR and must have the pinned sha256; the
Debian revision (VERSION) is pinned too, so a new upload is a visible
change here, not a silent one. Used by fetch_musl.py and programs.py.
"""

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tarfile

DEFAULT_ARCHIVE = ("http://deb.debian.org/debian", "bookworm")
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"


class Failure(Exception):
    pass


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def debian_archive():
    """The main Debian archive (URI, suite) from the machine's apt sources."""
    found = []
    d = "/etc/apt/sources.list.d"
    try:
        names = sorted(n for n in os.listdir(d) if n.endswith(".sources"))
    except OSError:
        names = []
    for name in names:
        try:
            text = open(os.path.join(d, name)).read()
        except OSError:
            continue
        for stanza in re.split(r"\n\s*\n", text):
            fields = {}
            for line in stanza.splitlines():
                m = re.match(r"([A-Za-z-]+):\s*(.*)", line)
                if m:
                    fields[m.group(1).lower()] = m.group(2).split()
            for uri in fields.get("uris", []):
                for suite in fields.get("suites", []):
                    found.append((uri, suite))
    try:
        for line in open("/etc/apt/sources.list"):
            words = line.split("#")[0].split()
            if words and words[0] == "deb":
                words = [w for w in words[1:] if not w.startswith("[")]
                if len(words) >= 2:
                    found.append((words[0], words[1]))
    except OSError:
        pass
    for uri, suite in found:
        if "security" in uri or "-" in suite:
            continue
        if "debian" in uri:
            return uri.rstrip("/"), suite
    return DEFAULT_ARCHIVE


class PrivateApt:
    """apt-get and apt-cache over private directories under cache/apt."""

    def __init__(self, cache):
        self.uri, self.suite = debian_archive()
        self.root = os.path.join(cache, "apt")
        self.dl = os.path.join(self.root, "dl")
        for sub in ("lists/partial", "cache/archives/partial", "dl"):
            os.makedirs(os.path.join(self.root, sub), exist_ok=True)
        sources = os.path.join(self.root, "sources.list")
        opts = "[signed-by=%s] " % KEYRING if os.path.exists(KEYRING) else ""
        with open(sources, "w") as f:
            f.write("deb-src %s%s %s main\n" % (opts, self.uri, self.suite))
        self.options = [
            "-o", "Dir::Etc::SourceList=" + sources,
            "-o", "Dir::Etc::SourceParts=/nonexistent",
            "-o", "Dir::State::Lists=" + os.path.join(self.root, "lists"),
            "-o", "Dir::Cache=" + os.path.join(self.root, "cache"),
            "-o", "Dir::State::status=/var/lib/dpkg/status"]
        self.updated = False

    def run(self, tool, args, cwd=None):
        cmd = [tool] + self.options + ["-q"] + args
        try:
            r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
        except OSError as e:
            raise Failure("%s: %s" % (tool, e))
        if r.returncode:
            sys.stderr.write(r.stdout)
            raise Failure("%s %s exited with status %d"
                          % (tool, " ".join(args), r.returncode))
        return r.stdout

    def update(self):
        if not self.updated:
            self.run("apt-get", ["update"])
            self.updated = True

    def source(self, package, version):
        """Download package=version's source files into self.dl."""
        self.update()
        self.run("apt-get", ["source", "--download-only",
                             "%s=%s" % (package, version)], cwd=self.dl)

    def showsrc(self, package):
        """[(version, {file name: sha256})] for every version the archive has."""
        self.update()
        found = []
        for stanza in self.run("apt-cache", ["showsrc", package]).split("\n\n"):
            m = re.search(r"^Version: (\S+)", stanza, re.M)
            sums = re.search(r"^Checksums-Sha256:\n((?: .*\n?)*)", stanza, re.M)
            if not m or not sums:
                continue
            files = {}
            for line in sums.group(1).splitlines():
                words = line.split()
                if len(words) == 3:
                    files[words[2]] = words[0]
            found.append((m.group(1), files))
        return found


def fetch_orig(cache, package, version, orig_name, sha256, who="debian_source"):
    """The path of package's orig tarball in cache, fetched when absent;
    refused unless its sha256 is the pinned one."""
    os.makedirs(cache, exist_ok=True)
    dest = os.path.join(cache, orig_name)
    if os.path.exists(dest) and sha256_file(dest) == sha256:
        return dest
    apt = PrivateApt(cache)
    print("%s: fetching Debian source package %s %s from %s %s"
          % (who, package, version, apt.uri, apt.suite))
    sys.stdout.flush()
    got = os.path.join(apt.dl, orig_name)
    try:
        apt.source(package, version)
    except Failure as e:
        # apt-get source fails as a whole when one file of the package is
        # missing from the mirror (seen: toybox's debian.tar.xz, 404) even
        # though the orig tarball, the only file used, arrived; its pinned
        # digest is checked below either way.
        if not os.path.exists(got):
            raise Failure("could not download %s %s from %s %s (%s)"
                          % (package, version, apt.uri, apt.suite, e))
    if not os.path.exists(got):
        raise Failure("apt-get gave no %s" % orig_name)
    os.replace(got, dest)
    digest = sha256_file(dest)
    if digest != sha256:
        raise Failure("%s has sha256 %s, not the pinned %s; refusing it"
                      % (dest, digest, sha256))
    return dest


def unpack_tarball(tarball, dest):
    """Unpack tarball (any compression tarfile reads) into the empty
    directory dest; return its one top directory."""
    with tarfile.open(tarball) as tar:
        members = tar.getmembers()
        for m in members:
            parts = m.name.split("/")
            if m.name.startswith("/") or ".." in parts:
                raise Failure("%s: unsafe path %s" % (tarball, m.name))
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, members, filter="data")
        else:
            tar.extractall(dest, members)
    tops = os.listdir(dest)
    if len(tops) != 1:
        raise Failure("%s: expected one top directory" % tarball)
    return os.path.join(dest, tops[0])


def main():
    ap = argparse.ArgumentParser(description="Fetch a Debian orig tarball.")
    ap.add_argument("--cache", required=True, help="download cache")
    ap.add_argument("--show", metavar="PACKAGE",
                    help="print the versions and sha256 the archive has")
    ap.add_argument("pin", nargs="*",
                    metavar="PACKAGE VERSION ORIG_NAME SHA256")
    args = ap.parse_args()
    cache = os.path.abspath(args.cache)
    if args.show:
        for version, files in PrivateApt(cache).showsrc(args.show):
            print("%s %s" % (args.show, version))
            for name, digest in sorted(files.items()):
                print("  %s %s" % (digest, name))
        return 0
    if len(args.pin) != 4:
        ap.error("give PACKAGE VERSION ORIG_NAME SHA256, or --show PACKAGE")
    print(fetch_orig(cache, *args.pin))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as e:
        sys.exit("debian_source: " + str(e))

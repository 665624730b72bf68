#!/usr/bin/env python3
"""Configure POSIX-X: check the toolchain, obtain and patch musl, write
build.ninja for an out-of-tree build directory.

    ./configure.py [--builddir build] [--musl-tarball T | --musl-src D]
    ninja -C build          # everything
    ninja -C build test     # all the tests
    ninja -C build bench    # the benchmark table

Run as root, it installs what is missing with apt-get; otherwise it prints
the command to run.
"""
import argparse
import glob
import os
import shlex
import shutil
import subprocess
import sys

SRC = os.path.dirname(os.path.abspath(__file__))

# tool -> Debian package that provides it
TOOLS = {
    "clang": "clang",
    "ld.lld": "lld",
    "ninja": "ninja-build",
    "make": "make",
    "patch": "patch",
    "qemu-system-x86_64": "qemu-system-x86",
    "gdb": "gdb",
    # jq's Debian tarball is a git export: the real programs' quick set
    # (tools/programs.py, part of `ninja test`) runs autoreconf on it.
    "autoreconf": "autoconf",
    "automake": "automake",
    "libtoolize": "libtool",
}
# files -> Debian package (static glibc for the launcher)
FILES = {
    "/usr/lib/x86_64-linux-gnu/libc.a": "libc6-dev",
}


def missing_packages():
    pkgs = [pkg for tool, pkg in TOOLS.items() if not shutil.which(tool)]
    pkgs += [pkg for path, pkg in FILES.items() if not os.path.exists(path)]
    return sorted(set(pkgs))


def ensure_toolchain():
    pkgs = missing_packages()
    if not pkgs:
        return
    cmd = ["apt-get", "install", "-y", "-q", "--no-install-recommends"] + pkgs
    if os.geteuid() != 0:
        sys.exit("configure: missing %s; install them with:\n  sudo apt-get update && sudo %s"
                 % (", ".join(pkgs), " ".join(cmd)))
    print("configure: installing %s" % " ".join(pkgs))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.check_call(["apt-get", "update", "-q"], env=env)
    subprocess.check_call(cmd, env=env)
    still = missing_packages()
    if still:
        sys.exit("configure: still missing after apt-get: %s" % ", ".join(still))


class Writer:
    """A tiny build.ninja writer, after ninja's own configure.py."""

    def __init__(self, path):
        self.out = open(path, "w")

    def line(self, text=""):
        self.out.write(text + "\n")

    def var(self, key, value):
        self.line("%s = %s" % (key, value))

    def rule(self, name, command, description=None, **kw):
        self.line("rule %s" % name)
        self.line("  command = %s" % command)
        if description:
            self.line("  description = %s" % description)
        for k, v in kw.items():
            self.line("  %s = %s" % (k, v))
        self.line()

    def build(self, outputs, rule, inputs=(), implicit=(), order=(), variables=None):
        outputs = [outputs] if isinstance(outputs, str) else outputs
        inputs = [inputs] if isinstance(inputs, str) else inputs
        text = "build %s: %s %s" % (" ".join(map(esc, outputs)), rule, " ".join(map(esc, inputs)))
        if implicit:
            text += " | " + " ".join(map(esc, implicit))
        if order:
            text += " || " + " ".join(map(esc, order))
        self.line(text.rstrip())
        for k, v in (variables or {}).items():
            self.line("  %s = %s" % (k, v))
        return outputs


def esc(path):
    return path.replace("$", "$$").replace(" ", "$ ").replace(":", "$:")


def src(*parts):
    return os.path.join(SRC, *parts)


def rel_sources(folder, exts):
    found = []
    for ext in exts:
        found += glob.glob(os.path.join(SRC, folder, "**", "*" + ext), recursive=True)
    return sorted(found)


def obj_name(b, path, sub):
    rel = os.path.relpath(path, SRC)
    return os.path.join(b, sub, rel + ".o")


def main():
    ap = argparse.ArgumentParser(description="Configure the POSIX-X build.")
    ap.add_argument("--builddir", default="build", help="build directory (default: build)")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--musl-tarball", help="musl-1.2.3.tar.gz to use instead of Debian's source package")
    g.add_argument("--musl-src", help="an unpacked musl 1.2.3 tree to use")
    ap.add_argument("--cache", default=os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "posix-x"),
        help="download cache (default: ~/.cache/posix-x)")
    args = ap.parse_args()

    ensure_toolchain()
    b = os.path.abspath(args.builddir)
    os.makedirs(b, exist_ok=True)
    musl_src = os.path.join(b, "musl-src")

    # musl: fetch and patch now (the build needs the tree to exist), and
    # again from ninja whenever a patch changes.
    fetch = [sys.executable, src("tools", "fetch_musl.py"), "--out", musl_src,
             "--cache", os.path.abspath(args.cache), "--patches", src("musl-patches")]
    if args.musl_tarball:
        fetch += ["--musl-tarball", os.path.abspath(args.musl_tarball)]
    if args.musl_src:
        fetch += ["--musl-src", os.path.abspath(args.musl_src)]
    subprocess.check_call(fetch)

    n = Writer(os.path.join(b, "build.ninja"))
    n.line("# Generated by configure.py; edit that, not this.")
    n.line("ninja_required_version = 1.10")
    n.var("src", SRC)
    n.var("b", b)
    n.var("python", sys.executable)
    n.var("cc", "clang")
    n.var("nproc", str(os.cpu_count() or 2))
    n.var("vdso_cflags", "-target x86_64-linux-gnu -std=c11 -O2 -g -ffreestanding -nostdinc "
          "-fPIC -fvisibility=hidden -mno-red-zone -mgeneral-regs-only -fno-stack-protector "
          "-Wall -Wextra -Wno-unused-parameter -Werror -I$src/abi -I$src/vdso/internal")
    n.var("glue_cflags", "-std=c11 -O2 -g -ffreestanding -fno-builtin -nostdinc -fPIC "
          "-Wall -Wextra -Werror -I$src/abi -I$src/kernel-glue")
    n.var("kernel_cflags", "-std=gnu11 -O2 -g -fPIE -mfsgsbase -mxsave -fno-stack-protector "
          "-Wall -Wextra -Werror -I$src/abi -I$src/kernel-glue -I$src/hosted-kernel -I$b/gen")
    n.var("unit_cflags", "-std=gnu11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined "
          "-I$src/abi -I$src/kernel-glue -I$src/hosted-kernel -I$b/gen")
    n.var("qemu_cflags", "-target x86_64-unknown-none-elf -std=gnu11 -O2 -g -ffreestanding -nostdinc "
          "-fno-pic -fno-pie -mcmodel=kernel -mno-red-zone -mgeneral-regs-only -fno-stack-protector "
          "-fno-asynchronous-unwind-tables -fno-unwind-tables -Wall -Wextra -Werror "
          "-I$src/abi -I$src/kernel-glue -I$src/qemu-kernel -I$b/gen")
    n.var("exo_cc", "$b/sysroot/bin/exo-cc")
    n.line()

    n.rule("cc", "$cc -MD -MF $out.d $cflags -c $in -o $out", "CC $out", depfile="$out.d", deps="gcc")
    n.rule("ar", "rm -f $out && ar rcs $out $in", "AR $out")
    n.rule("cpp_lds", "$cc -E -P -undef -x c -I$src/abi $in -o $out", "CPP $out")
    n.rule("vdso_link", "ld.lld -shared -soname=posixx-vdso.so.1 --hash-style=both --build-id "
           "--eh-frame-hdr -z max-page-size=4096 -z noexecstack -z text --no-undefined "
           "-T $lds --version-script $src/linker-scripts/vdso.map $extra $in -o $out",
           "LINK $out")
    n.rule("check_vdso", "$python $src/tools/check_vdso.py $in && touch $out", "CHECK $in")
    n.rule("vdso2c", "$python $src/tools/vdso2c.py $in $out", "VDSO2C $out")
    n.rule("gen_names", "$python $src/tools/gen_syscall_names.py $in $out", "GEN $out")
    n.rule("fetch_musl", " ".join(shlex.quote(x) for x in fetch), "FETCH+PATCH musl",
           restat="1", generator="1")
    n.rule("musl", "mkdir -p $b/musl-obj && cd $b/musl-obj && "
           "( [ -f config.mak ] || $b/musl-src/configure --target=x86_64 --prefix=$b/sysroot "
           "--disable-shared CC=clang AR=ar RANLIB=ranlib CFLAGS='-O2 -I$src/abi' >/dev/null ) && "
           "$$(command -v make) -s -j$nproc && $$(command -v make) -s install >/dev/null && touch $out",
           "MUSL build + install into $b/sysroot", pool="console")
    # Linux's UAPI headers for programs that need them (busybox), from
    # Debian's linux-libc-dev: exactly the files that package owns under
    # /usr/include (never glibc's), with the multiarch asm/ put at asm/.
    n.rule("kernel_headers", "rm -rf $out.d && mkdir -p $out.d && cd /usr/include && "
           "dpkg-query -L linux-libc-dev | sed -n 's|^/usr/include/||p' | grep '\\.h$$' | "
           "tar -cf - --no-recursion -T - | tar -C $out.d -xf - && "
           "mv $out.d/x86_64-linux-gnu/asm $out.d/asm && rmdir $out.d/x86_64-linux-gnu && "
           "cd $out.d && for d in *; do rm -rf $b/sysroot/include/$$d; mv $$d $b/sysroot/include/; done && "
           "cd .. && rmdir $out.d && touch $out",
           "KERNEL-HEADERS linux-libc-dev into $b/sysroot/include")
    n.rule("exo_cc_gen", "sed 's|@SYSROOT@|$b/sysroot|g' $in > $out && chmod +x $out", "GEN $out")
    # lld, for its symbol ordering: the code a fork child runs (the entry,
    # process_fork, glibc's _Fork, the exit path) placed together, so the
    # child's first instruction fetches fault in one 64 KiB window of the
    # launcher's text instead of four (docs/legacy-processes.md).
    n.rule("launcher_link", "$cc -static-pie -fuse-ld=lld -Wl,-z,norelro "
           "-Wl,--symbol-ordering-file=$src/hosted-kernel/fork_path.order "
           "-Wl,--no-warn-symbol-ordering -o $out $in -lpthread", "LINK $out")
    n.rule("host_link", "$cc $ldflags -o $out $in $libs", "LINK $out")
    n.rule("exo_cc", "$exo_cc -O2 -Wall -o $out $in", "EXO-CC $out")
    n.rule("qemu_link", "ld.lld -nostdlib -static --no-pie -z max-page-size=4096 -z noexecstack "
           "--build-id=none -T $src/linker-scripts/qemu-kernel.lds -o $out $in", "LINK $out")
    n.rule("run_tests", "cd $src && $python tools/run_tests.py $b --cache %s"
           % shlex.quote(os.path.abspath(args.cache)), "TEST", pool="console")
    n.rule("qemu_test", "cd $src && $python tools/qemu_test.py $b", "QEMU-TEST", pool="console")
    n.rule("bench", "cd $src && $python tools/bench.py $b", "BENCH", pool="console")
    n.rule("run_demo", "cd $src && $python tools/demo.py $b --cache %s"
           % shlex.quote(os.path.abspath(args.cache)), "DEMO", pool="console")

    # musl
    patches = sorted(glob.glob(src("musl-patches", "*")))
    stamp = os.path.join(musl_src, ".posixx-stamp")
    n.build(stamp, "fetch_musl", implicit=patches + [src("tools", "fetch_musl.py")])
    musl_done = os.path.join(b, "sysroot", ".built")
    n.build(musl_done, "musl", implicit=[stamp] + glob.glob(src("abi", "exo", "*.h")))
    exo_cc = os.path.join(b, "sysroot", "bin", "exo-cc")
    n.build(exo_cc, "exo_cc_gen", src("tools", "exo-cc.in"))
    kernel_headers = os.path.join(b, "sysroot", ".kernel-headers")
    n.build(kernel_headers, "kernel_headers", implicit=[musl_done, "/var/lib/dpkg/status"])
    n.build("sysroot", "phony", [musl_done, exo_cc, kernel_headers])

    # the vDSO
    vdso_objs = []
    for f in rel_sources("vdso", [".c", ".S"]):
        o = obj_name(b, f, "obj")
        vdso_objs += n.build(o, "cc", f, variables={"cflags": "$vdso_cflags"})
    lds = os.path.join(b, "vdso", "vdso.lds")
    n.build(lds, "cpp_lds", src("linker-scripts", "vdso.lds.S"), implicit=[src("abi", "exo", "layout.h")])
    vdso_dbg = os.path.join(b, "vdso", "posixx-vdso.so.dbg")
    vdso_so = os.path.join(b, "vdso", "posixx-vdso.so")
    link_deps = [lds, src("linker-scripts", "vdso.map")]
    n.build(vdso_dbg, "vdso_link", vdso_objs, implicit=link_deps, variables={"lds": lds, "extra": ""})
    n.build(vdso_so, "vdso_link", vdso_objs, implicit=link_deps, variables={"lds": lds, "extra": "--strip-debug"})
    checked = os.path.join(b, "vdso", "posixx-vdso.checked")
    n.build(checked, "check_vdso", vdso_so, implicit=[src("tools", "check_vdso.py"), src("tools", "elf64.py")])
    vdso_c = os.path.join(b, "gen", "vdso-image.c")
    n.build(vdso_c, "vdso2c", vdso_so, implicit=[checked, src("tools", "vdso2c.py")])
    names = os.path.join(b, "gen", "syscall_names.h")
    n.build(names, "gen_names", os.path.join(musl_src, "arch", "x86_64", "bits", "syscall.h.in"),
            implicit=[stamp, src("tools", "gen_syscall_names.py")])
    n.build("vdso", "phony", [vdso_so, vdso_dbg, checked])

    # kernel-glue: freestanding objects, one archive
    glue_objs = []
    for f in rel_sources("kernel-glue", [".c"]):
        glue_objs += n.build(obj_name(b, f, "obj"), "cc", f, variables={"cflags": "$glue_cflags"})
    glue_objs += n.build(os.path.join(b, "obj", "gen", "vdso-image.c.o"), "cc", vdso_c,
                         variables={"cflags": "$glue_cflags"})
    glue_lib = os.path.join(b, "kernel-glue", "libexo-glue.a")
    n.build(glue_lib, "ar", glue_objs)

    # the hosted kernel model
    kobjs = []
    # RING_ENTER's short path runs without saving the guest's vector
    # registers (hosted-kernel/ring_one.c): it and what it calls must not
    # use them.
    no_vector = ("ring_one.c", "ring_one_name.c", "caps.c", "status.c", "stat_fill.c")
    for f in rel_sources("hosted-kernel", [".c", ".S"]):
        cflags = "$kernel_cflags"
        if os.path.basename(f) in no_vector:
            cflags += " -mgeneral-regs-only"
        # A fork child's first native call would fault in the switch's
        # jump table (.rodata, a page fork does not copy).
        if os.path.basename(f) == "native.c":
            cflags += " -fno-jump-tables"
        kobjs += n.build(obj_name(b, f, "obj"), "cc", f, order=[names],
                         variables={"cflags": cflags})
    # The vDSO's fault-safe copy (user_fixup) serves the short path too.
    uaccess = src("vdso", "internal", "uaccess.S")
    kobjs += n.build(obj_name(b, uaccess, os.path.join("obj", "kernel")), "cc", uaccess,
                     variables={"cflags": "$kernel_cflags"})
    exo_run = os.path.join(b, "bin", "exo-run")
    n.build(exo_run, "launcher_link", kobjs + [glue_lib],
            implicit=[src("hosted-kernel", "fork_path.order")])

    # the reference kernel for QEMU: kernel-glue and the vDSO blob compiled
    # again with kernel flags (libexo-glue.a is position-independent)
    qobjs = []
    for f in rel_sources("qemu-kernel", [".c", ".S"]):
        if os.sep + "tests" + os.sep in f:
            continue
        qobjs += n.build(obj_name(b, f, "qemu/obj"), "cc", f, variables={"cflags": "$qemu_cflags"})
    for f in rel_sources("kernel-glue", [".c"]):
        qobjs += n.build(obj_name(b, f, "qemu/obj"), "cc", f, variables={"cflags": "$qemu_cflags"})
    qobjs += n.build(os.path.join(b, "qemu", "obj", "gen", "vdso-image.c.o"), "cc", vdso_c,
                     variables={"cflags": "$qemu_cflags"})
    qemu_kernel = os.path.join(b, "qemu", "exo-kernel.elf")
    n.build(qemu_kernel, "qemu_link", qobjs, implicit=[src("linker-scripts", "qemu-kernel.lds")])
    n.build("qemu-kernel", "phony", qemu_kernel)

    # tests
    unit = []
    unit_srcs = {
        "glue_elf_check": ["kernel-glue/elf_check.c"],
        "glue_elf_load": ["kernel-glue/elf_check.c", "kernel-glue/elf_load.c"],
        "glue_stack": ["kernel-glue/stack.c"],
        "glue_vdso_map": ["kernel-glue/vdso_map.c"],
        "glue_exec_static": ["kernel-glue/elf_check.c", "kernel-glue/elf_load.c", "kernel-glue/stack.c"],
    }
    # Compiled and linked in one step, without a depfile: the headers they
    # may include are named, so an edit to one (fake_space.h) rebuilds them.
    unit_headers = sorted(glob.glob(src("tests", "unit", "*.h")) +
                          glob.glob(src("kernel-glue", "*.h")) +
                          glob.glob(src("abi", "exo", "*.h")))
    for name, extra in sorted(unit_srcs.items()):
        out = os.path.join(b, "tests", "unit", name)
        ins = [src("tests", "unit", name + ".c")] + [src(e) for e in extra]
        unit += n.build(out, "host_link", ins, implicit=unit_headers,
                        variables={"ldflags": "$unit_cflags"})
    for f in sorted(glob.glob(src("tests", "unit", "kernel_*.c"))):
        name = os.path.splitext(os.path.basename(f))[0]
        out = os.path.join(b, "tests", "unit", name)
        unit += n.build(out, "host_link", [f] + [
            o for o in kobjs if not o.endswith(("main.c.o", "entry.S.o"))] + [glue_lib],
            implicit=unit_headers + sorted(glob.glob(src("hosted-kernel", "*.h"))),
            variables={"ldflags": "$unit_cflags", "libs": "-lpthread"})

    guests = []
    for folder in ("diff", "launcher", "bench"):
        headers = sorted(glob.glob(src("tests", folder, "*.h")))
        for f in sorted(glob.glob(src("tests", folder, "*.c"))):
            name = os.path.splitext(os.path.basename(f))[0]
            guests += n.build(os.path.join(b, "tests", folder, name), "exo_cc", f,
                              implicit=[musl_done, exo_cc] + headers)
    for f in sorted(glob.glob(src("examples", "*.c"))):
        name = os.path.splitext(os.path.basename(f))[0]
        guests += n.build(os.path.join(b, "examples", name), "exo_cc", f, implicit=[musl_done, exo_cc])

    everything = [exo_run, vdso_so, vdso_dbg, checked, musl_done, exo_cc, kernel_headers,
                  qemu_kernel] + unit + guests
    n.build("all", "phony", everything)
    n.build("test", "run_tests", implicit=everything)
    n.build("qemu-test", "qemu_test", implicit=everything)
    # gdb on the QEMU kernel (docs/qemu-kernel.md): EXO_GDB_PROGRAM="PATH ARG..." picks the program
    n.rule("qemu_gdb", "cd $src && $python tools/qemu_gdb.py $b $${EXO_GDB_PROGRAM:-}", "QEMU-GDB", pool="console")
    n.build("qemu-gdb", "qemu_gdb", implicit=[qemu_kernel, vdso_dbg] + guests)
    n.rule("qemu_bench", "cd $src && $python tools/qemu_bench.py $b", "QEMU-BENCH", pool="console")
    n.build("qemu-bench", "qemu_bench", implicit=[qemu_kernel] + guests)
    # real programs from Debian source packages (tools/programs.py, docs/programs.md)
    n.rule("programs", "cd $src && $python tools/programs.py $b $set --cache %s"
           % shlex.quote(os.path.abspath(args.cache)), "PROGRAMS $set",
           pool="console")
    program_deps = [exo_run, vdso_so, musl_done, exo_cc, kernel_headers]
    n.build("programs", "programs", implicit=program_deps, variables={"set": "--full"})
    n.build("programs-quick", "programs", implicit=program_deps, variables={"set": "--quick"})
    n.build("bench", "bench", implicit=everything)
    n.build("demo", "run_demo", implicit=everything + program_deps)
    n.line("default all")
    n.out.close()
    print("configure: wrote %s/build.ninja; now: ninja -C %s" % (b, os.path.relpath(b)))


if __name__ == "__main__":
    main()

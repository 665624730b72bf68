# busybox 1.35.0 from Debian bookworm (upstream tarball, Debian's patches
# and config not applied): defconfig plus CONFIG_STATIC=y, built out of
# tree with exo-cc. The suite is what `make check` runs: testsuite/runtest
# with bindir pointing at the binary and its .config. Under POSIX-X bindir
# is the wrapper directory, so every applet the suite starts runs under
# exo-run --strict while runtest's /bin/sh and tools stay native. Some
# tests change results when run as root (permissions), so the suite runs
# as nobody, in a scratch copy of testsuite/.
{
    "package": "busybox",
    "version": "1:1.35.0-4+deb12u1",
    "orig": "busybox_1.35.0.orig.tar.bz2",
    "sha256": "faeeb244c35a348a334f4a59e44626ee870fb07b6884d68c10ae8bc19f83a694",
    "build": [
        "make -s -C $SRC O=$BUILD defconfig >/dev/null",
        "sed -i 's/^# CONFIG_STATIC is not set$/CONFIG_STATIC=y/' .config",
        "grep -qx CONFIG_STATIC=y .config",
        "make -j$JOBS CC=$EXO_CC HOSTCC=cc busybox",
    ],
    "products": ["busybox"],
    "multicall": True,
    # Under POSIX-X an applet that waits on a missing call (a child that
    # never comes) is stopped after this many seconds and fails. The
    # slowest honest run, bc's "parsing of numbers" pipeline, takes about
    # 25 s natively on a busy 2-core machine and 35 s under POSIX-X.
    "wrapper_timeout": 60,
    "bin_files": [".config"],
    # Natively passing tests that do not pass under POSIX-X yet, each with
    # its cause; tools/programs.py fails a listed test that passes, so
    # remove an entry when its cause is fixed.
    "expected_differences": {
        'awk "cmd" | getline':
            "popen runs /bin/sh -c cmd: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)",
        'pidof (exit with success)':
            "not a missing call: pidof looks for a process named pidof in /proc, which shows host processes; under the wrapper the applet's process is the launcher, exo-run running `busybox pidof`",
        'start-stop-daemon with both -x and -a':
            "starts /bin/false: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)",
        'tar-handles-cz-options':
            "tar czf starts gzip found in PATH, /usr/bin/gzip: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)",
        'taskset (set_aff, needs CAP_SYS_NICE)':
            "taskset execs $SHELL (/bin/sh): exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)",
        'xargs-works':
            "xargs -0 md5sum runs /usr/bin/md5sum found in PATH: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)",
    },
    "tests": [
        {"name": "runtest", "argv": ["$SCRATCH/testsuite/runtest"],
         "cwd": "$SCRATCH/testsuite", "copy": ["$SRC/testsuite", "$SRC/scripts"],
         "env": {"bindir": "$BIN", "srcdir": "$SRC/testsuite"},
         "user": "nobody", "posixx": "wrappers", "results": "busybox-runtest",
         "timeout": 1800,
         # The quick set: runtest's own applet selection, the applets a
         # shell pipeline is made of (files, text filters, archives, the
         # shell itself), each case still a native runtest script starting
         # applets under POSIX-X.
         "quick": True,
         "quick_argv": ["$SCRATCH/testsuite/runtest", "ash", "basename", "cat", "cmp",
                        "cp", "cut", "dirname", "echo", "expr", "find", "grep",
                        "head", "ln", "ls", "md5sum", "mkdir", "mv", "printf",
                        "pwd", "rm", "rmdir", "sed", "sort", "tail", "tar", "tee",
                        "touch", "tr", "uniq", "wc", "xargs"]},
    ],
}

# GNU awk 5.2.1 from Debian bookworm (upstream tarball, Debian's patches
# not applied), configured with exo-cc (static: exo-cc links nothing
# else): no NLS, no dynamic extensions (--disable-extensions: they are
# shared objects gawk would dlopen). CFLAGS=-O2 without configure's
# default -g, like sed. Debian's orig tarball lacks doc/gawktexi.in (the
# manual, removed by Debian), so only support/ and gawk itself are built
# (SUBDIRS=support; the top directory always follows).
#
# The suite is test/Makefile's `make check`: for each test make echoes its
# name, runs ../gawk (AWKPROG) and compares the output with the test's
# .ok file; a difference leaves _NAME behind and the final pass-fail and
# diffout targets count and list those (results: "gawk-check" in
# tools/programs.py). It runs in a scratch tree of the build tree's shape:
# test/Makefile and config.status are links to the build's, ../gawk a
# link to the world's gawk (the product, or the wrapper that runs it under
# exo-run --strict), so the Makefile runs unchanged (several tests build
# paths from `pwd`/$(AWKPROG)). make, the shells and the tools stay
# native. The charset tests run only where en_US, fr_FR, ru_RU and ja_JP
# UTF-8 locales exist (not on this machine), the MPFR and extension tests
# are not built in.
{
    "package": "gawk",
    "version": "1:5.2.1-2",
    "orig": "gawk_5.2.1.orig.tar.xz",
    "sha256": "2337a0283b180ec1b9c727973a34781c6478b3ae9bcbdcca0a4dc49861d75a65",
    "build": [
        "$SRC/configure CC=$EXO_CC CFLAGS=-O2 --disable-nls --disable-extensions",
        "make -j$JOBS SUBDIRS=support",
    ],
    "products": ["gawk"],
    # Natively passing tests that do not pass under POSIX-X yet, each with
    # its cause; tools/programs.py fails a listed test that passes, so
    # remove an entry when its cause is fixed.
    "expected_differences": {
        'check:childin':
            'reads a command with "cat" | getline: popen-style /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:clos1way':
            'two-way |& coprocess: gawk forks and execs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:clos1way2':
            'two-way |& coprocess: gawk forks and execs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:clos1way3':
            'two-way |& coprocess: gawk forks and execs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:clos1way4':
            'two-way |& coprocess: gawk forks and execs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:clos1way5':
            'two-way |& coprocess: gawk forks and execs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:close_status':
            'output and input pipes to commands: /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:exitval1':
            'system() runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:exitval2':
            'print | command runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:fflush':
            'print | command (cat) runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:getline':
            'command | getline runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:getline3':
            'command | getline runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:getline5':
            'command | getline runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:getlnhd':
            'command | getline runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:id':
            'print | "sort" runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:indirectbuiltin':
            'indirect calls of system() and pipes run /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:iobug1':
            'command | getline runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:iolint':
            'pipes and a two-way |& coprocess run /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:longwrds':
            'print | "sort" runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:nsidentifier':
            'print | "LC_ALL=C sort" runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:pipeio1':
            '"cat FILE" | getline runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:pipeio2':
            '"echo ... | sed ..." | getline runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:profile2':
            'print | sortcmd (sort) runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:pty1':
            'two-way |& coprocess on a pty: gawk forks and execs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:pty2':
            'two-way |& coprocess on a pty: gawk forks and execs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:rstest3':
            'command | getline runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:rstest4':
            'command | getline runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:rstest5':
            'command | getline runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:sigpipe1':
            'print | command runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:spacere':
            'print | "sort" runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:status-close':
            'pipes and coprocesses run /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:strftime':
            'DATECMD (date) | getline runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:symtab12':
            'print | "sort" runs /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:timeout':
            'command | getline and a coprocess run /bin/sh -c: exec of a dynamically linked host program, which exo-run refuses with ENOEXEC (PT_INTERP; the kernel model runs static programs only, and names the refusal on stderr)',
        'check:pid':
            'not a missing call: pid.sh execs gawk and compares PROCINFO["pid"] and ["ppid"] with the shell\'s $$ and parent, but the wrapper runs exo-run under timeout, which forks it: gawk is a child of the process the shell exec\'d (as busybox\'s pidof test, a launcher artifact)',
    },
    "tests": [
        {"name": "check", "results": "gawk-check", "posixx": "wrappers",
         "argv": ["make", "-k", "check"],
         "cwd": "$SCRATCH/build/test",
         "link": {"build/config.status": "$BUILD/config.status",
                  "build/test/Makefile": "$BUILD/test/Makefile",
                  "build/gawk": "$BIN/gawk"},
         "timeout": 1800},
    ],
}

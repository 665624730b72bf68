#!/usr/bin/env python3
"""Cycles per call, natively and under POSIX-X, side by side.

usage: bench.py BUILD_DIR

Runs BUILD_DIR/tests/bench/syscall_cost, proc_cost and signal_cost natively
and under `exo-run --strict`, alternated, RUNS or PROC_ROUNDS rounds (stdout
on /dev/null), keeps the median of each figure and prints tables with the
ratio POSIX-X / native and the range of each round's own ratio.
"""

import os
import statistics
import subprocess
import sys

RUNS = 3
PROC_ROUNDS = 5
TIMEOUT = 300

CALLS = ("getpid", "gettid", "clock_gettime", "write", "lseek", "fstat", "pipe_rw", "open_close",
         "stat", "poll64")
# The rows exo-run --host-cost measures (hosted-kernel/host_cost.c).
HOST_COST_CALLS = ("write", "lseek", "fstat", "pipe_rw", "open_close", "stat", "poll64")
# The legacy path's rows (tests/bench/proc_cost.c), in microseconds.
PROC_OPS = ("fork_exit_wait", "vfork_exec_wait", "posix_spawn_wait",
            "thread_create_join", "mmap_touch_munmap_1MiB", "futex_pingpong")
# Signals (tests/bench/signal_cost.c): the mask pair in cycles, the rest in us.
SIGNAL_OPS = (("sigprocmask_block_unblock", "cycles"), ("raise_handler_return", "us"),
              ("kill_other_process_handler", "us"))
NATIVE_IS = {
    "getpid": "raw syscall instruction (Linux kernel entry)",
    "gettid": "raw syscall instruction (Linux kernel entry)",
    "clock_gettime": "Linux's own vDSO (CLOCK_MONOTONIC, no kernel entry)",
    "write": "write(1, \"x\", 1) to /dev/null through the Linux kernel",
    "lseek": "lseek(fd, 0, SEEK_CUR) on an open regular file (/etc/passwd)",
    "fstat": "fstat of that open file",
    "pipe_rw": "write then read of 1 byte through a pipe (2 kernel entries)",
    "open_close": "open(/etc/passwd, O_RDONLY) + close (2 kernel entries)",
    "stat": "stat(/etc/passwd)",
    "poll64": "poll over 64 pipe ends, timeout 0 (1 kernel entry)",
}
POSIXX_IS = {
    "getpid": "fast tier (per-thread block)",
    "gettid": "fast tier (per-thread block)",
    "clock_gettime": "fast tier (POSIX-X time data page)",
    "write": "hybrid tier: write to a null capability",
    "lseek": "hybrid: one SEEK ring entry (RING_ENTER's short path)",
    "fstat": "hybrid: one STAT ring entry (short path)",
    "pipe_rw": "hybrid: 2 ring entries (WRITE, READ) on pipe capabilities",
    "open_close": "hybrid: OPEN_AT + RELEASE ring entries",
    "stat": "hybrid: one STAT_AT ring entry",
    "poll64": "hybrid: one POLL ring entry with 64 capabilities",
}


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def run_once(cmd):
    """Run cmd once; return {name: figure} from its stderr, or an error string."""
    with open(os.devnull, "wb") as null:
        try:
            r = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=null,
                               stderr=subprocess.PIPE, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return "timed out after %d s" % TIMEOUT
    err = r.stderr.decode("utf-8", "backslashreplace")
    if r.returncode != 0:
        last = err.strip().splitlines()[-1:] or [""]
        return "status %d: %s" % (r.returncode, last[0])
    figures = {}
    for line in err.splitlines():
        parts = line.split()
        if len(parts) == 2:
            try:
                figures[parts[0]] = float(parts[1])
            except ValueError:
                pass
    return figures


def measure_alternated(cmds, rounds):
    """Run the commands in turn, `rounds` times over, so that native and
    POSIX-X share the machine's load of the moment (on a loaded machine
    one world measured after the other can differ by 3x for nothing).
    Returns, per command, {name: [figure of each round]} or an error
    string (the first failure)."""
    results = [{} for _ in cmds]
    for _ in range(rounds):
        for i, cmd in enumerate(cmds):
            if not isinstance(results[i], dict):
                continue
            figures = run_once(cmd)
            if not isinstance(figures, dict):
                results[i] = figures
                continue
            for name, value in figures.items():
                results[i].setdefault(name, []).append(value)
    return results


def median_of(rounds_result):
    if not isinstance(rounds_result, dict):
        return rounds_result
    return {name: statistics.median(v) for name, v in rounds_result.items()}


def round_ratios(native, posixx, name):
    """min-max of the rounds' own ratios POSIX-X / native, as text."""
    if not isinstance(native, dict) or not isinstance(posixx, dict):
        return "n/a"
    pairs = list(zip(native.get(name, []), posixx.get(name, [])))
    ratios = [p / n for n, p in pairs if n > 0]
    if not ratios:
        return "n/a"
    return "%.2f-%.2f" % (min(ratios), max(ratios))


def cell(results, name):
    if isinstance(results, dict) and name in results:
        return "%.1f" % results[name]
    return "n/a"


def measure_both(program, exo_run, what, rounds):
    """The program natively and under exo-run --strict, alternated;
    failures printed. Returns (native, posixx) as {name: [per round]}."""
    if not os.access(exo_run, os.X_OK):
        native = measure_alternated([[program]], rounds)[0]
        posixx = "%s missing" % exo_run
    else:
        native, posixx = measure_alternated([[program], [exo_run, "--strict", program]], rounds)
    for label, results in (("native", native), ("POSIX-X", posixx)):
        if not isinstance(results, dict):
            print("%s %s run failed: %s" % (label, what, results))
    return native, posixx


def table(head, native_rounds, posixx_rounds, rows):
    """Print rows (label, result name) as native | POSIX-X | ratio of the
    medians | the rounds' own ratios."""
    native, posixx = median_of(native_rounds), median_of(posixx_rounds)
    lines = [head + ("ratio", "per round")]
    for label, name in rows:
        ratio = "n/a"
        if isinstance(native, dict) and isinstance(posixx, dict) \
                and name in native and name in posixx and native[name] > 0:
            ratio = "%.2f" % (posixx[name] / native[name])
        lines.append((label, cell(native, name), cell(posixx, name), ratio,
                      round_ratios(native_rounds, posixx_rounds, name)))
    widths = [max(len(r[i]) for r in lines) for i in range(5)]
    for i, row in enumerate(lines):
        print(" | ".join(c.ljust(w) if j == 0 else c.rjust(w)
                         for j, (c, w) in enumerate(zip(row, widths))))
        if i == 0:
            print("-+-".join("-" * w for w in widths))


def print_rows(lines):
    """A plain table: the first row is the head, the first column left-aligned."""
    widths = [max(len(r[i]) for r in lines) for i in range(len(lines[0]))]
    for i, row in enumerate(lines):
        print(" | ".join(c.ljust(w) if j == 0 else c.rjust(w)
                         for j, (c, w) in enumerate(zip(row, widths))))
        if i == 0:
            print("-+-".join("-" * w for w in widths))


# What keeping the guest's own system calls out costs the model host per
# host call: the same calls from inside exo-run with nothing enforced, with
# Syscall User Dispatch (what exo-run uses) and with a seccomp filter on the
# instruction pointer (the only other Linux mechanism that could), alternated
# (hosted-kernel/host_cost.c).
ENFORCEMENT_CALLS = ("write", "lseek", "fstat", "stat")
# Each process's figures move by 100-300 cycles with its layout: more rounds.
ENFORCEMENT_ROUNDS = 7


def enforcement_table(exo_run):
    modes = ("none", "sud", "seccomp")
    results = measure_alternated([[exo_run, "--host-cost", "0", m] for m in modes], ENFORCEMENT_ROUNDS)
    for mode, r in zip(modes, results):
        if not isinstance(r, dict):
            print("host-cost %s run failed: %s" % (mode, r))
            return
    med = [median_of(r) for r in results]
    lines = [("call", "nothing enforced", "SUD", "seccomp", "SUD - nothing", "seccomp - nothing")]
    for name in ENFORCEMENT_CALLS:
        row = [name] + [cell(m, name) for m in med]
        for m in med[1:]:
            ok = all(isinstance(x, dict) and name in x for x in (m, med[0]))
            row.append("%.1f" % (m[name] - med[0][name]) if ok else "n/a")
        lines.append(tuple(row))
    print_rows(lines)
    print("(cycles, medians of %d alternated rounds: the host calls made from inside exo-run "
          "with nothing enforced, under Syscall User Dispatch as every host call of the model "
          "is, and under a seccomp filter on the instruction pointer)" % ENFORCEMENT_ROUNDS)
    print()


def main():
    if len(sys.argv) != 2:
        print("usage: bench.py BUILD_DIR", file=sys.stderr)
        return 2
    build_dir = sys.argv[1]
    bench = os.path.join(build_dir, "tests", "bench", "syscall_cost")
    exo_run = os.path.join(build_dir, "bin", "exo-run")
    if not os.access(bench, os.X_OK):
        print("bench.py: %s missing (build it first)" % bench, file=sys.stderr)
        return 1

    print("CPU: %s" % cpu_model())
    print("each figure: median of %d rounds, native and POSIX-X alternated in each "
          "(legacy rows: %d rounds); per round: the range of the rounds' own ratios"
          % (RUNS, PROC_ROUNDS))
    print("cycle rows: each process reports the median of 11 loops, empty loop subtracted")
    # The same host calls made from inside exo-run's own image with
    # Syscall User Dispatch on, as every host call of the kernel model is:
    # what the model host itself adds (a real Exo-OS kernel would not),
    # shown beside, not subtracted from, the table of record.
    if os.access(exo_run, os.X_OK):
        native_r, posixx_r, hosted_r = measure_alternated(
            [[bench], [exo_run, "--strict", bench], [exo_run, "--host-cost"]], RUNS)
    else:
        native_r, posixx_r, hosted_r = measure_alternated([[bench]], RUNS)[0], \
            "%s missing" % exo_run, None
    for label, results in (("native", native_r), ("POSIX-X", posixx_r)):
        if not isinstance(results, dict):
            print("%s run failed: %s" % (label, results))
    native, posixx = median_of(native_r), median_of(posixx_r)

    table(("call", "native (cycles)", "POSIX-X (cycles)"), native_r, posixx_r,
          [(name, name) for name in CALLS])
    print()
    if hosted_r is not None:
        hosted = median_of(hosted_r)
        if not isinstance(hosted, dict):
            print("host-cost run failed: %s" % hosted)
        lines = [("call", "native", "same host calls in exo-run (SUD on)", "POSIX-X",
                  "POSIX-X - in exo-run")]
        for name in HOST_COST_CALLS:
            extra = "n/a"
            if isinstance(hosted, dict) and isinstance(posixx, dict) \
                    and name in hosted and name in posixx:
                extra = "%.1f" % (posixx[name] - hosted[name])
            lines.append((name, cell(native, name), cell(hosted, name), cell(posixx, name), extra))
        print_rows(lines)
        print("(cycles; the middle column is the native row's host calls issued by exo-run "
              "itself: the native cost plus the model host's SUD surcharge; the last column "
              "is POSIX-X's own round trip and translation)")
        print()
    if os.access(exo_run, os.X_OK):
        enforcement_table(exo_run)
    proc = os.path.join(build_dir, "tests", "bench", "proc_cost")
    if os.access(proc, os.X_OK):
        pnative, pposixx = measure_both(proc, exo_run, "legacy-path", PROC_ROUNDS)
        table(("operation", "native (us)", "POSIX-X (us)"), pnative, pposixx,
              [(name, name) for name in PROC_OPS])
        print("(n/a: the operation failed in that world and is not measured)")
        print()
    sig = os.path.join(build_dir, "tests", "bench", "signal_cost")
    if os.access(sig, os.X_OK):
        snative, sposixx = measure_both(sig, exo_run, "signal", PROC_ROUNDS)
        table(("signals", "native", "POSIX-X"), snative, sposixx,
              [("%s (%s)" % (name, unit), name) for name, unit in SIGNAL_OPS])
        print()
    print("empty loop: native %s, POSIX-X %s cycles per iteration (already subtracted)"
          % (cell(native, "empty_loop"), cell(posixx, "empty_loop")))
    print("what each row compares:")
    for name in CALLS:
        print("  %-14s native: %s; POSIX-X: %s" % (name, NATIVE_IS[name], POSIXX_IS[name]))
    return 0


if __name__ == "__main__":
    sys.exit(main())

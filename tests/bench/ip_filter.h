/* A seccomp filter that lets a system call through only when it is made
 * from [lo, hi) (the instruction pointer is in seccomp_data) and traps
 * any other with SIGSYS: Syscall User Dispatch's rule, the one other way
 * Linux offers to keep a program's own calls out. Shared by
 * tests/bench/enforce_cost.c and exo-run --host-cost (hosted-kernel/
 * host_cost.c), which measure what it costs the calls it lets through.
 * SPEC_ALLOW: without it Linux also turns on the speculative store bypass
 * mitigation for the process, which SUD does not, and the comparison would
 * be of that instead. 0, or -1 when it cannot be installed (the range
 * crosses a 4 GiB line: classic BPF compares 32 bits at a time). */
#ifndef BENCH_IP_FILTER_H
#define BENCH_IP_FILTER_H

#include <stddef.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static inline int ip_filter_install(unsigned long lo, unsigned long hi)
{
	enum { IP_LO = offsetof(struct seccomp_data, instruction_pointer), IP_HI = IP_LO + 4 };
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, IP_HI),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)(lo >> 32), 0, 4),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, IP_LO),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (unsigned)lo, 0, 2),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (unsigned)hi, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
	};
	struct sock_fprog prog = { sizeof f / sizeof f[0], f };

	if ((lo >> 32) != ((hi - 1) >> 32) || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
	                    SECCOMP_FILTER_FLAG_SPEC_ALLOW, &prog);
}

#endif

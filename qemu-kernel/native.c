/* The native calls (abi/exo/native.h): where syscall_entry lands. */
#include <exo/native.h>
#include <exo/debug.h>
#include "kernel.h"
#include "syscall_names.h"

#define NNAMES (sizeof linux_syscall_names / sizeof linux_syscall_names[0])

static const char *const tier_names[EXO_TIER_COUNT] = {
	"fast", "hybrid", "legacy", "untranslated",
};

static long set_thread_pointer(u64 tp)
{
	/* wrmsr faults on a non-canonical base: refuse it here. */
	if (tp >= (1ul << 47) && tp < ~((1ul << 47) - 1))
		return EXO_ERR_INVALID;
	wrmsr(MSR_FS_BASE, tp);
	return 0;
}

/* An untranslated call is always reported; with EXO_DEBUG_TRACE every call
 * is, as strace prints it. */
long debug_report(u64 addr)
{
	struct exo_debug_record r;
	const char *name;

	if (copy_from_user(&current->as, &r, addr, sizeof r) < 0)
		return EXO_ERR_FAULT;
	if (r.tier >= EXO_TIER_COUNT)
		return EXO_ERR_INVALID;
	name = r.nr < NNAMES && linux_syscall_names[r.nr] ? linux_syscall_names[r.nr] : "?";
	if (r.tier == EXO_TIER_UNTRANSLATED)
		kprintf("exo-kernel: %s: untranslated: %s (%lu) variant 0x%x -> ENOSYS\n",
		        current->name, name, r.nr, r.detail);
	else
		kprintf("exo-kernel: %s: [%s] %s(0x%lx, 0x%lx, 0x%lx) = %ld\n", current->name,
		        tier_names[r.tier], name, r.args[0], r.args[1], r.args[2], r.result);
	return 0;
}

static long timed_ring_enter(u32 to_submit, u32 min_complete, u32 flags)
{
	u32 head = current->sq_head;
	u64 t0 = rdtsc();
	long r = ring_enter(to_submit, min_complete, flags);

	bench_ring_enter(rdtsc() - t0, current->sq_head - head);
	return r;
}

long native_call(long a1, long a2, long a3, long a4, long a5, long a6, long nr)
{
	(void)a6;
	switch ((unsigned long)nr) {
	case EXO_NC_RING_ENTER:
		if (current->bench)
			return timed_ring_enter((u32)a1, (u32)a2, (u32)a3);
		return ring_enter((u32)a1, (u32)a2, (u32)a3);
	case EXO_NC_PROCESS_EXIT:
	case EXO_NC_THREAD_EXIT:
		/* One thread per process: its exit ends the process. */
		process_exit((int)(a1 & 0xff));
	case EXO_NC_PROCESS_FORK:
		return process_fork((u64)a1, (const struct trap_frame *)percpu.user_frame);
	case EXO_NC_PROCESS_WAIT:
		return process_wait((unsigned)a1, (u64)a2, (unsigned)a3, (u64)a4);
	case EXO_NC_PROCESS_EXEC:
		return process_exec((u64)a1);
	case EXO_NC_THREAD_YIELD:
		schedule();
		return 0;
	case EXO_NC_THREAD_SET_TP:
		return set_thread_pointer((u64)a1);
	case EXO_NC_MEM_MAP:
		return mem_map((u64)a1, (u64)a2, (unsigned)a3, (unsigned)a4);
	case EXO_NC_MEM_UNMAP:
		return mem_unmap((u64)a1, (u64)a2);
	case EXO_NC_MEM_PROTECT:
		return mem_protect((u64)a1, (u64)a2, (unsigned)a3);
	case EXO_NC_MEM_ADVISE:
		return mem_advise((u64)a1, (u64)a2, (unsigned)a3);
	case EXO_NC_MEM_REMAP:
		return mem_remap((u64)a1, (u64)a2, (u64)a3, (unsigned)a4, (u64)a5);
	case EXO_NC_CLOCK_READ:
		if (current->bench) {
			u64 t0 = rdtsc();
			long r = clock_read((unsigned)a1, (u64)a2);
			bench_clock_read(rdtsc() - t0);
			return r;
		}
		return clock_read((unsigned)a1, (u64)a2);
	case EXO_NC_DEBUG_REPORT:
		return debug_report((u64)a1);
	default:
		kprintf("exo-kernel: %s: unknown native call 0x%lx refused\n", current->name, (u64)nr);
		return EXO_ERR_BAD_CALL;
	}
}

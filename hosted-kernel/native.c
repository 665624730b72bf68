/* The native calls: where exo_hosted_entry lands, on the kernel stack with
 * the kernel's TLS, for every entry from the vDSO. */
#include <sched.h>
#include <stdio.h>
#include <exo/native.h>
#include <exo/status.h>
#include "kernel.h"

static long set_thread_pointer(struct kthread *t, exo_u64 tp)
{
	/* wrfsbase faults on a non-canonical address: refuse it here. */
	if (tp >= (1ull << 47) && tp < ~((1ull << 47) - 1))
		return EXO_ERR_INVALID;
	t->block->kernel_private[(KP_GUEST_FS - EXO_TB_KERNEL_PRIVATE) / 8] = tp;
	return 0;
}

long exo_native_call(long a1, long a2, long a3, long a4, long a5, long a6, long nr)
{
	struct kthread *t = kthread_current();

	switch ((unsigned long)nr) {
	case EXO_NC_RING_ENTER:
		return ring_enter(t, (exo_u32)a1, (exo_u32)a2, (exo_u32)a3);
	case EXO_NC_PROCESS_EXIT:
		process_exit((int)(a1 & 0xff));
	case EXO_NC_THREAD_EXIT:
		thread_exit(t, (int)(a1 & 0xff));
	case EXO_NC_THREAD_SET_TP:
		return set_thread_pointer(t, (exo_u64)a1);
	case EXO_NC_MEM_MAP:
		return mem_map((exo_u64)a1, (exo_u64)a2, (unsigned)a3, (unsigned)a4);
	case EXO_NC_MEM_UNMAP:
		return mem_unmap((exo_u64)a1, (exo_u64)a2);
	case EXO_NC_MEM_PROTECT:
		return mem_protect((exo_u64)a1, (exo_u64)a2, (unsigned)a3);
	case EXO_NC_MEM_ADVISE:
		return mem_advise((exo_u64)a1, (exo_u64)a2, (unsigned)a3);
	case EXO_NC_MEM_REMAP:
		return mem_remap((exo_u64)a1, (exo_u64)a2, (exo_u64)a3, (unsigned)a4, (exo_u64)a5);
	case EXO_NC_CLOCK_READ:
		return clock_read((unsigned)a1, (exo_u64)a2);
	case EXO_NC_PROCESS_FORK:
		return process_fork(t, (exo_u64)a1);
	case EXO_NC_PROCESS_WAIT:
		return process_wait((unsigned)a1, a2, (unsigned)a3, (exo_u64)a4);
	case EXO_NC_PROCESS_KILL:
		return process_kill((int)a1, (int)a2);
	case EXO_NC_PROCESS_GROUP:
		return process_group((unsigned)a1, (int)a2, (int)a3);
	case EXO_NC_PROCESS_LIMIT:
		return process_limit((int)a1, (unsigned)a2, (exo_u64)a3, (exo_u64)a4);
	case EXO_NC_PROCESS_EXEC:
		return process_exec(t, (exo_u64)a1);
	case EXO_NC_PROCESS_IDS:
		return process_ids((unsigned)a1, (exo_u64)a2, (exo_u64)a3, (exo_u64)a4);
	case EXO_NC_THREAD_CREATE:
		return thread_create(t, (exo_u64)a1);
	case EXO_NC_THREAD_YIELD:
		return sched_yield() < 0 ? EXO_ERR_INVALID : 0;
	case EXO_NC_THREAD_KILL:
		return thread_kill((int)a1, (int)a2);
	case EXO_NC_FUTEX_WAIT:
		return futex_wait((exo_u64)a1, (exo_u32)a2, (exo_u32)a3, (unsigned)a4, (exo_u64)a5);
	case EXO_NC_FUTEX_WAKE:
		return futex_wake((exo_u64)a1, (int)a2, (exo_u32)a3, (unsigned)a4);
	case EXO_NC_FUTEX_REQUEUE:
		return futex_requeue((exo_u64)a1, (int)a2, (exo_u64)a3, (int)a4, (exo_u32)a5, (unsigned)a6);
	case EXO_NC_MEM_MAP_OBJECT:
		return mem_map_object((exo_u64)a1, (exo_u64)a2, (unsigned)a3, (unsigned)a4, (exo_cap_t)a5,
		                      (exo_u64)a6);
	case EXO_NC_MEM_SYNC:
		return mem_sync((exo_u64)a1, (exo_u64)a2, (unsigned)a3);
	/* ABI 1.3: signals (signal_calls.c) */
	case EXO_NC_SIGNAL_ACTION:
		return signal_action((int)a1, (unsigned)a2, (unsigned)a3);
	case EXO_NC_SIGNAL_MASK:
		return signal_mask_release(t);
	case EXO_NC_SIGNAL_TAKE:
		return signal_take(t, (exo_u64)a1);
	case EXO_NC_SIGNAL_SEND:
		return signal_send((unsigned)a1, a2, a3, (int)a4, (exo_u64)a5);
	case EXO_NC_SIGNAL_WAIT:
		return signal_wait(t, (exo_u64)a1, (exo_u64)a2, (exo_u64)a3);
	case EXO_NC_SIGNAL_SUSPEND:
		return signal_suspend(t);
	case EXO_NC_SIGNAL_PENDING:
		return signal_pending(t, (exo_u64)a1);
	case EXO_NC_SIGNAL_DEFAULT:
		return signal_default((int)a1);
	case EXO_NC_SIGNAL_TIMER:
		return signal_timer((exo_u64)a1, (exo_u64)a2);
	case EXO_NC_SIGNAL_ITIMER:
		return signal_itimer((unsigned)a1, (exo_u64)a2, (exo_u64)a3);
	case EXO_NC_TIMER_CREATE:
		return ktimer_create((unsigned)a1, (exo_u64)a2);
	case EXO_NC_TIMER_SET:
		return ktimer_set((int)a1, (unsigned)a2, (exo_u64)a3, (exo_u64)a4);
	case EXO_NC_TIMER_GET:
		return ktimer_get((int)a1, (exo_u64)a2);
	case EXO_NC_TIMER_OVERRUN:
		return ktimer_overrun((int)a1);
	case EXO_NC_TIMER_DELETE:
		return ktimer_delete((int)a1);
	case EXO_NC_SYSTEM_INFO:
		return system_info((unsigned)a1, (exo_u64)a2);
	case EXO_NC_CPU_AFFINITY:
		return cpu_affinity((unsigned)a1, (int)a2, (exo_u64)a3, (exo_u64)a4);
	case EXO_NC_PROCESS_USAGE:
		return process_usage((unsigned)a1, (exo_u64)a2);
	case EXO_NC_PROCESS_PRIORITY:
		return process_priority((unsigned)a1, (unsigned)a2, (int)a3, (int)a4);
	case EXO_NC_RANDOM:
		return kernel_random((exo_u64)a1, (exo_u64)a2, (unsigned)a3);
	case EXO_NC_DEBUG_REPORT:
		return trace_report((exo_u64)a1);
	default:
		fprintf(stderr, "exo-run: unknown native call %#lx refused\n", (unsigned long)nr);
		(void)a6;
		return EXO_ERR_BAD_CALL;
	}
}

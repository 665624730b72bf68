/* RING_ENTER's short path: a submission of exactly one entry whose
 * operation needs nothing but the capability table and at most one raw
 * host system call (a write to the null object, a seek, a read or write
 * of a regular file, a pipe, a socket or a terminal). entry.S calls it
 * before the trampoline's FS switch and vector save, so what runs here
 * must touch neither. It also does the fstat of any capability (STAT),
 * stat by name and opens that write nothing (STAT_AT, OPEN_AT,
 * ring_one_name.c) and close (RELEASE).
 *
 * - no glibc: its TLS (errno, the pointer guard of sigsetjmp) is reached
 *   through FS, which still holds the guest's (musl's) thread pointer;
 *   host calls are raw `syscall` instructions returning -errno;
 * - no vector register: this file, caps.c (cap_get) and status.c
 *   (status_from_errno) are compiled with -mgeneral-regs-only
 *   (configure.py), so the guest's ymm0-15 survive without a save.
 *
 * A host signal that lands here finds the guest's FS, as it does when it
 * interrupts the guest itself; its handlers install the launcher's TLS
 * first (signal_host.c, fault.c, sud.c). Anything else (another opcode,
 * a full completion queue, a bad capability, an entry with flags) is
 * declined before any state changes, and the general path (ring.c)
 * redoes the entry from the start with the usual statuses. Measured with
 * tests/bench/call_loop.c, docs/hybrid-perf.md. */
#include <sys/stat.h>
#include <sys/syscall.h>
#include <exo/status.h>
#include <exo/thread.h>
#include "kernel.h"
#include "host_raw.h"

static long host_status(long r)
{
	return r < 0 ? status_from_errno((int)-r) : r;
}

/* fstat, copied to the vDSO's buffer with user_copy. Without a thread
 * block (a unit test's thread) there is no user_fixup: the general path's
 * copy handles that case. */
static long stat_op(const struct exo_ring_sqe *sqe, struct kcap *c)
{
	struct stat st;
	struct exo_stat s;
	exo_u64 gs;
	long r;

	__asm__ volatile ("rdgsbase %0" : "=r"(gs));
	if (!gs)
		return RING_ONE_DECLINED;
	r = host_raw3(SYS_fstat, c->host_fd, (long)&st, 0);
	if (r < 0)
		return host_status(r);
	exo_stat_fill(&s, &st, cap_stat_object(c, &st));
	if (!guest_range_ok(sqe->addr, sizeof s))
		return EXO_ERR_FAULT;
	return user_copy((void *)sqe->addr, &s, sizeof s) < 0 ? EXO_ERR_FAULT : 0;
}

/* The operation, or RING_ONE_DECLINED when the general path must do it.
 * A regular file's read or write does not wait for a signal-interruptible
 * event on Linux, so the raw call stands in for cap_ops.c's interruptible
 * one (signal_cp.S); what may wait makes that same call here. */
static long one_op(const struct exo_ring_sqe *sqe)
{
	long status;
	struct kcap *c;

	switch (sqe->opcode) {
	case EXO_OP_READ:
	case EXO_OP_WRITE:
	case EXO_OP_SEEK:
	case EXO_OP_STAT:
		break;
	case EXO_OP_STAT_AT:
		return ring_one_stat_at(sqe);
	case EXO_OP_OPEN_AT:
		return ring_one_open_at(sqe);
	case EXO_OP_RELEASE:
		/* caps.c's cap_release with the raw close: glibc's would set
		 * errno through the guest's FS. */
		if (!(c = cap_get_untyped(sqe->cap, 0, &status)))
			return RING_ONE_DECLINED;
		status = c->host_fd;  /* before the slot is free to another thread */
		__atomic_store_n(&c->in_use, 0, __ATOMIC_RELEASE);
		return host_raw3(SYS_close, status, 0, 0) < 0 ? EXO_ERR_IO : 0;
	default:
		return RING_ONE_DECLINED;
	}
	/* A stat learns a type not yet known from its own fstat; the others
	 * decide by type (cap_get learns it, ABI 1.7): a regular file's
	 * first read, write or seek pays the fstat the open no longer made. */
	if (sqe->opcode == EXO_OP_STAT)
		return (c = cap_get_untyped(sqe->cap, EXO_RIGHT_STAT, &status)) ? stat_op(sqe, c)
		                                                                 : RING_ONE_DECLINED;
	c = cap_get(sqe->cap, exo_op_rights(sqe->opcode), &status);
	if (!c)
		return RING_ONE_DECLINED;
	if (sqe->opcode == EXO_OP_SEEK) {
		/* EXO_SEEK_SET/CUR/END are SEEK_SET/CUR/END (pinned in ring.h);
		 * SEEK_DATA/SEEK_HOLE and bad values take the general path,
		 * which maps their answers (cap_ops.c op_seek). */
		if (sqe->op_flags > EXO_SEEK_END)
			return RING_ONE_DECLINED;
		return host_status(host_raw3(SYS_lseek, c->host_fd, (long)sqe->offset, sqe->op_flags));
	}
	int at = (sqe->op_flags & EXO_IO_AT_OFFSET) != 0;
	if (c->object == EXO_OBJ_NULL && !at)
		return sqe->opcode == EXO_OP_WRITE ? (long)sqe->len : 0;
	if (c->object != EXO_OBJ_FILE) {
		/* A pipe, socket, terminal or event counter may wait: the
		 * general path's own call (cap_ops.c op_read/op_write),
		 * host_call_cp, is plain assembly reaching the thread block
		 * through GS, so it runs here as well. A guest signal landing
		 * before or during the wait finds a PC in the launcher's text
		 * and in [host_cp_begin, host_cp_end): signal_host.c's deliver()
		 * marks it pending and ends the call with -EINTR, exactly as
		 * there; the vDSO then restarts or fails it (SA_RESTART).
		 * Without a thread block (a unit test's thread) host_call_cp
		 * is a plain call, as on the general path. */
		if (at)
			return RING_ONE_DECLINED;
		return host_status(host_call_cp(sqe->opcode == EXO_OP_READ ? SYS_read : SYS_write,
		                                c->host_fd, (long)sqe->addr, sqe->len, 0, 0, 0));
	}
	if (sqe->opcode == EXO_OP_READ)
		return host_status(at ? host_raw4(SYS_pread64, c->host_fd, (long)sqe->addr, sqe->len,
		                             (long)sqe->offset)
		                      : host_raw3(SYS_read, c->host_fd, (long)sqe->addr, sqe->len));
	return host_status(at ? host_raw4(SYS_pwrite64, c->host_fd, (long)sqe->addr, sqe->len,
	                             (long)sqe->offset)
	                      : host_raw3(SYS_write, c->host_fd, (long)sqe->addr, sqe->len));
}

long ring_enter_one(struct kthread *t)
{
	struct exo_ring_header *h = t->ring;
	char *base = (char *)h;
	exo_u32 tail = __atomic_load_n(&h->sq_tail, __ATOMIC_ACQUIRE);
	exo_u32 cq_head = __atomic_load_n(&h->cq_head, __ATOMIC_ACQUIRE);
	exo_u32 head = t->sq_head;
	struct exo_ring_sqe sqe;
	long result;

	/* ring_enter's checks, declined rather than answered: the general
	 * path gives the same statuses. */
	if (tail == head || tail - head > EXO_RING_ENTRIES ||
	    t->cq_tail - cq_head >= EXO_RING_ENTRIES)
		return RING_ONE_DECLINED;
	ring_sqe_copy(&sqe, (struct exo_ring_sqe *)(base + EXO_RING_SQE_OFFSET) +
	                        (head & (EXO_RING_ENTRIES - 1)));
	if (sqe.flags)
		return RING_ONE_DECLINED;
	result = one_op(&sqe);
	if (result == RING_ONE_DECLINED)
		return result;
	t->sq_head = head + 1;
	__atomic_store_n(&h->sq_head, head + 1, __ATOMIC_RELEASE);
	struct exo_ring_cqe *cqe = (struct exo_ring_cqe *)(base + EXO_RING_CQE_OFFSET) +
	                           (t->cq_tail & (EXO_RING_ENTRIES - 1));
	cqe->user_data = sqe.user_data;
	cqe->result = result;
	t->cq_tail++;
	__atomic_store_n(&h->cq_tail, t->cq_tail, __ATOMIC_RELEASE);
	return t->cq_tail - cq_head;
}

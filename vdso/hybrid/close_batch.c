/* Closing many descriptors at once: close_range, and the CLOEXEC ones
 * before an exec. The RELEASE entries go to the kernel in as few
 * submissions as the ring holds (one for up to EXO_RING_ENTRIES
 * descriptors), not one kernel entry per descriptor: issue 3's batching
 * of "close of many fds on exec". */
#include "../internal/syscalls.h"
#include "../internal/linux_ctl.h"

struct release_batch {
	struct exo_ring_sqe sqes[EXO_RING_ENTRIES];
	long results[EXO_RING_ENTRIES];
	unsigned n;
};

static void flush(struct release_batch *b)
{
	if (b->n)
		ring_run_batch(b->sqes, b->n, b->results);
	b->n = 0;
}

/* The descriptor is free in the table at once; its capability goes with
 * the batch. A release that fails leaves it closed all the same, as
 * close does. */
static void add(struct release_batch *b, struct exo_fd_entry *e)
{
	exo_cap_t cap = e->cap;

	__atomic_store_n(&e->cap, EXO_CAP_INVALID, __ATOMIC_RELEASE);
	b->sqes[b->n++] = (struct exo_ring_sqe){ .opcode = EXO_OP_RELEASE, .cap = cap };
	if (b->n == EXO_RING_ENTRIES)
		flush(b);
}

/* Close the open descriptors in [first, last] (only the CLOEXEC ones if
 * cloexec_only); returns how many. */
static long close_many(unsigned long first, unsigned long last, int cloexec_only)
{
	struct release_batch b;
	long closed = 0;

	b.n = 0;
	if (last >= exo_vdso_process.fd_limit)
		last = exo_vdso_process.fd_limit - 1;
	for (unsigned long fd = first; fd <= last && fd < exo_vdso_process.fd_limit; fd++) {
		struct exo_fd_entry *e = fd_lookup((long)fd);
		if (!e || (cloexec_only && !(e->fd_flags & EXO_FD_CLOEXEC)))
			continue;
		add(&b, e);
		closed++;
	}
	flush(&b);
	return closed;
}

hidden long fd_close_cloexec_batch(void)
{
	return close_many(0, ~0ul, 1);
}

/* close_range(first, last, flags): CLOSE_RANGE_CLOEXEC only marks the
 * descriptors; CLOSE_RANGE_UNSHARE is meaningless here (the table is
 * the process's own), as Linux makes it for an unshared table. */
hidden long sys_close_range(SYSCALL_ARGS)
{
	unsigned first = (unsigned)a1, last = (unsigned)a2;

	if (a3 & ~(long)(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC) || first > last)
		return -EINVAL;
	if (a3 & CLOSE_RANGE_CLOEXEC) {
		for (unsigned long fd = first; fd <= last && fd < exo_vdso_process.fd_limit; fd++) {
			struct exo_fd_entry *e = fd_lookup((long)fd);
			if (e)
				e->fd_flags |= EXO_FD_CLOEXEC;
		}
		return 0;
	}
	close_many(first, last, 0);
	return 0;
}

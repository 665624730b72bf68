/* The forking thread's block page and the guest's stack page copied by
 * the host's fork, not faulted.
 *
 * That page holds the thread block, both save areas and the kernel
 * stack's top (thread.c), and both processes write it right after the
 * host fork returns (the kernel's own frames, then the entry's return):
 * under copy-on-write that was two faults per fork, one of them with a
 * page copy (perf record -e exceptions:page_fault_user,
 * docs/legacy-processes.md). Linux since 5.11 ("fork: eager copy of
 * pinned pages", mm/memory.c copy_present_page) copies into the child at
 * fork time an anonymous page that may be DMA-pinned (the mm has
 * MMF_HAS_PINNED and the page's pin count is raised) and leaves the
 * parent's entry writable: one page copy inside the fork, no fault on
 * either side. A FOLL_LONGTERM pin that user space can make is an
 * io_uring registered buffer, so the page is registered with a ring of
 * one entry that is never used otherwise.
 *
 * The guest's stack page at that fork is registered with it: musl's fork
 * and the vDSO write it in both processes after the host fork as they
 * return (two faults per fork natively too, which the kernel model, like
 * any kernel, may spare by copying the page at once). The entry's call
 * has just written it, so it is writable and already the process's own
 * copy (or shared, which the pin does not change); should the host refuse
 * it (a stack in a file mapping), the block's page is pinned alone. A
 * later fork from another stack page faults there as before.
 *
 * Made lazily, at a process's second fork, for the thread that forks
 * then; a fork child, whose page is a fresh copy without the pin, makes
 * its own at its own second fork. The ring costs 11-17 us to set up
 * (io_uring_setup; registering it 1.5-2 us, closing it 3-4: a C loop of
 * 1000 each on this machine), a pinned fork saves about 5-8 us
 * (docs/legacy-processes.md): a process that forks once (a pipeline's
 * child before its exec) would lose, one that forks three times wins.
 * Where io_uring is unavailable (kernel.io_uring_disabled, RLIMIT_MEMLOCK
 * too small, an old kernel) forks fault as before; --trace says so (once
 * per process).
 *
 * The ring's host descriptor is the kernel's, not a guest descriptor
 * (guest descriptors are capabilities, caps.c). Linux opens every ring
 * O_CLOEXEC, so an exec drops it (the new launcher pins again at its
 * second fork). A fork child inherits it: keeping it costs nothing (it
 * only holds the parent's pinned pages a while longer, 8 KiB), closing
 * it would cost every child a host call, so it is closed only when the
 * child makes its own pin. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <linux/io_uring.h>
#include "kernel.h"

/* Written at a process's first two forks, before the host fork, read
 * by every fork: a static costs no page copy after that. */
static int pin_ring = -1;
static int pin_pid;       /* this process has pinned (or tried) */
static int forked_pid;    /* this process has forked once */

void fork_pin(struct kthread *t, int me)
{
	struct io_uring_params p;
	struct iovec iov[2];
	int fd;

	if (pin_pid == me)
		return;
	if (forked_pid != me) {
		forked_pid = me;
		return;
	}
	pin_pid = me;
	if (pin_ring >= 0)
		close(pin_ring);   /* the parent's, inherited */
	pin_ring = -1;
	memset(&p, 0, sizeof p);
	fd = (int)syscall(SYS_io_uring_setup, 1, &p);
	if (fd < 0)
		goto fail;
	iov[0].iov_base = (void *)((exo_u64)t->block & ~(exo_u64)4095);
	iov[0].iov_len = 4096;
	exo_u64 guest_sp = ((const exo_u64 *)t->block)[-1];   /* entry.S's first push */
	iov[1].iov_base = (void *)(guest_sp & ~(exo_u64)4095);
	iov[1].iov_len = 4096;
	if (iov[1].iov_base != iov[0].iov_base &&
	    syscall(SYS_io_uring_register, fd, IORING_REGISTER_BUFFERS, iov, 2) == 0) {
		pin_ring = fd;
		return;
	}
	if (syscall(SYS_io_uring_register, fd, IORING_REGISTER_BUFFERS, iov, 1) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		goto fail;
	}
	pin_ring = fd;
	return;
fail:
	if (opt.trace)
		fprintf(stderr, "exo-run: fork: thread block not pinned (%m): "
		        "each fork faults on it and the stack\n");
}

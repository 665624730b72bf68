/* The pages both processes write right after a fork copied by the host's
 * fork, not faulted: the forking thread's block page, the guest's stack
 * page and its thread descriptor's page.
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
 * later fork from another stack page faults there as before. So is the
 * page at the guest's thread pointer, its libc's thread descriptor,
 * which a libc rewrites in every fork child (musl's _Fork: the tid, the
 * robust list; glibc's too): in a small static program it is also the
 * page of its .data and .bss. Written when the thread started, so the
 * process's own too.
 *
 * Made lazily, at a process's second fork, for the thread that forks
 * then; a fork child, whose page is a fresh copy without the pin, makes
 * its own at its own second fork. The ring costs 11-17 us to set up
 * (io_uring_setup; registering it 1.5-2 us, closing it 3-4: a C loop of
 * 1000 each on this machine), a pinned fork saves about 10 us of CPU
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
 * only holds the parent's pinned pages a while longer, 12 KiB), closing
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

/* Adds the page holding addr unless it is there already or addr is 0. */
static unsigned add_page(struct iovec *iov, unsigned n, exo_u64 addr)
{
	void *page = (void *)(addr & ~(exo_u64)4095);

	if (!addr)
		return n;
	for (unsigned i = 0; i < n; i++)
		if (iov[i].iov_base == page)
			return n;
	iov[n].iov_base = page;
	iov[n].iov_len = 4096;
	return n + 1;
}

void fork_pin(struct kthread *t, int me)
{
	struct io_uring_params p;
	struct iovec iov[3];
	const exo_u64 *kpriv = t->block->kernel_private;
	unsigned n = 0;
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
	n = add_page(iov, n, (exo_u64)t->block);
	n = add_page(iov, n, ((const exo_u64 *)t->block)[-1]);   /* entry.S's first push */
	n = add_page(iov, n, kpriv[(KP_GUEST_FS - EXO_TB_KERNEL_PRIVATE) / 8]);
	/* All or none per call: the guest's pages first given up (their
	 * order above), the block's last. */
	for (; n > 0; n--)
		if (syscall(SYS_io_uring_register, fd, IORING_REGISTER_BUFFERS, iov, n) == 0) {
			pin_ring = fd;
			return;
		}
	int e = errno;
	close(fd);
	errno = e;
fail:
	if (opt.trace)
		fprintf(stderr, "exo-run: fork: no pages pinned (%m): each fork "
		        "faults on those both processes write\n");
}

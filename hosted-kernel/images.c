/* Running programs cannot be written: Linux answers ETXTBSY to an open
 * for writing (or a truncate) of a file some process is running, and the
 * kernel model must too, since a program's image is its file's pages
 * (loader.c maps them copy-on-write): what a writer put there would show
 * in the running program, and a truncation would kill it with SIGBUS.
 *
 * The process tree shares a page of (pid, device, inode) slots, the third
 * page of the kernel data memfd (timekeeper.c), which every fork child and
 * exec'd image maps. A process fills its slot when its image is loaded
 * (an exec reuses the pid's slot: the old image is no longer running),
 * and an exit clears it; a slot whose process died without exiting is
 * recognised by kill(pid, 0) and reused. A fork child's slot is filled by
 * its parent, which already has the page mapped (the child's first touch
 * of it was a page fault per fork, docs/legacy-processes.md): reserved
 * before the host fork, given the child's pid after it, and cleared when
 * the parent reaps the child. A child that execs first cancels the
 * reservation, so the parent cannot later mark it as running the old
 * image. A child reaped by another process (its parent gone, SIGCHLD
 * ignored) leaves its slot to the kill(pid, 0) test.
 * Writers outside the tree (another exo-run, a host program) are not
 * covered, nor is a tree running more than SLOTS processes at once. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include "kernel.h"

struct image_slot {
	exo_s32 pid;          /* 0 free, -pid while being filled, pid */
	exo_u32 reserved;
	exo_u64 dev, ino;
};

#define SLOTS (4096 / sizeof(struct image_slot))

static struct image_slot *slots;
static exo_u64 my_dev, my_ino;
static int have_image;
static pid_t filled_by;   /* who filled this process's slot: a fork child
                           * inherits its parent's pid here, no store */

void images_attach(void *page)
{
	slots = page;
}

static int alive(pid_t pid)
{
	return kill(pid, 0) == 0 || errno == EPERM;
}

/* This process's slot: the one its pid already has (an exec keeps the
 * pid), else a free one, else one of a process that is gone. */
static struct image_slot *claim(pid_t me)
{
	for (unsigned i = 0; i < SLOTS; i++)
		if (__atomic_load_n(&slots[i].pid, __ATOMIC_ACQUIRE) == me) {
			__atomic_store_n(&slots[i].pid, -me, __ATOMIC_RELAXED);
			return &slots[i];
		}
	for (int pass = 0; pass < 2; pass++)
		for (unsigned i = 0; i < SLOTS; i++) {
			exo_s32 p = __atomic_load_n(&slots[i].pid, __ATOMIC_ACQUIRE);
			if (pass == 0 ? p != 0 : p <= 0 || alive(p))
				continue;
			if (__atomic_compare_exchange_n(&slots[i].pid, &p, -me, 0,
			                                __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
				return &slots[i];
		}
	return NULL;
}

static void record(void)
{
	pid_t me = getpid();
	struct image_slot *s;

	if (!slots || !have_image || !(s = claim(me)))
		return;
	s->dev = my_dev;
	s->ino = my_ino;
	__atomic_store_n(&s->pid, me, __ATOMIC_RELEASE);
	filled_by = me;
}

void image_running(const struct stat *st)
{
	my_dev = st->st_dev;
	my_ino = st->st_ino;
	have_image = 1;
	record();
}

/* Before a host fork: a slot for the child, marked as being filled by
 * this process, `me` (-pid, which no other claim takes over). Returns its
 * index + 1 for image_fork_done, 0 when there is none. */
unsigned image_fork_reserve(pid_t me)
{
	if (!slots || !have_image)
		return 0;
	for (unsigned i = 0; i < SLOTS; i++) {
		exo_s32 p = __atomic_load_n(&slots[i].pid, __ATOMIC_ACQUIRE);
		if ((p == 0 || (p > 0 && p != me && !alive(p))) &&
		    __atomic_compare_exchange_n(&slots[i].pid, &p, -me, 0, __ATOMIC_ACQ_REL,
		                                __ATOMIC_RELAXED)) {
			slots[i].dev = my_dev;
			slots[i].ino = my_ino;
			return i + 1;
		}
	}
	return 0;
}

/* After it, in the parent: the child's pid, or 0 when the fork failed.
 * The exchange fails if the child has already cancelled (execed). */
void image_fork_done(unsigned slot, pid_t me, int child)
{
	exo_s32 p = -me;

	if (slot)
		__atomic_compare_exchange_n(&slots[slot - 1].pid, &p, child > 0 ? child : 0, 0,
		                            __ATOMIC_ACQ_REL, __ATOMIC_RELAXED);
}

/* In a fork child about to exec: the slot its parent reserved says it
 * runs the old image. Still being filled: cancelled; already the
 * child's: the new image's record() finds and refills it. */
void image_exec_cancel(unsigned slot)
{
	exo_s32 p = -getppid();

	if (slot && slots && filled_by != getpid())
		__atomic_compare_exchange_n(&slots[slot - 1].pid, &p, 0, 0, __ATOMIC_ACQ_REL,
		                            __ATOMIC_RELAXED);
}

/* The parent has reaped the child: its image no longer runs there. */
void image_reaped(int child)
{
	for (unsigned i = 0; slots && i < SLOTS; i++)
		if (__atomic_load_n(&slots[i].pid, __ATOMIC_ACQUIRE) == child)
			__atomic_store_n(&slots[i].pid, 0, __ATOMIC_RELEASE);
}

void image_exit(void)
{
	/* The caller is a guest thread in the kernel (an exit): its block
	 * holds the pid, a host call fewer in every fork child's end. */
	pid_t me = (pid_t)kthread_current()->block->pid;

	/* A fork child that has not execed has its slot from its parent,
	 * which clears it when it reaps: not touching the page here spares
	 * the child's exit a page fault. A parent that has gone (the child
	 * was reparented) will not: the child clears its own. */
	if (filled_by != me && have_image &&
	    kthread_current()->block->ppid == (exo_u32)getppid())
		return;
	for (unsigned i = 0; slots && i < SLOTS; i++)
		if (__atomic_load_n(&slots[i].pid, __ATOMIC_ACQUIRE) == me)
			__atomic_store_n(&slots[i].pid, 0, __ATOMIC_RELEASE);
}

int image_busy(const struct stat *st)
{
	if (!slots || !S_ISREG(st->st_mode))
		return 0;
	for (unsigned i = 0; i < SLOTS; i++) {
		exo_s32 p = __atomic_load_n(&slots[i].pid, __ATOMIC_ACQUIRE);
		if (p > 0 && slots[i].dev == (exo_u64)st->st_dev && slots[i].ino == (exo_u64)st->st_ino &&
		    (p == getpid() || alive(p)))
			return 1;
	}
	return 0;
}

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
 * a fork child takes one of its own, and an exit clears it; a slot whose
 * process died without exiting is recognised by kill(pid, 0) and reused.
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
}

void image_running(const struct stat *st)
{
	my_dev = st->st_dev;
	my_ino = st->st_ino;
	have_image = 1;
	record();
}

/* A fork child runs its parent's image, and may outlive it. */
void image_forked(void)
{
	record();
}

void image_exit(void)
{
	pid_t me = getpid();

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

/* --stats for a process tree. Each process counts its own calls in its
 * process area (the vDSO's counters; a fork child starts from zero, exec
 * keeps counting). At its end a process adds its counts to one shared
 * total, a memfd every launcher of the tree maps (fork inherits the
 * mapping, exec carries the descriptor), and the launcher the user
 * started prints that total when its program ends: one table for the
 * whole tree, not one per process. Calls of processes still running at
 * that moment are not in it, and a process killed by a signal adds
 * nothing (its launcher dies with it). */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "kernel.h"

struct tree_stats {
	struct exo_stats total;
	exo_u32 processes;        /* ended and added */
};

static struct tree_stats *tree;
static int tree_fd = -1;
static int tree_root;         /* this launcher was started by the user */

int stats_tree_start(void)
{
	tree_fd = memfd_create("posix-x-tree-stats", MFD_CLOEXEC);
	if (tree_fd < 0 || ftruncate(tree_fd, sizeof *tree) < 0)
		return -1;
	tree_root = 1;
	return stats_tree_adopt(tree_fd, 1);
}

int stats_tree_adopt(int fd, int root)
{
	void *p = mmap(NULL, sizeof *tree, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	if (p == MAP_FAILED)
		return -1;
	tree = p;
	tree_fd = fd;
	tree_root = root;
	return 0;
}

int stats_tree_fd(void)
{
	return tree_fd;
}

int stats_tree_is_root(void)
{
	return tree_root;
}

/* In a fork child: it counts its own calls from here, and is no root. */
void stats_tree_after_fork(exo_u64 process_area)
{
	memset((void *)(process_area + EXO_PROCESS_STATS_OFFSET), 0, sizeof(struct exo_stats));
	tree_root = 0;
}

void stats_tree_end(const struct exo_stats *own)
{
	if (!tree) {
		stats_print(own, 1);
		return;
	}
	for (int t = 0; t < EXO_TIER_COUNT; t++)
		for (int nr = 0; nr < EXO_STATS_SYSCALLS; nr++)
			if (own->calls[t][nr])
				__atomic_fetch_add(&tree->total.calls[t][nr], own->calls[t][nr],
				                   __ATOMIC_RELAXED);
	__atomic_fetch_add(&tree->processes, 1, __ATOMIC_ACQ_REL);
	if (tree_root)
		stats_print(&tree->total, __atomic_load_n(&tree->processes, __ATOMIC_ACQUIRE));
}

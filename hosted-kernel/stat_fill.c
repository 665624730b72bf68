/* A host stat as Exo-OS's struct exo_stat (abi/exo/objects.h), for STAT,
 * STAT_AT and the open path. Compiled with -mgeneral-regs-only (configure.py)
 * because RING_ENTER's short path (ring_one.c) fills one with the guest's
 * vector registers live: every field is stored one by one, so the compiler
 * has no structure to clear or copy with glibc's memset or memcpy, whose
 * AVX versions would clobber them. */
#include <sys/stat.h>
#include "kernel.h"

static struct exo_timespec ts(struct timespec t)
{
	struct exo_timespec r;

	r.sec = t.tv_sec;
	r.nsec = (exo_u32)t.tv_nsec;
	r.reserved = 0;
	return r;
}

void exo_stat_fill(struct exo_stat *s, const struct stat *st, unsigned object)
{
	s->object = object;
	s->perms = st->st_mode & 07777;
	s->size = (exo_u64)st->st_size;
	s->device = st->st_dev;
	s->inode = st->st_ino;
	s->rdev = st->st_rdev;
	s->blocks = (exo_u64)st->st_blocks;
	s->links = (exo_u32)st->st_nlink;
	s->block_size = (exo_u32)st->st_blksize;
	s->uid = st->st_uid;
	s->gid = st->st_gid;
	s->accessed = ts(st->st_atim);
	s->modified = ts(st->st_mtim);
	s->changed = ts(st->st_ctim);
	for (unsigned i = 0; i < sizeof s->reserved / sizeof s->reserved[0]; i++)
		s->reserved[i] = 0;
}

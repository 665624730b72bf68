/* statx: the same EXO_OP_STAT_AT as stat (hybrid/stat.c), laid out as
 * struct statx with the basic fields. Birth time and mount id are not
 * in struct exo_stat: stx_mask says so, as Linux does for a file system
 * that lacks them. */
#include "../internal/syscalls.h"

static struct linux_statx_timestamp stamp(struct exo_timespec t)
{
	return (struct linux_statx_timestamp){ .tv_sec = t.sec, .tv_nsec = t.nsec };
}

hidden long sys_statx(SYSCALL_ARGS)
{
	const long known = AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE;
	struct linux_statx out, *x = &out;
	struct linux_stat st;
	struct exo_stat s;
	long r;

	if ((a3 & ~known) || (a3 & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	if ((unsigned)a4 & STATX__RESERVED)
		return -EINVAL;
	if ((r = stat_name(a1, (const char *)a2, a3, &s)) < 0)
		return r;
	linux_stat_from_exo(&s, &st);   /* the mode and the device numbers' encoding */
	memset(x, 0, sizeof *x);
	x->stx_mask = STATX_BASIC_STATS;
	x->stx_blksize = s.block_size;
	x->stx_nlink = s.links;
	x->stx_uid = s.uid;
	x->stx_gid = s.gid;
	x->stx_mode = (exo_u16)st.st_mode;
	x->stx_ino = s.inode;
	x->stx_size = s.size;
	x->stx_blocks = s.blocks;
	x->stx_atime = stamp(s.accessed);
	x->stx_mtime = stamp(s.modified);
	x->stx_ctime = stamp(s.changed);
	/* glibc's and Linux's dev_t encoding: 12 bits of major, 20 of minor,
	 * split around the low byte. */
	x->stx_rdev_major = (exo_u32)(((s.rdev >> 8) & 0xfff) | ((s.rdev >> 32) & ~0xfffu));
	x->stx_rdev_minor = (exo_u32)((s.rdev & 0xff) | ((s.rdev >> 12) & ~0xffu));
	x->stx_dev_major = (exo_u32)(((s.device >> 8) & 0xfff) | ((s.device >> 32) & ~0xfffu));
	x->stx_dev_minor = (exo_u32)((s.device & 0xff) | ((s.device >> 12) & ~0xffu));
	return user_write((void *)a5, &out, sizeof out);
}

/* statfs, fstatfs: one EXO_OP_STATFS_AT, by name or of the descriptor's
 * capability; struct exo_statfs becomes Linux's struct statfs. */
#include "../internal/syscalls.h"

static const struct { exo_u32 exo, linux; } flag_map[] = {
	{ EXO_STATFS_READ_ONLY, ST_RDONLY }, { EXO_STATFS_NO_SUID, ST_NOSUID },
	{ EXO_STATFS_NO_DEV, ST_NODEV }, { EXO_STATFS_NO_EXEC, ST_NOEXEC },
	{ EXO_STATFS_SYNC, ST_SYNCHRONOUS }, { EXO_STATFS_NO_ATIME, ST_NOATIME },
	{ EXO_STATFS_RELATIME, ST_RELATIME },
};

static long statfs_at(long dirfd, const char *path, struct linux_statfs *user, unsigned f)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_STATFS_AT };
	struct linux_statfs buf, *out = &buf;
	struct exo_statfs s;
	long r;

	path_sqe(&sqe, dirfd, path);
	sqe.addr2 = (exo_u64)&s;
	sqe.op_flags = f;
	if ((r = path_errno(ring_run(&sqe))) < 0)
		return r;
	memset(out, 0, sizeof *out);
	out->f_type = (exo_s64)s.kind;
	out->f_bsize = (exo_s64)s.io_size;
	out->f_frsize = (exo_s64)s.block_size;
	out->f_blocks = s.blocks;
	out->f_bfree = s.blocks_free;
	out->f_bavail = s.blocks_available;
	out->f_files = s.files;
	out->f_ffree = s.files_free;
	out->f_fsid[0] = (exo_s32)s.id;
	out->f_fsid[1] = (exo_s32)(s.id >> 32);
	out->f_namelen = s.name_max;
	out->f_flags = ST_VALID;   /* Linux sets it: the flags field is meaningful */
	for (unsigned i = 0; i < sizeof flag_map / sizeof flag_map[0]; i++)
		if (s.flags & flag_map[i].exo)
			out->f_flags |= flag_map[i].linux;
	return user_write(user, &buf, sizeof buf);
}

hidden long sys_statfs(SYSCALL_ARGS)
{
	return statfs_at(AT_FDCWD, (const char *)a1, (struct linux_statfs *)a2, 0);
}

hidden long sys_fstatfs(SYSCALL_ARGS)
{
	if (!fd_lookup(a1))
		return -EBADF;
	return statfs_at(a1, "", (struct linux_statfs *)a2, EXO_FS_EMPTY_NAME);
}

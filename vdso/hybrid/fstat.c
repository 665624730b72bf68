/* fstat: the kernel fills a struct exo_stat, the vDSO builds Linux's
 * (for the stat calls by name too, hybrid/stat.c) and copies it out with
 * user_write, so a bad buffer is EFAULT. */
#include "../internal/syscalls.h"

static const exo_u32 type_bits[] = {
	[EXO_OBJ_NULL] = S_IFCHR,
	[EXO_OBJ_FILE] = S_IFREG,
	[EXO_OBJ_DIRECTORY] = S_IFDIR,
	[EXO_OBJ_TTY] = S_IFCHR,
	[EXO_OBJ_PIPE] = S_IFIFO,
	[EXO_OBJ_SOCKET] = S_IFSOCK,
	[EXO_OBJ_CHARDEV] = S_IFCHR,
	[EXO_OBJ_BLOCKDEV] = S_IFBLK,
	[EXO_OBJ_SYMLINK] = S_IFLNK,
};

hidden void linux_stat_from_exo(const struct exo_stat *s, struct linux_stat *st)
{
	memset(st, 0, sizeof *st);
	st->st_dev = s->device;
	st->st_ino = s->inode;
	st->st_nlink = s->links;
	st->st_mode = (s->object < sizeof type_bits / sizeof type_bits[0] ? type_bits[s->object] : 0)
	              | (s->perms & 07777);
	st->st_uid = s->uid;
	st->st_gid = s->gid;
	st->st_rdev = s->rdev;
	st->st_size = (exo_s64)s->size;
	st->st_blksize = s->block_size;
	st->st_blocks = (exo_s64)s->blocks;
	st->st_atim.tv_sec = s->accessed.sec;
	st->st_atim.tv_nsec = s->accessed.nsec;
	st->st_mtim.tv_sec = s->modified.sec;
	st->st_mtim.tv_nsec = s->modified.nsec;
	st->st_ctim.tv_sec = s->changed.sec;
	st->st_ctim.tv_nsec = s->changed.nsec;
}

hidden long stat_cap(exo_cap_t cap, struct linux_stat *st)
{
	struct exo_stat s;
	struct linux_stat out;
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_STAT };
	long r;

	sqe.cap = cap;
	sqe.addr = (exo_u64)&s;
	r = ring_run(&sqe);
	if (r < 0)
		return errno_from_status(r);
	linux_stat_from_exo(&s, &out);
	return user_write(st, &out, sizeof out);
}

hidden long sys_fstat(SYSCALL_ARGS)
{
	struct exo_fd_entry *e = fd_lookup(a1);

	if (!e)
		return -EBADF;
	return stat_cap(e->cap, (struct linux_stat *)a2);
}

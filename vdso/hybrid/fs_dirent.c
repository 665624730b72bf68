/* getdents64: one EXO_OP_READ_DIR into the program's own buffer, then
 * each struct exo_dirent rewritten in place as Linux's linux_dirent64.
 * A Linux record is never longer than the native one for the same name
 * (19 header bytes against 20), so the rewrite only moves bytes towards
 * the start and never overtakes what it has still to read. */
#include "../internal/syscalls.h"

static const exo_u8 dtype_of[] = {
	[EXO_OBJ_NULL] = DT_CHR,
	[EXO_OBJ_FILE] = DT_REG,
	[EXO_OBJ_DIRECTORY] = DT_DIR,
	[EXO_OBJ_TTY] = DT_CHR,
	[EXO_OBJ_PIPE] = DT_FIFO,
	[EXO_OBJ_SOCKET] = DT_SOCK,
	[EXO_OBJ_CHARDEV] = DT_CHR,
	[EXO_OBJ_BLOCKDEV] = DT_BLK,
	[EXO_OBJ_SYMLINK] = DT_LNK,
};

static unsigned long to_linux(char *buf, unsigned long n)
{
	unsigned long in = 0, out = 0;

	while (in < n) {
		const struct exo_dirent *d = (const struct exo_dirent *)(buf + in);
		struct linux_dirent64 *l = (struct linux_dirent64 *)(buf + out);
		exo_u64 inode = d->inode, cookie = d->cookie;
		unsigned size = d->size, len = d->name_len, object = d->object;
		const char *from = buf + in + 20;

		l->d_ino = inode;
		l->d_off = (exo_s64)cookie;
		l->d_reclen = (exo_u16)LINUX_DIRENT64_SIZE(len);
		l->d_type = object < sizeof dtype_of ? dtype_of[object] : DT_UNKNOWN;
		/* Forwards, byte by byte: the ranges overlap, the destination
		 * first (memcpy would not promise that). */
		for (unsigned i = 0; i <= len; i++)
			l->d_name[i] = from[i];
		in += size;
		out += l->d_reclen;
	}
	return out;
}

hidden long sys_getdents64(SYSCALL_ARGS)
{
	struct exo_fd_entry *e = fd_lookup_io(a1);
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_READ_DIR };
	unsigned long count = (unsigned long)a3;
	long r;

	if (!e)
		return -EBADF;
	sqe.cap = e->cap;
	sqe.addr = (exo_u64)a2;
	sqe.len = count > 0x7fffffffu ? 0x7fffffffu : (exo_u32)count;
	r = ring_run(&sqe);
	if (r == EXO_ERR_RIGHTS)
		return -EBADF;   /* a directory not open for reading (O_PATH) */
	if (r < 0)
		return errno_from_status(r);
	return (long)to_linux((char *)a2, (unsigned long)r);
}

/* The capability table of the running process and the core ring
 * operations (ring.h) on the objects it holds. Rights live here, in the kernel: each
 * operation checks the right it needs before it looks at anything else,
 * so a write through the read-only stdin capability fails whatever the
 * vDSO believed. */
#include <exo/objects.h>
#include <exo/process.h>
#include "kernel.h"

#define IOV_MAX 1024
#define CHUNK 512

#define TABLE (current->caps)   /* handle 0 is never used */

void caps_clear(struct process *p)
{
	for (unsigned i = 0; i < CAP_TABLE_SIZE; i++) {
		kobj_put(p->caps[i].obj);
		p->caps[i] = (struct kcap){ NULL, 0 };
	}
}

/* A fork child's table: every handle designates the same open object. */
void caps_copy(struct process *dst, const struct process *src)
{
	for (unsigned i = 0; i < CAP_TABLE_SIZE; i++) {
		dst->caps[i] = src->caps[i];
		if (dst->caps[i].obj)
			dst->caps[i].obj->refs++;
	}
}

long cap_install(struct kobj *o, unsigned rights)
{
	for (unsigned i = 1; i < CAP_TABLE_SIZE; i++) {
		if (!TABLE[i].obj) {
			TABLE[i] = (struct kcap){ o, rights };
			return i;
		}
	}
	kobj_put(o);
	return EXO_ERR_TABLE_FULL;
}

long cap_install_console(unsigned rights, enum console_object backend, unsigned status)
{
	struct kobj *o = kobj_new(EXO_OBJ_CHARDEV);

	if (!o)
		return EXO_ERR_NO_MEMORY;
	o->backend = backend;
	o->status = status;
	return cap_install(o, rights);
}

struct kcap *cap_get(exo_cap_t cap, unsigned rights, long *status)
{
	if (cap == EXO_CAP_INVALID || cap >= CAP_TABLE_SIZE || !TABLE[cap].obj) {
		*status = EXO_ERR_BAD_CAP;
		return NULL;
	}
	if ((TABLE[cap].rights & rights) != rights) {
		*status = EXO_ERR_RIGHTS;
		return NULL;
	}
	return &TABLE[cap];
}

long cap_release(exo_cap_t cap)
{
	long status;

	if (!cap_get(cap, 0, &status))
		return status;
	kobj_put(TABLE[cap].obj);
	TABLE[cap] = (struct kcap){ NULL, 0 };
	return 0;
}

/* Console input has nothing to give: reads see end of file at once. As
 * on Linux (/dev/null), a buffer outside user space is EFAULT even then;
 * an unmapped one in user space is never touched, so it is not. */
static long console_read(const struct kcap *c, u64 addr, u64 len)
{
	(void)c;
	if (len && !user_range(addr, len))
		return EXO_ERR_FAULT;
	return 0;
}

/* A write whose buffer is not all readable writes nothing and is EFAULT,
 * as a write of up to a page into a Linux pipe is (the differential tests
 * compare with one); checked first so no partial line reaches the port. */
static long console_write_user(const struct kcap *c, u64 addr, u64 len)
{
	enum console_port port = c->obj->backend == CONSOLE_ERR ? PORT_STDERR : PORT_STDOUT;
	char buf[CHUNK];
	u64 done = 0;

	if (!user_readable(&current->as, addr, len))
		return EXO_ERR_FAULT;

	while (done < len) {
		u64 n = len - done < CHUNK ? len - done : CHUNK;
		if (copy_from_user(&current->as, buf, addr + done, n) < 0)
			return done ? (long)done : EXO_ERR_FAULT;
		console_write(port, buf, n);
		done += n;
	}
	return (long)done;
}

/* Every buffer of a vector write is readable: checked before anything is
 * written, for the reason console_write_user gives. */
static long vector_readable(const struct exo_ring_sqe *sqe)
{
	struct exo_iovec iov[16];

	for (u32 i = 0; i < sqe->len; i += 16) {
		u32 n = sqe->len - i < 16 ? sqe->len - i : 16;
		if (copy_from_user(&current->as, iov, sqe->addr + i * sizeof iov[0], n * sizeof iov[0]) < 0)
			return EXO_ERR_FAULT;
		for (u32 k = 0; k < n; k++)
			if (!user_readable(&current->as, iov[k].base, iov[k].len))
				return EXO_ERR_FAULT;
	}
	return 0;
}

/* A read or write of one buffer on whatever object the capability
 * designates; pos is the position to use and advance (NULL: the
 * object's own). A file is read-only (the capability never has WRITE);
 * a directory is read with READ_DIR, never read(). */
static long object_io(const struct kcap *c, u64 addr, u64 len, int is_write, u64 *pos)
{
	switch (c->obj->object) {
	case EXO_OBJ_CHARDEV:
		return is_write ? console_write_user(c, addr, len) : console_read(c, addr, len);
	case EXO_OBJ_FILE:
		if (is_write)
			return EXO_ERR_RIGHTS;
		return fs_read(c->obj, addr, len, pos ? pos : &c->obj->pos);
	case EXO_OBJ_DIRECTORY:
		return EXO_ERR_IS_DIR;
	}
	return EXO_ERR_WRONG_TYPE;
}

static long op_vector(const struct exo_ring_sqe *sqe, const struct kcap *c, int is_write)
{
	struct exo_iovec iov[16];
	u64 total = 0, at = sqe->offset;
	u64 *pos = sqe->op_flags & EXO_IO_AT_OFFSET ? &at : NULL;
	long err;

	if (sqe->len > IOV_MAX)
		return EXO_ERR_INVALID;
	if (is_write && (err = vector_readable(sqe)) < 0)
		return err;
	for (u32 i = 0; i < sqe->len; i += 16) {
		u32 n = sqe->len - i < 16 ? sqe->len - i : 16;
		if (copy_from_user(&current->as, iov, sqe->addr + i * sizeof iov[0], n * sizeof iov[0]) < 0)
			return total ? (long)total : EXO_ERR_FAULT;
		for (u32 k = 0; k < n; k++) {
			if (!iov[k].len)
				continue;
			long r = object_io(c, iov[k].base, iov[k].len, is_write, pos);
			if (r < 0)
				return total ? (long)total : r;
			total += (u64)r;
			if ((u64)r < iov[k].len)
				return (long)total;
		}
	}
	return (long)total;
}

static long op_stat(const struct exo_ring_sqe *sqe, const struct kcap *c)
{
	struct exo_stat s = {0};

	if (c->obj->object != EXO_OBJ_CHARDEV)
		return fs_stat(c->obj, sqe->addr);
	s.object = c->obj->object;
	s.perms = 0620;
	s.rdev = (4ul << 8) | 64;   /* the first serial port's device number on Linux */
	s.device = 5;
	s.inode = 1 + c->obj->backend;
	s.links = 1;
	s.block_size = 1024;
	return copy_to_user(&current->as, sqe->addr, &s, sizeof s);
}

static long op_duplicate(const struct kcap *c)
{
	c->obj->refs++;
	return cap_install(c->obj, c->rights);
}

/* len: the EXO_FD_APPEND/NONBLOCK bits to change, op_flags: their values. */
static long op_status(const struct exo_ring_sqe *sqe, const struct kcap *c)
{
	u32 change = sqe->len & (EXO_FD_APPEND | EXO_FD_NONBLOCK);

	if (sqe->len & ~(EXO_FD_APPEND | EXO_FD_NONBLOCK))
		return EXO_ERR_INVALID;
	c->obj->status = (c->obj->status & ~change) | (sqe->op_flags & change);
	return c->obj->status;
}

static long op_seek(const struct exo_ring_sqe *sqe, const struct kcap *c)
{
	if (c->obj->object == EXO_OBJ_CHARDEV)
		return EXO_ERR_WRONG_TYPE;   /* a console has no position: ESPIPE */
	return fs_seek(c->obj, (s64)sqe->offset, sqe->op_flags);
}

long cap_op(const struct exo_ring_sqe *sqe)
{
	struct kcap *c;
	long status;

	if (sqe->opcode == EXO_OP_NOP)
		return 0;
	if (sqe->opcode >= EXO_OP_FS_FIRST && sqe->opcode <= EXO_OP_FS_LAST)
		return fs_op(sqe);
	if (sqe->opcode >= EXO_OP_COUNT)
		return EXO_ERR_BAD_CALL;
	switch (sqe->opcode) {
	case EXO_OP_RELEASE: return cap_release(sqe->cap);
	case EXO_OP_OPEN_AT: return fs_open_at(sqe);
	case EXO_OP_STAT_AT: return fs_stat_at(sqe);
	case EXO_OP_ACCESS_AT: return fs_access_at(sqe);
	}
	c = cap_get(sqe->cap, exo_op_rights(sqe->opcode), &status);
	if (!c) {
		/* A console has no position and no object here is a terminal:
		 * those are type errors (ESPIPE, ENOTTY), not missing rights. */
		if (status == EXO_ERR_RIGHTS &&
		    (sqe->opcode == EXO_OP_SEEK || sqe->opcode == EXO_OP_TTY_WINSIZE))
			return EXO_ERR_WRONG_TYPE;
		return status;
	}
	u64 at = sqe->offset;
	u64 *pos = sqe->op_flags & EXO_IO_AT_OFFSET ? &at : NULL;
	switch (sqe->opcode) {
	case EXO_OP_READ: return object_io(c, sqe->addr, sqe->len, 0, pos);
	case EXO_OP_WRITE: return object_io(c, sqe->addr, sqe->len, 1, pos);
	case EXO_OP_READV: return op_vector(sqe, c, 0);
	case EXO_OP_WRITEV: return op_vector(sqe, c, 1);
	case EXO_OP_STAT: return op_stat(sqe, c);
	case EXO_OP_SEEK: return op_seek(sqe, c);
	case EXO_OP_TTY_WINSIZE: return EXO_ERR_WRONG_TYPE;
	case EXO_OP_DUPLICATE: return op_duplicate(c);
	case EXO_OP_STATUS: return op_status(sqe, c);
	}
	return EXO_ERR_BAD_CALL;
}

/* The capability table of the running process and the ring operations on
 * the console objects it holds. Rights live here, in the kernel: each
 * operation checks the right it needs before it looks at anything else,
 * so a write through the read-only stdin capability fails whatever the
 * vDSO believed. */
#include <exo/objects.h>
#include "kernel.h"

#define IOV_MAX 1024
#define CHUNK 512

static struct kcap table[CAP_TABLE_SIZE];   /* handle 0 is never used */

void caps_reset(void)
{
	memset(table, 0, sizeof table);
}

long cap_install(unsigned object, unsigned rights, enum console_object backend)
{
	for (unsigned i = 1; i < CAP_TABLE_SIZE; i++) {
		if (!table[i].object) {
			table[i] = (struct kcap){ object, rights, backend };
			return i;
		}
	}
	return EXO_ERR_TABLE_FULL;
}

struct kcap *cap_get(exo_cap_t cap, unsigned rights, long *status)
{
	if (cap == EXO_CAP_INVALID || cap >= CAP_TABLE_SIZE || !table[cap].object) {
		*status = EXO_ERR_BAD_CAP;
		return NULL;
	}
	if ((table[cap].rights & rights) != rights) {
		*status = EXO_ERR_RIGHTS;
		return NULL;
	}
	return &table[cap];
}

long cap_release(exo_cap_t cap)
{
	long status;

	if (!cap_get(cap, 0, &status))
		return status;
	table[cap].object = 0;
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
	enum console_port port = c->backend == CONSOLE_ERR ? PORT_STDERR : PORT_STDOUT;
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

static long op_vector(const struct exo_ring_sqe *sqe, const struct kcap *c, int is_write)
{
	struct exo_iovec iov[16];
	u64 total = 0;
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
			long r = is_write ? console_write_user(c, iov[k].base, iov[k].len)
			                  : console_read(c, iov[k].base, iov[k].len);
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

	s.object = c->object;
	s.perms = 0620;
	s.rdev = (4ul << 8) | 64;   /* the first serial port's device number on Linux */
	s.device = 5;
	s.inode = 1 + c->backend;
	s.links = 1;
	s.block_size = 1024;
	return copy_to_user(&current->as, sqe->addr, &s, sizeof s);
}

long cap_op(const struct exo_ring_sqe *sqe)
{
	struct kcap *c;
	long status;

	if (sqe->opcode == EXO_OP_NOP)
		return 0;
	if (sqe->opcode >= EXO_OP_COUNT)
		return EXO_ERR_BAD_CALL;
	if (sqe->opcode == EXO_OP_RELEASE)
		return cap_release(sqe->cap);
	c = cap_get(sqe->cap, exo_op_rights(sqe->opcode), &status);
	if (!c) {
		/* A console has no position and is no terminal: those are type
		 * errors (ESPIPE, ENOTTY), not missing rights. */
		if (status == EXO_ERR_RIGHTS &&
		    (sqe->opcode == EXO_OP_SEEK || sqe->opcode == EXO_OP_TTY_WINSIZE))
			return EXO_ERR_WRONG_TYPE;
		return status;
	}
	switch (sqe->opcode) {
	case EXO_OP_READ: return console_read(c, sqe->addr, sqe->len);
	case EXO_OP_WRITE: return console_write_user(c, sqe->addr, sqe->len);
	case EXO_OP_READV: return op_vector(sqe, c, 0);
	case EXO_OP_WRITEV: return op_vector(sqe, c, 1);
	case EXO_OP_STAT: return op_stat(sqe, c);
	case EXO_OP_SEEK:
	case EXO_OP_TTY_WINSIZE:
		return EXO_ERR_WRONG_TYPE;
	}
	return EXO_ERR_BAD_CALL;
}

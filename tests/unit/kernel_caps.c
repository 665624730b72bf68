/* The capability table: handles, generations, rights enforced by the
 * kernel, exhaustion. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <exo/status.h>
#include "kernel_test.h"

static long op(unsigned opcode, exo_cap_t cap, void *buf, unsigned len)
{
	struct exo_ring_sqe sqe = { .opcode = (exo_u8)opcode, .cap = cap,
	                            .addr = (exo_u64)buf, .len = len };
	return cap_op(&sqe);
}

int main(void)
{
	int p[2];
	long status;
	char buf[16];

	CHECK(pipe(p) == 0, "pipe");
	long rd = cap_install(p[0], EXO_OBJ_PIPE, EXO_RIGHT_READ);
	long wr = cap_install(p[1], EXO_OBJ_PIPE, EXO_RIGHT_WRITE);
	CHECK(rd > 0 && wr > 0 && rd != wr, "install gave %ld %ld", rd, wr);

	/* Rights are the kernel's: writing through the read end is refused
	 * and nothing reaches the pipe. */
	CHECK(op(EXO_OP_WRITE, (exo_cap_t)rd, "x", 1) == EXO_ERR_RIGHTS, "write through read-only cap");
	CHECK(op(EXO_OP_READ, (exo_cap_t)wr, buf, 1) == EXO_ERR_RIGHTS, "read through write-only cap");
	CHECK(op(EXO_OP_WRITE, (exo_cap_t)wr, "hello", 5) == 5, "write");
	CHECK(op(EXO_OP_READ, (exo_cap_t)rd, buf, sizeof buf) == 5 && !memcmp(buf, "hello", 5), "read back");

	/* A seek on a pipe is a type error, as ESPIPE. */
	CHECK(op(EXO_OP_SEEK, (exo_cap_t)rd, NULL, 0) == EXO_ERR_WRONG_TYPE, "seek on pipe");

	/* Handles that name nothing. */
	CHECK(cap_get(0, 0, &status) == NULL && status == EXO_ERR_BAD_CAP, "handle 0");
	CHECK(cap_get(0xffffffffu, 0, &status) == NULL && status == EXO_ERR_BAD_CAP, "huge handle");
	CHECK(op(EXO_OP_WRITE, 12345, "x", 1) == EXO_ERR_BAD_CAP, "unknown handle");

	/* A released handle stays dead even when its slot is reused. */
	CHECK(cap_release((exo_cap_t)wr) == 0, "release");
	CHECK(cap_release((exo_cap_t)wr) == EXO_ERR_BAD_CAP, "double release");
	int fd = open("/dev/null", O_WRONLY);
	long again = cap_install(fd, EXO_OBJ_NULL, EXO_RIGHT_WRITE);
	CHECK(again > 0 && (again & 0xffff) == (wr & 0xffff) && again != wr,
	      "slot reused with a new generation (%#lx vs %#lx)", again, wr);
	CHECK(op(EXO_OP_WRITE, (exo_cap_t)wr, "x", 1) == EXO_ERR_BAD_CAP, "stale handle refused");
	CHECK(op(EXO_OP_WRITE, (exo_cap_t)again, "x", 1) == 1, "new handle works");

	/* The null object takes writes without looking at the buffer. */
	CHECK(op(EXO_OP_WRITE, (exo_cap_t)again, (void *)8, 100) == 100, "null write");

	/* Exhaustion: a clear status, and the table still works after. */
	long last = 0;
	int installed = 0;
	while ((last = cap_install(fd, EXO_OBJ_NULL, EXO_RIGHT_WRITE)) > 0)
		installed++;
	CHECK(last == EXO_ERR_TABLE_FULL, "table full gives %ld", last);
	CHECK(installed == CAP_TABLE_SIZE - 2, "installed %d (two were in use)", installed);
	CHECK(op(EXO_OP_READ, (exo_cap_t)rd, buf, 0) == 0, "still usable when full");

	/* Unknown opcodes. */
	struct exo_ring_sqe bad = { .opcode = 200, .cap = (exo_cap_t)rd };
	CHECK(cap_op(&bad) == EXO_ERR_BAD_CALL, "unknown opcode");
	return finish("kernel_caps");
}

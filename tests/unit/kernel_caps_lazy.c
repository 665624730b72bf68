/* Capabilities installed before their type is known (EXO_OBJ_UNKNOWN,
 * ABI 1.7): close, duplicate and stat leave the type unasked; every other
 * user learns it once, with the rights narrowed to what the type grants;
 * a stat learns it from its own fstat except for a character device. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <exo/status.h>
#include "kernel_test.h"

#define TYPE_RIGHTS (EXO_RIGHT_SEEK | EXO_RIGHT_MAP | EXO_RIGHT_LOOKUP | EXO_RIGHT_CREATE | \
                     EXO_RIGHT_TTY)

static long op(unsigned opcode, exo_cap_t cap, void *buf, unsigned len)
{
	struct exo_ring_sqe sqe = { .opcode = (exo_u8)opcode, .cap = cap,
	                            .addr = (exo_u64)buf, .len = len };
	return cap_op(&sqe);
}

/* host fd opened with fl, installed as an open by name installs it. */
static exo_cap_t unknown(int fd, int fl)
{
	unsigned rights, status;
	long h;

	cap_describe_open(fl, EXO_OBJ_UNKNOWN, &rights, &status);
	h = cap_install(fd, EXO_OBJ_UNKNOWN, rights);
	CHECK(fd >= 0 && h > 0, "install fd %d: %ld", fd, h);
	return (exo_cap_t)h;
}

static struct kcap *peek(exo_cap_t h)
{
	long status;
	struct kcap *c = cap_get_untyped(h, 0, &status);

	CHECK(c != NULL, "live handle %u", h);
	return c;
}

int main(void)
{
	char name[] = "/tmp/kernel_caps_lazy.XXXXXX";
	long status;
	int p[2];
	struct kcap *c;
	struct stat st;

	/* A regular file: unknown with every type's rights as an upper bound
	 * until a read needs the type; then a file's (SEEK, MAP), no more. */
	int wfd = mkstemp(name);
	CHECK(wfd >= 0 && write(wfd, "abc", 3) == 3, "temporary file");
	exo_cap_t file = unknown(open(name, O_RDONLY | O_CLOEXEC), O_RDONLY);
	c = peek(file);
	CHECK(c->object == EXO_OBJ_UNKNOWN && (c->rights & TYPE_RIGHTS) == TYPE_RIGHTS,
	      "installed unknown, rights %#x", c->rights);

	/* A duplicate shares the unknown type; neither asks the host. */
	long dup = op(EXO_OP_DUPLICATE, file, NULL, 0);
	CHECK(dup > 0 && peek((exo_cap_t)dup)->object == EXO_OBJ_UNKNOWN && c->object == EXO_OBJ_UNKNOWN,
	      "duplicate of an unknown type: %ld", dup);
	char buf[8];
	CHECK(op(EXO_OP_READ, file, buf, sizeof buf) == 3, "read");
	CHECK(c->object == EXO_OBJ_FILE &&
	      (c->rights & TYPE_RIGHTS) == (EXO_RIGHT_SEEK | EXO_RIGHT_MAP),
	      "learnt by the read: object %u rights %#x", c->object, c->rights);
	CHECK(peek((exo_cap_t)dup)->object == EXO_OBJ_UNKNOWN, "the duplicate learns for itself");
	CHECK(cap_release((exo_cap_t)dup) == 0 && cap_release(file) == 0, "release");

	/* A pipe end (a FIFO opened by name is one): no SEEK once known, so
	 * a seek is the type error ESPIPE comes from, learnt on the way. */
	CHECK(pipe(p) == 0, "pipe");
	exo_cap_t rd = unknown(p[0], O_RDONLY);
	CHECK(op(EXO_OP_SEEK, rd, NULL, 0) == EXO_ERR_WRONG_TYPE, "seek on an unknown pipe");
	c = peek(rd);
	CHECK(c->object == EXO_OBJ_PIPE && !(c->rights & TYPE_RIGHTS), "pipe rights %#x", c->rights);
	CHECK(op(EXO_OP_TTY_WINSIZE, rd, buf, 0) == EXO_ERR_WRONG_TYPE, "no terminal");
	cap_release(rd);
	close(p[1]);

	/* A directory: a stat learns it from its own fstat. LOOKUP and
	 * CREATE are kept only as the opener narrowed them. */
	exo_cap_t dir = unknown(open("/tmp", O_RDONLY | O_CLOEXEC), O_RDONLY);
	c = peek(dir);
	c->rights &= ~EXO_RIGHT_CREATE;   /* as below a directory without CREATE */
	CHECK(fstat(c->host_fd, &st) == 0 && cap_stat_object(c, &st) == EXO_OBJ_DIRECTORY,
	      "stat of an unknown directory");
	CHECK(c->object == EXO_OBJ_DIRECTORY &&
	      (c->rights & TYPE_RIGHTS) == (EXO_RIGHT_SEEK | EXO_RIGHT_LOOKUP),
	      "learnt by the stat: object %u rights %#x", c->object, c->rights);
	CHECK(cap_get(dir, EXO_RIGHT_LOOKUP, &status) == c, "a directory to look up in");
	cap_release(dir);

	/* /dev/null is told apart by its device number: a stat learns it.
	 * /dev/zero is a character device, which a terminal could be (only
	 * TCGETS tells): a stat leaves it unknown and cap_get learns it. */
	exo_cap_t null = unknown(open("/dev/null", O_RDWR | O_CLOEXEC), O_RDWR);
	c = peek(null);
	CHECK(fstat(c->host_fd, &st) == 0 && cap_stat_object(c, &st) == EXO_OBJ_NULL &&
	      c->object == EXO_OBJ_NULL && (c->rights & TYPE_RIGHTS) == EXO_RIGHT_SEEK,
	      "null: object %u rights %#x", c->object, c->rights);
	CHECK(cap_get(null, EXO_RIGHT_MAP, &status) == NULL && status == EXO_ERR_RIGHTS,
	      "no mapping of the null object");
	cap_release(null);
	exo_cap_t zero = unknown(open("/dev/zero", O_RDONLY | O_CLOEXEC), O_RDONLY);
	c = peek(zero);
	CHECK(fstat(c->host_fd, &st) == 0 && cap_stat_object(c, &st) == EXO_OBJ_CHARDEV &&
	      c->object == EXO_OBJ_UNKNOWN, "stat of an unknown character device");
	CHECK(cap_get(zero, 0, &status) == c && c->object == EXO_OBJ_CHARDEV &&
	      (c->rights & TYPE_RIGHTS) == EXO_RIGHT_SEEK, "zero: object %u rights %#x",
	      c->object, c->rights);
	cap_release(zero);

	/* A terminal, when this machine has pseudo-terminals. */
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m >= 0) {
		exo_cap_t tty = unknown(m, O_RDWR);
		CHECK(cap_get(tty, EXO_RIGHT_TTY, &status) != NULL && peek(tty)->object == EXO_OBJ_TTY,
		      "terminal learnt: %u", peek(tty)->object);
		cap_release(tty);
	}
	unlink(name);
	close(wfd);
	return finish("kernel_caps_lazy");
}

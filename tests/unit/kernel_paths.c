/* Names below directory capabilities (OPEN_AT, STAT_AT, ACCESS_AT) and what
 * duplicates share (DUPLICATE, STATUS), driven through cap_op as the ring
 * would: the rights of a capability opened by name are the kernel's, the
 * path is copied from "guest" memory without trusting its address. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <exo/status.h>
#include "kernel_test.h"

static long open_at(exo_cap_t dir, const char *path, unsigned flags, unsigned mode)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_OPEN_AT, .cap = dir, .addr = (exo_u64)path,
	                            .len = (exo_u32)strlen(path), .op_flags = flags, .offset = mode };
	return cap_op(&sqe);
}

static long stat_at(exo_cap_t dir, const char *path, unsigned flags, struct exo_stat *s)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_STAT_AT, .cap = dir, .addr = (exo_u64)path,
	                            .len = (exo_u32)strlen(path), .op_flags = flags,
	                            .addr2 = (exo_u64)s };
	return cap_op(&sqe);
}

static long op(unsigned opcode, exo_cap_t cap, const void *buf, unsigned len, unsigned flags)
{
	struct exo_ring_sqe sqe = { .opcode = (exo_u8)opcode, .cap = cap, .addr = (exo_u64)buf,
	                            .len = len, .op_flags = flags };
	return cap_op(&sqe);
}

int main(void)
{
	char scratch[] = "/tmp/posixx-kernel-paths-XXXXXX";
	struct exo_stat s;
	char buf[16];
	long r;

	CHECK(mkdtemp(scratch) != NULL, "mkdtemp");
	int dfd = open(scratch, O_PATH | O_DIRECTORY | O_CLOEXEC);
	exo_cap_t dir = (exo_cap_t)cap_install(dfd, EXO_OBJ_DIRECTORY,
	                                       EXO_RIGHT_LOOKUP | EXO_RIGHT_STAT | EXO_RIGHT_CREATE);
	int lfd = open(scratch, O_PATH | O_DIRECTORY | O_CLOEXEC);
	exo_cap_t lookup_only = (exo_cap_t)cap_install(lfd, EXO_OBJ_DIRECTORY, EXO_RIGHT_LOOKUP);

	/* Create, then open read-only: the kernel refuses a write through it
	 * whatever the caller believes. */
	r = open_at(dir, "f", EXO_OPEN_WRITE | EXO_OPEN_CREATE | EXO_OPEN_EXCLUSIVE, 0600);
	CHECK(r > 0 && (r >> 32) == EXO_OBJ_FILE, "create gave %#lx", r);
	exo_cap_t wr = (exo_cap_t)r;
	CHECK(op(EXO_OP_WRITE, wr, "hello", 5, 0) == 5, "write through the new capability");
	CHECK(open_at(dir, "f", EXO_OPEN_WRITE | EXO_OPEN_CREATE | EXO_OPEN_EXCLUSIVE, 0600)
	      == EXO_ERR_EXISTS, "exclusive create of an existing name");
	r = open_at(dir, "f", EXO_OPEN_READ, 0);
	CHECK(r > 0, "open read-only gave %ld", r);
	exo_cap_t ro = (exo_cap_t)r;
	CHECK(op(EXO_OP_WRITE, ro, "x", 1, 0) == EXO_ERR_RIGHTS, "write through a read-only capability");
	CHECK(op(EXO_OP_READ, ro, buf, 5, 0) == 5 && !memcmp(buf, "hello", 5), "read back");
	CHECK(op(EXO_OP_READ, wr, buf, 1, 0) == EXO_ERR_RIGHTS, "read through a write-only capability");

	/* Names that are not there, not directories, too long, or not ours. */
	CHECK(open_at(dir, "missing", EXO_OPEN_READ, 0) == EXO_ERR_NOT_FOUND, "missing name");
	CHECK(open_at(dir, "f/x", EXO_OPEN_READ, 0) == EXO_ERR_NOT_DIR, "name below a file");
	CHECK(open_at(dir, "f", EXO_OPEN_READ | EXO_OPEN_DIRECTORY, 0) == EXO_ERR_NOT_DIR, "O_DIRECTORY on a file");
	CHECK(open_at(dir, ".", EXO_OPEN_WRITE, 0) == EXO_ERR_IS_DIR, "write-open a directory");
	CHECK(open_at(ro, "x", EXO_OPEN_READ, 0) == EXO_ERR_NOT_DIR, "a file capability as directory");
	CHECK(open_at(12345, "f", EXO_OPEN_READ, 0) == EXO_ERR_BAD_CAP, "unknown directory handle");
	CHECK(open_at(dir, "", EXO_OPEN_READ, 0) == EXO_ERR_NOT_FOUND, "empty name");
	CHECK(open_at(dir, "f", 1u << 20, 0) == EXO_ERR_INVALID, "unknown open flag");
	CHECK(open_at(dir, "f", EXO_OPEN_READ | EXO_OPEN_CREATE, 010000) == EXO_ERR_INVALID, "mode past 07777");
	static char long_name[EXO_PATH_MAX + 10];
	memset(long_name, 'a', sizeof long_name - 1);
	CHECK(open_at(dir, long_name, EXO_OPEN_READ, 0) == EXO_ERR_NAME_TOO_LONG, "name of PATH_MAX bytes");
	struct exo_ring_sqe bad = { .opcode = EXO_OP_OPEN_AT, .cap = dir, .addr = 8, .len = 4,
	                            .op_flags = EXO_OPEN_READ };
	CHECK(cap_op(&bad) == EXO_ERR_FAULT, "name at an unmapped address");
	bad.addr = (exo_u64)"f\0ab";
	CHECK(cap_op(&bad) == EXO_ERR_INVALID, "NUL inside the name");
	/* A name that runs into an unmapped page is a fault, not a crash. */
	char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(pages + 4096, 4096);
	memset(pages, 'a', 4096);
	bad.addr = (exo_u64)(pages + 4090);
	bad.len = 100;
	CHECK(cap_op(&bad) == EXO_ERR_FAULT, "name across the end of the mapping");

	/* Rights of the directory capability: LOOKUP to resolve, CREATE to
	 * create; a directory opened below one gets no more than it had. */
	CHECK(open_at(lookup_only, "f", EXO_OPEN_READ, 0) > 0, "lookup-only directory opens");
	CHECK(open_at(lookup_only, "g", EXO_OPEN_WRITE | EXO_OPEN_CREATE, 0600) == EXO_ERR_RIGHTS,
	      "create below a directory without CREATE");
	r = open_at(lookup_only, ".", EXO_OPEN_READ | EXO_OPEN_DIRECTORY, 0);
	CHECK(r > 0 && (r >> 32) == EXO_OBJ_DIRECTORY, "directory below lookup-only: %ld", r);
	CHECK(open_at((exo_cap_t)r, "g", EXO_OPEN_WRITE | EXO_OPEN_CREATE, 0600) == EXO_ERR_RIGHTS,
	      "CREATE not regained through a subdirectory");
	CHECK(stat_at(lookup_only, "f", 0, &s) == 0, "stat below lookup-only");
	int nfd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	exo_cap_t no_lookup = (exo_cap_t)cap_install(nfd, EXO_OBJ_DIRECTORY, EXO_RIGHT_STAT);
	CHECK(open_at(no_lookup, "f", EXO_OPEN_READ, 0) == EXO_ERR_RIGHTS, "directory without LOOKUP");

	/* STAT_AT. */
	CHECK(stat_at(dir, "f", 0, &s) == 0 && s.object == EXO_OBJ_FILE && s.size == 5 &&
	      s.perms == 0600, "stat of f: object %u size %llu perms %o", s.object,
	      (unsigned long long)s.size, s.perms);
	CHECK(stat_at(dir, "missing", 0, &s) == EXO_ERR_NOT_FOUND, "stat of a missing name");
	CHECK(stat_at(dir, "f", 0, (struct exo_stat *)8) == EXO_ERR_FAULT, "stat into an unmapped buffer");
	CHECK(stat_at(dir, "f", 1u << 5, &s) == EXO_ERR_INVALID, "unknown stat flag");

	/* ACCESS_AT: the object's permission bits (0600: never executable). */
	struct exo_ring_sqe acc = { .opcode = EXO_OP_ACCESS_AT, .cap = dir, .addr = (exo_u64)"f", .len = 1,
	                            .op_flags = EXO_ACCESS_READ };
	CHECK(cap_op(&acc) == 0, "f is readable");
	acc.op_flags = EXO_ACCESS_EXECUTE;
	CHECK(cap_op(&acc) == EXO_ERR_ACCESS, "f is not executable");
	acc.op_flags = 1u << 7;
	CHECK(cap_op(&acc) == EXO_ERR_INVALID, "unknown access flag");
	acc.op_flags = 0;
	acc.cap = no_lookup;
	CHECK(cap_op(&acc) == EXO_ERR_RIGHTS, "access below a directory without LOOKUP");

	/* DUPLICATE keeps the rights and shares the position; STATUS is one
	 * for both. */
	r = op(EXO_OP_DUPLICATE, ro, NULL, 0, 0);
	CHECK(r > 0 && (exo_cap_t)r != ro, "duplicate gave %ld", r);
	exo_cap_t dup = (exo_cap_t)r;
	CHECK(op(EXO_OP_WRITE, dup, "x", 1, 0) == EXO_ERR_RIGHTS, "duplicate has no more rights");
	struct exo_ring_sqe seek = { .opcode = EXO_OP_SEEK, .cap = dup, .offset = 0, .op_flags = EXO_SEEK_CUR };
	CHECK(cap_op(&seek) == 5, "duplicate shares the position");
	CHECK(op(EXO_OP_STATUS, ro, NULL, 0, 0) == EXO_FD_READ, "status of a read-only capability");
	CHECK(op(EXO_OP_STATUS, ro, NULL, EXO_FD_NONBLOCK, EXO_FD_NONBLOCK) == (EXO_FD_READ | EXO_FD_NONBLOCK),
	      "set NONBLOCK");
	CHECK(op(EXO_OP_STATUS, dup, NULL, 0, 0) == (EXO_FD_READ | EXO_FD_NONBLOCK), "the duplicate sees it");
	CHECK(op(EXO_OP_STATUS, ro, NULL, EXO_FD_WRITE, EXO_FD_WRITE) == EXO_ERR_INVALID,
	      "STATUS cannot grant write access");
	CHECK(op(EXO_OP_STATUS, ro, NULL, 0, EXO_FD_APPEND) == EXO_ERR_INVALID, "value outside the mask");
	int sfd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	exo_cap_t undup = (exo_cap_t)cap_install(sfd, EXO_OBJ_NULL, EXO_RIGHT_READ);
	CHECK(op(EXO_OP_DUPLICATE, undup, NULL, 0, 0) == EXO_ERR_RIGHTS, "duplicate without DUPLICATE");

	char path[64];
	snprintf(path, sizeof path, "%s/f", scratch);
	unlink(path);
	rmdir(scratch);
	return finish("kernel_paths");
}

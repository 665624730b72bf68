/* The file-system ring family (ring_fs.h) driven through cap_op as the
 * ring would: names read by the kernel from unmeasured pointers (a bad
 * one is EXO_ERR_FAULT, never a crash), absolute names resolved below
 * the root capability the entry carries, rights of directory
 * capabilities refused by the kernel, listings in struct exo_dirent. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <exo/status.h>
#include "kernel_test.h"

static exo_cap_t root;   /* the scratch directory plays the process's root */

static long name_op(unsigned opcode, exo_cap_t dir, const char *path, unsigned flags)
{
	struct exo_ring_sqe sqe = { .opcode = (exo_u8)opcode, .cap = dir, .addr = (exo_u64)path,
	                            .op_flags = flags };
	exo_sqe_set_root(&sqe, root);
	return cap_op(&sqe);
}

static long mkdir_at(exo_cap_t dir, const char *path, unsigned mode)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_MKDIR_AT, .cap = dir, .addr = (exo_u64)path,
	                            .offset = mode };
	exo_sqe_set_root(&sqe, root);
	return cap_op(&sqe);
}

static long two_names(unsigned opcode, exo_cap_t dir, const char *from, exo_cap_t dir2,
                      const char *to, unsigned flags)
{
	struct exo_ring_sqe sqe = { .opcode = (exo_u8)opcode, .cap = dir, .addr = (exo_u64)from,
	                            .addr2 = (exo_u64)to, .op_flags = flags };
	exo_sqe_set_root(&sqe, root);
	exo_sqe_set_cap2(&sqe, dir2);
	return cap_op(&sqe);
}

static long with_buffer(unsigned opcode, exo_cap_t cap, const char *path, void *buf, unsigned len)
{
	struct exo_ring_sqe sqe = { .opcode = (exo_u8)opcode, .cap = cap, .addr = (exo_u64)path,
	                            .addr2 = (exo_u64)buf, .len = len };
	exo_sqe_set_root(&sqe, root);
	if (opcode == EXO_OP_READ_DIR || opcode == EXO_OP_DIR_PATH)
		sqe.addr = (exo_u64)buf;
	return cap_op(&sqe);
}

static exo_cap_t dir_cap(const char *path, unsigned rights, int flags)
{
	return (exo_cap_t)cap_install(open(path, flags | O_DIRECTORY | O_CLOEXEC), EXO_OBJ_DIRECTORY,
	                              rights);
}

/* Names of a listing, read with a buffer of len bytes at a time. */
static int count_listing(exo_cap_t dir, unsigned len, int *saw_f)
{
	char buf[4096];
	int n = 0;
	long got;

	lseek(cap_get(dir, 0, &got)->host_fd, 0, SEEK_SET);
	while ((got = with_buffer(EXO_OP_READ_DIR, dir, NULL, buf, len)) > 0)
		for (long at = 0; at < got; ) {
			struct exo_dirent *d = (struct exo_dirent *)(buf + at);
			if (!strcmp(d->name, "f") && d->object == EXO_OBJ_FILE && d->name_len == 1)
				*saw_f = 1;
			n++;
			at += d->size;
		}
	return got < 0 ? (int)got : n;
}

int main(void)
{
	char scratch[] = "/tmp/posixx-kernel-fs-XXXXXX", path[128], buf[256];
	const unsigned all = EXO_RIGHT_LOOKUP | EXO_RIGHT_CREATE | EXO_RIGHT_STAT;
	long r;

	CHECK(mkdtemp(scratch) != NULL, "mkdtemp");
	root = dir_cap(scratch, all, O_PATH);
	exo_cap_t dir = dir_cap(scratch, all, O_PATH);
	exo_cap_t lookup_only = dir_cap(scratch, EXO_RIGHT_LOOKUP, O_PATH);
	exo_cap_t listing = dir_cap(scratch, all | EXO_RIGHT_READ | EXO_RIGHT_SEEK, O_RDONLY);
	exo_cap_t unreadable = dir_cap(scratch, all, O_RDONLY);

	/* Absolute names start at the root capability, not the host's root. */
	CHECK(mkdir_at(dir, "/d", 0755) == 0, "mkdir of /d below the root capability");
	snprintf(path, sizeof path, "%s/d", scratch);
	struct stat st;
	CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode), "/d is the scratch directory's d");
	CHECK(mkdir_at(EXO_CAP_NO_DIR, "/d2", 0755) == 0, "an absolute name needs no directory");
	CHECK(mkdir_at(EXO_CAP_NO_DIR, "d3", 0755) == EXO_ERR_BAD_CAP, "a relative one does");
	CHECK(mkdir_at(EXO_CAP_INVALID, "d3", 0755) == EXO_ERR_NOT_FOUND, "no directory: nothing below");
	CHECK(mkdir_at(dir, "d", 0755) == EXO_ERR_EXISTS, "mkdir of an existing name");
	CHECK(mkdir_at(dir, "d", 010000) == EXO_ERR_INVALID, "mode past 07777");

	/* Rights: CREATE to add or remove a name, LOOKUP to find one. */
	CHECK(mkdir_at(lookup_only, "x", 0755) == EXO_ERR_RIGHTS, "mkdir without CREATE");
	CHECK(name_op(EXO_OP_UNLINK_AT, lookup_only, "d", EXO_UNLINK_DIRECTORY) == EXO_ERR_RIGHTS,
	      "rmdir without CREATE");
	CHECK(two_names(EXO_OP_RENAME_AT, dir, "d", lookup_only, "e", 0) == EXO_ERR_RIGHTS,
	      "rename into a directory without CREATE");
	int fd = openat(cap_get(dir, 0, &r)->host_fd, "f", O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	write(fd, "0123456789", 10);
	exo_cap_t file = (exo_cap_t)cap_install(fd, EXO_OBJ_FILE, EXO_RIGHT_READ | EXO_RIGHT_STAT);
	CHECK(mkdir_at(file, "x", 0755) == EXO_ERR_NOT_DIR, "a file as the directory");
	struct exo_ring_sqe t = { .opcode = EXO_OP_TRUNCATE_AT, .cap = file, .addr = (exo_u64)"",
	                          .op_flags = EXO_FS_EMPTY_NAME };
	CHECK(cap_op(&t) == EXO_ERR_RIGHTS, "truncate through a capability without WRITE");
	struct exo_ring_sqe a = { .opcode = EXO_OP_ALLOCATE, .cap = file, .addr2 = 4096 };
	CHECK(cap_op(&a) == EXO_ERR_RIGHTS, "allocate through a capability without WRITE");
	CHECK(with_buffer(EXO_OP_READ_DIR, unreadable, NULL, buf, sizeof buf) == EXO_ERR_RIGHTS,
	      "list a directory without READ");
	CHECK(with_buffer(EXO_OP_READ_DIR, file, NULL, buf, sizeof buf) == EXO_ERR_NOT_DIR,
	      "list a file");
	struct exo_ring_sqe s = { .opcode = EXO_OP_SYNC, .cap = file };
	CHECK(cap_op(&s) == 0, "sync needs no access right");

	/* Bad pointers: statuses, never a crash. */
	CHECK(mkdir_at(dir, (const char *)8, 0755) == EXO_ERR_FAULT, "name at an unmapped address");
	CHECK(mkdir_at(dir, NULL, 0755) == EXO_ERR_FAULT, "null name");
	CHECK(two_names(EXO_OP_RENAME_AT, dir, "d", dir, (const char *)8, 0) == EXO_ERR_FAULT,
	      "new name unmapped");
	CHECK(two_names(EXO_OP_SYMLINK_AT, dir, "l", 0, (const char *)8, 0) == EXO_ERR_FAULT,
	      "symlink text unmapped");
	CHECK(two_names(EXO_OP_SYMLINK_AT, dir, "l", 0, "f", 0) == 0, "symlink l -> f");
	CHECK(with_buffer(EXO_OP_READLINK_AT, dir, "l", (void *)8, 16) == EXO_ERR_FAULT,
	      "readlink into an unmapped buffer");
	CHECK(with_buffer(EXO_OP_READLINK_AT, dir, "l", buf, 16) == 1 && buf[0] == 'f', "readlink");
	CHECK(with_buffer(EXO_OP_READLINK_AT, dir, "l", buf, 0) == EXO_ERR_INVALID, "readlink, no room");
	CHECK(with_buffer(EXO_OP_STATFS_AT, dir, "f", (void *)8, 0) == EXO_ERR_FAULT,
	      "statfs into an unmapped buffer");
	CHECK(with_buffer(EXO_OP_READ_DIR, listing, NULL, (void *)8, 4096) == EXO_ERR_FAULT,
	      "listing into an unmapped buffer");
	CHECK(with_buffer(EXO_OP_DIR_PATH, dir, NULL, (void *)8, 4096) == EXO_ERR_FAULT,
	      "directory name into an unmapped buffer");
	struct exo_ring_sqe u = { .opcode = EXO_OP_UTIMES_AT, .cap = dir, .addr = (exo_u64)"f",
	                          .addr2 = 8 };
	CHECK(cap_op(&u) == EXO_ERR_FAULT, "times at an unmapped address");

	/* Unmeasured names: up to the NUL, within EXO_PATH_MAX bytes. */
	char *pages = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(pages + 2 * 4096, 4096);
	memset(pages, 'a', 2 * 4096);
	CHECK(mkdir_at(dir, pages, 0755) == EXO_ERR_NAME_TOO_LONG, "no NUL within EXO_PATH_MAX");
	CHECK(mkdir_at(dir, pages + 2 * 4096 - 10, 0755) == EXO_ERR_FAULT, "name runs into a hole");
	memcpy(pages + 2 * 4096 - 2, "e", 2);   /* "e" and its NUL end the mapping */
	CHECK(mkdir_at(dir, pages + 2 * 4096 - 2, 0755) == 0, "name ending at a hole's edge");
	CHECK(mkdir_at(dir, "", 0755) == EXO_ERR_NOT_FOUND, "empty name");

	/* Listings: every name once, with any buffer that holds a record. */
	int saw_f = 0;
	int whole = count_listing(listing, sizeof buf, &saw_f);
	CHECK(whole >= 7 && saw_f, "listing: %d names, f seen %d", whole, saw_f);
	saw_f = 0;
	CHECK(count_listing(listing, 32, &saw_f) == whole && saw_f, "listing 32 bytes at a time");
	CHECK(count_listing(listing, 8, &saw_f) == EXO_ERR_INVALID, "no record fits");

	/* The name of a directory, and the creation mask. */
	r = with_buffer(EXO_OP_DIR_PATH, dir, NULL, buf, sizeof buf);
	CHECK(r == (long)strlen(scratch) + 1 && !strcmp(buf, scratch), "dir path %ld %s", r, buf);
	CHECK(with_buffer(EXO_OP_DIR_PATH, dir, NULL, buf, 4) == EXO_ERR_OVERFLOW, "dir path, no room");
	struct exo_ring_sqe m = { .opcode = EXO_OP_UMASK, .offset = 077 };
	mode_t before = umask(022);
	umask(before);
	CHECK(cap_op(&m) == (long)before, "umask gives the old mask");
	m.offset = before;
	CHECK(cap_op(&m) == 077, "and takes the new one");
	struct exo_ring_sqe bad = { .opcode = EXO_OP_FS_COUNT };
	CHECK(cap_op(&bad) == EXO_ERR_BAD_CALL, "unknown file-system opcode");
	CHECK(name_op(EXO_OP_UNLINK_AT, dir, "d", 1u << 7) == EXO_ERR_INVALID, "unknown unlink flag");

	/* Clean up through the operations themselves. */
	CHECK(name_op(EXO_OP_UNLINK_AT, dir, "/d", EXO_UNLINK_DIRECTORY) == 0, "rmdir /d");
	name_op(EXO_OP_UNLINK_AT, dir, "d2", EXO_UNLINK_DIRECTORY);
	name_op(EXO_OP_UNLINK_AT, dir, "e", EXO_UNLINK_DIRECTORY);
	name_op(EXO_OP_UNLINK_AT, dir, "l", 0);
	name_op(EXO_OP_UNLINK_AT, dir, "f", 0);
	CHECK(rmdir(scratch) == 0, "scratch directory left empty");
	return finish("kernel_fs");
}

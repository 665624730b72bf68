/* The tree of names: build one, list it (sorted: listing order is the
 * file system's), rename, link, symlink, readlink, chmod, chown,
 * utimensat with fixed times, truncate, unlink, rmdir, statfs, statx, and
 * the errors Linux gives for each, bad name pointers (EFAULT) included.
 * Works in /tmp/posixx-fs-tree, removed first and last. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <unistd.h>

#define BASE "/tmp/posixx-fs-tree"
#define BAD ((const char *)1)

static const char *errno_name(int e)
{
	static const struct { int e; const char *n; } names[] = {
		{ ENOENT, "ENOENT" }, { EBADF, "EBADF" }, { EACCES, "EACCES" }, { EFAULT, "EFAULT" },
		{ EEXIST, "EEXIST" }, { ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" }, { EINVAL, "EINVAL" },
		{ ELOOP, "ELOOP" }, { ENAMETOOLONG, "ENAMETOOLONG" }, { ENOTEMPTY, "ENOTEMPTY" },
		{ EXDEV, "EXDEV" }, { EPERM, "EPERM" }, { ENOSYS, "ENOSYS" }, { EBUSY, "EBUSY" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].e == e)
			return names[i].n;
	return "other";
}

static void report(const char *call, long r)
{
	if (r < 0)
		printf("%-48s -> -1 %s\n", call, errno_name(errno));
	else
		printf("%-48s -> %ld\n", call, r);
}

#define TRY(expr) do { errno = 0; report(#expr, (long)(expr)); } while (0)

static void rm_tree(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char sub[512];

	if (!d) {
		unlink(path);
		return;
	}
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		if (e->d_type == DT_DIR)
			rm_tree(sub);
		else
			unlink(sub);
	}
	closedir(d);
	rmdir(path);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *type_name(unsigned char t)
{
	switch (t) {
	case DT_REG: return "file";
	case DT_DIR: return "dir";
	case DT_LNK: return "symlink";
	default: return "other";
	}
}

/* readdir through musl, sorted. */
static void list(const char *path)
{
	char *names[64];
	int n = 0;
	DIR *d = opendir(path);
	struct dirent *e;

	if (!d) {
		printf("opendir %s: %s\n", path, errno_name(errno));
		return;
	}
	while ((e = readdir(d)) && n < 64) {
		char *s = malloc(300);
		snprintf(s, 300, "%s (%s)", e->d_name, type_name(e->d_type));
		names[n++] = s;
	}
	rewinddir(d);
	int again = 0;
	while (readdir(d))
		again++;
	closedir(d);
	qsort(names, n, sizeof names[0], by_name);
	printf("list %s: %d entries, %d after rewinddir:", path + sizeof BASE, n, again);
	for (int i = 0; i < n; i++)
		printf(" %s", names[i]), free(names[i]);
	printf("\n");
}

/* getdents64 with a buffer that holds a record or two: the listing
 * resumes where it stopped. */
static void list_small(const char *path)
{
	char buf[72], *names[64];
	int n = 0, fd = open(path, O_RDONLY | O_DIRECTORY);
	long got;

	while ((got = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0)
		for (long at = 0; at < got; ) {
			struct { uint64_t ino; int64_t off; unsigned short reclen; unsigned char type; char name[]; }
				*e = (void *)(buf + at);
			if (n < 64)
				names[n++] = strdup(e->name);
			at += e->reclen;
		}
	report("getdents64 end", got);
	close(fd);
	qsort(names, n, sizeof names[0], by_name);
	printf("small-buffer list:");
	for (int i = 0; i < n; i++)
		printf(" %s", names[i]), free(names[i]);
	printf("\n");
}

/* lstat of a name; with_time only once the test has set the times. */
static void describe(const char *path, int with_time)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		printf("lstat %s: %s\n", path + sizeof BASE, errno_name(errno));
		return;
	}
	printf("%s: mode %o links %ld size %lld uid %u gid %u", path + sizeof BASE,
	       (unsigned)st.st_mode, (long)st.st_nlink, (long long)st.st_size,
	       (unsigned)st.st_uid, (unsigned)st.st_gid);
	if (with_time)
		printf(" mtime %lld.%09ld", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	printf("\n");
}
#define show(path) describe(path, 0)
#define show_times(path) describe(path, 1)

static void put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	write(fd, text, strlen(text));
	close(fd);
}

static void names(void)
{
	static char long_path[5000], long_name[300];
	char buf[64];
	long r;

	TRY(mkdir(BASE "/a", 0755));
	TRY(mkdir(BASE "/a/b", 0700));
	TRY(mkdir(BASE "/a", 0755));
	TRY(mkdir(BASE "/missing/x", 0755));
	put(BASE "/a/f", "hello, tree\n");
	TRY(mkdir(BASE "/a/f/x", 0755));
	TRY(mkdir("/", 0755));
	memset(long_path, 'p', sizeof long_path - 1);
	TRY(mkdir(long_path, 0755));
	memset(long_name, 'n', sizeof long_name - 1);
	snprintf(long_path, sizeof long_path, BASE "/%s", long_name);
	TRY(mkdir(long_path, 0755));

	/* Links, hard and symbolic. */
	TRY(link(BASE "/a/f", BASE "/a/hard"));
	TRY(link(BASE "/a/f", BASE "/a/hard"));
	TRY(link(BASE "/a/b", BASE "/a/dirlink"));
	TRY(link(BASE "/a/f", "/dev/shm/posixx-fs-tree-link"));
	TRY(symlink("f", BASE "/a/sym"));
	TRY(symlink("f", BASE "/a/sym"));
	TRY(symlink("nowhere", BASE "/a/dangling"));
	TRY(symlink("loop2", BASE "/a/loop1"));
	TRY(symlink("loop1", BASE "/a/loop2"));
	TRY(linkat(AT_FDCWD, BASE "/a/sym", AT_FDCWD, BASE "/a/followed", AT_SYMLINK_FOLLOW));
	TRY(linkat(AT_FDCWD, BASE "/a/sym", AT_FDCWD, BASE "/a/x", 0x8000));
	errno = 0; r = readlink(BASE "/a/sym", buf, sizeof buf); report("readlink(sym)", r);
	printf("readlink text: %.*s\n", (int)(r > 0 ? r : 0), buf);
	errno = 0; r = readlink(BASE "/a/dangling", buf, 3); report("readlink(dangling, 3)", r);
	printf("truncated text: %.*s\n", (int)(r > 0 ? r : 0), buf);
	TRY(readlink(BASE "/a/f", buf, sizeof buf));
	TRY(syscall(SYS_readlink, BASE "/a/sym", buf, 0));
	TRY(open(BASE "/a/loop1", O_RDONLY));
	TRY(open(BASE "/a/sym", O_RDONLY | O_NOFOLLOW));
	TRY(open(BASE "/a/dangling", O_RDONLY));
	show(BASE "/a/f");
	show(BASE "/a/sym");

	/* Renames. */
	put(BASE "/a/g", "g\n");
	TRY(rename(BASE "/a/g", BASE "/a/h"));
	TRY(rename(BASE "/a/g", BASE "/a/h"));
	TRY(rename(BASE "/a/h", BASE "/a/hard"));
	TRY(syscall(SYS_renameat2, AT_FDCWD, BASE "/a/hard", AT_FDCWD, BASE "/a/f", 1));
	TRY(syscall(SYS_renameat2, AT_FDCWD, BASE "/a/hard", AT_FDCWD, BASE "/a/new", 1));
	TRY(syscall(SYS_renameat2, AT_FDCWD, BASE "/a/new", AT_FDCWD, BASE "/a/x", 1 | 2));
	TRY(syscall(SYS_renameat2, AT_FDCWD, BASE "/a/new", AT_FDCWD, BASE "/a/x", 64));
	TRY(rename(BASE "/a", BASE "/a/b/inside"));
	TRY(rename(BASE "/a/f", BASE "/a/b"));
	TRY(rename(BASE "/a/b", BASE "/a/f"));
	TRY(mkdir(BASE "/c", 0755));
	put(BASE "/c/full", "");
	TRY(rename(BASE "/a/b", BASE "/c"));
	TRY(rename(BASE "/a/new", "/dev/shm/posixx-fs-tree-moved"));
	TRY(rename(BASE "/c/full", BASE "/a/b/full"));
	list(BASE "/a");
	list_small(BASE "/a");
}

static void attributes(void)
{
	struct timespec times[2] = { { 1000000000, 500000000 }, { 1234567890, 123456789 } };
	struct timespec omit_a[2] = { { 0, UTIME_OMIT }, { 1500000000, 0 } };
	struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
	struct timeval tv[2] = { { 1100000000, 250000 }, { 1200000000, 750000 } };
	struct stat st;
	int fd;

	TRY(chmod(BASE "/a/f", 0640));
	TRY(chmod(BASE "/a/f", 0100604));   /* the file type bits are ignored */
	show(BASE "/a/f");
	fd = open(BASE "/a/f", O_RDONLY);
	TRY(fchmod(fd, 0600));
	TRY(fchmodat(AT_FDCWD, BASE "/a/f", 0644, 0));
	TRY(chmod(BASE "/a/missing", 0644));
	TRY(fchmod(99, 0644));
	TRY(chown(BASE "/a/f", -1, -1));
	TRY(chown(BASE "/a/f", 1234, 5678));
	TRY(lchown(BASE "/a/sym", 4321, -1));
	TRY(fchown(fd, -1, 1111));
	TRY(fchownat(AT_FDCWD, BASE "/a/f", -1, -1, 0x8000));
	show(BASE "/a/f");
	show(BASE "/a/sym");
	TRY(utimensat(AT_FDCWD, BASE "/a/f", times, 0));
	show_times(BASE "/a/f");
	stat(BASE "/a/f", &st);
	printf("atime %lld.%09ld\n", (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec);
	TRY(utimensat(AT_FDCWD, BASE "/a/sym", omit_a, AT_SYMLINK_NOFOLLOW));
	show_times(BASE "/a/sym");
	TRY(futimens(fd, omit_a));
	show_times(BASE "/a/f");
	TRY(utimes(BASE "/a/h", tv));
	TRY(utimes(BASE "/a/b", tv));
	show_times(BASE "/a/b");
	TRY(utimensat(AT_FDCWD, BASE "/a/f", bad, 0));
	TRY(utimensat(AT_FDCWD, BASE "/a/f", times, 0x8000));

	/* Sizes. */
	TRY(truncate(BASE "/a/f", 5));
	show(BASE "/a/f");
	TRY(ftruncate(fd, 2));
	TRY(truncate(BASE "/a/f", -1));
	TRY(truncate(BASE "/a/b", 0));
	TRY(truncate(BASE "/a/none", 0));
	TRY(ftruncate(99, 0));
	close(fd);
	fd = open(BASE "/a/f", O_RDWR);
	TRY(ftruncate(fd, 3));
	TRY(fallocate(fd, 0, 0, 8192));
	TRY(fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 65536));
	TRY(fsync(fd));
	TRY(fdatasync(fd));
	TRY(fsync(99));
	show(BASE "/a/f");
	close(fd);

	/* The creation mask. */
	mode_t old = umask(077);
	printf("umask was 022: %s\n", old == 022 ? "yes" : "no");
	put(BASE "/a/private", "");
	TRY(mkdir(BASE "/a/privdir", 0777));
	show(BASE "/a/private");
	show(BASE "/a/privdir");
	printf("umask(022) gives back 077: %s\n", umask(022) == 077 ? "yes" : "no");
}

static void file_systems(void)
{
	struct statfs a, b;
	struct { uint32_t mask, blksize; uint64_t attributes; uint32_t nlink, uid, gid;
	         uint16_t mode, pad; uint64_t ino, size, blocks, amask;
	         struct { int64_t sec; uint32_t nsec; int32_t r; } at, bt, ct, mt;
	         uint32_t rmaj, rmin, dmaj, dmin; uint64_t spare[14]; } x;
	struct stat st;
	int fd = open(BASE "/a/f", O_RDONLY);

	TRY(statfs(BASE "/a/f", &a));
	TRY(fstatfs(fd, &b));
	printf("statfs and fstatfs agree: %s, name max %ld\n",
	       a.f_type == b.f_type && a.f_blocks == b.f_blocks ? "yes" : "no", (long)a.f_namelen);
	TRY(statfs(BASE "/none", &a));
	TRY(fstatfs(99, &a));
	TRY(syscall(SYS_statx, AT_FDCWD, BASE "/a/f", 0, 0x7ff, &x));
	stat(BASE "/a/f", &st);
	printf("statx: basic %s, mode %o, size %llu, nlink %u, ino, dev and mtime as stat: %s\n",
	       (x.mask & 0x7ff) == 0x7ff ? "yes" : "no", x.mode, (unsigned long long)x.size, x.nlink,
	       x.ino == st.st_ino && makedev(x.dmaj, x.dmin) == st.st_dev &&
	       x.mt.sec == st.st_mtim.tv_sec && x.mt.nsec == st.st_mtim.tv_nsec ? "yes" : "no");
	TRY(syscall(SYS_statx, fd, "", AT_EMPTY_PATH, 0x7ff, &x));
	printf("statx of the descriptor: size %llu\n", (unsigned long long)x.size);
	TRY(syscall(SYS_statx, AT_FDCWD, BASE "/a/f", 0x6000, 0x7ff, &x));
	TRY(syscall(SYS_newfstatat, fd, "", &st, AT_EMPTY_PATH));
	close(fd);
}

static void errors(void)
{
	char buf[16];
	struct stat st;
	int fd = open(BASE "/a/f", O_RDONLY), dfd = open(BASE "/a", O_RDONLY | O_DIRECTORY);

	/* A bad pointer for a name is EFAULT, never a fault in the program. */
	TRY(syscall(SYS_mkdir, BAD, 0755));
	TRY(syscall(SYS_open, BAD, O_RDONLY));
	TRY(syscall(SYS_stat, BAD, &st));
	TRY(syscall(SYS_access, BAD, 0));
	TRY(syscall(SYS_unlink, BAD));
	TRY(syscall(SYS_rmdir, BAD));
	TRY(syscall(SYS_rename, BAD, BASE "/x"));
	TRY(syscall(SYS_rename, BASE "/a/f", BAD));
	TRY(syscall(SYS_link, BASE "/a/f", BAD));
	TRY(syscall(SYS_symlink, BAD, BASE "/x"));
	TRY(syscall(SYS_readlink, BAD, buf, sizeof buf));
	TRY(syscall(SYS_readlink, BASE "/a/sym", BAD, sizeof buf));
	TRY(syscall(SYS_chmod, BAD, 0644));
	TRY(syscall(SYS_chown, BAD, 0, 0));
	TRY(syscall(SYS_truncate, BAD, 0));
	TRY(syscall(SYS_statfs, BAD, buf));
	TRY(syscall(SYS_chdir, BAD));
	TRY(syscall(SYS_utimensat, AT_FDCWD, BAD, 0, 0));
	TRY(syscall(SYS_utimensat, AT_FDCWD, 0, 0, 0));
	TRY(syscall(SYS_getdents64, dfd, BAD, 4096));
	TRY(syscall(SYS_getcwd, BAD, 4096));

	/* Descriptors as directories: only a relative name needs one. */
	TRY(mkdirat(99, "rel", 0755));
	TRY(mkdirat(99, BASE "/abs", 0755));
	TRY(unlinkat(99, BASE "/abs", AT_REMOVEDIR));
	TRY(mkdirat(fd, "rel", 0755));
	TRY(mkdirat(dfd, "rel", 0755));
	TRY(unlinkat(dfd, "rel", AT_REMOVEDIR));
	TRY(openat(dfd, "f", O_RDONLY) >= 0);
	TRY(syscall(SYS_getdents64, fd, buf, sizeof buf));
	TRY(syscall(SYS_getdents64, 99, buf, sizeof buf));
	TRY(syscall(SYS_getdents64, dfd, buf, 1));

	/* Removing. */
	TRY(unlink(BASE "/a/b"));
	TRY(unlinkat(AT_FDCWD, BASE "/a/f", AT_REMOVEDIR));
	TRY(unlinkat(AT_FDCWD, BASE "/a/f", 0x8000));
	TRY(rmdir(BASE "/a/f"));
	TRY(rmdir(BASE "/a/b"));
	TRY(rmdir(BASE "/a/b/."));
	TRY(unlink(BASE "/a/missing"));
	TRY(unlink(BASE "/a/sym"));
	TRY(unlink(BASE "/a/f"));
	TRY(unlink(BASE "/a/b/full"));
	TRY(rmdir(BASE "/a/b"));
	TRY(rmdir(BASE "/c"));
	TRY(unlink("/dev/shm/posixx-fs-tree-moved"));
	list(BASE "/a");
	close(fd);
	close(dfd);
}

int main(void)
{
	umask(022);
	rm_tree(BASE);
	unlink("/dev/shm/posixx-fs-tree-link");
	unlink("/dev/shm/posixx-fs-tree-moved");
	if (mkdir(BASE, 0755) < 0) {
		printf("cannot create " BASE ": %s\n", errno_name(errno));
		return 1;
	}
	names();
	attributes();
	file_systems();
	errors();
	rm_tree(BASE);
	TRY(access(BASE, F_OK));
	return 0;
}

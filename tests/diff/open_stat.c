#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *errno_name(int e)
{
	switch (e) {
	case 0: return "0";
	case ENOENT: return "ENOENT";
	case EBADF: return "EBADF";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case EEXIST: return "EEXIST";
	case ENOTDIR: return "ENOTDIR";
	case EISDIR: return "EISDIR";
	case EINVAL: return "EINVAL";
	case ELOOP: return "ELOOP";
	case ENAMETOOLONG: return "ENAMETOOLONG";
	default: return "other";
	}
}

static void report(const char *call, long r)
{
	printf("%-40s -> %s, errno %s\n", call, r < 0 ? "-1" : "ok", r < 0 ? errno_name(errno) : "-");
}

static const char *type_of(mode_t m)
{
	if (S_ISREG(m)) return "regular";
	if (S_ISCHR(m)) return "character device";
	if (S_ISFIFO(m)) return "fifo";
	if (S_ISDIR(m)) return "directory";
	if (S_ISLNK(m)) return "symlink";
	if (S_ISSOCK(m)) return "socket";
	return "other";
}

static void show_stat(const char *what, int r, const struct stat *st)
{
	if (r < 0)
		printf("%-40s -> -1, errno %s\n", what, errno_name(errno));
	else if (S_ISREG(st->st_mode))
		printf("%-40s -> regular, size %lld, mode %o\n", what, (long long)st->st_size,
		       (unsigned)(st->st_mode & 0777));
	else
		printf("%-40s -> %s\n", what, type_of(st->st_mode));
}

/* The runner gives stdin from /dev/null and an empty scratch directory as
 * the working directory. */
int main(void)
{
	static char long_path[5000];
	char buf[16];
	struct stat st;
	const char *volatile null_path = NULL;
	long r;
	int fd;

	/* Opening by name, and the errors Linux gives. */
	errno = 0; r = open("missing", O_RDONLY); report("open(missing)", r);
	errno = 0; r = open("missing/f", O_WRONLY | O_CREAT, 0644); report("open(missing/f, O_CREAT)", r);
	errno = 0; fd = open("f", O_WRONLY | O_CREAT | O_EXCL, 0640); report("open(f, O_CREAT|O_EXCL)", fd);
	printf("new descriptor is the lowest free one: %s\n", fd == 3 ? "yes" : "no");
	errno = 0; r = open("f", O_WRONLY | O_CREAT | O_EXCL, 0640); report("open(f, O_CREAT|O_EXCL) again", r);
	errno = 0; r = write(fd, "hello", 5); report("write(O_WRONLY fd)", r);
	errno = 0; r = read(fd, buf, 1); report("read(O_WRONLY fd)", r);
	close(fd);
	errno = 0; fd = open("f", O_RDONLY); report("open(f, O_RDONLY)", fd);
	errno = 0; r = write(fd, "x", 1); report("write(O_RDONLY fd)", r);
	errno = 0; r = pwrite(fd, "x", 1, 0); report("pwrite(O_RDONLY fd)", r);
	errno = 0; r = read(fd, buf, 5); report("read(O_RDONLY fd)", r);
	printf("read back: %.5s\n", buf);
	errno = 0; r = fcntl(fd, F_GETFD); report("F_GETFD without O_CLOEXEC", r);
	printf("F_GETFD without O_CLOEXEC = %ld\n", r);
	close(fd);
	fd = open("f", O_RDONLY | O_CLOEXEC);
	printf("F_GETFD with O_CLOEXEC = %d\n", fcntl(fd, F_GETFD));
	close(fd);
	errno = 0; r = open(".", O_WRONLY); report("open(., O_WRONLY)", r);
	errno = 0; r = open(".", O_RDWR); report("open(., O_RDWR)", r);
	errno = 0; r = open("/", O_WRONLY); report("open(/, O_WRONLY)", r);
	errno = 0; r = open("f/x", O_RDONLY); report("open(f/x)", r);
	errno = 0; r = open("f", O_RDONLY | O_DIRECTORY); report("open(f, O_DIRECTORY)", r);
	errno = 0; r = open("", O_RDONLY); report("open(\"\")", r);
	errno = 0; r = open(null_path, O_RDONLY); report("open(NULL)", r);
	memset(long_path, 'a', sizeof long_path - 1);
	errno = 0; r = open(long_path, O_RDONLY); report("open(5000-byte name)", r);
	long_path[300] = 0;
	errno = 0; r = open(long_path, O_RDONLY); report("open(300-byte component)", r);
	errno = 0; r = open("/dev/stdin", O_RDONLY | O_NOFOLLOW); report("open(/dev/stdin, O_NOFOLLOW)", r);

	/* Truncation, append, creat. */
	fd = open("f", O_RDWR | O_TRUNC);
	printf("size after O_TRUNC: %lld\n", fstat(fd, &st) == 0 ? (long long)st.st_size : -1LL);
	close(fd);
	fd = open("f", O_WRONLY | O_APPEND);
	write(fd, "abc", 3);
	lseek(fd, 0, SEEK_SET);
	write(fd, "d", 1);
	printf("size after appending 3 + 1 bytes: %lld\n", fstat(fd, &st) == 0 ? (long long)st.st_size : -1LL);
	close(fd);
	fd = creat("g", 0600);
	printf("creat(g): %s, write %ld\n", fd >= 0 ? "ok" : "failed", (long)write(fd, "12", 2));
	errno = 0; r = read(fd, buf, 1); report("read(creat fd)", r);
	close(fd);
	fd = open("h", O_RDONLY | O_CREAT, 0);
	close(fd);
	errno = 0; r = open("h", O_RDONLY); report("open(mode 000 file)", r);
	if (r >= 0)
		close((int)r);

	/* Directories as descriptors: openat. */
	int dev = open("/dev", O_RDONLY | O_DIRECTORY);
	printf("open(/dev, O_DIRECTORY): %s\n", dev >= 0 ? "ok" : "failed");
	errno = 0; r = read(dev, buf, 1); report("read(directory fd)", r);
	errno = 0; fd = openat(dev, "null", O_WRONLY); report("openat(/dev fd, null)", fd);
	errno = 0; r = write(fd, "x", 1); report("write(that fd)", r);
	close(fd);
	errno = 0; r = openat(dev, "no-such-device", O_RDONLY); report("openat(/dev fd, missing)", r);
	int file = open("f", O_RDONLY);
	errno = 0; r = openat(file, "x", O_RDONLY); report("openat(file fd, x)", r);
	errno = 0; r = openat(99, "x", O_RDONLY); report("openat(99, x)", r);
	errno = 0; fd = openat(99, "/dev/null", O_RDONLY); report("openat(99, /dev/null)", fd);
	close(fd);
	errno = 0; fd = openat(AT_FDCWD, "g", O_RDONLY); report("openat(AT_FDCWD, g)", fd);
	close(fd);
	int root = open("/", O_RDONLY);
	errno = 0; fd = openat(root, "dev/null", O_RDONLY); report("openat(/ fd, dev/null)", fd);
	close(fd);

	/* stat by name. */
	r = stat("f", &st); show_stat("stat(f)", (int)r, &st);
	r = stat("g", &st); show_stat("stat(g)", (int)r, &st);
	r = stat("missing", &st); show_stat("stat(missing)", (int)r, &st);
	r = stat("f/x", &st); show_stat("stat(f/x)", (int)r, &st);
	r = stat("", &st); show_stat("stat(\"\")", (int)r, &st);
	r = stat("/", &st); show_stat("stat(/)", (int)r, &st);
	r = stat("//", &st); show_stat("stat(//)", (int)r, &st);
	r = stat(".", &st); show_stat("stat(.)", (int)r, &st);
	r = stat("/dev/null", &st); show_stat("stat(/dev/null)", (int)r, &st);
	r = stat("/dev/stdin", &st); show_stat("stat(/dev/stdin)", (int)r, &st);
	r = lstat("/dev/stdin", &st); show_stat("lstat(/dev/stdin)", (int)r, &st);
	r = lstat("f", &st); show_stat("lstat(f)", (int)r, &st);
	r = stat(long_path, &st); show_stat("stat(300-byte component)", (int)r, &st);
	r = fstatat(dev, "null", &st, 0); show_stat("fstatat(/dev fd, null)", (int)r, &st);
	r = fstatat(dev, "stdin", &st, AT_SYMLINK_NOFOLLOW); show_stat("fstatat(/dev fd, stdin, NOFOLLOW)", (int)r, &st);
	r = fstatat(file, "x", &st, 0); show_stat("fstatat(file fd, x)", (int)r, &st);
	r = fstatat(99, "x", &st, 0); show_stat("fstatat(99, x)", (int)r, &st);
	r = fstatat(99, "/dev/null", &st, 0); show_stat("fstatat(99, /dev/null)", (int)r, &st);
	r = fstatat(file, "", &st, AT_EMPTY_PATH); show_stat("fstatat(file fd, \"\", EMPTY_PATH)", (int)r, &st);
	r = fstatat(AT_FDCWD, "", &st, AT_EMPTY_PATH); show_stat("fstatat(AT_FDCWD, \"\", EMPTY_PATH)", (int)r, &st);
	r = fstatat(dev, "", &st, 0); show_stat("fstatat(/dev fd, \"\", 0)", (int)r, &st);
	r = fstatat(AT_FDCWD, "f", &st, 0x4); show_stat("fstatat(AT_FDCWD, f, bad flag)", (int)r, &st);

	/* access by name. */
	errno = 0; r = access("f", R_OK | W_OK); report("access(f, R_OK|W_OK)", r);
	errno = 0; r = access("f", X_OK); report("access(f (0640), X_OK)", r);
	errno = 0; r = access("missing", F_OK); report("access(missing, F_OK)", r);
	errno = 0; r = access("f/x", F_OK); report("access(f/x, F_OK)", r);
	errno = 0; r = access("f", 8); report("access(f, bad mode)", r);
	errno = 0; r = access("/", X_OK); report("access(/, X_OK)", r);
	errno = 0; r = faccessat(dev, "null", W_OK, 0); report("faccessat(/dev fd, null, W_OK)", r);
	errno = 0; r = faccessat(99, "x", F_OK, 0); report("faccessat(99, x)", r);
	errno = 0; r = faccessat(file, "x", F_OK, 0); report("faccessat(file fd, x)", r);
	errno = 0; r = faccessat(AT_FDCWD, "f", R_OK, AT_EACCESS); report("faccessat(f, R_OK, AT_EACCESS)", r);
	errno = 0; r = faccessat(AT_FDCWD, "/dev/stdin", F_OK, AT_SYMLINK_NOFOLLOW);
	report("faccessat(/dev/stdin, NOFOLLOW)", r);
	close(file);
	close(dev);
	close(root);
	return 0;
}

/* open and openat with O_PATH, as toybox's realpath walks a path with
 * them (lib/xwrap.c's xabspath): a descriptor that names a file, a
 * directory or, with O_NOFOLLOW, a symlink itself. It can be stat'ed,
 * duplicated, used as the directory of *at calls and by fchdir, and its
 * flags read; it reads, writes, lists, maps, controls and changes
 * nothing (EBADF, whatever the object). The
 * access mode and other flags given with O_PATH are ignored, and a
 * missing name or a symlink loop still fails. F_GETFL's O_DIRECTORY and
 * O_NOFOLLOW are not compared: Linux echoes them for an O_PATH descriptor
 * opened with them, POSIX-X shows O_PATH alone (vdso/hybrid/fcntl.c). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

static void try(const char *what, long r)
{
	printf("%s: %s\n", what, r < 0 ? strerror(errno) : "ok");
}

static void show(const char *what, int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0) {
		printf("%s: fstat %s\n", what, strerror(errno));
		return;
	}
	printf("%s: type %o size %ld flags %#x\n", what, st.st_mode & S_IFMT,
	       S_ISLNK(st.st_mode) ? (long)st.st_size : 0L,
	       fcntl(fd, F_GETFL) & (O_PATH | O_ACCMODE | O_LARGEFILE));
}

/* What Linux refuses on any O_PATH descriptor with EBADF, whatever the
 * object: the calls that need the file open for I/O. */
static void no_io(const char *what, int fd)
{
	char buf[256], name[64];
	struct termios tio;
	int n;

	snprintf(name, sizeof name, "getdents %s", what);
	try(name, getdents64(fd, (struct dirent *)buf, sizeof buf));
	void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	snprintf(name, sizeof name, "mmap %s", what);
	try(name, p == MAP_FAILED ? -1 : 0);
	snprintf(name, sizeof name, "TCGETS %s", what);
	try(name, ioctl(fd, TCGETS, &tio));
	snprintf(name, sizeof name, "FIONREAD %s", what);
	try(name, ioctl(fd, FIONREAD, &n));
	errno = posix_fadvise(fd, 0, 0, POSIX_FADV_NORMAL);
	snprintf(name, sizeof name, "fadvise %s", what);
	try(name, errno ? -1 : 0);
	snprintf(name, sizeof name, "ftruncate %s", what);
	try(name, ftruncate(fd, 0));
}

int main(void)
{
	char buf[256];
	int f, d, l, fd;
	ssize_t n;

	mkdir("dir", 0755);
	fd = open("dir/file", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	write(fd, "data\n", 5);
	close(fd);
	symlink("dir/file", "link");
	symlink("loop", "loop");

	f = open("dir/file", O_PATH | O_RDWR | O_TRUNC);
	show("file", f);
	try("read file", read(f, buf, sizeof buf));
	try("write file", write(f, "x", 1));
	try("fchmod file", fchmod(f, 0600));
	try("lseek file", lseek(f, 0, SEEK_SET));
	try("F_SETFL file", fcntl(f, F_SETFL, O_NONBLOCK));

	d = open("dir", O_PATH | O_DIRECTORY);
	show("dir", d);
	try("getdents dir", getdents64(d, (struct dirent *)buf, sizeof buf));
	fd = openat(d, "file", O_RDONLY);
	n = read(fd, buf, sizeof buf);
	printf("openat below O_PATH dir reads %zd bytes\n", n);
	close(fd);
	fd = openat(d, "..", O_PATH);
	show("dotdot", fd);
	close(fd);
	try("fstatat below dir", fstatat(d, "file", &(struct stat){0}, 0));
	try("fchdir dir", fchdir(d));
	printf("cwd ends with /dir: %d\n", getcwd(buf, sizeof buf) &&
	       strcmp(buf + strlen(buf) - 4, "/dir") == 0);
	chdir("..");

	l = open("link", O_PATH | O_NOFOLLOW);
	show("link nofollow", l);
	n = readlinkat(l, "", buf, sizeof buf);
	printf("readlinkat(link, \"\"): %zd %.*s\n", n, n > 0 ? (int)n : 0, buf);
	n = readlinkat(d, "", buf, sizeof buf);
	printf("readlinkat(dir, \"\"): %zd %s\n", n, n < 0 ? strerror(errno) : "");
	n = readlink("", buf, sizeof buf);
	printf("readlink(\"\"): %zd %s\n", n, n < 0 ? strerror(errno) : "");
	fd = open("link", O_PATH);
	show("link followed", fd);
	close(fd);

	fd = dup(f);
	show("dup of file", fd);
	close(fd);
	try("open missing", open("missing", O_PATH));
	try("open loop", open("loop", O_PATH));
	try("open file as directory", open("dir/file", O_PATH | O_DIRECTORY));
	try("open loop nofollow", fd = open("loop", O_PATH | O_NOFOLLOW));
	close(fd);
	no_io("file", f);
	no_io("dir", d);
	fd = open("/dev/null", O_PATH);
	no_io("/dev/null", fd);
	close(fd);
	close(f);
	close(d);
	close(l);
	unlink("dir/file");
	rmdir("dir");
	unlink("link");
	unlink("loop");
	return 0;
}

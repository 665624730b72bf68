/* Each kind of object opened by name without O_DIRECTORY (a regular
 * file, a directory, a FIFO, /dev/null, a pseudo-terminal's slave when
 * /dev/ptmx exists, and a symlink to each), then every call whose answer
 * depends on the object's type, each on a descriptor of its own so that
 * it is the first to need the type (POSIX-X learns a type opened by name
 * lazily, ABI 1.7), then all of them on one descriptor after an fstat
 * and after a dup. Results and errnos are printed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

extern char **environ;

static int home;  /* the starting directory, for fchdir back */

static void show(const char *kind, const char *what, long r, int err)
{
	printf("%-12s %-14s -> %ld %s\n", kind, what, r, r < 0 ? strerror(err) : "");
}

static const char *type_name(mode_t m)
{
	switch (m & S_IFMT) {
	case S_IFREG: return "regular";
	case S_IFDIR: return "directory";
	case S_IFIFO: return "fifo";
	case S_IFCHR: return "chardev";
	case S_IFLNK: return "symlink";
	default: return "other";
	}
}

static void p_fstat(const char *k, int fd)
{
	struct stat st;
	long r = fstat(fd, &st);

	printf("%-12s %-14s -> %ld %s\n", k, "fstat", r, r < 0 ? strerror(errno) : type_name(st.st_mode));
}

static void p_fstat_empty(const char *k, int fd)
{
	struct stat st;
	long r = fstatat(fd, "", &st, AT_EMPTY_PATH);

	printf("%-12s %-14s -> %ld %s\n", k, "fstatat empty", r,
	       r < 0 ? strerror(errno) : type_name(st.st_mode));
}

static void p_read(const char *k, int fd)
{
	char c;
	long r = read(fd, &c, 1);

	show(k, "read", r, errno);
}

static void p_pread(const char *k, int fd)
{
	char c;
	long r = pread(fd, &c, 1, 0);

	show(k, "pread", r, errno);
}

static void p_write(const char *k, int fd)
{
	long r = write(fd, "", 0);   /* zero bytes: the file stays as it is */

	show(k, "write 0", r, errno);
}

static void p_lseek(const char *k, int fd)
{
	long r = lseek(fd, 0, SEEK_CUR);

	show(k, "lseek cur", r, errno);
}

static void p_lseek_end(const char *k, int fd)
{
	long r = lseek(fd, 0, SEEK_END);

	/* A file's or a directory's size is the file system's business:
	 * say only whether it succeeded. */
	show(k, "lseek end", r < 0 ? r : 0, errno);
}

static void p_getdents(const char *k, int fd)
{
	char buf[4096];
	long r = syscall(SYS_getdents64, fd, buf, sizeof buf);

	show(k, "getdents64", r > 0 ? 1 : r, errno);
}

static void p_fchdir(const char *k, int fd)
{
	long r = fchdir(fd);

	show(k, "fchdir", r, errno);
	if (r == 0 && fchdir(home) < 0)
		perror("fchdir back");
}

static void p_mmap(const char *k, int fd)
{
	void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);

	show(k, "mmap", p == MAP_FAILED ? -1 : 0, errno);
	if (p != MAP_FAILED)
		munmap(p, 4096);
}

static void p_tcgets(const char *k, int fd)
{
	struct termios t;
	long r = ioctl(fd, TCGETS, &t);

	show(k, "TCGETS", r, errno);
}

static void p_winsize(const char *k, int fd)
{
	struct winsize ws;
	long r = ioctl(fd, TIOCGWINSZ, &ws);

	show(k, "TIOCGWINSZ", r, errno);
}

static void p_fionread(const char *k, int fd)
{
	int n = -1;
	long r = ioctl(fd, FIONREAD, &n);

	printf("%-12s %-14s -> %ld %s count %d\n", k, "FIONREAD", r, r < 0 ? strerror(errno) : "", n);
}

static void p_fadvise(const char *k, int fd)
{
	/* posix_fadvise returns the error number rather than setting errno. */
	int r = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);

	show(k, "fadvise", r ? -1 : 0, r);
}

static void p_getfl(const char *k, int fd)
{
	long r = fcntl(fd, F_GETFL);

	printf("%-12s %-14s -> %#lx\n", k, "F_GETFL", r);
}

static void p_setfl(const char *k, int fd)
{
	long r = fcntl(fd, F_SETFL, O_NONBLOCK);

	show(k, "F_SETFL", r, errno);
}

static void p_lock(const char *k, int fd)
{
	struct flock l = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
	long r = fcntl(fd, F_GETLK, &l);

	show(k, "F_GETLK", r, errno);
}

static void p_poll(const char *k, int fd)
{
	struct pollfd p = { fd, POLLIN | POLLOUT, 0 };
	long r = poll(&p, 1, 0);

	printf("%-12s %-14s -> %ld revents %#x\n", k, "poll", r, p.revents);
}

static void p_openat(const char *k, int fd)
{
	long r = openat(fd, "inner", O_RDONLY);

	show(k, "openat below", r < 0 ? r : 0, errno);
	if (r >= 0)
		close((int)r);
}

static void p_fstatat(const char *k, int fd)
{
	struct stat st;
	long r = fstatat(fd, "inner", &st, 0);

	show(k, "fstatat below", r, errno);
}

static void p_ftruncate(const char *k, int fd)
{
	long r = ftruncate(fd, 9);   /* the size it has: nothing changes */

	show(k, "ftruncate", r, errno);
}

static void p_fexecve(const char *k, int fd)
{
	char *argv[] = { "x", NULL };
	long r = syscall(SYS_execveat, fd, "", argv, environ, AT_EMPTY_PATH);

	show(k, "execveat", r, errno);
}

static void p_fsync(const char *k, int fd)
{
	long r = fsync(fd);

	show(k, "fsync", r, errno);
}

static void (*const probes[])(const char *, int) = {
	p_fstat, p_fstat_empty, p_read, p_pread, p_write, p_lseek, p_lseek_end, p_getdents,
	p_fchdir, p_mmap, p_tcgets, p_winsize, p_fionread, p_fadvise, p_getfl, p_setfl,
	p_lock, p_poll, p_openat, p_fstatat, p_ftruncate, p_fexecve, p_fsync,
};

#define NPROBES (sizeof probes / sizeof probes[0])

static int open_kind(const char *kind, const char *name, int flags)
{
	int fd = open(name, flags);

	if (fd < 0)
		printf("%-12s open %s -> %s\n", kind, name, strerror(errno));
	return fd;
}

/* Each probe first on a fresh descriptor, then all in a row on one
 * descriptor that an fstat saw first, then on a dup of a fresh one. */
static void kind(const char *kind, const char *name, int flags)
{
	int fd, d;

	for (unsigned i = 0; i < NPROBES; i++) {
		if ((fd = open_kind(kind, name, flags)) < 0)
			return;
		probes[i](kind, fd);
		close(fd);
	}
	printf("%-12s after fstat:\n", kind);
	if ((fd = open_kind(kind, name, flags)) < 0)
		return;
	for (unsigned i = 0; i < NPROBES; i++)
		probes[i](kind, fd);
	close(fd);
	printf("%-12s through a dup:\n", kind);
	if ((fd = open_kind(kind, name, flags)) < 0)
		return;
	d = dup(fd);
	close(fd);
	for (unsigned i = 2; i < NPROBES; i++)   /* the type's first users */
		probes[i](kind, d);
	close(d);
}

int main(void)
{
	int fd, tty = -1;
	char slave[64] = "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if ((home = open(".", O_RDONLY | O_DIRECTORY)) < 0)
		return perror("open ."), 1;
	if ((fd = open("file", O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0 ||
	    write(fd, "contents\n", 9) != 9 || close(fd) < 0)
		return perror("file"), 1;
	if (mkdir("dir", 0755) < 0 || (fd = open("dir/inner", O_WRONLY | O_CREAT, 0644)) < 0 ||
	    close(fd) < 0)
		return perror("dir"), 1;
	if (mkfifo("fifo", 0644) < 0)
		return perror("fifo"), 1;
	if (symlink("file", "l-file") < 0 || symlink("dir", "l-dir") < 0 ||
	    symlink("fifo", "l-fifo") < 0 || symlink("/dev/null", "l-null") < 0)
		return perror("symlink"), 1;

	kind("file", "file", O_RDONLY);
	kind("file rw", "file", O_RDWR);
	kind("file nb", "file", O_RDONLY | O_NONBLOCK);
	kind("dir", "dir", O_RDONLY);
	kind("dir nb", "dir", O_RDONLY | O_NONBLOCK);
	/* Without a writer a FIFO opens for reading only without blocking. */
	kind("fifo", "fifo", O_RDONLY | O_NONBLOCK);
	kind("fifo rw", "fifo", O_RDWR | O_NONBLOCK);
	kind("null", "/dev/null", O_RDONLY);
	kind("null rw", "/dev/null", O_RDWR);
	kind("l-file", "l-file", O_RDONLY);
	kind("l-dir", "l-dir", O_RDONLY);
	kind("l-fifo", "l-fifo", O_RDONLY | O_NONBLOCK);
	kind("l-null", "l-null", O_RDONLY);

	/* A terminal: the slave of a pseudo-terminal, when this machine
	 * has them; the same line either way, so both runs agree. */
	if ((tty = posix_openpt(O_RDWR | O_NOCTTY)) < 0 || grantpt(tty) < 0 || unlockpt(tty) < 0 ||
	    ptsname_r(tty, slave, sizeof slave) != 0 || symlink(slave, "l-tty") < 0) {
		printf("tty: skipped, no pseudo-terminal\n");
	} else {
		kind("tty", slave, O_RDWR | O_NOCTTY | O_NONBLOCK);
		kind("tty ro", slave, O_RDONLY | O_NOCTTY | O_NONBLOCK);
		kind("l-tty", "l-tty", O_RDWR | O_NOCTTY | O_NONBLOCK);
	}
	if (tty >= 0)
		close(tty);
	return 0;
}

/* The capability table. Rights live here, in kernel memory; a handle
 * carries a generation so a stale one (released, slot reused) is refused
 * rather than naming someone else's object. */
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/ioctl.h>
#include <exo/status.h>
#include "kernel.h"
#include "host_raw.h"

static struct kcap table[CAP_TABLE_SIZE];

static exo_cap_t make_handle(unsigned index, unsigned generation)
{
	return (exo_cap_t)((generation << 16) | (index + 1));
}

long cap_install(int host_fd, unsigned object, unsigned rights)
{
	for (unsigned i = 0; i < CAP_TABLE_SIZE; i++) {
		struct kcap *c = &table[i];
		/* Threads install concurrently: claim the slot atomically. */
		if (c->in_use || __atomic_exchange_n(&c->in_use, 1, __ATOMIC_ACQ_REL))
			continue;
		c->generation++;
		c->object = (exo_u8)object;
		c->rights = rights;
		c->host_fd = host_fd;
		return make_handle(i, c->generation);
	}
	return EXO_ERR_TABLE_FULL;
}

struct kcap *cap_get(exo_cap_t handle, unsigned need, long *status)
{
	unsigned index = (handle & 0xffff) - 1;
	struct kcap *c;

	if (index >= CAP_TABLE_SIZE || !(c = &table[index])->in_use ||
	    c->generation != (handle >> 16)) {
		*status = EXO_ERR_BAD_CAP;
		return NULL;
	}
	if ((c->rights & need) != need) {
		*status = EXO_ERR_RIGHTS;
		return NULL;
	}
	return c;
}

long cap_release(exo_cap_t handle)
{
	long status;
	struct kcap *c = cap_get(handle, 0, &status);

	if (!c)
		return status;
	/* The descriptor is read before the slot is freed: once it is, a
	 * thread's cap_install may claim it and store its own. */
	int fd = c->host_fd;
	__atomic_store_n(&c->in_use, 0, __ATOMIC_RELEASE);
	return close(fd) < 0 ? EXO_ERR_IO : 0;
}

unsigned cap_object_of(const struct stat *st)
{
	switch (st->st_mode & S_IFMT) {
	case S_IFDIR: return EXO_OBJ_DIRECTORY;
	case S_IFIFO: return EXO_OBJ_PIPE;
	case S_IFSOCK: return EXO_OBJ_SOCKET;
	case S_IFBLK: return EXO_OBJ_BLOCKDEV;
	case S_IFLNK: return EXO_OBJ_SYMLINK;
	case S_IFCHR:
		if (major(st->st_rdev) == 1 && minor(st->st_rdev) == 3)
			return EXO_OBJ_NULL;
		return EXO_OBJ_CHARDEV;
	default: return EXO_OBJ_FILE;
	}
}

/* The object, rights and status of a host descriptor whose open flags
 * are known (fl, as F_GETFL gives them): one fstat, made with the raw
 * call, since glibc's fstat is newfstatat(fd, "", AT_EMPTY_PATH), which
 * looks the empty name up first (about 100 cycles, docs/hybrid-perf.md).
 * No glibc: the short path calls it too. */
void cap_describe_host_fd_flags(int fd, int fl, unsigned *object, unsigned *rights,
                                unsigned *status_flags)
{
	struct stat st;
	char tty_buf[64];
	unsigned r = EXO_RIGHT_STAT | EXO_RIGHT_DUPLICATE | EXO_RIGHT_TRANSFER;
	unsigned s = 0;

	switch (fl & O_ACCMODE) {
	case O_RDONLY: r |= EXO_RIGHT_READ; s |= EXO_FD_READ; break;
	case O_WRONLY: r |= EXO_RIGHT_WRITE; s |= EXO_FD_WRITE; break;
	case O_RDWR: r |= EXO_RIGHT_READ | EXO_RIGHT_WRITE; s |= EXO_FD_READ | EXO_FD_WRITE; break;
	}
	if (fl & O_APPEND)
		s |= EXO_FD_APPEND;
	if (fl & O_NONBLOCK)
		s |= EXO_FD_NONBLOCK;
	*object = EXO_OBJ_FILE;
	if (host_raw3(SYS_fstat, fd, (long)&st, 0) == 0) {
		*object = cap_object_of(&st);
		switch (*object) {
		case EXO_OBJ_FILE: r |= EXO_RIGHT_SEEK | EXO_RIGHT_MAP; break;
		/* A directory opened by name may be the start of further names,
		 * as openat(dirfd, ...) uses it; cap_path.c narrows these two
		 * rights to what the directory it came from had. */
		case EXO_OBJ_DIRECTORY: r |= EXO_RIGHT_SEEK | EXO_RIGHT_LOOKUP | EXO_RIGHT_CREATE; break;
		case EXO_OBJ_BLOCKDEV: case EXO_OBJ_NULL: r |= EXO_RIGHT_SEEK; break;
		case EXO_OBJ_CHARDEV:
			/* isatty: TCGETS answers for a terminal only (the
			 * kernel's termios is smaller than this buffer). */
			if (host_raw3(SYS_ioctl, fd, TCGETS, (long)tty_buf) == 0)
				*object = EXO_OBJ_TTY, r |= EXO_RIGHT_TTY;
			else
				r |= EXO_RIGHT_SEEK;
			break;
		}
	}
	*rights = r;
	*status_flags = s;
}

/* A descriptor from elsewhere (inherited, received): ask the host. */
void cap_describe_host_fd(int fd, unsigned *object, unsigned *rights, unsigned *status_flags)
{
	cap_describe_host_fd_flags(fd, fcntl(fd, F_GETFL), object, rights, status_flags);
}

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

/* The live entry for handle, its type as it stands (perhaps
 * EXO_OBJ_UNKNOWN) and its rights as an upper bound until the type is
 * known. */
static struct kcap *cap_lookup(exo_cap_t handle, long *status)
{
	unsigned index = (handle & 0xffff) - 1;
	struct kcap *c;

	if (index >= CAP_TABLE_SIZE || !(c = &table[index])->in_use ||
	    c->generation != (handle >> 16)) {
		*status = EXO_ERR_BAD_CAP;
		return NULL;
	}
	return c;
}

static struct kcap *cap_check(struct kcap *c, unsigned need, long *status)
{
	if ((__atomic_load_n(&c->rights, __ATOMIC_RELAXED) & need) != need) {
		*status = EXO_ERR_RIGHTS;
		return NULL;
	}
	return c;
}

struct kcap *cap_get(exo_cap_t handle, unsigned need, long *status)
{
	struct kcap *c = cap_lookup(handle, status);

	if (!c)
		return NULL;
	/* Every caller may decide by type or by a right the type grants:
	 * learn it first, once (cap_get_untyped is for those that do not). */
	if (__atomic_load_n(&c->object, __ATOMIC_ACQUIRE) == EXO_OBJ_UNKNOWN)
		cap_learn(c, cap_host_object(c->host_fd));
	return cap_check(c, need, status);
}

struct kcap *cap_get_untyped(exo_cap_t handle, unsigned need, long *status)
{
	struct kcap *c = cap_lookup(handle, status);

	return c ? cap_check(c, need, status) : NULL;
}

long cap_release(exo_cap_t handle)
{
	long status;
	/* Closing needs no type: an open + close asks the host nothing more. */
	struct kcap *c = cap_get_untyped(handle, 0, &status);

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

/* The rights a type grants beyond those of the access mode: an
 * unknown type's capability holds all of them until cap_learn narrows
 * them. */
#define TYPE_RIGHTS (EXO_RIGHT_SEEK | EXO_RIGHT_MAP | EXO_RIGHT_LOOKUP | EXO_RIGHT_CREATE | \
                     EXO_RIGHT_TTY)

static unsigned type_rights(unsigned object)
{
	switch (object) {
	case EXO_OBJ_FILE: return EXO_RIGHT_SEEK | EXO_RIGHT_MAP;
	/* A directory opened by name may be the start of further names, as
	 * openat(dirfd, ...) uses it; cap_path.c narrows these two rights to
	 * what the directory it came from had. */
	case EXO_OBJ_DIRECTORY: return EXO_RIGHT_SEEK | EXO_RIGHT_LOOKUP | EXO_RIGHT_CREATE;
	case EXO_OBJ_BLOCKDEV: case EXO_OBJ_NULL: case EXO_OBJ_CHARDEV: return EXO_RIGHT_SEEK;
	case EXO_OBJ_TTY: return EXO_RIGHT_TTY;
	case EXO_OBJ_UNKNOWN: return TYPE_RIGHTS;
	default: return 0;  /* pipes, sockets, symlinks; a descriptor fstat failed on */
	}
}

/* The type of a host descriptor: one fstat, made with the raw call,
 * since glibc's fstat is newfstatat(fd, "", AT_EMPTY_PATH), which looks
 * the empty name up first (about 100 cycles, docs/hybrid-perf.md), and
 * for a character device TCGETS instead of glibc's isatty, which sets
 * errno through FS: the short path calls it. 0 if fstat fails. */
unsigned cap_host_object(int fd)
{
	struct stat st;
	char tty_buf[64];
	unsigned object;

	if (host_raw3(SYS_fstat, fd, (long)&st, 0) != 0)
		return 0;
	object = cap_object_of(&st);
	/* TCGETS answers for a terminal only (the kernel's termios is
	 * smaller than this buffer). */
	if (object == EXO_OBJ_CHARDEV && host_raw3(SYS_ioctl, fd, TCGETS, (long)tty_buf) == 0)
		object = EXO_OBJ_TTY;
	return object;
}

/* The type found (0: fstat failed, kept as a file without a file's
 * rights, as before ABI 1.7): the rights narrowed to what it grants,
 * then the type published, so whoever sees the type (acquire) sees the
 * narrowed rights. Threads that learn at once store the same values. */
void cap_learn(struct kcap *c, unsigned object)
{
	unsigned r = __atomic_load_n(&c->rights, __ATOMIC_RELAXED);

	r = (r & ~TYPE_RIGHTS) | (r & type_rights(object));
	__atomic_store_n(&c->rights, r, __ATOMIC_RELAXED);
	__atomic_store_n(&c->object, (exo_u8)(object ? object : EXO_OBJ_FILE), __ATOMIC_RELEASE);
}

/* What a stat of the capability reports: its type, or while it is
 * unknown the host stat's, which is then learnt for free, except for a
 * character device, which a terminal only TCGETS tells apart (both have
 * S_IFCHR, all a stat shows of the type). */
unsigned cap_stat_object(struct kcap *c, const struct stat *st)
{
	unsigned object = __atomic_load_n(&c->object, __ATOMIC_ACQUIRE);

	if (object != EXO_OBJ_UNKNOWN)
		return object;
	object = cap_object_of(st);
	if (object != EXO_OBJ_CHARDEV)
		cap_learn(c, object);
	return object;
}

/* The rights and status of a host descriptor whose open flags are known
 * (fl, as F_GETFL gives them) and whose type is object, which may be
 * EXO_OBJ_UNKNOWN (ABI 1.7): no host call. */
void cap_describe_open(int fl, unsigned object, unsigned *rights, unsigned *status_flags)
{
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
	*rights = r | type_rights(object);
	*status_flags = s;
}

/* As cap_describe_open, the type asked of the host now. */
void cap_describe_host_fd_flags(int fd, int fl, unsigned *object, unsigned *rights,
                                unsigned *status_flags)
{
	unsigned o = cap_host_object(fd);

	cap_describe_open(fl, o, rights, status_flags);
	*object = o ? o : EXO_OBJ_FILE;
}

/* A descriptor from elsewhere (inherited, received): ask the host. */
void cap_describe_host_fd(int fd, unsigned *object, unsigned *rights, unsigned *status_flags)
{
	cap_describe_host_fd_flags(fd, fcntl(fd, F_GETFL), object, rights, status_flags);
}

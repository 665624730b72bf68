/* STAT_AT and OPEN_AT on RING_ENTER's short path (ring_one.c): stat,
 * lstat, newfstatat and opens that write nothing, by name, without the general path's FS switch and vector
 * save. What general-path code does here (cap_path.c path_stat_at,
 * cap_fs_name.c name_get) is redone under the short path's rules: no
 * glibc (the guest's FS is live), no vector register (this file is built
 * -mgeneral-regs-only: no memcpy, memchr or strcmp), host calls as raw
 * instructions, and copies to and from the program through the thread
 * block's user_fixup (user_string.S, vdso/internal/uaccess.S) instead of
 * memory.c's sigsetjmp.
 *
 * Only the host's answer is given here: any other error (a bad address,
 * a name too long, a bad or non-directory capability, missing rights, an
 * unknown flag) declines, before anything changed, and the
 * general path starts over and gives its status. So is /proc/self/exe,
 * which proc_self_exe.c rewrites. Rights are checked as name_get checks
 * them: LOOKUP on the directory a name starts from, STAT on a capability
 * described by an empty name. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <exo/status.h>
#include "kernel.h"
#include "host_raw.h"
#include <exo/ring_fs.h>


static int is_proc_self_exe(const char *p)
{
	static const char name[] = "/proc/self/exe";

	for (unsigned i = 0; i < sizeof name; i++)
		if (p[i] != name[i])
			return 0;
	return 1;
}

/* The name at sqe->addr (NUL-terminated) copied to name[EXO_PATH_MAX],
 * and the capability it starts from, by name_get's rules: a relative
 * name below sqe->cap, an absolute one below the root capability, either
 * needing LOOKUP on a directory; an empty one, when allow_self, names
 * sqe->cap itself, which needs self_need. 0 with *c and *path set, or
 * RING_ONE_DECLINED for anything the general path must answer. */
static long resolve(const struct exo_ring_sqe *sqe, char *name, int allow_self,
                    unsigned self_need, struct kcap **c, const char **path)
{
	unsigned long max = EXO_PATH_MAX;
	exo_cap_t dir = sqe->cap;
	const char *p = name;
	long len, status;
	exo_u64 gs;

	__asm__ volatile ("rdgsbase %0" : "=r"(gs));
	if (!gs || sqe->len != 0)
		return RING_ONE_DECLINED;
	/* memory.c's copy_string_from_guest: up to the end of the guest's
	 * range at most, and the NUL counted in PATH_MAX. */
	if (sqe->addr >= (1ull << 47))
		return RING_ONE_DECLINED;
	if (max > (1ull << 47) - sqe->addr)
		max = (1ull << 47) - sqe->addr;
	len = user_string_copy(name, (const char *)sqe->addr, max);
	if (len < 0 || (unsigned long)len >= max || is_proc_self_exe(name))
		return RING_ONE_DECLINED;
	if (len == 0) {
		if (!allow_self || !(*c = cap_get(dir, self_need, &status)))
			return RING_ONE_DECLINED;
		*path = "";
		return 0;
	}
	if (*p == '/') {
		/* Below the root capability; "/" itself is it. */
		while (*p == '/')
			p++;
		if (!*p)
			p = ".";
		dir = exo_sqe_root(sqe);
	}
	if (dir == EXO_CAP_INVALID || !(*c = cap_get(dir, EXO_RIGHT_LOOKUP, &status)) ||
	    (*c)->object != EXO_OBJ_DIRECTORY)
		return RING_ONE_DECLINED;
	*path = p;
	return 0;
}

long ring_one_stat_at(const struct exo_ring_sqe *sqe)
{
	const unsigned known = EXO_STAT_NOFOLLOW | EXO_STAT_EMPTY_NAME;
	char name[EXO_PATH_MAX];
	const char *p;
	struct kcap *c;
	struct stat st;
	struct exo_stat s;
	int flags = 0;
	long status;

	if ((sqe->op_flags & ~known) ||
	    resolve(sqe, name, sqe->op_flags & EXO_STAT_EMPTY_NAME, EXO_RIGHT_STAT, &c, &p) < 0)
		return RING_ONE_DECLINED;
	if (!*p)
		flags |= AT_EMPTY_PATH;
	if (sqe->op_flags & EXO_STAT_NOFOLLOW)
		flags |= AT_SYMLINK_NOFOLLOW;
	/* The host's own error (ENOENT above all: a search along PATH) is
	 * the general path's answer too, status_from_errno of it. */
	if ((status = host_raw4(SYS_newfstatat, c->host_fd, (long)p, (long)&st, flags)) < 0)
		return status_from_errno((int)-status);
	exo_stat_fill(&s, &st, cap_object_of(&st));
	if (!guest_range_ok(sqe->addr2, sizeof s))
		return RING_ONE_DECLINED;
	return user_copy((void *)sqe->addr2, &s, sizeof s) < 0 ? EXO_ERR_FAULT : 0;
}

/* OPEN_AT of an open that writes nothing: cap_path.c path_open_at's work
 * for that case (no image_busy check, no truncation, no search or path
 * capability, no creation). The type is not asked (ABI 1.7): a directory
 * if O_DIRECTORY was given, else EXO_OBJ_UNKNOWN, learnt by the first
 * operation that needs it (caps.c cap_get), so an open + close makes two
 * host calls, as natively. */
long ring_one_open_at(const struct exo_ring_sqe *sqe)
{
	const unsigned simple = EXO_OPEN_READ | EXO_OPEN_DIRECTORY | EXO_OPEN_NOFOLLOW |
	                        EXO_OPEN_NONBLOCK;
	unsigned f = sqe->op_flags, object, rights, status_flags;
	char name[EXO_PATH_MAX];
	const char *p;
	struct kcap *c;
	long fd, handle;
	int host_flags = O_CLOEXEC | O_NOCTTY | O_RDONLY;

	if ((f & ~simple) || sqe->offset > 07777 ||
	    resolve(sqe, name, 0, 0, &c, &p) < 0)
		return RING_ONE_DECLINED;
	if (f & EXO_OPEN_DIRECTORY) host_flags |= O_DIRECTORY;
	if (f & EXO_OPEN_NOFOLLOW) host_flags |= O_NOFOLLOW;
	if (f & EXO_OPEN_NONBLOCK) host_flags |= O_NONBLOCK;
	if ((fd = host_raw4(SYS_openat, c->host_fd, (long)p, host_flags, 0)) < 0)
		return status_from_errno((int)-fd);
	object = (f & EXO_OPEN_DIRECTORY) ? EXO_OBJ_DIRECTORY : EXO_OBJ_UNKNOWN;
	cap_describe_open(host_flags & (O_ACCMODE | O_NONBLOCK), object, &rights, &status_flags);
	/* What a directory opened below another may name (cap_path.c). */
	rights &= ~((EXO_RIGHT_LOOKUP | EXO_RIGHT_CREATE) & ~c->rights);
	handle = cap_install((int)fd, object, rights);
	if (handle < 0) {
		host_raw4(SYS_close, fd, 0, 0, 0);
		return handle;
	}
	return handle | ((long)object << 32);
}

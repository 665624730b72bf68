/* utimensat, futimesat, utimes, utime: one EXO_OP_UTIMES_AT with the two
 * times as struct exo_timespec (UTIME_NOW and UTIME_OMIT become
 * EXO_TIME_NOW and EXO_TIME_KEEP). A null name with a descriptor is
 * utimensat's futimens form: the capability itself. The times are read
 * here, as musl's own utimensat reads them before the call. */
#include "../internal/syscalls.h"

struct linux_utimbuf { exo_s64 actime, modtime; };

static long times_at(long dirfd, const char *path, const struct exo_timespec *t, long flags)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_UTIMES_AT };

	if (flags & ~(long)(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!path && (int)dirfd != AT_FDCWD) {
		if (flags)
			return -EINVAL;
		if (!fd_lookup(dirfd))
			return -EBADF;
		path = "", flags = AT_EMPTY_PATH;
	}
	path_sqe(&sqe, dirfd, path);
	sqe.addr2 = (exo_u64)t;
	sqe.op_flags = (flags & AT_SYMLINK_NOFOLLOW ? EXO_FS_NOFOLLOW : 0) |
	               (flags & AT_EMPTY_PATH ? EXO_FS_EMPTY_NAME : 0);
	return path_errno(ring_run(&sqe));
}

static int from_nsec(exo_s64 ns, exo_u32 *out)
{
	if (ns == UTIME_NOW)
		*out = EXO_TIME_NOW;
	else if (ns == UTIME_OMIT)
		*out = EXO_TIME_KEEP;
	else if (ns >= 0 && ns < 1000000000)
		*out = (exo_u32)ns;
	else
		return -1;
	return 0;
}

hidden long sys_utimensat(SYSCALL_ARGS)
{
	struct linux_timespec times[2], *lt = a3 ? times : 0;
	struct exo_timespec t[2] = {0};

	if (lt && user_read(times, (const void *)a3, sizeof times) < 0)
		return -EFAULT;

	for (int i = 0; lt && i < 2; i++) {
		t[i].sec = lt[i].tv_sec;
		if (from_nsec(lt[i].tv_nsec, &t[i].nsec) < 0)
			return -EINVAL;
	}
	return times_at(a1, (const char *)a2, lt ? t : 0, a4);
}

static long timeval_at(long dirfd, const char *path, const struct linux_timeval *user)
{
	struct linux_timeval times[2], *tv = user ? times : 0;
	struct exo_timespec t[2] = {0};

	if (tv && user_read(times, user, sizeof times) < 0)
		return -EFAULT;

	for (int i = 0; tv && i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		t[i].sec = tv[i].tv_sec;
		t[i].nsec = (exo_u32)tv[i].tv_usec * 1000u;
	}
	return times_at(dirfd, path, tv ? t : 0, 0);
}

hidden long sys_futimesat(SYSCALL_ARGS)
{
	return timeval_at(a1, (const char *)a2, (const struct linux_timeval *)a3);
}

hidden long sys_utimes(SYSCALL_ARGS)
{
	return timeval_at(AT_FDCWD, (const char *)a1, (const struct linux_timeval *)a2);
}

hidden long sys_utime(SYSCALL_ARGS)
{
	struct linux_utimbuf buf, *u = a2 ? &buf : 0;

	if (u && user_read(&buf, (const void *)a2, sizeof buf) < 0)
		return -EFAULT;
	struct exo_timespec t[2] = { { .sec = u ? u->actime : 0 }, { .sec = u ? u->modtime : 0 } };

	return times_at(AT_FDCWD, (const char *)a1, u ? t : 0, 0);
}

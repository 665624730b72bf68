/* User and group identities, kept by the kernel. */
#include "../internal/syscalls.h"

static long ids(struct exo_ids *out)
{
	return errno_from_status(native2(EXO_NC_PROCESS_IDS, EXO_IDS_GET_USER, out));
}

hidden long sys_getuid(SYSCALL_ARGS) { struct exo_ids i; long r = ids(&i); return r < 0 ? r : i.uid; }
hidden long sys_geteuid(SYSCALL_ARGS) { struct exo_ids i; long r = ids(&i); return r < 0 ? r : i.euid; }
hidden long sys_getgid(SYSCALL_ARGS) { struct exo_ids i; long r = ids(&i); return r < 0 ? r : i.gid; }
hidden long sys_getegid(SYSCALL_ARGS) { struct exo_ids i; long r = ids(&i); return r < 0 ? r : i.egid; }

/* Written one after the other, stopping at the first bad one, as Linux. */
static long get3(long a, long b, long c, int group)
{
	struct exo_ids i;
	long r = ids(&i);
	exo_u32 v[3];

	if (r < 0)
		return r;
	v[0] = group ? i.gid : i.uid;
	v[1] = group ? i.egid : i.euid;
	v[2] = group ? i.sgid : i.suid;
	if ((r = user_write((void *)a, &v[0], 4)) < 0 || (r = user_write((void *)b, &v[1], 4)) < 0)
		return r;
	return user_write((void *)c, &v[2], 4);
}

hidden long sys_getresuid(SYSCALL_ARGS) { return get3(a1, a2, a3, 0); }
hidden long sys_getresgid(SYSCALL_ARGS) { return get3(a1, a2, a3, 1); }

static long set3(unsigned op, long r, long e, long s)
{
	long st = native_call(EXO_NC_PROCESS_IDS, op, (exo_u32)r, (exo_u32)e, (exo_u32)s, 0, 0);
	return st == EXO_ERR_ACCESS ? -EPERM : errno_from_status(st);
}

hidden long sys_setresuid(SYSCALL_ARGS) { return set3(EXO_IDS_SET_USER, a1, a2, a3); }
hidden long sys_setresgid(SYSCALL_ARGS) { return set3(EXO_IDS_SET_GROUP, a1, a2, a3); }

/* setuid as Linux: a privileged caller sets all three, another only the
 * effective one. */
hidden long sys_setuid(SYSCALL_ARGS)
{
	struct exo_ids i;
	long r = ids(&i);

	if (r < 0)
		return r;
	return i.euid == 0 ? set3(EXO_IDS_SET_USER, a1, a1, a1) : set3(EXO_IDS_SET_USER, -1, a1, -1);
}

hidden long sys_setgid(SYSCALL_ARGS)
{
	struct exo_ids i;
	long r = ids(&i);

	if (r < 0)
		return r;
	return i.euid == 0 ? set3(EXO_IDS_SET_GROUP, a1, a1, a1) : set3(EXO_IDS_SET_GROUP, -1, a1, -1);
}

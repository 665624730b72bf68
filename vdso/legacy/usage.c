/* getrusage and times: CPU time and other use of the process, its
 * threads and its reaped children (EXO_NC_PROCESS_USAGE, ABI 1.3). */
#include <exo/system.h>
#include "../internal/syscalls.h"

static struct linux_timeval timeval(exo_u64 ns)
{
	return (struct linux_timeval){ (exo_s64)(ns / 1000000000u), (exo_s64)(ns % 1000000000u / 1000u) };
}

hidden long sys_getrusage(SYSCALL_ARGS)
{
	struct linux_rusage_full *out = (struct linux_rusage_full *)a2;
	struct exo_usage u;
	unsigned who;
	long r;

	switch ((int)a1) {
	case RUSAGE_SELF: who = EXO_USAGE_SELF; break;
	case RUSAGE_CHILDREN: who = EXO_USAGE_CHILDREN; break;
	case RUSAGE_THREAD: who = EXO_USAGE_THREAD; break;
	default: return -EINVAL;
	}
	if ((unsigned long)out < EXO_PAGE_SIZE)
		return -EFAULT;
	if ((r = native2(EXO_NC_PROCESS_USAGE, who, &u)) < 0)
		return errno_from_status(r);
	memset(out, 0, sizeof *out);
	out->ru_utime = timeval(u.user_ns);
	out->ru_stime = timeval(u.system_ns);
	out->ru_maxrss = (exo_s64)u.max_resident_kib;
	out->ru_minflt = (exo_s64)u.minor_faults;
	out->ru_majflt = (exo_s64)u.major_faults;
	out->ru_inblock = (exo_s64)u.blocks_in;
	out->ru_oublock = (exo_s64)u.blocks_out;
	out->ru_nvcsw = (exo_s64)u.voluntary_switches;
	out->ru_nivcsw = (exo_s64)u.involuntary_switches;
	return 0;
}

static exo_s64 ticks(exo_u64 ns)
{
	return (exo_s64)(ns / (1000000000u / USER_HZ));
}

/* The return value is a tick count from an arbitrary start, only
 * differences mean anything: here the time since the system started. */
hidden long sys_times(SYSCALL_ARGS)
{
	struct linux_tms *out = (struct linux_tms *)a1;
	struct exo_usage self, children;
	struct linux_timespec now;
	long r;

	if (out) {
		if ((unsigned long)out < EXO_PAGE_SIZE)
			return -EFAULT;
		if ((r = native2(EXO_NC_PROCESS_USAGE, EXO_USAGE_SELF, &self)) < 0 ||
		    (r = native2(EXO_NC_PROCESS_USAGE, EXO_USAGE_CHILDREN, &children)) < 0)
			return errno_from_status(r);
		out->tms_utime = ticks(self.user_ns);
		out->tms_stime = ticks(self.system_ns);
		out->tms_cutime = ticks(children.user_ns);
		out->tms_cstime = ticks(children.system_ns);
	}
	if ((r = native2(EXO_NC_CLOCK_READ, EXO_CLOCK_BOOTTIME, &now)) < 0)
		return errno_from_status(r);
	return ticks((exo_u64)now.tv_sec * 1000000000u + (exo_u64)now.tv_nsec);
}

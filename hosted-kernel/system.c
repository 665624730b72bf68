/* The system and accounting (ABI 1.3: EXO_NC_SYSTEM_INFO,
 * EXO_NC_CPU_AFFINITY, EXO_NC_PROCESS_USAGE, EXO_NC_PROCESS_PRIORITY and
 * the group list of EXO_NC_PROCESS_IDS). On this host a guest process is
 * a host process and a guest thread a host thread (process.c), so every
 * answer is the host's about the same process, thread or machine. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <grp.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <exo/status.h>
#include <exo/system.h>
#include "kernel.h"

static long load(exo_u64 out)
{
	struct sysinfo si;
	struct exo_system_load l;
	struct timespec ts;
	exo_u64 unit;
	int i;

	if (sysinfo(&si) < 0)
		return status_from_errno(errno);
	memset(&l, 0, sizeof l);
	/* The uptime the clocks use (sysinfo's is whole seconds only); a raw
	 * call, as in timekeeper.c's clock_read. */
	syscall(SYS_clock_gettime, CLOCK_BOOTTIME, &ts);
	l.uptime_ns = (exo_u64)ts.tv_sec * 1000000000u + (exo_u64)ts.tv_nsec;
	for (i = 0; i < 3; i++)   /* Linux's SI_LOAD_SHIFT is EXO_LOAD_SHIFT */
		l.load[i] = si.loads[i];
	unit = si.mem_unit ? si.mem_unit : 1;
	l.mem_total = (exo_u64)si.totalram * unit;
	l.mem_free = (exo_u64)si.freeram * unit;
	l.mem_shared = (exo_u64)si.sharedram * unit;
	l.mem_buffers = (exo_u64)si.bufferram * unit;
	l.swap_total = (exo_u64)si.totalswap * unit;
	l.swap_free = (exo_u64)si.freeswap * unit;
	l.processes = si.procs;
	l.cpus = (exo_u32)sysconf(_SC_NPROCESSORS_ONLN);
	return copy_to_guest(out, &l, sizeof l) < 0 ? EXO_ERR_FAULT : 0;
}

static void name_copy(char *dst, const char *src)
{
	strncpy(dst, src, EXO_NAME_LEN - 1);
	dst[EXO_NAME_LEN - 1] = 0;
}

/* The Linux personality runs on a Linux host here: its names are the
 * host's, as a program run natively would see them. */
static long names(exo_u64 out)
{
	struct utsname u;
	struct exo_system_names n;

	if (uname(&u) < 0)
		return status_from_errno(errno);
	memset(&n, 0, sizeof n);
	name_copy(n.system, u.sysname);
	name_copy(n.node, u.nodename);
	name_copy(n.release, u.release);
	name_copy(n.version, u.version);
	name_copy(n.machine, u.machine);
	name_copy(n.domain, u.domainname);
	return copy_to_guest(out, &n, sizeof n) < 0 ? EXO_ERR_FAULT : 0;
}

long system_info(unsigned op, exo_u64 out)
{
	switch (op) {
	case EXO_SYSTEM_LOAD: return load(out);
	case EXO_SYSTEM_NAMES: return names(out);
	default: return EXO_ERR_INVALID;
	}
}

static long host_status(void)
{
	switch (errno) {
	case ESRCH: return EXO_ERR_NOT_FOUND;
	case EPERM: return EXO_ERR_PERMISSION;
	case EACCES: return EXO_ERR_ACCESS;
	default: return status_from_errno(errno);
	}
}

/* 8192 processors: more than the host's kernel is built for. */
#define AFFINITY_MAX 1024u

long cpu_affinity(unsigned op, int tid, exo_u64 size, exo_u64 mask)
{
	static __thread exo_u64 bits[AFFINITY_MAX / 8];
	long r;

	if (size % 8 || tid < 0)
		return EXO_ERR_INVALID;
	if (size > AFFINITY_MAX)
		size = AFFINITY_MAX;   /* the rest of a larger set names no processor */
	switch (op) {
	case EXO_AFFINITY_GET:
		r = syscall(SYS_sched_getaffinity, tid, (size_t)size, bits);
		if (r < 0)
			return host_status();
		return copy_to_guest(mask, bits, (size_t)r) < 0 ? EXO_ERR_FAULT : r;
	case EXO_AFFINITY_SET:
		if (copy_from_guest(bits, mask, (size_t)size) < 0)
			return EXO_ERR_FAULT;
		thread_pool_disable();   /* per host thread (thread_pool.c) */
		r = syscall(SYS_sched_setaffinity, tid, (size_t)size, bits);
		return r < 0 ? host_status() : 0;
	default:
		return EXO_ERR_INVALID;
	}
}

static exo_u64 ns(struct timeval tv)
{
	return (exo_u64)tv.tv_sec * 1000000000u + (exo_u64)tv.tv_usec * 1000u;
}

long process_usage(unsigned who, exo_u64 out)
{
	static const int host_who[] = { RUSAGE_SELF, RUSAGE_CHILDREN, RUSAGE_THREAD };
	struct rusage ru;
	struct exo_usage u;

	if (who > EXO_USAGE_THREAD)
		return EXO_ERR_INVALID;
	if (getrusage(host_who[who], &ru) < 0)
		return status_from_errno(errno);
	if (who == EXO_USAGE_THREAD)
		thread_pool_usage_adjust(&ru);   /* a reused host thread */
	memset(&u, 0, sizeof u);
	u.user_ns = ns(ru.ru_utime);
	u.system_ns = ns(ru.ru_stime);
	u.max_resident_kib = (exo_u64)ru.ru_maxrss;
	u.minor_faults = (exo_u64)ru.ru_minflt;
	u.major_faults = (exo_u64)ru.ru_majflt;
	u.blocks_in = (exo_u64)ru.ru_inblock;
	u.blocks_out = (exo_u64)ru.ru_oublock;
	u.voluntary_switches = (exo_u64)ru.ru_nvcsw;
	u.involuntary_switches = (exo_u64)ru.ru_nivcsw;
	return copy_to_guest(out, &u, sizeof u) < 0 ? EXO_ERR_FAULT : 0;
}

long process_priority(unsigned op, unsigned which, int who, int nice)
{
	static const int host_which[] = { PRIO_PROCESS, PRIO_PGRP, PRIO_USER };
	long r;

	if (which > EXO_PRIORITY_USER || who < 0)
		return EXO_ERR_INVALID;
	switch (op) {
	case EXO_PRIORITY_GET:
		/* The raw call answers 20 - nice, never negative, so no errno
		 * guesswork; the native answer is nice + 20. */
		r = syscall(SYS_getpriority, host_which[which], who);
		return r < 0 ? host_status() : 40 - r;
	case EXO_PRIORITY_SET:
		thread_pool_disable();   /* per host thread (thread_pool.c) */
		return setpriority(host_which[which], (id_t)who, nice) < 0 ? host_status() : 0;
	default:
		return EXO_ERR_INVALID;
	}
}

/* The supplementary groups of the calling host thread (like the other
 * identities, process.c's process_ids: a raw call, so glibc does not
 * broadcast the change to the guest's other threads). */
long process_groups(unsigned op, exo_u64 count, exo_u64 list)
{
	gid_t *g;
	long r;

	if (count > EXO_GROUPS_MAX)
		return EXO_ERR_INVALID;
	g = malloc((count ? count : 1) * sizeof *g);
	if (!g)
		return EXO_ERR_NO_MEMORY;
	if (op == EXO_IDS_GET_GROUPS) {
		r = syscall(SYS_getgroups, (int)count, g);
		if (r < 0)
			r = host_status();
		else if (count && copy_to_guest(list, g, (size_t)r * sizeof *g) < 0)
			r = EXO_ERR_FAULT;
	} else {
		thread_pool_disable();   /* per host thread (thread_pool.c) */
		r = copy_from_guest(g, list, (size_t)count * sizeof *g) < 0 ? EXO_ERR_FAULT
			: syscall(SYS_setgroups, (size_t)count, g) < 0 ? host_status() : 0;
	}
	free(g);
	return r;
}

/* The Linux x86-64 ABI of the system and accounting calls (ABI 1.3 of the
 * native side): Linux's published numbers and layouts (asm/unistd_64.h,
 * linux/sysinfo.h, linux/utsname.h, linux/resource.h, linux/times.h).
 * Nothing here crosses into the kernel. */
#ifndef VDSO_LINUX_SYSTEM_H
#define VDSO_LINUX_SYSTEM_H

#include "linux.h"

#define SYS_uname 63
#define SYS_getrusage 98
#define SYS_sysinfo 99
#define SYS_times 100
#define SYS_getgroups 115
#define SYS_setgroups 116
#define SYS_getpriority 140
#define SYS_setpriority 141
#define SYS_sched_setaffinity 203
#define SYS_sched_getaffinity 204
#define SYS_getrandom 318

/* getrandom flags (linux/random.h) */
#define LINUX_GRND_NONBLOCK 0x1
#define LINUX_GRND_RANDOM 0x2
#define LINUX_GRND_INSECURE 0x4

#ifndef ESRCH
#define ESRCH 3
#endif

struct linux_sysinfo {
	exo_s64 uptime;               /* seconds, rounded up */
	exo_u64 loads[3];             /* fixed point, 1 << 16 is 1.0 */
	exo_u64 totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	exo_u16 procs, pad;
	exo_u32 pad2;
	exo_u64 totalhigh, freehigh;
	exo_u32 mem_unit;
	exo_u32 pad3;
};

struct linux_utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1

struct linux_rusage_full {
	struct linux_timeval ru_utime, ru_stime;
	exo_s64 ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap,
	        ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

/* times() counts in USER_HZ ticks, 100 a second on every Linux port. */
#define USER_HZ 100
struct linux_tms {
	exo_s64 tms_utime, tms_stime, tms_cutime, tms_cstime;
};

#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2
#define NGROUPS_MAX 65536

_Static_assert(sizeof(struct linux_sysinfo) == 112, "struct sysinfo");
_Static_assert(sizeof(struct linux_utsname) == 390, "struct utsname");
_Static_assert(sizeof(struct linux_rusage_full) == 144, "struct rusage");

#endif

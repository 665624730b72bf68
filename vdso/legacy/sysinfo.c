/* sysinfo and uname: the machine as the kernel describes it
 * (EXO_NC_SYSTEM_INFO, ABI 1.3). musl's sysconf answers _SC_PHYS_PAGES
 * and _SC_AVPHYS_PAGES from sysinfo, so xz sizes its memory use by it. */
#include <exo/system.h>
#include "../internal/syscalls.h"

hidden long sys_sysinfo(SYSCALL_ARGS)
{
	struct linux_sysinfo *out = (struct linux_sysinfo *)a1;
	struct exo_system_load l;
	long r;
	int i;

	if ((unsigned long)out < EXO_PAGE_SIZE)
		return -EFAULT;
	if ((r = native2(EXO_NC_SYSTEM_INFO, EXO_SYSTEM_LOAD, &l)) < 0)
		return errno_from_status(r);
	memset(out, 0, sizeof *out);
	/* Linux rounds a started second up. */
	out->uptime = (exo_s64)(l.uptime_ns / 1000000000u + (l.uptime_ns % 1000000000u != 0));
	for (i = 0; i < 3; i++)
		out->loads[i] = l.load[i];   /* EXO_LOAD_SHIFT is Linux's SI_LOAD_SHIFT */
	/* 64-bit Linux always reports bytes (mem_unit 1): they fit. */
	out->totalram = l.mem_total;
	out->freeram = l.mem_free;
	out->sharedram = l.mem_shared;
	out->bufferram = l.mem_buffers;
	out->totalswap = l.swap_total;
	out->freeswap = l.swap_free;
	/* A 16-bit field in Linux's layout: it keeps the low bits, as Linux does. */
	out->procs = (exo_u16)l.processes;
	out->mem_unit = 1;
	return 0;
}

static void copy_name(char *dst, const char *src)
{
	memcpy(dst, src, EXO_NAME_LEN);
	dst[EXO_NAME_LEN - 1] = 0;
}

hidden long sys_uname(SYSCALL_ARGS)
{
	struct linux_utsname *out = (struct linux_utsname *)a1;
	struct exo_system_names n;
	long r;

	if ((unsigned long)out < EXO_PAGE_SIZE)
		return -EFAULT;
	if ((r = native2(EXO_NC_SYSTEM_INFO, EXO_SYSTEM_NAMES, &n)) < 0)
		return errno_from_status(r);
	copy_name(out->sysname, n.system);
	copy_name(out->nodename, n.node);
	copy_name(out->release, n.release);
	copy_name(out->version, n.version);
	copy_name(out->machine, n.machine);
	copy_name(out->domainname, n.domain);
	return 0;
}

/* Every system call the vDSO translates: the X-macro list used by the
 * dispatcher (vdso/dispatch.c) for both the switch and the tier of each
 * call. X(linux number, tier, handler). Handlers take the six raw
 * arguments as longs, like musl's syscall layer, and return a value or
 * -errno. */
#ifndef VDSO_SYSCALLS_H
#define VDSO_SYSCALLS_H

#include "vdso.h"

#define SYSCALL_ARGS long a1, long a2, long a3, long a4, long a5, long a6
#define DECLARE(fn) hidden long fn(SYSCALL_ARGS);

#define VDSO_SYSCALLS(X) \
	X(SYS_getpid,          EXO_TIER_FAST,   sys_getpid) \
	X(SYS_getppid,         EXO_TIER_FAST,   sys_getppid) \
	X(SYS_gettid,          EXO_TIER_FAST,   sys_gettid) \
	X(SYS_clock_gettime,   EXO_TIER_FAST,   sys_clock_gettime) \
	X(SYS_clock_getres,    EXO_TIER_FAST,   sys_clock_getres) \
	X(SYS_gettimeofday,    EXO_TIER_FAST,   sys_gettimeofday) \
	X(SYS_time,            EXO_TIER_FAST,   sys_time) \
	X(SYS_getcpu,          EXO_TIER_FAST,   sys_getcpu) \
	X(SYS_set_tid_address, EXO_TIER_FAST,   sys_set_tid_address) \
	X(SYS_read,            EXO_TIER_HYBRID, sys_read) \
	X(SYS_write,           EXO_TIER_HYBRID, sys_write) \
	X(SYS_pread64,         EXO_TIER_HYBRID, sys_pread64) \
	X(SYS_pwrite64,        EXO_TIER_HYBRID, sys_pwrite64) \
	X(SYS_readv,           EXO_TIER_HYBRID, sys_readv) \
	X(SYS_writev,          EXO_TIER_HYBRID, sys_writev) \
	X(SYS_close,           EXO_TIER_HYBRID, sys_close) \
	X(SYS_lseek,           EXO_TIER_HYBRID, sys_lseek) \
	X(SYS_fstat,           EXO_TIER_HYBRID, sys_fstat) \
	X(SYS_ioctl,           EXO_TIER_HYBRID, sys_ioctl) \
	X(SYS_dup,             EXO_TIER_HYBRID, sys_dup) \
	X(SYS_dup2,            EXO_TIER_HYBRID, sys_dup2) \
	X(SYS_dup3,            EXO_TIER_HYBRID, sys_dup3) \
	X(SYS_fcntl,           EXO_TIER_HYBRID, sys_fcntl) \
	X(SYS_open,            EXO_TIER_HYBRID, sys_open) \
	X(SYS_openat,          EXO_TIER_HYBRID, sys_openat) \
	X(SYS_creat,           EXO_TIER_HYBRID, sys_creat) \
	X(SYS_stat,            EXO_TIER_HYBRID, sys_stat) \
	X(SYS_lstat,           EXO_TIER_HYBRID, sys_lstat) \
	X(SYS_newfstatat,      EXO_TIER_HYBRID, sys_newfstatat) \
	X(SYS_access,          EXO_TIER_HYBRID, sys_access) \
	X(SYS_faccessat,       EXO_TIER_HYBRID, sys_faccessat) \
	X(SYS_faccessat2,      EXO_TIER_HYBRID, sys_faccessat2) \
	X(SYS_mmap,            EXO_TIER_LEGACY, sys_mmap) \
	X(SYS_munmap,          EXO_TIER_LEGACY, sys_munmap) \
	X(SYS_mprotect,        EXO_TIER_LEGACY, sys_mprotect) \
	X(SYS_mremap,          EXO_TIER_LEGACY, sys_mremap) \
	X(SYS_madvise,         EXO_TIER_LEGACY, sys_madvise) \
	X(SYS_brk,             EXO_TIER_LEGACY, sys_brk) \
	X(SYS_arch_prctl,      EXO_TIER_LEGACY, sys_arch_prctl) \
	X(SYS_exit,            EXO_TIER_LEGACY, sys_exit) \
	X(SYS_exit_group,      EXO_TIER_LEGACY, sys_exit_group)

#define X(nr, tier, fn) DECLARE(fn)
VDSO_SYSCALLS(X)
#undef X

#endif

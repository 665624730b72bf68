/* The hybrid tier: I/O on open descriptors and the descriptor table itself.
 * X(linux number, tier, handler): one line per translated call; the
 * handler lives in the matching folder of vdso/. */
#include "../linux_ctl.h"

#define VDSO_IO_CALLS(X) \
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
	X(SYS_flock,           EXO_TIER_HYBRID, sys_flock) \
	X(SYS_close_range,     EXO_TIER_HYBRID, sys_close_range) \
	X(SYS_sendfile,        EXO_TIER_HYBRID, sys_sendfile) \
	X(SYS_copy_file_range, EXO_TIER_HYBRID, sys_copy_file_range)

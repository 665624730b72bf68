/* The hybrid tier: names, resolved below directory capabilities, and the
 * file system's objects (listings, attributes, storage).
 * X(linux number, tier, handler): one line per translated call; the
 * handler lives in the matching folder of vdso/. */
#include "../linux_fs.h"

#define VDSO_FS_CALLS(X) \
	X(SYS_open,            EXO_TIER_HYBRID, sys_open) \
	X(SYS_openat,          EXO_TIER_HYBRID, sys_openat) \
	X(SYS_creat,           EXO_TIER_HYBRID, sys_creat) \
	X(SYS_stat,            EXO_TIER_HYBRID, sys_stat) \
	X(SYS_lstat,           EXO_TIER_HYBRID, sys_lstat) \
	X(SYS_newfstatat,      EXO_TIER_HYBRID, sys_newfstatat) \
	X(SYS_access,          EXO_TIER_HYBRID, sys_access) \
	X(SYS_faccessat,       EXO_TIER_HYBRID, sys_faccessat) \
	X(SYS_faccessat2,      EXO_TIER_HYBRID, sys_faccessat2) \
	X(SYS_statx,           EXO_TIER_HYBRID, sys_statx) \
	X(SYS_getdents64,      EXO_TIER_HYBRID, sys_getdents64) \
	X(SYS_mkdir,           EXO_TIER_HYBRID, sys_mkdir) \
	X(SYS_mkdirat,         EXO_TIER_HYBRID, sys_mkdirat) \
	X(SYS_mknod,           EXO_TIER_HYBRID, sys_mknod) \
	X(SYS_mknodat,         EXO_TIER_HYBRID, sys_mknodat) \
	X(SYS_rmdir,           EXO_TIER_HYBRID, sys_rmdir) \
	X(SYS_unlink,          EXO_TIER_HYBRID, sys_unlink) \
	X(SYS_unlinkat,        EXO_TIER_HYBRID, sys_unlinkat) \
	X(SYS_rename,          EXO_TIER_HYBRID, sys_rename) \
	X(SYS_renameat,        EXO_TIER_HYBRID, sys_renameat) \
	X(SYS_renameat2,       EXO_TIER_HYBRID, sys_renameat2) \
	X(SYS_link,            EXO_TIER_HYBRID, sys_link) \
	X(SYS_linkat,          EXO_TIER_HYBRID, sys_linkat) \
	X(SYS_symlink,         EXO_TIER_HYBRID, sys_symlink) \
	X(SYS_symlinkat,       EXO_TIER_HYBRID, sys_symlinkat) \
	X(SYS_readlink,        EXO_TIER_HYBRID, sys_readlink) \
	X(SYS_readlinkat,      EXO_TIER_HYBRID, sys_readlinkat) \
	X(SYS_chmod,           EXO_TIER_HYBRID, sys_chmod) \
	X(SYS_fchmod,          EXO_TIER_HYBRID, sys_fchmod) \
	X(SYS_fchmodat,        EXO_TIER_HYBRID, sys_fchmodat) \
	X(SYS_chown,           EXO_TIER_HYBRID, sys_chown) \
	X(SYS_fchown,          EXO_TIER_HYBRID, sys_fchown) \
	X(SYS_lchown,          EXO_TIER_HYBRID, sys_lchown) \
	X(SYS_fchownat,        EXO_TIER_HYBRID, sys_fchownat) \
	X(SYS_utimensat,       EXO_TIER_HYBRID, sys_utimensat) \
	X(SYS_futimesat,       EXO_TIER_HYBRID, sys_futimesat) \
	X(SYS_utimes,          EXO_TIER_HYBRID, sys_utimes) \
	X(SYS_utime,           EXO_TIER_HYBRID, sys_utime) \
	X(SYS_truncate,        EXO_TIER_HYBRID, sys_truncate) \
	X(SYS_ftruncate,       EXO_TIER_HYBRID, sys_ftruncate) \
	X(SYS_fsync,           EXO_TIER_HYBRID, sys_fsync) \
	X(SYS_fdatasync,       EXO_TIER_HYBRID, sys_fdatasync) \
	X(SYS_fallocate,       EXO_TIER_HYBRID, sys_fallocate) \
	X(SYS_fadvise64,       EXO_TIER_HYBRID, sys_fadvise64) \
	X(SYS_statfs,          EXO_TIER_HYBRID, sys_statfs) \
	X(SYS_fstatfs,         EXO_TIER_HYBRID, sys_fstatfs) \
	X(SYS_umask,           EXO_TIER_HYBRID, sys_umask) \
	X(SYS_chdir,           EXO_TIER_HYBRID, sys_chdir) \
	X(SYS_fchdir,          EXO_TIER_HYBRID, sys_fchdir) \
	X(SYS_getcwd,          EXO_TIER_HYBRID, sys_getcwd)

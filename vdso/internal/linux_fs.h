/* The Linux x86-64 ABI of the file-system calls the vDSO translates:
 * their numbers, flags and structures (asm/unistd_64.h, uapi/linux/fcntl.h,
 * linux/dirent.h, asm-generic/statfs.h, uapi/linux/stat.h). Linux's
 * published values; nothing here crosses into the kernel. */
#ifndef VDSO_LINUX_FS_H
#define VDSO_LINUX_FS_H

#include <exo/types.h>

#define SYS_fsync 74
#define SYS_fdatasync 75
#define SYS_truncate 76
#define SYS_ftruncate 77
#define SYS_getcwd 79
#define SYS_chdir 80
#define SYS_fchdir 81
#define SYS_rename 82
#define SYS_mkdir 83
#define SYS_rmdir 84
#define SYS_link 86
#define SYS_unlink 87
#define SYS_symlink 88
#define SYS_readlink 89
#define SYS_chmod 90
#define SYS_fchmod 91
#define SYS_chown 92
#define SYS_fchown 93
#define SYS_lchown 94
#define SYS_umask 95
#define SYS_utime 132
#define SYS_statfs 137
#define SYS_fstatfs 138
#define SYS_getdents64 217
#define SYS_utimes 235
#define SYS_mkdirat 258
#define SYS_mknod 133
#define SYS_mknodat 259
#define SYS_fchownat 260
#define SYS_futimesat 261
#define SYS_unlinkat 263
#define SYS_renameat 264
#define SYS_linkat 265
#define SYS_symlinkat 266
#define SYS_readlinkat 267
#define SYS_fchmodat 268
#define SYS_utimensat 280
#define SYS_fallocate 285
#define SYS_fadvise64 221
#define SYS_renameat2 316
#define SYS_statx 332

#define ERANGE 34

#define AT_REMOVEDIR 0x200
#define AT_SYMLINK_FOLLOW 0x400
#define AT_STATX_SYNC_TYPE 0x6000

#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#define RENAME_WHITEOUT 4

#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

#define FALLOC_FL_KEEP_SIZE 0x01

/* getdents64's record (linux/dirent.h) */
struct linux_dirent64 {
	exo_u64 d_ino;
	exo_s64 d_off;
	exo_u16 d_reclen;
	exo_u8 d_type;
	char d_name[];
};
#define LINUX_DIRENT64_SIZE(name_len) ((19u + (name_len) + 1u + 7u) & ~7u)

#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12

/* struct statfs on x86-64 */
struct linux_statfs {
	exo_s64 f_type;
	exo_s64 f_bsize;
	exo_u64 f_blocks;
	exo_u64 f_bfree;
	exo_u64 f_bavail;
	exo_u64 f_files;
	exo_u64 f_ffree;
	exo_s32 f_fsid[2];
	exo_s64 f_namelen;
	exo_s64 f_frsize;
	exo_s64 f_flags;
	exo_s64 f_spare[4];
};
EXO_ABI_ASSERT(sizeof(struct linux_statfs) == 120, linux_statfs_size);

#define ST_RDONLY 0x0001
#define ST_NOSUID 0x0002
#define ST_NODEV 0x0004
#define ST_NOEXEC 0x0008
#define ST_SYNCHRONOUS 0x0010
#define ST_VALID 0x0020
#define ST_NOATIME 0x0400
#define ST_RELATIME 0x1000

/* struct statx (uapi/linux/stat.h) */
struct linux_statx_timestamp {
	exo_s64 tv_sec;
	exo_u32 tv_nsec;
	exo_s32 reserved;
};
struct linux_statx {
	exo_u32 stx_mask;
	exo_u32 stx_blksize;
	exo_u64 stx_attributes;
	exo_u32 stx_nlink;
	exo_u32 stx_uid;
	exo_u32 stx_gid;
	exo_u16 stx_mode;
	exo_u16 spare0;
	exo_u64 stx_ino;
	exo_u64 stx_size;
	exo_u64 stx_blocks;
	exo_u64 stx_attributes_mask;
	struct linux_statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	exo_u32 stx_rdev_major;
	exo_u32 stx_rdev_minor;
	exo_u32 stx_dev_major;
	exo_u32 stx_dev_minor;
	exo_u64 spare[14];
};
EXO_ABI_ASSERT(sizeof(struct linux_statx) == 256, linux_statx_size);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct linux_statx, stx_rdev_major) == 128, linux_statx_rdev_off);

#define STATX_BASIC_STATS 0x07ffu
#define STATX__RESERVED 0x80000000u

#endif

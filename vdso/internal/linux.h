/* The Linux x86-64 ABI the vDSO accepts from programs: the system call
 * numbers it translates, errno values, and the structures it fills.
 * These are Linux's published values (asm/unistd_64.h, asm-generic/errno.h,
 * asm/stat.h); nothing here crosses into the kernel. */
#ifndef VDSO_LINUX_H
#define VDSO_LINUX_H

#include <exo/types.h>

/* System call numbers. */
#define SYS_read 0
#define SYS_write 1
#define SYS_open 2
#define SYS_close 3
#define SYS_stat 4
#define SYS_fstat 5
#define SYS_lstat 6
#define SYS_lseek 8
#define SYS_mmap 9
#define SYS_mprotect 10
#define SYS_munmap 11
#define SYS_brk 12
#define SYS_ioctl 16
#define SYS_pread64 17
#define SYS_pwrite64 18
#define SYS_readv 19
#define SYS_writev 20
#define SYS_access 21
#define SYS_sched_yield 24
#define SYS_dup 32
#define SYS_dup2 33
#define SYS_sendfile 40
#define SYS_fcntl 72
#define SYS_creat 85
#define SYS_openat 257
#define SYS_newfstatat 262
#define SYS_faccessat 269
#define SYS_dup3 292
#define SYS_faccessat2 439
#define SYS_mremap 25
#define SYS_madvise 28
#define SYS_getpid 39
#define SYS_exit 60
#define SYS_getppid 110
#define SYS_arch_prctl 158
#define SYS_gettid 186
#define SYS_time 201
#define SYS_set_tid_address 218
#define SYS_clock_gettime 228
#define SYS_clock_getres 229
#define SYS_exit_group 231
#define SYS_getcpu 309
#define SYS_gettimeofday 96

/* errno */
#define EPERM 1
#define ENOENT 2
#define ENXIO 6
#define EINTR 4
#define EIO 5
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define EXDEV 18
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define EMFILE 24
#define ENOTTY 25
#define EFBIG 27
#define ENOSPC 28
#define ESPIPE 29
#define EROFS 30
#define EPIPE 32
#define ENAMETOOLONG 36
#define ENOSYS 38
#define EDEADLK 35
#define ETXTBSY 26
#define ENOTEMPTY 39
#define ELOOP 40
#define EOVERFLOW 75
#define EOPNOTSUPP 95
#define ETIMEDOUT 110

/* clocks */
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7

struct linux_timespec { exo_s64 tv_sec; exo_s64 tv_nsec; };
struct linux_timeval { exo_s64 tv_sec; exo_s64 tv_usec; };
struct linux_timezone { int tz_minuteswest; int tz_dsttime; };

/* struct stat on x86-64 (asm/stat.h) */
struct linux_stat {
	exo_u64 st_dev;
	exo_u64 st_ino;
	exo_u64 st_nlink;
	exo_u32 st_mode;
	exo_u32 st_uid;
	exo_u32 st_gid;
	exo_u32 pad0;
	exo_u64 st_rdev;
	exo_s64 st_size;
	exo_s64 st_blksize;
	exo_s64 st_blocks;
	struct linux_timespec st_atim, st_mtim, st_ctim;
	exo_s64 unused[3];
};
EXO_ABI_ASSERT(sizeof(struct linux_stat) == 144, linux_stat_size);

#define S_IFMT   0170000
#define S_IFIFO  0010000
#define S_IFCHR  0020000
#define S_IFDIR  0040000
#define S_IFBLK  0060000
#define S_IFREG  0100000
#define S_IFLNK  0120000
#define S_IFSOCK 0140000

struct linux_winsize { exo_u16 ws_row, ws_col, ws_xpixel, ws_ypixel; };
#define TCGETS 0x5401
#define TIOCGWINSZ 0x5413

/* open flags (asm-generic/fcntl.h, as x86-64 uses them) */
#define O_ACCMODE   00000003
#define O_RDONLY    00000000
#define O_WRONLY    00000001
#define O_RDWR      00000002
#define O_CREAT     00000100
#define O_EXCL      00000200
#define O_NOCTTY    00000400
#define O_TRUNC     00001000
#define O_APPEND    00002000
#define O_NONBLOCK  00004000
#define O_DSYNC     00010000
#define FASYNC      00020000
#define O_DIRECT    00040000
#define O_LARGEFILE 00100000
#define O_DIRECTORY 00200000
#define O_NOFOLLOW  00400000
#define O_NOATIME   01000000
#define O_CLOEXEC   02000000
#define __O_SYNC    04000000
#define O_SYNC      (__O_SYNC | O_DSYNC)
#define O_PATH      010000000
#define __O_TMPFILE 020000000

/* fcntl */
#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1

/* *at() */
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EACCESS 0x200
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000

#define PATH_MAX 4096

/* access */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_NORESERVE 0x4000
#define MAP_FIXED_NOREPLACE 0x100000
#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2
#define MADV_NORMAL 0
#define MADV_RANDOM 1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED 3
#define MADV_DONTNEED 4
#define MADV_FREE 8

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

#define IOV_MAX 1024

#endif

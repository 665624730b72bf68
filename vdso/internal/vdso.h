/* Private to the vDSO: where its state is, how it enters the kernel.
 *
 * Everything here is hidden; the image exports only what
 * linker-scripts/vdso.map names. */
#ifndef VDSO_INTERNAL_H
#define VDSO_INTERNAL_H

#include <exo/types.h>
#include <exo/native.h>
#include <exo/status.h>
#include <exo/thread.h>
#include <exo/kdata.h>
#include <exo/process.h>
#include <exo/debug.h>
#include <exo/ring.h>
#include <exo/objects.h>
#include <exo/task.h>
#include "linux.h"

#define hidden __attribute__((visibility("hidden")))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* The pages the kernel maps before the image (linker-scripts/vdso.lds.S
 * places these symbols at negative offsets; references are PC-relative). */
extern const volatile struct exo_kdata exo_vdso_kdata hidden;
extern struct exo_process_page exo_vdso_process hidden;
extern struct exo_stats exo_vdso_stats hidden;
extern struct exo_fd_entry exo_vdso_fds[EXO_FD_TABLE_SIZE] hidden;

/* The vDSO's own per-process state, in the private part of the area. */
struct vdso_sigaction {
	exo_u64 handler, flags, restorer, mask;
};

struct vdso_private {
	exo_u64 brk_current;
	/* Signals (legacy/sigaction.c, legacy/sigframe.c): the dispositions,
	 * and the size and features of the XSAVE image a frame holds. */
	exo_u32 xsave_size;
	exo_u32 reserved0;
	exo_u64 xsave_features;
	struct vdso_sigaction actions[64];
};
EXO_ABI_ASSERT(sizeof(struct vdso_private) <= EXO_PAGE_SIZE, vdso_private_fits);
extern struct vdso_private exo_vdso_private hidden;

static inline struct exo_thread_block *thread_block(void)
{
	struct exo_thread_block *tb;
	__asm__ ("mov %%gs:%c1, %0" : "=r"(tb) : "i"(EXO_TB_SELF));
	return tb;
}

/* Enter the kernel: the native.h convention, through the entry the kernel
 * chose. The vDSO is built with -mno-red-zone, so the call may push. */
static inline long native_call(long nr, long a1, long a2, long a3,
                               long a4, long a5, long a6)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	long ret;
	__asm__ volatile ("call *%[entry]"
		: "=a"(ret)
		: "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9),
		  [entry] "m"(exo_vdso_process.native_entry)
		: "rcx", "r11", "memory");
	return ret;
}

#define native0(nr) native_call(nr, 0, 0, 0, 0, 0, 0)
#define native1(nr, a) native_call(nr, (long)(a), 0, 0, 0, 0, 0)
#define native2(nr, a, b) native_call(nr, (long)(a), (long)(b), 0, 0, 0, 0)
#define native3(nr, a, b, c) native_call(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)

/* One ring submission, run synchronously: fill *sqe, submit, wait for its
 * completion. Returns the completion's result (>= 0 or EXO_ERR_*). */
hidden long ring_run(const struct exo_ring_sqe *sqe);
/* ring_run of an entry with these fields and every other zero, written
 * straight into the ring (hybrid/ring.c): read, write, seek. */
hidden long ring_run_io(unsigned opcode, exo_cap_t cap, exo_u64 offset, exo_u64 addr,
                        exo_u32 len, exo_u32 op_flags);
/* Up to EXO_RING_ENTRIES entries in one kernel entry (hybrid/ring.c):
 * results[i] is entry i's completion; returns 0 or the submission's
 * failure. */
hidden long ring_run_batch(const struct exo_ring_sqe *sqes, unsigned n, long *results);
/* Close every CLOEXEC descriptor, in one ring submission per
 * EXO_RING_ENTRIES of them (hybrid/close_batch.c); for exec. Returns how
 * many were closed. */
hidden long fd_close_cloexec_batch(void);

/* Native status -> negative Linux errno (the default mapping). */
hidden long errno_from_status(long status);

/* The descriptor table (hybrid/fdtable.c). fd_lookup: the live entry for
 * fd, or NULL. fd_alloc: the lowest free descriptor >= min below the
 * process's limit, or -EMFILE. fd_install: fill a free one; the
 * capability is stored last, so a lookup never sees half an entry. */
hidden struct exo_fd_entry *fd_lookup(long fd);
/* fd_lookup inlined, for loops over many descriptors (poll, select). */
static inline struct exo_fd_entry *fd_lookup_inline(long fd)
{
	struct exo_fd_entry *e;

	if ((unsigned long)fd >= exo_vdso_process.fd_limit)
		return 0;
	e = &exo_vdso_fds[fd];
	exo_cap_t cap = __atomic_load_n(&e->cap, __ATOMIC_ACQUIRE);
	return cap == EXO_CAP_INVALID || cap == EXO_CAP_NO_DIR ? 0 : e;
}
/* An entry that can be read, written, listed, mapped or controlled: not
 * an O_PATH one, which Linux answers with EBADF for all of those (its
 * fdget refuses FMODE_PATH; only what uses fdget_raw, fstat, fchdir,
 * fcntl's descriptor commands, dup, close and the *at calls' directory,
 * takes one). */
static inline struct exo_fd_entry *fd_lookup_io(long fd)
{
	struct exo_fd_entry *e = fd_lookup_inline(fd);

	return e && !(e->status_flags & EXO_FD_PATH) ? e : 0;
}
hidden long fd_alloc(unsigned long min);
hidden long fd_install(long fd, exo_cap_t cap, unsigned object, unsigned fd_flags,
                       unsigned status_flags);
hidden void fd_set(long fd, exo_cap_t cap, unsigned object, unsigned fd_flags,
                   unsigned status_flags);

/* The object type of e, asked of the kernel if the table holds
 * EXO_OBJ_UNKNOWN (hybrid/fd_object.c): EXO_OBJ_* or a negative errno. */
hidden long fd_object(const struct exo_fd_entry *e);
/* A new descriptor >= min for the object of e (hybrid/dup.c). */
hidden long fd_duplicate(const struct exo_fd_entry *e, unsigned long min, unsigned fd_flags);
/* Drop a capability from the kernel's table (hybrid/close.c). */
hidden long cap_release(exo_cap_t cap);

/* A name as the *at() calls take it (hybrid/path.c): path_sqe fills an
 * entry's name fields, the pointer unmeasured (the kernel reads the
 * string, so a bad one is EFAULT, not a fault here), the directory of
 * dirfd and the root, between which the kernel chooses. path_errno: a
 * name operation's status as errno (a directory capability without the
 * rights is EACCES, as a directory without search permission). */
hidden void path_sqe(struct exo_ring_sqe *sqe, long dirfd, const char *path);
/* Two names (link, rename): the first in addr/cap, the second in addr2/cap2. */
hidden void path_pair_sqe(struct exo_ring_sqe *sqe, long olddir, const char *old,
                          long newdir, const char *new);
hidden long path_errno(long status);

/* struct exo_stat -> struct stat (hybrid/fstat.c), and fstat of a capability. */
hidden void linux_stat_from_exo(const struct exo_stat *s, struct linux_stat *st);
hidden long stat_cap(exo_cap_t cap, struct linux_stat *st);
/* STAT_AT of a name (hybrid/stat.c); flags are AT_SYMLINK_NOFOLLOW and
 * AT_EMPTY_PATH. -errno. */
hidden long stat_name(long dirfd, const char *path, long flags, struct exo_stat *s);

/* A call or variant the vDSO does not translate: reported to the kernel's
 * tracer, counted, returns -ENOSYS. detail names the variant (an ioctl
 * request, a flag) or is 0. */
hidden long untranslated(long nr, long detail);

/* Copies that the compiler may also emit for struct assignment. */
void *memcpy(void *restrict dst, const void *restrict src, unsigned long n) hidden;
void *memset(void *dst, int c, unsigned long n) hidden;
hidden unsigned long vdso_strnlen(const char *s, unsigned long max);

/* Program memory, read or written by the vDSO itself (internal/uaccess.S):
 * 0, or -EFAULT for an address the program may not use there, never a
 * fault. Every structure a call reads from or writes to the program goes
 * through these; the kernel's own copies are fault-safe already. */
hidden long user_copy(void *dst, const void *src, unsigned long n);
static inline long user_read(void *dst, const void *user, unsigned long n)
{
	return user_copy(dst, user, n);
}
static inline long user_write(void *user, const void *src, unsigned long n)
{
	return user_copy(user, src, n);
}

#endif

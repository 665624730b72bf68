/* Processes and threads (ABI 1.2): what EXO_NC_PROCESS_*, EXO_NC_THREAD_*
 * and EXO_NC_FUTEX_* read and fill.
 *
 * Process and thread identities are plain numbers the kernel chooses;
 * termination reasons use the POSIX signal numbering of x86-64 (1 hangup
 * ... 9 kill ... 15 terminate, 64 at most), because a reason is what a
 * POSIX wait status reports and Exo-OS has no other name for it. */
#ifndef EXO_TASK_H
#define EXO_TASK_H

/* Offsets of struct exo_user_regs, for the vDSO's entry (assembly). */
#define EXO_REGS_RIP 96
#define EXO_REGS_RSP 104
#define EXO_REGS_SIZE 112

#ifndef __ASSEMBLER__
#include "types.h"
#include "cap.h"

/* The registers a new thread (or a clone child on a new stack) starts
 * with; rax starts at 0, rcx and r11 are undefined. */
struct exo_user_regs {
	exo_u64 rbx, rbp, r12, r13, r14, r15;
	exo_u64 rdi, rsi, rdx, r8, r9, r10;
	exo_u64 rip, rsp;
};

/* exo_thread_start.flags */
#define EXO_THREAD_SET_TP     1u  /* FS base = tp; otherwise the creator's */
#define EXO_THREAD_PARENT_TID 2u  /* the new tid stored at parent_tid before it runs */
#define EXO_THREAD_CHILD_TID  4u  /* ... and at child_tid */
#define EXO_THREAD_CLEAR_TID  8u  /* child_tid zeroed and futex-woken when it ends */

struct exo_thread_start {
	struct exo_user_regs regs;
	exo_u64 tp;
	exo_u64 parent_tid;       /* address of a 32-bit word */
	exo_u64 child_tid;        /* address of a 32-bit word */
	exo_u32 flags;            /* EXO_THREAD_* */
	exo_u32 reserved;
};

/* EXO_NC_PROCESS_WAIT id types and options */
#define EXO_WAIT_ANY   0u     /* any child */
#define EXO_WAIT_PID   1u     /* the child id */
#define EXO_WAIT_GROUP 2u     /* any child in group id (0: the caller's) */

#define EXO_WAIT_NOHANG    1u
#define EXO_WAIT_EXITED    2u /* report children that ended */
#define EXO_WAIT_STOPPED   4u
#define EXO_WAIT_CONTINUED 8u
#define EXO_WAIT_NOREAP   16u /* leave the child waitable */
/* ABI 1.6: the caller does not want the
 * child's CPU time; user_ns and system_ns may be left 0. A kernel that
 * does not know it reports them anyway. */
#define EXO_WAIT_NO_TIMES 32u

/* exo_child_status.how */
#define EXO_CHILD_EXITED    1u /* status: its exit status, 0-255 */
#define EXO_CHILD_KILLED    2u /* status: the termination reason */
#define EXO_CHILD_DUMPED    3u /* as KILLED, with a core image */
#define EXO_CHILD_STOPPED   4u /* status: the stop reason */
#define EXO_CHILD_CONTINUED 5u

struct exo_child_status {
	exo_u32 pid;
	exo_u32 how;              /* EXO_CHILD_* */
	exo_s32 status;
	exo_u32 uid;
	exo_u64 user_ns, system_ns;  /* CPU time of the reaped child */
};

/* EXO_NC_PROCESS_GROUP ops */
#define EXO_GROUP_GET_PGID 0u  /* (pid) -> its group */
#define EXO_GROUP_SET_PGID 1u  /* (pid, pgid) */
#define EXO_GROUP_GET_SID  2u  /* (pid) -> its session */
#define EXO_GROUP_NEW_SESSION 3u /* () -> the new session id */

/* EXO_NC_PROCESS_LIMIT resources */
#define EXO_LIMIT_CPU     0u
#define EXO_LIMIT_FSIZE   1u
#define EXO_LIMIT_DATA    2u
#define EXO_LIMIT_STACK   3u
#define EXO_LIMIT_CORE    4u
#define EXO_LIMIT_NPROC   5u   /* processes of the caller's user */
#define EXO_LIMIT_NOFILE  6u
#define EXO_LIMIT_AS      7u
#define EXO_LIMIT_COUNT   8u
#define EXO_LIMIT_INFINITY (~(exo_u64)0)

struct exo_limit {
	exo_u64 cur, max;
};

/* EXO_NC_PROCESS_IDS ops */
#define EXO_IDS_GET_USER  0u   /* (struct exo_ids *) */
#define EXO_IDS_SET_USER  1u   /* (real, effective, saved); ~0u keeps one */
#define EXO_IDS_SET_GROUP 2u

struct exo_ids {
	exo_u32 uid, euid, suid, gid, egid, sgid;
};

/* EXO_NC_PROCESS_EXEC: the program is named below a directory capability
 * (a name beginning with '/' below `root`, ABI 1.3), or is the object of
 * `dir` itself with EXO_EXEC_EMPTY_PATH and an empty name.
 *
 * ABI 1.3 adds root, name_prefix and the flags after EMPTY_PATH. A name
 * the caller gave below a directory it named by a descriptor is shown to
 * the new image (AT_EXECFN, a script's argument) as name_prefix, '/' and
 * the name, or name_prefix alone for an empty name; name_prefix 0: the
 * name as given. The kernel reads the descriptor table of the process
 * area (process.h) and keeps the entries without EXO_FD_CLOEXEC, and the
 * root and current directory capabilities of the process page. */
#define EXO_EXEC_EMPTY_PATH    1u
#define EXO_EXEC_NOFOLLOW      2u  /* ABI 1.3: the name's last component may not be a link */
#define EXO_EXEC_PREFIX_CLOSES 4u  /* ABI 1.3: what name_prefix names does not survive the
                                    * exec, so a script cannot be run through it */

struct exo_exec_args {
	exo_cap_t dir;
	exo_u32 flags;            /* EXO_EXEC_* */
	exo_u64 path;             /* NUL-terminated name below dir */
	exo_u64 argv, envp;       /* NULL-terminated arrays of string addresses */
	exo_cap_t root;           /* ABI 1.3 */
	exo_u32 reserved;         /* 0 */
	exo_u64 name_prefix;      /* ABI 1.3: NUL-terminated, or 0 */
};

/* EXO_NC_FUTEX_* flags */
#define EXO_FUTEX_PRIVATE  1u  /* the word is not shared with another process */
#define EXO_FUTEX_ABSOLUTE 2u  /* the timeout is a time, not a duration */
#define EXO_FUTEX_REALTIME 4u  /* ... on EXO_CLOCK_REALTIME, not MONOTONIC */
#define EXO_FUTEX_COMPARE  8u  /* requeue only if *addr == expected */
#define EXO_FUTEX_BITSET_ANY 0xffffffffu

EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_user_regs, rip) == EXO_REGS_RIP, regs_rip_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_user_regs, rsp) == EXO_REGS_RSP, regs_rsp_off);
EXO_ABI_ASSERT(sizeof(struct exo_user_regs) == EXO_REGS_SIZE, regs_size);
EXO_ABI_ASSERT(sizeof(struct exo_thread_start) == 144, thread_start_size);
EXO_ABI_ASSERT(sizeof(struct exo_child_status) == 32, child_status_size);
EXO_ABI_ASSERT(sizeof(struct exo_limit) == 16, limit_size);
EXO_ABI_ASSERT(sizeof(struct exo_ids) == 24, ids_size);
EXO_ABI_ASSERT(sizeof(struct exo_exec_args) == 48, exec_args_size);
#endif /* __ASSEMBLER__ */

#endif

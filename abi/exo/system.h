/* The system and a process's accounting (ABI 1.3): what EXO_NC_SYSTEM_INFO,
 * EXO_NC_CPU_AFFINITY, EXO_NC_PROCESS_USAGE and EXO_NC_PROCESS_PRIORITY
 * read and fill. Real programs size their work by these: xz counts the
 * CPUs it may use and the memory it has, `times` and `time` report CPU
 * use, `nice` and `renice` change priorities. */
#ifndef EXO_SYSTEM_H
#define EXO_SYSTEM_H

#include "types.h"

/* EXO_NC_SYSTEM_INFO ops: (op, out) -> 0 */
#define EXO_SYSTEM_LOAD  0u   /* struct exo_system_load */
#define EXO_SYSTEM_NAMES 1u   /* struct exo_system_names */

#define EXO_LOAD_SHIFT 16     /* load averages are fixed point, 1.0 = 1 << 16 */

struct exo_system_load {
	exo_u64 uptime_ns;        /* since the system started (CLOCK_BOOTTIME) */
	exo_u64 load[3];          /* runnable threads averaged over 1, 5, 15 minutes */
	exo_u64 mem_total;        /* bytes of usable memory */
	exo_u64 mem_free;         /* bytes nobody uses */
	exo_u64 mem_shared;       /* bytes of shared memory objects */
	exo_u64 mem_buffers;      /* bytes caching storage */
	exo_u64 swap_total;
	exo_u64 swap_free;
	exo_u32 processes;        /* processes and threads in the system */
	exo_u32 cpus;             /* processors online */
	exo_u64 reserved[5];
};

/* The identity a Linux program reads with uname: NUL-terminated strings. */
#define EXO_NAME_LEN 65
struct exo_system_names {
	char system[EXO_NAME_LEN];    /* the personality's system name */
	char node[EXO_NAME_LEN];      /* the machine's name on the network */
	char release[EXO_NAME_LEN];
	char version[EXO_NAME_LEN];
	char machine[EXO_NAME_LEN];   /* the processor architecture */
	char domain[EXO_NAME_LEN];
	char pad[2];
};

/* EXO_NC_CPU_AFFINITY: (op, tid, size, mask) -> bytes of mask written
 * (GET) or 0 (SET). tid 0 is the caller; the mask is a bit per processor,
 * size bytes long, a multiple of 8. */
#define EXO_AFFINITY_GET 0u
#define EXO_AFFINITY_SET 1u

/* EXO_NC_PROCESS_USAGE: (who, out = struct exo_usage *) -> 0 */
#define EXO_USAGE_SELF     0u   /* the calling process, every thread */
#define EXO_USAGE_CHILDREN 1u   /* its children that were waited for, and theirs */
#define EXO_USAGE_THREAD   2u   /* the calling thread */

struct exo_usage {
	exo_u64 user_ns;
	exo_u64 system_ns;
	exo_u64 max_resident_kib;
	exo_u64 minor_faults;
	exo_u64 major_faults;
	exo_u64 blocks_in;
	exo_u64 blocks_out;
	exo_u64 voluntary_switches;
	exo_u64 involuntary_switches;
	exo_u64 reserved[3];
};

/* EXO_NC_PROCESS_PRIORITY: (op, which, who, value). The priority is a
 * nice value, -20 (most favoured) to 19; GET returns it plus 20 so that a
 * status can never be mistaken for it. who 0 is the caller's process,
 * group or user. */
#define EXO_PRIORITY_GET 0u
#define EXO_PRIORITY_SET 1u
#define EXO_PRIORITY_PROCESS 0u
#define EXO_PRIORITY_GROUP   1u
#define EXO_PRIORITY_USER    2u

/* EXO_NC_PROCESS_IDS ops added in ABI 1.3 (task.h has the first ones) */
#define EXO_IDS_GET_GROUPS 3u  /* (count, exo_u32 *list) -> how many; count 0 only counts */
#define EXO_IDS_SET_GROUPS 4u  /* (count, const exo_u32 *list) -> 0 */
#define EXO_GROUPS_MAX 65536u

EXO_ABI_ASSERT(sizeof(struct exo_system_load) == 128, system_load_size);
EXO_ABI_ASSERT(sizeof(struct exo_system_names) == 392, system_names_size);
EXO_ABI_ASSERT(sizeof(struct exo_usage) == 96, usage_size);

#endif

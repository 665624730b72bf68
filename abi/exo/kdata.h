/* The kernel data page: system-wide, read-only to user space, updated by
 * the kernel (Linux's vvar). It carries the clock so that clock_gettime
 * never enters the kernel.
 *
 * Readers follow the sequence count: read seq (retry while odd), read the
 * fields, read seq again and retry if it changed. The kernel makes seq odd,
 * reads the TSC, updates the fields and makes seq even, so a reader whose
 * TSC value is newer than tsc_base always retries; with the new line
 * starting where the old one stood at tsc_base, CLOCK_MONOTONIC never goes
 * back.
 *
 * Each clock is kept, like Linux's, as whole seconds plus nanoseconds
 * shifted left by `shift`, so a reader needs one multiply and no division:
 *
 *   snsec = base[clock].snsec + (tsc - tsc_base) * mult
 *   ns    = snsec >> shift      (then carry whole seconds into sec)
 *
 * The kernel updates the page often enough that (tsc - tsc_base) stays
 * below 2^32 and mult below 2^32, so the product fits 64 bits; a reader
 * that finds a larger delta (the kernel was held up) uses a 128-bit one.
 *
 * Stale page (ABI 1.3): a reader whose (tsc - tsc_base) exceeds
 * tsc_hz >> EXO_KDATA_STALE_SHIFT (62.5 ms) makes one EXO_NC_CLOCK_READ
 * call and then reads the page again, whatever its age: the call lets a
 * kernel that updates the page on demand (the hosted model, whose
 * updating thread may have ended with its process) bring it up to date,
 * and the page's line, unlike the host's value, never goes back. */
#ifndef EXO_KDATA_H
#define EXO_KDATA_H

#include "types.h"

#define EXO_CLOCK_MODE_NONE 0u  /* no usable counter: use EXO_NC_CLOCK_READ */
#define EXO_CLOCK_MODE_TSC  1u  /* invariant TSC, synchronised across CPUs */

#define EXO_KDATA_STALE_SHIFT 4  /* stale past tsc_hz >> 4 cycles (ABI 1.3) */

/* base[] indices */
#define EXO_KDATA_MONOTONIC 0
#define EXO_KDATA_REALTIME  1
#define EXO_KDATA_BOOTTIME  2
#define EXO_KDATA_CLOCKS    3

struct exo_kdata_base {
	exo_u64 sec;
	exo_u64 snsec;            /* nanoseconds << shift, below 10^9 << shift */
};

struct exo_kdata {
	exo_u32 seq;
	exo_u32 clock_mode;
	exo_u64 tsc_base;
	exo_u32 mult;
	exo_u32 shift;
	struct exo_kdata_base base[EXO_KDATA_CLOCKS];
	struct exo_kdata_base coarse[EXO_KDATA_CLOCKS]; /* at the last update, snsec in plain ns */
	exo_u64 tick_ns;          /* update period, the resolution of COARSE clocks (TSC mode) */
	exo_u64 tsc_hz;
	exo_u64 reserved[15];
};

EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_kdata, tsc_base) == 8, kd_tsc_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_kdata, mult) == 16, kd_mult_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_kdata, base) == 24, kd_base_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_kdata, coarse) == 72, kd_coarse_off);
EXO_ABI_ASSERT(sizeof(struct exo_kdata) == 256, kd_size);

#endif

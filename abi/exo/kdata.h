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
 *   monotonic_ns = mono_base_ns + ((tsc - tsc_base) * mult + mono_frac) >> shift
 *   realtime_ns  = monotonic_ns + realtime_offset_ns
 *   boottime_ns  = monotonic_ns + boottime_offset_ns
 * The product is taken in 128 bits. */
#ifndef EXO_KDATA_H
#define EXO_KDATA_H

#include "types.h"

#define EXO_CLOCK_MODE_NONE 0u  /* no usable counter: use EXO_NC_CLOCK_READ */
#define EXO_CLOCK_MODE_TSC  1u  /* invariant TSC, synchronised across CPUs */

struct exo_kdata {
	exo_u32 seq;
	exo_u32 clock_mode;
	exo_u64 tsc_base;
	exo_u64 mono_base_ns;
	exo_u64 mono_frac;        /* fraction of a ns below mono_base_ns, << shift */
	exo_u32 mult;
	exo_u32 shift;
	exo_s64 realtime_offset_ns;
	exo_s64 boottime_offset_ns;
	exo_u64 coarse_mono_ns;   /* monotonic time at the last update */
	exo_u64 coarse_real_ns;
	exo_u64 tick_ns;          /* update period: resolution of COARSE clocks */
	exo_u64 tsc_hz;
	exo_u64 reserved[21];
};

EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_kdata, tsc_base) == 8, kd_tsc_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_kdata, mult) == 32, kd_mult_off);
EXO_ABI_ASSERT(EXO_OFFSETOF(struct exo_kdata, coarse_mono_ns) == 56, kd_coarse_off);
EXO_ABI_ASSERT(sizeof(struct exo_kdata) == 256, kd_size);

#endif

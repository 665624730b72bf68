/* Every system call the vDSO translates: the X-macro lists, one header per
 * family under calls/, used by the dispatcher (vdso/dispatch.c) for both
 * the switch and the tier of each call. X(linux number, tier, handler).
 * Handlers take the six raw arguments as longs, like musl's syscall
 * layer, and return a value or -errno. */
#ifndef VDSO_SYSCALLS_H
#define VDSO_SYSCALLS_H

#include "vdso.h"

#define SYSCALL_ARGS long a1, long a2, long a3, long a4, long a5, long a6
#define DECLARE(fn) hidden long fn(SYSCALL_ARGS);

#include "calls/fast.h"
#include "calls/io.h"
#include "calls/fs.h"
#include "calls/net.h"
#include "calls/memory.h"
#include "calls/process.h"
#include "calls/signal.h"
#include "calls/system.h"

/* Every translated call, family by family (vdso/internal/calls/). */
#define VDSO_SYSCALLS(X) \
	VDSO_FAST_CALLS(X) \
	VDSO_IO_CALLS(X) \
	VDSO_FS_CALLS(X) \
	VDSO_NET_CALLS(X) \
	VDSO_MEMORY_CALLS(X) \
	VDSO_PROCESS_CALLS(X) \
	VDSO_SIGNAL_CALLS(X) \
	VDSO_SYSTEM_CALLS(X)


#define X(nr, tier, fn) DECLARE(fn)
VDSO_SYSCALLS(X)
#undef X

#endif

/* The descriptor table (abi/exo/process.h): fd -> capability and the
 * cached status, filled by the kernel at start and owned by the vDSO. */
#include "../internal/vdso.h"

hidden struct exo_fd_entry *fd_lookup(long fd)
{
	struct exo_fd_entry *e;

	if ((unsigned long)fd >= exo_vdso_process.fd_limit)
		return 0;
	e = &exo_vdso_fds[fd];
	return e->cap == EXO_CAP_INVALID ? 0 : e;
}

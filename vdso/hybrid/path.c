/* Names: which directory capability a path starts from. The root and the
 * current directory are capabilities in the process page, not strings,
 * so an absolute name goes to root_cap with its leading slashes removed
 * and a relative one to cwd_cap or to dirfd's capability. The kernel
 * copies the name and checks it again; these checks only put the errors
 * in Linux's order (the name is checked before a descriptor is taken). */
#include "../internal/vdso.h"

hidden long path_name(const char *path, struct path_ref *ref)
{
	unsigned long n;

	/* A wild pointer other than these faults in the program, as it
	 * does in musl's own stat(), which reads the name first. */
	if ((unsigned long)path < EXO_PAGE_SIZE)
		return -EFAULT;
	n = vdso_strnlen(path, PATH_MAX);
	if (n == PATH_MAX)
		return -ENAMETOOLONG;
	if (n == 0)
		return -ENOENT;
	ref->absolute = path[0] == '/';
	while (n > 1 && path[0] == '/' && path[1] == '/')
		path++, n--;
	if (ref->absolute) {
		path++, n--;
		if (n == 0)
			path = ".", n = 1;  /* "/" itself */
	}
	ref->name = path;
	ref->len = (exo_u32)n;
	return 0;
}

hidden long path_dir(long dirfd, struct path_ref *ref)
{
	struct exo_fd_entry *e;

	if (ref->absolute)
		ref->dir = exo_vdso_process.root_cap;
	else if ((int)dirfd == AT_FDCWD)
		ref->dir = exo_vdso_process.cwd_cap;
	else if ((e = fd_lookup((int)dirfd)))
		ref->dir = e->cap;
	else
		return -EBADF;
	/* A process without a root or current directory resolves nothing,
	 * as Linux answers for a removed current directory. */
	return ref->dir == EXO_CAP_INVALID ? -ENOENT : 0;
}

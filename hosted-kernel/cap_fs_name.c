/* Names from the guest: copied before anything looks at them, then
 * resolved below a directory capability. The caller passes the pointer
 * unmeasured, so reading the string is the kernel's job: a bad address
 * is EXO_ERR_FAULT here, where Linux gives EFAULT, and never a fault in
 * the program. Checks come in Linux's order: the name (EFAULT,
 * ENAMETOOLONG, ENOENT for an empty one) before the directory (EBADF,
 * ENOTDIR), and the directory only for a relative name. */
#define _GNU_SOURCE
#include <string.h>
#include <exo/status.h>
#include "fs.h"

/* Up to the NUL only, so a string that ends just before an unmapped page
 * is read, and one that runs into it is a fault; PATH_MAX counts the NUL. */
static long copy_unmeasured(char *buf, exo_u64 addr)
{
	return copy_string_from_guest(buf, addr, EXO_PATH_MAX);
}

long name_copy(char *buf, exo_u64 addr, exo_u32 len)
{
	long r;

	if (len == 0)
		return copy_unmeasured(buf, addr);
	if (len >= EXO_PATH_MAX)
		return EXO_ERR_NAME_TOO_LONG;
	if ((r = copy_from_guest(buf, addr, len)) < 0)
		return r;
	if (memchr(buf, 0, len))
		return EXO_ERR_INVALID;    /* the length says where it ends */
	buf[len] = 0;
	return len;
}

/* The directory capability, refused as Linux refuses a dirfd: a handle
 * that names nothing is EXO_ERR_BAD_CAP, one that names no directory is
 * EXO_ERR_NOT_DIR, one without the rights is EXO_ERR_RIGHTS. */
static struct kcap *directory(exo_cap_t handle, unsigned need, long *status)
{
	struct kcap *c;

	if (handle == EXO_CAP_INVALID) {
		*status = EXO_ERR_NOT_FOUND;   /* no such directory: nothing below it */
		return NULL;
	}
	if (!(c = cap_get(handle, 0, status)))
		return NULL;
	if (c->object != EXO_OBJ_DIRECTORY) {
		*status = EXO_ERR_NOT_DIR;
		return NULL;
	}
	if ((c->rights & need) != need) {
		*status = EXO_ERR_RIGHTS;
		return NULL;
	}
	return c;
}

long name_get(struct kname *n, exo_cap_t dir, exo_cap_t root, exo_u64 addr, exo_u32 len,
              unsigned need, int allow_self, unsigned self_need)
{
	const char *p = n->buf;
	long r = name_copy(n->buf, addr, len);

	if (r < 0)
		return r;
	proc_self_exe_rewrite(n->buf);
	n->self = 0;
	if (r == 0) {
		if (!allow_self)
			return EXO_ERR_NOT_FOUND;  /* an empty name names nothing */
		if (!(n->cap = cap_get(dir, self_need, &r)))
			return r;
		n->self = 1;
		n->fd = n->cap->host_fd;
		n->path = "";
		return 0;
	}
	if (*p == '/') {
		/* Absolute: below the root capability, never the host's own
		 * root; "/" itself is the root directory. */
		while (*p == '/')
			p++;
		if (!*p)
			p = ".";
		dir = root;
	}
	if (!(n->cap = directory(dir, need, &r)))
		return r;
	n->fd = n->cap->host_fd;
	n->path = p;
	return 0;
}

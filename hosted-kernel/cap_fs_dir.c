/* READ_DIR and DIR_PATH: what a directory holds, and what it is called.
 *
 * A listing is the host's getdents64 below the capability's host
 * descriptor, re-encoded as struct exo_dirent records; the position is
 * the host descriptor's, so SEEK to a record's cookie resumes after it
 * and SEEK to 0 starts again, as rewinddir and seekdir need. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <exo/status.h>
#include "fs.h"

#define LISTING_MAX 65536u

struct host_dirent {
	ino64_t d_ino;
	off64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static exo_u8 object_of_dtype(unsigned char t)
{
	switch (t) {
	case DT_REG: return EXO_OBJ_FILE;
	case DT_DIR: return EXO_OBJ_DIRECTORY;
	case DT_LNK: return EXO_OBJ_SYMLINK;
	case DT_FIFO: return EXO_OBJ_PIPE;
	case DT_SOCK: return EXO_OBJ_SOCKET;
	case DT_CHR: return EXO_OBJ_CHARDEV;
	case DT_BLK: return EXO_OBJ_BLOCKDEV;
	default: return 0;
	}
}

long fs_read_dir(const struct exo_ring_sqe *sqe)
{
	char in[LISTING_MAX], out[LISTING_MAX];
	size_t room = sqe->len < LISTING_MAX ? sqe->len : LISTING_MAX;
	size_t used = 0;
	off_t start, resume;
	struct kcap *c;
	long got, at, status;

	if (!(c = cap_get(sqe->cap, 0, &status)))
		return status;
	if (c->object != EXO_OBJ_DIRECTORY)
		return EXO_ERR_NOT_DIR;
	if (!(c->rights & EXO_RIGHT_READ))
		return EXO_ERR_RIGHTS;
	/* A native record is never smaller than the host's, so asking the
	 * host for as many bytes as the guest offers reads all that fits and
	 * perhaps a few records more, which are given back by seeking to
	 * the cookie of the last one kept. */
	if ((start = lseek(c->host_fd, 0, SEEK_CUR)) < 0)
		return status_from_errno(errno);
	if ((got = getdents64(c->host_fd, in, room)) < 0)
		return status_from_errno(errno);
	resume = start;
	for (at = 0; at < got; ) {
		struct host_dirent *h = (struct host_dirent *)(in + at);
		size_t len = strlen(h->d_name), size = EXO_DIRENT_SIZE(len);
		struct exo_dirent *d = (struct exo_dirent *)(out + used);

		if (used + size > room)
			break;
		memset(d, 0, size);
		d->inode = h->d_ino;
		d->cookie = (exo_u64)h->d_off;
		d->size = (exo_u16)size;
		d->object = object_of_dtype(h->d_type);
		d->name_len = (exo_u8)len;
		memcpy(d->name, h->d_name, len);
		used += size;
		resume = h->d_off;
		at += h->d_reclen;
	}
	status = used == 0 && got > 0 ? EXO_ERR_INVALID  /* not one record fits: Linux's EINVAL */
	                              : copy_to_guest(sqe->addr, out, used);
	if (status < 0)
		resume = start;   /* nothing was delivered */
	if (at < got || status < 0)
		lseek(c->host_fd, resume, SEEK_SET);
	return status < 0 ? status : (long)used;
}

/* The host's name for the directory behind the capability: its
 * /proc/self/fd link. A removed directory has no name (" (deleted)" on
 * the host): EXO_ERR_NOT_FOUND, as getcwd gives ENOENT. */
long fs_dir_path(const struct exo_ring_sqe *sqe)
{
	char link[64], path[EXO_PATH_MAX];
	struct stat st;
	struct kcap *c;
	ssize_t len;
	long status;

	if (!(c = cap_get(sqe->cap, EXO_RIGHT_LOOKUP, &status)))
		return status;
	if (c->object != EXO_OBJ_DIRECTORY)
		return EXO_ERR_NOT_DIR;
	if (fstat(c->host_fd, &st) < 0)
		return status_from_errno(errno);
	if (st.st_nlink == 0)
		return EXO_ERR_NOT_FOUND;
	snprintf(link, sizeof link, "/proc/self/fd/%d", c->host_fd);
	if ((len = readlink(link, path, sizeof path - 1)) < 0)
		return status_from_errno(errno);
	if (path[0] != '/')
		return EXO_ERR_NOT_FOUND;   /* not below any root: unreachable */
	path[len++] = 0;
	if ((size_t)len > sqe->len)
		return EXO_ERR_OVERFLOW;
	if ((status = copy_to_guest(sqe->addr, path, (size_t)len)) < 0)
		return status;
	return len;
}

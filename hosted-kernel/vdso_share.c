/* The vDSO image's pages, one sealed memfd per process tree: every image
 * maps it (private, read + exec) instead of copying the image into fresh
 * anonymous pages, as Linux maps its one vDSO into every process. A copy
 * per exec was 19 written pages, 19 page faults (perf record -e
 * page-faults on tests/bench/exec_chain); a mapping of the memfd faults
 * in only what the guest runs, 16 pages at a time (fault-around).
 *
 * The memfd is made at the first map, inherited by fork children and
 * carried across exec (struct vdso_kept in the exec state). Linux maps
 * its current vDSO at exec, so with --vdso IMAGE the new launcher reuses
 * the memfd only while the file is the one it was read from (device,
 * inode, size, modification and change times); otherwise it reads the
 * file again and makes a new memfd. The built-in image is part of the
 * launcher, which exec runs again from the same file (/proc/self/exe),
 * so its memfd always holds the same bytes. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <exo/status.h>
#include "exo_glue.h"
#include "kernel.h"
#include "loader.h"

static int share_fd = -1;
static struct vdso_kept source;   /* --vdso: the file the image was read from */

void vdso_share_note_source(const struct stat *st)
{
	source.dev = st->st_dev;
	source.ino = st->st_ino;
	source.size = (exo_u64)st->st_size;
	source.mtime_sec = st->st_mtim.tv_sec;
	source.mtime_nsec = st->st_mtim.tv_nsec;
	source.ctime_sec = st->st_ctim.tv_sec;
	source.ctime_nsec = st->st_ctim.tv_nsec;
}

static int make_memfd(const struct exo_vdso_blob *blob)
{
	int fd = memfd_create("exo-vdso", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	size_t done = 0;

	if (fd < 0)
		return -1;
	while (done < blob->image_size) {
		ssize_t n = write(fd, (const char *)blob->image + done, blob->image_size - done);
		if (n <= 0) {
			close(fd);
			return -1;
		}
		done += (size_t)n;
	}
	/* Nobody but the launchers holds it; sealed all the same, so no
	 * process of the tree can change what the others run. */
	if (fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int vdso_share_fd(void)
{
	if (share_fd < 0)
		share_fd = make_memfd(kernel_vdso);
	return share_fd;
}

/* The loader's map_vdso_image: the memfd's pages, private (a guest that
 * makes its vDSO writable gets copies, as with Linux's). If no memfd can
 * be had, the image is copied as before. */
static exo_u64 mapped_at, mapped_len;  /* the memfd's mapping in this image */
static int forks_copy;                 /* vdso_share_before_fork was done */

int vdso_share_map(exo_u64 addr, exo_u64 len)
{
	int fd = vdso_share_fd();

	if (fd >= 0 && len == kernel_vdso->image_size &&
	    mmap((void *)addr, len, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fd, 0) != MAP_FAILED) {
		mapped_at = addr;
		mapped_len = len;
		return 0;
	}
	if (mmap((void *)addr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
	         -1, 0) == MAP_FAILED)
		return (int)status_from_errno(errno);
	memcpy((void *)addr, kernel_vdso->image, len);
	return mprotect((void *)addr, len, PROT_READ | PROT_EXEC) < 0 ? (int)status_from_errno(errno) : 0;
}

/* Before this process's first fork: the host copies a file mapping's
 * page-table entries into a fork child only when the mapping has
 * anonymous pages of its own (an anon_vma); otherwise the child faults
 * in again what its parent ran, and a child that returns from fork, exits
 * and is waited for runs the vDSO in two fault-around windows: two page
 * faults per fork (perf record -e page-faults on tests/bench/fork_loop).
 * One byte written back as it was (the first page, the ELF header,
 * becomes this process's copy; the mapping stays private and read +
 * exec) gives the mapping one, and from then on every fork copies the
 * entries of the pages the parent has mapped, a dozen at most. Done at
 * the first fork, not at map time: an exec that never forks pays
 * nothing. Write + exec for the moment of the write, so that another
 * thread running in the vDSO meanwhile is not stopped. */
void vdso_share_before_fork(void)
{
	if (forks_copy || !mapped_at)
		return;
	forks_copy = 1;
	if (mprotect((void *)mapped_at, mapped_len, PROT_READ | PROT_WRITE | PROT_EXEC) < 0)
		return;
	volatile unsigned char *first = (volatile unsigned char *)mapped_at;
	*first = *first;
	mprotect((void *)mapped_at, mapped_len, PROT_READ | PROT_EXEC);
}

/* For the exec state: the memfd (-1 if there is none) and what the new
 * launcher needs to use it without reading the image again. */
void vdso_share_keep(struct vdso_kept *k)
{
	*k = source;
	k->fd = vdso_share_fd();
	k->image_size = kernel_vdso->image_size;
	k->sym_table = kernel_vdso->sym_table;
	k->sym_syscall_entry = kernel_vdso->sym_syscall_entry;
	k->sym_native_syscall = kernel_vdso->sym_native_syscall;
}

static int same_file(const struct vdso_kept *k, const struct stat *st)
{
	return k->dev == (exo_u64)st->st_dev && k->ino == (exo_u64)st->st_ino &&
	       k->size == (exo_u64)st->st_size &&
	       k->mtime_sec == st->st_mtim.tv_sec && k->mtime_nsec == st->st_mtim.tv_nsec &&
	       k->ctime_sec == st->st_ctim.tv_sec && k->ctime_nsec == st->st_ctim.tv_nsec;
}

/* The new launcher, after exec: 0, or -1 if a --vdso file that changed
 * could not be read again (the caller reports it). */
int vdso_share_adopt(const struct vdso_kept *k)
{
	static struct exo_vdso_blob blob;
	struct stat st;

	if (k->fd >= 0)
		fcntl(k->fd, F_SETFD, FD_CLOEXEC);
	if (!opt.vdso_path) {
		/* The built-in image: the same launcher file, the same bytes. */
		share_fd = k->fd;
		return 0;
	}
	if (k->fd >= 0 && stat(opt.vdso_path, &st) == 0 && same_file(k, &st)) {
		void *image = mmap(NULL, k->image_size, PROT_READ, MAP_PRIVATE, k->fd, 0);
		if (image != MAP_FAILED) {
			blob.image = image;
			blob.image_size = k->image_size;
			blob.sym_table = k->sym_table;
			blob.sym_syscall_entry = k->sym_syscall_entry;
			blob.sym_native_syscall = k->sym_native_syscall;
			source = *k;
			share_fd = k->fd;
			kernel_vdso = &blob;
			return 0;
		}
	}
	/* Another image was installed (or the memfd is gone): read it again,
	 * and make its memfd at the first map. */
	if (k->fd >= 0)
		close(k->fd);
	if (vdso_blob_from_file(opt.vdso_path, &blob) < 0)
		return -1;
	kernel_vdso = &blob;
	return 0;
}

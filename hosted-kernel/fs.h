/* The file-system family of ring operations (abi/exo/ring_fs.h) in the
 * hosted kernel model: names below directory capabilities, listings,
 * attributes and storage, served by the host's *at() calls below the host
 * directory that backs each capability. */
#ifndef HOSTED_FS_H
#define HOSTED_FS_H

#include <exo/ring.h>
#include "kernel.h"

/* A name copied from the guest and the host directory it is below.
 * fd is the host descriptor to pass to an *at() call with path; when
 * self is set the name was empty and EXO_FS_EMPTY_NAME allowed it: the
 * operation applies to cap (any object) itself and path is "". */
struct kname {
	int fd;
	int self;
	struct kcap *cap;
	const char *path;
	char buf[EXO_PATH_MAX];
};

/* Copy the guest's name at addr: NUL-terminated when len is 0 (the form
 * of ring_fs.h), len bytes otherwise (ABI 1.1). The length, or
 * EXO_ERR_FAULT, EXO_ERR_NAME_TOO_LONG, EXO_ERR_INVALID. */
long name_copy(char *buf, exo_u64 addr, exo_u32 len);

/* /proc/self/exe is the guest's program (proc_self_exe.c): load_program
 * records it, name_get resolves the name to it. */
void proc_self_exe_set(int fd);
void proc_self_exe_rewrite(char *name);

/* Copy and resolve a name: '/' first -> below root, otherwise below dir,
 * which must be a directory with every right in need. allow_self: an
 * empty name means dir itself, which then needs self_need. */
long name_get(struct kname *n, exo_cap_t dir, exo_cap_t root, exo_u64 addr, exo_u32 len,
              unsigned need, int allow_self, unsigned self_need);

/* The dispatcher of EXO_OP_FS_FIRST..EXO_OP_FS_LAST (cap_fs.c). */
long fs_op(const struct exo_ring_sqe *sqe);

/* The operations, by file. cap_fs_tree.c: names added and removed. */
long fs_mkdir_at(const struct exo_ring_sqe *sqe);
long fs_unlink_at(const struct exo_ring_sqe *sqe);
long fs_rename_at(const struct exo_ring_sqe *sqe);
long fs_link_at(const struct exo_ring_sqe *sqe);
long fs_symlink_at(const struct exo_ring_sqe *sqe);
long fs_readlink_at(const struct exo_ring_sqe *sqe);
long fs_mknod_at(const struct exo_ring_sqe *sqe);   /* cap_fs_node.c, ABI 1.3 */
/* cap_fs_attr.c: attributes of an object by name or by capability. */
long fs_chmod_at(const struct exo_ring_sqe *sqe);
long fs_chown_at(const struct exo_ring_sqe *sqe);
long fs_utimes_at(const struct exo_ring_sqe *sqe);
long fs_truncate_at(const struct exo_ring_sqe *sqe);
long fs_statfs_at(const struct exo_ring_sqe *sqe);
/* cap_fs_dir.c: listings and the name of a directory. */
long fs_read_dir(const struct exo_ring_sqe *sqe);
long fs_dir_path(const struct exo_ring_sqe *sqe);
/* cap_fs_store.c: storage and the creation mask. */
long fs_sync(const struct exo_ring_sqe *sqe);
long fs_allocate(const struct exo_ring_sqe *sqe);
long fs_umask(const struct exo_ring_sqe *sqe);

#endif

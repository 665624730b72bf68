/* The file-system family's dispatcher (abi/exo/ring_fs.h): cap_op()
 * hands every opcode of EXO_OP_FS_FIRST..EXO_OP_FS_LAST here. Each
 * operation checks its own capabilities and rights, since a name's
 * directory is refused differently from an open object (EXO_ERR_NOT_DIR
 * before EXO_ERR_RIGHTS, and only for a relative name). */
#include <exo/status.h>
#include "fs.h"

long fs_op(const struct exo_ring_sqe *sqe)
{
	switch (sqe->opcode) {
	case EXO_OP_READ_DIR: return fs_read_dir(sqe);
	case EXO_OP_MKDIR_AT: return fs_mkdir_at(sqe);
	case EXO_OP_UNLINK_AT: return fs_unlink_at(sqe);
	case EXO_OP_RENAME_AT: return fs_rename_at(sqe);
	case EXO_OP_LINK_AT: return fs_link_at(sqe);
	case EXO_OP_SYMLINK_AT: return fs_symlink_at(sqe);
	case EXO_OP_READLINK_AT: return fs_readlink_at(sqe);
	case EXO_OP_CHMOD_AT: return fs_chmod_at(sqe);
	case EXO_OP_CHOWN_AT: return fs_chown_at(sqe);
	case EXO_OP_UTIMES_AT: return fs_utimes_at(sqe);
	case EXO_OP_TRUNCATE_AT: return fs_truncate_at(sqe);
	case EXO_OP_SYNC: return fs_sync(sqe);
	case EXO_OP_ALLOCATE: return fs_allocate(sqe);
	case EXO_OP_STATFS_AT: return fs_statfs_at(sqe);
	case EXO_OP_DIR_PATH: return fs_dir_path(sqe);
	case EXO_OP_UMASK: return fs_umask(sqe);
	case EXO_OP_MKNOD_AT: return fs_mknod_at(sqe);
	}
	return EXO_ERR_BAD_CALL;
}

/* The initrd as a read-only file system behind the name operations
 * (OPEN_AT, STAT_AT, ACCESS_AT of ring.h, the family of ring_fs.h) and the
 * file operations (read, seek, stat). Nothing can be created, changed or
 * removed: what would is EXO_ERR_READ_ONLY (EROFS), after the same
 * checks Linux makes first (a missing name is ENOENT, an existing one
 * EEXIST for mkdir), and a file capability never carries EXO_RIGHT_WRITE,
 * so a write through one is refused by the rights check (EBADF). */
#include <exo/objects.h>
#include <exo/process.h>
#include "kernel.h"

#define NAME_MAX 255
#define DEVICE 0x0f   /* st_dev of every initrd name */
#define RAMFS_MAGIC 0x858458f6ul   /* what Linux's statfs says of an initramfs */
#define FILE_RIGHTS (EXO_RIGHT_SEEK | EXO_RIGHT_STAT | EXO_RIGHT_DUPLICATE)
#define DIR_RIGHTS (EXO_RIGHT_SEEK | EXO_RIGHT_STAT | EXO_RIGHT_DUPLICATE | EXO_RIGHT_LOOKUP)

static char name_buf[EXO_PATH_MAX];

/* The name an SQE carries: NUL-terminated and unmeasured when len is 0
 * (ring_fs.h), else len bytes. Copied before anything looks at it. */
static long copy_name(u64 addr, u32 len)
{
	if (len) {
		if (len >= EXO_PATH_MAX)
			return EXO_ERR_NAME_TOO_LONG;
		if (copy_from_user(&current->as, name_buf, addr, len) < 0)
			return EXO_ERR_FAULT;
		name_buf[len] = 0;
		return len;
	}
	for (u64 done = 0; done < EXO_PATH_MAX; ) {
		u64 chunk = PAGE_SIZE - ((addr + done) & (PAGE_SIZE - 1));
		if (chunk > EXO_PATH_MAX - done)
			chunk = EXO_PATH_MAX - done;
		if (copy_from_user(&current->as, name_buf + done, addr + done, chunk) < 0)
			return EXO_ERR_FAULT;
		for (u64 i = done; i < done + chunk; i++)
			if (!name_buf[i])
				return (long)i;
		done += chunk;
	}
	return EXO_ERR_NAME_TOO_LONG;
}

/* The initrd node a directory capability designates (EXO_RIGHT_LOOKUP). */
static long dir_node(exo_cap_t cap)
{
	struct kcap *c;
	long status;

	if (cap == EXO_CAP_INVALID)
		return EXO_ERR_NOT_FOUND;   /* a process without this directory */
	if (cap == EXO_CAP_NO_DIR)
		return EXO_ERR_BAD_CAP;
	if (!(c = cap_get(cap, 0, &status)))
		return status;
	if (c->obj->object != EXO_OBJ_DIRECTORY)
		return EXO_ERR_NOT_DIR;
	if (!(c->rights & EXO_RIGHT_LOOKUP))
		return EXO_ERR_RIGHTS;
	return c->obj->node;
}

/* Walks name_buf from node `at`. *last_missing says the walk failed only
 * on the last name, inside an existing directory (where O_CREAT would
 * create it). */
static long walk(int at, const char *p, int *last_missing)
{
	int n = at;

	*last_missing = 0;
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		const char *e = p;
		while (*e && *e != '/')
			e++;
		u32 len = (u32)(e - p);
		if (len > NAME_MAX)
			return EXO_ERR_NAME_TOO_LONG;
		if (!initrd_node(n)->is_dir)
			return EXO_ERR_NOT_DIR;
		if (len == 2 && p[0] == '.' && p[1] == '.')
			n = initrd_node(n)->parent;
		else if (!(len == 1 && p[0] == '.')) {
			int c = initrd_child(n, p, len);
			if (c < 0) {
				const char *rest = e;
				while (*rest == '/')
					rest++;
				*last_missing = !*rest;
				return EXO_ERR_NOT_FOUND;
			}
			n = c;
		}
		p = e;
	}
	if (p > name_buf && p[-1] == '/' && !initrd_node(n)->is_dir)
		return EXO_ERR_NOT_DIR;   /* "file/" */
	return n;
}

/* name: copied, then resolved below root when absolute, below dir if not.
 * An empty name is EXO_ERR_NOT_FOUND unless the caller handles it. */
static long resolve(const struct exo_ring_sqe *sqe, u64 addr, exo_cap_t dir, int *last_missing)
{
	long len = copy_name(addr, sqe->len), start;

	*last_missing = 0;
	if (len < 0)
		return len;
	if (len == 0)
		return EXO_ERR_NOT_FOUND;
	start = dir_node(name_buf[0] == '/' ? exo_sqe_root(sqe) : dir);
	if (start < 0)
		return start;
	return walk((int)start, name_buf, last_missing);
}

int fs_lookup(exo_cap_t dir, exo_cap_t root, u64 uaddr, u32 len, int *node)
{
	struct exo_ring_sqe sqe = { .len = len };
	int missing;
	long n;

	exo_sqe_set_root(&sqe, root);
	if ((n = resolve(&sqe, uaddr, dir, &missing)) < 0)
		return (int)n;
	*node = (int)n;
	return 0;
}

static long install(int node, unsigned rights, u32 status)
{
	const struct initrd_node *n = initrd_node(node);
	struct kobj *o = kobj_new(n->is_dir ? EXO_OBJ_DIRECTORY : EXO_OBJ_FILE);
	long cap;

	if (!o)
		return EXO_ERR_NO_MEMORY;
	o->node = node;
	o->status = status;
	if ((cap = cap_install(o, rights)) < 0)
		return cap;
	return cap | (long)o->object << 32;
}

long root_install(void)
{
	return install(0, DIR_RIGHTS, 0);
}

long fs_open_at(const struct exo_ring_sqe *sqe)
{
	unsigned f = sqe->op_flags;
	int missing;
	long n = resolve(sqe, sqe->addr, sqe->cap, &missing);

	if (n == EXO_ERR_NOT_FOUND && missing && (f & EXO_OPEN_CREATE))
		return EXO_ERR_READ_ONLY;
	if (n < 0)
		return n;
	const struct initrd_node *node = initrd_node((int)n);
	if ((f & EXO_OPEN_CREATE) && (f & EXO_OPEN_EXCLUSIVE))
		return EXO_ERR_EXISTS;
	if (node->is_dir && (f & (EXO_OPEN_WRITE | EXO_OPEN_CREATE)))
		return EXO_ERR_IS_DIR;
	if (!node->is_dir && (f & EXO_OPEN_DIRECTORY))
		return EXO_ERR_NOT_DIR;
	if (f & (EXO_OPEN_WRITE | EXO_OPEN_TRUNCATE))
		return EXO_ERR_READ_ONLY;
	unsigned rights = (node->is_dir ? DIR_RIGHTS : FILE_RIGHTS) | (f & EXO_OPEN_READ ? EXO_RIGHT_READ : 0);
	u32 status = (f & EXO_OPEN_READ ? EXO_FD_READ : 0) | (f & EXO_OPEN_NONBLOCK ? EXO_FD_NONBLOCK : 0);
	return install((int)n, rights, status);
}

static void stat_of(int node, struct exo_stat *s)
{
	const struct initrd_node *n = initrd_node(node);

	*s = (struct exo_stat){0};
	s->object = n->is_dir ? EXO_OBJ_DIRECTORY : EXO_OBJ_FILE;
	s->perms = n->perms;
	s->size = n->size;
	s->device = DEVICE;
	s->inode = (u64)node + 1;
	s->links = n->is_dir ? 2 : 1;
	s->block_size = PAGE_SIZE;
	s->blocks = (n->size + 511) / 512;
}

long fs_stat(const struct kobj *o, u64 addr)
{
	struct exo_stat s;

	stat_of(o->node, &s);
	return copy_to_user(&current->as, addr, &s, sizeof s);
}

/* The capability itself, for an EMPTY_NAME flag and an empty name: a
 * console is answered by the core STAT opcode. */
static long empty_name(const struct exo_ring_sqe *sqe, unsigned flag)
{
	long len;

	if (!(sqe->op_flags & flag))
		return 1;
	if ((len = copy_name(sqe->addr, sqe->len)) != 0)
		return len < 0 ? len : 1;
	return 0;
}

long fs_stat_at(const struct exo_ring_sqe *sqe)
{
	struct exo_stat s;
	int missing;
	long n = empty_name(sqe, EXO_STAT_EMPTY_NAME);

	if (n == 0) {
		struct exo_ring_sqe st = { .opcode = EXO_OP_STAT, .cap = sqe->cap, .addr = sqe->addr2 };
		return cap_op(&st);
	}
	if (n < 0 || (n = resolve(sqe, sqe->addr, sqe->cap, &missing)) < 0)
		return n;
	stat_of((int)n, &s);
	return copy_to_user(&current->as, sqe->addr2, &s, sizeof s);
}

long fs_access_at(const struct exo_ring_sqe *sqe)
{
	unsigned f = sqe->op_flags;
	unsigned perms = 0755;
	int missing;
	long n = empty_name(sqe, EXO_ACCESS_EMPTY_NAME);

	if (n == 0) {
		struct kcap *c = cap_get(sqe->cap, 0, &n);
		if (!c)
			return n;
		if (c->obj->object == EXO_OBJ_CHARDEV)
			return 0;
		n = c->obj->node;
	} else if (n < 0 || (n = resolve(sqe, sqe->addr, sqe->cap, &missing)) < 0) {
		return n;
	}
	perms = initrd_node((int)n)->perms;
	if (f & EXO_ACCESS_WRITE)
		return EXO_ERR_READ_ONLY;
	if ((f & EXO_ACCESS_EXECUTE) && !(perms & 0111))
		return EXO_ERR_ACCESS;
	return 0;
}

long fs_read(struct kobj *o, u64 addr, u64 len, u64 *pos)
{
	const struct initrd_node *n = initrd_node(o->node);

	if (len && !user_range(addr, len))
		return EXO_ERR_FAULT;
	if (*pos >= n->size || !len)
		return 0;
	if (len > n->size - *pos)
		len = n->size - *pos;
	if (copy_to_user(&current->as, addr, (const char *)n->data + *pos, len) < 0)
		return EXO_ERR_FAULT;
	*pos += len;
	return (long)len;
}

long fs_seek(struct kobj *o, s64 offset, unsigned whence)
{
	s64 base;

	switch (whence) {
	case EXO_SEEK_SET: base = 0; break;
	case EXO_SEEK_CUR: base = (s64)o->pos; break;
	case EXO_SEEK_END: base = (s64)initrd_node(o->node)->size; break;
	case EXO_SEEK_DATA: case EXO_SEEK_HOLE:
		/* The initrd's files have no holes: data up to the size. */
		if (o->object == EXO_OBJ_DIRECTORY)
			return EXO_ERR_INVALID;
		if ((u64)offset >= initrd_node(o->node)->size)
			return EXO_ERR_NOT_FOUND;
		o->pos = whence == EXO_SEEK_DATA ? (u64)offset : initrd_node(o->node)->size;
		return (long)o->pos;
	default: return EXO_ERR_INVALID;
	}
	if (o->object == EXO_OBJ_DIRECTORY && whence == EXO_SEEK_END)
		return EXO_ERR_INVALID;
	if (offset < 0 ? base + offset < 0 : base > (s64)(~0ul >> 1) - offset)
		return offset < 0 ? EXO_ERR_INVALID : EXO_ERR_OVERFLOW;
	o->pos = (u64)(base + offset);
	return (long)o->pos;
}

/* Entry k of a listing: 0 ".", 1 "..", then the children in archive order. */
static int dir_entry(int dir, u64 k, const char **name, u32 *len)
{
	if (k < 2) {
		*name = "..";
		*len = (u32)k + 1;
		return k ? initrd_node(dir)->parent : dir;
	}
	for (int i = 1; initrd_node(i); i++) {
		const struct initrd_node *n = initrd_node(i);
		if (n->parent == dir && k-- == 2) {
			*name = n->leaf;
			*len = n->leaf_len;
			return i;
		}
	}
	return -1;
}

static long read_dir(const struct exo_ring_sqe *sqe)
{
	static char out[8192];
	u64 room = sqe->len < sizeof out ? sqe->len : sizeof out, used = 0, k;
	struct kcap *c;
	long status;

	if (!(c = cap_get(sqe->cap, 0, &status)))
		return status;
	if (c->obj->object != EXO_OBJ_DIRECTORY)
		return EXO_ERR_NOT_DIR;
	if (!(c->rights & EXO_RIGHT_READ))
		return EXO_ERR_RIGHTS;
	for (k = c->obj->pos; ; k++) {
		const char *name;
		u32 len;
		int node = dir_entry(c->obj->node, k, &name, &len);
		if (node < 0)
			break;
		u32 size = EXO_DIRENT_SIZE(len);
		if (used + size > room) {
			if (!used)
				return EXO_ERR_INVALID;   /* not one record fits: Linux's EINVAL */
			break;
		}
		struct exo_dirent *d = (struct exo_dirent *)(out + used);
		memset(d, 0, size);
		d->inode = (u64)node + 1;
		d->cookie = k + 1;
		d->size = (u16)size;
		d->object = initrd_node(node)->is_dir ? EXO_OBJ_DIRECTORY : EXO_OBJ_FILE;
		d->name_len = (u8)len;
		memcpy(d->name, name, len);
		used += size;
	}
	if (used && copy_to_user(&current->as, sqe->addr, out, used) < 0)
		return EXO_ERR_FAULT;
	c->obj->pos = k;
	return (long)used;
}

/* The absolute name of a directory: its last names from the root down. */
static long dir_path(const struct exo_ring_sqe *sqe)
{
	char path[EXO_PATH_MAX];
	u64 at = sizeof path;
	long n = dir_node(sqe->cap);

	if (n < 0)
		return n;
	path[--at] = 0;
	for (; n != 0; n = initrd_node((int)n)->parent) {
		const struct initrd_node *d = initrd_node((int)n);
		at -= d->leaf_len;
		memcpy(path + at, d->leaf, d->leaf_len);
		path[--at] = '/';
	}
	if (at == sizeof path - 1)
		path[--at] = '/';
	u64 len = sizeof path - at;
	if (len > sqe->len)
		return EXO_ERR_OVERFLOW;
	if (copy_to_user(&current->as, sqe->addr, path + at, len) < 0)
		return EXO_ERR_FAULT;
	return (long)len;
}

static long statfs_at(const struct exo_ring_sqe *sqe)
{
	struct exo_statfs s = {0};
	int missing;
	long n = empty_name(sqe, EXO_FS_EMPTY_NAME);

	if (n != 0 && (n < 0 || (n = resolve(sqe, sqe->addr, sqe->cap, &missing)) < 0))
		return n;
	s.kind = RAMFS_MAGIC;
	s.block_size = s.io_size = PAGE_SIZE;
	s.id = DEVICE;
	s.name_max = NAME_MAX;
	s.flags = EXO_STATFS_READ_ONLY;
	return copy_to_user(&current->as, sqe->addr2, &s, sizeof s);
}

/* An operation that would change the tree: the checks Linux makes before
 * it finds the file system read-only, then EXO_ERR_READ_ONLY. */
static long change(const struct exo_ring_sqe *sqe, int creates)
{
	int missing;
	long n = resolve(sqe, sqe->addr, sqe->cap, &missing);

	if (creates && n >= 0)
		return EXO_ERR_EXISTS;
	if (creates && n == EXO_ERR_NOT_FOUND && missing)
		return EXO_ERR_READ_ONLY;
	return n < 0 ? n : EXO_ERR_READ_ONLY;
}

long fs_op(const struct exo_ring_sqe *sqe)
{
	int missing;
	long n;

	switch (sqe->opcode) {
	case EXO_OP_READ_DIR:
		return read_dir(sqe);
	case EXO_OP_DIR_PATH:
		return dir_path(sqe);
	case EXO_OP_READLINK_AT:
		/* There are no symbolic links here: every name is EINVAL. */
		n = resolve(sqe, sqe->addr, sqe->cap, &missing);
		return n < 0 ? n : EXO_ERR_INVALID;
	case EXO_OP_STATFS_AT:
		return statfs_at(sqe);
	case EXO_OP_UMASK: {
		unsigned old = current->umask;
		current->umask = (unsigned)sqe->offset & 0777;
		return old;
	}
	case EXO_OP_MKDIR_AT:
	case EXO_OP_SYMLINK_AT:
		return change(sqe, 1);
	case EXO_OP_UNLINK_AT:
	case EXO_OP_RENAME_AT:
	case EXO_OP_LINK_AT:
	case EXO_OP_CHMOD_AT:
	case EXO_OP_CHOWN_AT:
	case EXO_OP_UTIMES_AT:
	case EXO_OP_TRUNCATE_AT:
		return change(sqe, 0);
	case EXO_OP_SYNC: {
		long status;
		return cap_get(sqe->cap, 0, &status) ? 0 : status;
	}
	case EXO_OP_ALLOCATE: {
		long status;
		return cap_get(sqe->cap, EXO_RIGHT_WRITE, &status) ? EXO_ERR_READ_ONLY : status;
	}
	}
	kprintf("exo-kernel: %s: ring opcode %u refused\n", current->name, sqe->opcode);
	return EXO_ERR_BAD_CALL;
}

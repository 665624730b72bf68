/* The initrd: a cpio archive in the "newc" format (what tools/mkinitrd.py
 * and `cpio -H newc` write). Each member: a 110-byte ASCII header
 * ("070701" and 13 eight-digit hex fields), the name, padding to 4, the
 * data, padding to 4; "TRAILER!!!" ends it. Names are taken without a
 * leading "./" or "/".
 *
 * Besides the list of regular files (the programs the command line
 * names), the archive is a read-only tree of names for the file
 * operations (initrd_fs.c): one node per file and per directory, a
 * directory made for every name a file is below ("data/a.txt" makes
 * "data") as well as for the archive's own directory members. */
#include "kernel.h"

#define HEADER_SIZE 110
#define MAX_FILES 64

static struct initrd_file files[MAX_FILES];
static unsigned nfiles;
static struct initrd_node nodes[INITRD_MAX_NODES] = { [0] = { "", 0, 0, 1, 0755, NULL, 0 } };
static int nnodes = 1;

int initrd_child(int dir, const char *name, u32 len)
{
	for (int i = 1; i < nnodes; i++)
		if (nodes[i].parent == dir && nodes[i].leaf_len == len && !memcmp(nodes[i].leaf, name, len))
			return i;
	return -1;
}

const struct initrd_node *initrd_node(int index)
{
	return index >= 0 && index < nnodes ? &nodes[index] : NULL;
}

/* The node of every name along path, directories made as needed; the
 * last one gets the member's kind and data. */
static void add_node(const char *path, u64 mode, const void *data, u64 size)
{
	int dir = 0;

	while (*path) {
		const char *end = path;
		while (*end && *end != '/')
			end++;
		u32 len = (u32)(end - path);
		int last = !*end || !end[1];
		int n = len ? initrd_child(dir, path, len) : dir;
		if (n < 0) {
			if (nnodes == INITRD_MAX_NODES) {
				kprintf("exo-kernel: initrd: more than %d names, ignoring the rest\n", INITRD_MAX_NODES);
				return;
			}
			n = nnodes++;
			nodes[n] = (struct initrd_node){ path, len, dir, 1, 0755, NULL, 0 };
		}
		if (last) {
			nodes[n].is_dir = (mode & 0170000) == 0040000;
			nodes[n].perms = (unsigned)(mode & 07777);
			nodes[n].data = data;
			nodes[n].size = nodes[n].is_dir ? 0 : size;
			return;
		}
		dir = n;
		path = end + 1;
	}
}

static int hex_field(const char *p, u64 *out)
{
	u64 v = 0;

	for (int i = 0; i < 8; i++) {
		char c = p[i];
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') :
		             c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) :
		             c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16;
		if (d == 16)
			return -1;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

void initrd_init(const void *archive, u64 size)
{
	const char *base = archive;
	u64 off = 0;

	while (off + HEADER_SIZE <= size && nfiles < MAX_FILES) {
		const char *h = base + off;
		u64 mode, filesize, namesize;
		if (memcmp(h, "070701", 6) || hex_field(h + 6 + 8, &mode) ||
		    hex_field(h + 6 + 6 * 8, &filesize) || hex_field(h + 6 + 11 * 8, &namesize) ||
		    namesize == 0 || off + HEADER_SIZE + namesize > size) {
			kprintf("exo-kernel: initrd: malformed archive at offset %lu, ignoring the rest\n", off);
			return;
		}
		const char *name = h + HEADER_SIZE;
		u64 data = (off + HEADER_SIZE + namesize + 3) & ~3ul;
		if (name[namesize - 1] != 0 || data + filesize > size) {
			kprintf("exo-kernel: initrd: malformed member at offset %lu, ignoring the rest\n", off);
			return;
		}
		if (!strcmp(name, "TRAILER!!!"))
			return;
		while (*name == '.' && name[1] == '/')
			name += 2;
		while (*name == '/')
			name++;
		if ((mode & 0170000) == 0100000)   /* regular files only */
			files[nfiles++] = (struct initrd_file){ name, base + data, filesize };
		if ((mode & 0170000) == 0100000 || (mode & 0170000) == 0040000)
			add_node(name, mode, base + data, filesize);
		off = (data + filesize + 3) & ~3ul;
	}
}

int initrd_find(const char *name, struct initrd_file *out)
{
	for (unsigned i = 0; i < nfiles; i++) {
		if (!strcmp(files[i].name, name)) {
			*out = files[i];
			return 0;
		}
	}
	return -1;
}

int initrd_entry(unsigned index, struct initrd_file *out)
{
	if (index >= nfiles)
		return -1;
	*out = files[index];
	return 0;
}

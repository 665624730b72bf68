/* stat by name at the edges the ring's short path (hosted-kernel/
 * ring_one_name.c) copies and checks itself: a name ending just before an
 * unmapped page and one running into it, names of PATH_MAX - 1 and
 * PATH_MAX bytes, "/", "//", "/.", dot-dot above the root, the host's
 * own errors (ENOENT, ENOTDIR, ELOOP), lstat of a symlink, AT_EMPTY_PATH,
 * a directory descriptor and a file descriptor as dirfd, and
 * /proc/self/exe (rewritten by the general path). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void show(const char *what, int r, const struct stat *st)
{
	if (r < 0)
		printf("%s: -1 %s\n", what, strerror(errno));
	else
		printf("%s: 0 mode %o size %lld nlink %ld\n", what, (unsigned)st->st_mode,
		       S_ISREG(st->st_mode) ? (long long)st->st_size : -1LL,
		       S_ISDIR(st->st_mode) ? -1L : (long)st->st_nlink);
}

int main(int argc, char **argv)
{
	static char name[PATH_MAX + 8];
	struct stat st, exe, self;
	long page = sysconf(_SC_PAGESIZE);
	char *two = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int r, dir, file;

	(void)argc;
	setvbuf(stdout, NULL, _IONBF, 0);
	mkdir("sn.d", 0755);
	close(open("sn.d/f", O_CREAT | O_WRONLY, 0644));
	symlink("f", "sn.d/link");
	symlink("loop", "sn.d/loop");

	/* "sn.d/f" placed so its NUL is the last byte of the first page,
	 * then the second page unmapped; then shifted so the NUL is gone. */
	munmap(two + page, page);
	char *edge = two + page - 7;
	memcpy(edge, "sn.d/f", 7);
	r = stat(edge, &st); show("name ending at a page's end", r, &st);
	edge[6] = 'x';
	r = stat(edge, &st); show("name running into an unmapped page", r, &st);
	r = stat((char *)16, &st); show("name at a bad address", r, &st);

	/* "./" repeated: a valid name of PATH_MAX - 1 bytes, then one more. */
	for (int i = 0; i < PATH_MAX - 8; i += 2)
		memcpy(name + i, "./", 2);
	strcpy(name + PATH_MAX - 8, "sn.d//f");
	r = stat(name, &st); show("PATH_MAX - 1 bytes", r, &st);
	memmove(name + 1, name, PATH_MAX - 1);
	name[0] = '.';
	name[PATH_MAX] = 0;
	r = stat(name, &st); show("PATH_MAX bytes", r, &st);

	r = stat("/", &st); show("/", r, &st);
	r = stat("//", &st); show("//", r, &st);
	r = stat("/.", &st); show("/.", r, &st);
	r = stat("/../../..", &st); show("/../../..", r, &st);
	r = stat("sn.d/none", &st); show("ENOENT", r, &st);
	r = stat("sn.d/f/x", &st); show("ENOTDIR", r, &st);
	r = stat("sn.d/loop", &st); show("ELOOP", r, &st);
	r = lstat("sn.d/loop", &st); show("lstat of a symlink", r, &st);
	r = stat("sn.d/link", &st); show("stat through a symlink", r, &st);
	r = stat("", &st); show("empty name", r, &st);

	dir = open("sn.d", O_RDONLY | O_DIRECTORY);
	file = open("sn.d/f", O_RDONLY);
	r = fstatat(dir, "f", &st, 0); show("below a directory descriptor", r, &st);
	r = fstatat(dir, "link", &st, AT_SYMLINK_NOFOLLOW); show("NOFOLLOW below it", r, &st);
	r = fstatat(file, "x", &st, 0); show("below a file descriptor", r, &st);
	r = fstatat(file, "", &st, AT_EMPTY_PATH); show("AT_EMPTY_PATH of a file", r, &st);
	r = fstatat(dir, "", &st, AT_EMPTY_PATH); show("AT_EMPTY_PATH of a directory", r, &st);
	r = fstatat(AT_FDCWD, "sn.d/f", &st, 0x4000000); show("unknown flag", r, &st);
	close(dir);
	close(file);

	r = stat("/proc/self/exe", &exe);
	stat(argv[0], &self);
	printf("/proc/self/exe: %d same file as argv[0]: %d\n", r,
	       exe.st_ino == self.st_ino && exe.st_dev == self.st_dev);

	unlink("sn.d/loop");
	unlink("sn.d/link");
	unlink("sn.d/f");
	rmdir("sn.d");
	return 0;
}

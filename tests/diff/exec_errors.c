#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "exec_common.h"

/*
 * execve and execveat that fail: the caller survives each one with
 * Linux's errno and goes on (its descriptors, close-on-exec ones
 * included, still open).
 */

extern char **environ;

static void try(const char *what, const char *path, char **argv, char **envp)
{
	errno = 0;
	long r = syscall(SYS_execve, path, argv, envp);
	printf("%-28s -> %ld %s\n", what, r, strerror(errno));
}

static void try_at(const char *what, int dirfd, const char *path, int flags)
{
	char *argv[] = { "x", 0 };
	errno = 0;
	long r = syscall(SYS_execveat, dirfd, path, argv, environ, flags);
	printf("%-28s -> %ld %s\n", what, r, strerror(errno));
}

static void file(const char *name, const void *data, size_t len, mode_t mode)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, mode);
	write(fd, data, len);
	close(fd);
	chmod(name, mode);
}

int main(int argc, char **argv)
{
	char *args[] = { "x", 0 };
	(void)argc;
	find_helper(argv[0]);
	int keep = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	file("plain.txt", "just text\n", 10, 0644);
	file("garbage", "this is not a program\n", 22, 0755);
	file("empty", "", 0, 0755);
	/* The start of a real ELF image, cut short. */
	char head[200];
	int h = open(helper, O_RDONLY);
	size_t got = (size_t)read(h, head, sizeof head);
	close(h);
	file("truncated-elf", head, got, 0755);
	file("bad-interp", "#!/nonexistent/interpreter\n", 27, 0755);
	file("no-interp", "#!   \n", 6, 0755);
	mkdir("adir", 0755);
	symlink(helper, "link-to-helper");

	try("missing file", "./no-such-program", args, environ);
	try("missing directory", "no-such-dir/program", args, environ);
	try("not executable", "./plain.txt", args, environ);
	try("a directory", "./adir", args, environ);
	try("through a file", "./plain.txt/x", args, environ);
	try("not a program", "./garbage", args, environ);
	try("empty file", "./empty", args, environ);
	try("truncated ELF", "./truncated-elf", args, environ);
	try("missing interpreter", "./bad-interp", args, environ);
	try("empty #! line", "./no-interp", args, environ);
	try("empty name", "", args, environ);
	try("bad name pointer", (const char *)8, args, environ);
	try("bad argv pointer", helper, (char **)8, environ);
	char *bad_arg[] = { "x", (char *)8, 0 };
	try("bad argument string", helper, bad_arg, environ);
	try("bad envp pointer", helper, args, (char **)8);

	/* One string longer than Linux's 32 pages, then lists too long as a whole. */
	char *big = malloc(200000);
	memset(big, 'a', 199999);
	big[199999] = 0;
	char *one_big[] = { "x", big, 0 };
	try("one huge argument", helper, one_big, environ);
	static char *many[64];
	many[0] = "x";
	big[100000] = 0;
	for (int i = 1; i < 63; i++)
		many[i] = big;
	try("arguments too long", helper, many, environ);
	try("environment too long", helper, args, many);

	try_at("bad dirfd", 99, "exec_helper", 0);
	try_at("dirfd not a directory", 1, "exec_helper", 0);
	try_at("empty path, no flag", keep, "", 0);
	try_at("empty path of a directory", keep, "", AT_EMPTY_PATH);
	int txt = open("plain.txt", O_RDONLY);
	try_at("empty path, not executable", txt, "", AT_EMPTY_PATH);
	try_at("unknown flag", AT_FDCWD, helper, 0x4);
	try_at("symlink with NOFOLLOW", AT_FDCWD, "link-to-helper", AT_SYMLINK_NOFOLLOW);

	/* Still here, with our descriptors. */
	printf("survived; close-on-exec descriptor %s\n", fcntl(keep, F_GETFD) >= 0 ? "open" : "closed");
	return 0;
}

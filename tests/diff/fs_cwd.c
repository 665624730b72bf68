/* The current directory is a capability: chdir, fchdir and getcwd, and
 * relative names (open, mkdir, stat, readdir) resolved below whatever it
 * is now, including a removed one. Works in /tmp/posixx-fs-cwd, removed
 * first and last. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BASE "/tmp/posixx-fs-cwd"

static const char *errno_name(int e)
{
	switch (e) {
	case ENOENT: return "ENOENT";
	case EBADF: return "EBADF";
	case EFAULT: return "EFAULT";
	case ENOTDIR: return "ENOTDIR";
	case ERANGE: return "ERANGE";
	case EINVAL: return "EINVAL";
	case EEXIST: return "EEXIST";
	case EACCES: return "EACCES";
	default: return "other";
	}
}

static void report(const char *call, long r)
{
	if (r < 0)
		printf("%-44s -> -1 %s\n", call, errno_name(errno));
	else
		printf("%-44s -> %ld\n", call, r);
}

#define TRY(expr) do { errno = 0; report(#expr, (long)(expr)); } while (0)

static void where(void)
{
	char buf[4096];

	errno = 0;
	if (getcwd(buf, sizeof buf))
		printf("getcwd: %s\n", buf);
	else
		printf("getcwd: -1 %s\n", errno_name(errno));
}

static void cleanup(void)
{
	static const char *const files[] = { BASE "/d1/d2/g", BASE "/d1/f", BASE "/d1/made/h",
	                                     BASE "/gone/x" };
	static const char *const dirs[] = { BASE "/d1/made", BASE "/d1/d2", BASE "/d1",
	                                    BASE "/gone", BASE };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		unlink(files[i]);
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		rmdir(dirs[i]);
}

static void count_entries(const char *path)
{
	DIR *d = opendir(path);
	int n = 0;

	if (!d) {
		printf("opendir(%s): %s\n", path, errno_name(errno));
		return;
	}
	while (readdir(d))
		n++;
	closedir(d);
	printf("opendir(%s): %d entries\n", path, n);
}

int main(void)
{
	char small[8];
	struct stat st;
	int fd, d1, d2;

	cleanup();
	TRY(mkdir(BASE, 0755));
	TRY(chdir(BASE));
	where();
	TRY(mkdir("d1", 0755));
	TRY(mkdir("d1/d2", 0755));
	TRY(fd = open("d1/f", O_WRONLY | O_CREAT | O_EXCL, 0644));
	TRY(write(fd, "relative\n", 9));
	close(fd);
	TRY(stat("d1/f", &st));
	printf("d1/f size %lld\n", (long long)st.st_size);
	TRY(chdir("d1"));
	where();
	TRY(access("f", R_OK));
	TRY(access("d1/f", R_OK));
	count_entries(".");
	TRY(mkdir("made", 0755));
	TRY(chdir("made/../d2"));
	where();
	TRY(fd = open("g", O_WRONLY | O_CREAT, 0644));
	close(fd);
	TRY(chdir(".."));
	where();
	TRY(stat("d2/g", &st));

	/* fchdir, and the errors of all three. */
	TRY(d2 = open(BASE "/d1/d2", O_RDONLY | O_DIRECTORY));
	TRY(d1 = open(BASE "/d1", O_RDONLY | O_DIRECTORY));
	TRY(chdir("/"));
	where();
	TRY(fchdir(d2));
	where();
	TRY(access("g", F_OK));
	TRY(fchdir(d1));
	where();
	TRY(fd = open("f", O_RDONLY));
	TRY(fchdir(fd));
	close(fd);
	TRY(fchdir(99));
	TRY(chdir("f"));
	TRY(chdir("missing"));
	TRY(chdir(""));
	TRY(syscall(SYS_chdir, (const char *)1));
	where();
	TRY(getcwd(small, sizeof small) ? 0 : -1);
	TRY(syscall(SYS_getcwd, small, 0));
	TRY(syscall(SYS_getcwd, small, sizeof small));
	char *dup = getcwd(NULL, 0);
	printf("getcwd(NULL, 0): %s\n", dup ? dup : "(null)");
	free(dup);

	/* A removed current directory: nothing below it, no name. */
	TRY(mkdir(BASE "/gone", 0755));
	TRY(chdir(BASE "/gone"));
	TRY(rmdir(BASE "/gone"));
	where();
	TRY(open("x", O_WRONLY | O_CREAT, 0644));
	TRY(stat(".", &st));
	TRY(chdir(".."));
	where();
	TRY(chdir("d1"));
	where();
	TRY(unlink("d2/g"));
	TRY(unlink("f"));
	TRY(rmdir("made"));
	TRY(rmdir("d2"));
	close(d1);
	close(d2);
	TRY(chdir("/tmp"));
	TRY(rmdir(BASE "/d1"));
	TRY(rmdir(BASE));
	where();
	return 0;
}

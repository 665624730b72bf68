/* mknod and mknodat as mkfifo, busybox's mknod and tar use them: a FIFO
 * (its type as stat and a listing see it, data through it between a
 * parent and a child), an empty regular file, a socket node, the mode
 * under the creation mask, and the refusals: an existing name, a
 * directory type, a bad type, a missing parent. A device node is made
 * only when the caller may (root): either way both runs agree. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *name)
{
	struct stat st;

	if (lstat(name, &st) < 0) {
		printf("  %s: %s\n", name, strerror(errno));
		return;
	}
	printf("  %s: type %o mode %o size %ld\n", name, st.st_mode & S_IFMT, st.st_mode & 07777,
	       (long)st.st_size);
}

static void try(const char *what, int r)
{
	printf("%s: %d %s\n", what, r, r < 0 ? strerror(errno) : "");
}

int main(void)
{
	char buf[64];
	int fd, st, dfd;
	struct dirent *d;
	DIR *dir;

	umask(022);
	try("mkfifo", mkfifo("fifo", 0666));
	show("fifo");
	try("mknod fifo again", mknod("fifo", S_IFIFO | 0600, 0));
	try("mknod regular", mknod("plain", S_IFREG | 0640, 0));
	show("plain");
	try("mknod type 0", mknod("plain0", 0600, 0));
	show("plain0");
	try("mknod socket", mknod("sock", S_IFSOCK | 0777, 0));
	show("sock");
	try("mknod directory", mknod("dir", S_IFDIR | 0755, 0));
	try("mknod bad type", mknod("bad", 0170000 | 0644, 0));
	try("mknod missing parent", mknod("nodir/fifo", S_IFIFO | 0644, 0));
	int r = mknod("null2", S_IFCHR | 0666, makedev(1, 3));
	printf("mknod char device: %s\n", r == 0 ? "made" : errno == EPERM ? "EPERM" : strerror(errno));
	if (r == 0) {
		struct stat s;
		stat("null2", &s);
		printf("  device %u,%u\n", major(s.st_rdev), minor(s.st_rdev));
	}
	mkdir("sub", 0755);
	dfd = open("sub", O_RDONLY | O_DIRECTORY);
	umask(0);
	try("mknodat fifo", mknodat(dfd, "f2", S_IFIFO | 0666, 0));
	show("sub/f2");
	try("mkfifoat", mkfifoat(dfd, "f3", 0600));
	dir = opendir("sub");
	while ((d = readdir(dir)))
		if (d->d_name[0] != '.')
			printf("  listed %s type %s\n", d->d_name, d->d_type == DT_FIFO ? "fifo" : "other");
	closedir(dir);

	/* Data through the FIFO: the opens meet, the reader sees the end. */
	fflush(stdout);
	if (fork() == 0) {
		fd = open("fifo", O_WRONLY);
		write(fd, "through the fifo", 16);
		_exit(0);
	}
	fd = open("fifo", O_RDONLY);
	memset(buf, 0, sizeof buf);
	int n = 0, k;
	while ((k = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
		n += k;
	wait(&st);
	printf("fifo read: %d [%s], child %d\n", n, buf, WEXITSTATUS(st));
	close(fd);
	return 0;
}

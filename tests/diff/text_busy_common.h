/* Shared by text_busy.c and text_busy_fork.c: a running program's file
 * copied to where the test can try to write it, and the answer named. */
#ifndef TEXT_BUSY_COMMON_H
#define TEXT_BUSY_COMMON_H

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static const char *err(int r)
{
	return r >= 0 ? "ok" : errno == ETXTBSY ? "ETXTBSY" : strerror(errno);
}

static int copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ssize_t n;

	if (in < 0 || out < 0)
		return -1;
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			return -1;
	close(in);
	return close(out);
}

#endif

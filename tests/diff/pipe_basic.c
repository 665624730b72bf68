/* pipe and pipe2: data through, EAGAIN on an empty non-blocking pipe, EOF
 * once the write end is closed, a transfer larger than the pipe's buffer,
 * flags of each end, rights (a write to the read end), EMFILE, EFAULT.
 * EPIPE needs SIGPIPE ignored, and signals are not translated yet: the
 * kernel unit test kernel_net checks it instead. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static const char *err(int e)
{
	switch (e) {
	case 0: return "0";
	case EAGAIN: return "EAGAIN";
	case EBADF: return "EBADF";
	case EFAULT: return "EFAULT";
	case EINVAL: return "EINVAL";
	case EMFILE: return "EMFILE";
	case ESPIPE: return "ESPIPE";
	default: return "other";
	}
}

#define SHOW(label, expr) do { errno = 0; long r_ = (long)(expr); \
	printf("%s: %ld %s\n", label, r_ < 0 ? -1L : r_, err(r_ < 0 ? errno : 0)); } while (0)

static char big[1 << 20], back[1 << 20];

int main(void)
{
	int p[2], q[2];
	char buf[16];
	struct stat st;

	SHOW("pipe", pipe(p));
	printf("lowest free: %s\n", p[0] == 3 && p[1] == 4 ? "yes" : "no");
	SHOW("write", write(p[1], "hello", 5));
	SHOW("read", read(p[0], buf, sizeof buf));
	printf("data: %.5s\n", buf);
	SHOW("write to read end", write(p[0], "x", 1));
	SHOW("read from write end", read(p[1], buf, 1));
	SHOW("lseek", lseek(p[0], 0, SEEK_SET));
	fstat(p[0], &st);
	printf("fifo: %s\n", S_ISFIFO(st.st_mode) ? "yes" : "no");
	printf("getfl: %#x %#x\n", fcntl(p[0], F_GETFL), fcntl(p[1], F_GETFL));
	printf("getfd: %d\n", fcntl(p[0], F_GETFD));

	SHOW("pipe2", pipe2(q, O_NONBLOCK | O_CLOEXEC));
	printf("getfl: %#x getfd: %d\n", fcntl(q[0], F_GETFL), fcntl(q[1], F_GETFD));
	SHOW("empty nonblocking read", read(q[0], buf, 1));
	long total = 0, n;
	while ((n = write(q[1], big, 4096)) > 0)
		total += n;
	printf("filled: %s, then %s\n", total >= 4096 ? "yes" : "no", err(errno));
	close(q[0]);
	close(q[1]);
	SHOW("pipe2 bad flags", pipe2(q, 0x10));
	SHOW("pipe bad pointer", pipe((int *)8));

	/* A large transfer: a pipe between two descriptors of one process,
	 * written and read in turns through the non-blocking write end. */
	for (unsigned i = 0; i < sizeof big; i++)
		big[i] = (char)(i * 31 + 7);
	pipe2(q, O_NONBLOCK);
	long out = 0, in = 0;
	while (in < (long)sizeof big) {
		if (out < (long)sizeof big && (n = write(q[1], big + out, sizeof big - out)) > 0)
			out += n;
		if ((n = read(q[0], back + in, sizeof back - in)) > 0)
			in += n;
	}
	printf("large transfer: %s\n", memcmp(big, back, sizeof big) ? "corrupt" : "intact");
	close(q[1]);
	SHOW("read after writer closed", read(q[0], buf, 1));
	SHOW("bad buffer", write(p[1], (void *)8, 4));
	close(q[0]);

	/* EMFILE: fill the table, then pipe needs two descriptors. */
	int last = -1, fd;
	while ((fd = dup(0)) >= 0)
		last = fd;
	SHOW("pipe with a full table", pipe(q));
	close(last);
	SHOW("pipe with one free", pipe(q));
	SHOW("closed fd", write(999999, "x", 1));
	return 0;
}

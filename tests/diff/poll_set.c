/* poll over sets of 8 descriptors and more, called again and again with
 * the set changing between calls, as a kernel that keeps a per-thread
 * interest set (hosted-kernel/poll_set.c) must still answer exactly as
 * poll does: readiness that comes and goes, entries added, removed,
 * reordered and given other events, the same descriptor twice, a
 * descriptor closed and its number reused by another file (also while a
 * duplicate keeps the old file open), POLLHUP and POLLERR of pipes whose
 * other end closed, regular files and /dev/null (which epoll refuses),
 * select over the same, and timeouts. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/select.h>

#define NP 16

static int rd[NP], wr[NP];

static void show(const char *label, struct pollfd *f, int n, int r)
{
	printf("%s: %d:", label, r < 0 ? -errno : r);
	for (int i = 0; i < n; i++)
		printf(" %x", f[i].revents);
	printf("\n");
}

static int pollv(const char *label, struct pollfd *f, int n, int ms)
{
	for (int i = 0; i < n; i++)
		f[i].revents = 0x5a5a & ~0;   /* must be overwritten */
	int r = poll(f, n, ms);
	show(label, f, n, r);
	return r;
}

static void make_pipe(int i)
{
	int p[2];
	if (pipe(p) < 0) {
		perror("pipe");
		_exit(1);
	}
	rd[i] = p[0];
	wr[i] = p[1];
}

static long elapsed_ms(const struct timespec *a)
{
	struct timespec b;
	clock_gettime(CLOCK_MONOTONIC, &b);
	return (b.tv_sec - a->tv_sec) * 1000 + (b.tv_nsec - a->tv_nsec) / 1000000;
}

int main(void)
{
	struct pollfd f[40];
	char buf[65536];
	int n;

	for (int i = 0; i < NP; i++)
		make_pipe(i);

	/* 16 read ends, then the same set again and again while data
	 * comes and goes */
	for (n = 0; n < NP; n++)
		f[n] = (struct pollfd){ rd[n], POLLIN, 0 };
	pollv("idle", f, n, 0);
	pollv("idle again", f, n, 0);
	write(wr[3], "a", 1);
	write(wr[11], "bc", 2);
	pollv("3 and 11 readable", f, n, 0);
	pollv("still", f, n, 0);
	read(rd[3], buf, 1);
	pollv("3 drained", f, n, 0);
	read(rd[11], buf, 1);
	pollv("11 half drained", f, n, 0);
	read(rd[11], buf, 1);
	pollv("all drained", f, n, 0);
	pollv("all drained again", f, n, 0);

	/* write ends join; one descriptor twice with other events; an
	 * entry of -1; the order changes */
	for (int i = 0; i < 6; i++)
		f[n++] = (struct pollfd){ wr[i], POLLOUT, 0 };
	f[n++] = (struct pollfd){ rd[5], POLLIN | POLLOUT, 0 };
	f[n++] = (struct pollfd){ rd[5], POLLPRI, 0 };
	f[n++] = (struct pollfd){ -1, POLLIN, 0 };
	f[n++] = (struct pollfd){ wr[2], POLLIN | POLLOUT, 0 };
	pollv("with write ends and duplicates", f, n, 0);
	write(wr[5], "x", 1);
	pollv("5 readable, seen three times", f, n, 0);
	pollv("again", f, n, 0);
	struct pollfd t = f[0];
	f[0] = f[n - 1];
	f[n - 1] = t;
	pollv("reordered", f, n, 0);
	f[4].events = POLLOUT;          /* a read end asked for writing only */
	f[1].events = 0;                /* no events: only ERR and HUP */
	pollv("events changed", f, n, 0);
	read(rd[5], buf, 1);
	pollv("5 drained", f, n, 0);
	n -= 5;
	pollv("shorter", f, n, 0);

	/* a write end filled: not writable until the reader frees room,
	 * which only a wakeup says */
	fcntl(wr[7], F_SETFL, O_NONBLOCK);
	struct pollfd g[10];
	for (int i = 0; i < 10; i++)
		g[i] = (struct pollfd){ i == 0 ? wr[7] : rd[i + 4], i == 0 ? POLLOUT : POLLIN, 0 };
	pollv("write end with room", g, 10, 0);
	long put = 0, r;
	while ((r = write(wr[7], buf, sizeof buf)) > 0)
		put += r;
	printf("filled: %s\n", put > 0 && errno == EAGAIN ? "yes" : "no");
	pollv("write end full", g, 10, 0);
	pollv("write end full, again", g, 10, 0);
	while (put > 0 && (r = read(rd[7], buf, sizeof buf)) > 0)
		put -= r;
	pollv("write end emptied by the reader", g, 10, 0);

	/* the other end closes: POLLHUP on a read end (with and without
	 * data), POLLERR on a write end; these stay ready call after call */
	write(wr[8], "z", 1);
	close(wr[8]);
	close(wr[9]);
	close(rd[10]);
	struct pollfd h[10];
	for (int i = 0; i < 8; i++)
		h[i] = (struct pollfd){ rd[8 + (i % 2)], POLLIN, 0 };
	h[2].events = 0;
	h[8] = (struct pollfd){ wr[10], POLLOUT, 0 };
	h[9] = (struct pollfd){ wr[10], 0, 0 };
	pollv("hangups", h, 10, 0);
	pollv("hangups again", h, 10, 0);
	read(rd[8], buf, 1);
	pollv("hangup, data read", h, 10, 0);

	/* a descriptor closed and its number given to another pipe between
	 * two polls */
	for (n = 0; n < 10; n++)
		f[n] = (struct pollfd){ rd[n], POLLIN, 0 };
	write(wr[2], "q", 1);
	pollv("before reuse", f, n, 0);
	int old_rd = rd[2], old_wr = wr[2];
	close(rd[2]);
	make_pipe(2);
	if (rd[2] != old_rd) {
		dup2(rd[2], old_rd);
		close(rd[2]);
		rd[2] = old_rd;
	}
	printf("same number: %s\n", rd[2] == f[2].fd ? "yes" : "no");
	pollv("new pipe at the old number, empty", f, n, 0);
	write(wr[2], "r", 1);
	pollv("new pipe written", f, n, 0);
	read(rd[2], buf, 1);
	pollv("new pipe drained", f, n, 0);
	close(old_wr);

	/* the same while a duplicate keeps the old file open: the old pipe
	 * must not show through the number any more */
	int keep = dup(rd[4]);
	int old_w4 = wr[4];
	pollv("before the duplicate's case", f, n, 0);
	int num = rd[4];
	close(rd[4]);
	make_pipe(4);
	if (rd[4] != num) {
		dup2(rd[4], num);
		close(rd[4]);
		rd[4] = num;
	}
	pollv("old file kept by a duplicate, new pipe empty", f, n, 0);
	write(old_w4, "s", 1);
	pollv("old pipe written", f, n, 0);
	pollv("old pipe written, again", f, n, 0);
	write(wr[4], "t", 1);
	pollv("new pipe written", f, n, 0);
	read(rd[4], buf, 1);
	pollv("new pipe drained", f, n, 0);
	f[n++] = (struct pollfd){ keep, POLLIN, 0 };
	pollv("the duplicate joins", f, n, 0);
	read(keep, buf, 1);
	pollv("the duplicate drained", f, n, 0);

	/* files epoll refuses: a regular file and /dev/null */
	int file = open("/proc/self/exe", O_RDONLY);
	int null = open("/dev/null", O_RDWR);
	n = 0;
	for (int i = 0; i < 6; i++)
		f[n++] = (struct pollfd){ rd[i], POLLIN, 0 };
	f[n++] = (struct pollfd){ file, POLLIN | POLLOUT | POLLPRI | POLLRDNORM | POLLWRNORM, 0 };
	f[n++] = (struct pollfd){ null, POLLOUT, 0 };
	f[n++] = (struct pollfd){ file, POLLPRI, 0 };
	f[n++] = (struct pollfd){ null, 0, 0 };
	pollv("regular file and /dev/null", f, n, 0);
	pollv("again", f, n, 0);
	f[6].events = POLLPRI;
	f[7].events = POLLPRI;
	pollv("only POLLPRI asked of them", f, n, 0);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pollv("and 20 ms", f, n, 20);
	printf("waited: %s\n", elapsed_ms(&t0) >= 19 ? "yes" : "no");
	f[6].events = POLLIN;
	f[7].events = POLLOUT;
	pollv("POLLIN and POLLOUT asked again", f, n, 0);

	/* timeouts with nothing ready */
	n = 0;
	for (int i = 0; i < 12; i++)
		if (i != 8 && i != 9 && i != 10)
			f[n++] = (struct pollfd){ rd[i], POLLIN, 0 };
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pollv("30 ms, nothing", f, n, 30);
	printf("waited: %s\n", elapsed_ms(&t0) >= 29 ? "yes" : "no");
	struct timespec ts = { 0, 2500000 };
	clock_gettime(CLOCK_MONOTONIC, &t0);
	printf("ppoll 2.5 ms: %d\n", ppoll(f, n, &ts, NULL));
	printf("waited: %s\n", elapsed_ms(&t0) >= 2 ? "yes" : "no");

	/* select over the same descriptors, twice, with a change between */
	fd_set rs, ws;
	int maxfd = 0;
	for (int round = 0; round < 3; round++) {
		FD_ZERO(&rs);
		FD_ZERO(&ws);
		for (int i = 0; i < 12; i++) {
			if (i == 8 || i == 9 || i == 10)
				continue;
			FD_SET(rd[i], &rs);
			if (rd[i] > maxfd) maxfd = rd[i];
			if (i < 4) {
				FD_SET(wr[i], &ws);
				if (wr[i] > maxfd) maxfd = wr[i];
			}
		}
		if (round == 1)
			write(wr[6], "u", 1);
		if (round == 2)
			read(rd[6], buf, 1);
		struct timeval tv = { 0, 0 };
		int sr = select(maxfd + 1, &rs, &ws, NULL, &tv);
		printf("select round %d: %d rd", round, sr);
		for (int i = 0; i < 12; i++)
			if (i != 8 && i != 9 && i != 10)
				printf(" %d", FD_ISSET(rd[i], &rs) ? 1 : 0);
		printf(" wr");
		for (int i = 0; i < 4; i++)
			printf(" %d", FD_ISSET(wr[i], &ws) ? 1 : 0);
		printf("\n");
	}
	return 0;
}

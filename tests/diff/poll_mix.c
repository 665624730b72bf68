/* poll, select and epoll over pipes, an eventfd and a socket pair, with
 * timeouts of 0 and a few milliseconds; POLLNVAL, EBADF, EINVAL. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/socket.h>

static const char *err(int e)
{
	switch (e) {
	case 0: return "0";
	case EAGAIN: return "EAGAIN";
	case EBADF: return "EBADF";
	case EINVAL: return "EINVAL";
	case EEXIST: return "EEXIST";
	case ENOENT: return "ENOENT";
	case EPERM: return "EPERM";
	default: return "other";
	}
}

#define SHOW(label, expr) do { errno = 0; long r_ = (long)(expr); \
	printf("%s: %ld %s\n", label, r_ < 0 ? -1L : r_, err(r_ < 0 ? errno : 0)); } while (0)

int main(void)
{
	int p[2], sv[2], ev, ep;
	uint64_t one = 1, got = 0;
	char c;

	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	ev = eventfd(0, EFD_NONBLOCK);
	SHOW("eventfd empty read", read(ev, &got, 8));

	struct pollfd f[6] = {
		{ p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 }, { sv[0], POLLIN | POLLOUT, 0 },
		{ ev, POLLIN, 0 }, { -1, POLLIN, 0 }, { 99, POLLIN, 0 },
	};
	SHOW("poll, nothing to read", poll(f, 6, 0));
	for (int i = 0; i < 6; i++)
		printf("  fd %d revents %#x\n", i, f[i].revents);
	write(p[1], "x", 1);
	write(ev, &one, 8);
	send(sv[1], "y", 1, 0);
	SHOW("poll, all readable", poll(f, 5, 0));
	for (int i = 0; i < 5; i++)
		printf("  fd %d revents %#x\n", i, f[i].revents);
	SHOW("eventfd read", read(ev, &got, 8));
	printf("count %llu\n", (unsigned long long)got);
	read(p[0], &c, 1);
	recv(sv[0], &c, 1, 0);
	SHOW("poll timeout 5 ms", poll(f, 1, 5));
	SHOW("poll none, 3 ms", poll(NULL, 0, 3));
	SHOW("poll too many", poll(f, 100000, 0));
	close(p[1]);
	SHOW("poll, writer gone", poll(f, 1, 0));
	printf("  revents %#x\n", f[0].revents);

	fd_set rd, wr;
	struct timeval tv = { 0, 0 };
	pipe(p);
	FD_ZERO(&rd); FD_ZERO(&wr);
	FD_SET(p[0], &rd); FD_SET(p[1], &wr); FD_SET(sv[0], &rd);
	SHOW("select, writable only", select(sv[0] > p[1] ? sv[0] + 1 : p[1] + 1, &rd, &wr, NULL, &tv));
	printf("  rd %d %d wr %d\n", FD_ISSET(p[0], &rd), FD_ISSET(sv[0], &rd), FD_ISSET(p[1], &wr));
	write(p[1], "z", 1);
	FD_ZERO(&rd); FD_SET(p[0], &rd);
	tv.tv_usec = 2000;
	SHOW("select, readable", select(p[0] + 1, &rd, NULL, NULL, &tv));
	FD_ZERO(&rd); FD_SET(p[0], &rd);
	read(p[0], &c, 1);
	tv.tv_usec = 4000;
	SHOW("select timeout 4 ms", select(p[0] + 1, &rd, NULL, NULL, &tv));
	FD_ZERO(&rd); FD_SET(60, &rd);
	SHOW("select closed fd", select(61, &rd, NULL, NULL, &tv));
	SHOW("select negative", select(-1, NULL, NULL, NULL, &tv));
	struct timespec ts = { 0, 1000000 };
	FD_ZERO(&rd); FD_SET(p[0], &rd);
	SHOW("pselect 1 ms", pselect(p[0] + 1, &rd, NULL, NULL, &ts, NULL));

	SHOW("epoll_create1", ep = epoll_create1(EPOLL_CLOEXEC));
	struct epoll_event e = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ull }, out[8];
	SHOW("ctl add pipe", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &e));
	SHOW("ctl add again", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &e));
	e.data.u32 = 7;
	SHOW("ctl add eventfd", epoll_ctl(ep, EPOLL_CTL_ADD, ev, &e));
	e.events = EPOLLIN | EPOLLET;
	e.data.u32 = 9;
	SHOW("ctl add socket", epoll_ctl(ep, EPOLL_CTL_ADD, sv[0], &e));
	SHOW("ctl itself", epoll_ctl(ep, EPOLL_CTL_ADD, ep, &e));
	SHOW("ctl on a pipe as set", epoll_ctl(p[0], EPOLL_CTL_ADD, ev, &e));
	SHOW("ctl bad fd", epoll_ctl(ep, EPOLL_CTL_ADD, 77, &e));
	SHOW("ctl del unknown", epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL));
	SHOW("wait, nothing", epoll_wait(ep, out, 8, 0));
	SHOW("wait 3 ms", epoll_wait(ep, out, 8, 3));
	write(p[1], "q", 1);
	SHOW("wait, pipe readable", epoll_wait(ep, out, 8, 0));
	printf("  events %#x data %#llx\n", out[0].events, (unsigned long long)out[0].data.u64);
	send(sv[1], "s", 1, 0);
	SHOW("wait, two ready", epoll_wait(ep, out, 8, 10));
	SHOW("wait again (edge on socket)", epoll_wait(ep, out, 8, 0));
	printf("  data %u\n", out[0].data.u32);
	SHOW("ctl del pipe", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
	write(ev, &one, 8);
	SHOW("wait, eventfd", epoll_wait(ep, out, 8, -1));
	printf("  events %#x data %u\n", out[0].events, out[0].data.u32);
	SHOW("wait maxevents 0", epoll_wait(ep, out, 0, 0));
	SHOW("epoll_create 0", epoll_create(0));
	SHOW("epoll_create1 bad", epoll_create1(1));
	SHOW("eventfd bad flags", eventfd(0, 0x10));
	SHOW("eventfd semaphore", ev = eventfd(3, EFD_SEMAPHORE));
	SHOW("semaphore read", read(ev, &got, 8));
	printf("count %llu\n", (unsigned long long)got);
	SHOW("short eventfd read", read(ev, &c, 1));
	return 0;
}

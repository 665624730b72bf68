/* A loopback TCP echo server and its client in one process (fork is not
 * translated yet): non-blocking sockets driven by poll. The port comes
 * from binding port 0 and getsockname; nothing address-dependent is
 * printed. Then the same over IPv6 loopback, and the error cases. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

static const char *err(int e)
{
	switch (e) {
	case 0: return "0";
	case EAGAIN: return "EAGAIN";
	case EINPROGRESS: return "EINPROGRESS";
	case ECONNREFUSED: return "ECONNREFUSED";
	case EADDRINUSE: return "EADDRINUSE";
	case ENOTCONN: return "ENOTCONN";
	case EISCONN: return "EISCONN";
	case EINVAL: return "EINVAL";
	case EBADF: return "EBADF";
	case ENOTSOCK: return "ENOTSOCK";
	case EAFNOSUPPORT: return "EAFNOSUPPORT";
	default: return "other";
	}
}

#define SHOW(label, expr) do { errno = 0; long r_ = (long)(expr); \
	printf("%s: %ld %s\n", label, r_ < 0 ? -1L : r_, err(r_ < 0 ? errno : 0)); } while (0)

static char msg[200000], echoed[sizeof msg];

static void echo(int family, struct sockaddr *a, socklen_t alen)
{
	int ls = socket(family, SOCK_STREAM | SOCK_NONBLOCK, 0), cs, ss = -1, v = 1;
	socklen_t len = alen;

	SHOW("SO_REUSEADDR", setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &v, sizeof v));
	SHOW("bind port 0", bind(ls, a, alen));
	SHOW("getsockname", getsockname(ls, a, &len));
	printf("length as given: %s, port chosen: %s\n", len == alen ? "yes" : "no",
	       ((struct sockaddr_in *)a)->sin_port ? "yes" : "no");
	SHOW("listen", listen(ls, 4));
	SHOW("accept, nobody yet", accept(ls, NULL, NULL));
	cs = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
	SHOW("TCP_NODELAY", setsockopt(cs, IPPROTO_TCP, TCP_NODELAY, &v, sizeof v));
	errno = 0;
	int r = connect(cs, a, alen);
	printf("connect: %s\n", r == 0 || errno == EINPROGRESS ? "started" : err(errno));
	struct pollfd pf = { ls, POLLIN, 0 };
	SHOW("poll listener", poll(&pf, 1, 2000));
	struct sockaddr_storage peer;
	len = sizeof peer;
	SHOW("accept4", (ss = accept4(ls, (struct sockaddr *)&peer, &len, SOCK_NONBLOCK)) >= 0 ? 0 : -1);
	printf("peer family ok: %s\n", peer.ss_family == family ? "yes" : "no");
	pf = (struct pollfd){ cs, POLLOUT, 0 };
	SHOW("poll connect done", poll(&pf, 1, 2000));
	len = sizeof v;
	SHOW("SO_ERROR", getsockopt(cs, SOL_SOCKET, SO_ERROR, &v, &len));
	printf("error %d\n", v);
	SHOW("connect again", connect(cs, a, alen));
	len = sizeof peer;
	SHOW("getpeername", getpeername(cs, (struct sockaddr *)&peer, &len));

	/* Echo 200000 bytes: the client writes, the server reads and writes
	 * back, the client reads; all non-blocking, driven by one poll. */
	long sent = 0, got = 0, held = 0, back = 0;
	static char relay[65536];
	for (unsigned i = 0; i < sizeof msg; i++)
		msg[i] = (char)(i % 251);
	while (back < (long)sizeof msg) {
		struct pollfd p[2] = { { cs, POLLIN | (sent < (long)sizeof msg ? POLLOUT : 0), 0 },
		                       { ss, (held ? POLLOUT : 0) | (held < (long)sizeof relay ? POLLIN : 0), 0 } };
		if (poll(p, 2, 2000) <= 0) {
			printf("stalled\n");
			return;
		}
		long n;
		if ((p[0].revents & POLLOUT) && (n = send(cs, msg + sent, sizeof msg - sent, 0)) > 0)
			sent += n;
		if ((p[1].revents & POLLIN) && (n = recv(ss, relay + held, sizeof relay - held, 0)) > 0)
			held += n, got += n;
		if ((p[1].revents & POLLOUT) && held && (n = send(ss, relay, held, 0)) > 0) {
			memmove(relay, relay + n, held - n);
			held -= n;
		}
		if ((p[0].revents & POLLIN) && (n = recv(cs, echoed + back, sizeof echoed - back, 0)) > 0)
			back += n;
	}
	printf("echoed %ld bytes: %s\n", back, memcmp(msg, echoed, sizeof msg) ? "corrupt" : "intact");
	SHOW("shutdown client write", shutdown(cs, SHUT_WR));
	struct pollfd p1 = { ss, POLLIN, 0 };
	poll(&p1, 1, 2000);
	SHOW("server sees end", recv(ss, relay, 1, 0));
	close(ss);
	close(cs);
	close(ls);
}

int main(void)
{
	struct sockaddr_in a4 = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };

	echo(AF_INET, (struct sockaddr *)&a4, sizeof a4);
	int s6 = socket(AF_INET6, SOCK_STREAM, 0);
	if (s6 >= 0 && bind(s6, (struct sockaddr *)&a6, sizeof a6) == 0) {
		close(s6);
		a6.sin6_port = 0;
		echo(AF_INET6, (struct sockaddr *)&a6, sizeof a6);
	} else {
		printf("no IPv6 loopback\n");
	}

	/* Errors: a refused connection, an address in use, ENOTCONN, ENOTSOCK. */
	int ls = socket(AF_INET, SOCK_STREAM, 0), s = socket(AF_INET, SOCK_STREAM, 0);
	socklen_t len = sizeof a4;
	a4.sin_port = 0;
	bind(ls, (struct sockaddr *)&a4, sizeof a4);
	getsockname(ls, (struct sockaddr *)&a4, &len);
	SHOW("connect, nobody listening", connect(s, (struct sockaddr *)&a4, sizeof a4));
	SHOW("bind in use", bind(socket(AF_INET, SOCK_STREAM, 0), (struct sockaddr *)&a4, sizeof a4));
	SHOW("recv unconnected", recv(socket(AF_INET, SOCK_STREAM, 0), msg, 1, 0));
	SHOW("getpeername unconnected", getpeername(ls, (struct sockaddr *)&a4, &len));
	SHOW("listen on stdin", listen(0, 1));
	SHOW("bind short inet", bind(socket(AF_INET, SOCK_STREAM, 0), (struct sockaddr *)&a4, 8));
	SHOW("accept4 bad flags", accept4(ls, NULL, NULL, 1));
	return 0;
}

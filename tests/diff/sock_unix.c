/* AF_UNIX: socketpair stream and datagram, a named datagram socket bound
 * in the working directory, options, shutdown, EPIPE with MSG_NOSIGNAL
 * (no signal involved, so comparable), and SCM_RIGHTS: a pipe's read end
 * sent to ourselves and read through the received descriptor. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

static const char *err(int e)
{
	switch (e) {
	case 0: return "0";
	case EAGAIN: return "EAGAIN";
	case EBADF: return "EBADF";
	case EPIPE: return "EPIPE";
	case ENOTSOCK: return "ENOTSOCK";
	case EINVAL: return "EINVAL";
	case EAFNOSUPPORT: return "EAFNOSUPPORT";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case EADDRINUSE: return "EADDRINUSE";
	case ENOTCONN: return "ENOTCONN";
	case ECONNREFUSED: return "ECONNREFUSED";
	case ENOENT: return "ENOENT";
	case EFAULT: return "EFAULT";
	case EPROTONOSUPPORT: return "EPROTONOSUPPORT";
	default: return "other";
	}
}

#define SHOW(label, expr) do { errno = 0; long r_ = (long)(expr); \
	printf("%s: %ld %s\n", label, r_ < 0 ? -1L : r_, err(r_ < 0 ? errno : 0)); } while (0)

static void pass_fd(int s, int fd)
{
	char c = 'F';
	struct iovec iov = { &c, 1 };
	union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } u;
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.b,
	                    .msg_controllen = sizeof u.b };
	struct cmsghdr *c0 = CMSG_FIRSTHDR(&m);
	c0->cmsg_level = SOL_SOCKET;
	c0->cmsg_type = SCM_RIGHTS;
	c0->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c0), &fd, sizeof fd);
	SHOW("sendmsg with a descriptor", sendmsg(s, &m, 0));
}

static int take_fd(int s)
{
	char c = 0;
	struct iovec iov = { &c, 1 };
	union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int) * 4)]; } u;
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.b,
	                    .msg_controllen = sizeof u.b };
	int fd = -1;
	SHOW("recvmsg with a descriptor", recvmsg(s, &m, MSG_CMSG_CLOEXEC));
	struct cmsghdr *c0 = CMSG_FIRSTHDR(&m);
	printf("byte %c, cmsg %s, flags %d\n", c,
	       c0 && c0->cmsg_type == SCM_RIGHTS && c0->cmsg_len == CMSG_LEN(sizeof(int)) ? "rights" : "none",
	       m.msg_flags);
	if (c0)
		memcpy(&fd, CMSG_DATA(c0), sizeof fd);
	return fd;
}

int main(void)
{
	int sv[2], dv[2], p[2], v;
	char buf[64];
	socklen_t len;
	struct stat st;

	SHOW("socketpair stream", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	SHOW("send", send(sv[0], "ping", 4, 0));
	SHOW("recv", recv(sv[1], buf, sizeof buf, 0));
	SHOW("write", write(sv[1], "pong!", 5));
	SHOW("read", read(sv[0], buf, sizeof buf));
	printf("data: %.5s\n", buf);
	SHOW("recv nonblocking empty", recv(sv[0], buf, 1, MSG_DONTWAIT));
	SHOW("send peek", send(sv[0], "abc", 3, 0));
	SHOW("recv peek", recv(sv[1], buf, 2, MSG_PEEK));
	SHOW("recv after peek", recv(sv[1], buf, sizeof buf, 0));
	fstat(sv[0], &st);
	printf("socket: %s\n", S_ISSOCK(st.st_mode) ? "yes" : "no");
	len = sizeof v;
	SHOW("SO_TYPE", getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, &len));
	printf("type %s len %u\n", v == SOCK_STREAM ? "stream" : "other", (unsigned)len);
	len = sizeof v;
	SHOW("SO_ERROR", getsockopt(sv[0], SOL_SOCKET, SO_ERROR, &v, &len));
	printf("error %d\n", v);
	v = 1;
	SHOW("SO_KEEPALIVE set", setsockopt(sv[0], SOL_SOCKET, SO_KEEPALIVE, &v, sizeof v));
	len = sizeof v;
	v = 0;
	SHOW("SO_KEEPALIVE get", getsockopt(sv[0], SOL_SOCKET, SO_KEEPALIVE, &v, &len));
	printf("keepalive %d\n", v);
	struct linger lg = { 1, 5 };
	SHOW("SO_LINGER set", setsockopt(sv[0], SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
	memset(&lg, 0, sizeof lg);
	len = sizeof lg;
	SHOW("SO_LINGER get", getsockopt(sv[0], SOL_SOCKET, SO_LINGER, &lg, &len));
	printf("linger %d %d len %u\n", lg.l_onoff, lg.l_linger, (unsigned)len);
	SHOW("setsockopt short", setsockopt(sv[0], SOL_SOCKET, SO_KEEPALIVE, &v, 2));
	SHOW("getsockopt on a pipe-less fd", getsockopt(0, SOL_SOCKET, SO_TYPE, &v, &len));

	/* SCM_RIGHTS: the read end of a pipe travels over the pair. */
	pipe(p);
	write(p[1], "through", 7);
	pass_fd(sv[0], p[0]);
	int got = take_fd(sv[1]);
	printf("received a new descriptor: %s, cloexec %d\n", got > p[1] ? "yes" : "no",
	       fcntl(got, F_GETFD));
	SHOW("read through it", read(got, buf, sizeof buf));
	printf("data: %.7s\n", buf);
	close(got);

	SHOW("shutdown write", shutdown(sv[0], SHUT_WR));
	SHOW("recv at end", recv(sv[1], buf, sizeof buf, 0));
	SHOW("shutdown bad how", shutdown(sv[0], 7));
	close(sv[1]);
	SHOW("send to a closed peer", send(sv[0], "x", 1, MSG_NOSIGNAL));
	close(sv[0]);

	SHOW("socketpair dgram", socketpair(AF_UNIX, SOCK_DGRAM, 0, dv));
	send(dv[0], "one", 3, 0);
	send(dv[0], "second", 6, 0);
	SHOW("recv dgram", recv(dv[1], buf, sizeof buf, 0));
	struct iovec iov = { buf, 3 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	SHOW("recvmsg truncated", recvmsg(dv[1], &m, 0));
	printf("trunc: %s\n", (m.msg_flags & MSG_TRUNC) ? "yes" : "no");
	close(dv[0]);
	close(dv[1]);

	/* A named datagram socket in the working directory. */
	struct sockaddr_un a = { .sun_family = AF_UNIX }, b;
	strcpy(a.sun_path, "sock.dgram");
	int s1 = socket(AF_UNIX, SOCK_DGRAM, 0), s2 = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	SHOW("bind", bind(s1, (struct sockaddr *)&a, sizeof a));
	SHOW("bind again", bind(s2, (struct sockaddr *)&a, sizeof a));
	len = sizeof b;
	SHOW("getsockname", getsockname(s1, (struct sockaddr *)&b, &len));
	printf("name %s len %u\n", b.sun_path, (unsigned)len);
	SHOW("sendto", sendto(s2, "dg", 2, 0, (struct sockaddr *)&a, sizeof a));
	len = sizeof b;
	memset(&b, 0x55, sizeof b);
	SHOW("recvfrom", recvfrom(s1, buf, sizeof buf, 0, (struct sockaddr *)&b, &len));
	printf("from an unnamed socket: len %u\n", (unsigned)len);
	len = sizeof b;
	SHOW("getpeername unconnected", getpeername(s1, (struct sockaddr *)&b, &len));
	strcpy(a.sun_path, "missing.sock");
	SHOW("connect to nothing", connect(s2, (struct sockaddr *)&a, sizeof a));
	close(s1);
	close(s2);
	/* sock.dgram stays: unlink belongs to the file-system calls; the
	 * runner removes the scratch directory. */

	SHOW("socket bad family", socket(9999, SOCK_STREAM, 0));
	SHOW("socket bad type", socket(AF_UNIX, 77, 0));
	SHOW("socket bad protocol", socket(AF_UNIX, SOCK_STREAM, 6));
	SHOW("socketpair inet", socketpair(AF_INET, SOCK_STREAM, 0, dv));
	SHOW("send on a pipe", send(p[1], "x", 1, 0));
	SHOW("send on a bad fd", send(99, "x", 1, 0));
	SHOW("bind bad length", bind(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&a, 1));
	return 0;
}

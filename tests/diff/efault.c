/* Every call that reads or writes a structure of the program, given an
 * address it may not use: (void *)1 and a PROT_NONE page. Linux answers
 * EFAULT; so must POSIX-X, and the program must live on. Calls whose musl
 * wrapper reads or writes the structure itself (the stat family through
 * its kstat copy, statfs, utimensat, ppoll, sendmsg, recvmsg, utimes) go through syscall()
 * so that the system call is what is tested. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

static void report(const char *what, const char *how, long r)
{
	printf("%-22s %-7s -> %ld %s\n", what, how, r, r < 0 ? strerror(errno) : "");
}

#define TRY(what, expr) do { \
		void *bad = (void *)1; errno = 0; report(what, "wild", (long)(expr)); \
		bad = none; errno = 0; report(what, "noaccess", (long)(expr)); \
	} while (0)

int main(void)
{
	void *none = mmap(0, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int fd = open("efault.tmp", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int sv[2], p[2], ep, lsn, len = sizeof(struct sockaddr_in);
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in got;
	struct epoll_event ev = { .events = EPOLLIN };
	struct timeval tv0 = { 0, 0 };
	char buf[256];

	setvbuf(stdout, 0, _IONBF, 0);
	if (none == MAP_FAILED || fd < 0 || write(fd, "data", 4) != 4)
		return 1;
	TRY("stat", syscall(SYS_stat, "efault.tmp", bad));
	TRY("lstat", syscall(SYS_lstat, "efault.tmp", bad));
	TRY("fstat", syscall(SYS_fstat, fd, bad));
	TRY("newfstatat", syscall(SYS_newfstatat, AT_FDCWD, "efault.tmp", bad, 0));
	TRY("statx", syscall(SYS_statx, AT_FDCWD, "efault.tmp", 0, 0x7ff, bad));
	TRY("statfs", syscall(SYS_statfs, ".", bad));
	TRY("fstatfs", syscall(SYS_fstatfs, fd, bad));
	TRY("stat name", syscall(SYS_stat, bad, buf));
	TRY("read", pread(fd, bad, 4, 0));
	TRY("write", pwrite(fd, bad, 4, 0));
	TRY("readlink", readlink(bad, buf, sizeof buf));
	TRY("getcwd", syscall(SYS_getcwd, bad, 64));
	TRY("utimensat", syscall(SYS_utimensat, AT_FDCWD, "efault.tmp", bad, 0));
	TRY("utimes", syscall(SYS_utimes, "efault.tmp", bad));
	TRY("utime", syscall(SYS_utime, "efault.tmp", bad));
	TRY("ioctl TIOCGWINSZ", ioctl(fd, TIOCGWINSZ, bad));

	/* Both pipes and pairs a program cannot be told of are closed again:
	 * the next descriptor shows it. */
	TRY("pipe", pipe(bad));
	TRY("pipe2", pipe2(bad, O_CLOEXEC));
	TRY("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, bad));
	report("next descriptor", "", dup(0));

	if (pipe(p) < 0 || write(p[1], "x", 1) != 1)
		return 1;
	TRY("poll", poll(bad, 1, 0));
	TRY("ppoll timeout", syscall(SYS_ppoll, &(struct pollfd){ p[0], POLLIN, 0 }, 1, bad, 0, 8));
	TRY("select", select(p[0] + 1, bad, 0, 0, &tv0));
	ep = epoll_create1(0);
	TRY("epoll_ctl", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], bad));
	if (epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) < 0)
		return 1;
	TRY("epoll_wait", epoll_wait(ep, bad, 4, 0));

	lsn = socket(AF_INET, SOCK_STREAM, 0);
	if (lsn < 0 || bind(lsn, (struct sockaddr *)&sin, sizeof sin) < 0 || listen(lsn, 8) < 0)
		return 1;
	TRY("bind", bind(socket(AF_INET, SOCK_STREAM, 0), bad, sizeof sin));
	TRY("connect", connect(socket(AF_INET, SOCK_STREAM, 0), bad, sizeof sin));
	TRY("getsockname addr", getsockname(lsn, bad, (socklen_t *)&len));
	TRY("getsockname len", getsockname(lsn, (struct sockaddr *)&got, bad));
	TRY("getsockopt value", getsockopt(lsn, SOL_SOCKET, SO_TYPE, bad, (socklen_t *)&len));
	TRY("getsockopt len", getsockopt(lsn, SOL_SOCKET, SO_TYPE, buf, bad));
	TRY("setsockopt", setsockopt(lsn, SOL_SOCKET, SO_REUSEADDR, bad, sizeof(int)));
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return 1;
	TRY("sendto", send(sv[0], bad, 1, 0));
	TRY("sendmsg", syscall(SYS_sendmsg, sv[0], bad, 0));
	TRY("recvmsg", syscall(SYS_recvmsg, sv[1], bad, MSG_DONTWAIT));
	if (write(sv[0], "abcd", 4) != 4)
		return 1;
	TRY("recvfrom len", recvfrom(sv[1], buf, 1, MSG_DONTWAIT, (struct sockaddr *)&got, bad));
	TRY("recv buffer", recv(sv[1], bad, 1, MSG_DONTWAIT));
	unlink("efault.tmp");
	return 0;
}

/* Terminal and FIO* ioctls: ENOTTY from objects that are no terminal,
 * FIONREAD counts on a pipe, a socket and a file, FIONBIO and
 * FIOCLEX/FIONCLEX; then a pseudo-terminal opened through /dev/ptmx:
 * attributes round trip (TCGETS/TCSETS*), the window size, FIONREAD on the
 * master, and a child that makes the slave its controlling terminal. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static void show(const char *what, long r)
{
	printf("%-28s -> %ld %s\n", what, r, r < 0 ? strerror(errno) : "");
}

#define TRY(what, expr) do { errno = 0; show(what, (long)(expr)); } while (0)

static void not_a_tty(const char *name, int fd)
{
	struct termios t;
	struct winsize ws = { 24, 80, 0, 0 };
	int n = 0;
	char what[64];

	snprintf(what, sizeof what, "%s TCGETS", name);
	TRY(what, ioctl(fd, TCGETS, &t));
	snprintf(what, sizeof what, "%s TCSETS", name);
	TRY(what, ioctl(fd, TCSETS, &t));
	snprintf(what, sizeof what, "%s TIOCGWINSZ", name);
	TRY(what, ioctl(fd, TIOCGWINSZ, &ws));
	snprintf(what, sizeof what, "%s TIOCSWINSZ", name);
	TRY(what, ioctl(fd, TIOCSWINSZ, &ws));
	snprintf(what, sizeof what, "%s TIOCGPGRP", name);
	TRY(what, ioctl(fd, TIOCGPGRP, &n));
	snprintf(what, sizeof what, "%s TCFLSH", name);
	TRY(what, ioctl(fd, TCFLSH, TCIFLUSH));
	snprintf(what, sizeof what, "%s isatty", name);
	TRY(what, isatty(fd));
}

static void fionread(const char *name, int fd)
{
	int n = -1;
	char what[64];

	snprintf(what, sizeof what, "%s FIONREAD", name);
	errno = 0;
	long r = ioctl(fd, FIONREAD, &n);
	printf("%-28s -> %ld %s count %d\n", what, r, r < 0 ? strerror(errno) : "", n);
}

int main(void)
{
	int p[2], sv[2], fd, master, slave, flag = 1, n;
	struct termios t, u;
	struct winsize ws = { 33, 101, 0, 0 }, got;
	char buf[16], *name;

	setvbuf(stdout, 0, _IONBF, 0);
	if (pipe(p) < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return 1;
	fd = open("tty.tmp", O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, "0123456789", 10) != 10 || lseek(fd, 3, SEEK_SET) != 3)
		return 1;
	not_a_tty("pipe", p[0]);
	not_a_tty("socket", sv[0]);
	not_a_tty("file", fd);
	not_a_tty("/dev/null", open("/dev/null", O_RDWR));

	if (write(p[1], "hello", 5) != 5 || write(sv[1], "abc", 3) != 3)
		return 1;
	fionread("pipe", p[0]);
	fionread("socket", sv[0]);
	fionread("file", fd);
	fionread("/dev/null", open("/dev/null", O_RDONLY));
	fionread("directory", open(".", O_RDONLY | O_DIRECTORY));
	TRY("bad fd FIONREAD", ioctl(99, FIONREAD, &n));
	TRY("FIONREAD bad pointer", ioctl(p[0], FIONREAD, (void *)1));

	TRY("FIONBIO on", ioctl(p[0], FIONBIO, &flag));
	TRY("read all", read(p[0], buf, sizeof buf));
	TRY("read empty nonblocking", read(p[0], buf, sizeof buf));
	TRY("F_GETFL has O_NONBLOCK", (fcntl(p[0], F_GETFL) & O_NONBLOCK) != 0);
	flag = 0;
	TRY("FIONBIO off", ioctl(p[0], FIONBIO, &flag));
	TRY("F_GETFL has O_NONBLOCK", (fcntl(p[0], F_GETFL) & O_NONBLOCK) != 0);
	TRY("FIOCLEX", ioctl(fd, FIOCLEX));
	TRY("F_GETFD", fcntl(fd, F_GETFD));
	TRY("FIONCLEX", ioctl(fd, FIONCLEX));
	TRY("F_GETFD", fcntl(fd, F_GETFD));
	unlink("tty.tmp");

	/* A pseudo-terminal. */
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0) {
		printf("no /dev/ptmx here: %s\n", strerror(errno));
		return 0;
	}
	TRY("grantpt", grantpt(master));
	TRY("unlockpt", unlockpt(master));
	name = ptsname(master);
	printf("ptsname under /dev/pts/: %d\n", name && strncmp(name, "/dev/pts/", 9) == 0);
	slave = open(name, O_RDWR | O_NOCTTY);
	TRY("open slave", slave >= 0);
	TRY("isatty slave", isatty(slave));
	TRY("isatty master", isatty(master));
	TRY("tcgetattr", tcgetattr(slave, &t));
	printf("echo %d icanon %d\n", !!(t.c_lflag & ECHO), !!(t.c_lflag & ICANON));
	t.c_lflag &= ~(tcflag_t)(ECHO | ICANON);
	t.c_cc[VMIN] = 3;
	TRY("tcsetattr now", tcsetattr(slave, TCSANOW, &t));
	TRY("tcgetattr", tcgetattr(slave, &u));
	printf("echo %d icanon %d vmin %d\n", !!(u.c_lflag & ECHO), !!(u.c_lflag & ICANON),
	       u.c_cc[VMIN]);
	u.c_lflag |= ECHO;
	TRY("tcsetattr drain", tcsetattr(slave, TCSADRAIN, &u));
	TRY("tcsetattr flush", tcsetattr(slave, TCSAFLUSH, &u));
	TRY("tcgetattr", tcgetattr(slave, &t));
	printf("echo %d icanon %d\n", !!(t.c_lflag & ECHO), !!(t.c_lflag & ICANON));
	TRY("TIOCSWINSZ", ioctl(slave, TIOCSWINSZ, &ws));
	TRY("TIOCGWINSZ master", ioctl(master, TIOCGWINSZ, &got));
	printf("rows %d cols %d\n", got.ws_row, got.ws_col);
	TRY("TCGETS bad pointer", ioctl(slave, TCGETS, (void *)1));
	TRY("TCSETS bad pointer", ioctl(slave, TCSETS, (void *)1));
	TRY("TIOCGPGRP not controlling", ioctl(slave, TIOCGPGRP, &n));
	TRY("write slave", write(slave, "xyz", 3));
	usleep(20000);
	fionread("master", master);
	TRY("tcflush master", tcflush(master, TCIFLUSH));
	fionread("master after flush", master);
	TRY("TCFLSH bad queue", ioctl(slave, TCFLSH, 7));

	pid_t pid = fork();
	if (pid == 0) {
		int g = -1;
		errno = 0;
		show("child setsid ok", setsid() > 0);
		TRY("child TIOCSCTTY", ioctl(slave, TIOCSCTTY, 0));
		TRY("child TIOCGPGRP", ioctl(slave, TIOCGPGRP, &g));
		printf("child foreground is own group: %d\n", g == getpgrp());
		TRY("child TIOCSPGRP", ioctl(slave, TIOCSPGRP, &g));
		TRY("child tcgetpgrp is own group", tcgetpgrp(slave) == getpgrp());
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	printf("child status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return 0;
}

/* Advisory locks between a parent and a child: record locks (F_GETLK
 * names the holder by pid, F_SETLK fails with EAGAIN, F_SETLKW waits),
 * open-file locks (conflict inside one process, pid -1), flock (per open
 * file, LOCK_NB gives EWOULDBLOCK), and the error cases. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *err(long r)
{
	return r < 0 ? strerror(errno) : "ok";
}

static long setlk(int fd, int cmd, short type, off_t start, off_t len)
{
	struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };

	errno = 0;
	return fcntl(fd, cmd, &fl);
}

static void getlk_from(const char *who, int fd, int cmd, short type, short whence, off_t start,
                       off_t len, pid_t holder)
{
	struct flock fl = { .l_type = type, .l_whence = whence, .l_start = start, .l_len = len };
	long r;

	errno = 0;
	r = fcntl(fd, cmd, &fl);
	printf("%s: getlk -> %s type %s whence %d start %ld len %ld holder %s\n", who, err(r),
	       fl.l_type == F_UNLCK ? "unlck" : fl.l_type == F_RDLCK ? "rdlck" : "wrlck",
	       fl.l_whence, (long)fl.l_start, (long)fl.l_len,
	       fl.l_pid == holder ? "expected" : fl.l_pid == -1 ? "-1" : "other");
}

static void getlk(const char *who, int fd, int cmd, short type, off_t start, off_t len,
                  pid_t holder)
{
	getlk_from(who, fd, cmd, type, SEEK_SET, start, len, holder);
}

static void wait_child(pid_t pid)
{
	int status;

	waitpid(pid, &status, 0);
	printf("child status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

int main(void)
{
	int fd = open("locks.tmp", O_RDWR | O_CREAT | O_TRUNC, 0644), go[2], ready[2];
	int ro, a, b;
	pid_t parent = getpid(), pid;
	char c;

	setvbuf(stdout, 0, _IONBF, 0);
	if (fd < 0 || write(fd, "0123456789abcdefghijklmnopqrstuvwxyz", 36) != 36)
		return 1;

	/* Record locks: the parent holds [0, 10) for writing. */
	printf("parent setlk wr -> %s\n", err(setlk(fd, F_SETLK, F_WRLCK, 0, 10)));
	getlk("parent own", fd, F_GETLK, F_WRLCK, 0, 10, 0);
	if (pipe(go) < 0 || pipe(ready) < 0)
		return 1;
	if ((pid = fork()) == 0) {
		getlk("child", fd, F_GETLK, F_WRLCK, 5, 0, parent);
		/* No conflict: only l_type changes, whence stays SEEK_CUR. */
		getlk_from("child free range", fd, F_GETLK, F_WRLCK, SEEK_CUR, 4, 5, parent);
		printf("child setlk wr -> %s\n", err(setlk(fd, F_SETLK, F_WRLCK, 0, 1)));
		printf("child setlk rd -> %s\n", err(setlk(fd, F_SETLK, F_RDLCK, 9, 1)));
		printf("child setlk rd other range -> %s\n", err(setlk(fd, F_SETLK, F_RDLCK, 20, 10)));
		if (write(ready[1], "r", 1) != 1)
			_exit(2);
		/* Waits until the parent lets go. */
		long r = setlk(fd, F_SETLKW, F_WRLCK, 0, 10);
		printf("child setlkw -> %s\n", err(r));
		_exit(0);
	}
	if (read(ready[0], &c, 1) != 1)
		return 1;
	getlk("parent sees child", fd, F_GETLK, F_WRLCK, 20, 10, pid);
	usleep(50000);
	const char *unlocked = err(setlk(fd, F_SETLK, F_UNLCK, 0, 10));
	wait_child(pid);   /* the child's line comes first either way */
	printf("parent unlock -> %s\n", unlocked);

	/* Open-file locks conflict inside one process, between two opens. */
	a = open("locks.tmp", O_RDWR);
	b = open("locks.tmp", O_RDWR);
	printf("ofd a wr -> %s\n", err(setlk(a, F_OFD_SETLK, F_WRLCK, 0, 5)));
	printf("ofd b wr -> %s\n", err(setlk(b, F_OFD_SETLK, F_WRLCK, 2, 5)));
	getlk("ofd b", b, F_OFD_GETLK, F_RDLCK, 0, 0, 0);
	printf("ofd a unlock -> %s\n", err(setlk(a, F_OFD_SETLK, F_UNLCK, 0, 0)));
	printf("ofd b wr again -> %s\n", err(setlk(b, F_OFD_SETLK, F_WRLCK, 2, 5)));
	close(a);
	close(b);

	/* flock: per open file; the child's own open contends. */
	a = open("locks.tmp", O_RDONLY);
	errno = 0;
	printf("parent flock ex -> %s\n", err(flock(a, LOCK_EX)));
	if ((pid = fork()) == 0) {
		int mine = open("locks.tmp", O_RDONLY);
		errno = 0;
		printf("child flock ex nb -> %s (%s)\n", err(flock(mine, LOCK_EX | LOCK_NB)),
		       errno == EWOULDBLOCK ? "EWOULDBLOCK" : "-");
		errno = 0;
		printf("child flock sh nb -> %s\n", err(flock(mine, LOCK_SH | LOCK_NB)));
		errno = 0;
		printf("child flock inherited ex nb -> %s\n", err(flock(a, LOCK_EX | LOCK_NB)));
		if (write(ready[1], "r", 1) != 1)
			_exit(2);
		errno = 0;
		printf("child flock sh wait -> %s\n", err(flock(mine, LOCK_SH)));
		_exit(0);
	}
	if (read(ready[0], &c, 1) != 1)
		return 1;
	usleep(50000);
	errno = 0;
	unlocked = err(flock(a, LOCK_UN));
	wait_child(pid);
	printf("parent flock un -> %s\n", unlocked);

	/* Errors. */
	ro = open("locks.tmp", O_RDONLY);
	printf("wrlck on read-only -> %s\n", err(setlk(ro, F_SETLK, F_WRLCK, 0, 1)));
	printf("rdlck on read-only -> %s\n", err(setlk(ro, F_SETLK, F_RDLCK, 0, 1)));
	printf("getlk of unlck -> %s\n", err(setlk(ro, F_GETLK, F_UNLCK, 0, 1)));
	printf("bad type -> %s\n", err(setlk(ro, F_SETLK, 7, 0, 1)));
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_pid = 1 };
	errno = 0;
	printf("ofd with pid -> %s\n", err(fcntl(ro, F_OFD_SETLK, &fl)));
	errno = 0;
	printf("bad pointer -> %s\n", err(fcntl(ro, F_SETLK, (void *)1)));
	printf("bad fd -> %s\n", err(setlk(99, F_SETLK, F_RDLCK, 0, 1)));
	errno = 0;
	printf("flock bad op -> %s\n", err(flock(ro, 0)));
	errno = 0;
	printf("flock bad fd -> %s\n", err(flock(99, LOCK_SH)));
	unlink("locks.tmp");
	return 0;
}

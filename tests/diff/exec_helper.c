#define _GNU_SOURCE
#include <ctype.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * The program the exec tests run (exec_basic, exec_script, exec_spawn,
 * exec_pipeline): "show" prints what a new image inherits, the others are
 * small filters for pipelines. Run alone (as its own diff test) it shows
 * what the runner gave it.
 */

extern char **environ;

static void show(int argc, char **argv)
{
	printf("argc %d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d] [%s]\n", i, argv[i]);
	for (char **e = environ; *e; e++)
		if (!strncmp(*e, "EXEC_", 5) && strncmp(*e, "EXEC_PID=", 9))
			printf("env [%s]\n", *e);
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	const char *base = execfn ? strrchr(execfn, '/') : 0;
	/* The directory part is the build's: show it only when it is /dev/fd. */
	printf("execfn %s\n", !execfn ? "(none)" : !strncmp(execfn, "/dev/fd/", 8) ? execfn
	       : base ? base + 1 : execfn);
	unsigned char *rnd = (unsigned char *)getauxval(AT_RANDOM);
	printf("random %s, pagesz %lu\n", rnd ? "present" : "missing", getauxval(AT_PAGESZ));
	for (int fd = 0; fd < 16; fd++) {
		int f = fcntl(fd, F_GETFD);
		if (f >= 0)
			printf("fd %d open%s\n", fd, f & FD_CLOEXEC ? " cloexec" : "");
	}
	mode_t m = umask(0);
	printf("umask %03o\n", (unsigned)m);
	char cwd[4096];
	if (getcwd(cwd, sizeof cwd)) {
		const char *b = strrchr(cwd, '/');
		printf("cwd is execsub: %s\n", b && !strcmp(b, "/execsub") ? "yes" : "no");
	}
	sigset_t set;
	sigprocmask(SIG_BLOCK, 0, &set);
	printf("SIGUSR1 blocked %d, SIGUSR2 blocked %d\n", sigismember(&set, SIGUSR1),
	       sigismember(&set, SIGUSR2));
	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	printf("nofile soft %s\n", rl.rlim_cur == 100 ? "100" : "not 100");
	const char *want = getenv("EXEC_PID");
	if (want)
		printf("pid kept %s\n", atoi(want) == getpid() ? "yes" : "no");
	/* A descriptor the caller left open for us: read what it holds. */
	char buf[64];
	ssize_t n = pread(6, buf, sizeof buf - 1, 0);
	if (n > 0) {
		buf[n] = 0;
		printf("fd 6 holds [%s]\n", buf);
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "show";
	int c;

	if (!strcmp(mode, "gen")) {
		for (int i = 1; i <= atoi(argc > 2 ? argv[2] : "3"); i++)
			printf("line %d of the generator\n", i);
	} else if (!strcmp(mode, "upper")) {
		while ((c = getchar()) != EOF)
			putchar(toupper(c));
	} else if (!strcmp(mode, "count")) {
		long lines = 0, bytes = 0;
		while ((c = getchar()) != EOF)
			bytes++, lines += c == '\n';
		printf("%ld lines, %ld bytes\n", lines, bytes);
	} else if (!strcmp(mode, "exit")) {
		return atoi(argc > 2 ? argv[2] : "0");
	} else {
		show(argc, argv);
	}
	return 0;
}

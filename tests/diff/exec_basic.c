#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "exec_common.h"

/*
 * execve and execveat of another program: its argv and envp exactly as
 * given, AT_EXECFN, the same pid (the parent's wait sees the same child),
 * descriptors without close-on-exec kept and the others closed, the
 * current directory, umask, RLIMIT_NOFILE and the blocked mask kept. Also
 * exec from a second thread while a third is blocked: both others end.
 */

extern char **environ;

static char pidenv[64];

static void prepare(void)
{
	mkdir("execsub", 0755);
	if (chdir("execsub") < 0)
		perror("chdir");
	umask(027);
	int a = open("kept.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(a, "kept across exec", 16);
	dup2(a, 6);                                  /* dup2: no close-on-exec */
	int b = open("closed.txt", O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	dup3(b, 7, O_CLOEXEC);
	int p[2];
	pipe2(p, O_CLOEXEC);
	dup2(p[1], 9);
	close(a), close(b), close(p[0]), close(p[1]);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, 0);
	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = 100;
	setrlimit(RLIMIT_NOFILE, &rl);
	snprintf(pidenv, sizeof pidenv, "EXEC_PID=%d", (int)getpid());
}

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		sleep(1000);
}

static void *execer(void *arg)
{
	char *argv[] = { "from-a-thread", "show", 0 };
	char *envp[] = { pidenv, 0 };
	(void)arg;
	execve(helper, argv, envp);
	perror("execve from a thread");
	_exit(1);
}

int main(int argc, char **argv)
{
	pid_t pid;
	(void)argc;
	find_helper(argv[0]);

	printf("-- execve with argv and envp\n");
	fflush(stdout);
	if ((pid = fork()) == 0) {
		prepare();
		char *av[] = { "helper-zero", "show", "two words", "", "  spaces  ", 0 };
		char *ev[] = { "EXEC_ONE=1", pidenv, "EXEC_EMPTY=", "OTHER=not shown", 0 };
		execve(helper, av, ev);
		perror("execve");
		_exit(1);
	}
	reap("execve", pid);

	printf("-- execveat below a directory descriptor\n");
	fflush(stdout);
	if ((pid = fork()) == 0) {
		int dir = open(helper_dir, O_RDONLY | O_DIRECTORY);
		dup2(dir, 4);
		char *av[] = { "at", "show", 0 };
		char *ev[] = { "EXEC_AT=yes", 0 };
		syscall(SYS_execveat, 4, "exec_helper", av, ev, 0);
		perror("execveat");
		_exit(1);
	}
	reap("execveat", pid);

	printf("-- fexecve (execveat with AT_EMPTY_PATH)\n");
	fflush(stdout);
	if ((pid = fork()) == 0) {
		int fd = open(helper, O_RDONLY);
		dup3(fd, 5, O_CLOEXEC);
		char *av[] = { "fexecve", "show", 0 };
		char *ev[] = { 0 };
		fexecve(5, av, ev);
		perror("fexecve");
		_exit(1);
	}
	reap("fexecve", pid);

	printf("-- execve from a thread while another one blocks\n");
	fflush(stdout);
	if ((pid = fork()) == 0) {
		pthread_t a, b;
		snprintf(pidenv, sizeof pidenv, "EXEC_PID=%d", (int)getpid());
		pthread_create(&a, 0, sleeper, 0);
		pthread_create(&b, 0, execer, 0);
		pthread_join(b, 0);
		_exit(2);
	}
	reap("thread execve", pid);

	printf("-- execve of a program that exits with a status\n");
	fflush(stdout);
	if ((pid = fork()) == 0) {
		char *av[] = { "helper", "exit", "42", 0 };
		execve(helper, av, environ);
		_exit(1);
	}
	reap("exit status", pid);
	return 0;
}

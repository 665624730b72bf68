/* The floating-point environment: what a process and a new thread start
 * with, that a thread inherits its creator's (Linux's clone copies the FPU
 * state), that exec resets it, and that a program running with every SSE
 * exception unmasked survives the system calls that make the kernel
 * compute (under exo-run the kernel model's clock code uses doubles, on
 * the program's own thread: after an exec no ticker serves the clock page
 * until a read finds it stale and the kernel updates it, or measures the
 * TSC's rate if the exec came first). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MXCSR_ROUND_TO_ZERO 0x6000u
#define MXCSR_MASKS 0x1f80u

static unsigned get_mxcsr(void)
{
	unsigned v;
	__asm__ volatile ("stmxcsr %0" : "=m"(v));
	return v;
}

static void set_mxcsr(unsigned v)
{
	__asm__ volatile ("ldmxcsr %0" :: "m"(v));
}

static unsigned short get_fcw(void)
{
	unsigned short v;
	__asm__ volatile ("fnstcw %0" : "=m"(v));
	return v;
}

static void set_fcw(unsigned short v)
{
	__asm__ volatile ("fldcw %0" :: "m"(v));
}

static unsigned handler_mxcsr;
static unsigned short handler_fcw;

static void on_usr1(int sig)
{
	(void)sig;
	handler_mxcsr = get_mxcsr();
	handler_fcw = get_fcw();
}

static void *show(void *what)
{
	printf("%s: mxcsr %#x fcw %#x\n", (const char *)what, get_mxcsr(), get_fcw());
	return NULL;
}

static void in_thread(const char *what)
{
	pthread_t t;
	pthread_create(&t, NULL, show, (void *)what);
	pthread_join(t, NULL);
}

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&t, &t) != 0)
		;
}

/* After exec: the clock page has no ticker of this process yet. */
static int unmasked(void)
{
	struct timespec t;
	volatile double x = 1.0, y = 3.0;

	show("after exec");
	set_mxcsr(get_mxcsr() & ~MXCSR_MASKS);   /* every exception traps */
	for (int i = 0; i < 4; i++) {
		sleep_ms(30);                        /* the page goes stale */
		clock_gettime(CLOCK_MONOTONIC, &t);
		clock_gettime(CLOCK_REALTIME, &t);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	}
	in_thread("thread of an unmasked creator");
	set_mxcsr(get_mxcsr() | MXCSR_MASKS);
	printf("unmasked: survived the clock calls, 1/3 = %.6f\n", x / y);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "unmasked") == 0)
		return unmasked();

	show("main at start");
	in_thread("new thread");
	set_mxcsr((get_mxcsr() & ~0x6000u) | MXCSR_ROUND_TO_ZERO);
	in_thread("thread after fesetround-like change");

	/* A handler starts from the initial state; the interrupted code gets
	 * its own back. x87: round toward zero, double extended precision. */
	set_fcw(0x0f7f);
	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);
	printf("handler: mxcsr %#x fcw %#x\n", handler_mxcsr, handler_fcw);
	show("after the handler");
	/* A bad pointer the kernel finds copying it: EFAULT, state kept. */
	int fd = open((const char *)1, O_RDONLY);
	printf("open of a bad name: %d %s\n", fd, fd < 0 && errno == EFAULT ? "EFAULT" : "?");
	char buf[8];
	long n = readlink("/proc/self/exe", (char *)1, sizeof buf);
	printf("readlink into a bad buffer: %ld %s\n", n, n < 0 && errno == EFAULT ? "EFAULT" : "?");
	show("after EFAULT");
	set_fcw(0x037f);
	fflush(stdout);

	pid_t pid = fork();
	if (pid == 0) {
		show("fork child");
		return 0;
	}
	int status;
	waitpid(pid, &status, 0);
	printf("child exited %d\n", WEXITSTATUS(status));
	fflush(stdout);
	/* This process's exec, not a child's: no process of the tree keeps
	 * a ticker then. */
	char *args[] = { argv[0], "unmasked", NULL };
	execv(argv[0], args);
	perror("execv");
	return 127;
}

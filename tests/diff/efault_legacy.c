/* The legacy tier's calls (process and signal state) given an address the
 * program may not use: (void *)1 and a PROT_NONE page. Linux answers
 * EFAULT and the program lives on; where Linux changed something before
 * the failed copy (the mask, the action, the limit, the reaped child, the
 * consumed signal) the line after shows it. Raw syscall() throughout: the
 * musl wrappers of sigaction, sigaltstack, setrlimit and clock_nanosleep
 * read or translate the structure themselves. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SIGSET 8	/* the kernel's sigset_t */
#define FUTEX_WAIT_PRIVATE 128

static void report(const char *what, const char *how, long r)
{
	printf("%-24s %-8s -> %ld %s\n", what, how, r, r < 0 ? strerror(errno) : "");
}

#define TRY(what, expr) do { \
		void *bad = (void *)1; errno = 0; report(what, "wild", (long)(expr)); \
		bad = none; errno = 0; report(what, "noaccess", (long)(expr)); \
	} while (0)

static volatile sig_atomic_t alarms;

static void on_signal(int sig)
{
	(void)sig;
	alarms++;
}

/* A 2 s sleep a SIGALRM cuts short after 20 ms: only then is rem written. */
static long cut_short(long nr, void *rem)
{
	struct itimerval it = { { 0, 0 }, { 0, 20000 } };
	struct timespec two = { 2, 0 };

	setitimer(ITIMER_REAL, &it, 0);
	if (nr == SYS_nanosleep)
		return syscall(SYS_nanosleep, &two, rem);
	return syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &two, rem);
}

/* A child that exits with 3, waited for with a bad pointer in one place;
 * then whether Linux's order (reap, then copy) left it to wait for. */
static long reap_bad(int which, void *bad)
{
	siginfo_t si;
	int st, saved;
	long r;
	pid_t pid = fork();

	if (pid == 0)
		_exit(3);
	switch (which) {
	case 0: r = syscall(SYS_wait4, pid, bad, 0, 0); break;
	case 1: r = syscall(SYS_wait4, pid, &st, 0, bad); break;
	case 2: r = syscall(SYS_waitid, P_PID, pid, bad, WEXITED, 0); break;
	default: r = syscall(SYS_waitid, P_PID, pid, &si, WEXITED, bad); break;
	}
	saved = errno;
	if (r == pid)
		r = 0;		/* pids differ between the worlds */
	errno = 0;
	report("  child still there", "", waitpid(pid, &st, 0) == pid ? 1 : -1);
	errno = saved;
	return r;
}

/* A signal pending and blocked, taken by sigtimedwait with a bad siginfo;
 * then whether it is still pending (Linux consumed it). */
static long take_bad(void *bad)
{
	sigset_t set, pend;
	struct timespec zero = { 0, 0 };
	int saved;
	long r;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	raise(SIGUSR2);
	r = syscall(SYS_rt_sigtimedwait, &set, bad, &zero, SIGSET);
	saved = errno;
	sigpending(&pend);
	errno = 0;
	report("  still pending", "", sigismember(&pend, SIGUSR2));
	errno = saved;
	return r;
}

static int blocked(int sig)
{
	sigset_t cur;

	sigprocmask(SIG_BLOCK, 0, &cur);
	return sigismember(&cur, sig);
}

int main(void)
{
	void *none = mmap(0, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct sigaction sa = { .sa_handler = on_signal };
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	struct timespec tiny = { 0, 1000 }, zero = { 0, 0 };
	struct rlimit nofile;
	sigset_t usr2;
	unsigned id;
	int word = 0;

	setvbuf(stdout, 0, _IONBF, 0);
	if (none == MAP_FAILED || getrlimit(RLIMIT_NOFILE, &nofile) < 0)
		return 1;
	/* No SA_RESTART: the cut-short sleeps return. */
	sigaction(SIGALRM, &sa, 0);
	sigaction(SIGUSR1, &sa, 0);
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);

	TRY("setitimer new", syscall(SYS_setitimer, ITIMER_REAL, bad, 0));
	TRY("setitimer old", syscall(SYS_setitimer, ITIMER_REAL, &off, bad));
	{
		struct itimerval ten = { { 0, 0 }, { 10, 0 } }, now;
		TRY("setitimer new+old", syscall(SYS_setitimer, ITIMER_REAL, &ten, bad));
		getitimer(ITIMER_REAL, &now);
		report("  timer armed", "", now.it_value.tv_sec >= 9);
		setitimer(ITIMER_REAL, &off, 0);
	}
	TRY("getitimer", syscall(SYS_getitimer, ITIMER_REAL, bad));

	TRY("getresuid 1st", syscall(SYS_getresuid, bad, &id, &id));
	TRY("getresuid 3rd", syscall(SYS_getresuid, &id, &id, bad));
	TRY("getresgid 1st", syscall(SYS_getresgid, bad, &id, &id));
	TRY("getresgid 2nd", syscall(SYS_getresgid, &id, bad, &id));

	TRY("nanosleep req", syscall(SYS_nanosleep, bad, 0));
	TRY("nanosleep rem unused", syscall(SYS_nanosleep, &tiny, bad));
	TRY("nanosleep rem cut", cut_short(SYS_nanosleep, bad));
	TRY("clock_nanosleep req", syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, bad, 0));
	TRY("clock_nanosleep abs", syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &zero, bad));
	TRY("clock_nanosleep rem cut", cut_short(SYS_clock_nanosleep, bad));
	report("alarms seen", "", alarms);
	TRY("futex wait timeout", syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, bad, 0, 0));

	TRY("rt_sigqueueinfo", syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, bad));
	TRY("rt_sigqueueinfo sig 99", syscall(SYS_rt_sigqueueinfo, getpid(), 99, bad));
	TRY("rt_tgsigqueueinfo", syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(), SIGUSR1, bad));

	TRY("prlimit64 new", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, bad, 0));
	TRY("prlimit64 new res 999", syscall(SYS_prlimit64, 0, 999, bad, 0));
	TRY("prlimit64 old", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, 0, bad));
	nofile.rlim_cur = 100;
	TRY("prlimit64 new+old", syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &nofile, bad));
	getrlimit(RLIMIT_NOFILE, &nofile);
	report("  nofile now", "", (long)nofile.rlim_cur);
	TRY("getrlimit", syscall(SYS_getrlimit, RLIMIT_NOFILE, bad));
	TRY("setrlimit", syscall(SYS_setrlimit, RLIMIT_NOFILE, bad));

	TRY("rt_sigaction act", syscall(SYS_rt_sigaction, SIGUSR2, bad, 0, SIGSET));
	TRY("rt_sigaction act sig 0", syscall(SYS_rt_sigaction, 0, bad, 0, SIGSET));
	TRY("rt_sigaction old", syscall(SYS_rt_sigaction, SIGUSR2, 0, bad, SIGSET));
	{
		struct { void *handler; unsigned long flags; void *restorer; unsigned long mask; } ign =
			{ SIG_IGN, 0, 0, 0 };
		struct sigaction now;
		TRY("rt_sigaction act+old", syscall(SYS_rt_sigaction, SIGUSR2, &ign, bad, SIGSET));
		sigaction(SIGUSR2, 0, &now);
		report("  usr2 ignored", "", now.sa_handler == SIG_IGN);
		sigaction(SIGUSR2, &sa, 0);
	}

	TRY("rt_sigprocmask set", syscall(SYS_rt_sigprocmask, SIG_BLOCK, bad, 0, SIGSET));
	TRY("rt_sigprocmask set how 9", syscall(SYS_rt_sigprocmask, 9, bad, 0, SIGSET));
	TRY("rt_sigprocmask old", syscall(SYS_rt_sigprocmask, SIG_BLOCK, 0, bad, SIGSET));
	report("  usr2 blocked", "", blocked(SIGUSR2));
	TRY("rt_sigprocmask set+old", syscall(SYS_rt_sigprocmask, SIG_BLOCK, &usr2, bad, SIGSET));
	report("  usr2 blocked", "", blocked(SIGUSR2));

	TRY("rt_sigpending", syscall(SYS_rt_sigpending, bad, SIGSET));
	TRY("rt_sigsuspend", syscall(SYS_rt_sigsuspend, bad, SIGSET));
	TRY("rt_sigtimedwait set", syscall(SYS_rt_sigtimedwait, bad, 0, &zero, SIGSET));
	TRY("rt_sigtimedwait timeout", syscall(SYS_rt_sigtimedwait, &usr2, 0, bad, SIGSET));
	TRY("rt_sigtimedwait info", take_bad(bad));
	sigprocmask(SIG_UNBLOCK, &usr2, 0);
	TRY("sigaltstack new", syscall(SYS_sigaltstack, bad, 0));
	TRY("sigaltstack old", syscall(SYS_sigaltstack, 0, bad));
	{
		static char alt[65536];
		stack_t ss = { .ss_sp = alt, .ss_size = sizeof alt }, now;
		TRY("sigaltstack new+old", syscall(SYS_sigaltstack, &ss, bad));
		sigaltstack(0, &now);
		report("  altstack set", "", now.ss_sp == alt && now.ss_size == sizeof alt);
	}

	TRY("wait4 status", reap_bad(0, bad));
	TRY("wait4 rusage", reap_bad(1, bad));
	TRY("waitid info", reap_bad(2, bad));
	TRY("waitid rusage", reap_bad(3, bad));
	return 0;
}

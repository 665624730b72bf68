/* The kernel data page's clock (abi/exo/kdata.h).
 *
 * A background thread updates the page every TICK_NS. Each update starts
 * the new line exactly where the old one stands at the update's TSC value
 * (so CLOCK_MONOTONIC never steps back) and chooses the slope that brings
 * it onto the host's CLOCK_MONOTONIC by the next tick (as NTP slews),
 * which keeps the error far below a microsecond between ticks. Only when
 * the error exceeds a millisecond (the host slept) does it step, forward.
 *
 * Every process of the tree (fork children and exec'd images) shares the
 * page's memfd. The first launcher runs a ticker; the others start one
 * only when they find the page stale (its ticker's process is gone, or
 * starved): a reader that finds it older than EXO_KDATA_STALE asks the
 * kernel (EXO_NC_CLOCK_READ), whose clock_read brings the page up to date
 * and starts this process's ticker. A fork child therefore costs no
 * thread while its ancestor's ticker serves it, which is most of the cost
 * of a fork+exit. Updates from all processes are serialised by a
 * process-shared robust lock kept in a second, kernel-only page of the
 * memfd, and a ticker skips its turn when another process updated the
 * page less than half a tick ago.
 *
 * The TSC's rate is measured, not known (neither CPUID nor the host tell
 * it here), between a sample taken at start-up and one taken a tick later
 * by the ticker, which sleeps in between. Until then the page says
 * EXO_CLOCK_MODE_NONE and readers ask the kernel, which reads the host's
 * clock. A launcher used to spin 5 ms measuring before the guest ran:
 * most of the start-up of a short program, and every busybox applet the
 * suites start is a new launcher. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <x86intrin.h>
#include <exo/native.h>
#include <exo/status.h>
#include "kernel.h"

#define TICK_NS 10000000ull
#define STEP_NS 1000000ll
/* Largest correction per tick: 500 ppm of the tick, NTP's slew limit, so a
 * late tick (the updater starved of CPU) cannot carry a steep slope far. */
#define MAX_SLEW_NS ((exo_s64)TICK_NS / 2000)
/* The ticker's stack: its calls are shallow (clock reads, the update). */
#define TICKER_STACK (64 * 1024)
/* A sample whose host reads span more than this was preempted: retry. */
#define SAMPLE_SPAN_NS 20000ull
/* The shortest baseline a rate is measured over; the ticks refine it
 * over the whole run (tsc_per_ns). */
#define CALIBRATE_NS 5000000ull

static struct exo_kdata *kd;
static int kd_fd = -1;
static exo_u64 tsc0, mono0;   /* calibration baseline */
/* The memfd's second page: never mapped into a guest. */
struct kdata_shared {
	pthread_mutex_t update_lock;
	exo_u64 tsc0, mono0;
	unsigned shift;
};
static struct kdata_shared *ks;
/* The host pid of the process whose ticker this memory describes: a
 * host thread does not survive fork or exec, so a fork child sees its
 * parent's pid (no store needed: each page the child writes is a page
 * it copies) and an exec'd image starts at 0. */
static pid_t ticking;
static int starting;

static exo_u64 now_ns(clockid_t c)
{
	struct timespec t;
	clock_gettime(c, &t);
	return (exo_u64)t.tv_sec * 1000000000ull + (exo_u64)t.tv_nsec;
}

static exo_u64 rdtsc_ordered(void)
{
	_mm_lfence();
	return __rdtsc();
}

/* Measured TSC rate, refined over the whole run. */
static double tsc_per_ns(exo_u64 tsc, exo_u64 mono)
{
	return (double)(tsc - tsc0) / (double)(mono - mono0);
}

/* The shift is fixed when the kernel starts, so that a slope change never
 * rescales the bases: mult stays near 2^31, far from 2^32, whatever the
 * slews. */
static unsigned shift;

static void choose_shift(double per_ns)
{
	double ns_per_tsc = 1.0 / per_ns;
	shift = 32;
	while (shift > 0 && ns_per_tsc * (double)(1ull << shift) >= 2147483648.0)
		shift--;
	kd->shift = shift;
}

static void set_slope(exo_u64 span_ns, double per_ns)
{
	double ns_per_tsc = (double)span_ns / ((double)TICK_NS * per_ns);
	kd->mult = (exo_u32)(ns_per_tsc * (double)(1ull << shift));
}

#define NSEC 1000000000ull

static exo_u64 base_ns(const struct exo_kdata_base *b)
{
	return b->sec * NSEC + (b->snsec >> shift);
}

/* A base at total nanoseconds `ns` carrying the sub-nanosecond fraction
 * `frac` (in shifted units), so every clock moves in step with monotonic. */
static struct exo_kdata_base make_base(exo_u64 ns, exo_u64 frac)
{
	return (struct exo_kdata_base){ ns / NSEC, ((ns % NSEC) << shift) | frac };
}

struct sample {
	exo_u64 tsc, mono, real, boot;
	exo_u64 mono_after;   /* the host's monotonic clock read after the TSC */
};

/* The TSC and the host clocks read together: the host monotonic clock
 * brackets the others, and a sample interrupted in between (the span is
 * long) is taken again; 0 when none was clean. */
static int take_sample(struct sample *s)
{
	for (int tries = 0; tries < 20; tries++) {
		exo_u64 before = now_ns(CLOCK_MONOTONIC);
		s->tsc = rdtsc_ordered();
		s->real = now_ns(CLOCK_REALTIME);
		s->boot = now_ns(CLOCK_BOOTTIME);
		exo_u64 after = now_ns(CLOCK_MONOTONIC);
		if (after - before <= SAMPLE_SPAN_NS) {
			s->mono_after = after;
			s->mono = before + (after - before) / 4;  /* the TSC was read first */
			s->real -= (after - before) / 4;
			s->boot -= (after - before) / 2;
			return 1;
		}
	}
	return 0;
}

static void update_lock(void)
{
	if (pthread_mutex_lock(&ks->update_lock) == EOWNERDEAD) {
		/* Its holder died mid-update: close the torn write. */
		if (kd->seq & 1)
			__atomic_store_n(&kd->seq, kd->seq + 1, __ATOMIC_RELEASE);
		pthread_mutex_consistent(&ks->update_lock);
	}
}

/* With the update lock held; 0 when no clean sample could be taken and
 * the page was left as it was. */
static int update_locked(void)
{
	struct sample smp;

	/* The calibration, as the process that measured it left it: this one
	 * may have adopted the page (exec) or forked before it was measured. */
	tsc0 = ks->tsc0;
	mono0 = ks->mono0;
	shift = ks->shift;
	/* Keep the current line when the host cannot be read cleanly: a
	 * bad sample would do more harm than a late correction. */
	if (!take_sample(&smp))
		return 0;
	__atomic_store_n(&kd->seq, kd->seq + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);

	/* The line restarts at this TSC value: readers with a later TSC value
	 * see the odd sequence count and retry. */
	exo_u64 tsc = rdtsc_ordered();
	exo_u64 delta_ns = (exo_u64)((double)(tsc - smp.tsc) / tsc_per_ns(smp.tsc, smp.mono));
	exo_u64 mono = smp.mono + delta_ns;
	exo_u64 real = smp.real + delta_ns;
	exo_u64 boot = smp.boot + delta_ns;

	/* Where the current line stands at this TSC value, exactly. */
	struct exo_kdata_base *m = &kd->base[EXO_KDATA_MONOTONIC];
	unsigned __int128 snsec = (unsigned __int128)(tsc - kd->tsc_base) * kd->mult + m->snsec;
	exo_u64 sec = m->sec + (exo_u64)((snsec >> shift) / NSEC);
	snsec -= (unsigned __int128)(((snsec >> shift) / NSEC) * NSEC) << shift;
	exo_u64 frac = (exo_u64)snsec & ((1ull << shift) - 1);
	exo_u64 ours = sec * NSEC + (exo_u64)(snsec >> shift);
	exo_s64 err = (exo_s64)(mono - ours);

	if (err > STEP_NS) {
		ours = mono;
		frac = 0;
		err = 0;
	}
	if (err > MAX_SLEW_NS)
		err = MAX_SLEW_NS;
	if (err < -MAX_SLEW_NS)
		err = -MAX_SLEW_NS;
	set_slope((exo_u64)((exo_s64)TICK_NS + err), tsc_per_ns(smp.tsc, smp.mono));
	kd->tsc_base = tsc;
	kd->base[EXO_KDATA_MONOTONIC] = make_base(ours, frac);
	kd->base[EXO_KDATA_REALTIME] = make_base(ours + (real - mono), frac);
	/* BOOTTIME is MONOTONIC plus the time suspended: never less. The
	 * offset comes from separate reads and may come out a few ns
	 * negative; clamp it. */
	kd->base[EXO_KDATA_BOOTTIME] = make_base(ours + (boot > mono ? boot - mono : 0), frac);
	for (int i = 0; i < EXO_KDATA_CLOCKS; i++) {
		exo_u64 c = base_ns(&kd->base[i]);
		kd->coarse[i] = (struct exo_kdata_base){ c / NSEC, c % NSEC };
	}

	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_store_n(&kd->seq, kd->seq + 1, __ATOMIC_RELAXED);
	return 1;
}

void timekeeper_update(void)
{
	update_lock();
	update_locked();
	pthread_mutex_unlock(&ks->update_lock);
}

static void calibrate(void);

static void *ticker(void *arg)
{
	struct timespec next;

	(void)arg;
	/* The ticker uses no descriptor. While it shares the process's table,
	 * Linux sees a multi-threaded table on every host call of the guest's
	 * thread: fdget takes a file reference and read/write/lseek take the
	 * file's position lock: lseek cost 965-1090 cycles under exo-run with
	 * a shared table, 711-721 without, 470-600 natively
	 * (tests/bench/call_loop.c, docs/hybrid-perf.md, fourth pass).
	 * A table of its own, emptied, leaves a single-threaded guest's table
	 * unshared, as natively. Closing here releases no record lock: those
	 * belong to the table that took them. If either call fails the ticker
	 * still ticks; only that saving is lost. */
	if (syscall(SYS_unshare, CLONE_FILES) == 0)
		syscall(SYS_close_range, 0u, ~0u, 0u);
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (;;) {
		next.tv_nsec += (long)TICK_NS;
		if (next.tv_nsec >= 1000000000) {
			next.tv_nsec -= 1000000000;
			next.tv_sec++;
		}
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
		if (__atomic_load_n(&kd->clock_mode, __ATOMIC_ACQUIRE) != EXO_CLOCK_MODE_TSC) {
			calibrate();
			continue;
		}
		if (__rdtsc() - __atomic_load_n(&kd->tsc_base, __ATOMIC_RELAXED) <
		    kd->tsc_hz / (2 * (1000000000ull / TICK_NS)))
			continue;  /* another process just did it */
		timekeeper_update();
	}
	return NULL;
}

static int tsc_usable(void)
{
	unsigned a, b, c, d;
	/* CPUID 8000_0007h EDX bit 8: invariant TSC. */
	__asm__ ("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000007u), "c"(0));
	return (d >> 8) & 1;
}

/* The memfd's pages: the data page guests map, the clock's kernel-only
 * page, and the tree's running images (images.c), also kernel-only. */
static int map_pages(int fd)
{
	char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	if (p == MAP_FAILED)
		return -1;
	kd_fd = fd;
	kd = (struct exo_kdata *)p;
	ks = (struct kdata_shared *)(p + 4096);
	images_attach(p + 2 * 4096);
	return 0;
}

/* The page's TSC line, once a baseline sample is at least CALIBRATE_NS
 * old: its rate, shift and a first line, then the mode that lets readers
 * use it. Any process of the tree may do it (the start-up's ticker, or a
 * reader's kernel call when that ticker did not live long enough: an exec
 * or an orphan); the update lock makes it happen once. */
static void calibrate(void)
{
	struct sample s1;

	if (!ks->mono0)
		return;  /* no usable TSC */
	update_lock();
	if (kd->clock_mode == EXO_CLOCK_MODE_TSC || !take_sample(&s1) ||
	    s1.mono - ks->mono0 < CALIBRATE_NS) {
		pthread_mutex_unlock(&ks->update_lock);
		return;
	}
	tsc0 = ks->tsc0;
	mono0 = ks->mono0;
	double per_ns = tsc_per_ns(s1.tsc, s1.mono);
	choose_shift(per_ns);
	ks->shift = shift;
	kd->tsc_hz = (exo_u64)(per_ns * 1e9);
	/* The first line starts at the host's clock read after the TSC, not
	 * at the estimate: a reader that read the host's clock through the
	 * kernel just before the switch then never sees the page behind it
	 * (CLOCK_MONOTONIC must not go back); the slew takes the few
	 * microseconds ahead back out. */
	kd->tsc_base = s1.tsc;
	kd->base[EXO_KDATA_MONOTONIC] = make_base(s1.mono_after, 0);
	set_slope(TICK_NS, per_ns);
	/* The other bases, under the sequence count, while readers still
	 * take the kernel's path; then the mode, as one more update. Without
	 * a clean sample the bases would stay zero (REALTIME in 1970): the
	 * next tick tries again. */
	if (!update_locked()) {
		pthread_mutex_unlock(&ks->update_lock);
		return;
	}
	__atomic_store_n(&kd->seq, kd->seq + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_store_n(&kd->clock_mode, EXO_CLOCK_MODE_TSC, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_store_n(&kd->seq, kd->seq + 1, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&ks->update_lock);
}

static int start_ticker(void)
{
	pthread_t th;

	if (!ks->mono0)
		return 0;  /* no TSC: nothing to tick */
	sigset_t all, old;
	int err;

	/* Its stack is kernel memory, so no mapping of glibc's own (an
	 * 8 MiB one and its guard page): every mapping with private pages
	 * costs each fork about a microsecond and a half (docs/
	 * legacy-processes.md). A fresh one each time: in a fork child the
	 * parent's still holds the descriptor glibc lists for that ticker. */
	pthread_attr_t attr;
	void *stack = kernel_alloc_pages(TICKER_STACK);
	if (!stack)
		return -1;
	pthread_attr_init(&attr);
	pthread_attr_setstack(&attr, stack, TICKER_STACK);
	/* The ticker never takes a guest's signal: the host would pick it
	 * for a process-directed one, and it has no thread block. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	err = pthread_create(&th, &attr, ticker, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (err != 0)
		return -1;
	pthread_detach(th);
	__atomic_store_n(&ticking, getpid(), __ATOMIC_RELEASE);
	return 0;
}

int timekeeper_start(void)
{
	pthread_mutexattr_t ma;
	int fd = memfd_create("exo-kdata", MFD_CLOEXEC);

	if (fd < 0 || ftruncate(fd, 3 * 4096) < 0 || map_pages(fd) < 0)
		return -1;
	pthread_mutexattr_init(&ma);
	pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&ks->update_lock, &ma);
	kd->tick_ns = TICK_NS;
	kd->clock_mode = EXO_CLOCK_MODE_NONE;
	if (!tsc_usable())
		return 0;
	/* The baseline of the rate (the first clock reads are cold: warm
	 * them up); the ticker's first tick measures against it. */
	struct sample s0;
	for (int i = 0; i < 100; i++)
		(void)now_ns(CLOCK_MONOTONIC), (void)now_ns(CLOCK_REALTIME), (void)now_ns(CLOCK_BOOTTIME);
	if (!take_sample(&s0))
		return -1;
	ks->tsc0 = tsc0 = s0.tsc;
	ks->mono0 = mono0 = s0.mono;
	return start_ticker();
}

/* A fork child: the page is shared already, its parent's ticker is not;
 * it starts its own when it finds the page stale (timekeeper_refresh). */
void timekeeper_after_fork(void)
{
	if (starting)
		starting = 0;
}

/* An exec'd image: the page and its calibration come with the memfd; a
 * ticker starts, as after fork, when the page goes stale. */
int timekeeper_adopt(int fd)
{
	if (map_pages(fd) < 0)
		return -1;
	tsc0 = ks->tsc0;
	mono0 = ks->mono0;
	shift = ks->shift;
	return 0;
}

/* A reader found the page stale (vdso/fast/clock.c): no ticker of the
 * tree is serving it. Update it now, so the reader's next look at the
 * page continues the same line (a host clock value would not: the page
 * may stand a little behind the host until its slew closes the gap, and
 * CLOCK_MONOTONIC must not go back), and start this process's ticker. A
 * process that cannot start one (a thread limit) still gets an update per
 * stale read. */
static void timekeeper_refresh(void)
{
	if (!kd)
		return;
	if (__atomic_load_n(&kd->clock_mode, __ATOMIC_ACQUIRE) != EXO_CLOCK_MODE_TSC) {
		/* Not measured yet: this process's own ticker will, else (its
		 * ticker died with an exec, a fork child) the reader does. */
		if (__atomic_load_n(&ticking, __ATOMIC_ACQUIRE) != getpid())
			calibrate();
		if (kd->clock_mode != EXO_CLOCK_MODE_TSC)
			return;
	}
	/* The readers' own test: a call for another reason (a CPU clock)
	 * must not start a ticker while another process's serves. */
	if (__rdtsc() - __atomic_load_n(&kd->tsc_base, __ATOMIC_RELAXED) <=
	    kd->tsc_hz >> EXO_KDATA_STALE_SHIFT)
		return;
	timekeeper_update();
	pid_t self = getpid();
	if (__atomic_load_n(&ticking, __ATOMIC_ACQUIRE) != self &&
	    !__atomic_exchange_n(&starting, 1, __ATOMIC_ACQ_REL)) {
		if (__atomic_load_n(&ticking, __ATOMIC_ACQUIRE) != self)
			start_ticker();
		__atomic_store_n(&starting, 0, __ATOMIC_RELEASE);
	}
}

int timekeeper_fd(void)
{
	return kd_fd;
}

struct exo_kdata *timekeeper_page(void)
{
	return kd;
}

long clock_read(unsigned clock, exo_u64 ts_addr)
{
	static const clockid_t host[] = {
		[EXO_CLOCK_MONOTONIC] = CLOCK_MONOTONIC,
		[EXO_CLOCK_REALTIME] = CLOCK_REALTIME,
		[EXO_CLOCK_BOOTTIME] = CLOCK_BOOTTIME,
		[EXO_CLOCK_MONOTONIC_RAW] = CLOCK_MONOTONIC_RAW,
		[EXO_CLOCK_PROCESS_CPU] = CLOCK_PROCESS_CPUTIME_ID,
		[EXO_CLOCK_THREAD_CPU] = CLOCK_THREAD_CPUTIME_ID,
	};
	struct timespec t;
	struct exo_timespec e;

	if (clock >= EXO_CLOCK_COUNT)
		return EXO_ERR_INVALID;
	timekeeper_refresh();
	/* Before the rate is measured, a clock the page will carry is read
	 * under the update lock, so that calibrate()'s first line and coarse
	 * values, taken under it too, come after any value answered here: a
	 * reader that gets one and then reads the page never goes back (the
	 * vDSO reads the page instead of this answer once it serves the
	 * clock, vdso/fast/clock.c clock_slow). */
	int locked = clock <= EXO_CLOCK_BOOTTIME && kd && ks->mono0 &&
	             __atomic_load_n(&kd->clock_mode, __ATOMIC_ACQUIRE) != EXO_CLOCK_MODE_TSC;
	if (locked)
		update_lock();
	/* A raw call: glibc would ask the host's vDSO, which makes the system
	 * call itself for the CPU clocks, from outside the launcher's image,
	 * where Syscall User Dispatch traps it. */
	syscall(SYS_clock_gettime, host[clock], &t);
	if (locked)
		pthread_mutex_unlock(&ks->update_lock);
	if (clock == EXO_CLOCK_THREAD_CPU) {
		/* A reused host thread counts from its parking (thread_pool.c). */
		exo_u64 n = (exo_u64)t.tv_sec * 1000000000u + (exo_u64)t.tv_nsec;
		exo_u64 base = thread_pool_cpu_base_ns();
		n = n > base ? n - base : 0;
		t.tv_sec = (time_t)(n / 1000000000u);
		t.tv_nsec = (long)(n % 1000000000u);
	}
	e = (struct exo_timespec){ .sec = t.tv_sec, .nsec = (exo_u32)t.tv_nsec };
	return copy_to_guest(ts_addr, &e, sizeof e);
}

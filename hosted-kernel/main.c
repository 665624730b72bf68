/* exo-run: the Linux-hosted Exo-OS kernel model, for one program.
 *
 *   exo-run [--strict] [--trace] [--stats] [--vdso IMAGE] [--argv0 NAME] [--]
 *           PROGRAM [ARGS...]
 *   exo-run --host-cost [ITERATIONS [sud|seccomp|none]]   (the benchmark's host calls, host_cost.c)
 *
 * Loads a static program through kernel-glue with the POSIX-X vDSO mapped
 * into it and plays the Exo-OS kernel for it: capabilities, Fusion Rings,
 * native calls, the clock page. The program's exit status is exo-run's. */
#define _GNU_SOURCE
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/rseq.h>
#include <sys/syscall.h>
#include "kernel.h"
#include "exo_glue.h"
#include "loader.h"

struct options opt;
static const struct exo_stats *guest_stats;

static void usage(void)
{
	fprintf(stderr, "usage: exo-run [--strict] [--trace] [--stats] [--vdso IMAGE] [--argv0 NAME] [--] PROGRAM [ARGS...]\n");
	exit(125);
}

_Noreturn void process_exit(int status)
{
	if (opt.stats && guest_stats)
		stats_tree_end(guest_stats);
	flush_pending_output();
	image_exit();
	_exit(status);
}

/* --exec-state FD: not for people. The launcher re-executes itself this
 * way when its guest calls exec (exec_state.c). */
static int exec_state_fd = -1;

/* --argv0 NAME: the program's argv[0], when it is not the path exo-run
 * loads. A launcher that stands in for a program (tools/programs_wrapper.c)
 * passes on the argv[0] it was started with, as exec would on Exo-OS:
 * programs print it in their messages ("sed: -e expression #1 ..."). */
static char *argv0;

static int parse(int argc, char **argv)
{
	int i;

	if (argc == 3 && !strcmp(argv[1], "--exec-state")) {
		exec_state_fd = atoi(argv[2]);
		return argc;
	}
	if (argc >= 2 && !strcmp(argv[1], "--host-cost"))
		exit(host_cost_main(argc > 2 ? atol(argv[2]) : 0, argc > 3 ? argv[3] : NULL));
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--strict"))
			opt.strict = 1;
		else if (!strcmp(argv[i], "--trace"))
			opt.trace = 1;
		else if (!strcmp(argv[i], "--stats"))
			opt.stats = 1;
		else if (!strcmp(argv[i], "--vdso") && i + 1 < argc) {
			static struct exo_vdso_blob blob;
			opt.vdso_path = argv[++i];
			if (vdso_blob_from_file(opt.vdso_path, &blob) < 0)
				exit(125);
			kernel_vdso = &blob;
		} else if (!strcmp(argv[i], "--argv0") && i + 1 < argc) {
			argv0 = argv[++i];
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else
			usage();
	}
	if (i >= argc)
		usage();
	return i;
}

/* glibc registers the first thread's rseq area (in its thread control
 * block, on the heap) and Linux writes it on each return to user space
 * after a migration or preemption: after fork, a copy of that page in
 * both processes. Nothing here needs it (glibc's sched_getcpu falls back
 * to the host call when the area says unregistered), so give it back. */
static void rseq_release(void)
{
	char *area = (char *)__builtin_thread_pointer() + __rseq_offset;

	/* Linux wants the registered length: glibc 2.35+ registers at least
	 * 32 bytes, __rseq_size being only the part it uses. */
	if (__rseq_size == 0)
		return;
	if (syscall(SYS_rseq, area, 32, 1 /* RSEQ_FLAG_UNREGISTER */, RSEQ_SIG) < 0)
		syscall(SYS_rseq, area, __rseq_size, 1, RSEQ_SIG);
}

int main(int argc, char **argv, char **envp)
{
	struct launch l;
	struct kthread *t;
	int status;

	launcher_data_anonymous();
	brk_away(argv);
	int first = parse(argc, argv);
	rseq_release();

	/* Keep the kernel's heap in one place that exists before the guest
	 * starts (memory.c refuses guest operations on it): one arena,
	 * grown ahead and never trimmed back. */
	mallopt(M_ARENA_MAX, 1);
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, -1);
	mallopt(M_TOP_PAD, 16 << 20);
	free(malloc(1));

	memset(&l, 0, sizeof l);
	if (exec_state_fd >= 0) {
		exec_restore(exec_state_fd, &l);
	} else {
		int fd;
		/* Before the kernel's first allocation (the ticker's stack):
		 * it comes from the pool next to the guest's stack (loader.c). */
		loader_reserve();
		if (timekeeper_start() < 0) {
			perror("exo-run: cannot create the kernel data page");
			return 125;
		}
		if (opt.stats && stats_tree_start() < 0) {
			perror("exo-run: cannot create the statistics page");
			return 125;
		}
		const char *path = argv[first];
		if ((fd = open_program(path, &status)) < 0)
			return status;
		if (argv0)
			argv[first] = argv0;
		status = load_program(fd, path, argv + first, envp, NULL, &l);
		if (status)
			return status;
		/* The program starts with the mask the launcher was given, as a
		 * Linux program inherits its parent's. */
		syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &l.sigmask, 8);
		l.sigmask &= ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
	}
	guest_stats = l.stats;
	t = kthread_create();
	if (!t) {
		fprintf(stderr, "exo-run: no memory for the first thread\n");
		return 125;
	}
	t->block->sigmask = l.sigmask;
	sud_prepare();
	fault_handlers_install();
	signals_init(l.vdso_table, l.process, l.sig_ignored, exec_state_fd >= 0);
	signals_adopt_mask(t);
	mem_protect_kernel();

	/* The trampoline finds everything through GS: the launcher's own TLS,
	 * the kernel stack, the XSAVE area. */
	exo_u64 fs;
	__asm__ volatile ("rdfsbase %0" : "=r"(fs));
	t->block->kernel_private[(KP_KERNEL_FS - EXO_TB_KERNEL_PRIVATE) / 8] = fs;
	__asm__ volatile ("wrgsbase %0" :: "r"((exo_u64)t->block) : "memory");
	fflush(NULL);
	sud_enable();
	exo_enter_guest(l.entry, l.sp);
}

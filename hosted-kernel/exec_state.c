/* EXO_NC_PROCESS_EXEC, second half: the image is replaced by a host
 * execve of the launcher itself, so every thread but the caller ends and
 * memory is fresh exactly as in Linux's exec, the host pid (the POSIX pid)
 * stays, and so do the host's umask, resource limits, session and group.
 * What the kernel model keeps in its own memory crosses in one memfd
 * (struct exec_state): the capabilities the new image keeps, the data page
 * memfd, the options, the statistics, the blocked mask and the arguments.
 * Every other host descriptor of the kernel is CLOEXEC, so the host closes
 * the capabilities of close-on-exec descriptors in one batch.
 *
 * The new launcher (exo-run --exec-state FD) installs the capabilities
 * again, maps the vDSO (the tree's memfd, vdso_share.c; with --vdso read
 * again from its file if that changed, so an image installed since the
 * process started is the one it gets) and loads the checked program
 * through kernel-glue. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <exo/status.h>
#include "kernel.h"
#include "exec.h"
#include "loader.h"

#ifndef PR_SET_SYSCALL_USER_DISPATCH
#define PR_SET_SYSCALL_USER_DISPATCH 59
#endif
#define PR_SYS_DISPATCH_OFF_ 0

extern char **environ;

/* Gathered here, then packed into the state (exec.h): only the entries
 * used are touched. Per call, not static: two threads may exec at once
 * (the host execve of one ends the other), and a lock would be one a
 * fork child could inherit held. */
struct kept {
	struct exec_cap caps[EXEC_MAX_CAPS];
	struct exo_start_fd fds[EXO_FD_TABLE_SIZE];
};

static long keep_cap(struct exec_state *st, struct kept *k, exo_cap_t handle)
{
	struct kcap *c;
	long status;

	for (unsigned i = 0; i < st->ncaps; i++)
		if (k->caps[i].handle == handle)
			return 0;
	if (!(c = cap_get(handle, 0, &status)))
		return status;
	k->caps[st->ncaps++] = (struct exec_cap){ handle, c->host_fd, c->object, c->rights };
	return 0;
}

/* The guest's descriptor table is read a page at a time through the
 * stack, not copied whole into the launcher's memory: 4 pages of it
 * would be written (and faulted in) for each exec. */
#define TABLE_CHUNK (4096 / sizeof(struct exo_fd_entry))

static long keep_fds(struct exec_state *st, struct kept *k)
{
	struct exo_fd_entry table[TABLE_CHUNK];

	for (unsigned base = 0; base < st->fd_limit; base += TABLE_CHUNK) {
		unsigned n = st->fd_limit - base < TABLE_CHUNK ? st->fd_limit - base : TABLE_CHUNK;
		if (copy_from_guest(table, kernel_process_area + EXO_PROCESS_FDS_OFFSET +
		                           base * sizeof table[0], n * sizeof table[0]) < 0)
			return EXO_ERR_FAULT;
		for (unsigned i = 0; i < n; i++) {
			struct exo_fd_entry *e = &table[i];
			if (e->cap == EXO_CAP_INVALID || e->cap == EXO_CAP_NO_DIR ||
			    (e->fd_flags & EXO_FD_CLOEXEC))
				continue;
			if (keep_cap(st, k, e->cap) < 0)
				continue;
			k->fds[st->nfds++] = (struct exo_start_fd){ (int)(base + i), e->cap, e->object,
			                                              e->status_flags };
		}
	}
	return 0;
}

/* What the process keeps: read from its (guest-writable) process area,
 * so every handle is checked against the capability table; an entry
 * naming nothing is a descriptor that does not survive. */
static long gather(struct exec_state *st, struct kept *k, struct kthread *t)
{
	struct exo_process_page pp;

	if (copy_from_guest(&pp, kernel_process_area, sizeof pp) < 0)
		return EXO_ERR_FAULT;
	/* Only the entries below the limit can name anything. */
	st->fd_limit = pp.fd_limit <= EXO_FD_TABLE_SIZE ? pp.fd_limit : EXO_FD_TABLE_SIZE;
	st->root_cap = st->cwd_cap = EXO_CAP_INVALID;
	if (pp.root_cap != EXO_CAP_INVALID && keep_cap(st, k, pp.root_cap) == 0)
		st->root_cap = pp.root_cap;
	if (pp.cwd_cap != EXO_CAP_INVALID && keep_cap(st, k, pp.cwd_cap) == 0)
		st->cwd_cap = pp.cwd_cap;
	if (keep_fds(st, k) < 0)
		return EXO_ERR_FAULT;
	st->blocked_mask = t->block->sigmask;
	st->ignored_signals = signals_ignored();
	return 0;
}

/* FD_CLOEXEC is the only descriptor flag Linux has: set, not merged. */
static int set_cloexec(int fd, int on)
{
	return fcntl(fd, F_SETFD, on ? FD_CLOEXEC : 0);
}

/* The host descriptors the launcher must keep across its execve. */
static void keep_open(struct exec_state *st, int state_fd, int on)
{
	for (unsigned i = 0; i < st->ncaps; i++)
		set_cloexec(exec_state_caps(st)[i].host_fd, !on);
	set_cloexec(st->kdata_fd, !on);
	if (st->tree_stats_fd >= 0)
		set_cloexec(st->tree_stats_fd, !on);
	set_cloexec(st->program_fd, !on);
	if (st->vdso.fd >= 0)
		set_cloexec(st->vdso.fd, !on);
	set_cloexec(state_fd, !on);
}

/* The state is built in place in its memfd: only what is filled is
 * ever touched (the arrays are sized for 1024 descriptors; the new
 * launcher reads the untouched rest as zeros), with no copy through a
 * heap buffer and no write per string. */
static char *put_string(char *p, const char *s)
{
	size_t n = strlen(s) + 1;

	memcpy(p, s, n);
	return p + n;
}

long exec_state_switch(struct kthread *t, const struct exec_image *im)
{
	struct exec_state head, *st;
	const char *vdso_path = opt.vdso_path ? opt.vdso_path : "";
	size_t strings = strlen(vdso_path) + 1 + strlen(im->execfn) + 1, total;
	char fdarg[16];
	long r;
	int sfd;

	for (unsigned i = 0; i < im->argc; i++)
		strings += strlen(im->argv[i]) + 1;
	for (unsigned i = 0; i < im->envc; i++)
		strings += strlen(im->envp[i]) + 1;
	memset(&head, 0, sizeof head);
	struct kept *k = malloc(sizeof *k);
	if (!k)
		return EXO_ERR_NO_MEMORY;
	if ((r = gather(&head, k, t)) < 0) {
		free(k);
		return r;
	}
	head.print_stats = (exo_u32)opt.stats;
	total = sizeof head + head.ncaps * sizeof(struct exec_cap) +
	        head.nfds * sizeof(struct exo_start_fd) + exec_state_stats_size(&head) + strings;
	sfd = memfd_create("exo-exec-state", MFD_CLOEXEC);
	if (sfd < 0 || ftruncate(sfd, (off_t)total) < 0 ||
	    (st = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_SHARED, sfd, 0)) == MAP_FAILED) {
		free(k);
		if (sfd >= 0)
			close(sfd);
		return EXO_ERR_NO_MEMORY;
	}
	head.magic = EXEC_STATE_MAGIC;
	head.size = sizeof head;
	head.strict = (exo_u32)opt.strict;
	head.trace = (exo_u32)opt.trace;
	vdso_share_keep(&head.vdso);
	head.kdata_fd = timekeeper_fd();
	head.tree_stats_fd = stats_tree_fd();
	head.tree_root = (exo_u32)stats_tree_is_root();
	head.program_fd = im->fd;
	head.argc = im->argc;
	head.envc = im->envc;
	head.strings_len = strings;
	*st = head;
	memcpy(exec_state_caps(st), k->caps, head.ncaps * sizeof k->caps[0]);
	memcpy(exec_state_fds(st), k->fds, head.nfds * sizeof k->fds[0]);
	free(k);
	/* The counts go on across exec (--stats only: 8 KiB). */
	if (head.print_stats &&
	    copy_from_guest(exec_state_stats(st), kernel_process_area + EXO_PROCESS_STATS_OFFSET,
	                    sizeof(struct exo_stats)) < 0) {
		r = EXO_ERR_FAULT;
		goto fail;
	}
	char *p = put_string(exec_state_strings(st), vdso_path);
	p = put_string(p, im->execfn);
	for (unsigned i = 0; i < im->argc; i++)
		p = put_string(p, im->argv[i]);
	for (unsigned i = 0; i < im->envc; i++)
		p = put_string(p, im->envp[i]);

	/* The point of no return is the host execve itself: until it
	 * succeeds everything here can be undone. Syscall User Dispatch is
	 * switched off for the new launcher, which switches it on again. */
	snprintf(fdarg, sizeof fdarg, "%d", sfd);
	char *const args[] = { "exo-run", "--exec-state", fdarg, NULL };
	keep_open(st, sfd, 1);
	process_exec_slot_cancel();
	fflush(NULL);
	prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF_, 0, 0, 0);
	int brk_off = brk_away_before_exec();   /* the new image's heap off brk */
	execve("/proc/self/exe", args, environ);
	if (brk_off)
		brk_away_exec_failed();
	r = errno == ENOMEM ? EXO_ERR_NO_MEMORY : errno == EAGAIN ? EXO_ERR_AGAIN :
	    status_from_errno(errno);
	sud_enable();
	keep_open(st, sfd, 0);
fail:
	munmap(st, total);
	close(sfd);
	return r;
}

/* ---- the new launcher ------------------------------------------------------ */

static _Noreturn void lost(const char *why)
{
	/* Past the point of no return Linux kills the process with SIGSEGV;
	 * so does this kernel, after saying why. */
	fprintf(stderr, "exo-run: exec: %s\n", why);
	fflush(stderr);
	signal(SIGSEGV, SIG_DFL);
	raise(SIGSEGV);
	_exit(128 + SIGSEGV);
}

static exo_cap_t renamed(struct exec_state *st, const exo_cap_t *now, exo_cap_t old)
{
	for (unsigned i = 0; i < st->ncaps; i++)
		if (exec_state_caps(st)[i].handle == old)
			return now[i];
	return EXO_CAP_INVALID;
}

int exec_restore(int state_fd, struct launch *out)
{
	static exo_cap_t now[EXEC_MAX_CAPS];
	static struct exo_start_fd fds[EXO_FD_TABLE_SIZE];
	struct stat sb;
	struct exec_state *st;

	if (fstat(state_fd, &sb) < 0 || (size_t)sb.st_size < sizeof *st)
		lost("the state of the process is missing");
	st = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, state_fd, 0);
	if (st == MAP_FAILED || st->magic != EXEC_STATE_MAGIC || st->size != sizeof *st ||
	    st->ncaps > EXEC_MAX_CAPS || st->nfds > EXO_FD_TABLE_SIZE || !st->strings_len ||
	    sizeof *st + st->ncaps * sizeof(struct exec_cap) + st->nfds * sizeof(struct exo_start_fd) +
	    exec_state_stats_size(st) + st->strings_len != (size_t)sb.st_size || exec_state_strings(st)[st->strings_len - 1])
		lost("the state of the process is unreadable");
	close(state_fd);

	opt.strict = (int)st->strict;
	opt.trace = (int)st->trace;
	opt.stats = (int)st->print_stats;
	/* The strings: the --vdso path, the name, the arguments, the
	 * environment. */
	const char *s = exec_state_strings(st);
	if (s[0])
		opt.vdso_path = strdup(s);   /* the state is unmapped below */
	s += strlen(s) + 1;
	if (vdso_share_adopt(&st->vdso) < 0)
		lost("the vDSO image could not be read again");
	if (timekeeper_adopt(st->kdata_fd) < 0)
		lost("the kernel data page could not be mapped again");
	if (st->tree_stats_fd >= 0) {
		if (stats_tree_adopt(st->tree_stats_fd, (int)st->tree_root) < 0)
			lost("the statistics page could not be mapped again");
		set_cloexec(st->tree_stats_fd, 1);
	}
	set_cloexec(st->kdata_fd, 1);
	set_cloexec(st->program_fd, 1);

	for (unsigned i = 0; i < st->ncaps; i++) {
		const struct exec_cap *c = &exec_state_caps(st)[i];
		long h;
		set_cloexec(c->host_fd, 1);
		if ((h = cap_install(c->host_fd, c->object, c->rights)) < 0)
			lost("the capability table is full");
		now[i] = (exo_cap_t)h;
	}
	for (unsigned i = 0; i < st->nfds; i++) {
		fds[i] = exec_state_fds(st)[i];
		fds[i].cap = renamed(st, now, fds[i].cap);
	}

	const char *execfn = s;
	char **argv = calloc(st->argc + 1, sizeof *argv), **envp = calloc(st->envc + 1, sizeof *envp);
	if (!argv || !envp)
		lost("no memory for the arguments");
	s += strlen(s) + 1;
	for (unsigned i = 0; i < st->argc; i++, s += strlen(s) + 1)
		argv[i] = (char *)s;
	for (unsigned i = 0; i < st->envc; i++, s += strlen(s) + 1)
		envp[i] = (char *)s;

	struct carried c = {
		.root_cap = renamed(st, now, st->root_cap),
		.cwd_cap = renamed(st, now, st->cwd_cap),
		.fd_limit = st->fd_limit,
		.nfds = st->nfds,
		.fds = fds,
		.stats = st->print_stats ? exec_state_stats(st) : NULL,
	};
	if (load_program(st->program_fd, execfn, argv, envp, &c, out) != 0)
		lost("the program could not be loaded");
	out->sigmask = st->blocked_mask;
	out->sig_ignored = st->ignored_signals;
	free(argv);
	free(envp);
	munmap(st, (size_t)sb.st_size);
	return 0;
}

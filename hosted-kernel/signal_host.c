/* Signals on the hosted model: the host's signals are the messages.
 *
 * A guest signal sent with kill, tgkill or sigqueue is the host signal of
 * the same number sent to the same pid or tid (guest ids are host ids),
 * so the host's queues keep Linux's rules: a process-directed signal goes
 * to a thread that does not block it, standard signals coalesce,
 * real-time ones queue with their value, si_pid and si_uid are the
 * sender's. A signal from outside (a shell's SIGINT) is the same thing.
 *
 * The guest's mask is in the thread block and changes without entering
 * the kernel, so the host mask follows it lazily: a signal arriving while
 * the guest blocks it is held, blocked on the host for this thread and
 * queued again (to the thread or the process, as it came), and the vDSO
 * asks for it back (EXO_NC_SIGNAL_MASK) when it unblocks it.
 *
 * A deliverable signal with a handler is queued for this thread and
 * delivered by the vDSO: at the return of the translated call the thread
 * is in (the host call returns EINTR: handlers are installed without
 * SA_RESTART for handled signals), or at once by an up-call when the
 * thread runs user code: the interrupted context goes to the vDSO's
 * signal entry on a per-thread stack. Default actions are the host's
 * own, taken on the launcher, so a parent sees Linux's wait status. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <exo/signal.h>
#include <exo/vdso.h>
#include "kernel.h"
#include "kpriv.h"
#include "signal_impl.h"

extern char __ehdr_start[], _end[];
extern char host_cp_begin[], host_cp_end[], host_cp_cancel[];
void host_sigreturn(void);

unsigned char signal_kind[EXO_SIG_MAX + 1];
unsigned long signal_child_flags;
/* The vDSO's signal entry; signal_return.S jumps there too. */
exo_u64 signal_entry_address;

struct host_sigaction {
	void *handler;
	unsigned long flags;
	void (*restorer)(void);
	exo_u64 mask;
};

#define HOST_SA_RESTORER 0x04000000ul

static struct exo_thread_block *current_block(void)
{
	exo_u64 gs;
	__asm__ volatile ("rdgsbase %0" : "=r"(gs));
	return (struct exo_thread_block *)gs;
}

struct ksignals *ksignals_of(struct exo_thread_block *tb)
{
	return (struct ksignals *)tb->kernel_private[(KP_SIGNALS - EXO_TB_KERNEL_PRIVATE) / 8];
}

int signal_default_class(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
		return SIGDFL_IGNORE;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return SIGDFL_STOP;
	default:
		return SIGDFL_TERMINATE;
	}
}

long host_mask(int how, exo_u64 set, exo_u64 *old)
{
	return syscall(SYS_rt_sigprocmask, how, &set, old, 8);
}

void host_disposition(int sig, void *handler, unsigned long flags)
{
	struct host_sigaction sa = { handler, flags | HOST_SA_RESTORER, host_sigreturn, 0 };

	syscall(SYS_rt_sigaction, sig, &sa, NULL, 8);
}

/* Send the signal again, as it came: to this thread if it was meant for
 * it, otherwise to the process, where another thread may take it. A
 * thread may queue any siginfo to itself, so the sender stays; but Linux
 * checks "itself" against the calling thread's own id, so a thread other
 * than the first gets EPERM queueing a kill()'s SI_USER to the process
 * (every process-directed signal that thread held was lost). It sends
 * it as SI_QUEUE with REQUEUE_MARK in si_errno instead, which
 * siginfo_from_host turns back into SI_USER: the guest sees the kill.
 *
 * A child's SIGCHLD (si_code CLD_*) is the host kernel's and always
 * process-directed: queued to the holding thread itself it stayed there
 * while another thread had SIGCHLD open (tests/diff/sigchld_thread.c).
 * Nobody may queue a positive si_code to the process, so it goes as
 * SI_QUEUE with REQUEUE_CHILD | code; Linux keeps the whole union, so the
 * child's pid, status and times travel with it. */
void signal_requeue(int sig, const siginfo_t *si)
{
	pid_t pid = getpid();
	siginfo_t as_queued;

	if (sig == SIGCHLD && si->si_code > 0 && si->si_code <= 0xff) {
		as_queued = *si;
		as_queued.si_code = SI_QUEUE;
		as_queued.si_errno = REQUEUE_CHILD | si->si_code;
		if (syscall(SYS_rt_sigqueueinfo, pid, sig, &as_queued) < 0)
			signal_lost(sig, "the host refused to queue it again");
		return;
	}
	if (si->si_code == SI_TKILL || si->si_code > 0) {
		if (syscall(SYS_rt_tgsigqueueinfo, pid, (pid_t)syscall(SYS_gettid), sig, si) < 0)
			signal_lost(sig, "the host refused to queue it again");
		return;
	}
	if (si->si_code == SI_USER && (pid_t)syscall(SYS_gettid) != pid) {
		memset(&as_queued, 0, sizeof as_queued);
		as_queued.si_signo = sig;
		as_queued.si_code = SI_QUEUE;
		as_queued.si_errno = REQUEUE_MARK;
		as_queued.si_pid = si->si_pid;
		as_queued.si_uid = si->si_uid;
		si = &as_queued;
	}
	if (syscall(SYS_rt_sigqueueinfo, pid, sig, si) < 0)
		signal_lost(sig, "the host refused to queue it again");
}

void siginfo_from_host(struct exo_siginfo *o, const siginfo_t *si)
{
	memset(o, 0, sizeof *o);
	o->signo = si->si_signo;
	o->code = si->si_code;
	o->err = si->si_errno;
	if (si->si_code == SI_QUEUE && si->si_errno == REQUEUE_MARK) {
		o->code = SI_USER;   /* a kill requeued by signal_requeue */
		o->err = 0;
	}
	if (si->si_code == SI_QUEUE && si->si_signo == SIGCHLD &&
	    (si->si_errno & ~0xff) == REQUEUE_CHILD) {
		o->code = si->si_errno & 0xff;   /* a child's SIGCHLD, requeued */
		o->err = 0;
	}
	switch (si->si_signo) {
	case SIGSEGV: case SIGBUS: case SIGFPE: case SIGILL: case SIGTRAP:
		if (si->si_code > 0) {
			o->addr = (exo_u64)si->si_addr;
			/* The guard under the guest's stack is a PROT_NONE
			 * mapping here, a hole on Linux (memory.c). */
			if (si->si_signo == SIGSEGV && si->si_code == SEGV_ACCERR &&
			    mem_stack_guard_hit(o->addr))
				o->code = SEGV_MAPERR;
			return;
		}
		break;
	case SIGCHLD:
		o->pid = (exo_u32)si->si_pid;
		o->uid = si->si_uid;
		o->status = si->si_status;
		o->utime = (exo_u64)si->si_utime;
		o->stime = (exo_u64)si->si_stime;
		return;
	}
	if (si->si_code == SI_TIMER) {
		o->timer = si->si_timerid;
		o->overrun = signal_timer_delivered(si);
		o->value = (exo_u64)si->si_value.sival_ptr;
		return;
	}
	o->pid = (exo_u32)si->si_pid;
	o->uid = si->si_uid;
	o->value = (exo_u64)si->si_value.sival_ptr;
}

/* A signal that cannot be kept: one trace line on stderr (from a host
 * handler too, so a raw write). */
void signal_lost(int sig, const char *why)
{
	char line[128];
	int n = 0;
	const char *p;

	for (p = "exo-run: signal "; *p; p++)
		line[n++] = *p;
	if (sig >= 10)
		line[n++] = (char)('0' + sig / 10);
	line[n++] = (char)('0' + sig % 10);
	for (p = " lost: "; *p; p++)
		line[n++] = *p;
	for (p = why; *p && n < (int)sizeof line - 1; p++)
		line[n++] = *p;
	line[n++] = '\n';
	(void)!write(2, line, (size_t)n);
}

/* Would signal_enqueue find no room for sig? A standard signal already
 * queued coalesces, so it always fits. */
static int signal_queue_full(const struct ksignals *ks, int sig)
{
	if (ks->count < KSIG_QUEUE)
		return 0;
	return sig >= 32 || !(ks->bits & EXO_SIG_BIT(sig));
}

/* Queue for delivery; the caller has every host signal blocked or is the
 * host handler (which runs with the others of the same thread able to
 * nest: the queue is only ever appended at its end by a handler). */
void signal_enqueue(struct ksignals *ks, const struct exo_siginfo *info, int front)
{
	exo_u64 bit = EXO_SIG_BIT(info->signo);
	int i;

	/* Standard signals coalesce, as Linux's queue does. */
	if (info->signo < 32)
		for (i = 0; i < ks->count; i++)
			if (ks->queue[i].signo == info->signo)
				return;
	if (ks->count == KSIG_QUEUE) {
		/* signal_on_host holds a signal that would not fit instead
		 * (signal_queue_full); only a fault's can still end here. */
		signal_lost(info->signo, "the thread's queue is full");
		return;
	}
	if (front) {
		memmove(&ks->queue[1], &ks->queue[0], ks->count * sizeof ks->queue[0]);
		ks->queue[0] = *info;
	} else
		ks->queue[ks->count] = *info;
	ks->count++;
	ks->bits |= bit;
}

/* The thread runs user code: continue at the vDSO's signal entry, with
 * the interrupted context on the up-call stack (nested below an up-call
 * already there) and every signal blocked until the vDSO has copied it. */
static struct exo_signal_context *upcall_context(struct ksignals *ks, exo_u64 rsp)
{
	exo_u64 sp = ks->stack_top;

	if (rsp > ks->stack_top - KSIG_STACK && rsp <= ks->stack_top)
		sp = rsp - 256;
	return (struct exo_signal_context *)((sp - sizeof(struct exo_signal_context)) & ~15ull);
}

static void redirect(struct exo_thread_block *tb, struct ksignals *ks, ucontext_t *uc,
                     exo_u64 guest_fs)
{
	greg_t *g = uc->uc_mcontext.gregs;
	struct exo_signal_context *c = upcall_context(ks, (exo_u64)g[REG_RSP]);
	exo_u64 sp = (exo_u64)c;

	c->rax = g[REG_RAX]; c->rbx = g[REG_RBX]; c->rcx = g[REG_RCX]; c->rdx = g[REG_RDX];
	c->rsi = g[REG_RSI]; c->rdi = g[REG_RDI]; c->rbp = g[REG_RBP]; c->rsp = g[REG_RSP];
	c->r8 = g[REG_R8]; c->r9 = g[REG_R9]; c->r10 = g[REG_R10]; c->r11 = g[REG_R11];
	c->r12 = g[REG_R12]; c->r13 = g[REG_R13]; c->r14 = g[REG_R14]; c->r15 = g[REG_R15];
	c->rip = g[REG_RIP]; c->rflags = g[REG_EFL]; c->fs = guest_fs;
	c->mask = tb->sigmask;
	tb->sigmask = ~0ull;
	g[REG_RSP] = (greg_t)(sp - 8);
	g[REG_RIP] = (greg_t)signal_entry_address;
	g[REG_RDI] = (greg_t)c;
	g[REG_EFL] &= ~(greg_t)0x500;  /* TF and DF clear, as for a handler */
}

static int in_kernel(exo_u64 pc)
{
	return pc >= (exo_u64)__ehdr_start && pc < (exo_u64)_end;
}

/* Deliver a queued signal: at the end of the kernel call or translated
 * call the thread is in, or now. */
static void deliver(struct exo_thread_block *tb, struct ksignals *ks, ucontext_t *uc, exo_u64 fs)
{
	exo_u64 pc = (exo_u64)uc->uc_mcontext.gregs[REG_RIP];

	tb->signal_pending = 1;
	if (in_kernel(pc)) {
		if (pc >= (exo_u64)host_cp_begin && pc < (exo_u64)host_cp_end)
			uc->uc_mcontext.gregs[REG_RIP] = (greg_t)host_cp_cancel;
		return;
	}
	if (tb->signal_flags & EXO_TB_SIG_IN_CALL || !signal_entry_address)
		return;
	redirect(tb, ks, uc, fs);
}

/* entry.S, at the return of a native call with a signal pending: the
 * guest's argument registers and stack pointer on the kernel stack (as
 * guest_args_push left them: result, r10, r9, r8, rdx, rsi, rdi, rsp).
 * A translated call (EXO_TB_SIG_IN_CALL) delivers at its own return, and
 * so does the vDSO's delivery code, which sets the flag too; any other
 * native call (the vDSO's clock_gettime of a CPU clock, time()) returns
 * to user code that never looks at signal_pending, so the signal is
 * delivered now by an up-call, as it would be had it come a moment later
 * (signal_return.S). Returns the up-call's context, or 0 to return. */
struct exo_signal_context *signal_native_return(const exo_u64 *frame)
{
	struct exo_thread_block *tb = current_block();
	struct ksignals *ks = ksignals_of(tb);
	struct exo_signal_context *c;
	exo_u64 rsp = frame[7];

	if (!ks || !signal_entry_address || (tb->signal_flags & EXO_TB_SIG_IN_CALL))
		return 0;
	/* A host signal meanwhile sees a kernel PC and only marks the thread
	 * pending (already so); after the mask store below it is held. */
	c = upcall_context(ks, rsp);
	memset(c, 0, sizeof *c);
	c->rax = frame[0]; c->r10 = frame[1]; c->r9 = frame[2]; c->r8 = frame[3];
	c->rdx = frame[4]; c->rsi = frame[5]; c->rdi = frame[6];
	/* The native call was a `call`: its return address is on top. */
	c->rip = *(const exo_u64 *)rsp;
	c->rsp = rsp + 8;
	c->rflags = 0x202;
	c->fs = tb->kernel_private[(KP_GUEST_FS - EXO_TB_KERNEL_PRIVATE) / 8];
	c->mask = tb->sigmask;
	tb->sigmask = ~0ull;
	return c;
}

/* POSIX's default action, taken by the host on the launcher. */
static void default_action(int sig, const siginfo_t *si)
{
	switch (signal_default_class(sig)) {
	case SIGDFL_IGNORE:
		return;
	case SIGDFL_STOP:
	case SIGDFL_TERMINATE:
		/* Delivered when this handler returns (the signal is blocked
		 * in it): the process stops or dies of it, as natively. A stop
		 * puts the handler back when SIGCONT arrives. */
		host_disposition(sig, SIG_DFL, 0);
		signal_requeue(sig, si);
		return;
	}
}

void signal_on_host(int sig, void *si_, void *uc_)
{
	siginfo_t *si = si_;
	ucontext_t *uc = uc_;
	struct exo_thread_block *tb = current_block();
	exo_u64 fs = rdfs(), bit = EXO_SIG_BIT(sig);
	struct ksignals *ks;
	struct exo_siginfo info;
	int saved_errno, full;

	if (!tb)
		return;
	wrfs(tb->kernel_private[(KP_KERNEL_FS - EXO_TB_KERNEL_PRIVATE) / 8]);
	saved_errno = errno;
	ks = ksignals_of(tb);
	if (sig == SIGCONT)
		signal_restore_stops();
	/* No room in the thread's queue (64 messages): held as a blocked
	 * one is, so a process-directed signal goes back to the process for
	 * another thread and a thread-directed one waits on the host, for
	 * this thread, until the vDSO's delivery has made room and changes
	 * the mask (which releases what is held). Linux would keep it too
	 * (RLIMIT_SIGPENDING) or refuse the send; it never drops it. */
	full = ks && ((ks->wait_set & bit) || signal_kind[sig] == EXO_SIGACT_HANDLE) &&
	       signal_queue_full(ks, sig);
	if (ks && (ks->wait_set & bit) && !full) {
		siginfo_from_host(&info, si);
		signal_enqueue(ks, &info, 0);
		tb->signal_pending = 1;
		if ((exo_u64)uc->uc_mcontext.gregs[REG_RIP] >= (exo_u64)host_cp_begin &&
		    (exo_u64)uc->uc_mcontext.gregs[REG_RIP] < (exo_u64)host_cp_end)
			uc->uc_mcontext.gregs[REG_RIP] = (greg_t)host_cp_cancel;
	} else if ((tb->sigmask & bit) || full) {
		/* Blocked now too: fault.c's handler runs with SA_NODEFER. */
		host_mask(SIG_BLOCK, bit, NULL);
		sigaddset(&uc->uc_sigmask, sig);
		__atomic_fetch_or(&tb->sigmask_held, bit, __ATOMIC_RELAXED);
		if (si->si_code == SI_TIMER)
			signal_timer_held(sig, si);
		else
			signal_requeue(sig, si);
	} else if (signal_kind[sig] == EXO_SIGACT_HANDLE && ks) {
		siginfo_from_host(&info, si);
		signal_enqueue(ks, &info, 0);
		deliver(tb, ks, uc, fs);
	} else if (signal_kind[sig] == EXO_SIGACT_DEFAULT)
		default_action(sig, si);
	errno = saved_errno;
	wrfs(fs);
}

/* A fault of the guest's own instructions (fault.c): its handler runs if
 * it has one and neither blocks nor ignores it; otherwise Linux's rule
 * for a blocked or ignored fault, death by it. */
int signal_fault(int sig, void *si_, void *uc_)
{
	siginfo_t *si = si_;
	ucontext_t *uc = uc_;
	struct exo_thread_block *tb = current_block();
	struct ksignals *ks = tb ? ksignals_of(tb) : NULL;
	struct exo_siginfo info;
	exo_u64 fs;

	/* Sent, not raised by an instruction: an ordinary signal. */
	if (si->si_code <= 0) {
		signal_on_host(sig, si, uc);
		return 1;
	}
	if (!ks || !signal_entry_address || signal_kind[sig] != EXO_SIGACT_HANDLE ||
	    (tb->sigmask & EXO_SIG_BIT(sig)) || in_kernel((exo_u64)uc->uc_mcontext.gregs[REG_RIP]))
		return 0;
	fs = rdfs();
	wrfs(tb->kernel_private[(KP_KERNEL_FS - EXO_TB_KERNEL_PRIVATE) / 8]);
	siginfo_from_host(&info, si);
	info.trapno = (exo_u64)uc->uc_mcontext.gregs[REG_TRAPNO];
	info.error = (exo_u64)uc->uc_mcontext.gregs[REG_ERR];
	signal_enqueue(ks, &info, 1);
	tb->signal_pending = 1;
	tb->signal_flags &= ~EXO_TB_SIG_IN_CALL;
	redirect(tb, ks, uc, fs);
	wrfs(fs);
	return 1;
}

void signal_install(int sig)
{
	unsigned long flags = SA_SIGINFO | SA_ONSTACK | (sig == SIGCHLD ? signal_child_flags : 0);

	if (sig == SIGKILL || sig == SIGSTOP || sig == SIGSYS || sig == SIGSEGV || sig == SIGBUS)
		return;
	if (sig == SIGCHLD)
		signal_child_installed();
	switch (signal_kind[sig]) {
	case EXO_SIGACT_IGNORE:
		host_disposition(sig, SIG_IGN, flags & ~(SA_SIGINFO | SA_ONSTACK));
		return;
	case EXO_SIGACT_DEFAULT:
		/* Nothing of the guest's runs: a host call it interrupts goes on. */
		flags |= SA_RESTART;
		break;
	}
	host_disposition(sig, (void *)signal_on_host, flags);
}

/* After a stop: the stop signals the guest leaves defaulted get the
 * handler back (default_action set them to the host's default). */
void signal_restore_stops(void)
{
	static const int stops[] = { SIGTSTP, SIGTTIN, SIGTTOU };
	unsigned i;

	for (i = 0; i < sizeof stops / sizeof stops[0]; i++)
		if (signal_kind[stops[i]] == EXO_SIGACT_DEFAULT)
			signal_install(stops[i]);
}

void signals_init(exo_u64 vdso_table, exo_u64 process_area, exo_u64 ignored, int after_exec)
{
	struct exo_process_page *pp = (struct exo_process_page *)process_area;
	const struct exo_vdso_table *t = (const struct exo_vdso_table *)vdso_table;
	struct host_sigaction cur;
	int sig;

	if (t->size >= 32 + 8 && t->signal_entry)
		signal_entry_address = vdso_table + (exo_u64)t->signal_entry;
	for (sig = 1; sig <= EXO_SIG_MAX; sig++) {
		/* Ignored signals stay ignored across exec, as Linux keeps them.
		 * At the first start they are the host's; after an exec the
		 * state says (the host's are the old launcher's, which mirrored
		 * them): 64 rt_sigaction calls fewer per exec. */
		if (!after_exec &&
		    syscall(SYS_rt_sigaction, sig, NULL, &cur, 8) == 0 && cur.handler == SIG_IGN &&
		    sig != SIGPIPE)
			signal_kind[sig] = EXO_SIGACT_IGNORE;
		/* The launcher's own SIGPIPE is always ignored, so the exec state
		 * says whether the guest's was (SIG_IGN survives exec). */
		if (ignored & EXO_SIG_BIT(sig))
			signal_kind[sig] = EXO_SIGACT_IGNORE;
		if (signal_kind[sig] == EXO_SIGACT_IGNORE)
			pp->sig_ignored |= EXO_SIG_BIT(sig);
		signal_install(sig);
	}
}

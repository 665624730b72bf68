/* Delivery: the Linux signal frame, the handler's entry, rt_sigreturn.
 *
 * The vDSO delivers what the kernel queued for the thread (native
 * EXO_NC_SIGNAL_TAKE) in two places: at the return of a translated call
 * (entry/syscall.S), and in an up-call the kernel makes when the thread
 * runs user code (entry/signal.S). Both hand a struct exo_signal_context
 * here. For each signal with a handler the frame Linux would build goes
 * on the right stack (pretcode = the program's sa_restorer, ucontext with
 * the registers and an XSAVE image, siginfo), and the handler's entry
 * becomes the context to resume, so several signals nest as on Linux.
 *
 * A call that a signal interrupted (-EINTR) is shown to the handler as
 * musl's patch 0003 asks: PC = return address - 1, inside the call
 * instruction, rsp as after the return. If the handler leaves that PC,
 * rt_sigreturn restarts the call (SA_RESTART and a call Linux restarts)
 * or returns -EINTR to the return address; if it moves it (musl's
 * cancellation), execution goes there. */
#include "../internal/syscalls.h"
#include "../internal/signal.h"

#define FRAME_MAGIC 0x5349474672616d65ull  /* "SIGFrame" */

/* What rt_sigreturn needs beyond Linux's frame. */
struct frame_private {
	exo_u64 magic;
	exo_u64 restart_pc;       /* the PC a handler sees for an interrupted call */
	exo_u64 ret;              /* that call's return address */
	exo_u64 nr;
	exo_u64 restart;
	/* The thread block's user_fixup at the interruption: a signal that
	 * lands inside one of the vDSO's copies of program memory must not
	 * see it armed (a fault in the handler would jump into the copy),
	 * and the copy needs it back when the handler returns. */
	exo_u64 fixup;
};

struct rt_frame {
	exo_u64 pretcode;
	struct linux_ucontext uc;
	struct linux_siginfo info;
	struct frame_private priv;
};

/* Calls Linux restarts after a handler with SA_RESTART: those that block
 * without a timeout of their own. Sleeps, waits with a timeout and the
 * signal waits return EINTR whatever the flag says (signal(7)). */
static int restartable(long nr)
{
	switch (nr) {
	case SYS_pause: case SYS_nanosleep_nr: case 230 /* clock_nanosleep */:
	case SYS_rt_sigsuspend: case SYS_rt_sigtimedwait:
	case 7 /* poll */: case 23 /* select */: case 270 /* pselect6 */: case 271 /* ppoll */:
	case 232 /* epoll_wait */: case 281 /* epoll_pwait */:
		return 0;
	default:
		return 1;
	}
}

static void xsave_info(void)
{
	unsigned a, b, c, d, lo, hi;

	if (exo_vdso_private.xsave_size)
		return;
	__asm__ volatile ("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0xd), "c"(0));
	__asm__ volatile ("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	exo_vdso_private.xsave_features = ((exo_u64)hi << 32) | lo;
	exo_vdso_private.xsave_size = b;
}

static void fpu_save(char *area)
{
	exo_u64 f = exo_vdso_private.xsave_features;
	exo_u32 size = exo_vdso_private.xsave_size;

	memset(area + 512, 0, 64);  /* the XSAVE header must start clean */
	__asm__ volatile ("xsave64 (%0)" :: "r"(area), "a"((exo_u32)f), "d"((exo_u32)(f >> 32)) : "memory");
	/* Linux's software bytes: an XSAVE image follows the legacy area. */
	*(exo_u32 *)(area + 464) = LINUX_FP_XSTATE_MAGIC1;
	*(exo_u32 *)(area + 468) = size + 4;
	*(exo_u64 *)(area + 472) = f;
	*(exo_u32 *)(area + 480) = size;
	*(exo_u32 *)(area + size) = LINUX_FP_XSTATE_MAGIC2;
}

/* A handler starts with the FPU in its initial state, as Linux's
 * signal delivery leaves it (x87 control word 0x37f, MXCSR 0x1f80, the
 * vector registers zero): an XSAVE image whose header marks every
 * component initial, MXCSR being loaded from its legacy area whatever
 * the header says. */
static void fpu_init(void)
{
	static const struct {
		unsigned char legacy[512];
		unsigned char header[64];
	} __attribute__((aligned(64))) initial = { .legacy = { [24] = 0x80, [25] = 0x1f } };
	exo_u64 f = exo_vdso_private.xsave_features;

	__asm__ volatile ("xrstor64 %0" :: "m"(initial), "a"((exo_u32)f), "d"((exo_u32)(f >> 32)) : "memory");
}

static void fpu_restore(const char *area)
{
	exo_u64 f = exo_vdso_private.xsave_features;

	if (!area)
		return;
	xsave_info();
	if (*(const exo_u32 *)(area + 464) == LINUX_FP_XSTATE_MAGIC1)
		__asm__ volatile ("xrstor64 (%0)" :: "r"(area), "a"((exo_u32)f), "d"((exo_u32)(f >> 32)) : "memory");
	else
		__asm__ volatile ("fxrstor64 (%0)" :: "r"(area) : "memory");
}

hidden void linux_siginfo_from(struct linux_siginfo *l, const struct exo_siginfo *e)
{
	memset(l, 0, sizeof *l);
	l->signo = e->signo;
	l->err = e->err;
	l->code = e->code;
	switch (e->signo) {
	case 4: case 5: case 7: case 8: case 11:  /* ILL TRAP BUS FPE SEGV */
		if (e->code > 0) {
			l->u.fault.addr = e->addr;
			return;
		}
		break;
	case LINUX_SIGCHLD:
		if (e->code > 0) {
			l->u.chld.pid = (exo_s32)e->pid;
			l->u.chld.uid = e->uid;
			l->u.chld.status = e->status;
			l->u.chld.utime = (exo_s64)e->utime;
			l->u.chld.stime = (exo_s64)e->stime;
			return;
		}
		break;
	}
	if (e->code == LINUX_SI_TIMER) {
		l->u.timer.tid = e->timer;
		l->u.timer.overrun = (exo_s32)e->overrun;
		l->u.timer.value = e->value;
		return;
	}
	l->u.kill.pid = (exo_s32)e->pid;
	l->u.kill.uid = e->uid;
	l->u.kill.value = e->value;
}

static int on_altstack(const struct exo_thread_block *tb, exo_u64 sp)
{
	return tb->altstack_size && sp - tb->altstack_sp <= tb->altstack_size;
}

/* Build the frame for sig and make ctx its handler's entry. */
static void push_frame(struct exo_signal_context *ctx, int sig, const struct exo_siginfo *info,
                       const struct vdso_sigaction *a, const struct frame_private *priv, exo_u64 run)
{
	struct exo_thread_block *tb = thread_block();
	exo_u64 sp = ctx->rsp - 128, fp;
	struct rt_frame *f;
	struct linux_sigcontext *m;

	if ((a->flags & LINUX_SA_ONSTACK) && tb->altstack_size && !(tb->altstack_flags & LINUX_SS_DISABLE) &&
	    !on_altstack(tb, ctx->rsp))
		sp = tb->altstack_sp + tb->altstack_size;
	xsave_info();
	fp = (sp - exo_vdso_private.xsave_size - 4) & ~63ull;
	sp = ((fp - sizeof *f) & ~15ull) - 8;
	f = (struct rt_frame *)sp;
	fpu_save((char *)fp);
	fpu_init();

	f->pretcode = a->restorer;
	f->uc.flags = LINUX_UC_FP_XSTATE | LINUX_UC_SIGCONTEXT_SS | LINUX_UC_STRICT_RESTORE_SS;
	f->uc.link = 0;
	f->uc.stack.sp = tb->altstack_sp;
	f->uc.stack.size = tb->altstack_size;
	f->uc.stack.flags = !tb->altstack_size ? LINUX_SS_DISABLE : on_altstack(tb, ctx->rsp) ? LINUX_SS_ONSTACK : 0;
	f->uc.stack.pad = 0;
	m = &f->uc.mcontext;
	m->r8 = ctx->r8; m->r9 = ctx->r9; m->r10 = ctx->r10; m->r11 = ctx->r11;
	m->r12 = ctx->r12; m->r13 = ctx->r13; m->r14 = ctx->r14; m->r15 = ctx->r15;
	m->rdi = ctx->rdi; m->rsi = ctx->rsi; m->rbp = ctx->rbp; m->rbx = ctx->rbx;
	m->rdx = ctx->rdx; m->rax = ctx->rax; m->rcx = ctx->rcx; m->rsp = ctx->rsp;
	m->rip = ctx->rip; m->eflags = ctx->rflags;
	m->cs = 0x33; m->gs = 0; m->fs = 0; m->ss = 0x2b;
	m->err = info->error; m->trapno = info->trapno;
	m->oldmask = ctx->mask;
	m->cr2 = info->addr;
	m->fpstate = fp;
	memset(m->reserved1, 0, sizeof m->reserved1);
	f->uc.sigmask = ctx->mask;
	linux_siginfo_from(&f->info, info);
	f->priv = *priv;

	ctx->rip = a->handler;
	ctx->rsp = sp;
	ctx->rdi = (exo_u64)sig;
	ctx->rsi = (exo_u64)&f->info;
	ctx->rdx = (exo_u64)&f->uc;
	ctx->rax = 0;
	ctx->rflags &= ~0x500ull;
	ctx->mask = run | a->mask | ((a->flags & LINUX_SA_NODEFER) ? 0 : EXO_SIG_BIT(sig));
	if (a->flags & LINUX_SA_RESETHAND)
		sigaction_reset(sig);
}

/* ctx->mask is the mask in force for ctx; after sigsuspend, the mask
 * in force now is the suspend mask and ctx's is the one it saved. */
static _Noreturn void deliver(struct exo_signal_context *ctx, long nr, exo_u64 fixup)
{
	struct exo_thread_block *tb = thread_block();
	struct frame_private priv = { 0, 0, 0, 0, 0, 0 };
	struct exo_siginfo info;
	int interrupted = nr >= 0 && (long)ctx->rax == -EINTR;
	exo_u64 ret = ctx->rip, run = ctx->mask;
	int sig;

	tb->signal_flags |= EXO_TB_SIG_IN_CALL;
	if (tb->signal_flags & EXO_TB_SIG_SUSPEND) {
		tb->signal_flags &= ~EXO_TB_SIG_SUSPEND;
		run = tb->sigmask;
		ctx->mask = tb->sigmask_saved;
	}
	for (;;) {
		signal_mask_set(run);
		sig = (int)native1(EXO_NC_SIGNAL_TAKE, &info);
		if (sig <= 0) {
			if (run != ctx->mask) {
				run = ctx->mask;
				continue;
			}
			tb->signal_flags &= ~EXO_TB_SIG_IN_CALL;
			if (!tb->signal_pending)
				break;
			tb->signal_flags |= EXO_TB_SIG_IN_CALL;
			continue;
		}
		exo_u64 h = sigaction_handler(sig);
		if (h == LINUX_SIG_IGN)
			continue;
		if (h == LINUX_SIG_DFL) {
			native1(EXO_NC_SIGNAL_DEFAULT, sig);
			continue;
		}
		if (interrupted) {
			struct vdso_sigaction *a = &exo_vdso_private.actions[sig - 1];
			priv.magic = FRAME_MAGIC;
			priv.restart_pc = ret - 1;
			priv.ret = ret;
			priv.nr = (exo_u64)nr;
			priv.restart = (a->flags & LINUX_SA_RESTART) && restartable(nr);
			ctx->rip = ret - 1;
			interrupted = 0;
		} else
			priv.magic = 0;
		struct vdso_sigaction a = exo_vdso_private.actions[sig - 1];
		priv.fixup = fixup;   /* the first frame resumes the interrupted context */
		fixup = 0;
		push_frame(ctx, sig, &info, &a, &priv, run);
		run = ctx->mask;
	}
	if (interrupted) {
		/* Interrupted by a signal that turned out to be blocked or
		 * ignored: Linux would not have interrupted the call at all. */
		ctx->rsp -= 8;
		*(exo_u64 *)ctx->rsp = ret;
		ctx->rip = (exo_u64)exo_syscall_restart;
		ctx->rax = (exo_u64)nr;
	}
	tb->user_fixup = fixup;
	signal_resume(ctx);
}

hidden _Noreturn void signal_deliver(struct exo_signal_context *ctx, long nr)
{
	deliver(ctx, nr, 0);
}

/* The up-call (entry/signal.S): the kernel blocked every signal and
 * passed the context on its own stack; ctx->mask is the program's. */
hidden _Noreturn void signal_upcall(const struct exo_signal_context *k)
{
	struct exo_thread_block *tb = thread_block();
	struct exo_signal_context ctx = *k;
	exo_u64 fixup = tb->user_fixup;

	tb->user_fixup = 0;
	tb->signal_flags |= EXO_TB_SIG_IN_CALL;
	deliver(&ctx, -1, fixup);
}

/* rt_sigreturn, reached from the entry with the frame's ucontext. */
hidden _Noreturn void signal_return(struct linux_ucontext *uc)
{
	struct exo_thread_block *tb = thread_block();
	const struct linux_sigcontext *m = &uc->mcontext;
	const struct frame_private *priv = &((struct rt_frame *)((char *)uc - 8))->priv;
	struct exo_signal_context ctx;

	tb->signal_flags |= EXO_TB_SIG_IN_CALL;
	ctx.r8 = m->r8; ctx.r9 = m->r9; ctx.r10 = m->r10; ctx.r11 = m->r11;
	ctx.r12 = m->r12; ctx.r13 = m->r13; ctx.r14 = m->r14; ctx.r15 = m->r15;
	ctx.rdi = m->rdi; ctx.rsi = m->rsi; ctx.rbp = m->rbp; ctx.rbx = m->rbx;
	ctx.rdx = m->rdx; ctx.rax = m->rax; ctx.rcx = m->rcx; ctx.rsp = m->rsp;
	ctx.rip = m->rip;
	/* The flags a program may change (Linux's FIX_EFLAGS): no IOPL, VM or RF games. */
	ctx.rflags = (m->eflags & 0x254dd5ull) | 0x202ull;
	ctx.fs = 0;
	ctx.mask = uc->sigmask & ~LINUX_UNBLOCKABLE;
	if (priv->magic == FRAME_MAGIC && ctx.rip == priv->restart_pc) {
		if (priv->restart) {
			ctx.rsp -= 8;
			*(exo_u64 *)ctx.rsp = priv->ret;
			ctx.rip = (exo_u64)exo_syscall_restart;
			ctx.rax = priv->nr;
		} else {
			ctx.rip = priv->ret;
			ctx.rax = (exo_u64)-EINTR;
		}
	}
	fpu_restore((const char *)m->fpstate);
	deliver(&ctx, -1, priv->fixup);
}

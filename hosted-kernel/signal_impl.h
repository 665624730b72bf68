/* Shared by the signal files of the hosted kernel model. */
#ifndef HOSTED_SIGNAL_IMPL_H
#define HOSTED_SIGNAL_IMPL_H

#include <signal.h>
#include <exo/signal.h>

#define KSIG_QUEUE 64
#define KSIG_STACK (64 * 1024)

/* A thread's signals: those queued for delivery by the vDSO, and the
 * stack up-calls start on. */
struct ksignals {
	struct exo_siginfo queue[KSIG_QUEUE];
	int count;
	exo_u64 bits;             /* signals in queue */
	exo_u64 wait_set;         /* EXO_NC_SIGNAL_WAIT: taken, not delivered */
	exo_u64 stack_top;
};

enum { SIGDFL_IGNORE, SIGDFL_STOP, SIGDFL_TERMINATE };

/* si_errno of a kill() that signal_requeue sent again as SI_QUEUE ("EXOQ"). */
#define REQUEUE_MARK 0x45584f51
/* si_errno of a child's SIGCHLD sent again as SI_QUEUE: "EXO" and its
 * CLD_* code (1-6) in the low byte. */
#define REQUEUE_CHILD 0x45584f00

extern unsigned char signal_kind[EXO_SIG_MAX + 1];
/* SA_NOCLDSTOP and SA_NOCLDWAIT for the host's SIGCHLD: the host's
 * children are the guest's. */
extern unsigned long signal_child_flags;

struct ksignals *ksignals_of(struct exo_thread_block *tb);
int signal_default_class(int sig);
long host_mask(int how, exo_u64 set, exo_u64 *old);
void host_disposition(int sig, void *handler, unsigned long flags);
void signal_requeue(int sig, const siginfo_t *si);
/* A signal that could not be kept: a trace line on stderr. */
void signal_lost(int sig, const char *why);
void siginfo_from_host(struct exo_siginfo *o, const siginfo_t *si);
void signal_enqueue(struct ksignals *ks, const struct exo_siginfo *info, int front);
void signal_install(int sig);
/* entry.S: the up-call's context at the return of a native call made
 * outside a translated call with a signal pending, or 0 (signal_return.S). */
struct exo_signal_context *signal_native_return(const exo_u64 *frame);
void signal_restore_stops(void);
/* signal_child.c: SIGCHLD at the host's default while the guest cannot
 * see it; signal_install(SIGCHLD) ends that. */
void signal_child_installed(void);
/* signal_timer.c: a timer's expiry that the guest blocks, and the overrun
 * of one delivered. */
void signal_timer_held(int sig, const siginfo_t *si);
exo_u32 signal_timer_delivered(const siginfo_t *si);
int signal_timer_for_thread(int id);

#endif

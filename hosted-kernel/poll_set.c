/* POLL over a kept per-thread interest set: what a capability kernel does
 * with a registered wait set, built here on a host epoll instance.
 *
 * A poll of many descriptors mostly asks again about the set it asked
 * about last time, and most of them are idle. The host's poll looks at
 * every one on every call (about 90 cycles each); this keeps, per
 * thread, an edge-triggered epoll instance holding the descriptors of
 * the previous call, and looks with a host poll only at the candidates:
 * descriptors seen ready last time, new ones, unpollable ones, and those
 * the epoll instance reported an event for since. Every other descriptor
 * was seen not ready by a host poll after its registration, and no wakeup
 * came for it since: on Linux a file cannot become ready without a wakeup
 * on its wait queue (a poll that sleeps relies on the same), so it is
 * still not ready, and its revents are 0, as the host's poll would say.
 * The revents that are reported come from a host poll of exactly the
 * entries asked (duplicates included), so they are the host's own.
 *
 * Level-triggered epoll was measured first (docs/hybrid-perf.md): it
 * re-polls every ready item in epoll_wait at about 280 cycles each, three
 * times what poll pays, so a set with half its descriptors ready got
 * slower; edge-triggered registrations cost nothing while idle.
 *
 * Identity: a registration carries the capability handle (slot and
 * generation) it was made for, and the index of its slot here. Linux keys
 * a registration on (file, descriptor number) and drops it only when the
 * file's last reference goes: a descriptor closed while a duplicate (or a
 * fork child) keeps its file leaves the registration behind, reporting
 * for a number that now names something else. Such an event names a slot
 * that no longer carries its handle: the set is dropped and rebuilt from
 * nothing on the next call. A stale event can only add a candidate, never
 * hide one, since candidates are looked at with a host poll.
 *
 * A fork child shares the parent's epoll instance: one epoll_ctl or even
 * one epoll_wait (which consumes the edge events) from the child would
 * corrupt the parent's view, so the child closes every inherited instance
 * before running guest code (poll_set_after_fork) and builds its own when
 * it first polls. exec is a host execve: EPOLL_CLOEXEC. A thread's set is
 * freed with the thread (a pthread key's destructor). */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <exo/status.h>
#include "net.h"

#define NO_SLOT 0xffffu
#define HASH_SIZE 2048u              /* twice EXO_POLL_MAX, a power of two */
#define EVENT_BATCH 64
#define SKIP_COLLECT_BELOW 4u          /* idle slots; see poll_set_poll */

struct slot {                        /* one registered host descriptor */
	exo_u32 handle;              /* the capability it stands for: its identity */
	int host_fd;
	unsigned events;             /* host events registered: its entries' union */
	exo_u8 unpollable;           /* epoll refused it (EPERM): always a candidate */
	exo_u8 look;                 /* a candidate for the next host poll */
	exo_u8 kept;                 /* scratch of the diff */
};

struct poll_set {
	int epfd;
	unsigned n;                  /* entries of the last call */
	unsigned nslots;
	struct poll_set *next, **prev;
	exo_u32 cap[EXO_POLL_MAX];   /* the last call's entries: capability... */
	exo_u16 events[EXO_POLL_MAX];/* ...and host events, for the steady-state compare */
	exo_u16 slot_of[EXO_POLL_MAX];
	struct slot slot[EXO_POLL_MAX];
	/* scratch, here rather than on the kernel stack */
	struct slot fresh[EXO_POLL_MAX];
	exo_u16 hash_new[HASH_SIZE], hash_old[HASH_SIZE];
	struct pollfd hp[EXO_POLL_MAX];
	exo_u16 hp_entry[EXO_POLL_MAX];
};

static __thread struct poll_set *mine;
static struct poll_set *all;         /* every thread's, for the fork child */
static pthread_mutex_t all_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_key_t end_key;
static pthread_once_t end_once = PTHREAD_ONCE_INIT;

static void set_free(struct poll_set *s)
{
	close(s->epfd);
	free(s);
}

static void unlink_set(struct poll_set *s)
{
	pthread_mutex_lock(&all_lock);
	if ((*s->prev = s->next))
		s->next->prev = s->prev;
	pthread_mutex_unlock(&all_lock);
}

/* The thread ends: its set goes with it. */
static void thread_end(void *p)
{
	struct poll_set *s = p;

	if (s == mine)
		mine = NULL;
	unlink_set(s);
	set_free(s);
}

static void make_key(void)
{
	if (pthread_key_create(&end_key, thread_end))
		end_key = (pthread_key_t)-1;
}

/* Forget this thread's set (a failed host call left it unknown, or a
 * stale registration showed): the next call starts from an empty one. */
static void drop_mine(void)
{
	struct poll_set *s = mine;

	if (!s)
		return;
	mine = NULL;
	pthread_setspecific(end_key, NULL);
	unlink_set(s);
	set_free(s);
}

static struct poll_set *get_mine(void)
{
	struct poll_set *s = mine;

	if (s)
		return s;
	pthread_once(&end_once, make_key);
	if (end_key == (pthread_key_t)-1 || !(s = malloc(sizeof *s)))
		return NULL;
	if ((s->epfd = epoll_create1(EPOLL_CLOEXEC)) < 0) {
		free(s);
		return NULL;
	}
	s->n = s->nslots = 0;
	if (pthread_setspecific(end_key, s)) {
		set_free(s);
		return NULL;
	}
	pthread_mutex_lock(&all_lock);
	if ((s->next = all))
		all->prev = &s->next;
	s->prev = &all;
	all = s;
	pthread_mutex_unlock(&all_lock);
	return mine = s;
}

/* In a fork child, before any guest instruction: the inherited epoll
 * instances are the parent's (its threads'); close the child's copies of
 * them all without touching them. The child has one thread, so no lock
 * is taken (another thread of the parent may have held it at the fork). */
void poll_set_after_fork(void)
{
	struct poll_set *s = all, *next;

	/* Only the stores that change something: each is a copied page of
	 * the launcher's data in a child that usually has no poll set
	 * (docs/legacy-processes.md, what a fork copies), and re-running
	 * pthread_mutex_init was also a fault in a text page of its own. */
	if (all_lock.__data.__lock)
		pthread_mutex_init(&all_lock, NULL);
	if (!s && !mine)
		return;
	all = NULL;
	mine = NULL;
	if (end_key != (pthread_key_t)-1 && s)
		pthread_setspecific(end_key, NULL);
	for (; s; s = next) {
		next = s->next;
		set_free(s);
	}
}

static unsigned hash_of(exo_u32 handle)
{
	return (handle * 0x9e3779b1u) >> (32 - 11);
}

/* The slot index + 1 of handle in table (0: absent), and where it goes. */
static unsigned hash_find(const exo_u16 *table, const struct slot *slots, exo_u32 handle,
                          unsigned *at)
{
	unsigned i = hash_of(handle);

	while (table[i] && slots[table[i] - 1].handle != handle)
		i = (i + 1) & (HASH_SIZE - 1);
	*at = i;
	return table[i];
}

static int ctl(struct poll_set *s, int op, unsigned k, const struct slot *sl)
{
	struct epoll_event ev = {
		.events = (sl->events & ~(unsigned)POLLNVAL) | EPOLLET,
		.data.u64 = (exo_u64)k << 32 | sl->handle,
	};
	return epoll_ctl(s->epfd, op, sl->host_fd, &ev);
}

/* Make the registrations those of this call: DEL what went, ADD what
 * came, MOD what changed its events; the host is only asked about the
 * differences. 0, or -1 when the host refused something unforeseen (the
 * set is then unknown and dropped). */
static int diff(struct poll_set *s, const struct exo_pollfd *p, const struct pollfd *h,
                unsigned n)
{
	unsigned nfresh = 0, at;

	memset(s->hash_new, 0, sizeof s->hash_new);
	for (unsigned i = 0; i < n; i++) {
		unsigned k;
		s->cap[i] = p[i].cap;
		s->events[i] = (exo_u16)h[i].events;
		if (h[i].fd < 0) {           /* EXO_CAP_INVALID: the host skips it */
			s->slot_of[i] = NO_SLOT;
			continue;
		}
		if (!(k = hash_find(s->hash_new, s->fresh, p[i].cap, &at))) {
			/* poll allows one descriptor twice, epoll does not:
			 * one registration for the union of their events */
			s->fresh[nfresh] = (struct slot){ .handle = p[i].cap, .host_fd = h[i].fd };
			s->hash_new[at] = (exo_u16)(k = ++nfresh);
		}
		s->fresh[k - 1].events |= (unsigned short)h[i].events;
		s->slot_of[i] = (exo_u16)(k - 1);
	}
	s->n = n;

	memset(s->hash_old, 0, sizeof s->hash_old);
	for (unsigned k = 0; k < s->nslots; k++) {
		hash_find(s->hash_old, s->slot, s->slot[k].handle, &at);
		s->hash_old[at] = (exo_u16)(k + 1);
		s->slot[k].kept = 0;
	}
	for (unsigned k = 0; k < nfresh; k++) {
		struct slot *f = &s->fresh[k];
		unsigned o = hash_find(s->hash_old, s->slot, f->handle, &at);
		if (o && s->slot[o - 1].host_fd == f->host_fd) {
			struct slot *old = &s->slot[o - 1];
			old->kept = 1;
			f->unpollable = old->unpollable;
			f->look = old->look;
			f->kept = (exo_u8)(o - 1 != k || old->events != f->events ? 2 : 1);
		} else {
			f->kept = 0;         /* to add */
		}
	}
	/* DEL first: a descriptor number released and reused by a new
	 * capability of this call must be free in the set before its ADD. */
	for (unsigned k = 0; k < s->nslots; k++)
		if (!s->slot[k].kept && !s->slot[k].unpollable)
			epoll_ctl(s->epfd, EPOLL_CTL_DEL, s->slot[k].host_fd, NULL);
	for (unsigned k = 0; k < nfresh; k++) {
		struct slot *f = &s->fresh[k];
		if (f->unpollable)
			continue;
		if (f->kept == 2) {          /* other events or slot: data and mask */
			if (ctl(s, EPOLL_CTL_MOD, k, f) < 0)
				return -1;
			f->look = 1;
		} else if (!f->kept) {
			f->look = 1;
			if (ctl(s, EPOLL_CTL_ADD, k, f) == 0)
				continue;
			if (errno == EPERM)  /* a regular file, /dev/null: poll says ready */
				f->unpollable = 1;
			else if (errno != EEXIST || ctl(s, EPOLL_CTL_MOD, k, f) < 0)
				return -1;   /* EEXIST: the same file at the same number, left
				                behind by a closed duplicate: take it over */
		}
	}
	memcpy(s->slot, s->fresh, nfresh * sizeof s->slot[0]);
	s->nslots = nfresh;
	return 0;
}

static int same_as_last(const struct poll_set *s, const struct exo_pollfd *p,
                        const struct pollfd *h, unsigned n)
{
	if (s->n != n)
		return 0;
	for (unsigned i = 0; i < n; i++)
		if (s->cap[i] != p[i].cap || s->events[i] != (exo_u16)h[i].events)
			return 0;
	return 1;
}

/* Collect the events queued since the last look (timeout 0) or wait for
 * one (the wait a signal for the thread ends, signal_cp.S). The number
 * collected, 0, -1 for a stale registration, or -errno. */
static long collect(struct poll_set *s, int ms)
{
	struct epoll_event ev[EVENT_BATCH];
	long r, got = 0;

	do {
		if (ms)
			r = host_call_cp(SYS_epoll_wait, s->epfd, (long)ev, EVENT_BATCH, ms, 0, 0);
		else if ((r = syscall(SYS_epoll_wait, s->epfd, ev, EVENT_BATCH, 0)) < 0)
			r = -errno;
		if (r < 0)
			return r;
		for (long i = 0; i < r; i++) {
			exo_u64 k = ev[i].data.u64 >> 32;
			if (k >= s->nslots || s->slot[k].handle != (exo_u32)ev[i].data.u64)
				return -1;
			s->slot[k].look = 1;
		}
		got += r;
		ms = 0;
	} while (r == EVENT_BATCH);
	return got;
}

/* A host poll of the candidates' entries, timeout 0: their revents into
 * h, the number of ready entries, or -errno. A slot stays a candidate
 * while ready: going not-ready wakes nobody, so only a look can tell. */
static long look(struct poll_set *s, struct pollfd *h, unsigned n)
{
	unsigned m = 0;
	long r;

	for (unsigned i = 0; i < n; i++) {
		unsigned k = s->slot_of[i];
		if (k == NO_SLOT || !(s->slot[k].look | s->slot[k].unpollable))
			continue;
		s->hp[m] = (struct pollfd){ h[i].fd, h[i].events, 0 };
		s->hp_entry[m++] = (exo_u16)i;
	}
	if (!m)
		return 0;
	if ((r = syscall(SYS_poll, s->hp, m, 0)) < 0)
		return -errno;
	for (unsigned j = 0; j < m; j++)
		s->slot[s->slot_of[s->hp_entry[j]]].look = 0;
	r = 0;
	for (unsigned j = 0; j < m; j++) {
		h[s->hp_entry[j]].revents = s->hp[j].revents;
		if (s->hp[j].revents) {
			s->slot[s->slot_of[s->hp_entry[j]]].look = 1;
			r++;
		}
	}
	return r;
}

/* A host signal that the guest ignores or blocks (a child's SIGCHLD
 * with the default action) interrupts the host wait with nothing to
 * deliver: Linux's poll would go on waiting, and so does this, until the
 * same deadline (futex.c does the same). */
int poll_signal_pending(void)
{
	struct kthread *t = kthread_current();

	return !t || t->block->signal_pending;
}

exo_u64 poll_now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (exo_u64)t.tv_sec * 1000000000u + (exo_u64)t.tv_nsec;
}

long poll_set_poll(const struct exo_pollfd *p, struct pollfd *h, unsigned n, exo_u64 *ns)
{
	struct poll_set *s = get_mine();
	exo_u64 deadline = 0;
	long r;

	if (!s)
		return POLL_SET_DECLINED;
	if (!same_as_last(s, p, h, n) && diff(s, p, h, n) < 0)
		goto unknown;
	/* With (nearly) every slot a candidate anyway, collecting the events
	 * costs more (an epoll_wait, about 500 cycles) than the host poll
	 * saves (about 90 cycles a descriptor, 150 while exo-run's descriptor
	 * table was shared with the ticker thread; call_loop's poll8ready and
	 * poll64 rows, docs/hybrid-perf.md fifth pass): look at them all. The
	 * events left queued only make candidates of a later call. */
	unsigned idle = 0;
	for (unsigned k = 0; k < s->nslots; k++)
		idle += !(s->slot[k].look | s->slot[k].unpollable);
	if (idle < SKIP_COLLECT_BELOW) {
		for (unsigned k = 0; k < s->nslots; k++)
			s->slot[k].look = 1;
	} else if ((r = collect(s, 0)) == -1) {
		goto stale;
	} else if (r < 0) {
		return net_status_from_errno((int)-r);
	}
	if ((r = look(s, h, n)) < 0)
		return net_status_from_errno((int)-r);
	while (!r && *ns) {
		int ms = -1;
		if (*ns != EXO_TIMEOUT_INFINITE) {
			exo_u64 t = poll_now_ns();
			if (!deadline)
				deadline = t + *ns;
			if (t >= deadline)
				return 0;
			*ns = deadline - t;
			/* epoll counts milliseconds: round up, never return early */
			ms = *ns / 1000000u >= 0x7fffffff ? 0x7fffffff : (int)((*ns + 999999u) / 1000000u);
		}
		if ((r = collect(s, ms)) == -1)
			goto stale;
		if (r == -EINTR && !poll_signal_pending()) {
			r = 0;       /* a host signal with nothing for the guest: wait on */
			continue;
		}
		if (r < 0 || (r = look(s, h, n)) < 0)
			return net_status_from_errno((int)-r);
	}
	return r;
stale:
	if (deadline) {              /* the plain poll gets what is left */
		exo_u64 t = poll_now_ns();
		*ns = t >= deadline ? 0 : deadline - t;
	}
unknown:
	drop_mine();
	for (unsigned i = 0; i < n; i++)
		h[i].revents = 0;
	return POLL_SET_DECLINED;
}

/* select, pselect6: the descriptor sets become one EXO_OP_POLL array (one
 * ring entry for all of them), the results become sets again. Readiness
 * as Linux's select counts it (fs/select.c): readable on IN, HUP or ERR,
 * writable on OUT or ERR, exceptional on PRI. */
#include "../internal/net.h"

#define WORD_BITS 64

static int is_set(const exo_u64 *set, unsigned fd)
{
	return set && (set[fd / WORD_BITS] >> (fd % WORD_BITS)) & 1;
}

/* The sets the program gave (NULL or its address), copied in and out whole. */
struct fd_sets {
	exo_u64 *user[3];
	exo_u64 set[3][EXO_FD_TABLE_SIZE / WORD_BITS + 1];
};

static long do_select(long n, exo_u64 *urd, exo_u64 *uwr, exo_u64 *uex, exo_u64 timeout_ns)
{
	struct exo_pollfd p[EXO_POLL_MAX];
	unsigned short fd_of[EXO_POLL_MAX];
	struct fd_sets s;
	exo_u64 *rd, *wr, *ex;
	unsigned long bytes;
	unsigned count = 0;
	long r, ready = 0;

	if (n < 0 || (int)n < 0)
		return -EINVAL;
	if ((unsigned long)n > exo_vdso_process.fd_limit)
		n = exo_vdso_process.fd_limit;   /* Linux clips to its table */
	if ((unsigned long)n > EXO_FD_TABLE_SIZE)
		n = EXO_FD_TABLE_SIZE;
	bytes = ((unsigned long)n + WORD_BITS - 1) / WORD_BITS * 8;
	s.user[0] = urd;
	s.user[1] = uwr;
	s.user[2] = uex;
	for (int i = 0; i < 3; i++)
		if (s.user[i] && user_read(s.set[i], s.user[i], bytes) < 0)
			return -EFAULT;
	rd = urd ? s.set[0] : 0;
	wr = uwr ? s.set[1] : 0;
	ex = uex ? s.set[2] : 0;
	for (unsigned fd = 0; fd < (unsigned)n; fd++) {
		unsigned ev = (is_set(rd, fd) ? EXO_POLL_IN : 0) | (is_set(wr, fd) ? EXO_POLL_OUT : 0) |
		              (is_set(ex, fd) ? EXO_POLL_PRI : 0);
		struct exo_fd_entry *e;
		if (!ev)
			continue;
		if (!(e = fd_lookup_inline(fd)))
			return -EBADF;
		p[count] = (struct exo_pollfd){ e->cap, (exo_u16)ev, 0 };
		fd_of[count++] = (unsigned short)fd;
	}
	if ((r = poll_caps(p, count, timeout_ns)) < 0)
		return r;
	for (unsigned long w = 0; w < ((unsigned long)n + WORD_BITS - 1) / WORD_BITS; w++) {
		if (rd) rd[w] = 0;
		if (wr) wr[w] = 0;
		if (ex) ex[w] = 0;
	}
	for (unsigned i = 0; i < count; i++) {
		unsigned fd = fd_of[i], rev = p[i].revents, ev = p[i].events;
		exo_u64 bit = 1ull << (fd % WORD_BITS);
		if ((ev & EXO_POLL_IN) && (rev & (EXO_POLL_IN | EXO_POLL_HUP | EXO_POLL_ERR)))
			rd[fd / WORD_BITS] |= bit, ready++;
		if ((ev & EXO_POLL_OUT) && (rev & (EXO_POLL_OUT | EXO_POLL_ERR)))
			wr[fd / WORD_BITS] |= bit, ready++;
		if ((ev & EXO_POLL_PRI) && (rev & EXO_POLL_PRI))
			ex[fd / WORD_BITS] |= bit, ready++;
	}
	for (int i = 0; i < 3; i++)
		if (s.user[i] && user_write(s.user[i], s.set[i], bytes) < 0)
			return -EFAULT;
	return ready;
}

/* The timeout is not written back: musl passes select and pselect6 a copy. */
hidden long sys_select(SYSCALL_ARGS)
{
	struct linux_timeval t, *tv = &t;
	exo_u64 ns = EXO_TIMEOUT_INFINITE;

	if (a5) {
		if (user_read(&t, (const void *)a5, sizeof t) < 0)
			return -EFAULT;
		if (tv->tv_sec < 0 || tv->tv_usec < 0)
			return -EINVAL;
		/* Linux accepts a tv_usec of a million or more and carries it. */
		ns = (exo_u64)tv->tv_sec * 1000000000u + (exo_u64)tv->tv_usec * 1000u;
	}
	return do_select(a1, (exo_u64 *)a2, (exo_u64 *)a3, (exo_u64 *)a4, ns);
}

hidden long sys_pselect6(SYSCALL_ARGS)
{
	exo_u64 mask[2];   /* { sigset_t *, size } */
	exo_u64 ns;
	long r;

	if (a6 && user_read(mask, (const void *)a6, sizeof mask) < 0)
		return -EFAULT;
	if (a6 && mask[0])
		return untranslated(SYS_pselect6, 0);
	if ((r = timeout_ns_from_timespec((const struct linux_timespec *)a5, &ns)) < 0)
		return r;
	return do_select(a1, (exo_u64 *)a2, (exo_u64 *)a3, (exo_u64 *)a4, ns);
}

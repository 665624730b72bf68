/* RING_ENTER's one-entry short path (ring_one.c): what it does must be
 * what the general path (ring.c) does, and what it declines must leave
 * the ring untouched so the general path can start over. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <exo/status.h>
#include <exo/thread.h>
#include "kernel_test.h"
#include <exo/ring_fs.h>

static struct kthread t;

static struct exo_ring_sqe *sqe_at(exo_u32 i)
{
	return (struct exo_ring_sqe *)((char *)t.ring + EXO_RING_SQE_OFFSET) + (i & (EXO_RING_ENTRIES - 1));
}

static struct exo_ring_cqe *cqe_at(exo_u32 i)
{
	return (struct exo_ring_cqe *)((char *)t.ring + EXO_RING_CQE_OFFSET) + (i & (EXO_RING_ENTRIES - 1));
}

static struct exo_ring_sqe *push(unsigned opcode, exo_cap_t cap, const void *buf, unsigned len)
{
	static exo_u64 ud = 1;
	struct exo_ring_sqe *s = sqe_at(t.ring->sq_tail);

	memset(s, 0, sizeof *s);
	s->opcode = (exo_u8)opcode;
	s->cap = cap;
	s->addr = (exo_u64)buf;
	s->len = len;
	s->user_data = ud++;
	t.ring->sq_tail++;
	return s;
}

/* The short path's completion: the count ring_enter would return, one
 * completion carrying the entry's user_data; the result is returned. */
static long one(const char *what)
{
	exo_u64 ud = sqe_at(t.ring->sq_tail - 1)->user_data;
	long n = ring_enter_one(&t);

	CHECK(n == 1, "%s: short path took it (%ld)", what, n);
	if (n != 1)
		return n;
	CHECK(t.ring->sq_head == t.ring->sq_tail && t.ring->cq_tail == t.ring->cq_head + 1,
	      "%s: indices", what);
	CHECK(cqe_at(t.ring->cq_head)->user_data == ud, "%s: user_data", what);
	return cqe_at(t.ring->cq_head++)->result;
}

/* Declined: nothing changed; then the general path's answer. */
static long declined(const char *what)
{
	struct exo_ring_header before = *t.ring;
	long n = ring_enter_one(&t);

	CHECK(n == RING_ONE_DECLINED, "%s: declined (%ld)", what, n);
	CHECK(!memcmp(&before, t.ring, sizeof before) && t.sq_head == before.sq_head &&
	      t.cq_tail == before.cq_tail, "%s: nothing changed", what);
	n = ring_enter(&t, 1, 1, 0);
	CHECK(n == 1, "%s: general path completes it (%ld)", what, n);
	return n == 1 ? cqe_at(t.ring->cq_head++)->result : n;
}

int main(void)
{
	char name[] = "/tmp/kernel_ring_one.XXXXXX";
	char buf[16];
	int p[2];
	int fd = mkstemp(name);

	CHECK(fd >= 0 && pipe(p) == 0, "setup");
	unlink(name);
	t.ring = mmap(NULL, EXO_RING_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ring_init(t.ring);
	exo_cap_t null = (exo_cap_t)cap_install(open("/dev/null", O_RDWR), EXO_OBJ_NULL,
	                                        EXO_RIGHT_READ | EXO_RIGHT_WRITE | EXO_RIGHT_SEEK | EXO_RIGHT_STAT);
	exo_cap_t file = (exo_cap_t)cap_install(fd, EXO_OBJ_FILE,
	                                        EXO_RIGHT_READ | EXO_RIGHT_WRITE | EXO_RIGHT_SEEK | EXO_RIGHT_STAT);
	exo_cap_t ro = (exo_cap_t)cap_install(dup(fd), EXO_OBJ_FILE, EXO_RIGHT_READ | EXO_RIGHT_SEEK);
	exo_cap_t rd = (exo_cap_t)cap_install(p[0], EXO_OBJ_PIPE, EXO_RIGHT_READ);
	exo_cap_t wr = (exo_cap_t)cap_install(p[1], EXO_OBJ_PIPE, EXO_RIGHT_WRITE);

	/* The null object: no host call. */
	push(EXO_OP_WRITE, null, "hello", 5);
	CHECK(one("null write") == 5, "null write");
	push(EXO_OP_READ, null, buf, sizeof buf);
	CHECK(one("null read") == 0, "null read");

	/* A regular file: raw host calls, -errno turned into statuses. */
	push(EXO_OP_WRITE, file, "0123456789", 10);
	CHECK(one("file write") == 10, "file write");
	push(EXO_OP_SEEK, file, NULL, 0)->offset = 2;
	CHECK(one("seek set") == 2, "seek set");
	struct exo_ring_sqe *s = push(EXO_OP_SEEK, file, NULL, 0);
	s->offset = 3;
	s->op_flags = EXO_SEEK_CUR;
	CHECK(one("seek cur") == 5, "seek cur");
	push(EXO_OP_READ, file, buf, 3);
	CHECK(one("file read") == 3 && !memcmp(buf, "567", 3), "file read");
	s = push(EXO_OP_READ, file, buf, 2);
	s->offset = 1;
	s->op_flags = EXO_IO_AT_OFFSET;
	CHECK(one("pread") == 2 && !memcmp(buf, "12", 2), "pread");
	s = push(EXO_OP_WRITE, file, "ab", 2);
	s->offset = 20;
	s->op_flags = EXO_IO_AT_OFFSET;
	CHECK(one("pwrite") == 2 && lseek(fd, 0, SEEK_CUR) == 8, "pwrite leaves the position");
	s = push(EXO_OP_SEEK, file, NULL, 0);
	s->offset = (exo_u64)-5;
	CHECK(one("seek before 0") == EXO_ERR_INVALID, "negative position");
	s = push(EXO_OP_SEEK, file, NULL, 0);
	s->op_flags = 7;
	CHECK(declined("bad whence") == EXO_ERR_INVALID, "bad whence");
	s = push(EXO_OP_SEEK, file, NULL, 0);
	s->op_flags = EXO_SEEK_DATA;
	CHECK(declined("seek data") == 0, "SEEK_DATA from 0 of a file with data");
	push(EXO_OP_WRITE, file, (void *)16, 4);
	CHECK(one("bad address") == EXO_ERR_FAULT, "write from a bad address");

	/* fstat: with a thread block its copy to the caller's buffer is the
	 * short path's fault-safe user_copy (fault.c resumes at user_fixup);
	 * the same answer as the general path's, and EFAULT for a bad
	 * address, the process alive. */
	struct exo_stat short_st, general_st;
	struct exo_thread_block *tb = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	                                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	fault_handlers_install();
	__asm__ volatile ("wrgsbase %0" :: "r"(tb) : "memory");
	memset(&short_st, 0xa5, sizeof short_st);
	push(EXO_OP_STAT, file, &short_st, 0);
	CHECK(one("fstat") == 0, "fstat");
	push(EXO_OP_STAT, file, (void *)16, 0);
	CHECK(one("fstat to a bad address") == EXO_ERR_FAULT && tb->user_fixup == 0,
	      "fstat to a bad address: EFAULT, recovery point disarmed");
	push(EXO_OP_STAT, file, (void *)~0ull, 0);
	CHECK(one("fstat to a non-canonical address") == EXO_ERR_FAULT, "fstat past the user range");
	push(EXO_OP_STAT, ro, &short_st, 0);
	CHECK(declined("fstat without the right") == EXO_ERR_RIGHTS, "fstat rights");
	/* A guest signal marked pending before a pipe read starts (it came
	 * while the vDSO prepared the call): the read of the empty pipe must
	 * not start waiting, it ends as interrupted (signal_cp.S's check).
	 * A plain host call here would hang the test. */
	tb->signal_pending = 1;
	push(EXO_OP_READ, rd, buf, sizeof buf);
	CHECK(one("pipe read with a signal pending") == status_from_errno(EINTR),
	      "a pending signal ends a pipe read before it waits");
	tb->signal_pending = 0;

	/* stat by name (ring_one_name.c): the general path's answer, or
	 * declined when that answer is not the host's. */
	exo_cap_t tmp = (exo_cap_t)cap_install(open("/tmp", O_RDONLY | O_DIRECTORY), EXO_OBJ_DIRECTORY,
	                                       EXO_RIGHT_LOOKUP | EXO_RIGHT_STAT);
	exo_cap_t blind = (exo_cap_t)cap_install(open("/tmp", O_RDONLY | O_DIRECTORY), EXO_OBJ_DIRECTORY,
	                                         EXO_RIGHT_STAT);
	char sname[] = "/tmp/kernel_ring_one_s.XXXXXX";
	int sfd = mkstemp(sname);
	CHECK(sfd >= 0 && write(sfd, "12345", 5) == 5, "setup of a named file");
	close(sfd);
	long status_dummy;
	exo_cap_t root = (exo_cap_t)cap_install(open("/", O_RDONLY | O_DIRECTORY), EXO_OBJ_DIRECTORY,
	                                        EXO_RIGHT_LOOKUP | EXO_RIGHT_STAT);
	const char *rel = strrchr(sname, '/') + 1;
	static const struct { const char *what; int abs; unsigned flags; exo_cap_t dir; } names[] = {
		{ "relative", 0, 0, 0 }, { "absolute", 1, 0, 0 }, { "nofollow", 0, EXO_STAT_NOFOLLOW, 0 },
	};
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *nm = names[i].abs ? sname : rel;
		s = push(EXO_OP_STAT_AT, tmp, nm, 0);
		s->addr2 = (exo_u64)&short_st;
		s->op_flags = names[i].flags;
		exo_sqe_set_root(s, root);
		memset(&short_st, 0xa5, sizeof short_st);
		CHECK(one(names[i].what) == 0, "stat_at %s", names[i].what);
		s = push(EXO_OP_STAT_AT, tmp, nm, 0);
		s->addr2 = (exo_u64)&general_st;
		s->op_flags = names[i].flags;
		exo_sqe_set_root(s, root);
		memset(&general_st, 0x5a, sizeof general_st);
		CHECK(ring_enter(&t, 1, 1, 0) == 1 && cqe_at(t.ring->cq_head++)->result == 0 &&
		      !memcmp(&short_st, &general_st, sizeof short_st) && short_st.size == 5,
		      "stat_at %s agrees", names[i].what);
	}
	s = push(EXO_OP_STAT_AT, tmp, "no such name here", 0);
	s->addr2 = (exo_u64)&short_st;
	CHECK(one("stat_at ENOENT") == status_from_errno(ENOENT), "stat_at: the host's ENOENT");
	s = push(EXO_OP_STAT_AT, file, "", 0);
	s->addr2 = (exo_u64)&short_st;
	s->op_flags = EXO_STAT_EMPTY_NAME;
	CHECK(one("stat_at empty name") == 0 && short_st.size == 22, "stat_at of an empty name");
	s = push(EXO_OP_STAT_AT, blind, rel, 0);
	s->addr2 = (exo_u64)&short_st;
	CHECK(declined("stat_at without LOOKUP") == EXO_ERR_RIGHTS, "stat_at rights");
	s = push(EXO_OP_STAT_AT, ro, "", 0);
	s->addr2 = (exo_u64)&short_st;
	s->op_flags = EXO_STAT_EMPTY_NAME;
	CHECK(declined("stat_at of an empty name without STAT") == EXO_ERR_RIGHTS, "stat_at empty rights");
	s = push(EXO_OP_STAT_AT, file, rel, 0);
	s->addr2 = (exo_u64)&short_st;
	CHECK(declined("stat_at below a file") == EXO_ERR_NOT_DIR, "stat_at below a file");
	s = push(EXO_OP_STAT_AT, tmp, (void *)16, 0);
	s->addr2 = (exo_u64)&short_st;
	CHECK(declined("stat_at of a bad name") == EXO_ERR_FAULT && tb->user_fixup == 0,
	      "stat_at of a bad name");
	s = push(EXO_OP_STAT_AT, tmp, rel, 0);
	s->addr2 = 16;
	CHECK(one("stat_at to a bad address") == EXO_ERR_FAULT, "stat_at to a bad address");

	/* OPEN_AT of opens that write nothing: the same object and rights
	 * as the general path's; the host's ENOENT; others declined. */
	static const struct { const char *what; const char *nm; unsigned flags; } opens[] = {
		{ "open a file", NULL, EXO_OPEN_READ }, { "open /dev/null", "/dev/null", EXO_OPEN_READ },
		{ "open a directory", "/tmp", EXO_OPEN_READ | EXO_OPEN_DIRECTORY },
		{ "open nonblocking", NULL, EXO_OPEN_READ | EXO_OPEN_NONBLOCK | EXO_OPEN_NOFOLLOW },
	};
	for (unsigned i = 0; i < sizeof opens / sizeof opens[0]; i++) {
		long h[2];
		for (int general = 0; general < 2; general++) {
			s = push(EXO_OP_OPEN_AT, blind, opens[i].nm ? opens[i].nm : sname, 0);
			s->op_flags = opens[i].flags;
			exo_sqe_set_root(s, root);
			if (general)
				h[1] = ring_enter(&t, 1, 1, 0) == 1 ? cqe_at(t.ring->cq_head++)->result : -1;
			else
				h[0] = one(opens[i].what);
		}
		struct kcap *a = cap_get((exo_cap_t)h[0], 0, &status_dummy);
		struct kcap *b = cap_get((exo_cap_t)h[1], 0, &status_dummy);
		CHECK(h[0] >= 0 && h[1] >= 0 && (h[0] >> 32) == (h[1] >> 32) && a && b &&
		      a->rights == b->rights && a->object == b->object, "%s: as the general path",
		      opens[i].what);
		if (a)
			cap_release((exo_cap_t)h[0]);
		if (b)
			cap_release((exo_cap_t)h[1]);
	}
	push(EXO_OP_OPEN_AT, tmp, "no such name here", 0)->op_flags = EXO_OPEN_READ;
	CHECK(one("open ENOENT") == status_from_errno(ENOENT), "open: the host's ENOENT");
	push(EXO_OP_OPEN_AT, blind, rel, 0)->op_flags = EXO_OPEN_READ;
	CHECK(declined("open without LOOKUP") == EXO_ERR_RIGHTS, "open rights");
	push(EXO_OP_OPEN_AT, tmp, rel, 0)->op_flags = EXO_OPEN_READ | EXO_OPEN_WRITE;
	long wh = declined("open for writing");
	CHECK(wh >= 0, "open for writing: the general path");
	if (wh >= 0)
		cap_release((exo_cap_t)wh);
	unlink(sname);
	__asm__ volatile ("wrgsbase %0" :: "r"(0ul) : "memory");
	memset(&general_st, 0x5a, sizeof general_st);
	push(EXO_OP_STAT, file, &general_st, 0);
	CHECK(declined("fstat without a thread block") == 0, "general fstat");
	CHECK(!memcmp(&short_st, &general_st, sizeof short_st) && short_st.size == 22 &&
	      short_st.object == EXO_OBJ_FILE, "short and general fstat agree");

	/* A pipe: the general path's interruptible host call (signal_cp.S),
	 * made here (a plain call without a thread block). */
	push(EXO_OP_WRITE, wr, "xy", 2);
	CHECK(one("pipe write") == 2, "pipe write");
	push(EXO_OP_READ, rd, buf, sizeof buf);
	CHECK(one("pipe read") == 2 && !memcmp(buf, "xy", 2), "pipe read");
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	push(EXO_OP_READ, rd, buf, sizeof buf);
	CHECK(one("empty pipe read") == status_from_errno(EAGAIN), "EAGAIN of an empty pipe");
	fcntl(p[0], F_SETFL, 0);

	/* RELEASE: the slot freed and the host descriptor closed; the
	 * handle is then stale, which the general path reports. */
	int dfd = dup(fd);
	exo_cap_t gone = (exo_cap_t)cap_install(dfd, EXO_OBJ_FILE, EXO_RIGHT_READ);
	push(EXO_OP_RELEASE, gone, NULL, 0);
	CHECK(one("release") == 0 && fcntl(dfd, F_GETFD) < 0 && errno == EBADF,
	      "release closes the host descriptor");
	push(EXO_OP_RELEASE, gone, NULL, 0);
	CHECK(declined("release of a released handle") == EXO_ERR_BAD_CAP, "stale handle");

	/* Declined: the general path's statuses. */
	push(EXO_OP_WRITE, ro, "x", 1);
	CHECK(declined("no write right") == EXO_ERR_RIGHTS, "rights");
	push(EXO_OP_WRITE, 999, "x", 1);
	CHECK(declined("bad cap") == EXO_ERR_BAD_CAP, "bad cap");
	push(EXO_OP_SEEK, wr, NULL, 0);
	CHECK(declined("seek a pipe") == EXO_ERR_WRONG_TYPE, "pipe seek");
	push(EXO_OP_READ, wr, buf, sizeof buf);
	CHECK(declined("read of a pipe's write end") == EXO_ERR_RIGHTS, "pipe end rights");
	s = push(EXO_OP_WRITE, wr, "xy", 2);
	s->op_flags = EXO_IO_AT_OFFSET;
	CHECK(declined("pwrite of a pipe") == status_from_errno(ESPIPE), "pipe pwrite");
	push(EXO_OP_STAT, file, (void *)16, 0);
	CHECK(declined("stat without a thread block") == EXO_ERR_FAULT, "stat to a bad address");
	push(EXO_OP_TTY_WINSIZE, file, buf, 0);
	CHECK(declined("another opcode") == EXO_ERR_WRONG_TYPE, "winsize of a file");
	push(EXO_OP_WRITE, null, "x", 1)->flags = 0x80;
	CHECK(declined("sqe flags") == EXO_ERR_INVALID, "sqe flags");

	/* Nothing pending, corrupt indices, a full completion queue. */
	struct exo_ring_header before = *t.ring;
	CHECK(ring_enter_one(&t) == RING_ONE_DECLINED && !memcmp(&before, t.ring, sizeof before),
	      "nothing pending");
	t.ring->sq_tail += 1000;
	CHECK(ring_enter_one(&t) == RING_ONE_DECLINED, "corrupt sq_tail");
	t.ring->sq_tail -= 1000;
	for (unsigned i = 0; i < EXO_RING_ENTRIES; i++)
		push(EXO_OP_NOP, 0, NULL, 0);
	CHECK(ring_enter(&t, EXO_RING_ENTRIES, 0, 0) == EXO_RING_ENTRIES, "fill the cq");
	push(EXO_OP_WRITE, null, "x", 1);
	CHECK(ring_enter_one(&t) == RING_ONE_DECLINED && t.ring->sq_head == t.ring->sq_tail - 1,
	      "full cq: left pending");
	t.ring->cq_head += EXO_RING_ENTRIES;
	CHECK(one("once room") == 1, "runs once room");
	return finish("kernel_ring_one");
}

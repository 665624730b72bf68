/* Fusion Ring processing: batches, completions in order, and a ring the
 * guest corrupted (it lives in guest memory) refused without a crash. */
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <exo/status.h>
#include "kernel_test.h"

static struct kthread t;

static struct exo_ring_sqe *sqe_at(exo_u32 i)
{
	return (struct exo_ring_sqe *)((char *)t.ring + EXO_RING_SQE_OFFSET) + (i & (EXO_RING_ENTRIES - 1));
}

static struct exo_ring_cqe *cqe_at(exo_u32 i)
{
	return (struct exo_ring_cqe *)((char *)t.ring + EXO_RING_CQE_OFFSET) + (i & (EXO_RING_ENTRIES - 1));
}

static void push(unsigned opcode, exo_cap_t cap, const void *buf, unsigned len, exo_u64 ud)
{
	struct exo_ring_sqe *s = sqe_at(t.ring->sq_tail);
	memset(s, 0, sizeof *s);
	s->opcode = (exo_u8)opcode;
	s->cap = cap;
	s->addr = (exo_u64)buf;
	s->len = len;
	s->user_data = ud;
	t.ring->sq_tail++;
}

int main(void)
{
	int p[2];
	char buf[64];

	t.ring = mmap(NULL, EXO_RING_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ring_init(t.ring);
	CHECK(pipe(p) == 0, "pipe");
	exo_cap_t rd = (exo_cap_t)cap_install(p[0], EXO_OBJ_PIPE, EXO_RIGHT_READ);
	exo_cap_t wr = (exo_cap_t)cap_install(p[1], EXO_OBJ_PIPE, EXO_RIGHT_WRITE | EXO_RIGHT_STAT);

	/* Sixteen entries, one kernel entry, sixteen completions in order. */
	for (int i = 0; i < 16; i++)
		push(EXO_OP_WRITE, wr, &"abcdefghijklmnop"[i], 1, 100 + i);
	long n = ring_enter(&t, 16, 16, 0);
	CHECK(n == 16, "16 completions, got %ld", n);
	for (int i = 0; i < 16; i++)
		CHECK(cqe_at(t.ring->cq_head + i)->user_data == (exo_u64)(100 + i) &&
		      cqe_at(t.ring->cq_head + i)->result == 1, "completion %d", i);
	t.ring->cq_head += 16;
	CHECK(read(p[0], buf, sizeof buf) == 16 && !memcmp(buf, "abcdefghijklmnop", 16), "data in order");

	/* Mixed results: a bad capability fails its own entry only. */
	push(EXO_OP_NOP, 0, NULL, 0, 1);
	push(EXO_OP_WRITE, 999, "x", 1, 2);
	push(EXO_OP_WRITE, rd, "x", 1, 3);
	push(EXO_OP_WRITE, wr, "yz", 2, 4);
	CHECK(ring_enter(&t, 4, 4, 0) == 4, "4 completions");
	CHECK(cqe_at(t.ring->cq_head)->result == 0, "nop");
	CHECK(cqe_at(t.ring->cq_head + 1)->result == EXO_ERR_BAD_CAP, "bad cap");
	CHECK(cqe_at(t.ring->cq_head + 2)->result == EXO_ERR_RIGHTS, "rights");
	CHECK(cqe_at(t.ring->cq_head + 3)->result == 2, "write after failures");
	t.ring->cq_head += 4;
	CHECK(read(p[0], buf, sizeof buf) == 2, "drain");

	/* A bad address is the guest's problem, reported, never a crash. */
	push(EXO_OP_STAT, wr, (void *)16, 0, 5);
	CHECK(ring_enter(&t, 1, 1, 0) == 1 && cqe_at(t.ring->cq_head)->result == EXO_ERR_FAULT,
	      "stat to a bad address: %ld", (long)cqe_at(t.ring->cq_head)->result);
	t.ring->cq_head++;
	push(EXO_OP_WRITE, wr, (void *)16, 4, 6);
	CHECK(ring_enter(&t, 1, 1, 0) == 1 && cqe_at(t.ring->cq_head)->result == EXO_ERR_FAULT,
	      "write from a bad address");
	t.ring->cq_head++;

	/* Unknown flags in an entry fail that entry. */
	push(EXO_OP_NOP, 0, NULL, 0, 7);
	sqe_at(t.ring->sq_tail - 1)->flags = 0x80;
	CHECK(ring_enter(&t, 1, 1, 0) == 1 && cqe_at(t.ring->cq_head)->result == EXO_ERR_INVALID, "sqe flags");
	t.ring->cq_head++;

	/* Corrupted indices: more pending than the ring holds. */
	t.ring->sq_tail += 1000;
	CHECK(ring_enter(&t, 1, 1, 0) == EXO_ERR_INVALID, "corrupt sq_tail refused");
	t.ring->sq_tail -= 1000;
	CHECK(ring_enter(&t, 0, 0, 1) == EXO_ERR_INVALID, "unknown enter flags");

	/* A full completion queue stops processing instead of overwriting. */
	for (int i = 0; i < (int)EXO_RING_ENTRIES; i++)
		push(EXO_OP_NOP, 0, NULL, 0, 1000 + i);
	CHECK(ring_enter(&t, EXO_RING_ENTRIES, 0, 0) == EXO_RING_ENTRIES, "fill the cq");
	push(EXO_OP_NOP, 0, NULL, 0, 9999);
	CHECK(ring_enter(&t, 1, 0, 0) == EXO_RING_ENTRIES, "no room: nothing run");
	CHECK(t.ring->sq_head == t.ring->sq_tail - 1, "entry left pending");
	t.ring->cq_head += EXO_RING_ENTRIES;
	CHECK(ring_enter(&t, 1, 0, 0) == 1 && cqe_at(t.ring->cq_head)->user_data == 9999, "runs once room");
	return finish("kernel_ring");
}

/* Processing a thread's Fusion Ring. The ring lives in guest-writable
 * memory, so the kernel keeps its own sq_head and cq_tail, copies each
 * entry before acting on it, and rejects indices that make no sense. */
#include <string.h>
#include <exo/status.h>
#include "kernel.h"

void ring_init(struct exo_ring_header *h)
{
	memset(h, 0, sizeof *h);
	h->sq_entries = h->cq_entries = EXO_RING_ENTRIES;
	h->sq_mask = h->cq_mask = EXO_RING_ENTRIES - 1;
	h->sqe_offset = EXO_RING_SQE_OFFSET;
	h->cqe_offset = EXO_RING_CQE_OFFSET;
}

long ring_enter(struct kthread *t, exo_u32 to_submit, exo_u32 min_complete, exo_u32 flags)
{
	struct exo_ring_header *h = t->ring;
	char *base = (char *)h;
	struct exo_ring_sqe *sqes = (struct exo_ring_sqe *)(base + EXO_RING_SQE_OFFSET);
	struct exo_ring_cqe *cqes = (struct exo_ring_cqe *)(base + EXO_RING_CQE_OFFSET);
	exo_u32 tail = __atomic_load_n(&h->sq_tail, __ATOMIC_ACQUIRE);
	exo_u32 cq_head = __atomic_load_n(&h->cq_head, __ATOMIC_ACQUIRE);
	exo_u32 pending = tail - t->sq_head;

	(void)min_complete;  /* every entry completes before the call returns */
	if (flags)
		return EXO_ERR_INVALID;
	if (pending > EXO_RING_ENTRIES || t->cq_tail - cq_head > EXO_RING_ENTRIES)
		return EXO_ERR_INVALID;
	if (to_submit > pending)
		to_submit = pending;
	for (exo_u32 i = 0; i < to_submit; i++) {
		if (t->cq_tail - cq_head == EXO_RING_ENTRIES)
			break;  /* completion queue full: the rest waits */
		struct exo_ring_sqe sqe;
		ring_sqe_copy(&sqe, &sqes[t->sq_head & (EXO_RING_ENTRIES - 1)]);
		t->sq_head++;
		__atomic_store_n(&h->sq_head, t->sq_head, __ATOMIC_RELEASE);
		struct exo_ring_cqe *cqe = &cqes[t->cq_tail & (EXO_RING_ENTRIES - 1)];
		cqe->user_data = sqe.user_data;
		cqe->result = sqe.flags ? EXO_ERR_INVALID : cap_op(&sqe);
		t->cq_tail++;
		__atomic_store_n(&h->cq_tail, t->cq_tail, __ATOMIC_RELEASE);
	}
	return t->cq_tail - cq_head;
}

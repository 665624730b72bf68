/* Processing the running thread's Fusion Ring. The ring is user memory:
 * the kernel keeps its own sq_head and cq_tail, copies each entry in
 * before acting on it, and refuses indices that make no sense. */
#include "kernel.h"

#define SQE_AT(i) (current->ring + EXO_RING_SQE_OFFSET + ((i) & (EXO_RING_ENTRIES - 1)) * sizeof(struct exo_ring_sqe))
#define CQE_AT(i) (current->ring + EXO_RING_CQE_OFFSET + ((i) & (EXO_RING_ENTRIES - 1)) * sizeof(struct exo_ring_cqe))
#define HDR(field) (current->ring + __builtin_offsetof(struct exo_ring_header, field))

static long get_u32(u64 addr, u32 *v)
{
	return copy_from_user(&current->as, v, addr, sizeof *v);
}

static long put_u32(u64 addr, u32 v)
{
	return copy_to_user(&current->as, addr, &v, sizeof v);
}

long ring_enter(u32 to_submit, u32 min_complete, u32 flags)
{
	struct process *p = current;
	u32 tail, cq_head;

	(void)min_complete;   /* every entry completes before the call returns */
	if (flags)
		return EXO_ERR_INVALID;
	if (get_u32(HDR(sq_tail), &tail) < 0 || get_u32(HDR(cq_head), &cq_head) < 0)
		return EXO_ERR_FAULT;
	u32 pending = tail - p->sq_head;
	if (pending > EXO_RING_ENTRIES || p->cq_tail - cq_head > EXO_RING_ENTRIES)
		return EXO_ERR_INVALID;
	if (to_submit > pending)
		to_submit = pending;
	long status = 0;
	for (u32 i = 0; i < to_submit; i++) {
		struct exo_ring_sqe sqe;
		struct exo_ring_cqe cqe;
		if (p->cq_tail - cq_head == EXO_RING_ENTRIES)
			break;   /* completion queue full: the rest waits */
		if (copy_from_user(&p->as, &sqe, SQE_AT(p->sq_head), sizeof sqe) < 0) {
			status = EXO_ERR_FAULT;
			break;
		}
		p->sq_head++;
		cqe.user_data = sqe.user_data;
		cqe.result = sqe.flags ? EXO_ERR_INVALID : cap_op(&sqe);
		if (copy_to_user(&p->as, CQE_AT(p->cq_tail), &cqe, sizeof cqe) < 0) {
			status = EXO_ERR_FAULT;
			break;
		}
		p->cq_tail++;
	}
	/* The indices are published once per RING_ENTER, not per entry: what
	 * a batch saves (tools/qemu_bench.py, "ring, per entry"). */
	if (put_u32(HDR(sq_head), p->sq_head) < 0 || put_u32(HDR(cq_tail), p->cq_tail) < 0)
		return EXO_ERR_FAULT;
	return status ? status : (long)(p->cq_tail - cq_head);
}

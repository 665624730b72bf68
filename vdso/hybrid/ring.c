/* Synchronous use of the calling thread's Fusion Ring: one entry in, one
 * native RING_ENTER, one completion out. The ring is per thread, so no
 * lock is needed; the release/acquire pairs order the entry's contents
 * against the indices the kernel reads. */
#include "../internal/vdso.h"

static inline struct exo_ring_header *my_ring(void)
{
	return (struct exo_ring_header *)thread_block()->ring;
}

hidden long ring_run(const struct exo_ring_sqe *sqe)
{
	struct exo_ring_header *h = my_ring();
	char *base = (char *)h;
	exo_u32 tail = h->sq_tail;
	struct exo_ring_sqe *slot =
		(struct exo_ring_sqe *)(base + h->sqe_offset) + (tail & h->sq_mask);
	long n;

	*slot = *sqe;
	__atomic_store_n(&h->sq_tail, tail + 1, __ATOMIC_RELEASE);
	n = native3(EXO_NC_RING_ENTER, 1, 1, 0);
	if (n < 0)
		return n;

	exo_u32 head = h->cq_head;
	if (head == __atomic_load_n(&h->cq_tail, __ATOMIC_ACQUIRE))
		return EXO_ERR_IO;   /* the kernel said it completed; it did not */
	const struct exo_ring_cqe *cqe =
		(const struct exo_ring_cqe *)(base + h->cqe_offset) + (head & h->cq_mask);
	long result = cqe->result;
	__atomic_store_n(&h->cq_head, head + 1, __ATOMIC_RELEASE);
	return result;
}

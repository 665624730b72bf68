/* Synchronous use of the calling thread's Fusion Ring: one entry in, one
 * native RING_ENTER, one completion out. The ring is per thread, so no
 * lock is needed; the release/acquire pairs order the entry's contents
 * against the indices the kernel reads. */
#include "../internal/vdso.h"

static inline struct exo_ring_header *my_ring(void)
{
	return (struct exo_ring_header *)thread_block()->ring;
}

/* The completion of the one entry just submitted. */
static long ring_complete_one(struct exo_ring_header *h, long n)
{
	if (n < 0)
		return n;
	exo_u32 head = h->cq_head;
	if (head == __atomic_load_n(&h->cq_tail, __ATOMIC_ACQUIRE))
		return EXO_ERR_IO;   /* the kernel said it completed; it did not */
	const struct exo_ring_cqe *cqe =
		(const struct exo_ring_cqe *)((char *)h + h->cqe_offset) + (head & h->cq_mask);
	long result = cqe->result;
	__atomic_store_n(&h->cq_head, head + 1, __ATOMIC_RELEASE);
	return result;
}

hidden long ring_run(const struct exo_ring_sqe *sqe)
{
	struct exo_ring_header *h = my_ring();
	char *base = (char *)h;
	exo_u32 tail = h->sq_tail;
	struct exo_ring_sqe *slot =
		(struct exo_ring_sqe *)(base + h->sqe_offset) + (tail & h->sq_mask);

	*slot = *sqe;
	__atomic_store_n(&h->sq_tail, tail + 1, __ATOMIC_RELEASE);
	return ring_complete_one(h, native3(EXO_NC_RING_ENTER, 1, 1, 0));
}

/* ring_run of the common shape of entry, built in the slot with eight
 * 8-byte stores from registers: the kernel reads the entry with eight
 * 8-byte loads (hosted-kernel/ring.c), each then forwarded from one
 * store. An entry built on the stack with byte and word stores and
 * copied made 8-byte loads straddle two stores, which the store buffer
 * cannot forward (tests/bench/call_loop.c, docs/hybrid-perf.md). */
hidden long ring_run_io(unsigned opcode, exo_cap_t cap, exo_u64 offset, exo_u64 addr,
                        exo_u32 len, exo_u32 op_flags)
{
	struct exo_ring_header *h = my_ring();
	exo_u32 tail = h->sq_tail;
	exo_u64 *w = (exo_u64 *)((struct exo_ring_sqe *)((char *)h + h->sqe_offset) +
	                         (tail & h->sq_mask));

	_Static_assert(EXO_OFFSETOF(struct exo_ring_sqe, cap) == 4 &&
	               EXO_OFFSETOF(struct exo_ring_sqe, offset) == 8 &&
	               EXO_OFFSETOF(struct exo_ring_sqe, addr) == 16 &&
	               EXO_OFFSETOF(struct exo_ring_sqe, len) == 24 &&
	               EXO_OFFSETOF(struct exo_ring_sqe, op_flags) == 28 &&
	               sizeof(struct exo_ring_sqe) == 64, "the words below");
	w[0] = (exo_u8)opcode | (exo_u64)cap << 32;
	w[1] = offset;
	w[2] = addr;
	w[3] = len | (exo_u64)op_flags << 32;
	w[4] = w[5] = w[6] = w[7] = 0;
	__atomic_store_n(&h->sq_tail, tail + 1, __ATOMIC_RELEASE);
	return ring_complete_one(h, native3(EXO_NC_RING_ENTER, 1, 1, 0));
}

/* n entries (at most EXO_RING_ENTRIES) in one RING_ENTER; results[i] gets
 * entry i's completion. The entries complete in order (ring.h), and
 * user_data carries the index so a completion is matched to its entry
 * whatever order a kernel posts them in. Returns 0, or a status when the
 * submission itself failed (then no result is meaningful). */
hidden long ring_run_batch(const struct exo_ring_sqe *sqes, unsigned n, long *results)
{
	struct exo_ring_header *h = my_ring();
	char *base = (char *)h;
	struct exo_ring_sqe *ring_sqes = (struct exo_ring_sqe *)(base + h->sqe_offset);
	const struct exo_ring_cqe *cqes = (const struct exo_ring_cqe *)(base + h->cqe_offset);
	exo_u32 tail = h->sq_tail;
	long r;

	if (n > EXO_RING_ENTRIES)
		return EXO_ERR_INVALID;
	for (unsigned i = 0; i < n; i++) {
		struct exo_ring_sqe *slot = &ring_sqes[(tail + i) & h->sq_mask];
		*slot = sqes[i];
		slot->user_data = i;
		results[i] = EXO_ERR_IO;   /* until its completion says otherwise */
	}
	__atomic_store_n(&h->sq_tail, tail + n, __ATOMIC_RELEASE);
	r = native3(EXO_NC_RING_ENTER, n, n, 0);
	if (r < 0)
		return r;
	exo_u32 head = h->cq_head, end = __atomic_load_n(&h->cq_tail, __ATOMIC_ACQUIRE);
	for (; head != end; head++) {
		const struct exo_ring_cqe *cqe = &cqes[head & h->cq_mask];
		if (cqe->user_data < n)
			results[cqe->user_data] = cqe->result;
	}
	__atomic_store_n(&h->cq_head, head, __ATOMIC_RELEASE);
	return 0;
}

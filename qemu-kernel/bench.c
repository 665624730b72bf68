/* The `bench` command-line flag: cycle counts for tools/qemu_bench.py.
 *
 * Under TCG the TSC is QEMU's virtual clock, so only ratios mean anything.
 * Two measurements, both on the kernel's side of the line (the program
 * holds no POSIX-X code, so it cannot fill the ring sixteen entries at a
 * time; the vDSO submits one entry per RING_ENTER):
 *
 *  - while the program runs: cycles spent inside each RING_ENTER and
 *    CLOCK_READ, with the number of ring entries processed;
 *  - when it exits: the kernel plays the submitter on the program's own
 *    ring and capability table, BENCH_ROUNDS times sixteen zero-length
 *    writes to stdout, submitted one per RING_ENTER and sixteen per
 *    RING_ENTER, and times ring_enter itself (the filling of the entries
 *    is the submitter's work and is not counted).
 *
 * Results go to the log port as "exo-kernel: bench: ..." lines. */
#include "kernel.h"

#define BENCH_ROUNDS 2000
#define BATCH 16
#define STDOUT_CAP 2   /* start_fds installs stdin, stdout, stderr in order */

static struct {
	u64 ring_enters, ring_entries, ring_cycles;
	u64 clock_reads, clock_cycles;
} counts;

void bench_reset(void)
{
	memset(&counts, 0, sizeof counts);
}

void bench_ring_enter(u64 cycles, u32 entries)
{
	counts.ring_enters++;
	counts.ring_entries += entries;
	counts.ring_cycles += cycles;
}

void bench_clock_read(u64 cycles)
{
	counts.clock_reads++;
	counts.clock_cycles += cycles;
}

#define HDR(field) (current->ring + __builtin_offsetof(struct exo_ring_header, field))

/* Queue n entries as a submitter would, then time the kernel's side. */
static long submit_and_time(u32 n, u64 *cycles)
{
	struct exo_ring_sqe sqe = { .opcode = EXO_OP_WRITE, .cap = STDOUT_CAP };
	u32 tail, head;
	long r;

	if (copy_from_user(&current->as, &tail, HDR(sq_tail), 4) < 0)
		return EXO_ERR_FAULT;
	for (u32 i = 0; i < n; i++) {
		u64 at = current->ring + EXO_RING_SQE_OFFSET +
		         ((tail + i) & (EXO_RING_ENTRIES - 1)) * sizeof sqe;
		sqe.user_data = i;
		if (copy_to_user(&current->as, at, &sqe, sizeof sqe) < 0)
			return EXO_ERR_FAULT;
	}
	tail += n;
	if (copy_to_user(&current->as, HDR(sq_tail), &tail, 4) < 0)
		return EXO_ERR_FAULT;
	u64 t0 = rdtsc();
	r = ring_enter(n, n, 0);
	*cycles += rdtsc() - t0;
	/* Consume the completions, as the submitter would. */
	if (r >= 0 && (copy_from_user(&current->as, &head, HDR(cq_tail), 4) < 0 ||
	               copy_to_user(&current->as, HDR(cq_head), &head, 4) < 0))
		return EXO_ERR_FAULT;
	return r;
}

static void ring_batches(void)
{
	u64 one = 0, sixteen = 0;

	for (u32 round = 0; round < BENCH_ROUNDS; round++) {
		for (u32 i = 0; i < BATCH; i++)
			if (submit_and_time(1, &one) < 0)
				goto failed;
		if (submit_and_time(BATCH, &sixteen) < 0)
			goto failed;
	}
	kprintf("exo-kernel: bench: ring_batch 1 entries %lu cycles %lu\n",
	        (u64)BENCH_ROUNDS * BATCH, one);
	kprintf("exo-kernel: bench: ring_batch %u entries %lu cycles %lu\n",
	        BATCH, (u64)BENCH_ROUNDS * BATCH, sixteen);
	return;
failed:
	kprintf("exo-kernel: bench: ring_batch failed (the program's ring is not usable)\n");
}

void bench_report(void)
{
	kprintf("exo-kernel: bench: ring_enter calls %lu entries %lu cycles %lu\n",
	        counts.ring_enters, counts.ring_entries, counts.ring_cycles);
	kprintf("exo-kernel: bench: clock_read calls %lu cycles %lu\n",
	        counts.clock_reads, counts.clock_cycles);
	ring_batches();
}

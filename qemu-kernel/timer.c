/* The timer: the PIT's channel 0 at TICK_HZ on IRQ 0 (vector 0x20 after
 * the PIC remap of cpu.c). Each tick refreshes the kernel data page
 * (clock.c) and lets another runnable process have the CPU. Ticks arrive
 * only in ring 3: the kernel runs with interrupts off. */
#include "kernel.h"

#define PIT_HZ 1193182ul
#define TICK_HZ 100ul
#define TIMER_VECTOR 0x20

void timer_init(int clock_call)
{
	u32 divisor = (u32)((PIT_HZ + TICK_HZ / 2) / TICK_HZ);

	outb(0x43, 0x34);                 /* channel 0, lo/hi, mode 2 (rate generator) */
	outb(0x40, divisor & 0xff);
	outb(0x40, divisor >> 8);
	outb(0x21, inb(0x21) & ~0x01);    /* unmask IRQ 0 */
	if (!clock_call)
		clock_page_enable(1000000000ul / TICK_HZ);
	kprintf("exo-kernel: timer %lu Hz%s\n", TICK_HZ, clock_call ? ", clocks by native call" : "");
}

void timer_interrupt(void)
{
	outb(0x20, 0x20);                 /* end of interrupt, before a switch */
	clock_tick();
	sched_tick();
}

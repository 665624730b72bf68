/* Ending the machine: QEMU's isa-debug-exit device (iobase 0xf4) turns a
 * write of v into QEMU's exit status (v << 1) | 1. A shell truncates that
 * to 8 bits, so only v's low 7 bits survive; the full status is also on
 * the log's last line, "exo-kernel: power off, status N", which is what
 * tools/qemu_test.py reads (docs/qemu-kernel.md, "Exit status"). Without
 * the device (or if QEMU ignores it) the CPU halts for good. */
#include "kernel.h"

void power_off(int status)
{
	kprintf("exo-kernel: power off, status %d\n", status);
	outl(0xf4, (u32)status);
	for (;;)
		__asm__ volatile ("cli; hlt");
}

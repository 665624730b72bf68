/* Time: the TSC, calibrated against the PIT at boot, counts monotonic
 * time; the CMOS clock gives the wall-clock time once, at boot. Once the
 * timer runs (timer.c), the kernel data page is in EXO_CLOCK_MODE_TSC and
 * each tick moves its base to the current TSC, so the vDSO reads every
 * clock without entering the kernel; until then (and with the
 * "clockcall" boot option) it says EXO_CLOCK_MODE_NONE and the vDSO asks
 * EXO_NC_CLOCK_READ. */
#include <exo/kdata.h>
#include <exo/native.h>
#include <exo/objects.h>
#include "kernel.h"

#define PIT_HZ 1193182ul
#define CALIBRATION_TICKS 23864ul   /* 20 ms */
#define NSEC_PER_SEC 1000000000ul

static u64 tsc_boot, tsc_hz, realtime_boot_ns;
static u32 mult, shift;   /* ns = tsc * mult >> shift */
static u64 kdata_page;

static u64 pit_calibrate(void)
{
	u64 t0, t1;

	outb(0x61, (inb(0x61) & ~0x02) | 0x01);   /* gate channel 2, speaker off */
	outb(0x43, 0xb0);                          /* channel 2, lo/hi, mode 0 */
	outb(0x42, CALIBRATION_TICKS & 0xff);
	outb(0x42, CALIBRATION_TICKS >> 8);
	t0 = rdtsc();
	while (!(inb(0x61) & 0x20))
		;
	t1 = rdtsc();
	return (t1 - t0) * PIT_HZ / CALIBRATION_TICKS;
}

static u8 cmos(u8 reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

static unsigned bcd(u8 v, int binary)
{
	return binary ? v : (v >> 4) * 10 + (v & 15);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
static s64 days_from_civil(s64 y, unsigned m, unsigned d)
{
	y -= m <= 2;
	s64 era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (s64)doe - 719468;
}

static u64 rtc_read_ns(void)
{
	u8 sec, min, hour, day, mon, year, b;

	while (cmos(0x0a) & 0x80)   /* update in progress */
		;
	sec = cmos(0x00); min = cmos(0x02); hour = cmos(0x04);
	day = cmos(0x07); mon = cmos(0x08); year = cmos(0x09);
	b = cmos(0x0b);
	int binary = b & 4;
	unsigned h = bcd(hour & 0x7f, binary);
	if (!(b & 2) && (hour & 0x80))
		h = (h % 12) + 12;   /* 12-hour mode, PM */
	s64 days = days_from_civil(2000 + bcd(year, binary), bcd(mon, binary), bcd(day, binary));
	s64 secs = days * 86400 + h * 3600 + bcd(min, binary) * 60 + bcd(sec, binary);
	return (u64)secs * NSEC_PER_SEC;
}

void clock_init(void)
{
	struct exo_kdata *kd;

	tsc_hz = pit_calibrate();
	shift = 32;
	while (shift && (NSEC_PER_SEC << shift) / tsc_hz > 0xffffffffu)
		shift--;
	mult = (u32)((NSEC_PER_SEC << shift) / tsc_hz);
	realtime_boot_ns = rtc_read_ns();
	tsc_boot = rdtsc();

	kdata_page = pmm_alloc();
	if (!kdata_page)
		panic("no page for the kernel data page");
	kd = phys_to_virt(kdata_page);
	kd->clock_mode = EXO_CLOCK_MODE_NONE;
	kd->tsc_hz = tsc_hz;
	kd->mult = mult;
	kd->shift = shift;
	/* The coarse clocks are served by EXO_NC_CLOCK_READ too, as exactly
	 * as the others. */
	kd->tick_ns = 1;
	kprintf("exo-kernel: TSC %lu kHz\n", tsc_hz / 1000);
}

/* The page's lines start where clock_monotonic_ns stands at the new
 * base, fractions of a nanosecond included (snsec keeps them), so a
 * reader computes exactly what the kernel would: no clock goes back at a
 * tick. */
void clock_tick(void)
{
	volatile struct exo_kdata *kd = phys_to_virt(kdata_page);
	static const unsigned line[EXO_KDATA_CLOCKS] = { EXO_KDATA_MONOTONIC, EXO_KDATA_REALTIME, EXO_KDATA_BOOTTIME };

	kd->seq++;
	__asm__ volatile ("" ::: "memory");
	u64 tsc = rdtsc();
	unsigned __int128 snsec = (unsigned __int128)(tsc - tsc_boot) * mult;
	for (unsigned i = 0; i < EXO_KDATA_CLOCKS; i++) {
		unsigned __int128 v = snsec;
		if (line[i] == EXO_KDATA_REALTIME)
			v += (unsigned __int128)realtime_boot_ns << shift;
		u64 sec = (u64)(v >> shift) / NSEC_PER_SEC;   /* no 128-bit division here */
		kd->base[i].sec = sec;
		kd->base[i].snsec = (u64)(v - ((unsigned __int128)(sec * NSEC_PER_SEC) << shift));
		kd->coarse[i].sec = kd->base[i].sec;
		kd->coarse[i].snsec = kd->base[i].snsec >> shift;
	}
	kd->tsc_base = tsc;
	__asm__ volatile ("" ::: "memory");
	kd->seq++;
}

void clock_page_enable(u64 tick_ns)
{
	volatile struct exo_kdata *kd = phys_to_virt(kdata_page);

	clock_tick();
	kd->tick_ns = tick_ns;
	kd->clock_mode = EXO_CLOCK_MODE_TSC;
}

u64 kdata_phys(void)
{
	return kdata_page;
}

u64 clock_monotonic_ns(void)
{
	return (u64)(((unsigned __int128)(rdtsc() - tsc_boot) * mult) >> shift);
}

long clock_read(unsigned clock, u64 uaddr)
{
	u64 ns = clock_monotonic_ns();
	struct exo_timespec ts = {0};

	switch (clock) {
	case EXO_CLOCK_MONOTONIC:
	case EXO_CLOCK_BOOTTIME:
	case EXO_CLOCK_MONOTONIC_RAW:
		break;
	case EXO_CLOCK_REALTIME:
		ns += realtime_boot_ns;
		break;
	case EXO_CLOCK_PROCESS_CPU:
	case EXO_CLOCK_THREAD_CPU:
		/* Wall time since the process started: it is the only one
		 * running while the programs of the tests run (a process that
		 * shares the CPU is charged for the others' time too). */
		ns -= current->start_ns;
		break;
	default:
		return EXO_ERR_INVALID;
	}
	ts.sec = (s64)(ns / NSEC_PER_SEC);
	ts.nsec = (u32)(ns % NSEC_PER_SEC);
	return copy_to_user(&current->as, uaddr, &ts, sizeof ts);
}

/* RDRAND where the CPU has it, else the TSC stirred: the vDSO's place
 * and AT_RANDOM need to differ between boots, not to be secret. */
u64 random_u64(void)
{
	static u64 state;
	u64 v;

	if (cpu_has_rdrand()) {
		for (int i = 0; i < 10; i++) {
			unsigned char ok;
			__asm__ volatile ("rdrand %0; setc %1" : "=r"(v), "=qm"(ok));
			if (ok)
				return v;
		}
	}
	state += rdtsc() + 0x9e3779b97f4a7c15ul;
	v = state;
	v = (v ^ (v >> 30)) * 0xbf58476d1ce4e5b9ul;
	v = (v ^ (v >> 27)) * 0x94d049bb133111ebul;
	return v ^ (v >> 31);
}

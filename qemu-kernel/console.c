/* The serial console: COM1 carries the program's standard output, COM2 its
 * standard error, COM3 the kernel's own log. A port QEMU was not given
 * (fewer -serial options) falls back to the one before it, so a single
 * `-serial stdio` shows everything interleaved. */
#include "kernel.h"

static const u16 port_base[PORT_COUNT] = { 0x3f8, 0x2f8, 0x3e8 };
static u16 port_of[PORT_COUNT];

/* The scratch register holds what was written only where a UART is. */
static int uart_present(u16 base)
{
	outb(base + 7, 0x5a);
	if (inb(base + 7) != 0x5a)
		return 0;
	outb(base + 7, 0xa5);
	return inb(base + 7) == 0xa5;
}

static void uart_init(u16 base)
{
	outb(base + 1, 0x00);   /* no interrupts */
	outb(base + 3, 0x80);   /* DLAB */
	outb(base + 0, 0x01);   /* 115200 baud */
	outb(base + 1, 0x00);
	outb(base + 3, 0x03);   /* 8N1 */
	outb(base + 2, 0x07);   /* FIFO on, cleared */
	outb(base + 4, 0x03);   /* DTR, RTS */
}

void console_init(void)
{
	u16 fallback = port_base[0];

	for (int i = 0; i < PORT_COUNT; i++) {
		if (i == 0 || uart_present(port_base[i])) {
			uart_init(port_base[i]);
			fallback = port_base[i];
		}
		port_of[i] = fallback;
	}
}

static void uart_putc(u16 base, char c)
{
	while (!(inb(base + 5) & 0x20))
		;
	outb(base, (u8)c);
}

void console_write(enum console_port port, const char *s, size_t n)
{
	u16 base = port_of[port];

	for (size_t i = 0; i < n; i++)
		uart_putc(base, s[i]);
}

/* kprintf: %s %c %d %u %x %lx %ld %lu %p and %%; the log port. */
struct sink { char buf[256]; size_t n; };

static void put(struct sink *k, char c)
{
	if (k->n == sizeof k->buf) {
		console_write(PORT_LOG, k->buf, k->n);
		k->n = 0;
	}
	k->buf[k->n++] = c;
}

static void put_num(struct sink *k, u64 v, unsigned base, int negative)
{
	char digits[24];
	int n = 0;

	if (negative)
		put(k, '-');
	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		put(k, digits[--n]);
}

static void vformat(struct sink *k, const char *fmt, __builtin_va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(k, *fmt);
			continue;
		}
		int is_long = 0;
		fmt++;
		while (*fmt == 'l') {
			is_long = 1;
			fmt++;
		}
		switch (*fmt) {
		case 's': {
			const char *s = __builtin_va_arg(ap, const char *);
			for (s = s ? s : "(null)"; *s; s++)
				put(k, *s);
			break;
		}
		case 'c':
			put(k, (char)__builtin_va_arg(ap, int));
			break;
		case 'd': {
			s64 v = is_long ? __builtin_va_arg(ap, long) : __builtin_va_arg(ap, int);
			put_num(k, v < 0 ? -(u64)v : (u64)v, 10, v < 0);
			break;
		}
		case 'u':
			put_num(k, is_long ? __builtin_va_arg(ap, unsigned long) : __builtin_va_arg(ap, unsigned), 10, 0);
			break;
		case 'x':
			put_num(k, is_long ? __builtin_va_arg(ap, unsigned long) : __builtin_va_arg(ap, unsigned), 16, 0);
			break;
		case 'p':
			put(k, '0');
			put(k, 'x');
			put_num(k, (u64)__builtin_va_arg(ap, void *), 16, 0);
			break;
		case '%':
			put(k, '%');
			break;
		default:
			put(k, '?');
			break;
		}
	}
}

void kprintf(const char *fmt, ...)
{
	struct sink k = { .n = 0 };
	__builtin_va_list ap;

	__builtin_va_start(ap, fmt);
	vformat(&k, fmt, ap);
	__builtin_va_end(ap);
	console_write(PORT_LOG, k.buf, k.n);
}

void panic(const char *fmt, ...)
{
	struct sink k = { .n = 0 };
	__builtin_va_list ap;
	static const char prefix[] = "exo-kernel: panic: ";

	console_write(PORT_LOG, prefix, sizeof prefix - 1);
	__builtin_va_start(ap, fmt);
	vformat(&k, fmt, ap);
	__builtin_va_end(ap);
	put(&k, '\n');
	console_write(PORT_LOG, k.buf, k.n);
	power_off(EXIT_PANIC);
}

#include <stdio.h>

int main(void)
{
	printf("hello, %s\n", "world");
	printf("ints: %d %i %u\n", 42, -17, 4000000000u);
	printf("hex: %x %X %#x %08x\n", 255u, 3054u, 48879u, 0xbeefu);
	printf("long long: %lld %llu\n", -9007199254740993LL, 18446744073709551615ULL);
	printf("double: %.3f %.3f %e\n", 3.14159265, -0.0005, 12345.678);
	printf("width: [%5d] [%-5d] [%5s] [%-5s] [%c]\n", 7, 7, "ab", "ab", 'z');
	puts("puts line");
	fputs("to stderr\n", stderr);
	return 0;
}

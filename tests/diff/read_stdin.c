#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINES 256
#define MAX_LINE 16384

static char *lines[MAX_LINES];
static size_t nlines;

static void reverse_print(const char *s)
{
	size_t n = strlen(s);
	if (n && s[n - 1] == '\n')
		n--;
	for (size_t i = n; i-- > 0;)
		putchar(s[i]);
	putchar('\n');
}

static void read_with_fgets(void)
{
	static char buf[MAX_LINE];
	size_t bytes = 0, longest = 0;
	while (fgets(buf, sizeof buf, stdin)) {
		size_t n = strlen(buf);
		bytes += n;
		if (n > longest)
			longest = n;
		if (nlines < MAX_LINES)
			lines[nlines++] = strdup(buf);
	}
	printf("fgets: %zu lines, %zu bytes, longest %zu\n", nlines, bytes, longest);
}

static void read_with_getchar(void)
{
	size_t chars = 0, newlines = 0, words = 0;
	int c, in_word = 0;
	while ((c = getchar()) != EOF) {
		chars++;
		if (c == '\n')
			newlines++;
		if (c == ' ' || c == '\t' || c == '\n') {
			in_word = 0;
		} else if (!in_word) {
			in_word = 1;
			words++;
		}
	}
	printf("getchar: %zu lines, %zu words, %zu bytes\n", newlines, words, chars);
}

static void read_with_fread(void)
{
	char buf[1000];
	size_t n, total = 0, calls = 0;
	unsigned sum = 0;
	while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
		calls++;
		total += n;
		for (size_t i = 0; i < n; i++)
			sum = sum * 31 + (unsigned char)buf[i];
	}
	printf("fread: %zu bytes in %zu chunks, sum %08x, eof %d\n", total, calls, sum, feof(stdin) != 0);
}

int main(void)
{
	read_with_fgets();
	if (fseek(stdin, 0, SEEK_SET) != 0) {
		printf("rewind: failed\n");
		return 1;
	}
	read_with_getchar();
	rewind(stdin);
	read_with_fread();
	printf("--- reversed ---\n");
	for (size_t i = nlines; i-- > 0;)
		reverse_print(lines[i]);
	return 0;
}

/* wordfreq: counts the words of its standard input and prints the most
 * frequent ones. A small, ordinary stdio + malloc program: the README's
 * main job runs it under POSIX-X. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct word {
	char *text;
	unsigned long count;
	struct word *next;
};

#define BUCKETS 4096

static struct word *table[BUCKETS];
static unsigned long distinct;

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h % BUCKETS;
}

static void add(const char *text)
{
	struct word **p = &table[hash(text)];
	for (; *p; p = &(*p)->next)
		if (!strcmp((*p)->text, text)) {
			(*p)->count++;
			return;
		}
	*p = calloc(1, sizeof **p);
	if (!*p || !((*p)->text = strdup(text))) {
		perror("wordfreq");
		exit(1);
	}
	(*p)->count = 1;
	distinct++;
}

static int by_count(const void *a, const void *b)
{
	const struct word *x = *(struct word *const *)a, *y = *(struct word *const *)b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->text, y->text);
}

int main(int argc, char **argv)
{
	int top = argc > 1 ? atoi(argv[1]) : 10;
	char buf[256];
	size_t len = 0;
	unsigned long total = 0;
	int c;

	while ((c = getchar()) != EOF) {
		if (isalnum(c) || c == '_') {
			if (len < sizeof buf - 1)
				buf[len++] = (char)tolower(c);
			continue;
		}
		if (len) {
			buf[len] = 0;
			add(buf);
			total++;
			len = 0;
		}
	}
	if (len) {
		buf[len] = 0;
		add(buf);
		total++;
	}

	struct word **all = malloc((distinct ? distinct : 1) * sizeof *all);
	size_t n = 0;
	for (int i = 0; i < BUCKETS; i++)
		for (struct word *w = table[i]; w; w = w->next)
			all[n++] = w;
	qsort(all, n, sizeof *all, by_count);
	printf("%lu words, %lu distinct\n", total, distinct);
	for (size_t i = 0; i < n && i < (size_t)top; i++)
		printf("%7lu  %s\n", all[i]->count, all[i]->text);
	return 0;
}

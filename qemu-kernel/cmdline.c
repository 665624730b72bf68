/* The kernel command line (QEMU -append):
 *
 *   [trace] [bench] [clockcall] [env=NAME=VALUE]... [-- PROGRAM [ARG]...]
 *
 * Words are split as a POSIX shell splits them, with '...' and "..."
 * quoting and backslash escapes, so tools/qemu_test.py can pass any
 * argument with shlex.quote (an empty one is ''). With "--" the kernel
 * runs PROGRAM from the initrd with those arguments; without, it runs
 * every program of the initrd in order, each with argv = { name }. */
#include "kernel.h"

#define CMDLINE_MAX 4096

static char words[CMDLINE_MAX];

/* The next word of *p into out; returns the byte after it in out, or NULL
 * when there is no word left. */
static char *next_word(const char **p, char *out, char *end)
{
	const char *s = *p;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (!*s)
		return NULL;
	while (*s && *s != ' ' && *s != '\t' && *s != '\n' && out < end - 1) {
		if (*s == '\'') {
			for (s++; *s && *s != '\'' && out < end - 1; s++)
				*out++ = *s;
			if (*s)
				s++;
		} else if (*s == '"') {
			for (s++; *s && *s != '"' && out < end - 1; s++) {
				if (*s == '\\' && (s[1] == '"' || s[1] == '\\' || s[1] == '$' || s[1] == '`'))
					s++;
				*out++ = *s;
			}
			if (*s)
				s++;
		} else if (*s == '\\' && s[1]) {
			*out++ = s[1];
			s += 2;
		} else {
			*out++ = *s++;
		}
	}
	*out++ = 0;
	*p = s;
	return out;
}

void cmdline_parse(const char *cmdline, struct boot_options *opt)
{
	char *out = words, *end = words + sizeof words;
	int nargs = 0, nenv = 0, after_dashes = 0;

	memset(opt, 0, sizeof *opt);
	if (!cmdline)
		return;
	for (;;) {
		char *word = out;
		if (!(out = next_word(&cmdline, word, end)))
			break;
		if (after_dashes) {
			if (nargs < MAX_ARGS)
				opt->argv[nargs++] = word;
		} else if (!strcmp(word, "--")) {
			after_dashes = opt->have_program = 1;
		} else if (!strcmp(word, "trace")) {
			opt->trace = 1;
		} else if (!strcmp(word, "clockcall")) {
			opt->clock_call = 1;
		} else if (!strcmp(word, "bench")) {
			opt->bench = 1;
		} else if (!strncmp(word, "env=", 4)) {
			if (nenv < MAX_ARGS)
				opt->envp[nenv++] = word + 4;
		} else {
			kprintf("exo-kernel: unknown option '%s' ignored\n", word);
		}
	}
	if (opt->have_program && nargs == 0)
		opt->have_program = 0;
}

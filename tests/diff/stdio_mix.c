#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static FILE *stream_with(int mode, char *buf, size_t size)
{
	FILE *f = fdopen(dup(1), "w");
	if (!f || setvbuf(f, buf, mode, size) != 0)
		return 0;
	return f;
}

int main(void)
{
	static char full_buf[256];
	static unsigned char big[100 * 1024];
	FILE *unbuf = stream_with(_IONBF, 0, 0);
	FILE *line = stream_with(_IOLBF, 0, 0);
	FILE *full = stream_with(_IOFBF, full_buf, sizeof full_buf);
	if (!unbuf || !line || !full) {
		puts("stream setup failed");
		return 1;
	}

	printf("stdout: first\n");
	fflush(stdout);
	fprintf(stderr, "stderr: first\n");
	fprintf(full, "full: held until flush\n");
	fprintf(line, "line: partial ");
	fprintf(unbuf, "unbuf: immediate\n");
	fprintf(line, "completed\n");
	fflush(full);
	for (int i = 0; i < 20; i++)
		fprintf(full, "full %02d: %s\n", i, "filling a 256-byte buffer");
	fprintf(unbuf, "unbuf: after 20 full lines\n");
	fflush(full);
	fclose(unbuf);
	fclose(line);
	fclose(full);

	for (int i = 0; i < 5; i++) {
		printf("stdout %d\n", i);
		fprintf(stderr, "stderr %d\n", i);
		fflush(stdout);
	}

	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (unsigned char)(i * 131 + (i >> 8));
	size_t n = fwrite(big, 1, sizeof big, stdout);
	fflush(stdout);
	fprintf(stderr, "fwrite %zu of %zu\n", n, sizeof big);

	unsigned char bytes[256];
	for (int i = 0; i < 256; i++)
		bytes[i] = (unsigned char)i;
	fwrite(bytes, 1, sizeof bytes, stdout);
	printf("\nbuffered tail without explicit flush\n");
	fputs("stderr: done\n", stderr);
	return 0;
}

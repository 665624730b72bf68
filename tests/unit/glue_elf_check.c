/* exo_elf_check: a valid image in memory, one mutation per error code,
 * every prefix of the valid image, and real static programs.
 * Images are built with the host's <elf.h>, a definition independent of
 * kernel-glue's own elf64.h, so the two cross-check each other. */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "exo_glue.h"

#define IMAGE_SIZE 0x2010  /* ends with the last file byte: every prefix is short */

static int failures;

#define CHECK(cond, ...) do { if (!(cond)) { failures++; \
	printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

struct image {
	unsigned char bytes[IMAGE_SIZE];
};

static Elf64_Ehdr *ehdr(struct image *im) { return (Elf64_Ehdr *)im->bytes; }
static Elf64_Phdr *phdr(struct image *im, int i) { return (Elf64_Phdr *)(im->bytes + 64) + i; }

/* Headers and table in a read-only page, code, then data + bss; the layout
 * ld.bfd gives a static program. */
static void make_valid(struct image *im, int type, exo_u64 base)
{
	Elf64_Ehdr *e = ehdr(im);

	memset(im, 0, sizeof *im);
	memcpy(e->e_ident, ELFMAG, SELFMAG);
	e->e_ident[EI_CLASS] = ELFCLASS64;
	e->e_ident[EI_DATA] = ELFDATA2LSB;
	e->e_ident[EI_VERSION] = EV_CURRENT;
	e->e_type = type;
	e->e_machine = EM_X86_64;
	e->e_version = EV_CURRENT;
	e->e_entry = base + 0x1010;
	e->e_phoff = 64;
	e->e_ehsize = 64;
	e->e_phentsize = sizeof(Elf64_Phdr);
	e->e_phnum = 4;
	*phdr(im, 0) = (Elf64_Phdr){ PT_LOAD, PF_R, 0, base, base, 0x200, 0x200, 0x1000 };
	*phdr(im, 1) = (Elf64_Phdr){ PT_LOAD, PF_R | PF_X, 0x1000, base + 0x1000, base + 0x1000, 0x100, 0x100, 0x1000 };
	*phdr(im, 2) = (Elf64_Phdr){ PT_LOAD, PF_R | PF_W, 0x2000, base + 0x2000, base + 0x2000, 0x10, 0x3000, 0x1000 };
	*phdr(im, 3) = (Elf64_Phdr){ PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 0, 16 };
	memset(im->bytes + 0x1000, 0xcc, 0x100);
	memset(im->bytes + 0x2000, 0x5a, 0x10);
}

/* Check a copy of exactly size bytes, so ASan sees any read past it. */
static int check_bytes(const void *bytes, size_t size, struct exo_elf_image *out)
{
	unsigned char *copy = malloc(size ? size : 1);
	int r;

	memcpy(copy, bytes, size);
	r = exo_elf_check(copy, size, out);
	free(copy);
	return r;
}

static void test_valid(void)
{
	struct image im;
	struct exo_elf_image img;
	int r;

	make_valid(&im, ET_EXEC, 0x400000);
	r = check_bytes(im.bytes, IMAGE_SIZE, &img);
	CHECK(r == EXO_ELF_OK, "valid ET_EXEC: %s", exo_elf_strerror(r));
	CHECK(!img.is_pie, "ET_EXEC is not PIE");
	CHECK(img.entry == 0x401010, "entry %#llx", (unsigned long long)img.entry);
	CHECK(img.lo == 0x400000 && img.hi == 0x405000, "span [%#llx, %#llx)",
	      (unsigned long long)img.lo, (unsigned long long)img.hi);
	CHECK(img.phdr_vaddr == 0x400040, "phdr_vaddr from the PT_LOAD holding e_phoff: %#llx",
	      (unsigned long long)img.phdr_vaddr);
	CHECK(img.phnum == 4 && img.phentsize == 56, "phnum %u phentsize %u", img.phnum, img.phentsize);
	CHECK(img.nsegments == 3, "nsegments %u", img.nsegments);
	CHECK(img.segments[0].prot == EXO_PROT_READ, "seg0 prot %u", img.segments[0].prot);
	CHECK(img.segments[1].prot == (EXO_PROT_READ | EXO_PROT_EXEC), "seg1 prot %u", img.segments[1].prot);
	CHECK(img.segments[2].prot == (EXO_PROT_READ | EXO_PROT_WRITE), "seg2 prot %u", img.segments[2].prot);
	CHECK(img.segments[2].filesz == 0x10 && img.segments[2].memsz == 0x3000 &&
	      img.segments[2].offset == 0x2000, "seg2 sizes");
	CHECK(!img.stack_exec, "PT_GNU_STACK RW: stack not executable");

	make_valid(&im, ET_DYN, 0);
	*phdr(&im, 3) = (Elf64_Phdr){ PT_PHDR, PF_R, 64, 64, 64, 4 * 56, 4 * 56, 8 };
	r = check_bytes(im.bytes, IMAGE_SIZE, &img);
	CHECK(r == EXO_ELF_OK, "valid ET_DYN: %s", exo_elf_strerror(r));
	CHECK(img.is_pie && img.entry == 0x1010 && img.lo == 0 && img.hi == 0x5000, "ET_DYN fields");
	CHECK(img.phdr_vaddr == 64, "phdr_vaddr from PT_PHDR: %#llx", (unsigned long long)img.phdr_vaddr);

	make_valid(&im, ET_EXEC, 0x400000);
	phdr(&im, 3)->p_flags |= PF_X;
	r = check_bytes(im.bytes, IMAGE_SIZE, &img);
	CHECK(r == EXO_ELF_OK && img.stack_exec, "PT_GNU_STACK RWX: executable stack");

	/* An empty PT_LOAD is ignored, as Linux does. */
	make_valid(&im, ET_EXEC, 0x400000);
	*phdr(&im, 3) = (Elf64_Phdr){ PT_LOAD, PF_R, 0, 0x400000, 0x400000, 0, 0, 0x1000 };
	r = check_bytes(im.bytes, IMAGE_SIZE, &img);
	CHECK(r == EXO_ELF_OK && img.nsegments == 3, "empty PT_LOAD: %s", exo_elf_strerror(r));
}

struct mutation {
	const char *name;
	int expect;
	void (*apply)(struct image *);
	size_t size;                /* bytes handed to the check */
};

static void m_none(struct image *im) { (void)im; }
static void m_magic(struct image *im) { im->bytes[1] = 'e'; }
static void m_class(struct image *im) { im->bytes[EI_CLASS] = ELFCLASS32; }
static void m_endian(struct image *im) { im->bytes[EI_DATA] = ELFDATA2MSB; }
static void m_version(struct image *im) { ehdr(im)->e_version = 2; }
static void m_ident_version(struct image *im) { im->bytes[EI_VERSION] = 0; }
static void m_machine(struct image *im) { ehdr(im)->e_machine = EM_AARCH64; }
static void m_type(struct image *im) { ehdr(im)->e_type = ET_REL; }
static void m_phoff(struct image *im) { ehdr(im)->e_phoff = IMAGE_SIZE - 100; }
static void m_phoff_wrap(struct image *im) { ehdr(im)->e_phoff = ~0ull - 8; }
static void m_phentsize(struct image *im) { ehdr(im)->e_phentsize = 32; }
static void m_phnum_xnum(struct image *im) { ehdr(im)->e_phnum = 0xffff; }
static void m_outside(struct image *im) { phdr(im, 2)->p_filesz = 0x20; phdr(im, 2)->p_memsz = 0x3000; }
static void m_offset_wrap(struct image *im) { phdr(im, 2)->p_offset = ~0ull - 0xfff; }
static void m_vaddr_wrap(struct image *im) { phdr(im, 2)->p_vaddr = ~0ull - 0xfff; phdr(im, 2)->p_offset = 0x2000; }
static void m_kernel_half(struct image *im) { phdr(im, 2)->p_vaddr = 0x7ffffffff000; phdr(im, 2)->p_memsz = 0x2000; }
static void m_overlap(struct image *im) { phdr(im, 2)->p_vaddr = 0x401000; }
/* Disjoint bytes, one shared page: the loader would map that page twice. */
static void m_same_page(struct image *im) { phdr(im, 1)->p_vaddr = 0x400800; phdr(im, 1)->p_offset = 0x1800; }
static void m_misaligned(struct image *im) { phdr(im, 2)->p_vaddr = 0x402008; }
static void m_filesz(struct image *im) { phdr(im, 2)->p_memsz = 0x8; }
static void m_interp(struct image *im) { *phdr(im, 3) = (Elf64_Phdr){ PT_INTERP, PF_R, 0x200, 0x400200, 0x400200, 8, 8, 1 }; }
static void m_no_load(struct image *im) { for (int i = 0; i < 3; i++) phdr(im, i)->p_type = PT_NOTE; }
static void m_no_phdrs(struct image *im) { ehdr(im)->e_phnum = 0; }
static void m_entry_data(struct image *im) { ehdr(im)->e_entry = 0x402000; }
static void m_entry_none(struct image *im) { ehdr(im)->e_entry = 0x900000; }
static void m_entry_end(struct image *im) { ehdr(im)->e_entry = 0x401100; }

/* 17 one-page PT_LOADs in the first page's slack: one too many. */
static void m_too_many(struct image *im)
{
	ehdr(im)->e_phoff = 0x400;
	ehdr(im)->e_phnum = EXO_ELF_MAX_SEGMENTS + 1;
	for (int i = 0; i <= EXO_ELF_MAX_SEGMENTS; i++)
		*(Elf64_Phdr *)(im->bytes + 0x400 + i * 56) =
			(Elf64_Phdr){ PT_LOAD, PF_R | PF_X, 0x1000, 0x401000 + i * 0x1000ull,
			              0, 0x10, 0x10, 0x1000 };
}

static const struct mutation mutations[] = {
	{ "header truncated", EXO_ELF_TRUNCATED, m_none, 63 },
	{ "empty file", EXO_ELF_TRUNCATED, m_none, 0 /* empty */ },
	{ "bad magic", EXO_ELF_BAD_MAGIC, m_magic, IMAGE_SIZE },
	{ "ELFCLASS32", EXO_ELF_WRONG_CLASS, m_class, IMAGE_SIZE },
	{ "big-endian", EXO_ELF_WRONG_ENDIAN, m_endian, IMAGE_SIZE },
	{ "e_version 2", EXO_ELF_WRONG_VERSION, m_version, IMAGE_SIZE },
	{ "EI_VERSION 0", EXO_ELF_WRONG_VERSION, m_ident_version, IMAGE_SIZE },
	{ "aarch64", EXO_ELF_WRONG_MACHINE, m_machine, IMAGE_SIZE },
	{ "ET_REL", EXO_ELF_WRONG_TYPE, m_type, IMAGE_SIZE },
	{ "phdr table truncated", EXO_ELF_BAD_PHDRS, m_none, 64 + 3 * 56 },
	{ "phdr table past the end", EXO_ELF_BAD_PHDRS, m_phoff, IMAGE_SIZE },
	{ "phdr offset wraps", EXO_ELF_BAD_PHDRS, m_phoff_wrap, IMAGE_SIZE },
	{ "phentsize 32", EXO_ELF_BAD_PHDRS, m_phentsize, IMAGE_SIZE },
	{ "PN_XNUM", EXO_ELF_BAD_PHDRS, m_phnum_xnum, IMAGE_SIZE },
	{ "too many PT_LOAD", EXO_ELF_BAD_PHDRS, m_too_many, IMAGE_SIZE },
	{ "segment past the end", EXO_ELF_SEGMENT_OUTSIDE_FILE, m_outside, IMAGE_SIZE },
	{ "segment offset wraps", EXO_ELF_SEGMENT_OUTSIDE_FILE, m_offset_wrap, IMAGE_SIZE },
	{ "segment address wraps", EXO_ELF_SEGMENT_WRAPS, m_vaddr_wrap, IMAGE_SIZE },
	{ "segment reaches the kernel half", EXO_ELF_SEGMENT_WRAPS, m_kernel_half, IMAGE_SIZE },
	{ "overlapping segments", EXO_ELF_SEGMENTS_OVERLAP, m_overlap, IMAGE_SIZE },
	{ "segments on one page", EXO_ELF_SEGMENTS_OVERLAP, m_same_page, IMAGE_SIZE },
	{ "offset/vaddr misaligned", EXO_ELF_BAD_ALIGNMENT, m_misaligned, IMAGE_SIZE },
	{ "filesz > memsz", EXO_ELF_FILESZ_OVER_MEMSZ, m_filesz, IMAGE_SIZE },
	{ "PT_INTERP", EXO_ELF_INTERPRETER, m_interp, IMAGE_SIZE },
	{ "no PT_LOAD", EXO_ELF_NO_SEGMENTS, m_no_load, IMAGE_SIZE },
	{ "no program headers", EXO_ELF_NO_SEGMENTS, m_no_phdrs, IMAGE_SIZE },
	{ "entry in data", EXO_ELF_BAD_ENTRY, m_entry_data, IMAGE_SIZE },
	{ "entry nowhere", EXO_ELF_BAD_ENTRY, m_entry_none, IMAGE_SIZE },
	{ "entry just past the code", EXO_ELF_BAD_ENTRY, m_entry_end, IMAGE_SIZE },
};

static void test_mutations(void)
{
	int seen[EXO_ELF_ERROR_COUNT] = { 0 };

	for (size_t i = 0; i < sizeof mutations / sizeof *mutations; i++) {
		const struct mutation *m = &mutations[i];
		struct image im;
		struct exo_elf_image img;
		int r;

		make_valid(&im, ET_EXEC, 0x400000);
		m->apply(&im);
		r = check_bytes(im.bytes, m->size, &img);
		CHECK(r == m->expect, "%s: got \"%s\", want \"%s\"", m->name,
		      exo_elf_strerror(r), exo_elf_strerror(m->expect));
		seen[m->expect] = 1;
	}
	for (int e = 1; e < EXO_ELF_ERROR_COUNT; e++)
		CHECK(seen[e], "no mutation tests error %d (%s)", e, exo_elf_strerror(e));
	CHECK(strcmp(exo_elf_strerror(EXO_ELF_INTERPRETER),
	             "dynamically linked programs are not supported (PT_INTERP)") == 0, "INTERPRETER message");
	CHECK(exo_elf_strerror(-1) && exo_elf_strerror(EXO_ELF_ERROR_COUNT), "strerror out of range");
}

static void test_prefixes(void)
{
	struct image im;
	struct exo_elf_image img;

	make_valid(&im, ET_EXEC, 0x400000);
	for (size_t n = 0; n < IMAGE_SIZE; n++) {
		int r = check_bytes(im.bytes, n, &img);
		CHECK(r != EXO_ELF_OK, "prefix of %zu bytes accepted", n);
		if (r == EXO_ELF_OK)
			break;
	}
}

/* Random byte changes in the headers: never a crash (run under ASan), and
 * whatever is accepted keeps the promises exo_elf_load relies on. */
static void test_random_mutations(void)
{
	unsigned long long seed = 0x9e3779b97f4a7c15ull;

	for (int round = 0; round < 50000; round++) {
		struct image im;
		struct exo_elf_image img;

		make_valid(&im, round & 1 ? ET_DYN : ET_EXEC, round & 1 ? 0 : 0x400000);
		for (int k = 0; k < 1 + round % 4; k++) {
			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			im.bytes[(seed >> 33) % (64 + 4 * 56)] = (unsigned char)(seed >> 17);
		}
		if (check_bytes(im.bytes, IMAGE_SIZE, &img) != EXO_ELF_OK)
			continue;
		for (unsigned i = 0; i < img.nsegments; i++) {
			const struct exo_elf_segment *sg = &img.segments[i];
			CHECK(sg->offset <= IMAGE_SIZE && sg->filesz <= IMAGE_SIZE - sg->offset &&
			      sg->filesz <= sg->memsz && sg->vaddr + sg->memsz <= 0x800000000000ull &&
			      sg->vaddr >= img.lo && sg->vaddr + sg->memsz <= img.hi,
			      "round %d: accepted segment %u breaks an invariant", round, i);
		}
	}
}

static int read_file(const char *path, unsigned char **bytes, size_t *size)
{
	FILE *f = fopen(path, "rb");
	long n;

	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	*bytes = malloc(n ? n : 1);
	*size = fread(*bytes, 1, n, f);
	fclose(f);
	return *size == (size_t)n ? 0 : -1;
}

static void expect_file(const char *path, int expect)
{
	unsigned char *bytes;
	size_t size;
	struct exo_elf_image img;
	int r;

	if (read_file(path, &bytes, &size)) {
		CHECK(0, "cannot read %s", path);
		return;
	}
	r = exo_elf_check(bytes, size, &img);
	CHECK(r == expect, "%s: got \"%s\", want \"%s\"", path, exo_elf_strerror(r), exo_elf_strerror(expect));
	if (r == EXO_ELF_OK)
		CHECK(img.phdr_vaddr != 0, "%s: AT_PHDR unknown (musl finds PT_TLS through it)", path);
	printf("%s: %s (%u segments)\n", path, exo_elf_strerror(r), img.nsegments);
	free(bytes);
}

/* Real programs: the ones named on the command line, else /bin/busybox,
 * else a static and a static-pie program built with $CC (default cc). */
static int test_real(int argc, char **argv)
{
	static const char *kinds[] = { "-static", "-static-pie" };
	const char *cc = getenv("CC") ? getenv("CC") : "cc";
	char cmd[512], out[64];
	int checked = 0;

	for (int i = 1; i < argc; i++, checked++)
		expect_file(argv[i], EXO_ELF_OK);
	if (checked)
		return 1;
	if (access("/bin/busybox", R_OK) == 0) {
		expect_file("/bin/busybox", EXO_ELF_OK);
		checked++;
	}
	for (int k = 0; k < 2; k++) {
		snprintf(out, sizeof out, "/tmp/glue_elf_check.%d%s", (int)getpid(), kinds[k]);
		snprintf(cmd, sizeof cmd, "printf '#include <stdio.h>\\nint d = 1; char b[9000];\\n"
		         "int main(void) { printf(\"%%%%d\\\\n\", d + b[1]); return 0; }\\n' | "
		         "%s %s -O2 -x c - -o %s 2>/dev/null", cc, kinds[k], out);
		if (system(cmd) != 0) {
			printf("note: cannot build a %s program with %s\n", kinds[k], cc);
			continue;
		}
		expect_file(out, EXO_ELF_OK);
		remove(out);
		checked++;
	}
	return checked;
}

int main(int argc, char **argv)
{
	test_valid();
	test_mutations();
	test_prefixes();
	test_random_mutations();
	/* This test itself is dynamically linked (ASan needs it). */
	expect_file("/proc/self/exe", EXO_ELF_INTERPRETER);
	if (!test_real(argc, argv) && !failures) {
		printf("skipped: no real static program to check\n");
		return 77;
	}
	if (failures)
		printf("%d check(s) failed\n", failures);
	else
		printf("glue_elf_check: all passed\n");
	return failures != 0;
}

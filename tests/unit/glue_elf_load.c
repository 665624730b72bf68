/* exo_elf_load over a fake address space: file bytes copied, bss and the
 * tail of the last file page zero, final protections, PIE bias, refusals;
 * and the same image mapped through map_image: file pages mapped, not
 * copied, the bss's first page zeroed from where the file part ends. */
#include <elf.h>
#include "fake_space.h"

static int failures;

#define CHECK(cond, ...) do { if (!(cond)) { failures++; \
	printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

#define FILE_SIZE 0x2200  /* 0xff bytes follow every file part */
#define WINDOW (16 * EXO_PAGE_SIZE)

static unsigned char file[FILE_SIZE];

/* Code page at base + 0x1000, data at base + 0x2000 with 0x100 file bytes
 * and bss up to base + 0x4800. The bytes after each segment's file part
 * are 0xff, so copying more than filesz shows. */
static void make_image(int type, exo_u64 base)
{
	Elf64_Ehdr *e = (Elf64_Ehdr *)file;
	Elf64_Phdr *ph = (Elf64_Phdr *)(file + 64);

	memset(file, 0xff, sizeof file);
	memset(file, 0, 64 + 3 * sizeof *ph);
	memcpy(e->e_ident, ELFMAG, SELFMAG);
	e->e_ident[EI_CLASS] = ELFCLASS64;
	e->e_ident[EI_DATA] = ELFDATA2LSB;
	e->e_ident[EI_VERSION] = EV_CURRENT;
	e->e_type = type;
	e->e_machine = EM_X86_64;
	e->e_version = EV_CURRENT;
	e->e_entry = base + 0x1000;
	e->e_phoff = 64;
	e->e_phentsize = sizeof *ph;
	e->e_phnum = 3;
	ph[0] = (Elf64_Phdr){ PT_LOAD, PF_R, 0, base, base, 0x100, 0x100, 0x1000 };
	ph[1] = (Elf64_Phdr){ PT_LOAD, PF_R | PF_X, 0x1000, base + 0x1000, base + 0x1000, 0x80, 0x80, 0x1000 };
	ph[2] = (Elf64_Phdr){ PT_LOAD, PF_R | PF_W, 0x2000, base + 0x2000, base + 0x2000, 0x100, 0x2800, 0x1000 };
	memset(file + 0x1000, 0xc3, 0x80);
	for (int i = 0; i < 0x100; i++)
		file[0x2000 + i] = (unsigned char)i;
}

static int all_zero(const unsigned char *p, size_t n)
{
	while (n--)
		if (*p++)
			return 0;
	return 1;
}

/* Both ways of loading give each page its segment's protection. */
static void check_prots(struct fake_space *f, exo_u64 at)
{
	CHECK(fake_prot(f, at) == EXO_PROT_READ, "headers page prot %d", fake_prot(f, at));
	CHECK(fake_prot(f, at + 0x1000) == (EXO_PROT_READ | EXO_PROT_EXEC), "code page prot %d",
	      fake_prot(f, at + 0x1000));
	for (int p = 2; p < 5; p++)
		CHECK(fake_prot(f, at + p * 0x1000) == (EXO_PROT_READ | EXO_PROT_WRITE), "data page %d prot %d",
		      p, fake_prot(f, at + p * 0x1000));
	CHECK(fake_prot(f, at + 0x5000) == -1, "page after bss mapped");
}

/* Load the image at bias, copied (mapped = 0) or through map_image. */
static void test_load(int type, exo_u64 base, exo_u64 bias, int mapped)
{
	struct fake_space f;
	struct exo_glue_ops ops;
	struct exo_elf_image img;
	exo_u64 at = base + bias;
	int r;

	make_image(type, base);
	r = exo_elf_check(file, sizeof file, &img);
	CHECK(r == EXO_ELF_OK, "check: %s", exo_elf_strerror(r));
	fake_init(&f, 0x400000, WINDOW);
	ops = fake_ops(&f);
	if (mapped) {
		f.image = file;
		f.image_size = sizeof file;
		ops.map_image = fake_map_image;
	}
	r = exo_elf_load(&img, file, bias, &ops);
	CHECK(r == 0, "type %d bias %#llx mapped %d: load returned %d", type,
	      (unsigned long long)bias, mapped, r);
	if (r)
		goto out;
	check_prots(&f, at);
	CHECK(memcmp(fake_at(&f, at + 0x2000), file + 0x2000, 0x100) == 0, "data not loaded");
	CHECK(all_zero(fake_at(&f, at + 0x2100), 0x2f00), "bss not zero");
	if (!mapped) {
		CHECK(memcmp(fake_at(&f, at), file, 0x100) == 0, "headers not copied");
		CHECK(all_zero(fake_at(&f, at + 0x100), 0xf00), "header page tail not zero");
		CHECK(memcmp(fake_at(&f, at + 0x1000), file + 0x1000, 0x80) == 0, "code not copied");
		CHECK(all_zero(fake_at(&f, at + 0x1080), 0xf80), "code page tail not zero");
		goto out;
	}
	/* Pages without a bss show the file as Linux maps it. */
	CHECK(memcmp(fake_at(&f, at), file, 0x1000) == 0, "headers page is not the file's");
	CHECK(memcmp(fake_at(&f, at + 0x1000), file + 0x1000, 0x1000) == 0, "code page is not the file's");
	unsigned images = 0, copied = 0;
	for (unsigned i = 0; i < f.ncalls && i < FAKE_MAX_CALLS; i++) {
		images += f.calls[i].op == FAKE_MAP_IMAGE;
		if (f.calls[i].op == FAKE_COPY_OUT)
			copied += f.calls[i].len;
	}
	CHECK(images == 3, "%u segments mapped from the image, not 3", images);
	CHECK(copied == 0xf00, "%u bytes copied, not only the bss's first page tail", copied);
out:
	fake_free(&f);
}

static int failing_map(void *ctx, exo_u64 addr, exo_u64 len, unsigned prot)
{
	(void)ctx, (void)addr, (void)len, (void)prot;
	return EXO_ERR_NO_MEMORY;
}

static void test_refusals(void)
{
	struct fake_space f;
	struct exo_glue_ops ops;
	struct exo_elf_image img;

	make_image(ET_EXEC, 0x400000);
	exo_elf_check(file, sizeof file, &img);
	fake_init(&f, 0x400000, WINDOW);
	ops = fake_ops(&f);
	CHECK(exo_elf_load(&img, file, 0x1000, &ops) == EXO_ERR_INVALID, "ET_EXEC moved");
	make_image(ET_DYN, 0);
	exo_elf_check(file, sizeof file, &img);
	CHECK(exo_elf_load(&img, file, 0x400800, &ops) == EXO_ERR_INVALID, "unaligned bias");
	CHECK(exo_elf_load(&img, file, 0x7ffffffff000ull, &ops) == EXO_ERR_INVALID, "bias past user space");
	CHECK(f.ncalls == 0, "a refused load called the ops");
	ops.map_anon = failing_map;
	CHECK(exo_elf_load(&img, file, 0x400000, &ops) == EXO_ERR_NO_MEMORY, "map_anon error not returned");
	fake_free(&f);
}

int main(void)
{
	test_load(ET_EXEC, 0x400000, 0, 0);
	test_load(ET_DYN, 0, 0x400000, 0);
	test_load(ET_DYN, 0, 0x408000, 0);
	test_load(ET_EXEC, 0x400000, 0, 1);
	test_load(ET_DYN, 0, 0x408000, 1);
	test_refusals();
	if (failures)
		printf("%d check(s) failed\n", failures);
	else
		printf("glue_elf_load: all passed\n");
	return failures != 0;
}

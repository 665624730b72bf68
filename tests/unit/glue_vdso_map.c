/* exo_vdso_map and exo_process_setup over a fake address space: layout,
 * protections, order of operations, the process page and the descriptor
 * table. */
#include <exo/debug.h>
#include "fake_space.h"

static int failures;

#define CHECK(cond, ...) do { if (!(cond)) { failures++; \
	printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

#define BASE 0x7fff00000000ull
#define WINDOW (64 * EXO_PAGE_SIZE)

static unsigned char image[2 * EXO_PAGE_SIZE];

static const struct exo_vdso_blob blob = {
	.image = image, .image_size = sizeof image,
	.sym_table = 0x100, .sym_syscall_entry = 0x200, .sym_native_syscall = 0x1f00,
};

static void test_map(void)
{
	struct fake_space f;
	struct exo_glue_ops ops;
	struct exo_vdso_mapping m;
	struct exo_process_page page;
	exo_u64 image_at = BASE + EXO_VDSO_IMAGE_OFFSET;
	int r;

	for (size_t i = 0; i < sizeof image; i++)
		image[i] = (unsigned char)(i * 7 + 1);
	fake_init(&f, BASE, WINDOW);
	ops = fake_ops(&f);

	CHECK(exo_vdso_area_size(&blob) == EXO_PAGE_SIZE + EXO_PROCESS_AREA_SIZE + 2 * EXO_PAGE_SIZE,
	      "area size %llu", (unsigned long long)exo_vdso_area_size(&blob));
	r = exo_vdso_map(&blob, BASE, &ops, &m);
	CHECK(r == 0, "map returned %d", r);
	if (r)
		goto out;
	CHECK(m.base == BASE && m.kdata == BASE && m.process == BASE + EXO_PAGE_SIZE &&
	      m.image == image_at && m.size == exo_vdso_area_size(&blob), "mapping addresses");
	CHECK(m.native_syscall == image_at + 0x1f00, "native_syscall %#llx", (unsigned long long)m.native_syscall);

	/* Protections, page by page. */
	CHECK(fake_prot(&f, BASE) == EXO_PROT_READ && *fake_at(&f, BASE) == FAKE_KDATA_BYTE,
	      "kdata page: prot %d", fake_prot(&f, BASE));
	for (unsigned p = 0; p < EXO_PROCESS_AREA_PAGES; p++)
		CHECK(fake_prot(&f, m.process + p * EXO_PAGE_SIZE) == (EXO_PROT_READ | EXO_PROT_WRITE),
		      "process page %u: prot %d", p, fake_prot(&f, m.process + p * EXO_PAGE_SIZE));
	for (unsigned p = 0; p < 2; p++)
		CHECK(fake_prot(&f, image_at + p * EXO_PAGE_SIZE) == (EXO_PROT_READ | EXO_PROT_EXEC),
		      "image page %u: prot %d", p, fake_prot(&f, image_at + p * EXO_PAGE_SIZE));
	CHECK(fake_prot(&f, image_at + 2 * EXO_PAGE_SIZE) == -1, "nothing mapped past the image");
	CHECK(memcmp(fake_at(&f, image_at), image, sizeof image) == 0, "image bytes differ");

	/* The process page as exo_glue.h promises; the rest of the area zero. */
	memcpy(&page, fake_at(&f, m.process), sizeof page);
	CHECK(page.native_entry == image_at + 0x1f00, "native_entry %#llx", (unsigned long long)page.native_entry);
	CHECK(page.fd_limit == EXO_FD_TABLE_SIZE, "fd_limit %u", page.fd_limit);
	CHECK(page.debug_flags == 0 && page.brk_start == 0 && page.brk_limit == 0, "fields not zero");
	for (exo_u64 a = m.process + sizeof page; a < m.process + EXO_PROCESS_AREA_SIZE; a++)
		if (*fake_at(&f, a)) {
			CHECK(0, "process area byte at +%#llx not zero", (unsigned long long)(a - m.process));
			break;
		}

	/* Every mapping call inside the area, and the image made executable
	 * only after it was copied. */
	int copied = -1, protected = -1;
	for (unsigned i = 0; i < f.ncalls && i < FAKE_MAX_CALLS; i++) {
		struct fake_call *c = &f.calls[i];
		CHECK(c->addr >= BASE && c->addr + c->len <= BASE + m.size, "call %u outside the area", i);
		if (c->op == FAKE_COPY_OUT && c->addr == image_at)
			copied = (int)i;
		if (c->op == FAKE_PROTECT && c->addr == image_at)
			protected = (int)i;
	}
	CHECK(copied >= 0 && protected > copied, "image copied (%d) then protected (%d)", copied, protected);

	/* A misaligned base, a hand-made blob with a symbol past the image. */
	struct exo_vdso_blob bad = blob;
	CHECK(exo_vdso_map(&blob, BASE + 8, &ops, &m) == EXO_ERR_INVALID, "misaligned base accepted");
	bad.sym_native_syscall = sizeof image;
	CHECK(exo_vdso_map(&bad, BASE, &ops, &m) == EXO_ERR_INVALID, "symbol past the image accepted");
	bad = blob;
	bad.image_size = 100;
	CHECK(exo_vdso_map(&bad, BASE, &ops, &m) == EXO_ERR_INVALID, "unaligned image size accepted");
out:
	fake_free(&f);
}

/* A kernel that keeps the image's pages (map_vdso_image): the glue asks
 * it to map the image where the copy would go, and copies nothing. */
static exo_u64 shared_addr, shared_len;
static int shared_calls;

static int map_shared_image(void *ctx, exo_u64 addr, exo_u64 len)
{
	shared_calls++;
	shared_addr = addr;
	shared_len = len;
	/* Stand in for the kernel's pages: mapped read + exec, the image's
	 * bytes (the fake space has no other way to hold them). */
	if (fake_map_anon(ctx, addr, len, EXO_PROT_READ | EXO_PROT_WRITE))
		return EXO_ERR_NO_MEMORY;
	memcpy(fake_at(ctx, addr), image, sizeof image);
	return fake_protect(ctx, addr, len, EXO_PROT_READ | EXO_PROT_EXEC);
}

static void test_map_shared(void)
{
	struct fake_space f;
	struct exo_glue_ops ops;
	struct exo_vdso_mapping m;
	exo_u64 image_at = BASE + EXO_VDSO_IMAGE_OFFSET;

	fake_init(&f, BASE, WINDOW);
	ops = fake_ops(&f);
	ops.map_vdso_image = map_shared_image;
	unsigned before = f.ncalls;
	int r = exo_vdso_map(&blob, BASE, &ops, &m);
	CHECK(r == 0, "map returned %d", r);
	CHECK(shared_calls == 1 && shared_addr == image_at && shared_len == sizeof image,
	      "map_vdso_image: %d calls, at %#llx, %llu bytes", shared_calls,
	      (unsigned long long)shared_addr, (unsigned long long)shared_len);
	CHECK(m.image == image_at && m.native_syscall == image_at + 0x1f00, "mapping addresses");
	/* The glue itself neither copied nor protected anything at the image:
	 * only the two recorded calls map_shared_image made (map, protect)
	 * touch it. */
	int glue_touches = 0;
	for (unsigned i = before; i < f.ncalls && i < FAKE_MAX_CALLS; i++)
		if (f.calls[i].addr >= image_at && f.calls[i].addr < image_at + sizeof image)
			glue_touches++;
	CHECK(glue_touches == 2, "%d operations on the image, wanted map_vdso_image's 2", glue_touches);
	fake_free(&f);
}

static void test_setup(void)
{
	struct fake_space f;
	struct exo_glue_ops ops;
	struct exo_vdso_mapping m;
	struct exo_process_page page;
	struct exo_fd_entry e;
	const struct exo_start_fd fds[] = {
		{ 0, 11, EXO_OBJ_TTY, EXO_FD_READ },
		{ 1, 12, EXO_OBJ_TTY, EXO_FD_WRITE },
		{ 2, 13, EXO_OBJ_PIPE, EXO_FD_WRITE | EXO_FD_NONBLOCK },
		{ 63, 14, EXO_OBJ_FILE, EXO_FD_READ | EXO_FD_WRITE | EXO_FD_APPEND },
	};
	struct exo_process_params p = {
		.native_entry = 0, .debug_flags = EXO_DEBUG_STATS, .fd_limit = 64,
		.brk_start = 0x600000, .brk_limit = 0x10600000, .nfds = 4, .fds = fds,
	};
	int r;

	fake_init(&f, BASE, WINDOW);
	ops = fake_ops(&f);
	r = exo_vdso_map(&blob, BASE, &ops, &m);
	CHECK(r == 0, "map returned %d", r);
	if (r)
		goto out;
	r = exo_process_setup(&m, &p, &ops);
	CHECK(r == 0, "setup returned %d", r);
	memcpy(&page, fake_at(&f, m.process), sizeof page);
	CHECK(page.native_entry == m.native_syscall, "native_entry 0 keeps the stub: %#llx",
	      (unsigned long long)page.native_entry);
	CHECK(page.debug_flags == EXO_DEBUG_STATS && page.fd_limit == 64 &&
	      page.brk_start == 0x600000 && page.brk_limit == 0x10600000, "header fields");
	for (unsigned i = 0; i < 4; i++) {
		memcpy(&e, fake_at(&f, m.process + EXO_PROCESS_FDS_OFFSET + fds[i].fd * sizeof e), sizeof e);
		CHECK(e.cap == fds[i].cap && e.object == fds[i].object && e.status_flags == fds[i].status_flags &&
		      e.fd_flags == 0 && e.reserved == 0, "fd %d entry", fds[i].fd);
	}
	memcpy(&e, fake_at(&f, m.process + EXO_PROCESS_FDS_OFFSET + 3 * sizeof e), sizeof e);
	CHECK(e.cap == EXO_CAP_INVALID, "fd 3 is free");

	p.native_entry = 0x123000;
	p.fd_limit = 0;
	p.nfds = 0;
	CHECK(exo_process_setup(&m, &p, &ops) == 0, "setup with defaults");
	memcpy(&page, fake_at(&f, m.process), sizeof page);
	CHECK(page.native_entry == 0x123000 && page.fd_limit == EXO_FD_TABLE_SIZE, "native_entry/fd_limit defaults");

	/* Refusals write nothing. */
	const struct exo_start_fd over[] = { { 64, 15, EXO_OBJ_FILE, EXO_FD_READ } };
	const struct exo_start_fd negative[] = { { -1, 15, EXO_OBJ_FILE, EXO_FD_READ } };
	unsigned before = f.ncalls;
	p.fd_limit = 64;
	p.nfds = 1;
	p.fds = over;
	CHECK(exo_process_setup(&m, &p, &ops) == EXO_ERR_INVALID, "fd == fd_limit accepted");
	p.fds = negative;
	CHECK(exo_process_setup(&m, &p, &ops) == EXO_ERR_INVALID, "fd -1 accepted");
	p.fds = fds;
	p.fd_limit = EXO_FD_TABLE_SIZE + 1;
	CHECK(exo_process_setup(&m, &p, &ops) == EXO_ERR_INVALID, "fd_limit above the table accepted");
	p.fd_limit = 0;
	p.brk_start = 0x600010;
	CHECK(exo_process_setup(&m, &p, &ops) == EXO_ERR_INVALID, "unaligned brk_start accepted");
	CHECK(f.ncalls == before, "a refused setup wrote something");
out:
	fake_free(&f);
}

int main(void)
{
	test_map();
	test_map_shared();
	test_setup();
	if (failures)
		printf("%d check(s) failed\n", failures);
	else
		printf("glue_vdso_map: all passed\n");
	return failures != 0;
}

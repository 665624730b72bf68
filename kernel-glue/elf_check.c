/* exo_elf_check: validate a static x86-64 program image before anything is
 * mapped, so exo_elf_load can trust every number it is given.
 *
 * The file is untrusted: every header is copied out with memcpy (the
 * buffer need not be aligned) only after its bounds were checked in a form
 * that cannot overflow (a > size || b > size - a). */
#include <exo/native.h>
#include "exo_glue.h"
#include "elf64.h"

static const char *const messages[EXO_ELF_ERROR_COUNT] = {
	[EXO_ELF_OK] = "valid program image",
	[EXO_ELF_TRUNCATED] = "file is shorter than an ELF header",
	[EXO_ELF_BAD_MAGIC] = "not an ELF file",
	[EXO_ELF_WRONG_CLASS] = "not a 64-bit ELF file",
	[EXO_ELF_WRONG_ENDIAN] = "not a little-endian ELF file",
	[EXO_ELF_WRONG_VERSION] = "unknown ELF version",
	[EXO_ELF_WRONG_MACHINE] = "not an x86-64 program",
	[EXO_ELF_WRONG_TYPE] = "not an executable (ELF type is neither EXEC nor DYN)",
	[EXO_ELF_BAD_PHDRS] = "program header table is outside the file, malformed or has too many segments",
	[EXO_ELF_SEGMENT_OUTSIDE_FILE] = "a loadable segment's bytes lie outside the file",
	[EXO_ELF_SEGMENT_WRAPS] = "a loadable segment overflows or extends beyond user space",
	[EXO_ELF_SEGMENTS_OVERLAP] = "two loadable segments share a page",
	[EXO_ELF_BAD_ALIGNMENT] = "a loadable segment's offset and address disagree modulo the page size",
	[EXO_ELF_FILESZ_OVER_MEMSZ] = "a loadable segment has more file bytes than memory bytes",
	[EXO_ELF_INTERPRETER] = "dynamically linked programs are not supported (PT_INTERP)",
	[EXO_ELF_NO_SEGMENTS] = "no loadable segment",
	[EXO_ELF_BAD_ENTRY] = "entry point is outside every executable segment",
};

const char *exo_elf_strerror(int error)
{
	if (error < 0 || error >= EXO_ELF_ERROR_COUNT)
		return "unknown ELF check error";
	return messages[error];
}

static int check_ident(const Elf64_Ehdr *eh)
{
	if (eh->e_ident[EI_MAG0] != ELFMAG0 || eh->e_ident[EI_MAG0 + 1] != ELFMAG1 ||
	    eh->e_ident[EI_MAG0 + 2] != ELFMAG2 || eh->e_ident[EI_MAG0 + 3] != ELFMAG3)
		return EXO_ELF_BAD_MAGIC;
	if (eh->e_ident[EI_CLASS] != ELFCLASS64)
		return EXO_ELF_WRONG_CLASS;
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return EXO_ELF_WRONG_ENDIAN;
	if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return EXO_ELF_WRONG_VERSION;
	if (eh->e_machine != EM_X86_64)
		return EXO_ELF_WRONG_MACHINE;
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return EXO_ELF_WRONG_TYPE;
	return EXO_ELF_OK;
}

/* The table must lie wholly inside the file. PN_XNUM (count kept in
 * section 0) is refused: no static program has 65535 segments. */
static int check_phdr_table(const Elf64_Ehdr *eh, exo_u64 size)
{
	exo_u64 table;

	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == PN_XNUM)
		return EXO_ELF_BAD_PHDRS;
	table = (exo_u64)eh->e_phnum * sizeof(Elf64_Phdr);
	if (eh->e_phoff > size || table > size - eh->e_phoff)
		return EXO_ELF_BAD_PHDRS;
	return EXO_ELF_OK;
}

static unsigned prot_of(exo_u32 flags)
{
	unsigned prot = 0;

	if (flags & PF_R)
		prot |= EXO_PROT_READ;
	if (flags & PF_W)
		prot |= EXO_PROT_WRITE;
	if (flags & PF_X)
		prot |= EXO_PROT_EXEC;
	return prot;
}

static int check_load(const Elf64_Phdr *ph, exo_u64 size)
{
	if (ph->p_filesz > ph->p_memsz)
		return EXO_ELF_FILESZ_OVER_MEMSZ;
	if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
		return EXO_ELF_SEGMENT_OUTSIDE_FILE;
	if (ph->p_vaddr >= EXO_USER_END || ph->p_memsz > EXO_USER_END - ph->p_vaddr)
		return EXO_ELF_SEGMENT_WRAPS;
	/* Congruence is what lets a loader map file pages at the address;
	 * p_align may be larger (2 MiB from old ld.bfd) and is not needed. */
	if ((ph->p_offset ^ ph->p_vaddr) & (EXO_PAGE_SIZE - 1))
		return EXO_ELF_BAD_ALIGNMENT;
	return EXO_ELF_OK;
}

/* Segments are compared page-rounded because exo_elf_load maps whole pages:
 * two segments on one page would replace each other's mapping. ld.lld and
 * ld.bfd (static and static-pie, checked with both) start every PT_LOAD on
 * a fresh page in memory even when the file bytes share a page, so real
 * programs pass. */
static int overlaps(const struct exo_elf_image *img, const struct exo_elf_segment *s)
{
	exo_u64 lo = EXO_PAGE_DOWN(s->vaddr), hi = EXO_PAGE_UP(s->vaddr + s->memsz);

	for (unsigned i = 0; i < img->nsegments; i++) {
		const struct exo_elf_segment *o = &img->segments[i];
		exo_u64 olo = EXO_PAGE_DOWN(o->vaddr), ohi = EXO_PAGE_UP(o->vaddr + o->memsz);
		if (lo < ohi && olo < hi)
			return 1;
	}
	return 0;
}

static int add_load(struct exo_elf_image *img, const Elf64_Phdr *ph, exo_u64 size)
{
	struct exo_elf_segment *s;
	int err = check_load(ph, size);

	if (err)
		return err;
	/* An empty PT_LOAD maps nothing; Linux ignores it too. */
	if (ph->p_memsz == 0)
		return EXO_ELF_OK;
	if (img->nsegments == EXO_ELF_MAX_SEGMENTS)
		return EXO_ELF_BAD_PHDRS;
	s = &img->segments[img->nsegments];
	s->vaddr = ph->p_vaddr;
	s->memsz = ph->p_memsz;
	s->offset = ph->p_offset;
	s->filesz = ph->p_filesz;
	s->prot = prot_of(ph->p_flags);
	if (overlaps(img, s))
		return EXO_ELF_SEGMENTS_OVERLAP;
	img->nsegments++;
	return EXO_ELF_OK;
}

/* AT_PHDR: PT_PHDR says where the table is in memory; without it (ld.bfd
 * static output) the table is wherever the PT_LOAD holding its file bytes
 * puts it, which is what Linux computes too. */
static exo_u64 find_phdr_vaddr(const struct exo_elf_image *img, const Elf64_Ehdr *eh)
{
	exo_u64 table = (exo_u64)eh->e_phnum * sizeof(Elf64_Phdr);

	for (unsigned i = 0; i < img->nsegments; i++) {
		const struct exo_elf_segment *s = &img->segments[i];
		if (eh->e_phoff >= s->offset && eh->e_phoff - s->offset <= s->filesz &&
		    table <= s->filesz - (eh->e_phoff - s->offset))
			return s->vaddr + (eh->e_phoff - s->offset);
	}
	return 0;
}

static int entry_is_executable(const struct exo_elf_image *img)
{
	for (unsigned i = 0; i < img->nsegments; i++) {
		const struct exo_elf_segment *s = &img->segments[i];
		if ((s->prot & EXO_PROT_EXEC) && img->entry >= s->vaddr &&
		    img->entry - s->vaddr < s->memsz)
			return 1;
	}
	return 0;
}

static void compute_span(struct exo_elf_image *img)
{
	img->lo = EXO_PAGE_DOWN(img->segments[0].vaddr);
	img->hi = EXO_PAGE_UP(img->segments[0].vaddr + img->segments[0].memsz);
	for (unsigned i = 1; i < img->nsegments; i++) {
		const struct exo_elf_segment *s = &img->segments[i];
		if (EXO_PAGE_DOWN(s->vaddr) < img->lo)
			img->lo = EXO_PAGE_DOWN(s->vaddr);
		if (EXO_PAGE_UP(s->vaddr + s->memsz) > img->hi)
			img->hi = EXO_PAGE_UP(s->vaddr + s->memsz);
	}
}

int exo_elf_check(const void *file, exo_u64 size, struct exo_elf_image *out)
{
	const unsigned char *bytes = file;
	Elf64_Ehdr eh;
	exo_u64 pt_phdr = 0;
	int have_pt_phdr = 0;
	int err;

	memset(out, 0, sizeof *out);
	if (size < sizeof eh)
		return EXO_ELF_TRUNCATED;
	memcpy(&eh, bytes, sizeof eh);
	if ((err = check_ident(&eh)) || (err = check_phdr_table(&eh, size)))
		return err;

	for (unsigned i = 0; i < eh.e_phnum; i++) {
		Elf64_Phdr ph;
		memcpy(&ph, bytes + eh.e_phoff + (exo_u64)i * sizeof ph, sizeof ph);
		switch (ph.p_type) {
		case PT_INTERP:
			return EXO_ELF_INTERPRETER;
		case PT_LOAD:
			if ((err = add_load(out, &ph, size)))
				return err;
			break;
		case PT_PHDR:
			pt_phdr = ph.p_vaddr;
			have_pt_phdr = 1;
			break;
		case PT_GNU_STACK:
			out->stack_exec = (ph.p_flags & PF_X) != 0;
			break;
		}
	}
	if (out->nsegments == 0)
		return EXO_ELF_NO_SEGMENTS;

	out->is_pie = eh.e_type == ET_DYN;
	out->entry = eh.e_entry;
	out->phnum = eh.e_phnum;
	out->phentsize = eh.e_phentsize;
	out->phdr_vaddr = have_pt_phdr ? pt_phdr : find_phdr_vaddr(out, &eh);
	compute_span(out);
	if (!entry_is_executable(out))
		return EXO_ELF_BAD_ENTRY;
	return EXO_ELF_OK;
}

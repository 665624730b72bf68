/* A vDSO image given at run time (exo-run --vdso FILE), as a kernel
 * upgrade would install one: read, checked, and turned into the same
 * struct exo_vdso_blob that tools/vdso2c.py generates at build time, so
 * the loader maps it exactly like the built-in image. Programs are not
 * relinked; whether they accept the image's ABI version is libc's call. */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <exo/vdso.h>
#include "exo_glue.h"
#include "kernel.h"
#include "loader.h"

static const char *find_table(const unsigned char *img, size_t size, exo_u64 *table)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img;
	const Elf64_Dyn *dyn = NULL;
	size_t ndyn = 0;
	exo_u64 symtab = 0, strtab = 0, hash = 0;

	if (size < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_X86_64 || eh->e_type != ET_DYN)
		return "not an x86-64 ELF shared object";
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phoff > size ||
	    eh->e_phnum > (size - eh->e_phoff) / sizeof(Elf64_Phdr))
		return "program headers outside the file";
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(img + eh->e_phoff);
	int loads = 0;
	for (int i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD) {
			loads++;
			if (ph[i].p_offset || ph[i].p_vaddr || ph[i].p_filesz != ph[i].p_memsz ||
			    ph[i].p_filesz > size || (ph[i].p_flags & PF_W))
				return "its PT_LOAD is not one read-only flat copy of the file";
		}
		if (ph[i].p_type == PT_DYNAMIC && ph[i].p_offset < size &&
		    ph[i].p_filesz <= size - ph[i].p_offset) {
			dyn = (const Elf64_Dyn *)(img + ph[i].p_offset);
			ndyn = ph[i].p_filesz / sizeof *dyn;
		}
	}
	if (loads != 1 || !dyn)
		return "it needs exactly one PT_LOAD and a PT_DYNAMIC";
	for (size_t i = 0; i < ndyn && dyn[i].d_tag != DT_NULL; i++) {
		if (dyn[i].d_tag == DT_SYMTAB) symtab = dyn[i].d_un.d_ptr;
		if (dyn[i].d_tag == DT_STRTAB) strtab = dyn[i].d_un.d_ptr;
		if (dyn[i].d_tag == DT_HASH) hash = dyn[i].d_un.d_ptr;
	}
	if (!symtab || !strtab || !hash || hash > size - 8)
		return "no symbol table with DT_HASH";
	exo_u32 nsyms = ((const exo_u32 *)(img + hash))[1];
	if (symtab > size || nsyms > (size - symtab) / sizeof(Elf64_Sym))
		return "symbol table outside the file";
	const Elf64_Sym *syms = (const Elf64_Sym *)(img + symtab);
	for (exo_u32 i = 0; i < nsyms; i++) {
		exo_u64 name = strtab + syms[i].st_name;
		if (name >= size || strnlen((const char *)img + name, size - name) == size - name)
			continue;
		if (!strcmp((const char *)img + name, EXO_VDSO_TABLE_SYMBOL) && syms[i].st_shndx) {
			*table = syms[i].st_value;
			return NULL;
		}
	}
	return "no " EXO_VDSO_TABLE_SYMBOL " entry table";
}

int vdso_blob_from_file(const char *path, struct exo_vdso_blob *blob)
{
	FILE *f = fopen(path, "rb");
	unsigned char *img = NULL;
	long size = -1;
	exo_u64 table = 0;
	const char *why;

	struct stat st;

	/* What the image was read from: an exec maps the same pages again
	 * only while the file is unchanged (vdso_share.c). Taken before the
	 * read, so a change during it is seen as a change. */
	if (f && fstat(fileno(f), &st) == 0)
		vdso_share_note_source(&st);
	if (f && fseek(f, 0, SEEK_END) == 0)
		size = ftell(f);
	if (!f || size <= 0 || size > (64l << 20)) {
		fprintf(stderr, "exo-run: --vdso %s: cannot read it\n", path);
		if (f)
			fclose(f);
		return -1;
	}
	size_t rounded = ((size_t)size + 4095) & ~(size_t)4095;
	img = aligned_alloc(4096, rounded);
	rewind(f);
	if (!img || fread(img, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "exo-run: --vdso %s: cannot read it\n", path);
		fclose(f);
		return -1;
	}
	fclose(f);
	memset(img + size, 0, rounded - (size_t)size);
	why = find_table(img, (size_t)size, &table);
	const struct exo_vdso_table *t = (const struct exo_vdso_table *)(img + table);
	if (!why && (table > (exo_u64)size - sizeof *t || t->magic != EXO_VDSO_MAGIC))
		why = "its entry table is damaged (bad magic)";
	if (!why && (table + (exo_u64)t->syscall_entry >= (exo_u64)size ||
	             table + (exo_u64)t->native_syscall >= (exo_u64)size))
		why = "its entry table points outside the image";
	if (why) {
		fprintf(stderr, "exo-run: --vdso %s: not a POSIX-X vDSO: %s\n", path, why);
		free(img);
		return -1;
	}
	blob->image = img;
	blob->image_size = rounded;
	blob->sym_table = table;
	blob->sym_syscall_entry = table + (exo_u64)t->syscall_entry;
	blob->sym_native_syscall = table + (exo_u64)t->native_syscall;
	return 0;
}

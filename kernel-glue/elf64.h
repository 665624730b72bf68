/* The parts of the ELF64 format kernel-glue reads, defined here because
 * kernel-glue is freestanding and may not include <elf.h>. Private to
 * kernel-glue (the ABI between kernel, vDSO and libc does not depend on it).
 * Field names follow the System V gABI. */
#ifndef EXO_GLUE_ELF64_H
#define EXO_GLUE_ELF64_H

#include <exo/types.h>

#define EI_NIDENT   16
#define EI_MAG0     0
#define EI_CLASS    4
#define EI_DATA     5
#define EI_VERSION  6

#define ELFMAG0 0x7f
#define ELFMAG1 'E'
#define ELFMAG2 'L'
#define ELFMAG3 'F'

#define ELFCLASS64  2
#define ELFDATA2LSB 1
#define EV_CURRENT  1

#define ET_EXEC 2
#define ET_DYN  3

#define EM_X86_64 62

#define PT_NULL      0
#define PT_LOAD      1
#define PT_DYNAMIC   2
#define PT_INTERP    3
#define PT_NOTE      4
#define PT_PHDR      6
#define PT_TLS       7
#define PT_GNU_STACK 0x6474e551

#define PF_X 1u
#define PF_W 2u
#define PF_R 4u

/* e_phnum value meaning "the real count is in section header 0". */
#define PN_XNUM 0xffff

typedef struct {
	exo_u8  e_ident[EI_NIDENT];
	exo_u16 e_type;
	exo_u16 e_machine;
	exo_u32 e_version;
	exo_u64 e_entry;
	exo_u64 e_phoff;
	exo_u64 e_shoff;
	exo_u32 e_flags;
	exo_u16 e_ehsize;
	exo_u16 e_phentsize;
	exo_u16 e_phnum;
	exo_u16 e_shentsize;
	exo_u16 e_shnum;
	exo_u16 e_shstrndx;
} Elf64_Ehdr;

typedef struct {
	exo_u32 p_type;
	exo_u32 p_flags;
	exo_u64 p_offset;
	exo_u64 p_vaddr;
	exo_u64 p_paddr;
	exo_u64 p_filesz;
	exo_u64 p_memsz;
	exo_u64 p_align;
} Elf64_Phdr;

typedef struct {
	exo_s64 d_tag;
	exo_u64 d_val;
} Elf64_Dyn;

typedef struct {
	exo_u32 st_name;
	exo_u8  st_info;
	exo_u8  st_other;
	exo_u16 st_shndx;
	exo_u64 st_value;
	exo_u64 st_size;
} Elf64_Sym;

EXO_ABI_ASSERT(sizeof(Elf64_Ehdr) == 64, elf_ehdr_size);
EXO_ABI_ASSERT(sizeof(Elf64_Phdr) == 56, elf_phdr_size);
EXO_ABI_ASSERT(sizeof(Elf64_Dyn) == 16, elf_dyn_size);
EXO_ABI_ASSERT(sizeof(Elf64_Sym) == 24, elf_sym_size);

/* The first address user space cannot use on x86-64 with 4-level paging:
 * a segment ending past it could never be mapped. */
#define EXO_USER_END 0x0000800000000000ull

/* kernel-glue calls these and nothing else outside itself; every kernel has
 * them. Declared here because there is no <string.h>. */
void *memcpy(void *dst, const void *src, __SIZE_TYPE__ n);
void *memset(void *dst, int c, __SIZE_TYPE__ n);

#define EXO_PAGE_DOWN(x) ((x) & ~(exo_u64)(EXO_PAGE_SIZE - 1))
#define EXO_PAGE_UP(x)   EXO_PAGE_DOWN((x) + (EXO_PAGE_SIZE - 1))

#endif

/* Boot: QEMU's -kernel loads this ELF and, finding the PVH note, enters
 * pvh_start in 32-bit protected mode, paging off, ebx = physical address
 * of struct hvm_start_info. We build page tables that map the first GiB
 * three times (identity for the switch, the direct map, the kernel image),
 * enter long mode and call kmain(start_info) on the kernel stack.
 *
 * This code and its tables live in the .boot sections, linked at their
 * physical address; everything else is linked at KERNEL_VMA + physical. */
#define XEN_ELFNOTE_PHYS32_ENTRY 18
#define PTE_P 0x1
#define PTE_W 0x2
#define PTE_PS 0x80

	.section .note.Xen, "a", @note
	.balign 4
	.long 4                 /* namesz: "Xen\0" */
	.long 8                 /* descsz */
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.balign 4
	.quad pvh_start         /* QEMU reads a native-size word */

	.section .boot.text, "ax", @progbits
	.code32
	.globl pvh_start
pvh_start:
	cli
	cld
	mov %ebx, %esi                  /* keep start_info */
	mov $boot_stack_top, %esp

	/* Zero the kernel's .bss (QEMU loads file bytes only). */
	mov $__bss_start_phys, %edi
	mov $__bss_end_phys, %ecx
	sub %edi, %ecx
	xor %eax, %eax
	rep stosb

	/* 512 two-MiB pages: physical [0, 1 GiB). */
	mov $boot_pd, %edi
	mov $(PTE_P | PTE_W | PTE_PS), %eax
	mov $512, %ecx
1:	mov %eax, (%edi)
	movl $0, 4(%edi)
	add $0x200000, %eax
	add $8, %edi
	loop 1b

	movl $(boot_pd + PTE_P + PTE_W), boot_pdpt_low
	movl $(boot_pd + PTE_P + PTE_W), boot_pdpt_high + 510 * 8
	movl $(boot_pdpt_low + PTE_P + PTE_W), boot_pml4             /* identity */
	movl $(boot_pdpt_low + PTE_P + PTE_W), boot_pml4 + 256 * 8   /* direct map */
	movl $(boot_pdpt_high + PTE_P + PTE_W), boot_pml4 + 511 * 8  /* kernel image */

	mov %cr4, %eax
	or $0x20, %eax                  /* PAE */
	mov %eax, %cr4
	mov $boot_pml4, %eax
	mov %eax, %cr3
	mov $0xc0000080, %ecx           /* EFER: LME, NXE, SCE */
	rdmsr
	or $0x901, %eax
	wrmsr
	mov %cr0, %eax
	or $0x80010001, %eax            /* PG, WP, PE */
	mov %eax, %cr0
	lgdt boot_gdt_desc
	ljmp $0x08, $long_mode

	.code64
long_mode:
	mov $0x10, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	xor %eax, %eax
	mov %eax, %fs
	mov %eax, %gs
	movabs $kernel_stack_top, %rsp
	mov %esi, %edi                  /* kmain(start_info physical address) */
	movabs $kmain, %rax
	call *%rax
2:	hlt
	jmp 2b

	.section .boot.data, "aw", @progbits
	.balign 8
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff        /* 0x08: 64-bit code */
	.quad 0x00cf92000000ffff        /* 0x10: data */
boot_gdt_desc:
	.short boot_gdt_desc - boot_gdt - 1
	.long boot_gdt

	.balign 16
	.fill 1024, 1, 0
boot_stack_top:

	.balign 4096
	.globl boot_pml4
boot_pml4:	.fill 4096, 1, 0
boot_pdpt_low:	.fill 4096, 1, 0
boot_pdpt_high:	.fill 4096, 1, 0
boot_pd:	.fill 4096, 1, 0

	.section .note.GNU-stack, "", @progbits

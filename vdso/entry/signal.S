/* Signal up-calls and the return to an interrupted context.
 *
 * exo_signal_entry: where the kernel's up-call lands (the entry table's
 * signal_entry): rdi = struct exo_signal_context *, on a stack of the
 * kernel's, every signal blocked. C takes it from there
 * (legacy/sigframe.c).
 *
 * signal_resume(ctx): load every general register of ctx, rflags, rsp and
 * rip at once with iretq, which user mode may use to return to its own
 * privilege level; nothing is written below the target's stack pointer,
 * so its red zone survives. The vector state is already the target's. */
#define CTX_RAX 0
#define CTX_RBX 8
#define CTX_RCX 16
#define CTX_RDX 24
#define CTX_RSI 32
#define CTX_RDI 40
#define CTX_RBP 48
#define CTX_RSP 56
#define CTX_R8 64
#define CTX_R9 72
#define CTX_R10 80
#define CTX_R11 88
#define CTX_R12 96
#define CTX_R13 104
#define CTX_R14 112
#define CTX_R15 120
#define CTX_RIP 128
#define CTX_RFLAGS 136

	.text
	.globl exo_signal_entry
	.hidden exo_signal_entry
	.type exo_signal_entry, @function
	.balign 16
exo_signal_entry:
	.cfi_startproc
	.cfi_undefined %rip
	and $-16, %rsp
	call signal_upcall
	ud2
	.cfi_endproc
	.size exo_signal_entry, . - exo_signal_entry

	.globl signal_resume
	.hidden signal_resume
	.type signal_resume, @function
signal_resume:
	mov %ss, %eax
	push %rax
	push CTX_RSP(%rdi)
	push CTX_RFLAGS(%rdi)
	mov %cs, %eax
	push %rax
	push CTX_RIP(%rdi)
	mov CTX_RAX(%rdi), %rax
	mov CTX_RBX(%rdi), %rbx
	mov CTX_RCX(%rdi), %rcx
	mov CTX_RDX(%rdi), %rdx
	mov CTX_RSI(%rdi), %rsi
	mov CTX_RBP(%rdi), %rbp
	mov CTX_R8(%rdi), %r8
	mov CTX_R9(%rdi), %r9
	mov CTX_R10(%rdi), %r10
	mov CTX_R11(%rdi), %r11
	mov CTX_R12(%rdi), %r12
	mov CTX_R13(%rdi), %r13
	mov CTX_R14(%rdi), %r14
	mov CTX_R15(%rdi), %r15
	mov CTX_RDI(%rdi), %rdi
	iretq
	.size signal_resume, . - signal_resume

	.section .note.GNU-stack, "", @progbits

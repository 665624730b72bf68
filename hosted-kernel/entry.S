/* Kernel entry and exit for the Linux-hosted kernel model.
 *
 * The model shares the guest's address space, so entering it is a plain
 * call (exo_process_page.native_entry points at exo_hosted_entry) with the
 * native.h convention. What a real kernel gets from the hardware on
 * `syscall`, this does by hand: switch to a kernel stack, install the
 * kernel's own thread pointer (glibc's TLS; the guest's FS is musl's),
 * and save the vector registers, which the C code underneath (glibc's
 * memcpy and friends) may use while the guest expects them preserved. */
#include "kpriv.h"

/* Onto the thread's kernel stack: the guest's stack pointer, the six
 * argument registers and the call number (the 7th C argument, later the
 * result), in the order exo_native_call and ring_enter read them. */
.macro guest_args_push
	mov %rsp, %r11
	mov %gs:KP_KSTACK, %rsp
	push %r11			/* guest rsp */
	push %rdi
	push %rsi
	push %rdx
	push %r8
	push %r9
	push %r10
	push %rax
.endm

/* Back: the result in rax, the guest's registers and stack, return. */
.macro guest_args_pop_ret
	pop %rax
	pop %r10
	pop %r9
	pop %r8
	pop %rdx
	pop %rsi
	pop %rdi
	pop %rsp
	ret
.endm


	.text
	.globl exo_hosted_entry
	.type exo_hosted_entry, @function
	.balign 16
exo_hosted_entry:
	.cfi_startproc
	cmp $0x00E10000, %eax		/* EXO_NC_RING_ENTER (native.h: its u suffix is C only) */
	jne .Lnot_ring
	cmpl $0, exo_entry_light_vectors(%rip)
	jne .Lring
	jmp .Lfull
/* MEM_MAP, MEM_UNMAP, MEM_PROTECT (base + 4..6), FUTEX_WAIT, FUTEX_WAKE
 * (base + 21, 22): a thread's creation and join make five of them
 * (musl's stack mmap, mprotect and munmap, the join's wait, the exit's
 * wake). Their C code does no floating-point arithmetic either (memory.c,
 * data_anon.c, futex.c: integers; only timekeeper.c computes in double),
 * so they take the ring's light save of ymm0-15 too; a full XSAVEC and
 * XRSTOR were about a third of a microsecond per call, 2.3 us per
 * create + join (perf annotate, docs/legacy-processes.md "What a thread
 * costs"). Only thread creation reads KP_XSAVE (the creator's vectors
 * for the new thread), and it keeps the full path. */
.Lnot_ring:
	cmpl $0, exo_entry_light_vectors(%rip)
	je .Lfull
	cmp $0x00E10004, %eax		/* EXO_NC_MEM_MAP */
	jb .Lfull
	cmp $0x00E10006, %eax		/* EXO_NC_MEM_PROTECT */
	jbe .Llight
	cmp $0x00E10015, %eax		/* EXO_NC_FUTEX_WAIT */
	je .Llight
	cmp $0x00E10016, %eax		/* EXO_NC_FUTEX_WAKE */
	jne .Lfull
.Llight:
	guest_args_push
	jmp .Lring_general
.Lfull:
	guest_args_push
	rdfsbase %r11
	mov %r11, %gs:KP_GUEST_FS
	mov %gs:KP_KERNEL_FS, %r11
	wrfsbase %r11
	mov $-1, %eax
	mov $-1, %edx
	mov %gs:KP_XSAVE, %r11
	cmpl $0, exo_entry_xsavec(%rip)	/* the compact area (thread.c) */
	jne 1f
	xsaveopt64 (%r11)
	jmp 2f
1:	xsavec64 (%r11)
2:
	/* The kernel's own floating-point environment: the guest's may
	 * unmask exceptions or change rounding (fesetround, a program's
	 * LDMXCSR), and the kernel computes in double (timekeeper.c). The
	 * XRSTOR on the way out gives the guest its own back. */
	ldmxcsr kernel_mxcsr(%rip)
	fldcw kernel_fcw(%rip)
	mov 32(%rsp), %rdx		/* restore the 3rd argument */
	mov 8(%rsp), %rcx		/* the 4th argument, from r10 */
	call exo_native_call
	mov %rax, (%rsp)
	/* A signal came during a call with no delivery at its return: an
	 * up-call instead of the return (signal_return.S). */
	cmpl $0, %gs:EXO_TB_SIGNAL_PENDING
	je 3f
	mov %rsp, %rdi
	call signal_native_return
	test %rax, %rax
	jnz signal_native_upcall
3:	mov $-1, %eax
	mov $-1, %edx
	mov %gs:KP_XSAVE, %r11
	xrstor64 (%r11)
	mov %gs:KP_GUEST_FS, %r11
	wrfsbase %r11
	guest_args_pop_ret

/* RING_ENTER's light path: what the ring's operations can change of the
 * vector state is ymm0-15 (thread.c, entry_choose_vector_save), so those
 * 16 registers are saved and restored instead of XSAVEOPT/XRSTOR of the
 * whole state, which cost about 350 cycles per call on the bench machine
 * (perf annotate of a loop of lseek, docs/hybrid-perf.md). KP_XSAVE does
 * not hold the guest's state after a ring entry. The ring's operations
 * do no floating-point arithmetic (only timekeeper.c does, on native
 * calls), so they run under the guest's MXCSR unharmed. */
.Lring:
	guest_args_push
	/* One entry, no flags: ring_one.c, under the guest's FS and with
	 * the guest's vector registers live (it is built not to touch
	 * them). It declines what it cannot do without changing anything. */
	cmp $1, %rdi
	jne .Lring_general
	test %edx, %edx
	jnz .Lring_general
	mov %gs:KP_KTHREAD, %rdi
	call ring_enter_one
	movabs $0x8000000000000000, %rcx	/* RING_ONE_DECLINED */
	cmp %rcx, %rax
	je .Lring_declined
	mov %rax, (%rsp)
	guest_args_pop_ret
.Lring_declined:
	mov 48(%rsp), %rdi
	mov 40(%rsp), %rsi
	mov 32(%rsp), %rdx
	mov 24(%rsp), %r8
	mov 16(%rsp), %r9
	mov 8(%rsp), %r10
.Lring_general:
	rdfsbase %r11
	mov %r11, %gs:KP_GUEST_FS
	mov %gs:KP_KERNEL_FS, %r11
	wrfsbase %r11
	mov %gs:KP_VSAVE, %r11
	vmovdqa %ymm0, 0(%r11)
	vmovdqa %ymm1, 32(%r11)
	vmovdqa %ymm2, 64(%r11)
	vmovdqa %ymm3, 96(%r11)
	vmovdqa %ymm4, 128(%r11)
	vmovdqa %ymm5, 160(%r11)
	vmovdqa %ymm6, 192(%r11)
	vmovdqa %ymm7, 224(%r11)
	vmovdqa %ymm8, 256(%r11)
	vmovdqa %ymm9, 288(%r11)
	vmovdqa %ymm10, 320(%r11)
	vmovdqa %ymm11, 352(%r11)
	vmovdqa %ymm12, 384(%r11)
	vmovdqa %ymm13, 416(%r11)
	vmovdqa %ymm14, 448(%r11)
	vmovdqa %ymm15, 480(%r11)
	mov %r10, %rcx			/* the 4th argument */
	call exo_native_call
	mov %rax, (%rsp)
	mov %gs:KP_VSAVE, %r11
	vmovdqa 0(%r11), %ymm0
	vmovdqa 32(%r11), %ymm1
	vmovdqa 64(%r11), %ymm2
	vmovdqa 96(%r11), %ymm3
	vmovdqa 128(%r11), %ymm4
	vmovdqa 160(%r11), %ymm5
	vmovdqa 192(%r11), %ymm6
	vmovdqa 224(%r11), %ymm7
	vmovdqa 256(%r11), %ymm8
	vmovdqa 288(%r11), %ymm9
	vmovdqa 320(%r11), %ymm10
	vmovdqa 352(%r11), %ymm11
	vmovdqa 384(%r11), %ymm12
	vmovdqa 416(%r11), %ymm13
	vmovdqa 448(%r11), %ymm14
	vmovdqa 480(%r11), %ymm15
	mov %gs:KP_GUEST_FS, %r11
	wrfsbase %r11
	guest_args_pop_ret
	.cfi_endproc
	.size exo_hosted_entry, . - exo_hosted_entry

/* exo_enter_guest(entry, sp): first entry into user code. Registers are
 * cleared as Linux clears them at exec; FS starts at 0 (libc sets it). */
	.globl exo_enter_guest
	.type exo_enter_guest, @function
exo_enter_guest:
	mov %rsi, %rsp
	mov %rdi, %r11
	xor %eax, %eax
	wrfsbase %rax
	xor %ebx, %ebx
	xor %ecx, %ecx
	xor %edx, %edx
	xor %esi, %esi
	xor %edi, %edi
	xor %ebp, %ebp
	xor %r8d, %r8d
	xor %r9d, %r9d
	xor %r10d, %r10d
	xor %r12d, %r12d
	xor %r13d, %r13d
	xor %r14d, %r14d
	xor %r15d, %r15d
	jmp *%r11
	.size exo_enter_guest, . - exo_enter_guest

/* exo_resume_guest(regs, fs): a new thread's first entry into user code,
 * or a clone child's on its new stack: the registers of struct
 * exo_user_regs (abi/exo/task.h), rax = 0, as after the `syscall`
 * instruction in the child. */
	.globl exo_resume_guest
	.type exo_resume_guest, @function
exo_resume_guest:
	mov %rdi, %r11
	wrfsbase %rsi
	mov $-1, %eax
	mov $-1, %edx
	mov %gs:KP_XSAVE, %rcx
	xrstor64 (%rcx)
	mov 0(%r11), %rbx
	mov 8(%r11), %rbp
	mov 16(%r11), %r12
	mov 24(%r11), %r13
	mov 32(%r11), %r14
	mov 40(%r11), %r15
	mov 48(%r11), %rdi
	mov 56(%r11), %rsi
	mov 64(%r11), %rdx
	mov 72(%r11), %r8
	mov 80(%r11), %r9
	mov 88(%r11), %r10
	mov 104(%r11), %rsp
	mov 96(%r11), %rcx
	xor %eax, %eax
	jmp *%rcx
	.size exo_resume_guest, . - exo_resume_guest

/* The floating-point environment the full path installs: Linux's
 * defaults, every exception masked, round to nearest. In .text, next to
 * the entry: a fork child reads it from a page it has already faulted
 * in, not from one more of the launcher's read-only pages. */
	.text
	.balign 4
kernel_mxcsr:
	.long 0x1f80
kernel_fcw:
	.short 0x037f

	.section .note.GNU-stack, "", @progbits

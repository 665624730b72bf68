/* __posixx_syscall: the entry every Linux system call of a program takes.
 *
 * Convention of the `syscall` instruction, so that each raw `syscall` site
 * in libc becomes one indirect call: rax = number, rdi, rsi, rdx, r10, r8,
 * r9 = arguments; result in rax; everything else preserved except rcx and
 * r11. The caller's stack alignment is unknown (the call comes from inline
 * asm), so the slow path realigns before calling C.
 *
 * getpid and gettid are answered here, one load from the thread block,
 * unless the kernel asked for statistics or a trace. */
#include <exo/layout.h>
#include <exo/thread.h>
#include <exo/debug.h>
#include <exo/vdso.h>

/* Room for a signal frame with the largest XSAVE image (AMX's is 11 KiB). */
#define FRAME_GAP 16384
/* legacy/sigmask.c: the mask changed; release what the kernel holds. */
#define VDSO_NR_SIGNAL_RELEASE -2

	.text
	.globl __posixx_syscall
	.type __posixx_syscall, @function
	.globl exo_syscall_restart
	.hidden exo_syscall_restart
	.balign 16
__posixx_syscall:
.Lentry:
exo_syscall_restart:
	.cfi_startproc
	cmp $39, %rax			/* SYS_getpid */
	je .Lgetpid
	cmp $186, %rax			/* SYS_gettid */
	je .Lgettid
	lea -56(%rax), %rcx		/* SYS_clone, SYS_fork, SYS_vfork */
	cmp $2, %rcx
	jbe .Lclone
	cmp $14, %rax			/* SYS_rt_sigprocmask */
	je .Lsigprocmask
	cmp $15, %rax			/* SYS_rt_sigreturn */
	je .Lsigreturn
.Lslow:
	push %rbp
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %rbp, 0
	mov %rsp, %rbp
	.cfi_def_cfa_register %rbp
	push %rdi
	push %rsi
	push %rdx
	push %r8
	push %r9
	push %r10
	and $-16, %rsp
	sub $8, %rsp
	push %rax			/* 7th argument: the number */
	orl $EXO_TB_SIG_IN_CALL, %gs:EXO_TB_SIGNAL_FLAGS
	mov %r10, %rcx
	call exo_dispatch
	/* Signals queued during the call are delivered on its return
	 * (legacy/sigframe.c); one queued after this is an up-call. */
	andl $~EXO_TB_SIG_IN_CALL, %gs:EXO_TB_SIGNAL_FLAGS
	cmpl $0, %gs:EXO_TB_SIGNAL_PENDING
	jne .Ldeliver
	lea -48(%rbp), %rsp
	pop %r10
	pop %r9
	pop %r8
	pop %rdx
	pop %rsi
	pop %rdi
	pop %rbp
	.cfi_def_cfa %rsp, 8
	ret
/* clone, fork and vfork: a new thread, or a clone child on a new stack,
 * starts with the caller's registers, so all of them are saved as a
 * struct exo_user_regs (abi/exo/task.h) and its address is passed as the
 * sixth argument, which none of the three uses. A fork child returns
 * through here like its parent, with rax = 0. */
.Lclone:
	push %rbp
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %rbp, 0
	mov %rsp, %rbp
	.cfi_def_cfa_register %rbp
	lea 16(%rbp), %rcx
	push %rcx			/* rsp: as after the return */
	push 8(%rbp)			/* rip: the return address */
	push %r10
	push %r9
	push %r8
	push %rdx
	push %rsi
	push %rdi
	push %r15
	push %r14
	push %r13
	push %r12
	push 0(%rbp)			/* the caller's rbp */
	push %rbx
	mov %rsp, %r9
	and $-16, %rsp
	sub $8, %rsp
	push %rax
	mov %r10, %rcx
	call exo_dispatch
	mov -24(%rbp), %r10
	mov -32(%rbp), %r9
	mov -40(%rbp), %r8
	mov -48(%rbp), %rdx
	mov -56(%rbp), %rsi
	mov -64(%rbp), %rdi
	mov %rbp, %rsp
	pop %rbp
	.cfi_def_cfa %rsp, 8
	ret
/* The call's return as a struct exo_signal_context (abi/exo/signal.h):
 * rax = the result, the arguments as the caller left them, rip = the
 * return address, rsp as after it; rcx and r11 are the convention's. */
.Ldeliver:
	mov (%rsp), %rsi		/* the number */
	/* The handler's frame goes just below the caller's red zone: run
	 * the delivery far enough below it (frame, XSAVE image). */
	sub $FRAME_GAP, %rsp
	sub $160, %rsp
	mov %rax, 0(%rsp)
	mov %rbx, 8(%rsp)
	movq $0, 16(%rsp)
	mov -24(%rbp), %rcx
	mov %rcx, 24(%rsp)		/* rdx */
	mov -16(%rbp), %rcx
	mov %rcx, 32(%rsp)		/* rsi */
	mov -8(%rbp), %rcx
	mov %rcx, 40(%rsp)		/* rdi */
	mov 0(%rbp), %rcx
	mov %rcx, 48(%rsp)		/* rbp */
	lea 16(%rbp), %rcx
	mov %rcx, 56(%rsp)		/* rsp */
	mov -32(%rbp), %rcx
	mov %rcx, 64(%rsp)		/* r8 */
	mov -40(%rbp), %rcx
	mov %rcx, 72(%rsp)		/* r9 */
	mov -48(%rbp), %rcx
	mov %rcx, 80(%rsp)		/* r10 */
	movq $0, 88(%rsp)
	mov %r12, 96(%rsp)
	mov %r13, 104(%rsp)
	mov %r14, 112(%rsp)
	mov %r15, 120(%rsp)
	mov 8(%rbp), %rcx
	mov %rcx, 128(%rsp)		/* rip */
	pushf
	pop %rcx
	mov %rcx, 136(%rsp)
	movq $0, 144(%rsp)
	mov %gs:EXO_TB_SIGMASK, %rcx
	mov %rcx, 152(%rsp)
	mov %rsp, %rdi
	call signal_deliver
	ud2
/* rt_sigreturn: the frame's ucontext is just above the return address
 * musl's __restore_rt pushed. */
.Lsigreturn:
	lea 8(%rsp), %rdi
	sub $FRAME_GAP, %rsp
	and $-16, %rsp
	call signal_return
	ud2
/* rt_sigprocmask changing the mask: a store in the thread block. The
 * kernel is entered (through the slow path, so that what it releases is
 * delivered at the return) only if the new mask unblocks a signal it
 * holds back or blocks one it watches (sigmask_watch); anything else (a
 * query, a bad argument, statistics) is C's.
 * The program's set and oldset are touched with user_fixup (ABI 1.3)
 * armed at the slow path: a bad pointer faults before the mask changes,
 * with the arguments and rax intact, and C (legacy/sigmask.c) redoes the
 * call with Linux's order and answers EFAULT. Two stores on the way. */
.Lsigprocmask:
	testl $(EXO_DEBUG_STATS | EXO_DEBUG_TRACE), exo_vdso_process+EXO_PP_DEBUG_FLAGS(%rip)
	jnz .Lslow
	cmp $8, %r10
	jne .Lslow
	test %rsi, %rsi
	jz .Lslow
	cmp $2, %rdi
	ja .Lslow
	lea .Lslow(%rip), %rcx
	mov %rcx, %gs:EXO_TB_USER_FIXUP
	mov (%rsi), %r11
	mov %gs:EXO_TB_SIGMASK, %rcx
	cmp $1, %rdi
	jb 1f
	je 2f
	jmp 3f
1:	or %rcx, %r11			/* SIG_BLOCK */
	jmp 3f
2:	not %r11			/* SIG_UNBLOCK */
	and %rcx, %r11
3:	and $~0x40100, %r11		/* SIGKILL and SIGSTOP stay unblocked */
	test %rdx, %rdx
	jz 4f
	mov %rcx, (%rdx)
4:	movq $0, %gs:EXO_TB_USER_FIXUP
	mov %r11, %gs:EXO_TB_SIGMASK
	test %r11, %gs:EXO_TB_SIGMASK_WATCH	/* blocks one the kernel watches (ABI 1.5) */
	jnz 5f
	not %r11
	test %r11, %gs:EXO_TB_SIGMASK_HELD
	jnz 5f
	xor %eax, %eax
	ret
5:	mov $VDSO_NR_SIGNAL_RELEASE, %rax
	jmp .Lslow
.Lgetpid:
	testl $(EXO_DEBUG_STATS | EXO_DEBUG_TRACE), exo_vdso_process+EXO_PP_DEBUG_FLAGS(%rip)
	jnz .Lslow
	movl %gs:EXO_TB_PID, %eax
	ret
.Lgettid:
	testl $(EXO_DEBUG_STATS | EXO_DEBUG_TRACE), exo_vdso_process+EXO_PP_DEBUG_FLAGS(%rip)
	jnz .Lslow
	movl %gs:EXO_TB_TID, %eax
	ret
	.cfi_endproc
	.size __posixx_syscall, . - __posixx_syscall

/* For kernels that are entered with the `syscall` instruction (the QEMU
 * reference kernel): exo_process_page.native_entry points here. */
	.globl __posixx_native_syscall
	.hidden __posixx_native_syscall
	.type __posixx_native_syscall, @function
	.balign 16
__posixx_native_syscall:
.Lnative:
	.cfi_startproc
	syscall
	ret
	.cfi_endproc
	.size __posixx_native_syscall, . - __posixx_native_syscall

/* The entry table (abi/exo/vdso.h). Offsets, not pointers: the image has
 * no relocations. Local labels keep the differences link-time constants. */
	.section .rodata
	.balign 8
	.globl __posixx_vdso
	.type __posixx_vdso, @object
__posixx_vdso:
	.long EXO_VDSO_MAGIC
	.short EXO_ABI_MAJOR, EXO_ABI_MINOR
	.long .Ltable_end - __posixx_vdso
	.long 0
	.quad .Lentry - __posixx_vdso
	.quad .Lnative - __posixx_vdso
	.quad exo_signal_entry - __posixx_vdso	/* ABI 1.3 */
	.quad 0, 0, 0, 0, 0
.Ltable_end:
	.size __posixx_vdso, . - __posixx_vdso

	.section .note.GNU-stack, "", @progbits

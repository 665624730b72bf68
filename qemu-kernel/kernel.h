/* The reference Exo-OS kernel under QEMU: what its parts share.
 *
 * One CPU, one process at a time, no interrupts in ring 0. Virtual memory:
 *   0x0000000000000000..0x00007fffffffffff  the running process (its own PML4 half)
 *   0xffff800000000000 + phys               direct map of physical memory (first 1 GiB)
 *   0xffffffff80000000 + phys               the kernel image (linked there, -mcmodel=kernel)
 * The kernel never dereferences a user address: it reaches user memory
 * through the process's page tables and the direct map (vm.c), so SMAP can
 * stay on and a bad pointer from user space is a status, not a fault. */
#ifndef QK_KERNEL_H
#define QK_KERNEL_H

#include <exo/types.h>
#include <exo/status.h>
#include <exo/cap.h>
#include <exo/ring.h>

typedef exo_u8 u8;
typedef exo_u16 u16;
typedef exo_u32 u32;
typedef exo_u64 u64;
typedef exo_s64 s64;
typedef exo_s32 s32;
typedef unsigned long size_t;

#define NULL ((void *)0)
#define PAGE_SIZE 4096ul
#define PAGE_UP(x) (((x) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
#define PAGE_DOWN(x) ((x) & ~(PAGE_SIZE - 1))
#define noreturn __attribute__((noreturn))

#define KERNEL_VMA 0xffffffff80000000ul
#define DIRECT_MAP 0xffff800000000000ul
#define DIRECT_MAP_SIZE (1ul << 30)
#define USER_END   0x0000800000000000ul

/* The user address space a process starts with (process.c). */
#define STACK_TOP     0x00007ffffffff000ul
#define STACK_SIZE    (8ul << 20)
#define MMAP_TOP      0x00007ff000000000ul
#define VDSO_LO       0x00007f0000000000ul  /* the vDSO area lands in [VDSO_LO, VDSO_HI) */
#define VDSO_HI       0x00007f8000000000ul
#define PIE_LO        0x0000555555554000ul  /* where a PIE may be placed, as Linux does */
#define BRK_LIMIT     (1ul << 30)

/* [va, va+len) lies in user space: Linux's access_ok, the check a bad
 * pointer fails before anything is copied (EFAULT). */
static inline int user_range(u64 va, u64 len)
{
	return len && va < USER_END && len <= USER_END - va;
}

static inline void *phys_to_virt(u64 p) { return (void *)(DIRECT_MAP + p); }
static inline u64 kernel_virt_to_phys(const void *v) { return (u64)v - KERNEL_VMA; }

/* string.c: what the compiler and kernel-glue call. */
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memset(void *dst, int c, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

/* io.h-like helpers. */
static inline void outb(u16 port, u8 v) { __asm__ volatile ("outb %0, %1" :: "a"(v), "Nd"(port)); }
static inline u8 inb(u16 port) { u8 v; __asm__ volatile ("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline void outl(u16 port, u32 v) { __asm__ volatile ("outl %0, %1" :: "a"(v), "Nd"(port)); }
static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;
	__asm__ volatile ("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}
static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ volatile ("wrmsr" :: "c"(msr), "a"((u32)v), "d"((u32)(v >> 32)));
}
static inline u64 rdtsc(void)
{
	u32 lo, hi;
	__asm__ volatile ("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}
static inline void cpuid(u32 leaf, u32 sub, u32 r[4])
{
	__asm__ volatile ("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
}

#define MSR_EFER           0xc0000080u
#define MSR_STAR           0xc0000081u
#define MSR_LSTAR          0xc0000082u
#define MSR_SFMASK         0xc0000084u
#define MSR_FS_BASE        0xc0000100u
#define MSR_GS_BASE        0xc0000101u
#define MSR_KERNEL_GS_BASE 0xc0000102u
#define MSR_TSC_AUX        0xc0000103u

/* console.c: three serial ports, each optional. */
enum console_port { PORT_STDOUT, PORT_STDERR, PORT_LOG, PORT_COUNT };
void console_init(void);
void console_write(enum console_port port, const char *s, size_t n);
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* power.c. Exit statuses of the machine (docs/qemu-kernel.md): a program's
 * own status, 128 + signal for one killed by a fault, 126 for a program that
 * cannot be run, 127 for one not in the initrd, 125 for a kernel panic. */
#define EXIT_PANIC 125
#define EXIT_CANNOT_RUN 126
#define EXIT_NOT_FOUND 127
noreturn void power_off(int status);

/* cpu.c: GDT, TSS, IDT, the syscall MSRs. */
#define SEL_KERNEL_CODE 0x08
#define SEL_KERNEL_DATA 0x10
#define SEL_USER_DATA   0x23
#define SEL_USER_CODE   0x2b
struct percpu {
	u64 kstack_top;   /* offset 0: entry.S loads it */
	u64 user_rsp;     /* offset 8: scratch while switching stacks */
	u64 user_frame;   /* offset 16: the trap_frame of the current native call */
};
void cpu_set_kernel_stack(u64 top);
extern struct percpu percpu;
void cpu_init(void);
int cpu_has_rdrand(void);
u64 cpu_hwcap(void);

/* entry.S */
noreturn void enter_user(u64 rip, u64 rsp);
noreturn void switch_stack_and_call(u64 stack_top, void (*fn)(void));
extern char kernel_stack_top[];

/* trap.c: what the entry stubs hand to C. */
struct trap_frame {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector, error;
	u64 rip, cs, rflags, rsp, ss;
};
void trap_handler(struct trap_frame *f);

/* pmm.c: physical pages. */
void pmm_add_range(u64 start, u64 end);
void pmm_reserve(u64 start, u64 end);
void pmm_init_done(void);
u64 pmm_alloc(void);          /* a zeroed page, or 0 */
void pmm_free(u64 phys);      /* drops one reference; freed at the last */
void pmm_ref(u64 phys);
unsigned pmm_refs(u64 phys);
u64 pmm_free_pages(void);

/* vm.c: address spaces. */
#define VM_SHARED 1u   /* the page is not the process's: never freed with it */
struct aspace {
	u64 pml4;          /* physical */
	u64 stack_lo;      /* [stack_lo, stack_hi) fills on demand */
	u64 stack_hi;
};
int vm_create(struct aspace *as);
void vm_destroy(struct aspace *as);
void vm_activate(const struct aspace *as);
int vm_map_anon(struct aspace *as, u64 va, u64 len, unsigned prot);
int vm_map_phys(struct aspace *as, u64 va, u64 phys, unsigned prot, unsigned flags);
int vm_unmap(struct aspace *as, u64 va, u64 len);
int vm_protect(struct aspace *as, u64 va, u64 len, unsigned prot);
int vm_zero(struct aspace *as, u64 va, u64 len);
int vm_is_free(struct aspace *as, u64 va, u64 len);
int vm_is_mapped(struct aspace *as, u64 va, u64 len);
int vm_prot_of(struct aspace *as, u64 va, unsigned *prot);
int vm_move(struct aspace *as, u64 from, u64 to, u64 len);
u64 vm_find_free(struct aspace *as, u64 len, u64 top);
int vm_demand_fault(struct aspace *as, u64 va);
int vm_fork(struct aspace *child, struct aspace *parent);
int vm_cow_fault(struct aspace *as, u64 va);
int user_readable(struct aspace *as, u64 va, u64 len);
int copy_to_user(struct aspace *as, u64 dst, const void *src, u64 len);
int copy_from_user(struct aspace *as, void *dst, u64 src, u64 len);

/* clock.c */
void clock_init(void);
u64 clock_monotonic_ns(void);
long clock_read(unsigned clock, u64 uaddr);
u64 kdata_phys(void);
u64 random_u64(void);

/* initrd.c: cpio newc archive. */
struct initrd_file { const char *name; const void *data; u64 size; };
void initrd_init(const void *archive, u64 size);
int initrd_find(const char *name, struct initrd_file *out);
int initrd_entry(unsigned index, struct initrd_file *out);

/* cmdline.c */
#define MAX_ARGS 64
struct boot_options {
	int trace;               /* EXO_DEBUG_TRACE for every program */
	int bench;               /* cycle counts on the log port (bench.c) */
	int clock_call;          /* "clockcall": no clock in the data page (every read a native call) */
	int have_program;        /* "--" given: run argv[0] only */
	char *argv[MAX_ARGS + 1];
	char *envp[MAX_ARGS + 1];
};
void cmdline_parse(const char *cmdline, struct boot_options *opt);

/* initrd.c: the initrd as a read-only tree of names. Node 0 is the root
 * directory; every other node has a parent directory and a last name. */
#define INITRD_MAX_NODES 128
struct initrd_node {
	const char *leaf;      /* the last name (not NUL-terminated) */
	u32 leaf_len;
	int parent;            /* node index; the root is its own parent */
	int is_dir;
	unsigned perms;        /* 07777 bits of the archive's mode */
	const void *data;      /* a file's bytes */
	u64 size;
};
const struct initrd_node *initrd_node(int index);   /* NULL past the last */
int initrd_child(int dir, const char *name, u32 len);   /* node index or -1 */

/* objects.c: open objects, shared by the capabilities that designate them
 * (duplicates, a fork child's copies): the position and status flags live
 * here, so they are shared as POSIX says an open file description is. */
enum console_object { CONSOLE_IN, CONSOLE_OUT, CONSOLE_ERR };
struct kobj {
	unsigned refs;         /* 0: free */
	unsigned object;       /* EXO_OBJ_* */
	enum console_object backend;   /* EXO_OBJ_CHARDEV: which console */
	int node;              /* EXO_OBJ_FILE, EXO_OBJ_DIRECTORY: the initrd node */
	u64 pos;               /* file offset, or index of the next directory entry */
	u32 status;            /* EXO_FD_* */
};
struct kobj *kobj_new(unsigned object);
void kobj_put(struct kobj *o);

/* caps.c: the capability table of a process (in struct process) and the
 * core ring operations. */
struct kcap {
	struct kobj *obj;      /* NULL: free slot */
	unsigned rights;
};
#define CAP_TABLE_SIZE 64
struct process;
void caps_clear(struct process *p);
void caps_copy(struct process *dst, const struct process *src);
long cap_install(struct kobj *o, unsigned rights);   /* takes the caller's reference */
long cap_install_console(unsigned rights, enum console_object backend, unsigned status);
struct kcap *cap_get(exo_cap_t cap, unsigned rights, long *status);
long cap_release(exo_cap_t cap);
long cap_op(const struct exo_ring_sqe *sqe);

/* initrd_fs.c: the read-only initrd behind the name and file operations. */
long fs_open_at(const struct exo_ring_sqe *sqe);
long fs_stat_at(const struct exo_ring_sqe *sqe);
long fs_access_at(const struct exo_ring_sqe *sqe);
long fs_op(const struct exo_ring_sqe *sqe);   /* EXO_OP_FS_FIRST..LAST */
long fs_read(struct kobj *o, u64 addr, u64 len, u64 *pos);
long fs_seek(struct kobj *o, s64 offset, unsigned whence);
long fs_stat(const struct kobj *o, u64 addr);
int fs_lookup(exo_cap_t dir, exo_cap_t root, u64 uaddr, u32 len, int *node);
long root_install(void);   /* a directory capability on the initrd's root */

/* ring.c */
long ring_enter(u32 to_submit, u32 min_complete, u32 flags);

/* bench.c: the `bench` flag's counters. */
void bench_reset(void);
void bench_ring_enter(u64 cycles, u32 entries);
void bench_clock_read(u64 cycles);
void bench_report(void);

/* native.c */
long native_call(long a1, long a2, long a3, long a4, long a5, long a6, long nr);
long debug_report(u64 record);

/* memory.c: the EXO_NC_MEM_* calls. */
long mem_map(u64 addr, u64 len, unsigned prot, unsigned flags);
long mem_unmap(u64 addr, u64 len);
long mem_protect(u64 addr, u64 len, unsigned prot);
long mem_advise(u64 addr, u64 len, unsigned advice);
long mem_remap(u64 addr, u64 old_len, u64 new_len, unsigned flags, u64 new_addr);

/* process.c, sched.c: processes. Each has its own kernel stack; the
 * kernel runs with interrupts off, so a process leaves the CPU only in
 * schedule() (blocking, exiting, or preempted by the timer while in ring 3). */
#define MAX_PROCESSES 16
#define KSTACK_SIZE (16ul << 10)
enum proc_state { PROC_FREE, PROC_RUNNABLE, PROC_WAITING, PROC_ZOMBIE };
struct process {
	const char *name;
	enum proc_state state;
	u32 pid;
	struct process *parent;   /* NULL: an orphan, reaped by nobody */
	struct aspace as;
	u64 thread_block;   /* user address */
	u64 ring;           /* user address */
	u32 sq_head, cq_tail;  /* the kernel's own copies (ring.c) */
	unsigned debug_flags;
	int bench;          /* count cycles, report at exit (bench.c) */
	u64 start_ns;
	/* Where the loader put things; tools/qemu_gdb.py reads these two at
	 * the enter_user breakpoint to load the symbols at the right place. */
	u64 load_bias;      /* 0 for ET_EXEC, the PIE's displacement otherwise */
	u64 vdso_image;     /* the vDSO image (AT_SYSINFO_EHDR) */
	u64 process_area;   /* the process page (descriptors read by exec) */
	struct kcap caps[CAP_TABLE_SIZE];
	unsigned umask;
	u32 exit_how;       /* EXO_CHILD_EXITED or EXO_CHILD_KILLED, for wait */
	s32 exit_status;
	u64 fs_base;        /* FS base while another process runs */
	u64 ksp;            /* kernel stack pointer while another process runs */
	u64 kstack_top;
};
extern struct process *current;
int process_run(const char *name, const void *file, u64 size,
                char *const argv[], char *const envp[], unsigned debug_flags, int bench);
noreturn void process_exit(int status);
noreturn void process_kill(int signal, const char *why, u64 addr, u64 rip);
long process_fork(u64 start, const struct trap_frame *f);
long process_wait(unsigned id_type, u64 id, unsigned options, u64 status_addr);
long process_exec(u64 args);

struct process *proc_alloc(void);
struct process *proc_next(struct process *after);   /* the live ones, in table order */
void proc_end(struct process *p, u32 how, s32 status);
void schedule(void);            /* run another process; back when this one is chosen */
void sched_tick(void);          /* the timer's: preempt a process in ring 3 */
int sched_run_tree(struct process *root);   /* until every process has ended */
void switch_to(u64 *save_rsp, u64 new_rsp);   /* entry.S */
void user_return(void);                       /* entry.S: pops a trap_frame, iretq */

/* timer.c, clock.c */
void timer_init(int clock_call);
void timer_interrupt(void);
void clock_page_enable(u64 tick_ns);   /* the data page serves the clocks */
void clock_tick(void);          /* refresh the kernel data page */

/* main.c */
noreturn void kernel_continue(void);

#endif

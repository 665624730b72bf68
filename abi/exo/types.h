/* Fixed-width types and compile-time checks for the Exo-OS ABI.
 *
 * Every header under abi/ must compile in freestanding kernel code and in
 * user code, C99 or later, without any libc header, so the types come from
 * the compiler's own predefined macros. */
#ifndef EXO_TYPES_H
#define EXO_TYPES_H

typedef __UINT8_TYPE__  exo_u8;
typedef __UINT16_TYPE__ exo_u16;
typedef __UINT32_TYPE__ exo_u32;
typedef __UINT64_TYPE__ exo_u64;
typedef __INT32_TYPE__  exo_s32;
typedef __INT64_TYPE__  exo_s64;

#define EXO_PAGE_SIZE 4096u

/* _Static_assert is C11; the array trick keeps C99 users building. */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define EXO_ABI_ASSERT(cond, name) _Static_assert(cond, #name)
#else
#define EXO_ABI_ASSERT(cond, name) \
	typedef char exo_abi_assert_##name[(cond) ? 1 : -1]
#endif

#define EXO_OFFSETOF(type, member) __builtin_offsetof(type, member)

#endif

/* The legacy tier: signals as messages and up-calls.
 * X(linux number, tier, handler): one line per translated call; the
 * handler lives in the matching folder of vdso/. */
#define VDSO_SIGNAL_CALLS(X)

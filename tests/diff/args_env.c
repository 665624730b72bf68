#include <stdio.h>
#include <stdlib.h>

/* argv[0] is not printed: it names the binary, which the launcher may rewrite. */
int main(int argc, char **argv)
{
	printf("argc %d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("argv[%d] = [%s]\n", i, argv[i]);
	printf("argv[argc] is %s\n", argv[argc] ? "non-null" : "null");
	const char *v = getenv("EXO_TEST_VAR");
	printf("EXO_TEST_VAR = [%s]\n", v ? v : "(unset)");
	v = getenv("EXO_TEST_SURELY_UNSET_VAR");
	printf("EXO_TEST_SURELY_UNSET_VAR = [%s]\n", v ? v : "(unset)");
	return 0;
}

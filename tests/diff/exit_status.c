#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	printf("about to exit with 42\n");
	fputs("stderr before exit\n", stderr);
	exit(42);
}

# Commands tests/qemu/gdb_test.py runs after tools/qemu_gdb.py's script:
# from the program's main into the vDSO's entry, then into the kernel.
# The echo lines mark each stop for the checker.
break main
continue
echo exo-gdb-test: stopped in main\n
break __posixx_syscall
continue
echo exo-gdb-test: in the vDSO\n
bt 8
break syscall_entry
continue
echo exo-gdb-test: in the kernel\n
bt 2
stepi 3
echo exo-gdb-test: stepped\n
info symbol $pc
kill

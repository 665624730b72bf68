# Prints, one per line, the test scripts of SQLite's "veryquick" suite:
# the files `make tcltest` (test/veryquick.test) runs, as listed by
# test/permutations.test, each relative to the source tree (test/ and
# ext/*/test/). Run by testfixture: list_suite.tcl TESTDIR.
# permutations.test runs a suite only when it is argv0 itself, so naming
# another argv0 makes sourcing it define the suites and nothing more.
set testdir [lindex $argv 0]
set argv0 [file join $testdir list_suite]
set argv {}
source [file join $testdir permutations.test]
array set spec $::testspec(veryquick)
set top [file dirname [file normalize $testdir]]
foreach f $spec(-files) {
  # Files of test/ are listed by name, those of ext/ by path.
  set f [file normalize [file join $testdir $f]]
  puts [string range $f [string length $top/] end]
}
exit 0

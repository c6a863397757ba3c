# Reads `swift test` output (XCTest, then Swift Testing) and prints a clean summary: one line per suite
# result, each failure with the lines that explain it, and the closing lines. `make test` keeps the full
# log in .build/test.log.
/^(✔|✘) Suite .* (passed|failed)/ { print; next }
/^✘ Test .* (recorded an issue|failed)/ { print; context = 1; next }
/^✘ Test run/ || /^✔ Test run/ { closing = closing $0 "\n"; context = 0; next }
/^Test Suite 'All tests' (passed|failed)/ { print; next }
/ error: / || /^.*: error: / { print; context = 1; next }
/^[[:space:]]+Executed [0-9]+ tests?/ { xctest = $0; next }
context && (/^[[:space:]]/ || /^↳/) { print; next }
{ context = 0 }
END {
    if (xctest != "") print "XCTest:" xctest
    printf "%s", closing
}

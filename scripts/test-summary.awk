# Reads `swift test` output (XCTest, then Swift Testing) and prints a clean summary: one line per suite
# result, each failure with the lines that explain it (up to 60), and the closing lines. `make test` keeps the
# full log in .build/test.log.
{ gsub(/\033\[[0-9;]*m/, "") }
/^(◇|✔|✘|Test Case|Test Suite)/ { context = 0 }
/^(✔|✘) Suite .* (passed|failed)/ { print; next }
/^(✘|✔) Test run/ { closing = closing $0 "\n"; next }
/^✘ Test .* (recorded an issue|failed)/ { if ($0 ~ /recorded an issue/) { print; context = 60 } ; next }
/^Test Suite 'All tests' (passed|failed)/ { print; next }
/: error: / { print; context = 60; next }
/^[[:space:]]+Executed [0-9]+ tests?/ { xctest = $0; next }
context > 0 && !/^(◇|✔|✘|Test Case|Test Suite)/ { print; context--; next }
END {
    if (xctest != "") print "XCTest:" xctest
    printf "%s", closing
}

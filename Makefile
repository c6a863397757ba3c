# payops — the two commands a new user runs: `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
export LANG := C.UTF-8
export LC_ALL := C.UTF-8

.PHONY: all deps build release demo test bench clean

all: build

deps:
	@scripts/deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## Opens the console on a throwaway PostgreSQL filled with realistic demo data; cleans up on exit.
demo: deps
	$(SWIFT) build -c release --product payops
	.build/release/payops demo $(DEMO_ARGS)

## The whole suite against a real, throwaway PostgreSQL (started and stopped by the tests themselves).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build 2>&1 | tee .build/test.log | grep -v -E '^(◇|✔ Test "|\[)' ; exit $${PIPESTATUS[0]}

## Benchmarks (never part of make test): every pane query vs psql on the same SQL, the real console in tmux
## (first frame, peak RSS, curses flush), frame render time. BENCH_TRANSACTIONS=10000000 for the big run;
## BENCH_DATA_DIR=path keeps the seeded cluster there for the next run with the same N. Results in bench/RESULTS.md.
bench: deps
	$(SWIFT) build -c release --product payops
	$(SWIFT) build -c release --product payops-bench
	.build/release/payops-bench

clean:
	rm -rf .build

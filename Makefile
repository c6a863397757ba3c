# payops — the two commands a new user runs: `make demo` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
export LANG := C.UTF-8
export LC_ALL := C.UTF-8

.PHONY: all deps build release demo test bench install uninstall clean

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR := $(DESTDIR)$(PREFIX)/bin
SHAREDIR := $(DESTDIR)$(PREFIX)/share

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
	@echo "make test: running the suite (full log: .build/test.log)…"
	@$(SWIFT) test --skip-build > .build/test.log 2>&1; status=$$?; \
		awk -f scripts/test-summary.awk .build/test.log; \
		if [ $$status -ne 0 ]; then echo "make test: FAILED (exit $$status); details in .build/test.log"; fi; exit $$status

## Benchmarks (never part of make test): every pane query vs psql on the same SQL, the real console in tmux
## (first frame, peak RSS, curses flush), frame render time. BENCH_TRANSACTIONS=10000000 for the big run;
## BENCH_DATA_DIR=path keeps the seeded cluster there for the next run with the same N. Then the console's cost on the
## database (issue 12, pg_stat_statements): BENCH_ONLY=cost runs only that; BENCH_IDLE_SECONDS (60), BENCH_CONSOLES (20),
## BENCH_STANDBY=1/0 (on up to 1 M payments), BENCH_COST=0 skips it. Results in bench/RESULTS.md.
bench: deps
	$(SWIFT) build -c release --product payops
	$(SWIFT) build -c release --product payops-bench
	.build/release/payops-bench

## Installs the binary, its themes (PREFIX/share/payops/themes, found beside the binary at run time), shell
## completions for bash, zsh and fish, and the man page payops(1). PREFIX=/usr/local by default; DESTDIR for packaging.
install: deps
	$(SWIFT) build -c release --product payops
	install -d $(BINDIR) $(SHAREDIR)/payops/themes $(SHAREDIR)/man/man1 $(SHAREDIR)/bash-completion/completions \
		$(SHAREDIR)/zsh/site-functions $(SHAREDIR)/fish/vendor_completions.d
	install -m 0755 .build/release/payops $(BINDIR)/payops
	install -m 0644 themes/*.theme $(SHAREDIR)/payops/themes/
	.build/release/payops --generate-completion-script bash > $(SHAREDIR)/bash-completion/completions/payops
	.build/release/payops --generate-completion-script zsh > $(SHAREDIR)/zsh/site-functions/_payops
	.build/release/payops --generate-completion-script fish > $(SHAREDIR)/fish/vendor_completions.d/payops.fish
	$(SWIFT) package plugin generate-manual
	install -m 0644 .build/plugins/GenerateManual/outputs/ConsoleApp/payops.1 $(SHAREDIR)/man/man1/payops.1
	@echo "installed payops in $(BINDIR); man payops; completions for bash, zsh and fish"

uninstall:
	rm -f $(BINDIR)/payops $(SHAREDIR)/man/man1/payops.1 $(SHAREDIR)/bash-completion/completions/payops \
		$(SHAREDIR)/zsh/site-functions/_payops $(SHAREDIR)/fish/vendor_completions.d/payops.fish
	rm -rf $(SHAREDIR)/payops

clean:
	rm -rf .build

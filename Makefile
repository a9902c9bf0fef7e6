# Likert — the two commands of the README.
#   make run    installs what is missing, builds, and opens Likert on the sample project
#   make check  installs what is missing, builds, and runs every test; ends with "N passed, N failed"
#   make fuzz   runs each fuzz target for FUZZ_SECONDS (600) seconds

BUILDDIR ?= build
MESON_ARGS ?= -Dwerror=true
SAMPLE_CSV := data/samples/website-feedback.csv
SAMPLE_PROJECT := $(BUILDDIR)/sample/website-feedback.likert

# Debian 12 packages for building, running and testing.
DEBIAN_PACKAGES := meson ninja-build pkg-config gcc gettext \
	libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsqlite3-dev \
	libcairo2-dev libpango1.0-dev libgsl-dev libuchardet-dev libjson-glib-dev libxlsxwriter-dev \
	desktop-file-utils appstream libxml2-utils python3 sqlite3 \
	xvfb xauth dbus dbus-x11 fonts-dejavu-core fonts-noto-core time unzip \
	clang libclang-rt-14-dev valgrind

MESON_TEST_ENV := LC_ALL=C.UTF-8

# The sanitizer build (gcc, AddressSanitizer with leak detection + UndefinedBehaviorSanitizer) runs
# the unit suite again; the fuzz build (clang, libFuzzer + ASan + UBSan) runs each fuzz target.
SAN_BUILDDIR ?= $(BUILDDIR)-san
FUZZ_BUILDDIR ?= $(BUILDDIR)-fuzz
SAN_ARGS := -Db_sanitize=address,undefined -Db_lundef=false -Dgui=disabled
FUZZ_ARGS := -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false -Dgui=disabled \
	-Dtests=false
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
FUZZ_SECONDS ?= 600

.PHONY: all deps setup build run check fuzz bench clean

all: build

deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed$$' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

$(BUILDDIR)/build.ninja:
	meson setup $(BUILDDIR) $(MESON_ARGS)

setup: deps $(BUILDDIR)/build.ninja

build: setup
	meson compile -C $(BUILDDIR)

$(SAMPLE_PROJECT): $(SAMPLE_CSV) | build
	@mkdir -p $(dir $@)
	rm -f $@ $@-wal $@-shm
	$(BUILDDIR)/src/cli/likert-cli import $(SAMPLE_CSV) -o $@

run: build $(SAMPLE_PROJECT)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  GSETTINGS_SCHEMA_DIR=$(BUILDDIR)/data LIKERT_LOCALEDIR=$(BUILDDIR)/po \
	    $(BUILDDIR)/src/ui/likert $(SAMPLE_PROJECT); \
	else \
	  echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset): printing a report instead."; \
	  $(BUILDDIR)/src/cli/likert-cli report $(SAMPLE_PROJECT) -o $(BUILDDIR)/sample/histogram.png; \
	fi

$(SAN_BUILDDIR)/build.ninja: | deps
	meson setup $(SAN_BUILDDIR) $(SAN_ARGS)

$(FUZZ_BUILDDIR)/build.ninja: | deps
	CC=clang meson setup $(FUZZ_BUILDDIR) $(FUZZ_ARGS)

# Unit and data tests run directly; UI tests under Xvfb with a session bus; then the unit suite
# again in the sanitizer build (not the UI suite: GTK under ASan needs suppressions of its own
# and would double the build; nor the kill tests, suite 'nosan', too slow there), and every
# fuzz target for 30 seconds. The summary line is
# counted from meson's JSON test logs of the four runs (a build that fails leaves no log, which
# counts as a failure).
check: build $(SAN_BUILDDIR)/build.ninja $(FUZZ_BUILDDIR)/build.ninja
	@rm -f $(BUILDDIR)/meson-logs/unit.json $(BUILDDIR)/meson-logs/ui.json \
	  $(SAN_BUILDDIR)/meson-logs/san.json $(FUZZ_BUILDDIR)/meson-logs/fuzz.json; \
	status=0; \
	$(MESON_TEST_ENV) meson test -C $(BUILDDIR) --print-errorlogs --logbase unit \
	  --suite unit --suite data || status=1; \
	$(MESON_TEST_ENV) dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
	  meson test -C $(BUILDDIR) --print-errorlogs --logbase ui --suite ui || status=1; \
	if meson compile -C $(SAN_BUILDDIR); then \
	  $(MESON_TEST_ENV) $(SAN_ENV) meson test -C $(SAN_BUILDDIR) --print-errorlogs \
	    --logbase san --suite unit --no-suite nosan || status=1; \
	else status=1; fi; \
	if meson compile -C $(FUZZ_BUILDDIR); then \
	  $(MESON_TEST_ENV) FUZZ_SECONDS=30 meson test -C $(FUZZ_BUILDDIR) --print-errorlogs \
	    --logbase fuzz --suite fuzz || status=1; \
	else status=1; fi; \
	python3 build-aux/test-summary.py $(BUILDDIR)/meson-logs/unit.json \
	  $(BUILDDIR)/meson-logs/ui.json $(SAN_BUILDDIR)/meson-logs/san.json \
	  $(FUZZ_BUILDDIR)/meson-logs/fuzz.json || status=1; \
	exit $$status

# Each fuzz target for FUZZ_SECONDS seconds, two at a time, over its seeds (tests/fuzz/corpus)
# and what earlier runs found ($(FUZZ_BUILDDIR)/tests/fuzz/corpus); a crash is saved in
# $(FUZZ_BUILDDIR)/tests/fuzz/artifacts. Ends with each target's figures.
fuzz: deps $(FUZZ_BUILDDIR)/build.ninja
	meson compile -C $(FUZZ_BUILDDIR)
	@status=0; \
	$(MESON_TEST_ENV) FUZZ_SECONDS=$(FUZZ_SECONDS) meson test -C $(FUZZ_BUILDDIR) \
	  --print-errorlogs --logbase fuzz --suite fuzz || status=1; \
	cat $(FUZZ_BUILDDIR)/tests/fuzz/logs/*.summary; \
	exit $$status

# Benchmarks (figures, not pass/fail): likert-cli import against sqlite3's .import, and the
# interactive frame against SQL, on ROWS generated responses (default 1,000,000).
bench: build
	BUILDDIR=$(BUILDDIR) bench/import.sh $(ROWS)
	$(BUILDDIR)/bench/bench-frame $(ROWS)
	BUILDDIR=$(BUILDDIR) bench/responsive.sh $(ROWS)

clean:
	rm -rf $(BUILDDIR) $(SAN_BUILDDIR) $(FUZZ_BUILDDIR)

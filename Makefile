# Likert — the two commands of the README.
#   make run    installs what is missing, builds, and opens Likert on the sample project
#   make check  installs what is missing, builds, and runs every test; ends with "N passed, N failed"

BUILDDIR ?= build
MESON_ARGS ?= -Dwerror=true
SAMPLE_CSV := data/samples/website-feedback.csv
SAMPLE_PROJECT := $(BUILDDIR)/sample/website-feedback.likert

# Debian 12 packages for building, running and testing.
DEBIAN_PACKAGES := meson ninja-build pkg-config gcc gettext \
	libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsqlite3-dev \
	libcairo2-dev libpango1.0-dev libgsl-dev libuchardet-dev libjson-glib-dev libxlsxwriter-dev \
	desktop-file-utils appstream libxml2-utils python3 sqlite3 \
	xvfb xauth dbus dbus-x11 fonts-dejavu-core fonts-noto-core time unzip

MESON_TEST_ENV := LC_ALL=C.UTF-8

.PHONY: all deps setup build run check bench clean

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

# Unit and data tests run directly; UI tests under Xvfb with a session bus. The summary line
# is counted from meson's JSON test logs of both runs.
check: build
	@rm -f $(BUILDDIR)/meson-logs/unit.json $(BUILDDIR)/meson-logs/ui.json; \
	status=0; \
	$(MESON_TEST_ENV) meson test -C $(BUILDDIR) --print-errorlogs --logbase unit \
	  --suite unit --suite data || status=1; \
	$(MESON_TEST_ENV) dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
	  meson test -C $(BUILDDIR) --print-errorlogs --logbase ui --suite ui || status=1; \
	python3 build-aux/test-summary.py $(BUILDDIR)/meson-logs/unit.json \
	  $(BUILDDIR)/meson-logs/ui.json || status=1; \
	exit $$status

# Benchmarks (figures, not pass/fail): likert-cli import against sqlite3's .import, and the
# interactive frame against SQL, on ROWS generated responses (default 1,000,000).
bench: build
	BUILDDIR=$(BUILDDIR) bench/import.sh $(ROWS)
	$(BUILDDIR)/bench/bench-frame $(ROWS)

clean:
	rm -rf $(BUILDDIR)

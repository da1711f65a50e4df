# Lucarne — one non-recursive Makefile. Each folder adds its programs and
# tests in its own module.mk; everything lands under $(BUILD).
include config.mk

ifeq ($(SANITIZE),)
BUILD ?= build
SAN_FLAGS :=
else
BUILD ?= build/san
SAN_FLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer \
	     -fno-sanitize-recover=all
endif

ifeq ($(V),1)
Q :=
else
Q := @
endif

# libyuv ships no .pc file on Debian 12: fall back to plain flags for it.
pkg_cflags = $(shell $(PKG_CONFIG) --cflags $(filter-out libyuv,$(1)) 2>/dev/null)
pkg_libs = $(shell $(PKG_CONFIG) --libs $(filter-out libyuv,$(1)) 2>/dev/null) \
	$(if $(filter libyuv,$(1)),-lyuv)

CPPFLAGS_ALL := -I. $(call pkg_cflags,$(PKGS_ALL))
CFLAGS_ALL := $(CSTD) $(WARNINGS) $(OPT) $(SAN_FLAGS) -MMD -MP $(CPPFLAGS_ALL) $(CFLAGS)
LDFLAGS_ALL := $(SAN_FLAGS) $(LDFLAGS)

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
link = $(Q)printf '  LD      %s\n' $@ && mkdir -p $(@D) && \
	$(CC) $(LDFLAGS_ALL) -o $@ $(filter %.o %.a,$^)

PROGRAMS :=
# TEST_PROGRAMS: built by `make programs`, never installed.
TEST_PROGRAMS :=
UNIT_TESTS :=
FUZZERS :=
MANPAGES :=

# UNIT(name, objects-and-archives, pkg-config packages): tests/unit/name.c
define UNIT
UNIT_TESTS += $(BUILD)/tests/unit/$(1)
$(BUILD)/tests/unit/$(1): $(call obj,tests/unit/$(1).c) $(TAP_OBJ) $(2)
	$$(link) $$(call pkg_libs,$(3)) -lm -lpthread
endef

TAP_OBJ := $(call obj,tests/tap.c)

all: programs

include common/module.mk
include $(wildcard store/module.mk capture/module.mk relay/module.mk \
	admin/module.mk ui/module.mk kiosk/module.mk tests/module.mk)

programs: $(PROGRAMS) $(TEST_PROGRAMS)
unit: $(UNIT_TESTS)

# Rebuild everything when the compiler flags change (redis does the same).
$(BUILD)/.flags: FORCE
	@mkdir -p $(@D)
	@echo '$(CC) $(CFLAGS_ALL)' | cmp -s - $@ || echo '$(CC) $(CFLAGS_ALL)' > $@

$(BUILD)/obj/%.o: %.c $(BUILD)/.flags
	@mkdir -p $(@D)
	@$(if $(Q),printf '  CC      %s\n' $<)
	$(Q)$(CC) $(CFLAGS_ALL) -c $< -o $@

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# ---- set-up -------------------------------------------------------------
deps:
	$(Q)scripts/deps.sh

# ---- tests --------------------------------------------------------------
# check: packages, programs, unit tests (plain and sanitized), integration,
# browser and UI tests, all through prove, which prints the summary.
check: deps
	$(Q)$(MAKE) --no-print-directory programs unit
	$(Q)$(MAKE) --no-print-directory SANITIZE=address,undefined unit
	$(Q)$(MAKE) --no-print-directory test-run

test-run:
	$(Q)scripts/run-tests.sh

# The QEMU/vivid tests alone (they also run in check).
test-vm: programs
	$(Q)TESTS="$(wildcard tests/vm/*.t)" scripts/run-tests.sh

lint:
	$(Q)clang-format --dry-run --Werror $$(git ls-files '*.c' '*.h')
	$(Q)cppcheck --error-exitcode=1 --quiet --std=c11 --inline-suppr \
		--enable=warning,portability --suppress=missingIncludeSystem \
		-I. $$(git ls-files '*.c')

fuzz: deps
	$(Q)$(MAKE) --no-print-directory -f tests/fuzz/fuzz.mk FUZZ_SECONDS=$(FUZZ_SECONDS)

bench: deps
	$(Q)$(MAKE) --no-print-directory programs
	$(Q)scripts/bench.sh

demo: deps
	$(Q)$(MAKE) --no-print-directory programs
	$(Q)scripts/demo.sh

install: programs
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)
	install -m 755 $(PROGRAMS) $(DESTDIR)$(BINDIR)/
	$(if $(MANPAGES),install -m 644 $(MANPAGES) $(DESTDIR)$(MANDIR)/man1/)
	cp -R web $(DESTDIR)$(DATADIR)/
	install -d $(DESTDIR)$(DATADIR)/lessons
	cp -R kiosk/lessons/*/ $(DESTDIR)$(DATADIR)/lessons/

clean:
	rm -rf build

.PHONY: all programs unit deps check test-run test-vm lint fuzz bench demo install \
	clean FORCE

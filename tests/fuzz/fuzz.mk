# libFuzzer harnesses, built with clang (Debian's clang + libclang-rt-14-dev)
# and run FUZZ_SECONDS each. Invoked by `make fuzz`; other folders may add
# harnesses with FUZZ_TARGETS += name (tests/fuzz/fuzz_NAME.c) and
# FUZZ_SRCS_name := their sources.
include config.mk

FB := build/fuzz
PKG_CONFIG ?= pkg-config
FUZZ_FLAGS := -std=c11 -D_GNU_SOURCE -g -O1 -I. \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	$(shell $(PKG_CONFIG) --cflags jansson inih)
FUZZ_LIBS := $(shell $(PKG_CONFIG) --libs jansson inih)
COMMON_FUZZ_SRCS := common/err.c common/log.c common/xalloc.c \
	common/clock.c common/conf.c common/proto.c common/camctl.c common/masks.c

FUZZ_TARGETS := proto_media proto_ctl conf masks
-include $(wildcard */fuzz.mk.inc)

all: $(addprefix run-,$(FUZZ_TARGETS))

$(FB)/fuzz_%: tests/fuzz/fuzz_%.c $(COMMON_FUZZ_SRCS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $^ $(FUZZ_LIBS) -lpthread

# Seeds stay as committed; new inputs go to build/fuzz/corpus/NAME.
run-%: $(FB)/fuzz_%
	@mkdir -p $(FB)/corpus/$* $(FB)/artifacts
	@echo "fuzz: $* for $(FUZZ_SECONDS) s"
	@$(FB)/fuzz_$* -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		-artifact_prefix=$(FB)/artifacts/$*- -max_len=16384 \
		$(FB)/corpus/$* tests/fuzz/corpus/$* >$(FB)/$*.log 2>&1; \
		st=$$?; grep -E '^(Done|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)' \
		$(FB)/$*.log; [ $$st -eq 0 ] || { tail -n 40 $(FB)/$*.log; exit $$st; }

.PRECIOUS: $(FB)/fuzz_%
.PHONY: all

# tests/: helpers that are neither unit tests nor part of a program.

# make bench: how slow the machine is while the fan-out is measured.
$(BUILD)/tests/noise: $(call obj,tests/bench/noise.c) $(LIBCOMMON)
	$(link)
TEST_PROGRAMS += $(BUILD)/tests/noise

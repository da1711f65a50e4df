# tests/: helpers that are neither unit tests nor part of a program.

# make bench: what one send() per viewer costs on this machine, alone.
$(BUILD)/tests/floor: $(call obj,tests/bench/floor.c) $(VIEW_LIB) $(LIBCOMMON)
	$(link) -lpthread
TEST_PROGRAMS += $(BUILD)/tests/floor

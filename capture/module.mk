# capture/: lucarne-capture (and view/, the headless viewer lucarne-view,
# whose rules are in view/module.mk, included from here).
CAPTURE_LIB_SRCS := capture/frame.c capture/pattern.c capture/y4m.c \
	capture/convert.c capture/v4l2ctl.c capture/v4l2src.c capture/source.c \
	capture/ring.c capture/encoder.c capture/pipeline.c \
	capture/publisher.c capture/bench.c capture/mask.c \
	capture/onair.c
CAPTURE_PKGS := libv4l2 vpx libyuv libwebsockets openssl jansson inih
CAPTURE_LIB := $(BUILD)/libcapture.a

$(CAPTURE_LIB): $(call obj,$(CAPTURE_LIB_SRCS))
	$(Q)printf '  AR      %s\n' $@
	$(Q)rm -f $@ && ar rcs $@ $^

PROGRAMS += $(BUILD)/lucarne-capture
$(BUILD)/lucarne-capture: $(call obj,capture/main.c) $(CAPTURE_LIB) $(LIBCOMMON)
	$(link) $(call pkg_libs,$(CAPTURE_PKGS)) -lpthread

MANPAGES += docs/man/lucarne-capture.1

CAPTURE_TEST_LIBS := $(CAPTURE_LIB) $(LIBCOMMON)
$(foreach t,$(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_capture_*.c)),\
	$(eval $(call UNIT,$(t),$(CAPTURE_TEST_LIBS),$(CAPTURE_PKGS))))

include $(wildcard view/module.mk)

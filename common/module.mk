# common/: the library every program links (libcommon.a).
COMMON_SRCS := common/err.c common/log.c common/xalloc.c common/clock.c \
	common/conf.c common/proto.c common/camctl.c common/wsc.c \
	common/masks.c common/window.c common/auth.c
COMMON_PKGS := jansson inih libsodium
LIBCOMMON := $(BUILD)/libcommon.a

$(LIBCOMMON): $(call obj,$(COMMON_SRCS))
	$(Q)printf '  AR      %s\n' $@
	$(Q)rm -f $@ && ar rcs $@ $^

$(eval $(call UNIT,test_err,$(LIBCOMMON),$(COMMON_PKGS)))
$(eval $(call UNIT,test_log,$(LIBCOMMON),$(COMMON_PKGS)))
$(eval $(call UNIT,test_conf,$(LIBCOMMON),$(COMMON_PKGS)))
$(eval $(call UNIT,test_clock,$(LIBCOMMON),$(COMMON_PKGS)))
$(eval $(call UNIT,test_proto,$(LIBCOMMON),$(COMMON_PKGS)))
$(eval $(call UNIT,test_camctl,$(LIBCOMMON),$(COMMON_PKGS)))
$(eval $(call UNIT,test_masks,$(LIBCOMMON),$(COMMON_PKGS)))
$(eval $(call UNIT,test_window,$(LIBCOMMON),$(COMMON_PKGS)))
$(eval $(call UNIT,test_auth,$(LIBCOMMON),$(COMMON_PKGS)))

FUZZ_TARGETS += proto_media proto_ctl conf masks

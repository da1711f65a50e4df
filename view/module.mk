# view/: lucarne-view, the headless viewer and load generator (included
# from capture/module.mk, which the top Makefile reads).
VIEW_SRCS := view/hist.c view/login.c view/viewer.c view/report.c \
	view/loadgen.c view/region.c
VIEW_PKGS := vpx libwebsockets openssl jansson inih
VIEW_LIB := $(BUILD)/libview.a

$(VIEW_LIB): $(call obj,$(VIEW_SRCS))
	$(Q)printf '  AR      %s\n' $@
	$(Q)rm -f $@ && ar rcs $@ $^

PROGRAMS += $(BUILD)/lucarne-view
$(BUILD)/lucarne-view: $(call obj,view/main.c) $(VIEW_LIB) $(LIBCOMMON)
	$(link) $(call pkg_libs,$(VIEW_PKGS)) -lpthread

MANPAGES += docs/man/lucarne-view.1

$(foreach t,$(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_view_*.c)),\
	$(eval $(call UNIT,$(t),$(VIEW_LIB) $(LIBCOMMON),$(VIEW_PKGS))))

# admin/: lucarne-admin, provisioning on the command line against the
# relay's database.
ADMIN_SRCS := admin/admin.c
PROGRAMS += $(BUILD)/lucarne-admin
MANPAGES += docs/man/lucarne-admin.1

$(BUILD)/lucarne-admin: $(call obj,$(ADMIN_SRCS)) $(LIBSTORE) $(LIBCOMMON)
	$(link) $(call pkg_libs,$(STORE_PKGS) libsodium inih) -lm

# admin/: lucarne-admin, provisioning on the command line against the
# relay's database. main.c dispatches to one file per command family.
ADMIN_SRCS := admin/main.c admin/room.c admin/room_set.c admin/user.c \
	admin/device.c admin/consent.c admin/audit.c admin/report.c
PROGRAMS += $(BUILD)/lucarne-admin
MANPAGES += docs/man/lucarne-admin.1

$(BUILD)/lucarne-admin: $(call obj,$(ADMIN_SRCS)) $(LIBSTORE) $(LIBCOMMON)
	$(link) $(call pkg_libs,$(STORE_PKGS) libsodium inih) -lm

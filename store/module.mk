# store/: the data layer (libstore.a): the schema, its migrations and every
# query, SQLite behind one header. Used by the relay and lucarne-admin;
# nothing here knows HTTP or WebSocket.
STORE_SRCS := store/store.c store/store_audit.c store/store_camera.c \
	store/store_consent.c store/store_masks.c store/store_room_update.c \
	store/auditcsv.c store/datalock.c
STORE_PKGS := sqlite3 jansson
LIBSTORE := $(BUILD)/libstore.a

$(LIBSTORE): $(call obj,$(STORE_SRCS))
	$(Q)printf '  AR      %s\n' $@
	$(Q)rm -f $@ && ar rcs $@ $^

$(eval $(call UNIT,test_store,$(LIBSTORE) $(LIBCOMMON),$(STORE_PKGS) libsodium))
$(eval $(call UNIT,test_store_consent,$(LIBSTORE) $(LIBCOMMON),$(STORE_PKGS) libsodium))
$(eval $(call UNIT,test_store_datalock,$(LIBSTORE) $(LIBCOMMON),))
$(eval $(call UNIT,test_store_masks,$(LIBSTORE) $(LIBCOMMON),$(STORE_PKGS) libsodium))

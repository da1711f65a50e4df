# relay/: lucarne-relay (HTTP + WebSocket fan-out) and lucarne-admin.
RELAY_PKGS := libwebsockets openssl sqlite3 libsodium jansson inih
RELAY_LIBS = $(call pkg_libs,$(RELAY_PKGS)) -lm -lpthread

# Objects shared by both programs and the unit tests.
RELAY_CORE := $(call obj,relay/store.c relay/store_audit.c relay/store_camera.c \
	relay/store_consent.c relay/store_masks.c relay/auditcsv.c relay/auth.c \
	relay/ratelimit.c relay/fanout.c relay/window.c)
RELAY_SRV := $(call obj,relay/relay.c relay/http.c relay/api_room.c \
	relay/api_camera.c relay/api_consent.c relay/api_audit.c \
	relay/api_masks.c relay/ws.c \
	relay/room.c relay/metrics.c relay/pwpool.c relay/main.c)

PROGRAMS += $(BUILD)/lucarne-relay $(BUILD)/lucarne-admin
MANPAGES += docs/man/lucarne-relay.1 docs/man/lucarne-admin.1

$(BUILD)/lucarne-relay: $(RELAY_SRV) $(RELAY_CORE) $(LIBCOMMON)
	$(link) $(RELAY_LIBS)

$(BUILD)/lucarne-admin: $(call obj,relay/admin.c) $(RELAY_CORE) $(LIBCOMMON)
	$(link) $(RELAY_LIBS)

# A small WebSocket test client for the integration tests.
$(BUILD)/tests/wsprobe: $(call obj,tests/integ/wsprobe.c) $(LIBCOMMON)
	$(link) $(call pkg_libs,libwebsockets jansson) -lm
TEST_PROGRAMS += $(BUILD)/tests/wsprobe

$(eval $(call UNIT,test_relay_store,$(RELAY_CORE) $(LIBCOMMON),$(RELAY_PKGS)))
$(eval $(call UNIT,test_relay_consent,$(RELAY_CORE) $(LIBCOMMON),$(RELAY_PKGS)))
$(eval $(call UNIT,test_relay_masks,$(RELAY_CORE) $(LIBCOMMON),$(RELAY_PKGS)))
$(eval $(call UNIT,test_relay_auth,$(RELAY_CORE) $(LIBCOMMON),$(RELAY_PKGS)))
$(eval $(call UNIT,test_relay_ratelimit,$(RELAY_CORE) $(LIBCOMMON),$(RELAY_PKGS)))
$(eval $(call UNIT,test_relay_fanout,$(RELAY_CORE) $(LIBCOMMON),$(RELAY_PKGS)))
$(eval $(call UNIT,test_relay_window,$(RELAY_CORE) $(LIBCOMMON),$(RELAY_PKGS)))

# Where the installed web app lives (see find_www in relay.c).
$(call obj,relay/relay.c): CFLAGS_ALL += -DLUCARNE_DATADIR='"$(DATADIR)"'

# relay/: lucarne-relay, the HTTP + WebSocket server.
RELAY_PKGS := libwebsockets openssl sqlite3 libsodium jansson inih
RELAY_LIBS = $(call pkg_libs,$(RELAY_PKGS)) -lm -lpthread

# The server's pure parts, also linked by its unit tests.
RELAY_CORE := $(call obj,relay/ratelimit.c relay/fanout.c relay/camera.c)
RELAY_SRV := $(call obj,relay/relay.c relay/http.c relay/api_room.c \
	relay/api_camera.c relay/api_consent.c relay/api_audit.c \
	relay/api_masks.c relay/ws.c \
	relay/room.c relay/metrics.c relay/pwpool.c relay/main.c)

PROGRAMS += $(BUILD)/lucarne-relay
MANPAGES += docs/man/lucarne-relay.1

$(BUILD)/lucarne-relay: $(RELAY_SRV) $(RELAY_CORE) $(LIBSTORE) $(LIBCOMMON)
	$(link) $(RELAY_LIBS)

# A small WebSocket test client for the integration tests.
$(BUILD)/tests/wsprobe: $(call obj,tests/integ/wsprobe.c) $(LIBCOMMON)
	$(link) $(call pkg_libs,libwebsockets jansson) -lm
TEST_PROGRAMS += $(BUILD)/tests/wsprobe

$(eval $(call UNIT,test_relay_ratelimit,$(RELAY_CORE) $(LIBSTORE) $(LIBCOMMON),$(RELAY_PKGS)))
$(eval $(call UNIT,test_relay_fanout,$(RELAY_CORE) $(LIBSTORE) $(LIBCOMMON),$(RELAY_PKGS)))
$(eval $(call UNIT,test_relay_camera,$(RELAY_CORE) $(LIBSTORE) $(LIBCOMMON),$(RELAY_PKGS)))

# Where the installed web app lives (see find_www in relay.c).
$(call obj,relay/relay.c): CFLAGS_ALL += -DLUCARNE_DATADIR='"$(DATADIR)"'

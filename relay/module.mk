# relay/: lucarne-relay, the HTTP + WebSocket server.
RELAY_PKGS := libwebsockets openssl sqlite3 libsodium jansson inih
RELAY_LIBS = $(call pkg_libs,$(RELAY_PKGS)) -lm -lpthread

# The server's pure parts, also linked by its unit tests.
RELAY_CORE := $(call obj,relay/ratelimit.c relay/fanout.c relay/wsspec.c \
	relay/acctcap.c relay/api/chunked.c relay/camera.c)
RELAY_SRV := $(call obj,relay/relay.c relay/ws.c relay/ident.c relay/hdr.c \
	relay/room.c relay/metrics.c relay/pwpool.c relay/wsgate.c \
	relay/preflight.c relay/main.c)
# The HTTP API, one file per endpoint family (docs/api.md).
RELAY_SRV += $(call obj,relay/api/http.c relay/api/respond.c \
	relay/api/route.c relay/api/login.c relay/api/knowndev.c \
	relay/api/me.c relay/api/ops.c relay/api/static.c relay/api/rooms.c \
	relay/api/camera.c relay/api/consent.c relay/api/audit.c \
	relay/api/masks.c)

PROGRAMS += $(BUILD)/lucarne-relay
MANPAGES += docs/man/lucarne-relay.1

$(BUILD)/lucarne-relay: $(RELAY_SRV) $(RELAY_CORE) $(LIBSTORE) $(LIBCOMMON)
	$(link) $(RELAY_LIBS)

# A small WebSocket test client for the integration tests.
$(BUILD)/tests/wsprobe: $(call obj,tests/integ/wsprobe.c) $(LIBCOMMON)
	$(link) $(call pkg_libs,libwebsockets jansson) -lm
TEST_PROGRAMS += $(BUILD)/tests/wsprobe

$(eval $(call UNIT,test_relay_ratelimit,$(RELAY_CORE) $(LIBSTORE) $(LIBCOMMON),$(RELAY_PKGS)))
$(eval $(call UNIT,test_relay_chunked,$(RELAY_CORE) $(LIBSTORE) $(LIBCOMMON),$(RELAY_PKGS)))
$(eval $(call UNIT,test_relay_knowndev,$(call obj,relay/api/knowndev.c) $(LIBCOMMON),$(RELAY_PKGS)))
$(eval $(call UNIT,test_relay_fanout,$(RELAY_CORE) $(LIBSTORE) $(LIBCOMMON),$(RELAY_PKGS)))
$(eval $(call UNIT,test_relay_wsspec,$(call obj,relay/wsspec.c),))
$(eval $(call UNIT,test_relay_acctcap,$(call obj,relay/acctcap.c) $(LIBCOMMON),))
$(eval $(call UNIT,test_relay_camera,$(RELAY_CORE) $(LIBSTORE) $(LIBCOMMON),$(RELAY_PKGS)))

# Where the installed web app lives (see find_www in relay.c).
$(call obj,relay/relay.c): CFLAGS_ALL += -DLUCARNE_DATADIR='"$(DATADIR)"'

# Build configuration: every knob a packager or developer may set on the
# command line (make VAR=value). The Makefile reads nothing else.

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/lucarne
MANDIR    ?= $(PREFIX)/share/man
DESTDIR   ?=

CC        ?= cc
FUZZ_CC   ?= clang
PKG_CONFIG ?= pkg-config

# SANITIZE=address,undefined builds everything into build/san with the
# sanitizers on; the flags file below makes a change of flags rebuild.
SANITIZE  ?=
OPT       ?= -O2 -g

# Seconds each libFuzzer harness runs under `make fuzz`.
FUZZ_SECONDS ?= 60

WARNINGS  := -Wall -Wextra -Wshadow -Wmissing-prototypes -Wwrite-strings \
             -Wformat=2 -Werror
CSTD      := -std=c11 -D_GNU_SOURCE

# Every Debian -dev package the C code builds against (pkg-config names).
PKGS_ALL  := libv4l2 vpx libyuv libwebsockets openssl sqlite3 libsodium \
             jansson inih sdl2 SDL2_ttf SDL2_image opus speexdsp espeak-ng

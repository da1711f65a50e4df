# kiosk/: lucarne-kiosk, the seniors' touchscreen (see docs/lessons.md and
# docs/man/lucarne-kiosk.1). Links libui.a (ui/module.mk).
KIOSK_LIB_SRCS := kiosk/i18n.c kiosk/lesson.c kiosk/state.c kiosk/shell.c \
	kiosk/kiosk.c kiosk/chrome.c kiosk/home.c kiosk/list.c kiosk/player.c \
	kiosk/trainer.c kiosk/script.c
KIOSK_PKGS := $(UI_PKGS) jansson inih
LIBKIOSK := $(BUILD)/libkiosk.a

$(LIBKIOSK): $(call obj,$(KIOSK_LIB_SRCS))
	$(Q)printf '  AR      %s\n' $@
	$(Q)rm -f $@ && ar rcs $@ $^

PROGRAMS += $(BUILD)/lucarne-kiosk
MANPAGES += docs/man/lucarne-kiosk.1

$(BUILD)/lucarne-kiosk: $(call obj,kiosk/main.c) $(LIBKIOSK) $(LIBUI) \
		$(LIBCOMMON)
	$(link) $(call pkg_libs,$(KIOSK_PKGS)) -lm -lpthread

$(eval $(call UNIT,test_kiosk_i18n,$(LIBKIOSK) $(LIBUI) $(LIBCOMMON),$(KIOSK_PKGS)))
$(eval $(call UNIT,test_kiosk_lesson,$(LIBKIOSK) $(LIBUI) $(LIBCOMMON),$(KIOSK_PKGS)))
$(eval $(call UNIT,test_kiosk_state,$(LIBKIOSK) $(LIBUI) $(LIBCOMMON),$(KIOSK_PKGS)))

# Regenerate the example lessons' pictures (drawn with SDL; committed).
$(BUILD)/lesson-pictures: $(call obj,kiosk/lessons/pictures.c) $(LIBUI) \
		$(LIBCOMMON)
	$(link) $(call pkg_libs,$(UI_PKGS)) -lm -lpthread

lesson-pictures: $(BUILD)/lesson-pictures
	$(BUILD)/lesson-pictures kiosk/lessons

.PHONY: lesson-pictures

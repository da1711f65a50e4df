# ui/: the widget toolkit (libui.a), SDL2 + SDL2_ttf + SDL2_image, speech
# through espeak-ng, recorded sound through SDL's audio. See ui/ui.h.
UI_SRCS := ui/ui.c ui/ui_obj.c ui/ui_sdl.c ui/ui_theme.c ui/ui_touch.c \
	ui/ui_layout.c ui/ui_screen.c ui/ui_label.c ui/ui_button.c \
	ui/ui_image.c ui/ui_progress.c ui/ui_grid.c ui/ui_dialog.c \
	ui/ui_video.c ui/ui_audit.c ui/ui_speech.c ui/ui_audio.c
UI_PKGS := sdl2 SDL2_ttf SDL2_image espeak-ng
LIBUI := $(BUILD)/libui.a

$(LIBUI): $(call obj,$(UI_SRCS))
	$(Q)printf '  AR      %s\n' $@
	$(Q)rm -f $@ && ar rcs $@ $^

$(eval $(call UNIT,test_ui_theme,$(LIBUI) $(LIBCOMMON),$(UI_PKGS)))
$(eval $(call UNIT,test_ui_touch,$(LIBUI) $(LIBCOMMON),$(UI_PKGS)))
$(eval $(call UNIT,test_ui_layout,$(LIBUI) $(LIBCOMMON),$(UI_PKGS)))
$(eval $(call UNIT,test_ui_widgets,$(LIBUI) $(LIBCOMMON),$(UI_PKGS)))
$(eval $(call UNIT,test_ui_speech,$(LIBUI) $(LIBCOMMON),$(UI_PKGS)))
$(eval $(call UNIT,test_ui_audio,$(LIBUI) $(LIBCOMMON),$(UI_PKGS)))

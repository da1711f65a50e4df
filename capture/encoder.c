#define LOG_TAG "encoder"
#include "capture/encoder.h"
#include "common/err.h"
#include "common/log.h"
#include "common/proto.h"
#include "common/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <vpx/vp8cx.h>
#include <vpx/vpx_encoder.h>

struct encoder {
	struct encoder_config cfg;
	vpx_codec_ctx_t codec;
	vpx_codec_enc_cfg_t vcfg;
	bool codec_ok;
	vpx_image_t img; /* wraps the caller's frame, no copy */
	int64_t pts;
	unsigned pos; /* position in the layer pattern */
	int since_key; /* frames since the last keyframe */
	bool want_key;
};

#define NO_REF_ALL_BUT_LAST (VP8_EFLAG_NO_REF_GF | VP8_EFLAG_NO_REF_ARF)
#define NO_UPD_ALL                                                             \
	(VP8_EFLAG_NO_UPD_LAST | VP8_EFLAG_NO_UPD_GF | VP8_EFLAG_NO_UPD_ARF)

/* As libvpx's vpx_temporal_svc_encoder.c: LAST holds the latest base
 * frame, GOLDEN the latest layer-1 frame; ARF is unused. Layer 1 and the
 * first layer-2 frame of a period refer only to LAST, hence SYNC; layer-2
 * frames update nothing, hence DROPPABLE. */
void encoder_pattern(int layers, unsigned pos, int *layer, int *proto_flags,
		     long *vpx_flags)
{
	static const int ids3[4] = { 0, 2, 1, 2 };
	unsigned period = layers >= 3 ? 4 : layers == 2 ? 2 : 1;

	pos %= period;
	*layer = layers >= 3 ? ids3[pos] : (int)pos;
	*proto_flags = 0;
	*vpx_flags = 0;
	if (layers <= 1)
		return; /* plain VP8: every reference, every update */
	switch (*layer) {
	case 0:
		*vpx_flags = NO_REF_ALL_BUT_LAST | VP8_EFLAG_NO_UPD_GF |
			VP8_EFLAG_NO_UPD_ARF;
		break;
	case 1:
		*vpx_flags = NO_REF_ALL_BUT_LAST | VP8_EFLAG_NO_UPD_LAST |
			VP8_EFLAG_NO_UPD_ARF;
		*proto_flags = PROTO_FLAG_SYNC;
		if (layers == 2) { /* the top layer: droppable */
			*vpx_flags |= VP8_EFLAG_NO_UPD_GF;
			*proto_flags |= PROTO_FLAG_DROPPABLE;
		}
		break;
	default: /* layer 2 */
		*vpx_flags = VP8_EFLAG_NO_REF_ARF | NO_UPD_ALL;
		*proto_flags = PROTO_FLAG_DROPPABLE;
		if (pos == 1) {
			*vpx_flags |= VP8_EFLAG_NO_REF_GF;
			*proto_flags |= PROTO_FLAG_SYNC;
		}
		break;
	}
}

/* Cumulative per-layer targets (kbps) in the proportions libvpx's example
 * uses: the base layer gets the biggest share, being referred to most. */
static void set_layer_rates(vpx_codec_enc_cfg_t *c, int layers, int kbps)
{
	static const int pct2[2] = { 60, 100 }, pct3[3] = { 40, 60, 100 };

	c->rc_target_bitrate = (unsigned)kbps;
	for (int i = 0; i < layers && layers > 1; i++)
		c->ts_target_bitrate[i] = (unsigned)kbps *
			(unsigned)(layers == 2 ? pct2[i] : pct3[i]) / 100;
}

struct encoder *encoder_new(const struct encoder_config *cfg, char *err,
			    size_t errlen)
{
	struct encoder *e = XNEW(struct encoder);
	vpx_codec_enc_cfg_t *c = &e->vcfg;
	vpx_codec_err_t res;

	e->cfg = *cfg;
	if (cfg->width < 16 || cfg->height < 16 || cfg->width % 2 ||
	    cfg->height % 2 || cfg->fps < 1 || cfg->layers < 1 ||
	    cfg->layers > PROTO_MAX_LAYERS || cfg->kbps < 16) {
		snprintf(err, errlen, "bad encoder settings");
		goto fail;
	}
	res = vpx_codec_enc_config_default(vpx_codec_vp8_cx(), c, 0);
	if (res) {
		snprintf(err, errlen, "libvpx: %s",
			 vpx_codec_err_to_string(res));
		goto fail;
	}
	c->g_w = (unsigned)cfg->width;
	c->g_h = (unsigned)cfg->height;
	c->g_timebase.num = 1;
	c->g_timebase.den = cfg->fps;
	c->g_threads = (unsigned)(cfg->threads > 0 ? cfg->threads : 1);
	c->g_lag_in_frames = 0;
	c->g_error_resilient = VPX_ERROR_RESILIENT_DEFAULT;
	c->g_pass = VPX_RC_ONE_PASS;
	c->rc_end_usage = VPX_CBR;
	c->rc_dropframe_thresh = 0; /* a dropped frame would break the
				     * layer pattern; CBR copes */
	c->rc_resize_allowed = 0;
	c->rc_min_quantizer = 4;
	c->rc_max_quantizer = 56;
	c->rc_undershoot_pct = 50;
	c->rc_overshoot_pct = 50;
	c->rc_buf_initial_sz = 500;
	c->rc_buf_optimal_sz = 600;
	c->rc_buf_sz = 1000;
	c->kf_mode = VPX_KF_DISABLED; /* we place keyframes ourselves */
	if (cfg->layers > 1) {
		static const unsigned ids3[4] = { 0, 2, 1, 2 };

		c->ts_number_layers = (unsigned)cfg->layers;
		c->ts_periodicity = cfg->layers == 3 ? 4 : 2;
		for (unsigned i = 0; i < c->ts_periodicity; i++)
			c->ts_layer_id[i] = cfg->layers == 3 ? ids3[i] : i;
		for (int i = 0; i < cfg->layers; i++)
			c->ts_rate_decimator[i] = 1u << (cfg->layers - 1 - i);
	}
	set_layer_rates(c, cfg->layers, cfg->kbps);
	res = vpx_codec_enc_init(&e->codec, vpx_codec_vp8_cx(), c, 0);
	if (res) {
		snprintf(err, errlen, "libvpx: %s",
			 vpx_codec_err_to_string(res));
		goto fail;
	}
	e->codec_ok = true;
	vpx_codec_control(&e->codec, VP8E_SET_CPUUSED, cfg->cpu_used);
	vpx_codec_control(&e->codec, VP8E_SET_STATIC_THRESHOLD, 1);
	vpx_codec_control(&e->codec, VP8E_SET_NOISE_SENSITIVITY, 0);
	/* Cap keyframes at 9 frames' worth of bits so that a keyframe does
	 * not stall the stream (libvpx's own rule for realtime). */
	vpx_codec_control(&e->codec, VP8E_SET_MAX_INTRA_BITRATE_PCT,
			  c->rc_buf_optimal_sz / 2 * (unsigned)cfg->fps / 10);
	e->want_key = true;
	return e;
fail:
	encoder_free(e);
	return NULL;
}

void encoder_free(struct encoder *e)
{
	if (!e)
		return;
	if (e->codec_ok)
		vpx_codec_destroy(&e->codec);
	free(e);
}

void encoder_request_keyframe(struct encoder *e)
{
	e->want_key = true;
}

int encoder_bitrate(const struct encoder *e)
{
	return (int)e->vcfg.rc_target_bitrate;
}

int encoder_set_bitrate(struct encoder *e, int kbps)
{
	vpx_codec_enc_cfg_t c = e->vcfg;

	if (kbps < 16 || kbps > 100000)
		return LC_EINVAL;
	set_layer_rates(&c, e->cfg.layers, kbps);
	if (vpx_codec_enc_config_set(&e->codec, &c)) {
		log_warn("libvpx refused %d kbps: %s", kbps,
			 vpx_codec_error_detail(&e->codec));
		return LC_EINVAL;
	}
	e->vcfg = c;
	return 0;
}

int encoder_encode(struct encoder *e, const struct frame *f,
		   struct ring_pkt **out)
{
	const vpx_codec_cx_pkt_t *pkt;
	vpx_codec_iter_t iter = NULL;
	struct ring_pkt *p = NULL;
	int layer, pflags;
	long vflags;

	*out = NULL;
	if (e->cfg.keyframe_interval > 0 &&
	    e->since_key >= e->cfg.keyframe_interval)
		e->want_key = true;
	if (e->want_key)
		e->pos = 0; /* a keyframe starts the pattern, on layer 0 */
	encoder_pattern(e->cfg.layers, e->pos, &layer, &pflags, &vflags);
	if (e->want_key)
		vflags |= VPX_EFLAG_FORCE_KF;
	vpx_img_wrap(&e->img, VPX_IMG_FMT_I420, (unsigned)f->width,
		     (unsigned)f->height, 1, f->y);
	e->img.planes[VPX_PLANE_Y] = f->y;
	e->img.planes[VPX_PLANE_U] = f->u;
	e->img.planes[VPX_PLANE_V] = f->v;
	e->img.stride[VPX_PLANE_Y] = f->stride_y;
	e->img.stride[VPX_PLANE_U] = f->stride_uv;
	e->img.stride[VPX_PLANE_V] = f->stride_uv;
	if (e->cfg.layers > 1)
		vpx_codec_control(&e->codec, VP8E_SET_TEMPORAL_LAYER_ID, layer);
	if (vpx_codec_encode(&e->codec, &e->img, e->pts++, 1, vflags,
			     VPX_DL_REALTIME)) {
		log_error("libvpx: %s",
			  vpx_codec_error_detail(&e->codec)
				  ? vpx_codec_error_detail(&e->codec)
				  : vpx_codec_error(&e->codec));
		return LC_EIO;
	}
	while ((pkt = vpx_codec_get_cx_data(&e->codec, &iter))) {
		if (pkt->kind != VPX_CODEC_CX_FRAME_PKT || p)
			continue; /* one frame in, one frame out (no lag) */
		p = ring_pkt_new(pkt->data.frame.sz);
		memcpy(p->data, pkt->data.frame.buf, pkt->data.frame.sz);
		p->capture_us = f->capture_us;
		p->layer = (uint8_t)layer;
		p->flags = (uint8_t)pflags;
		if (pkt->data.frame.flags & VPX_FRAME_IS_KEY) {
			/* Also covers a keyframe libvpx chose itself. */
			p->layer = 0;
			p->flags = PROTO_FLAG_KEY;
			e->pos = 0;
			e->since_key = 0;
			e->want_key = false;
		}
		if (f->slate)
			p->flags |= PROTO_FLAG_SLATE;
	}
	e->pos++;
	e->since_key++;
	*out = p;
	return 0;
}

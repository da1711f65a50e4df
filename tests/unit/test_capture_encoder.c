/* The VP8 encoder: keyframes at the interval and on demand, the temporal
 * layer pattern and its header flags, bitrate changes, and decodability:
 * the stream thinned to layers 0-1 or to layer 0 decodes to exactly the
 * same pictures as the whole stream, which proves the references. */
#include "capture/encoder.h"
#include "capture/pattern.h"
#include "common/err.h"
#include "common/proto.h"
#include "tests/tap.h"

#include <stdlib.h>
#include <string.h>
#include <vpx/vp8dx.h>
#include <vpx/vpx_decoder.h>

#define N 48
#define W 320
#define H 240

static struct ring_pkt *pkts[N];

/* Decode the frames with layer <= @max_layer; keep a checksum of each
 * decoded picture in @sums (0 for frames skipped). Returns decode errors. */
static int decode(int max_layer, uint64_t *sums)
{
	vpx_codec_ctx_t d;
	int errors = 0;

	vpx_codec_dec_init(&d, vpx_codec_vp8_dx(), NULL, 0);
	for (int i = 0; i < N; i++) {
		vpx_codec_iter_t it = NULL;
		vpx_image_t *img;

		sums[i] = 0;
		if (pkts[i]->layer > max_layer)
			continue;
		if (vpx_codec_decode(&d, pkts[i]->data, (unsigned)pkts[i]->len,
				     NULL, 0)) {
			errors++;
			continue;
		}
		while ((img = vpx_codec_get_frame(&d, &it))) {
			uint64_t h = 1469598103934665603ULL;

			for (unsigned y = 0; y < img->d_h; y++)
				for (unsigned x = 0; x < img->d_w; x++)
					h = (h ^
					     img->planes[0][y * img->stride[0] +
							    x]) *
						1099511628211ULL;
			sums[i] = h;
		}
	}
	vpx_codec_destroy(&d);
	return errors;
}

static size_t encode_bytes(struct encoder *e, struct frame *f, int n,
			   uint64_t *fno)
{
	size_t total = 0;

	for (int i = 0; i < n; i++) {
		struct ring_pkt *p;

		pattern_draw(f, (*fno)++, 0);
		encoder_encode(e, f, &p);
		total += p ? p->len : 0;
		ring_pkt_unref(p);
	}
	return total;
}

int main(void)
{
	char err[256];
	struct encoder_config cfg = { W, H, 30, 600, 3, 16, 8, 1 };
	struct encoder *e = encoder_new(&cfg, err, sizeof(err));
	struct frame *f = frame_new(W, H);
	uint64_t full[N], thin[N], fno = 0;
	bool kf_ok = true, pattern_ok = true, flags_ok = true, same = true;
	static const int want_layer[4] = { 0, 2, 1, 2 };
	int layer, pflags;
	long vflags;
	size_t hi, lo;

	plan(17);
	ok(e != NULL, "encoder created");
	for (int i = 0; i < N; i++) {
		if (i == 37)
			encoder_request_keyframe(e);
		pattern_draw(f, fno++, 1000 * i);
		if (encoder_encode(e, f, &pkts[i]) < 0 || !pkts[i]) {
			diag("encode failed at %d", i);
			return 1;
		}
	}
	/* Keyframes at 0, 16, 32 (interval), 37 (request); then the next
	 * periodic one counts from 37. */
	for (int i = 0; i < N; i++) {
		bool key = pkts[i]->flags & PROTO_FLAG_KEY;
		bool want = i == 0 || i == 16 || i == 32 || i == 37;

		kf_ok &= key == want;
	}
	ok(kf_ok, "keyframes at 0, 16, 32 and on demand at 37");
	for (int i = 0; i < 37; i++)
		pattern_ok &= pkts[i]->layer == want_layer[i % 4];
	for (int i = 37; i < N; i++)
		pattern_ok &= pkts[i]->layer == want_layer[(i - 37) % 4];
	ok(pattern_ok, "layers 0,2,1,2 from every keyframe");
	for (int i = 0; i < N; i++) {
		int l = pkts[i]->layer, fl = pkts[i]->flags;
		bool key = fl & PROTO_FLAG_KEY;

		flags_ok &= key	 ? fl == PROTO_FLAG_KEY && l == 0
			: l == 0 ? fl == 0
			: l == 1 ? fl == PROTO_FLAG_SYNC
				 : (fl & PROTO_FLAG_DROPPABLE) != 0;
		flags_ok &= pkts[i]->capture_us == 1000 * i;
	}
	ok(flags_ok,
	   "KEY alone on keyframes; SYNC on layer 1; DROPPABLE on "
	   "layer 2; capture time kept");
	ok(pkts[1]->flags == (PROTO_FLAG_SYNC | PROTO_FLAG_DROPPABLE) &&
		   pkts[3]->flags == PROTO_FLAG_DROPPABLE,
	   "first layer-2 frame of a period is SYNC, the second not");

	ok(decode(2, full) == 0, "whole stream decodes without error");
	ok(decode(1, thin) == 0, "layers 0-1 decode without error");
	for (int i = 0; i < N; i++)
		if (thin[i])
			same &= thin[i] == full[i];
	ok(same, "layers 0-1 decode to the same pictures as the whole stream");
	same = true;
	ok(decode(0, thin) == 0, "layer 0 alone decodes without error");
	for (int i = 0; i < N; i++)
		if (thin[i])
			same &= thin[i] == full[i];
	ok(same, "layer 0 decodes to the same pictures as the whole stream");

	/* Bitrate: a lower target gives smaller frames. */
	hi = encode_bytes(e, f, 60, &fno);
	ok(encoder_set_bitrate(e, 100) == 0 && encoder_bitrate(e) == 100,
	   "bitrate changed at run time");
	encode_bytes(e, f, 30, &fno); /* let rate control settle */
	lo = encode_bytes(e, f, 60, &fno);
	ok(lo < hi * 2 / 3, "100 kbps spends less than 600 kbps (%zu < %zu)",
	   lo, hi);
	ok(encoder_set_bitrate(e, 5) == LC_EINVAL, "bitrate out of range");

	for (int i = 0; i < N; i++)
		ring_pkt_unref(pkts[i]);
	encoder_free(e);

	/* The pattern table for 2 and 1 layers. */
	encoder_pattern(2, 1, &layer, &pflags, &vflags);
	ok(layer == 1 && pflags == (PROTO_FLAG_SYNC | PROTO_FLAG_DROPPABLE),
	   "2 layers: odd frames on layer 1, sync and droppable");
	encoder_pattern(1, 3, &layer, &pflags, &vflags);
	ok(layer == 0 && pflags == 0 && vflags == 0, "1 layer: plain VP8");

	cfg.layers = 4;
	ok(encoder_new(&cfg, err, sizeof(err)) == NULL, "4 layers refused");
	cfg.layers = 1;
	cfg.keyframe_interval = 0;
	e = encoder_new(&cfg, err, sizeof(err));
	{
		int keys = 0;

		for (int i = 0; i < 40; i++) {
			struct ring_pkt *p;

			pattern_draw(f, fno++, 0);
			encoder_encode(e, f, &p);
			keys += p && (p->flags & PROTO_FLAG_KEY);
			ring_pkt_unref(p);
		}
		ok(keys == 1, "interval 0: only the first frame is a keyframe");
	}
	encoder_free(e);
	frame_free(f);
	return done();
}

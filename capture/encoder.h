/* VP8 encoding with libvpx for live video: realtime deadline, CBR, no lag,
 * error resilient, 1 to 3 temporal layers with the reference pattern of
 * docs/protocol.md, keyframes at a maximum interval and on demand, and a
 * bitrate that can change between frames.
 *
 * The module decides every keyframe itself (libvpx's automatic keyframes
 * are off) so that a keyframe always starts the layer pattern and is
 * always on layer 0, as the protocol requires.
 */
#ifndef LUCARNE_CAPTURE_ENCODER_H
#define LUCARNE_CAPTURE_ENCODER_H

#include "capture/frame.h"
#include "capture/ring.h"

#include <stddef.h>
#include <stdint.h>

struct encoder_config {
	int width, height; /* even, 16..8192 */
	int fps; /* nominal rate, 1..240 */
	int kbps; /* target bitrate, 16..100000 */
	int layers; /* temporal layers, 1..3 */
	int keyframe_interval; /* max frames between keyframes; 0: only on
				* demand */
	int cpu_used; /* libvpx speed, -16..16 (8 = ffmpeg's fast) */
	int threads; /* encoder threads, >= 1 */
};

struct encoder;

/* Set up libvpx. Returns NULL with a sentence in @err if it refuses. */
struct encoder *encoder_new(const struct encoder_config *cfg, char *err,
			    size_t errlen);
/* NULL is fine. */
void encoder_free(struct encoder *e);
/* Make the next encoded frame a keyframe. */
void encoder_request_keyframe(struct encoder *e);
/* Change the target bitrate from the next frame on. Returns 0 or
 * LC_EINVAL (out of range, or libvpx refused). */
int encoder_set_bitrate(struct encoder *e, int kbps);
/* Encode @f (of the configured size). On success *@out is a new packet
 * (the caller holds its one reference) with flags, layer and capture time
 * set, or NULL if libvpx gave no data. Returns 0 or LC_EIO. */
int encoder_encode(struct encoder *e, const struct frame *f,
		   struct ring_pkt **out);
/* Current target bitrate. */
int encoder_bitrate(const struct encoder *e);

/* The layer pattern (pure, for tests): layer, protocol flags (SYNC,
 * DROPPABLE; never KEY) and libvpx reference/update flags of the frame at
 * position @pos after a keyframe (pos 0 = base layer) with @layers layers. */
void encoder_pattern(int layers, unsigned pos, int *layer, int *proto_flags,
		     long *vpx_flags);

#endif

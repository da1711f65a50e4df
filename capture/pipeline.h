/* The capture and encode thread: reads pictures from the source, encodes
 * them and hands the packets to the lws thread through the ring, waking it
 * with a callback (lws_cancel_service). The lws thread steers it through
 * the thread-safe setters below (keyframe requests, bitrate, pause,
 * whether anyone takes the frames).
 *
 * While nobody takes frames (relay unreachable) pictures are still read,
 * so cameras keep streaming and time stays right, but not encoded; the
 * first frame encoded afterwards is a keyframe. When the ring is full a
 * frame is dropped and the next one is a keyframe, so a receiver never
 * sees a frame whose reference it missed. While paused, the camera is
 * closed (no camera pixel is read) and a drawn slate is sent once a
 * second instead.
 *
 * Privacy masks (pipeline_set_masks) are painted black on every camera
 * picture before it is encoded, from the next picture on. They are kept
 * until replaced (also across the publisher's reconnections); the
 * publisher only lets frames be sent once the relay has given them.
 */
#ifndef LUCARNE_CAPTURE_PIPELINE_H
#define LUCARNE_CAPTURE_PIPELINE_H

#include "capture/encoder.h"
#include "capture/ring.h"
#include "capture/source.h"
#include "common/masks.h"

#include <stdbool.h>
#include <stdint.h>

struct pipeline_stats {
	uint64_t captured; /* camera pictures read from the source; the
			    * pause slate is drawn, never counted here */
	uint64_t encoded; /* frames encoded and queued */
	uint64_t keyframes;
	uint64_t dropped_offline; /* not encoded: nobody to send to */
	uint64_t dropped_full; /* encoded but the ring was full */
	uint64_t bytes; /* VP8 bytes queued */
	uint64_t encode_us; /* thread CPU time spent encoding */
	uint64_t source_errors; /* camera losses */
};

struct pipeline;

/* Takes ownership of neither @src, @enc nor @ring, which must outlive it;
 * pictures are @width x @height (the source's and encoder's size).
 * @wake(@user) is called from the pipeline thread after each push and
 * when the source comes or goes. */
struct pipeline *pipeline_new(struct source *src, struct encoder *enc,
			      struct ring *ring, int width, int height,
			      void (*wake)(void *user), void *user);
/* Stop the thread if running, then free; NULL is fine. */
void pipeline_free(struct pipeline *p);
/* Start the thread. Returns 0 or LC_EIO. */
int pipeline_start(struct pipeline *p);
/* Ask the thread to end and wait for it. */
void pipeline_stop(struct pipeline *p);

/* Thread-safe setters, applied before the next frame. */
void pipeline_request_keyframe(struct pipeline *p);
void pipeline_set_bitrate(struct pipeline *p, int kbps);
void pipeline_set_paused(struct pipeline *p, bool paused);
void pipeline_set_sending(struct pipeline *p, bool sending);
/* Queue a change of camera controls (names and values, already checked by
 * the relay) for the capture thread, which owns the device. Returns 0, or
 * LC_EAGAIN when PIPELINE_CTL_QUEUE changes already wait. */
#define PIPELINE_CTL_QUEUE 4
int pipeline_set_controls(struct pipeline *p, const struct camctl_list *set);
/* Copy the source's latest controls list into @out; returns its
 * generation, which grows each time the list is read again (after an
 * open or a change); 0 while there is none yet. */
uint64_t pipeline_get_controls(struct pipeline *p, struct camctl_list *out);
/* Only the generation (cheap: the publisher asks after every frame). */
uint64_t pipeline_controls_gen(struct pipeline *p);
/* Black out @m (copied) on every camera picture from the next one on. */
void pipeline_set_masks(struct pipeline *p, const struct masks *m);
/* True while the source delivers pictures (a camera may be unplugged). */
bool pipeline_source_up(struct pipeline *p);
/* A fatal source error (bad file) ends the thread: its message, or NULL. */
const char *pipeline_fatal(struct pipeline *p);
void pipeline_get_stats(struct pipeline *p, struct pipeline_stats *out);

#endif

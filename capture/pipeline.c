#define LOG_TAG "pipeline"
#include "capture/pipeline.h"
#include "capture/mask.h"
#include "capture/pattern.h"
#include "common/clock.h"
#include "common/err.h"
#include "common/log.h"
#include "common/proto.h"
#include "common/xalloc.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REOPEN_US 1000000 /* camera gone: try again every second */
#define SLATE_US 1000000 /* one slate frame a second while paused */

struct pipeline {
	struct source *src;
	struct encoder *enc;
	struct ring *ring;
	void (*wake)(void *user);
	void *user;
	pthread_t thread;
	bool started;
	struct frame *frame;
	int64_t next_slate; /* monotonic µs */

	/* written by other threads, read by the pipeline thread */
	int stop, want_key, kbps, paused, sending;
	/* written by the pipeline thread */
	int source_up;
	char fatal[320];
	int fatal_set;
	pthread_mutex_t stats_lock;
	struct pipeline_stats stats;

	/* Camera controls, under ctl_lock: change sets from the lws thread
	 * (a small ring), and the list the capture thread read last. */
	pthread_mutex_t ctl_lock;
	struct camctl_list *ctl_q[PIPELINE_CTL_QUEUE];
	int ctl_head, ctl_n;
	struct camctl_list ctls;
	uint64_t ctls_gen;
	/* privacy masks: set by the lws thread under masks_lock, copied by
	 * the pipeline thread when masks_gen moves */
	pthread_mutex_t masks_lock;
	struct masks masks_set;
	int masks_gen;
	struct masks masks; /* the pipeline thread's copy */
	int masks_seen;
};

#define LOAD(x) __atomic_load_n(&(x), __ATOMIC_ACQUIRE)
#define STORE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELEASE)
#define TAKE(x) __atomic_exchange_n(&(x), 0, __ATOMIC_ACQ_REL)

struct pipeline *pipeline_new(struct source *src, struct encoder *enc,
			      struct ring *ring, int width, int height,
			      void (*wake)(void *user), void *user)
{
	struct pipeline *p = XNEW(struct pipeline);

	p->frame = frame_new(width, height);
	p->src = src;
	p->enc = enc;
	p->ring = ring;
	p->wake = wake;
	p->user = user;
	pthread_mutex_init(&p->stats_lock, NULL);
	pthread_mutex_init(&p->ctl_lock, NULL);
	pthread_mutex_init(&p->masks_lock, NULL);
	return p;
}

void pipeline_free(struct pipeline *p)
{
	if (!p)
		return;
	pipeline_stop(p);
	frame_free(p->frame);
	while (p->ctl_n) {
		free(p->ctl_q[p->ctl_head]);
		p->ctl_head = (p->ctl_head + 1) % PIPELINE_CTL_QUEUE;
		p->ctl_n--;
	}
	pthread_mutex_destroy(&p->ctl_lock);
	pthread_mutex_destroy(&p->stats_lock);
	pthread_mutex_destroy(&p->masks_lock);
	free(p);
}

static int64_t thread_cpu_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void count(struct pipeline *p, uint64_t *field, uint64_t n)
{
	pthread_mutex_lock(&p->stats_lock);
	*field += n;
	pthread_mutex_unlock(&p->stats_lock);
}

/* Encode the current picture and queue it. */
static void encode_and_push(struct pipeline *p)
{
	struct ring_pkt *pkt = NULL;
	int64_t t0 = thread_cpu_us();
	int rc = encoder_encode(p->enc, p->frame, &pkt);

	count(p, &p->stats.encode_us, (uint64_t)(thread_cpu_us() - t0));
	if (rc < 0 || !pkt)
		return;
	if (ring_push(p->ring, pkt) < 0) {
		/* Whatever comes next may refer to this frame: restart from
		 * a keyframe rather than send something undecodable. */
		count(p, &p->stats.dropped_full, 1);
		if (!(pkt->flags & PROTO_FLAG_DROPPABLE))
			encoder_request_keyframe(p->enc);
	} else {
		pthread_mutex_lock(&p->stats_lock);
		p->stats.encoded++;
		p->stats.bytes += pkt->len;
		if (pkt->flags & PROTO_FLAG_KEY)
			p->stats.keyframes++;
		pthread_mutex_unlock(&p->stats_lock);
		p->wake(p->user);
	}
	ring_pkt_unref(pkt);
}

/* Publish the source's list to the lws thread and wake it. */
static void controls_publish(struct pipeline *p)
{
	pthread_mutex_lock(&p->ctl_lock);
	source_get_controls(p->src, &p->ctls);
	p->ctls_gen++;
	pthread_mutex_unlock(&p->ctl_lock);
	p->wake(p->user);
}

/* Apply the change sets waiting in the ring, then publish the new list. */
static void controls_apply(struct pipeline *p)
{
	struct camctl_list *set;
	bool any = false;

	for (;;) {
		pthread_mutex_lock(&p->ctl_lock);
		set = NULL;
		if (p->ctl_n) {
			set = p->ctl_q[p->ctl_head];
			p->ctl_head = (p->ctl_head + 1) % PIPELINE_CTL_QUEUE;
			p->ctl_n--;
		}
		pthread_mutex_unlock(&p->ctl_lock);
		if (!set)
			break;
		if (source_set_controls(p->src, set) < 0)
			log_warn("camera controls: %s", source_error(p->src));
		free(set);
		any = true;
	}
	if (any)
		controls_publish(p);
}

/* One step while the teacher's pause holds: no camera, a slate a second. */
static void run_paused(struct pipeline *p, bool *was_paused)
{
	int64_t now = clock_mono_us();

	if (*was_paused && now < p->next_slate) {
		clock_sleep_us(50000); /* stay responsive to resume and stop */
		return;
	}
	p->next_slate = now + SLATE_US;
	if (!*was_paused) {
		log_info("paused: camera closed, sending the slate");
		source_close(p->src);
		STORE(p->source_up, 1);
		*was_paused = true;
		encoder_request_keyframe(p->enc); /* no camera pixel left */
	}
	pattern_draw_slate(p->frame, clock_wall_us());
	if (LOAD(p->sending))
		encode_and_push(p);
}

/* Take the masks the lws thread set last, if they changed. */
static void update_masks(struct pipeline *p)
{
	int gen = LOAD(p->masks_gen);

	if (gen == p->masks_seen)
		return;
	pthread_mutex_lock(&p->masks_lock);
	p->masks = p->masks_set;
	p->masks_seen = p->masks_gen;
	pthread_mutex_unlock(&p->masks_lock);
	log_info("privacy masks: %d rectangle%s", p->masks.n,
		 p->masks.n == 1 ? "" : "s");
}

static void *pipeline_main(void *arg)
{
	struct pipeline *p = arg;
	bool was_paused = false, was_sending = false;
	int64_t next_open = 0;
	int rc;

	controls_publish(p); /* the pattern's, or none yet for a camera */
	while (!LOAD(p->stop)) {
		int kbps = TAKE(p->kbps);
		bool sending = LOAD(p->sending);

		if (kbps && encoder_set_bitrate(p->enc, kbps) == 0)
			log_info("bitrate now %d kbps", kbps);
		if (TAKE(p->want_key) || (sending && !was_sending))
			encoder_request_keyframe(p->enc);
		was_sending = sending;
		controls_apply(p);
		if (LOAD(p->paused)) {
			run_paused(p, &was_paused);
			continue;
		}
		if (was_paused) {
			log_info("resumed");
			was_paused = false;
			encoder_request_keyframe(p->enc);
		}
		if (!source_is_open(p->src)) {
			int64_t now = clock_mono_us();

			if (now < next_open) {
				clock_sleep_us(next_open - now < 100000
						       ? next_open - now
						       : 100000);
				continue;
			}
			next_open = now + REOPEN_US;
			rc = source_open(p->src);
			if (rc == 0) {
				log_info("source open");
				controls_publish(p);
				STORE(p->source_up, 1);
				encoder_request_keyframe(p->enc);
			} else if (source_is_camera(p->src)) {
				STORE(p->source_up, 0);
				log_warn("camera unavailable (%s), retrying",
					 source_error(p->src));
				p->wake(p->user);
				continue;
			} else {
				goto fatal;
			}
		}
		rc = source_read(p->src, p->frame);
		if (rc == LC_EAGAIN)
			continue;
		if (rc == LC_ENODEV) {
			log_warn("camera lost: %s", source_error(p->src));
			count(p, &p->stats.source_errors, 1);
			STORE(p->source_up, 0);
			p->wake(p->user);
			continue;
		}
		if (rc < 0)
			goto fatal;
		count(p, &p->stats.captured, 1);
		if (sending) {
			update_masks(p);
			mask_apply(p->frame, &p->masks);
			encode_and_push(p);
		} else
			count(p, &p->stats.dropped_offline, 1);
	}
	return NULL;
fatal:
	snprintf(p->fatal, sizeof(p->fatal), "%s", source_error(p->src));
	STORE(p->fatal_set, 1);
	STORE(p->source_up, 0);
	p->wake(p->user);
	return NULL;
}

int pipeline_start(struct pipeline *p)
{
	if (pthread_create(&p->thread, NULL, pipeline_main, p) != 0)
		return LC_EIO;
	p->started = true;
	return 0;
}

void pipeline_stop(struct pipeline *p)
{
	if (!p->started)
		return;
	STORE(p->stop, 1);
	pthread_join(p->thread, NULL);
	p->started = false;
}

void pipeline_request_keyframe(struct pipeline *p)
{
	STORE(p->want_key, 1);
}

void pipeline_set_bitrate(struct pipeline *p, int kbps)
{
	STORE(p->kbps, kbps);
}

void pipeline_set_paused(struct pipeline *p, bool paused)
{
	STORE(p->paused, paused ? 1 : 0);
}

void pipeline_set_masks(struct pipeline *p, const struct masks *m)
{
	pthread_mutex_lock(&p->masks_lock);
	p->masks_set = *m;
	STORE(p->masks_gen, p->masks_gen + 1);
	pthread_mutex_unlock(&p->masks_lock);
}

void pipeline_set_sending(struct pipeline *p, bool sending)
{
	STORE(p->sending, sending ? 1 : 0);
}

int pipeline_set_controls(struct pipeline *p, const struct camctl_list *set)
{
	int rc = LC_EAGAIN;

	pthread_mutex_lock(&p->ctl_lock);
	if (p->ctl_n < PIPELINE_CTL_QUEUE) {
		struct camctl_list *copy = XNEW(struct camctl_list);

		*copy = *set;
		p->ctl_q[(p->ctl_head + p->ctl_n) % PIPELINE_CTL_QUEUE] = copy;
		p->ctl_n++;
		rc = 0;
	}
	pthread_mutex_unlock(&p->ctl_lock);
	return rc;
}

uint64_t pipeline_get_controls(struct pipeline *p, struct camctl_list *out)
{
	uint64_t gen;

	pthread_mutex_lock(&p->ctl_lock);
	*out = p->ctls;
	gen = p->ctls_gen;
	pthread_mutex_unlock(&p->ctl_lock);
	return gen;
}

uint64_t pipeline_controls_gen(struct pipeline *p)
{
	uint64_t gen;

	pthread_mutex_lock(&p->ctl_lock);
	gen = p->ctls_gen;
	pthread_mutex_unlock(&p->ctl_lock);
	return gen;
}

bool pipeline_source_up(struct pipeline *p)
{
	return LOAD(p->source_up);
}

const char *pipeline_fatal(struct pipeline *p)
{
	return LOAD(p->fatal_set) ? p->fatal : NULL;
}

void pipeline_get_stats(struct pipeline *p, struct pipeline_stats *out)
{
	pthread_mutex_lock(&p->stats_lock);
	*out = p->stats;
	pthread_mutex_unlock(&p->stats_lock);
}

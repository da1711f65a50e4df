// Lucarne web app: the live player.
//
// One WebSocket to /ws (subprotocol lucarne.v1, cookie auth), one
// WebCodecs VideoDecoder for VP8, one canvas. The wire format is in
// docs/protocol.md: a 24-byte big-endian header then one VP8 frame.
//
// The player never freezes silently: it reports a status object to its
// owner (onStatus) whenever something changes and every 250 ms while
// frames are missing, and the page turns that into words.

export const PROTO = 'lucarne.v1';
export const HDR = 24;
export const MAX_PAYLOAD = 2 * 1024 * 1024;
export const F_KEY = 0x01;
export const F_SYNC = 0x02;
export const F_SLATE = 0x04;
export const F_DROPPABLE = 0x08;

export const STALL_MS = 2000; /* say so after this long without a frame */
const RETRY_MIN_MS = 250; /* reconnect backoff: 0.25 s doubling to 8 s */
const RETRY_MAX_MS = 8000;
const JITTER = 0.25; /* ±25 % */
const OPEN_TIMEOUT_MS = 5000; /* a socket that does not open is retried */
const DEAD_MS = 8000; /* live, subscribed, no byte at all: reconnect */
const KEY_REQ_MS = 1000; /* at most one keyframe request per second */
const HIDDEN_GRACE_MS = 15000; /* hidden this long: close the socket */
const QUEUE_SKIP = 8; /* decoder backlog: skip droppable frames */
const QUEUE_RESET = 45; /* decoder hopelessly behind: restart at a key */

/* Parse one binary message. Returns the frame or throws an Error whose
 * message is the protocol's error code (docs/protocol.md section 3). */
export function parseFrame(buf) {
	if (buf.byteLength < HDR)
		throw new Error('short_frame');
	const v = new DataView(buf);
	const f = {
		version: v.getUint8(0),
		kind: v.getUint8(1),
		flags: v.getUint8(2),
		layer: v.getUint8(3),
		track: v.getUint32(4),
		seq: v.getUint32(8),
		captureUs: Number(v.getBigUint64(12)),
		length: v.getUint32(20),
	};
	if (f.version !== 1)
		throw new Error('bad_frame_version');
	if (f.kind !== 1 && f.kind !== 2)
		throw new Error('bad_kind');
	if (f.flags & 0xf0)
		throw new Error('bad_flags');
	if (f.layer >= 3 || (f.flags & F_KEY && f.layer !== 0))
		throw new Error('bad_layer');
	if (f.length > MAX_PAYLOAD)
		throw new Error('frame_too_big');
	if (f.length !== buf.byteLength - HDR)
		throw new Error('bad_length');
	if (f.length === 0)
		throw new Error('empty_frame');
	f.payload = new Uint8Array(buf, HDR, f.length);
	return f;
}

/* true if this browser decodes VP8 with WebCodecs. */
export async function vp8Supported() {
	if (typeof window === 'undefined' || !('VideoDecoder' in window) ||
	    !('EncodedVideoChunk' in window))
		return false;
	try {
		const r = await VideoDecoder.isConfigSupported({ codec: 'vp8' });
		return !!(r && r.supported);
	} catch {
		return false;
	}
}

/* Backoff before attempt n (0-based): 0.25 s doubling to 8 s, ±25 %. */
export function backoffMs(n, rand = Math.random) {
	const base = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(n, 10));
	return Math.round(base * (1 - JITTER + 2 * JITTER * rand()));
}

export class Player {
	/* opts: room (name), canvas, onStatus(status), url (optional ws URL). */
	constructor(opts) {
		this.room = opts.room;
		this.canvas = opts.canvas;
		this.onStatus = opts.onStatus || (() => {});
		this.url = opts.url || Player.defaultUrl();
		this.ctx = this.canvas.getContext('2d', { alpha: false });
		this.hiddenGraceMs = HIDDEN_GRACE_MS;

		this.ws = null;
		this.decoder = null;
		this.needKey = true;
		this.attempt = 0;
		this.retryTimer = 0;
		this.retryAt = 0;
		this.openTimer = 0;
		this.hiddenTimer = 0;
		this.tick = 0;
		this.lastKeyReq = 0;
		this.stopped = true;
		this.final = false; /* forbidden or signed out: never retry */

		/* what the page shows */
		this.phase = 'idle'; /* idle connecting waiting playing
					reconnecting hidden forbidden signedout
					error */
		this.roomState = ''; /* live paused offline off closed */
		this.reason = ''; /* why not live: window quota teacher director consent */
		this.until = 0;
		this.width = 0;
		this.height = 0;
		this.slate = false;
		this.error = '';
		this.frames = 0; /* painted since the page opened */
		this.lastFrameAt = 0; /* performance.now() of the last paint */
		this.lastMsgAt = 0; /* any message from the relay */
		this.waitSince = 0; /* when we started expecting frames */
		this.delayMs = NaN; /* live delay of the picture shown, ms */
		this.delays = [];

		this._onVis = () => this._visibility();
		document.addEventListener('visibilitychange', this._onVis);
	}

	static defaultUrl() {
		const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
		return `${scheme}//${location.host}/ws`;
	}

	start() {
		if (this.final)
			return;
		this.stopped = false;
		clearTimeout(this.hiddenTimer);
		this.hiddenTimer = 0;
		if (!this.tick)
			this.tick = setInterval(() => this._watch(), 250);
		if (!this.ws)
			this._connect();
	}

	/* Close everything; phase says why (hidden, forbidden, ...). */
	stop(phase = 'idle') {
		this.stopped = true;
		clearTimeout(this.retryTimer);
		clearTimeout(this.openTimer);
		clearInterval(this.tick);
		this.retryTimer = this.openTimer = this.tick = 0;
		this._dropSocket(1000);
		this._closeDecoder();
		this._set({ phase });
	}

	destroy() {
		this.stop('idle');
		document.removeEventListener('visibilitychange', this._onVis);
	}

	status() {
		const now = performance.now();
		return {
			phase: this.phase,
			roomState: this.roomState,
			reason: this.reason,
			until: this.until,
			slate: this.slate,
			error: this.error,
			frames: this.frames,
			delayMs: this.delayMs,
			sinceFrameMs: this.lastFrameAt ? now - this.lastFrameAt : Infinity,
			waitingMs: this.waitSince ? now - this.waitSince : 0,
			retryInMs: this.retryAt ? Math.max(0, this.retryAt - now) : 0,
			width: this.width,
			height: this.height,
		};
	}

	_set(patch) {
		Object.assign(this, patch);
		this.onStatus(this.status());
	}

	/* ---- socket ---------------------------------------------------- */

	_connect() {
		clearTimeout(this.retryTimer);
		this.retryTimer = 0;
		this.retryAt = 0;
		let ws;
		try {
			ws = new WebSocket(this.url, PROTO);
		} catch (e) {
			this._set({ phase: 'error', error: e.message });
			return;
		}
		ws.binaryType = 'arraybuffer';
		this.ws = ws;
		this._set({ phase: this.attempt ? 'reconnecting' : 'connecting' });
		this.openTimer = setTimeout(() => {
			if (this.ws === ws && ws.readyState !== WebSocket.OPEN)
				this._lost(ws, 0);
		}, OPEN_TIMEOUT_MS);
		ws.onopen = () => {
			clearTimeout(this.openTimer);
			this.lastMsgAt = performance.now();
		};
		ws.onmessage = (ev) => {
			if (this.ws !== ws)
				return;
			this.lastMsgAt = performance.now();
			if (typeof ev.data === 'string')
				this._control(ev.data);
			else
				this._media(ev.data);
		};
		ws.onclose = (ev) => this._lost(ws, ev.code);
		ws.onerror = () => {
			/* onclose follows and decides */
		};
	}

	_dropSocket(code) {
		const ws = this.ws;
		this.ws = null;
		if (!ws)
			return;
		ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
		try {
			if (ws.readyState <= WebSocket.OPEN)
				ws.close(code);
		} catch {
			/* already closing */
		}
	}

	_lost(ws, code) {
		if (this.ws !== ws)
			return;
		clearTimeout(this.openTimer);
		this._dropSocket(1000);
		this._closeDecoder();
		this.needKey = true;
		this.waitSince = 0;
		if (this.stopped)
			return;
		if (code === 4401) {
			this.final = true;
			this.stop('signedout');
			return;
		}
		if (code === 4403) {
			this.final = true;
			this.stop('forbidden');
			return;
		}
		/* 4408 (we were too slow) and a first failure retry at once-ish;
		 * everything else backs off with jitter. */
		const wait = code === 4408 ? backoffMs(0) : backoffMs(this.attempt);
		this.attempt++;
		this.retryAt = performance.now() + wait;
		this.retryTimer = setTimeout(() => this._connect(), wait);
		this._set({ phase: 'reconnecting' });
	}

	_send(obj) {
		if (this.ws && this.ws.readyState === WebSocket.OPEN)
			this.ws.send(JSON.stringify(obj));
	}

	_requestKey() {
		const now = performance.now();
		if (now - this.lastKeyReq < KEY_REQ_MS)
			return;
		this.lastKeyReq = now;
		this._send({ type: 'keyframe' });
	}

	_control(text) {
		let m;
		try {
			m = JSON.parse(text);
		} catch {
			return;
		}
		if (!m || typeof m.type !== 'string')
			return;
		switch (m.type) {
		case 'hello':
			this._send({ type: 'subscribe', room: this.room });
			/* after a reconnection, ask for a fresh keyframe as well */
			if (this.attempt > 0) {
				this.lastKeyReq = 0;
				this._requestKey();
			}
			this._set({ phase: 'waiting' });
			this.waitSince = performance.now();
			break;
		case 'state':
			this._state(m);
			break;
		case 'error':
			if (m.code === 'unauthorized' || m.code === 'forbidden')
				break; /* the close code (4401/4403) follows */
			this._set({ error: String(m.message || m.code || '') });
			break;
		default:
			break;
		}
	}

	_state(m) {
		const prev = this.roomState;
		const st = String(m.state || '');
		const patch = {
			roomState: st,
			reason: String(m.reason || ''),
			until: Number(m.until) || 0,
			error: '',
		};
		if (m.width && m.height) {
			patch.width = m.width;
			patch.height = m.height;
		}
		if (st === 'live' || st === 'paused') {
			if (prev !== st || !this.waitSince)
				this.waitSince = performance.now();
			if (prev !== 'live' && prev !== 'paused') {
				/* media resumes with a keyframe: until it is painted
				 * the page says it is starting, not playing */
				this.needKey = true;
				patch.phase = 'waiting';
			}
			/* paused: the teacher stopped the camera for a reason;
			 * do not leave its last picture on screen (the agent's
			 * slate, if it sends one, is painted over this) */
			if (st === 'paused' && prev !== 'paused')
				this._blank();
		} else {
			patch.phase = 'waiting';
			/* no picture is coming: forget the decoder's state */
			this._closeDecoder();
			this.needKey = true;
			this.waitSince = 0;
			this.slate = false;
			if (st === 'off' || st === 'closed')
				this._blank();
		}
		if (this.phase === 'reconnecting' || this.phase === 'connecting')
			patch.phase = 'waiting';
		this._set(patch);
	}

	/* ---- media ----------------------------------------------------- */

	_media(buf) {
		let f;
		try {
			f = parseFrame(buf);
		} catch {
			return; /* the relay never sends these; ignore, do not die */
		}
		if (f.kind !== 1 || f.track !== 0)
			return; /* audio and extra tracks: not in this player */
		const key = !!(f.flags & F_KEY);
		if (this.needKey && !key) {
			this._requestKey();
			return;
		}
		if (!this._ensureDecoder())
			return;
		const q = this.decoder.decodeQueueSize;
		if (!key && q > QUEUE_RESET) {
			this.decoder.reset();
			this.needKey = true;
			this._requestKey();
			return;
		}
		if (!key && q > QUEUE_SKIP && f.flags & F_DROPPABLE)
			return;
		if (key && this.decoder.state !== 'configured')
			this._configure();
		if (this.decoder.state !== 'configured')
			return;
		this.slate = !!(f.flags & F_SLATE);
		try {
			this.decoder.decode(new EncodedVideoChunk({
				type: key ? 'key' : 'delta',
				timestamp: f.captureUs,
				data: f.payload,
			}));
			this.needKey = false;
		} catch {
			this._decoderFailed();
		}
	}

	_ensureDecoder() {
		if (this.decoder && this.decoder.state !== 'closed')
			return true;
		try {
			this.decoder = new VideoDecoder({
				output: (frame) => this._paint(frame),
				error: () => this._decoderFailed(),
			});
		} catch (e) {
			this._set({ phase: 'error', error: e.message });
			return false;
		}
		return true;
	}

	_configure() {
		try {
			this.decoder.configure({ codec: 'vp8', optimizeForLatency: true });
		} catch {
			this._decoderFailed();
		}
	}

	_decoderFailed() {
		this._closeDecoder();
		this.needKey = true;
		this._requestKey();
	}

	_closeDecoder() {
		const d = this.decoder;
		this.decoder = null;
		if (d && d.state !== 'closed') {
			try {
				d.close();
			} catch {
				/* already closed by an error */
			}
		}
	}

	_paint(frame) {
		try {
			if (this.stopped || !this.ws)
				return;
			const w = frame.displayWidth;
			const h = frame.displayHeight;
			if (this.canvas.width !== w || this.canvas.height !== h) {
				this.canvas.width = w;
				this.canvas.height = h;
			}
			this.ctx.drawImage(frame, 0, 0, w, h);
			const now = performance.now();
			/* the delay of the picture on screen now: the median of
			 * the last 9 paints, steady to read, honest after a burst */
			this.delays.push(Date.now() - frame.timestamp / 1000);
			if (this.delays.length > 9)
				this.delays.shift();
			const sorted = [...this.delays].sort((a, b) => a - b);
			this.delayMs = sorted[sorted.length >> 1];
			const wasPlaying = this.phase === 'playing';
			this.frames++;
			this.lastFrameAt = now;
			this.waitSince = now;
			this.attempt = 0; /* a working connection resets the backoff */
			if (!wasPlaying || this.width !== w || this.height !== h)
				this._set({ phase: 'playing', width: w, height: h });
		} finally {
			frame.close();
		}
	}

	_blank() {
		this.ctx.fillStyle = '#000';
		this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
		this.lastFrameAt = 0;
		this.delayMs = NaN;
		this.delays = [];
	}

	/* ---- watchdog and visibility ----------------------------------- */

	_watch() {
		const now = performance.now();
		if (this.ws && this.ws.readyState === WebSocket.OPEN &&
		    (this.roomState === 'live' || this.roomState === 'paused') &&
		    now - this.lastMsgAt > DEAD_MS) {
			/* a half-open TCP connection: nothing at all for 8 s */
			this._lost(this.ws, 0);
			return;
		}
		/* the page redraws its sentences (seconds without a frame,
		 * retry countdown) from this periodic report */
		if (this.phase === 'playing' && this.waitSince &&
		    now - this.waitSince > STALL_MS)
			this.phase = 'waiting';
		this.onStatus(this.status());
	}

	_visibility() {
		if (document.visibilityState === 'hidden') {
			if (this.stopped || this.hiddenTimer)
				return;
			this.hiddenTimer = setTimeout(() => {
				this.hiddenTimer = 0;
				this.stop('hidden');
			}, this.hiddenGraceMs);
		} else {
			clearTimeout(this.hiddenTimer);
			this.hiddenTimer = 0;
			if (this.phase === 'hidden') {
				this.attempt = 0;
				this.start();
			}
		}
	}
}

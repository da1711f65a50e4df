// Lucarne web app: the director's privacy masks (a section of
// /director.html?room=NAME).
//
// "Take a picture" decodes the live stream once (the player of the watch
// page, on a canvas that is never shown) and freezes its first picture.
// The director draws rectangles on it by pressing, dragging and releasing
// (pointer events: mouse, pen and touch alike), sees them outlined and
// shaded, removes one by tapping it, and saves: POST
// /api/rooms/ROOM/masks with fractions of the picture (docs/api.md). The
// camera blacks them out before encoding, from its next picture.

import { t, onLangChange } from './i18n.js';
import * as api from './api.js';
import { Player } from './player.js';

const $ = (id) => document.getElementById(id);
const NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;
const MAX = 8; /* MASKS_MAX in common/masks.h */
const MIN_DRAG = 0.02; /* smaller than 2 % of the picture: a tap */
const SNAP_TIMEOUT_MS = 10000;

let room = '';
let rects = []; /* [{x, y, w, h}] fractions */
let still = null; /* canvas holding the frozen picture, or null */
let drag = null; /* {x0, y0, x1, y1} fractions while drawing */
let player = null;

const round4 = (v) => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;

/* ---- drawing ----------------------------------------------------------- */

function draw() {
	const c = $('masks-canvas');
	const g = c.getContext('2d');
	const W = c.width;
	const H = c.height;
	if (still) {
		g.drawImage(still, 0, 0, W, H);
	} else {
		g.fillStyle = '#5a5a5a';
		g.fillRect(0, 0, W, H);
	}
	const box = (r, live) => {
		g.fillStyle = live ? 'rgba(0, 0, 0, 0.45)' : 'rgba(0, 0, 0, 0.7)';
		g.fillRect(r.x * W, r.y * H, r.w * W, r.h * H);
		g.lineWidth = Math.max(3, W / 200);
		g.strokeStyle = '#ffd23f';
		g.setLineDash(live ? [10, 8] : []);
		g.strokeRect(r.x * W, r.y * H, r.w * W, r.h * H);
	};
	for (const r of rects)
		box(r, false);
	if (drag)
		box(normal(drag), true);
	const n = rects.length;
	$('masks-count').textContent =
		t(n === 0 ? 'masks.count.none' : n === 1 ? 'masks.count.one' : 'masks.count.many', { n });
	$('masks-canvas').dataset.masks = String(n);
}

/* A drag (two corners, any direction) as {x, y, w, h}, inside the picture. */
function normal(d) {
	const x = round4(Math.min(d.x0, d.x1));
	const y = round4(Math.min(d.y0, d.y1));
	return { x, y, w: round4(Math.max(d.x0, d.x1)) - x, h: round4(Math.max(d.y0, d.y1)) - y };
}

function fraction(ev) {
	const b = $('masks-canvas').getBoundingClientRect();
	return [round4((ev.clientX - b.left) / b.width), round4((ev.clientY - b.top) / b.height)];
}

function status(key, vars) {
	$('masks-status').textContent = key ? t(key, vars) : '';
}

function onDown(ev) {
	if (ev.button !== undefined && ev.button > 0)
		return;
	ev.preventDefault();
	$('masks-canvas').setPointerCapture(ev.pointerId);
	const [x, y] = fraction(ev);
	drag = { x0: x, y0: y, x1: x, y1: y, id: ev.pointerId };
}

function onMove(ev) {
	if (!drag || ev.pointerId !== drag.id)
		return;
	[drag.x1, drag.y1] = fraction(ev);
	draw();
}

function onUp(ev) {
	if (!drag || ev.pointerId !== drag.id)
		return;
	[drag.x1, drag.y1] = fraction(ev);
	const r = normal(drag);
	const tap = r.w < MIN_DRAG && r.h < MIN_DRAG;
	drag = null;
	if (tap) {
		/* the topmost mask under the finger goes */
		for (let i = rects.length - 1; i >= 0; i--) {
			const m = rects[i];
			if (r.x >= m.x && r.x <= m.x + m.w && r.y >= m.y && r.y <= m.y + m.h) {
				rects.splice(i, 1);
				status('');
				break;
			}
		}
	} else if (rects.length >= MAX) {
		status('masks.full');
	} else if (r.w > 0 && r.h > 0) {
		rects.push(r);
		status('');
	}
	draw();
}

function onCancel() {
	drag = null;
	draw();
}

/* ---- the picture ------------------------------------------------------- */

function snap() {
	if (player)
		return;
	const btn = $('masks-snap');
	btn.disabled = true;
	status('masks.snapping');
	const hidden = document.createElement('canvas');
	let timer = 0;
	const done = (ok) => {
		clearTimeout(timer);
		const p = player;
		player = null;
		if (p)
			setTimeout(() => p.destroy(), 0);
		btn.disabled = false;
		if (ok) {
			still = hidden;
			const c = $('masks-canvas');
			c.width = hidden.width;
			c.height = hidden.height;
			$('masks-card').dataset.still = 'yes';
			status('');
		} else {
			status('masks.nopicture');
		}
		draw();
	};
	player = new Player({
		room,
		canvas: hidden,
		onStatus: (s) => {
			/* a camera picture, not the paused slate */
			if (player && s.frames > 0 && !s.slate && hidden.width > 0)
				done(true);
			else if (player && (s.phase === 'forbidden' || s.phase === 'signedout'))
				done(false);
		},
	});
	timer = setTimeout(() => done(false), SNAP_TIMEOUT_MS);
	player.start();
}

/* ---- saving ------------------------------------------------------------ */

async function save() {
	const btn = $('masks-save');
	btn.disabled = true;
	status('');
	try {
		const res = await api.saveMasks(room, rects);
		rects = res.masks.map((m) => ({ x: m.x, y: m.y, w: m.w, h: m.h }));
		status('masks.saved');
	} catch (e) {
		if (e.status === 401)
			return api.toLogin();
		status('director.err.refused', { msg: e.message });
	} finally {
		btn.disabled = false;
		draw();
	}
}

async function main() {
	room = new URLSearchParams(location.search).get('room') || '';
	if (!NAME_RE.test(room))
		return;
	let res;
	try {
		res = await api.masks(room);
	} catch {
		return; /* not this room's director: director.js says why */
	}
	rects = (res.masks || []).map((m) => ({ x: m.x, y: m.y, w: m.w, h: m.h }));
	const c = $('masks-canvas');
	c.addEventListener('pointerdown', onDown);
	c.addEventListener('pointermove', onMove);
	c.addEventListener('pointerup', onUp);
	c.addEventListener('pointercancel', onCancel);
	$('masks-snap').addEventListener('click', snap);
	$('masks-save').addEventListener('click', save);
	$('masks-clear').addEventListener('click', () => {
		rects = [];
		status('');
		draw();
	});
	onLangChange(() => draw());
	$('masks-card').hidden = false;
	draw();
}

main();

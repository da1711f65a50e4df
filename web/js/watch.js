// Lucarne web app: the watch page (/watch.html?room=NAME).
//
// Turns the player's status reports into one calm sentence over the
// picture, a state badge and the live delay. The stage element carries
// data-phase, data-room-state, data-frames and data-delay-ms so tests (and
// curious engineers) can read what the page believes.

import { initPage, requireUser } from './common.js';
import { t, fmtWhen, fmtTime, onLangChange, locale } from './i18n.js';
import { Player, vp8Supported, STALL_MS } from './player.js';
import { toLogin, rooms } from './api.js';

const $ = (id) => document.getElementById(id);

const NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;

let player = null;
let last = null;
let fullscreenOk = false;
let leaving = false;
let shownAr = '';

/* 180 ms under a second, 1.4 s above (in the page's language). */
function fmtDelay(ms) {
	ms = Math.max(0, ms);
	if (ms < 1000)
		return `${Math.round(ms / 10) * 10}\u00a0ms`;
	return new Intl.NumberFormat(locale(), {
		minimumFractionDigits: 1, maximumFractionDigits: 1,
	}).format(ms / 1000) + '\u00a0s';
}

/* The words for a status report: {text, kind} where kind is
 * 'none' (picture only), 'banner' (picture stays, words under it) or
 * 'cover' (the picture is dimmed or absent). */
function describe(s) {
	switch (s.phase) {
	case 'forbidden':
		/* the relay said why just before closing: no consent given */
		if (s.reason === 'consent')
			return { text: t('player.consent'), kind: 'cover', tone: 'error' };
		return { text: t('player.forbidden'), kind: 'cover', tone: 'error' };
	case 'signedout':
		return { text: t('player.signedout'), kind: 'cover', tone: 'error' };
	case 'hidden':
		return { text: t('player.hidden'), kind: 'cover', resume: true };
	case 'error':
		return { text: t('player.error', { msg: s.error }), kind: 'cover', tone: 'error' };
	case 'reconnecting': {
		const sec = Math.ceil(s.retryInMs / 1000);
		return {
			text: sec >= 2 ? t('player.reconnect.in', { s: sec }) : t('player.reconnecting'),
			kind: 'cover', busy: true,
		};
	}
	case 'idle':
	case 'connecting':
		return { text: t('player.connecting'), kind: 'cover', busy: true };
	default:
		break;
	}
	switch (s.roomState) {
	case 'offline':
		return { text: t('player.offline'), kind: 'cover', tone: 'offline' };
	case 'off':
		if (s.reason === 'consent')
			return { text: t('player.consent'), kind: 'cover', tone: 'error' };
		return { text: t('player.off'), kind: 'cover' };
	case 'closed':
		return {
			text: s.until ? t('player.closed.next', { when: fmtWhen(s.until) }) :
				t('player.closed'),
			kind: 'cover',
		};
	case 'paused':
		if (s.phase === 'playing' && s.waitingMs <= STALL_MS)
			return { text: t('player.paused'), kind: 'banner' };
		return { text: t('player.paused'), kind: 'cover' };
	case 'live':
		if (s.phase === 'playing' && s.waitingMs <= STALL_MS)
			return { text: '', kind: 'none' };
		if (s.waitingMs > STALL_MS) {
			return {
				text: t('player.stalled', { s: Math.floor(s.waitingMs / 1000) }),
				kind: 'cover', busy: true, tone: 'stalled',
			};
		}
		return { text: t('player.starting'), kind: 'cover', busy: true };
	default:
		if (s.phase === 'waiting')
			return { text: t('player.connecting'), kind: 'cover', busy: true };
		return { text: t('state.unknown'), kind: 'cover' };
	}
}

const PILL = {
	live: ['state.live', 'live'],
	paused: ['state.paused', 'paused'],
	offline: ['state.offline', 'offline'],
	off: ['state.off', 'off'],
	closed: ['state.closed', 'closed'],
};

function render(s) {
	last = s;
	const stage = $('stage');
	const d = describe(s);
	stage.dataset.phase = s.phase;
	stage.dataset.roomState = s.roomState || '';
	stage.dataset.reason = s.reason || '';
	stage.dataset.frames = String(s.frames);
	stage.dataset.kind = d.kind;
	stage.dataset.tone = d.tone || '';
	stage.dataset.delayMs = Number.isFinite(s.delayMs) ? String(Math.round(s.delayMs)) : '';
	/* the page is as wide as the picture can be tall (CSSOM, not a
	 * style attribute: the CSP allows it) */
	if (s.width && s.height) {
		const ar = (s.width / s.height).toFixed(4);
		if (ar !== shownAr) {
			shownAr = ar;
			$('main').style.setProperty('--ar', ar);
		}
	}

	const text = $('overlay-text');
	if (text.textContent !== d.text)
		text.textContent = d.text;
	$('overlay').hidden = d.kind === 'none';
	$('spinner').hidden = !d.busy;
	$('resume').hidden = !d.resume;

	const pill = $('state-pill');
	/* a parent without consent: say that, not "broadcast off" */
	const p = s.reason === 'consent' ? ['state.consent', 'off'] : PILL[s.roomState];
	const connected = !['reconnecting', 'connecting', 'idle', 'hidden'].includes(s.phase);
	if (p && connected) {
		pill.textContent = t(p[0]);
		pill.className = `pill pill-${p[1]}`;
		pill.hidden = false;
	} else {
		pill.hidden = true;
	}

	const delay = $('delay');
	const showDelay = s.phase === 'playing' && s.roomState === 'live' &&
		Number.isFinite(s.delayMs) && s.waitingMs <= STALL_MS && !s.slate;
	const dtext = showDelay ? t('player.delay', { d: fmtDelay(s.delayMs) }) : '';
	if (delay.textContent !== dtext)
		delay.textContent = dtext;
	delay.hidden = !showDelay;

	const until = $('until');
	const utext = s.roomState === 'live' && s.until && connected ?
		t('state.live.until', { time: fmtTime(new Date(s.until * 1000)) }) : '';
	if (until.textContent !== utext)
		until.textContent = utext;
	until.hidden = !utext;

	/* full screen is offered while there is a picture (and to leave it) */
	if (fullscreenOk)
		$('fullscreen').hidden = !(s.phase === 'playing' || document.fullscreenElement);

	if (s.phase === 'signedout' && !leaving) {
		leaving = true;
		setTimeout(toLogin, 1500);
	}
}

function setupFullscreen() {
	const btn = $('fullscreen');
	const stage = $('stage');
	if (!document.fullscreenEnabled || !stage.requestFullscreen) {
		btn.hidden = true;
		return;
	}
	const label = () => {
		const on = document.fullscreenElement === stage;
		btn.textContent = t(on ? 'player.fullscreen.exit' : 'player.fullscreen');
		btn.setAttribute('aria-pressed', on ? 'true' : 'false');
	};
	btn.addEventListener('click', () => {
		if (document.fullscreenElement)
			document.exitFullscreen();
		else
			stage.requestFullscreen().catch(() => {});
	});
	document.addEventListener('fullscreenchange', label);
	onLangChange(label);
	label();
	fullscreenOk = true;
}

function showUnsupported() {
	$('stage').hidden = true;
	$('stage-bar').hidden = true;
	const box = $('unsupported');
	if (!window.isSecureContext)
		$('unsupported-text').dataset.i18n = 'player.insecure.text';
	box.hidden = false;
	initPage(); /* re-translate the notice */
}

async function main() {
	initPage();
	const room = new URLSearchParams(location.search).get('room') || '';
	const title = $('room-title');
	if (!NAME_RE.test(room)) {
		title.dataset.i18n = 'player.noroom';
		title.textContent = t('player.noroom');
		$('stage').hidden = true;
		$('stage-bar').hidden = true;
		return;
	}
	title.textContent = room;
	const canvasLabel = () =>
		$('video').setAttribute('aria-label', t('player.canvas', { room }));
	canvasLabel();
	onLangChange(canvasLabel);
	document.title = `${room} · Lucarne`;

	try {
		await requireUser();
	} catch {
		return; /* redirected to the login page, or the server is away */
	}

	/* the room's title, when the director gave it one */
	rooms().then((list) => {
		const r = list.find((x) => x.room === room);
		if (r && r.title) {
			title.textContent = r.title;
			document.title = `${r.title} · Lucarne`;
		}
	}, () => {});

	if (!(await vp8Supported())) {
		showUnsupported();
		return;
	}

	setupFullscreen();
	player = new Player({ room, canvas: $('video'), onStatus: render });
	window.lucarnePlayer = player; /* for the browser tests */
	$('resume').addEventListener('click', () => player.start());
	onLangChange(() => last && render(last));
	window.addEventListener('pagehide', () => player.stop('idle'));
	window.addEventListener('pageshow', (e) => {
		if (e.persisted)
			player.start();
	});
	player.start();
}

main();

// Lucarne web app: the teacher page (/teacher.html?room=NAME), for the
// room's teachers and its director.
//
// One big button pauses the camera (POST /api/rooms/ROOM/pause) or
// resumes it; the room's state and who is watching come from /api/rooms,
// read again every 3 s while the page is visible and right after a tap.
// The main element carries data-state and data-paused for the tests.

import { initPage, requireUser, h } from './common.js';
import { t, onLangChange, fmtWhen } from './i18n.js';
import * as api from './api.js';

const $ = (id) => document.getElementById(id);
const NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;
const REFRESH_MS = 3000;

let room = '';
let info = null; /* this room's /api/rooms entry */
let busy = false;
let timer = 0;

const PILL = {
	live: ['state.live', 'live'],
	paused: ['state.paused', 'paused'],
	offline: ['state.offline', 'offline'],
	off: ['state.off', 'off'],
	closed: ['state.closed', 'closed'],
};

function statusText(r) {
	switch (r.state) {
	case 'live':
		return t('teacher.status.live');
	case 'paused':
		return t('teacher.status.paused');
	case 'offline':
		return r.paused ? t('teacher.status.paused') : t('state.offline.long');
	case 'off':
		return t('state.off.long');
	case 'closed':
		return r.until ? t('state.closed.next', { when: fmtWhen(r.until) }) :
			t('state.closed.long');
	default:
		return '';
	}
}

function render() {
	if (!info)
		return;
	const main = $('main');
	main.dataset.state = info.state;
	main.dataset.paused = info.paused ? 'true' : 'false';
	main.setAttribute('aria-busy', 'false');
	if (info.title) {
		$('room-title').textContent = info.title;
		document.title = `${info.title} · ${t('teacher.title')}`;
	}
	const p = PILL[info.state];
	const pill = $('state-pill');
	if (p) {
		pill.textContent = t(p[0]);
		pill.className = `pill pill-${p[1]}`;
	}
	pill.hidden = !p;
	const st = statusText(info);
	if ($('room-status').textContent !== st)
		$('room-status').textContent = st;

	const btn = $('pause-toggle');
	const paused = info.paused;
	btn.dataset.action = paused ? 'resume' : 'pause';
	btn.className = `btn btn-big ${paused ? 'btn-resume' : 'btn-pause'}`;
	$('pause-label').textContent = t(paused ? 'teacher.resume' : 'teacher.pause');
	$('pause-help').textContent = t(paused ? 'teacher.resume.help' : 'teacher.pause.help');
	btn.disabled = busy;

	const names = info.watchers || [];
	const n = names.length;
	const air = $('on-air');
	air.dataset.count = String(n);
	air.className = `on-air ${info.state === 'live' && n ? 'on-air-live' : ''}`;
	const text = info.state === 'live' ?
		t(n === 1 ? 'teacher.live.one' : n ? 'teacher.live.many' : 'teacher.live.none', { n }) :
		t(n === 1 ? 'teacher.count.one' : n ? 'teacher.count.many' : 'teacher.count.none', { n });
	if (air.textContent !== text)
		air.textContent = text;
	const list = $('watchers');
	const now = [...list.children].map((li) => li.textContent).join('\n');
	if (now !== names.join('\n'))
		list.replaceChildren(...names.map((name) => h('li', { class: 'watcher' }, name)));
}

function showError(key, vars) {
	const el = $('staff-error');
	el.textContent = key ? t(key, vars) : '';
	el.hidden = !key;
}

async function load() {
	clearTimeout(timer);
	timer = 0;
	try {
		const list = await api.rooms();
		const r = list.find((x) => x.room === room);
		if (!r || r.watchers === null) {
			showError('staff.forbidden');
			$('pause-toggle').disabled = true;
			$('main').setAttribute('aria-busy', 'false');
			return;
		}
		info = r;
		render();
	} catch (e) {
		if (e.status === 401) {
			api.toLogin();
			return;
		}
	}
	if (document.visibilityState === 'visible')
		timer = setTimeout(load, REFRESH_MS);
}

async function toggle() {
	if (!info || busy)
		return;
	const pausing = !info.paused;
	busy = true;
	render();
	try {
		await (pausing ? api.pause(room) : api.resume(room));
		info.paused = pausing;
		showError('');
	} catch (e) {
		if (e.status === 401) {
			api.toLogin();
			return;
		}
		showError(e.status === 403 ? 'staff.forbidden' : 'staff.error.network');
	}
	busy = false;
	render();
	load();
}

async function main() {
	initPage();
	room = new URLSearchParams(location.search).get('room') || '';
	if (!NAME_RE.test(room)) {
		$('room-title').textContent = t('player.noroom');
		return;
	}
	$('room-title').textContent = room;
	let who;
	try {
		who = await requireUser();
	} catch {
		return;
	}
	if (who.role === 'director') {
		$('director-link').href = `/director.html?room=${encodeURIComponent(room)}`;
		$('staff-links').hidden = false;
	}
	$('pause-toggle').addEventListener('click', toggle);
	onLangChange(render);
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible')
			load();
		else
			clearTimeout(timer);
	});
	load();
}

main();

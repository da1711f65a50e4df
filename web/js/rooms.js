// Lucarne web app: "my rooms" (/rooms.html).
//
// Lists the rooms this account may watch (the relay decides which), each
// with its state in words, and refreshes every 10 s while visible.

import { initPage, requireUser, h } from './common.js';
import { t, fmtWhen, fmtTime, onLangChange, locale } from './i18n.js';
import * as api from './api.js';

const $ = (id) => document.getElementById(id);
const REFRESH_MS = 10000;

let rooms = null;
let updated = null;
let timer = 0;
let role = '';

const STATES = {
	live: { pill: 'state.live', tone: 'live' },
	paused: { pill: 'state.paused', tone: 'paused' },
	offline: { pill: 'state.offline', tone: 'offline' },
	off: { pill: 'state.off', tone: 'off' },
	closed: { pill: 'state.closed', tone: 'closed' },
};

function detail(r) {
	switch (r.state) {
	case 'live':
		return r.until ? t('rooms.until', { time: fmtTime(new Date(r.until * 1000)) }) : '';
	case 'paused':
		return t('state.paused.long');
	case 'offline':
		return t('state.offline.long');
	case 'off':
		/* a parent's own consent comes first: it is theirs to act on */
		if (r.reason === 'consent')
			return t(r.consent === 'withdrawn' ? 'state.off.withdrawn' : 'state.off.noconsent');
		return t('state.off.long');
	case 'closed':
		return r.until ? t('state.closed.next', { when: fmtWhen(r.until) }) :
			t('state.closed.long');
	default:
		return '';
	}
}

function card(r) {
	const st = r.reason === 'consent' ? { pill: 'state.consent', tone: 'off' } :
		STATES[r.state] || { pill: 'state.unknown', tone: 'off' };
	const name = r.title || r.room;
	const id = `room-${r.room}`;
	const extra = r.state === 'closed' && r.until ? t('state.closed.long') : '';
	return h('li', { class: `room room-${st.tone}`, 'data-room': r.room, 'data-state': r.state },
		h('a', { class: 'room-link', href: `/watch.html?room=${encodeURIComponent(r.room)}`, 'aria-describedby': `${id}-state` },
			h('span', { class: 'room-window', 'aria-hidden': 'true' },
				h('span', { class: 'room-window-pane' })),
			h('span', { class: 'room-body' },
				h('span', { class: 'room-name', id }, name),
				h('span', { class: 'room-state', id: `${id}-state` },
					h('span', { class: `pill pill-${st.tone}` }, t(st.pill)),
					detail(r) && h('span', { class: 'room-detail' }, extra ? `${extra} · ${detail(r)}` : detail(r)))),
			h('span', { class: 'room-go', 'aria-hidden': 'true' }, r.state === 'live' ? t('rooms.watch') : '›')),
		api.isStaff(role) && staffLinks(r, name));
}

/* Teachers and directors: their pages for the room, under its card. */
function staffLinks(r, name) {
	const q = `?room=${encodeURIComponent(r.room)}`;
	return h('p', { class: 'room-staff' },
		h('a', { class: 'staff-link', href: `/teacher.html${q}`, 'data-staff': 'teacher',
			'aria-label': t('rooms.staff.teacher.label', { room: name }) },
		t('rooms.staff.teacher')),
		role === 'director' && h('a', { class: 'staff-link', href: `/director.html${q}`,
			'data-staff': 'director', 'aria-label': t('rooms.staff.director.label', { room: name }) },
		t('rooms.staff.director')));
}

function render() {
	const list = $('rooms');
	const status = $('rooms-status');
	if (rooms === null)
		return;
	/* rooms one can watch now first, then by name */
	const rank = (r) => (r.state === 'live' ? 0 : r.state === 'paused' ? 1 : 2);
	const sorted = [...rooms].sort((a, b) => rank(a) - rank(b) ||
		(a.title || a.room).localeCompare(b.title || b.room, locale()));
	list.replaceChildren(...sorted.map(card));
	if (!rooms.length) {
		status.textContent = t('rooms.empty');
		status.hidden = false;
	} else {
		status.hidden = true;
	}
	const up = $('rooms-updated');
	if (updated) {
		up.textContent = t('rooms.updated', { time: fmtTime(updated) });
		up.hidden = false;
	}
	$('main').setAttribute('aria-busy', 'false');
}

async function load() {
	clearTimeout(timer);
	timer = 0;
	try {
		rooms = await api.rooms();
		updated = new Date();
		render();
	} catch (e) {
		if (e.status === 401) {
			api.toLogin();
			return;
		}
		if (rooms === null) {
			$('rooms-status').textContent = t('rooms.error');
			$('rooms-status').hidden = false;
		}
	}
	if (document.visibilityState === 'visible')
		timer = setTimeout(load, REFRESH_MS);
}

async function main() {
	initPage();
	onLangChange(render);
	try {
		role = (await requireUser()).role || '';
	} catch {
		return;
	}
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible')
			load();
		else {
			clearTimeout(timer);
			timer = 0;
		}
	});
	load();
}

main();

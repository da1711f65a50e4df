// Lucarne web app: the director's room settings (/director.html?room=NAME).
//
// Viewing hours as day checkboxes and time ranges, turned into the
// window grammar of docs/admin.md ("mon-fri 08:30-11:30,13:30-16:00;
// sat 09:00-10:00"); the daily quota; broadcast on or off; whether the
// room's teachers may move and zoom the camera. Read with
// GET and saved with POST /api/rooms/ROOM/settings; the relay checks the
// window again and its sentence is shown when it refuses.

import { initPage, requireUser, h } from './common.js';
import { t, onLangChange, locale } from './i18n.js';
import * as api from './api.js';

const $ = (id) => document.getElementById(id);
const NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

let room = '';
/* The editor's model: [{days: Set of 0..6, ranges: [[from, to]]}] with
 * times as "HH:MM" ("00:00" as an end is midnight, "24:00"). */
let groups = [];

/* ---- the window text, both ways ---------------------------------------- */

function daysText(set) {
	const runs = [];
	for (let i = 0; i < 7; i++) {
		if (!set.has(i))
			continue;
		let j = i;
		while (j + 1 < 7 && set.has(j + 1))
			j++;
		runs.push(j > i ? `${DAYS[i]}-${DAYS[j]}` : DAYS[i]);
		i = j;
	}
	return runs.join(',');
}

export function windowText(mode, gs) {
	if (mode !== 'custom')
		return mode;
	const parts = gs.map((g) => {
		const ranges = [...g.ranges].sort((a, b) => a[0].localeCompare(b[0]))
			.map(([a, b]) => `${a}-${b === '00:00' ? '24:00' : b}`);
		return `${daysText(g.days)} ${ranges.join(',')}`;
	});
	return parts.join('; ') || 'none';
}

/* The relay's canonical text into the editor's model (null if it is not
 * in a shape the editor knows; the text is still shown). */
function parseWindow(text) {
	const s = String(text || '').trim().toLowerCase();
	if (s === 'always' || s === 'none')
		return { mode: s, groups: [] };
	const gs = [];
	for (const part of s.split(';')) {
		const m = /^\s*(\S+)\s+(.+?)\s*$/.exec(part);
		if (!m)
			return null;
		const days = new Set();
		for (const spec of m[1].split(',')) {
			const [a, b] = spec.split('-').map((d) => DAYS.indexOf(d));
			if (a < 0 || (b !== undefined && b < 0))
				return null;
			for (let i = a; ; i = (i + 1) % 7) {
				days.add(i);
				if (b === undefined || i === b)
					break;
			}
		}
		const ranges = [];
		for (const r of m[2].split(',')) {
			const mm = /^\s*(\d\d:\d\d)-(\d\d:\d\d)\s*$/.exec(r);
			if (!mm)
				return null;
			ranges.push([mm[1], mm[2] === '24:00' ? '00:00' : mm[2]]);
		}
		gs.push({ days, ranges });
	}
	return { mode: 'custom', groups: gs };
}

/* ---- the editor ---------------------------------------------------------- */

function mode() {
	const el = document.querySelector('input[name="mode"]:checked');
	return el ? el.value : 'always';
}

function dayName(i, style) {
	/* 1 January 2024 was a Monday */
	return new Intl.DateTimeFormat(locale(), { weekday: style }).format(new Date(2024, 0, 1 + i));
}

function renderGroups() {
	const custom = mode() === 'custom';
	if (custom && !groups.length)
		groups.push({ days: new Set([0, 1, 2, 3, 4]), ranges: [['08:30', '11:30']] });
	$('groups').hidden = !custom;
	$('add-group').hidden = !custom;
	$('groups').replaceChildren(...groups.map((g, gi) => {
		const legend = t('director.window.group', { n: gi + 1 });
		return h('fieldset', { class: 'win-group', 'data-group': String(gi) },
			h('legend', { class: 'win-legend' }, legend),
			h('div', { class: 'days' }, ...DAYS.map((d, i) => {
				const id = `g${gi}-${d}`;
				const box = h('input', { type: 'checkbox', id, 'data-day': d });
				box.checked = g.days.has(i);
				box.addEventListener('change', () => {
					if (box.checked)
						g.days.add(i);
					else
						g.days.delete(i);
					showText();
				});
				return h('span', { class: 'day' }, box,
					h('label', { for: id, title: dayName(i, 'long') },
						h('span', { 'aria-hidden': 'true' }, dayName(i, 'short')),
						h('span', { class: 'visually-hidden' }, dayName(i, 'long'))));
			})),
			h('ul', { class: 'ranges' }, ...g.ranges.map((r, ri) => {
				const from = h('input', { type: 'time', class: 'from', value: r[0], required: true,
					'aria-label': t('director.window.from.label', { n: ri + 1 }) });
				const to = h('input', { type: 'time', class: 'to', value: r[1], required: true,
					'aria-label': t('director.window.to.label', { n: ri + 1 }) });
				from.addEventListener('input', () => { r[0] = from.value; showText(); });
				to.addEventListener('input', () => { r[1] = to.value; showText(); });
				const del = h('button', { type: 'button', class: 'btn btn-quiet btn-small',
					'aria-label': t('director.window.delrange.label', { n: ri + 1 }) },
				t('director.window.delrange'));
				del.addEventListener('click', () => {
					g.ranges.splice(ri, 1);
					if (!g.ranges.length)
						groups.splice(gi, 1);
					renderGroups();
				});
				return h('li', { class: 'win-range' },
					h('span', { class: 'range-word', 'aria-hidden': 'true' }, t('director.window.from')), from,
					h('span', { class: 'range-word', 'aria-hidden': 'true' }, t('director.window.to')), to, del);
			})),
			(() => {
				const add = h('button', { type: 'button', class: 'btn btn-quiet btn-small add-range' },
					t('director.window.addrange'));
				add.addEventListener('click', () => {
					g.ranges.push(['13:30', '16:00']);
					renderGroups();
					const inputs = $('groups').querySelectorAll(`[data-group="${gi}"] input.from`);
					inputs[inputs.length - 1].focus();
				});
				return add;
			})());
	}));
	showText();
}

function showText() {
	$('window-text').textContent = windowText(mode(), groups);
}

/* Client-side checks the relay would also make, in the page's words. */
function check() {
	if (mode() !== 'custom')
		return '';
	if (!groups.length)
		return t('director.err.nogroup');
	for (const g of groups) {
		if (!g.days.size)
			return t('director.err.nodays');
		if (!g.ranges.length || g.ranges.some(([a, b]) => !a || !b))
			return t('director.err.times');
	}
	return '';
}

function showError(text) {
	const el = $('staff-error');
	el.textContent = text || '';
	el.hidden = !text;
	if (text)
		el.focus();
}

function fill(s) {
	$('broadcast').checked = !!s.broadcast;
	$('consent-note').hidden = s.consent !== false;
	$('quota').value = String(s.quota_min ?? 0);
	$('teacher-ptz').checked = !!s.teacher_ptz;
	const p = parseWindow(s.window);
	const m = p ? p.mode : 'custom';
	groups = p ? p.groups : [];
	$(`mode-${m}`).checked = true;
	renderGroups();
	$('main').dataset.window = s.window;
}

async function save(ev) {
	ev.preventDefault();
	const status = $('save-status');
	status.textContent = '';
	const bad = check();
	const quota = Number($('quota').value);
	if (bad)
		return showError(bad);
	if (!Number.isInteger(quota) || quota < 0 || quota > 1440) {
		$('quota').setAttribute('aria-invalid', 'true');
		return showError(t('director.err.quota'));
	}
	$('quota').removeAttribute('aria-invalid');
	const body = { window: windowText(mode(), groups), quota_min: quota,
		broadcast: $('broadcast').checked,
		teacher_ptz: $('teacher-ptz').checked };
	$('save').disabled = true;
	try {
		const s = await api.saveSettings(room, body);
		showError('');
		fill(s);
		status.textContent = t('director.saved');
	} catch (e) {
		if (e.status === 401)
			return api.toLogin();
		if (e.status === 400)
			showError(t('director.err.refused', { msg: e.message }));
		else
			showError(t(e.status === 403 ? 'staff.forbidden' : 'staff.error.network'));
	} finally {
		$('save').disabled = false;
	}
}

async function main() {
	initPage();
	room = new URLSearchParams(location.search).get('room') || '';
	if (!NAME_RE.test(room)) {
		$('room-title').textContent = t('player.noroom');
		return;
	}
	$('room-title').textContent = room;
	$('teacher-link').href = `/teacher.html?room=${encodeURIComponent(room)}`;
	try {
		await requireUser();
	} catch {
		return;
	}
	api.rooms().then((list) => {
		const r = list.find((x) => x.room === room);
		if (r && r.title) {
			$('room-title').textContent = r.title;
			document.title = `${r.title} · ${t('director.title')}`;
		}
	}, () => {});
	let s;
	try {
		s = await api.settings(room);
	} catch (e) {
		if (e.status === 401)
			return api.toLogin();
		$('main').setAttribute('aria-busy', 'false');
		return showError(t(e.status === 403 ? 'staff.forbidden' : 'staff.error.network'));
	}
	for (const r of document.querySelectorAll('input[name="mode"]'))
		r.addEventListener('change', renderGroups);
	$('add-group').addEventListener('click', () => {
		groups.push({ days: new Set([5]), ranges: [['09:00', '10:00']] });
		renderGroups();
		const g = $('groups').lastElementChild;
		if (g)
			g.querySelector('input').focus();
	});
	$('settings').addEventListener('submit', save);
	onLangChange(renderGroups);
	fill(s);
	$('settings').hidden = false;
	$('main').setAttribute('aria-busy', 'false');
}

main();

// Lucarne web app: the "Camera picture" section of the teacher and
// director pages (?room=NAME), for the room's staff.
//
// It reads GET /api/rooms/ROOM/camera (the controls the camera reported,
// with their ranges, and the saved presets) and shows one large control
// per camera setting: a slider with − and + buttons for numbers, a switch
// for on/off, a list for menus, each with its value and a reset to the
// camera's default. A change is sent at once (POST .../camera, answered
// 202); the page then reads the camera again until it reports the value
// it kept. Presets are applied by everyone here; the director also saves
// and deletes them. Pan, tilt and zoom are the director's alone (the
// relay refuses them to teachers), so a teacher sees them disabled.
//
// The section carries data-online and each control data-name and
// data-value, for the tests.

import { h } from './common.js';
import { t, apply, onLangChange } from './i18n.js';
import * as api from './api.js';

const $ = (id) => document.getElementById(id);
const NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;
const REFRESH_MS = 5000;
const CONFIRM_MS = 3000; /* how long to wait for the camera's answer */

/* The section's content, the same on both pages; apply() translates it. */
const SECTION = `
<h2 id="cam-h" data-i18n="camera.title">Camera picture</h2>
<p class="muted" data-i18n="camera.intro">Adjust the picture parents see. Changes apply at once.</p>
<p id="cam-offline" class="note" hidden></p>
<div id="cam-controls" class="cam-controls"></div>
<p id="cam-status" class="status-line" role="status" aria-live="polite"></p>
<h3 class="cam-sub" data-i18n="camera.presets">Saved settings</h3>
<ul id="cam-presets" class="cam-presets"></ul>
<p id="cam-presets-none" class="muted" data-i18n="camera.presets.none">No saved settings yet.</p>
<form id="cam-save" class="cam-save" novalidate hidden>
	<div class="field">
		<label for="cam-save-name" data-i18n="camera.save.name">Name of the current settings</label>
		<input id="cam-save-name" type="text" maxlength="64" autocomplete="off" spellcheck="false">
	</div>
	<button id="cam-save-btn" class="btn btn-primary" type="submit" data-i18n="camera.save">Save the current settings</button>
</form>`;

let room = '';
let director = false;
let cam = null; /* last GET answer */
let shape = ''; /* names and ranges the controls were built for */
let timer = 0;

const label = (c) => {
	const k = `camera.ctl.${c.name}`;
	const s = t(k);
	return s === k ? c.label : s;
};

function status(text) {
	const el = $('cam-status');
	if (el.textContent !== text)
		el.textContent = text;
}

/* A −/+ press moves by about a sixteenth of the range, on the step. */
function bigStep(c) {
	const n = Math.max(1, Math.round((c.max - c.min) / 16 / c.step));
	return n * c.step;
}

function clamp(c, v) {
	v = Math.min(c.max, Math.max(c.min, v));
	return c.min + Math.round((v - c.min) / c.step) * c.step;
}

/* Wait until the camera reports @values (or give up), then show it. */
async function confirm(values, sentAt) {
	const names = Object.keys(values);
	const end = Date.now() + CONFIRM_MS;
	while (Date.now() < end) {
		try {
			cam = await api.camera(room);
		} catch {
			break;
		}
		const now = cam.controls || [];
		const got = names.map((n) => now.find((c) => c.name === n));
		if (cam.updated > sentAt && got.every(Boolean)) {
			render();
			const c = got[0];
			status(c.value === values[c.name] ?
				t('camera.done', { label: label(c), v: c.value }) :
				t('camera.kept', { label: label(c), v: c.value }));
			return;
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	render();
	status(t('camera.noanswer'));
}

async function send(values) {
	const sentAt = cam ? cam.updated : 0;
	status(t('camera.sending'));
	try {
		await api.setCamera(room, values);
	} catch (e) {
		status(e.status && e.message ? t('camera.refused', { msg: e.message }) : t('camera.error'));
		load();
		return;
	}
	await confirm(values, sentAt);
}

function numberControl(c, locked) {
	const id = `cam-${c.name}`;
	const input = h('input', { id, type: 'range', min: c.min, max: c.max, step: c.step,
		class: 'cam-range', disabled: locked });
	input.value = String(c.value);
	const out = h('output', { class: 'cam-value', for: id }, String(c.value));
	input.addEventListener('input', () => { out.textContent = input.value; });
	input.addEventListener('change', () => send({ [c.name]: Number(input.value) }));
	const stepBtn = (sign, key, text) => {
		const b = h('button', { type: 'button', class: 'btn cam-step', disabled: locked,
			'data-step': sign > 0 ? 'more' : 'less',
			'aria-label': t(key, { label: label(c) }) }, text);
		b.addEventListener('click', () => {
			const v = clamp(c, Number(input.value) + sign * bigStep(c));
			input.value = String(v);
			out.textContent = String(v);
			send({ [c.name]: v });
		});
		return b;
	};
	return [h('div', { class: 'cam-head' }, h('label', { for: id }, label(c)), out),
		h('div', { class: 'cam-row' }, stepBtn(-1, 'camera.less', '−'), input,
			stepBtn(1, 'camera.more', '+'))];
}

function boolControl(c, locked) {
	const input = h('input', { id: `cam-${c.name}`, type: 'checkbox', disabled: locked });
	input.checked = c.value === 1;
	input.addEventListener('change', () => send({ [c.name]: input.checked ? 1 : 0 }));
	return [h('label', { class: 'switch cam-switch' }, input, h('span', {}, label(c)))];
}

function menuControl(c, locked) {
	const id = `cam-${c.name}`;
	const sel = h('select', { id, class: 'cam-select', disabled: locked },
		...c.items.map((it) => h('option', { value: String(it.value) }, it.label)));
	sel.value = String(c.value);
	sel.addEventListener('change', () => send({ [c.name]: Number(sel.value) }));
	return [h('label', { for: id, class: 'cam-head' }, label(c)), sel];
}

function controlRow(c) {
	const locked = !!c.director_only && !director;
	const kids = c.kind === 'bool' ? boolControl(c, locked) :
		c.kind === 'menu' ? menuControl(c, locked) : numberControl(c, locked);
	const reset = h('button', { type: 'button', class: 'btn btn-quiet btn-small cam-reset',
		disabled: locked || c.value === c.default,
		'aria-label': t('camera.reset.label', { label: label(c), v: c.default }) },
	t('camera.reset', { v: c.default }));
	reset.addEventListener('click', () => send({ [c.name]: c.default }));
	return h('div', { class: 'cam-ctl', 'data-name': c.name, 'data-value': String(c.value),
		'data-kind': c.kind }, ...kids,
	locked ? h('p', { class: 'muted cam-note' }, t('camera.director.only')) : null, reset);
}

/* Update values in place (the control being used keeps its focus). */
function updateValues(list) {
	for (const c of list) {
		const row = document.querySelector(`.cam-ctl[data-name="${c.name}"]`);
		if (!row)
			continue;
		row.dataset.value = String(c.value);
		const input = $(`cam-${c.name}`);
		if (input && input !== document.activeElement) {
			if (input.type === 'checkbox')
				input.checked = c.value === 1;
			else
				input.value = String(c.value);
		}
		const out = row.querySelector('.cam-value');
		if (out && input !== document.activeElement)
			out.textContent = String(c.value);
		const reset = row.querySelector('.cam-reset');
		if (reset)
			reset.disabled = (!!c.director_only && !director) || c.value === c.default;
	}
}

function presetRow(p) {
	const recall = h('button', { type: 'button', class: 'btn cam-recall', disabled: !cam.online,
		'aria-label': t('camera.recall.label', { name: p.name }) }, t('camera.recall'));
	recall.addEventListener('click', async () => {
		const sentAt = cam.updated;
		try {
			await api.recallPreset(room, p.name);
		} catch (e) {
			status(e.message ? t('camera.refused', { msg: e.message }) : t('camera.error'));
			return;
		}
		await confirm(p.values, sentAt);
		status(t('camera.recalled', { name: p.name }));
	});
	const kids = [h('span', { class: 'cam-preset-name' }, p.name), recall];
	if (director) {
		const del = h('button', { type: 'button', class: 'btn btn-quiet cam-delete',
			'aria-label': t('camera.delete.label', { name: p.name }) }, t('camera.delete'));
		del.addEventListener('click', async () => {
			try {
				await api.deletePreset(room, p.name);
				status(t('camera.deleted', { name: p.name }));
			} catch (e) {
				status(e.message ? t('camera.refused', { msg: e.message }) : t('camera.error'));
			}
			load();
		});
		kids.push(del);
	}
	return h('li', { class: 'cam-preset', 'data-preset': p.name }, ...kids);
}

function render() {
	const sec = $('camera');
	if (!cam)
		return;
	const online = cam.online ? 'true' : 'false';
	if (sec.dataset.online && sec.dataset.online !== online)
		status(''); /* what was said was about the camera before */
	sec.dataset.online = online;
	const list = cam.controls || [];
	const now = JSON.stringify([document.documentElement.lang, director,
		list.map((c) => [c.name, c.kind, c.min, c.max, c.step, c.default, c.director_only])]);
	if (now !== shape) {
		shape = now;
		$('cam-controls').replaceChildren(...list.map(controlRow));
	} else {
		updateValues(list);
	}
	const note = $('cam-offline');
	note.hidden = cam.online && list.length > 0;
	note.textContent = t(cam.online ? 'camera.none' : 'camera.offline');
	const presets = cam.presets || [];
	$('cam-presets').replaceChildren(...presets.map(presetRow));
	$('cam-presets-none').hidden = presets.length > 0;
	$('cam-save').hidden = !director;
	$('cam-save-btn').disabled = !cam.online;
}

async function load() {
	clearTimeout(timer);
	timer = 0;
	try {
		cam = await api.camera(room);
		$('camera').hidden = false;
		render();
	} catch (e) {
		/* 403: not this room's staff; the page itself says so */
		if (e.status === 403 || e.status === 401)
			return;
	}
	if (document.visibilityState === 'visible')
		timer = setTimeout(load, REFRESH_MS);
}

async function save(ev) {
	ev.preventDefault();
	const input = $('cam-save-name');
	const name = input.value.trim();
	if (!NAME_RE.test(name)) {
		input.setAttribute('aria-invalid', 'true');
		status(t('camera.save.bad'));
		input.focus();
		return;
	}
	input.removeAttribute('aria-invalid');
	try {
		await api.savePreset(room, name);
		status(t('camera.saved', { name }));
		input.value = '';
	} catch (e) {
		status(e.message ? t('camera.refused', { msg: e.message }) : t('camera.error'));
	}
	load();
}

async function main() {
	room = new URLSearchParams(location.search).get('room') || '';
	if (!NAME_RE.test(room) || !$('camera'))
		return;
	try {
		const who = await api.me();
		director = who.role === 'director';
		if (who.role !== 'director' && who.role !== 'teacher')
			return;
	} catch {
		return; /* the page's own script sends the visitor to the login */
	}
	$('camera').innerHTML = SECTION;
	apply($('camera'));
	$('cam-save').addEventListener('submit', save);
	onLangChange(() => {
		shape = '';
		render();
	});
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'visible')
			load();
		else
			clearTimeout(timer);
	});
	load();
}

main();

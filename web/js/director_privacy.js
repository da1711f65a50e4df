// Lucarne web app: the director's consent register and audit log, two
// sections of /director.html?room=NAME beside the settings (director.js).
//
// Register: GET /api/rooms/ROOM/consent lists each linked teacher and
// parent; "Given" / "Withdrawn" record one person's consent; the
// complete flag is the director's declaration, refused by the relay
// (409, naming who) while a teacher has not given consent. Audit: rows
// between two local dates, a page at a time, and the same range as a CSV
// download.

import { requireUser, h } from './common.js';
import { t, onLangChange, locale } from './i18n.js';
import * as api from './api.js';
import { fmtStamp, rowElement } from './auditrows.js';

const $ = (id) => document.getElementById(id);
const NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;
const AUDIT_COLS = ['when', 'what', 'who', 'detail'];

let room = '';
let reg = null;
let auditRows = [];
let auditNext = null;

/* ---- the register ------------------------------------------------------ */

function showError(id, text) {
	const el = $(id);
	el.textContent = text || '';
	el.hidden = !text;
	if (text)
		el.focus();
}

function statusPill(status) {
	const tone = status === 'given' ? 'live' : status === 'withdrawn' ? 'offline' : 'off';
	return h('span', { class: `pill pill-${tone}` }, t(`register.status.${status}`));
}

function entryRow(e) {
	const give = h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'data-give': e.user,
		'aria-label': t('register.give.label', { user: e.user }) }, t('register.give'));
	const withdraw = h('button', { type: 'button', class: 'btn btn-quiet btn-small', 'data-withdraw': e.user,
		'aria-label': t('register.withdraw.label', { user: e.user }) }, t('register.withdraw'));
	give.disabled = e.status === 'given';
	withdraw.disabled = e.status === 'withdrawn';
	give.addEventListener('click', () => record(e.user, 'given'));
	withdraw.addEventListener('click', () => record(e.user, 'withdrawn'));
	return h('tr', { 'data-user': e.user, 'data-status': e.status },
		h('th', { scope: 'row' }, e.user, ' ',
			h('span', { class: 'muted' }, `(${t(`register.role.${e.role}`)})`)),
		h('td', null, statusPill(e.status)),
		h('td', null, e.ts ? t('register.recorded', { who: e.recorded_by, when: fmtStamp(e.ts) }) : '—'),
		h('td', { class: 'register-actions' }, give, withdraw));
}

function renderRegister() {
	if (!reg)
		return;
	$('register').hidden = false;
	$('register').dataset.complete = String(reg.complete);
	$('register-rows').replaceChildren(...reg.entries.map(entryRow));
	$('register-empty').hidden = reg.entries.length > 0;
	const warn = [];
	if (reg.missing.length)
		warn.push(t('register.warn.missing', { names: reg.missing.join(', ') }));
	if (reg.withdrawn.length)
		warn.push(t('register.warn.withdrawn', { names: reg.withdrawn.join(', ') }));
	$('register-warn').replaceChildren(...warn.map((w) => h('li', null, w)));
	$('register-warn').hidden = !warn.length;
	$('register-state').textContent = t(reg.complete ? 'register.complete' : 'register.incomplete');
	$('register-state').className = `register-state ${reg.complete ? 'is-complete' : 'is-incomplete'}`;
	$('register-mark').textContent = t(reg.complete ? 'register.unmark' : 'register.mark');
	$('register-mark').className = `btn ${reg.complete ? 'btn-quiet' : 'btn-primary'}`;
}

async function act(fn) {
	$('register-status').textContent = '';
	try {
		reg = await fn();
		showError('register-error', '');
		renderRegister();
		$('register-status').textContent = t('director.saved');
	} catch (e) {
		if (e.status === 401)
			return api.toLogin();
		showError('register-error', e.status === 409 || e.status === 400 ?
			t('register.refused', { msg: e.message }) :
			t(e.status === 403 ? 'staff.forbidden' : 'staff.error.network'));
	}
}

const record = (user, status) => act(() => api.recordConsent(room, user, status));

/* ---- the audit log ------------------------------------------------------ */

function range() {
	return { from: $('audit-from').value, to: $('audit-to').value };
}

function renderAudit() {
	$('audit-rows').replaceChildren(...auditRows.map((r) => rowElement(r, AUDIT_COLS)));
	$('audit-table').hidden = !auditRows.length;
	$('audit-status').textContent = auditRows.length ? '' : t('audit.empty');
	$('audit-more').hidden = !auditNext;
}

function updateCsvLink() {
	const r = range();
	$('audit-csv').href = api.auditCsvUrl(room, r);
	$('audit-csv').setAttribute('download', `lucarne-audit-${room}.csv`);
}

/* A failed read of the log: sign in again, or say why. */
function auditFailed(e) {
	if (e.status === 401)
		return api.toLogin();
	showError('audit-error', e.status === 400 ? e.message :
		t(e.status === 403 ? 'staff.forbidden' : 'staff.error.network'));
}

/* The link works without scripts (the first 10,000 rows); with them, the
 * file holds every row of the range, fetched page by page. */
async function downloadCsv(ev) {
	const r = range();
	ev.preventDefault();
	if (r.from && r.to && r.from > r.to)
		return showError('audit-error', t('audit.err.dates'));
	const link = $('audit-csv');
	if (link.getAttribute('aria-busy') === 'true')
		return;
	link.setAttribute('aria-busy', 'true');
	const status = $('audit-status');
	status.textContent = t('audit.csv.busy');
	try {
		const nf = new Intl.NumberFormat(locale());
		const csv = await api.auditCsvAll(room, r, (n) => {
			status.textContent = t('audit.csv.progress', { n: nf.format(n) });
		});
		const url = URL.createObjectURL(new Blob([csv.text], { type: 'text/csv;charset=utf-8' }));
		const a = document.createElement('a');
		a.href = url;
		a.download = csv.filename;
		document.body.append(a);
		a.click();
		a.remove();
		setTimeout(() => URL.revokeObjectURL(url), 60000);
		showError('audit-error', '');
		status.textContent = t('audit.csv.done', { n: nf.format(csv.rows), file: csv.filename });
	} catch (e) {
		status.textContent = '';
		auditFailed(e);
	} finally {
		link.removeAttribute('aria-busy');
	}
}

async function loadAudit(more) {
	const r = range();
	if (r.from && r.to && r.from > r.to)
		return showError('audit-error', t('audit.err.dates'));
	try {
		const page = await api.audit(room, more ? { ...r, before: auditNext } : r);
		auditRows = more ? auditRows.concat(page.rows || []) : page.rows || [];
		auditNext = page.next || null;
		showError('audit-error', '');
		renderAudit();
	} catch (e) {
		auditFailed(e);
	}
}

function isoDay(d) {
	const p = (n) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

async function main() {
	room = new URLSearchParams(location.search).get('room') || '';
	if (!NAME_RE.test(room))
		return;
	try {
		await requireUser();
	} catch {
		return;
	}
	try {
		reg = await api.consent(room);
	} catch {
		return; /* director.js shows why (403, network) */
	}
	renderRegister();
	$('register-mark').addEventListener('click', () =>
		act(() => api.markComplete(room, !reg.complete)));

	/* the last 30 days by default */
	const today = new Date();
	$('audit-to').value = isoDay(today);
	$('audit-from').value = isoDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 30));
	$('audit').hidden = false;
	updateCsvLink();
	$('audit-csv').addEventListener('click', downloadCsv);
	for (const id of ['audit-from', 'audit-to'])
		$(id).addEventListener('change', updateCsvLink);
	$('audit-form').addEventListener('submit', (ev) => {
		ev.preventDefault();
		loadAudit(false);
	});
	$('audit-more').addEventListener('click', () => loadAudit(true));
	onLangChange(() => {
		renderRegister();
		renderAudit();
	});
	loadAudit(false);
}

main();

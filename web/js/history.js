// Lucarne web app: "my history" (/history.html): the signed-in
// account's own audit rows (GET /api/me/history), newest first, a page
// at a time.

import { initPage, requireUser } from './common.js';
import { t, onLangChange } from './i18n.js';
import * as api from './api.js';
import { rowElement } from './auditrows.js';

const $ = (id) => document.getElementById(id);
const COLS = ['when', 'what', 'room', 'detail'];

let rows = [];
let next = null;

function render() {
	$('history-rows').replaceChildren(...rows.map((r) => rowElement(r, COLS)));
	$('history').hidden = !rows.length;
	const st = $('history-status');
	st.hidden = rows.length > 0;
	if (!rows.length)
		st.textContent = t('history.empty');
	$('history-more').hidden = !next;
	$('main').setAttribute('aria-busy', 'false');
}

async function load() {
	try {
		const page = await api.history(next ? { before: next } : {});
		rows = rows.concat(page.rows || []);
		next = page.next || null;
		render();
	} catch (e) {
		if (e.status === 401)
			return api.toLogin();
		$('history-status').textContent = t('history.error');
		$('main').setAttribute('aria-busy', 'false');
	}
}

async function main() {
	initPage();
	try {
		await requireUser();
	} catch {
		return;
	}
	onLangChange(render);
	$('history-more').addEventListener('click', load);
	load();
}

main();

// Lucarne web app: a parent's own authorization on the watch page
// (/watch.html?room=NAME), beside the player.
//
// Shows whether the parent's authorization for the room is given, and
// "Withdraw my authorization" with a confirmation step (two big buttons,
// the safe one focused). The relay closes the parent's streams itself at
// once (POST /api/rooms/ROOM/withdraw); the player then shows why.

import { requireUser } from './common.js';
import { t, onLangChange } from './i18n.js';
import * as api from './api.js';

const $ = (id) => document.getElementById(id);
const NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;

let room = '';
let status = ''; /* given, withdrawn, none */

function render() {
	const box = $('consent');
	box.hidden = !status;
	box.dataset.consent = status;
	$('consent-text').textContent = status === 'given' ? t('consent.given') :
		status === 'withdrawn' ? t('consent.withdrawn') : t('consent.none');
	$('withdraw').hidden = status !== 'given' || !$('withdraw-confirm').hidden;
}

function ask(open) {
	$('withdraw-confirm').hidden = !open;
	render();
	(open ? $('withdraw-no') : $('withdraw')).focus();
}

async function confirmWithdraw() {
	const err = $('consent-error');
	$('withdraw-yes').disabled = true;
	try {
		await api.withdraw(room);
		status = 'withdrawn';
		err.hidden = true;
		$('withdraw-confirm').hidden = true;
		render();
		$('consent-text').focus();
	} catch (e) {
		if (e.status === 401)
			return api.toLogin();
		err.textContent = t('consent.error', { msg: e.message });
		err.hidden = false;
	} finally {
		$('withdraw-yes').disabled = false;
	}
}

async function main() {
	room = new URLSearchParams(location.search).get('room') || '';
	if (!NAME_RE.test(room))
		return;
	let me;
	try {
		me = await requireUser();
	} catch {
		return;
	}
	if (me.role !== 'parent')
		return; /* staff consent is recorded by the director */
	$('consent-text').tabIndex = -1;
	$('withdraw').addEventListener('click', () => ask(true));
	$('withdraw-no').addEventListener('click', () => ask(false));
	$('withdraw-yes').addEventListener('click', confirmWithdraw);
	onLangChange(render);
	try {
		const r = (await api.rooms()).find((x) => x.room === room);
		status = r ? r.consent || 'none' : '';
	} catch {
		status = '';
	}
	render();
}

main();

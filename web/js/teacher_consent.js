// Lucarne web app: a teacher's own consent on the teacher page
// (/teacher.html?room=NAME), the "My consent" section.
//
// Shows the teacher's consent for the room as the register has it
// (GET /api/rooms/ROOM/consent/mine: given, withdrawn or not recorded,
// with who recorded it and when) and "Withdraw my consent" with a
// confirmation step that says the room stops broadcasting: staff consent
// is a condition of broadcasting, so the relay marks the register
// incomplete and cuts the parents at once (POST .../withdraw). Directors
// have no consent of their own here: the section stays hidden for them.

import { requireUser } from './common.js';
import { t, onLangChange, locale } from './i18n.js';
import * as api from './api.js';

const $ = (id) => document.getElementById(id);
const NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;

let room = '';
let me = '';
let mine = null; /* the GET .../consent/mine answer */

/* "25 November 2026 at 09:00" in the page's language. */
function when(ts) {
	return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeStyle: 'short' })
		.format(new Date(ts * 1000));
}

function statusText() {
	if (!mine || mine.status === 'none')
		return t('myconsent.none');
	const vars = {
		when: when(mine.ts),
		by: mine.recorded_by === me ? t('myconsent.byself') : mine.recorded_by,
	};
	return t(mine.status === 'given' ? 'myconsent.given' : 'myconsent.withdrawn', vars);
}

function render() {
	const box = $('my-consent');
	if (!mine)
		return;
	box.hidden = false;
	box.dataset.consent = mine.status;
	const text = statusText();
	if ($('mc-text').textContent !== text)
		$('mc-text').textContent = text;
	$('mc-withdraw').hidden = mine.status !== 'given' || !$('mc-confirm').hidden;
}

function ask(open) {
	$('mc-confirm').hidden = !open;
	render();
	(open ? $('mc-no') : $('mc-withdraw')).focus();
}

async function load() {
	try {
		mine = await api.myConsent(room);
	} catch (e) {
		if (e.status === 401)
			return api.toLogin();
		return; /* 403: not this room's teacher; the page says so */
	}
	render();
}

async function confirmWithdraw() {
	const err = $('mc-error');
	$('mc-yes').disabled = true;
	try {
		await api.withdraw(room);
		err.hidden = true;
		$('mc-confirm').hidden = true;
		await load();
		$('mc-text').focus();
	} catch (e) {
		if (e.status === 401)
			return api.toLogin();
		err.textContent = t('myconsent.error', { msg: e.message });
		err.hidden = false;
	} finally {
		$('mc-yes').disabled = false;
	}
}

async function main() {
	room = new URLSearchParams(location.search).get('room') || '';
	if (!NAME_RE.test(room))
		return;
	let who;
	try {
		who = await requireUser();
	} catch {
		return;
	}
	if (who.role !== 'teacher')
		return;
	me = who.user;
	$('mc-text').tabIndex = -1;
	$('mc-withdraw').addEventListener('click', () => ask(true));
	$('mc-no').addEventListener('click', () => ask(false));
	$('mc-yes').addEventListener('click', confirmWithdraw);
	onLangChange(render);
	await load();
}

main();

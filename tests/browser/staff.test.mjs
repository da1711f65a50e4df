#!/usr/bin/env node
// Browser tests of the staff pages (issue 5), printed as TAP.
//
// A real lucarne-relay (on a fake civil clock, LUCARNE_FAKE_TIME_FILE:
// Wednesday 25 November 2026, 09:00 in Paris) and lucarne-capture (test
// pattern). A teacher pauses and resumes room pommes from her page while
// a parent watches in another browser context; the director narrows the
// viewing window so that the parent's page shows "closed" with the next
// opening, and a bad window shows the relay's refusal. Parents and staff
// of other rooms get 403 from the settings endpoint. Screenshots of the
// new pages (desktop 1280x800 English, phone 360x740 French) go to
// build/screenshots/staff-*.png.
//
// Every wait is on an event (page.waitForFunction, a port that answers)
// with a generous timeout; no sleep synchronises.
//
//   tests/browser/staff.t   (KEEP=1 keeps the temp dir; LUCARNE_BIN picks the programs)

import fs from 'node:fs';
import path from 'node:path';
import * as tap from './lib/tap.mjs';
import { TOP, CHROMIUM, CHROMIUM_ARGS, until, admin } from './lib/rig.mjs';
import { preflight, Stack, newContext as newCtx, login as signIn, stage } from './lib/stack.mjs';
import { auditContrast, canvasProbe } from './lib/page.mjs';

const SHOTS = path.join(TOP, 'build/screenshots');
const PW = { alice: 'alice correct horse', tina: 'tina correct horse',
	dora: 'dora correct horse', tom: 'tom correct horse' };
/* Wednesday 25 November 2026 09:00 and Saturday 28th 10:00, Paris (UTC+1). */
const NOW = Date.UTC(2026, 10, 25, 8, 0) / 1000;
const SAT_10 = Date.UTC(2026, 10, 28, 9, 0) / 1000;

const { chromium, BIN } = await preflight();

/* ---- the rig ---------------------------------------------------------- */

const S = await Stack.create(BIN);
const { dir, data, BASE, tokenFile } = S;
const timeFile = path.join(dir, 'fake_time');
S.relayEnv = { LUCARNE_FAKE_TIME_FILE: timeFile };

function setup() {
	const a = (...args) => admin(BIN.admin, data, args);
	/* pommes has the camera; cerises is another room with its teacher */
	for (const [r, title] of [['pommes', 'Les Pommes'], ['cerises', 'Les Cerises']]) {
		a('room', 'add', r, '--title', title);
		a('room', 'set', r, '--broadcast', 'on', '--consent', 'complete');
	}
	for (const [u, role, room] of [['alice', 'parent', 'pommes'], ['tina', 'teacher', 'pommes'],
		['dora', 'director', 'pommes'], ['tom', 'teacher', 'cerises']])
		admin(BIN.admin, data, ['user', 'add', u, '--role', role, '--room', room], `${PW[u]}\n`);
	S.consentGiven('pommes', 'alice');
	const out = a('device', 'add', 'cam-pommes', '--kind', 'camera', '--room', 'pommes');
	S.saveCameraToken(out);
	fs.writeFileSync(timeFile, `${NOW}\n`);
}

const startRelay = () => S.startRelay();
const startCapture = () => S.startCapture();
const logs = () => S.logs();

/* ---- browser helpers -------------------------------------------------- */

const problems = []; /* CSP violations, page errors, foreign requests */

const newContext = (browser, kind) => newCtx(browser, kind, problems);

fs.mkdirSync(SHOTS, { recursive: true });
for (const f of fs.readdirSync(SHOTS))
	if (f.startsWith('staff-') && f.endsWith('.png'))
		fs.rmSync(path.join(SHOTS, f));

async function shot(page, name) {
	await page.screenshot({ path: path.join(SHOTS, `staff-${name}.png`), animations: 'disabled', fullPage: true });
}

const login = (page, user) => signIn(page, BASE, user, PW[user]);

/* A fresh picture that changes (the test pattern moves). */
async function waitPicture(page, timeout) {
	await page.evaluate(() => { window.__probe = null; });
	await page.waitForFunction(canvasProbe, null, { timeout, polling: 100 });
}

/* Status of a same-origin API call made by the page (its cookie, its
 * Origin header). */
async function apiCall(page, method, p, body) {
	return page.evaluate(async ([m, u, b]) => {
		const r = await fetch(u, { method: m, cache: 'no-store',
			headers: b ? { 'Content-Type': 'application/json' } : {},
			body: b ? JSON.stringify(b) : undefined });
		return { status: r.status, body: await r.json().catch(() => null) };
	}, [method, p, body]);
}

async function noOverflow(page) {
	return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

async function checkLooks(page, name) {
	const bad = await auditContrast(page);
	tap.ok(bad.length === 0, `${name}: text contrast at least WCAG AA`, bad);
	tap.ok(await noOverflow(page), `${name}: no sideways scrolling`);
}

/* ---- the tests -------------------------------------------------------- */

let browser = null;
let status = 1;
try {
	await tap.step('set up rooms, parent, teachers, director and a camera', setup);
	await tap.step('relay starts on the fake clock', startRelay);
	startCapture();

	browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
	const parentCtx = await newContext(browser, 'desktop');
	const teachCtx = await newContext(browser, 'desktop');
	const teachPhone = await newContext(browser, 'phone');
	const dirCtx = await newContext(browser, 'desktop');
	const dirPhone = await newContext(browser, 'phone');
	const otherCtx = await newContext(browser, 'desktop');

	/* -- who sees the staff links -- */
	const ap = await parentCtx.newPage();
	await login(ap, 'alice');
	tap.ok(await ap.locator('.room-staff, a[data-staff]').count() === 0,
		'a parent\'s rooms page shows no staff link');
	const tp = await teachCtx.newPage();
	await login(tp, 'tina');
	tap.ok(await tp.locator('a[data-staff="teacher"]').count() === 1 &&
		await tp.locator('a[data-staff="director"]').count() === 0,
	'a teacher\'s rooms page links her teacher page, not the settings');
	await shot(tp, 'rooms-teacher-desktop');
	const dp = await dirCtx.newPage();
	await login(dp, 'dora');
	tap.ok(await dp.locator('a[data-staff="teacher"]').count() === 1 &&
		await dp.locator('a[data-staff="director"]').count() === 1,
	'the director\'s rooms page links both staff pages');

	/* -- the parent watches -- */
	await ap.goto(`${BASE}/watch.html?room=pommes`);
	await tap.step('the parent\'s player shows a moving picture', () => waitPicture(ap, 20000));

	/* -- the teacher's page -- */
	await tp.click('a[data-staff="teacher"]');
	await tp.waitForURL('**/teacher.html?room=pommes');
	await tap.step('teacher page: live, 1 parent watching, by name', () =>
		tp.waitForFunction(() => document.getElementById('main').dataset.state === 'live' &&
			document.getElementById('on-air').dataset.count === '1' &&
			document.getElementById('watchers').textContent === 'alice', null, { timeout: 10000 }));
	const air = await tp.textContent('#on-air');
	tap.ok(/Live — 1 parent watching/.test(air), `teacher page says "${air}"`);
	tap.ok(await tp.textContent('#pause-label') === 'Pause', 'the big button says Pause');
	await shot(tp, 'teacher-live-desktop');
	await checkLooks(tp, 'teacher page (desktop)');

	await tp.click('#pause-toggle');
	await tap.step('after Pause the parent\'s player shows "paused by the teacher"', () =>
		ap.waitForFunction(() => {
			const s = document.getElementById('stage');
			return s.dataset.roomState === 'paused' &&
				/paused/i.test(document.getElementById('overlay-text').textContent);
		}, null, { timeout: 5000 }));
	const ps = await stage(ap);
	tap.ok(/teacher has paused/i.test(ps.text) && !!(await ap.textContent('#state-pill')).match(/Paused/),
		`parent sees: "${ps.text}"`, ps);
	await tap.step('the teacher page turns to Resume', () =>
		tp.waitForFunction(() => document.getElementById('main').dataset.paused === 'true' &&
			document.getElementById('pause-label').textContent === 'Resume', null, { timeout: 5000 }));
	await shot(tp, 'teacher-paused-desktop');
	await checkLooks(tp, 'teacher page, paused');

	/* Resume with the keyboard: the button takes the focus and Enter. */
	await tp.focus('#pause-toggle');
	await tp.keyboard.press('Enter');
	await tap.step('Resume (keyboard) brings the picture back, changing pixels', async () => {
		await ap.waitForFunction(() => document.getElementById('stage').dataset.roomState === 'live',
			null, { timeout: 5000 });
		await waitPicture(ap, 10000);
	});
	await tap.step('the teacher page shows Pause again', () =>
		tp.waitForFunction(() => document.getElementById('main').dataset.paused === 'false' &&
			document.getElementById('pause-label').textContent === 'Pause', null, { timeout: 5000 }));

	/* phone, French */
	const tpp = await teachPhone.newPage();
	await login(tpp, 'tina');
	await tpp.goto(`${BASE}/teacher.html?room=pommes`);
	await tpp.waitForFunction(() => document.getElementById('on-air').dataset.count === '1',
		null, { timeout: 10000 });
	tap.ok(/1 parent regarde/.test(await tpp.textContent('#on-air')) &&
		await tpp.textContent('#pause-label') === 'Pause', 'teacher page in French on a phone');
	await shot(tpp, 'teacher-phone');
	await checkLooks(tpp, 'teacher page (phone)');

	/* -- the director's settings -- */
	await dp.click('a[data-staff="director"]');
	await dp.waitForURL('**/director.html?room=pommes');
	await dp.waitForSelector('#settings:not([hidden])');
	tap.ok(await dp.isChecked('#mode-always') && await dp.textContent('#window-text') === 'always' &&
		await dp.isChecked('#broadcast') && await dp.inputValue('#quota') === '0',
	'the editor shows the current settings (always, broadcast on, no quota)');
	await dp.check('#mode-custom');
	tap.ok(await dp.textContent('#window-text') === 'mon-fri 08:30-11:30',
		'custom hours start from a school-day suggestion', await dp.textContent('#window-text'));
	/* Saturday 10:00-11:00 only: excludes Wednesday 09:00 */
	for (const d of ['mon', 'tue', 'wed', 'thu', 'fri'])
		await dp.uncheck(`[data-group="0"] input[data-day="${d}"]`);
	await dp.check('[data-group="0"] input[data-day="sat"]');
	await dp.fill('[data-group="0"] input.from', '10:00');
	await dp.fill('[data-group="0"] input.to', '11:00');
	await dp.fill('#quota', '15');
	tap.ok(await dp.textContent('#window-text') === 'sat 10:00-11:00',
		'the editor writes the window grammar', await dp.textContent('#window-text'));
	await dp.click('#save');
	await tap.step('saved', () => dp.waitForFunction(() =>
		/Saved/.test(document.getElementById('save-status').textContent), null, { timeout: 5000 }));
	await tap.step('the parent\'s page shows "closed" with the next opening', () =>
		ap.waitForFunction(() => document.getElementById('stage').dataset.roomState === 'closed' &&
			/opens/.test(document.getElementById('overlay-text').textContent), null, { timeout: 5000 }));
	const closed = await stage(ap);
	const rooms = await apiCall(ap, 'GET', '/api/rooms');
	const pom = rooms.body.rooms.find((r) => r.name === 'pommes');
	tap.ok(pom.state === 'closed' && pom.reason === 'window' && pom.until === SAT_10,
		`next opening Saturday 10:00 (parent sees "${closed.text}")`, pom);
	await shot(ap, 'parent-closed-desktop');
	await shot(dp, 'director-desktop');
	await checkLooks(dp, 'director page (desktop)');

	/* an end before the start: the relay refuses, the page says why */
	await dp.fill('[data-group="0"] input.from', '11:00');
	await dp.fill('[data-group="0"] input.to', '10:00');
	await dp.click('#save');
	await tap.step('a bad window shows the relay\'s refusal', () =>
		dp.waitForSelector('#staff-error:not([hidden])', { timeout: 5000 }));
	const err = await dp.textContent('#staff-error');
	tap.ok(/^Not saved: window: .*11:00-10:00/.test(err), `error shown: "${err}"`);
	const now = await apiCall(dp, 'GET', '/api/rooms/pommes/settings');
	tap.ok(now.status === 200 && now.body.window === 'sat 10:00-11:00' && now.body.quota_min === 15,
		'nothing changed by the refused window', now);
	await shot(dp, 'director-error-desktop');
	await checkLooks(dp, 'director page with an error');

	/* keyboard: the add-hours button, Tab order reaches Save */
	await dp.focus('[data-group="0"] .add-range');
	await dp.keyboard.press('Enter');
	tap.ok(await dp.evaluate(() => document.activeElement.classList.contains('from') &&
		document.querySelectorAll('[data-group="0"] .win-range').length === 2),
	'Add hours by keyboard puts the focus in the new range');

	const dpp = await dirPhone.newPage();
	await login(dpp, 'dora');
	await dpp.goto(`${BASE}/director.html?room=pommes`);
	await dpp.waitForSelector('#settings:not([hidden])');
	tap.ok(await dpp.textContent('#window-text') === 'sat 10:00-11:00' &&
		await dpp.isChecked('[data-group="0"] input[data-day="sat"]') &&
		await dpp.inputValue('[data-group="0"] input.from') === '10:00' &&
		/Heures de visionnage/.test(await dpp.textContent('legend')  + await dpp.textContent('main')),
	'director page in French on a phone reads the saved window back');
	await shot(dpp, 'director-phone');
	await checkLooks(dpp, 'director page (phone)');

	/* -- refusals -- */
	const body = { window: 'always' };
	const r1 = await apiCall(ap, 'POST', '/api/rooms/pommes/settings', body);
	tap.ok(r1.status === 403, `a parent gets 403 from the settings (${r1.status})`, r1);
	const op = await otherCtx.newPage();
	await login(op, 'tom');
	const r2 = await apiCall(op, 'POST', '/api/rooms/pommes/settings', body);
	const r3 = await apiCall(op, 'POST', '/api/rooms/pommes/pause');
	tap.ok(r2.status === 403 && r3.status === 403,
		`a teacher of another room gets 403 (settings ${r2.status}, pause ${r3.status})`, [r2, r3]);
	const r4 = await apiCall(tp, 'POST', '/api/rooms/pommes/settings', body);
	tap.ok(r4.status === 403, `the room's teacher gets 403 from the settings (${r4.status})`, r4);
	await op.goto(`${BASE}/director.html?room=pommes`);
	await op.waitForSelector('#staff-error:not([hidden])', { timeout: 5000 });
	tap.ok(await op.locator('#settings:not([hidden])').count() === 0,
		'the settings page of another room shows only "for the staff of this room"');

	tap.ok(problems.length === 0, 'no third-party request, no CSP violation, no script error', problems);
	status = 0;
} catch (e) {
	tap.ok(false, 'the browser tests ran to the end', `${e.stack || e}\n${logs()}`);
} finally {
	if (browser)
		await browser.close().catch(() => {});
	await S.stop();
	if (process.env.KEEP)
		tap.diag(`kept ${dir}`);
}
process.exit(tap.done() || status);

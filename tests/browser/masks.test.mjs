#!/usr/bin/env node
// Browser test of the privacy masks (issue 6), printed as TAP.
//
// A real lucarne-relay and lucarne-capture (test pattern). The director,
// on a phone in French, opens her room's page, takes a picture (the live
// stream frozen on a canvas), draws two masks by pressing and dragging,
// removes one by tapping it, and saves: the API then returns the one
// rectangle, and the camera gets it. A parent watches meanwhile, and the
// teacher's page (French) says "En direct — 1 parent regarde" with the
// parent's name.
//
// Every wait is on an event (page.waitForFunction, a log line) with a
// generous timeout; no sleep synchronises.
//
//   tests/browser/masks.t   (KEEP=1 keeps the temp dir; LUCARNE_BIN picks the programs)

import fs from 'node:fs';
import path from 'node:path';
import * as tap from './lib/tap.mjs';
import { TOP, CHROMIUM, CHROMIUM_ARGS, until, admin } from './lib/rig.mjs';
import { preflight, Stack, newContext as newCtx, login as signIn } from './lib/stack.mjs';
import { auditContrast, canvasProbe } from './lib/page.mjs';

const SHOTS = path.join(TOP, 'build/screenshots');
const PW = { alice: 'alice correct horse', tina: 'tina correct horse', dora: 'dora correct horse' };

const { chromium, BIN } = await preflight();
const S = await Stack.create(BIN);
const { data, BASE } = S;

function setup() {
	const a = (...args) => admin(BIN.admin, data, args);
	a('room', 'add', 'pommes', '--title', 'Les Pommes');
	a('room', 'set', 'pommes', '--broadcast', 'on', '--consent', 'complete');
	for (const [u, role] of [['alice', 'parent'], ['tina', 'teacher'], ['dora', 'director']])
		admin(BIN.admin, data, ['user', 'add', u, '--role', role, '--room', 'pommes'], `${PW[u]}\n`);
	S.consentGiven('pommes', 'alice');
	S.saveCameraToken(a('device', 'add', 'cam-pommes', '--kind', 'camera', '--room', 'pommes'));
}

const problems = [];
const newContext = (browser, kind) => newCtx(browser, kind, problems);
const login = (page, user) => signIn(page, BASE, user, PW[user]);
fs.mkdirSync(SHOTS, { recursive: true });

async function shot(page, name) {
	await page.screenshot({ path: path.join(SHOTS, `masks-${name}.png`), animations: 'disabled', fullPage: true });
}

/* Press at (fx0, fy0) and release at (fx1, fy1), fractions of the canvas. */
async function dragOn(page, fx0, fy0, fx1, fy1) {
	const b = await page.locator('#masks-canvas').boundingBox();
	await page.mouse.move(b.x + fx0 * b.width, b.y + fy0 * b.height);
	await page.mouse.down();
	await page.mouse.move(b.x + fx1 * b.width, b.y + fy1 * b.height, { steps: 6 });
	await page.mouse.up();
}

const maskCount = (page) => page.evaluate(() => document.getElementById('masks-canvas').dataset.masks);

let browser = null;
let status = 1;
try {
	await tap.step('set up a room, a parent, a teacher, a director and a camera', setup);
	await tap.step('relay starts', () => S.startRelay());
	S.startCapture();

	browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
	const parent = await (await newContext(browser, 'desktop')).newPage();
	await login(parent, 'alice');
	await parent.goto(`${BASE}/watch.html?room=pommes`);
	await tap.step('the parent watches a moving picture', async () => {
		await parent.evaluate(() => { window.__probe = null; });
		await parent.waitForFunction(canvasProbe, null, { timeout: 20000, polling: 100 });
	});

	/* -- the director draws -- */
	const dp = await (await newContext(browser, 'phone')).newPage();
	await login(dp, 'dora');
	await dp.goto(`${BASE}/director.html?room=pommes`);
	await dp.waitForSelector('#masks-card:not([hidden])', { timeout: 10000 });
	tap.ok(await dp.textContent('#masks-title') === 'Masques de confidentialité' &&
		await dp.textContent('#masks-snap') === 'Prendre une image',
	'the director\'s page has a "Masques" section in French, with "Prendre une image"');
	tap.ok(await maskCount(dp) === '0', 'no mask yet');

	await dp.click('#masks-snap');
	await tap.step('"Prendre une image" freezes the live picture', () =>
		dp.waitForFunction(() => document.getElementById('masks-card').dataset.still === 'yes' &&
			document.getElementById('masks-canvas').width >= 320, null, { timeout: 15000 }));
	const notGrey = await dp.evaluate(() => {
		const c = document.getElementById('masks-canvas');
		const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
		const seen = new Set();
		for (let i = 0; i < d.length; i += 4 * 97)
			seen.add(d[i] >> 4);
		return seen.size;
	});
	tap.ok(notGrey > 3, `the frozen picture is the camera's (${notGrey} luma levels)`);

	await dragOn(dp, 0.1, 0.2, 0.4, 0.6);
	await dp.waitForFunction(() => document.getElementById('masks-canvas').dataset.masks === '1');
	tap.ok(true, 'press, drag and release draws a mask');
	await dragOn(dp, 0.9, 0.9, 0.6, 0.7); /* drawn backwards: same thing */
	await dp.waitForFunction(() => document.getElementById('masks-canvas').dataset.masks === '2');
	tap.ok(/2 masques/.test(await dp.textContent('#masks-count')),
		`a second one, counted: "${await dp.textContent('#masks-count')}"`);
	await shot(dp, 'director-phone');

	/* tap (a touch) inside the second one removes it */
	const b = await dp.locator('#masks-canvas').boundingBox();
	await dp.touchscreen.tap(b.x + 0.75 * b.width, b.y + 0.8 * b.height);
	await dp.waitForFunction(() => document.getElementById('masks-canvas').dataset.masks === '1');
	tap.ok(true, 'tapping a mask removes it');

	await dp.click('#masks-save');
	await tap.step('saving says so', () => dp.waitForFunction(() =>
		/Enregistré/.test(document.getElementById('masks-status').textContent), null, { timeout: 10000 }));
	const got = await dp.evaluate(async () =>
		(await fetch('/api/rooms/pommes/masks', { cache: 'no-store' })).json());
	const m = got.masks || [];
	const near = (a, e) => Math.abs(a - e) < 0.02;
	tap.ok(m.length === 1 && near(m[0].x, 0.1) && near(m[0].y, 0.2) && near(m[0].w, 0.3) &&
		near(m[0].h, 0.4), 'the API returns the rectangle drawn', got);
	await tap.step('the camera gets it', () => until(() =>
		/relay sets 1 privacy mask/.test(fs.readFileSync(S.capture.log, 'utf8')), 10000, 'the masks'));
	const bad = await auditContrast(dp);
	tap.ok(bad.length === 0, 'director page (phone): text contrast at least WCAG AA', bad);

	/* -- the teacher's on-air line, in French -- */
	const tp = await (await newContext(browser, 'phone')).newPage();
	await login(tp, 'tina');
	await tp.goto(`${BASE}/teacher.html?room=pommes`);
	await tap.step('teacher page: en direct, 1 parent, named', () =>
		tp.waitForFunction(() => document.getElementById('on-air').dataset.count === '1' &&
			document.getElementById('watchers').textContent === 'alice', null, { timeout: 10000 }));
	const air = await tp.textContent('#on-air');
	tap.ok(air === 'En direct — 1 parent regarde', `the teacher's page says "${air}"`);
	await shot(tp, 'teacher-phone');

	tap.ok(problems.length === 0, 'no third-party request, no CSP violation, no script error', problems);
	status = 0;
} catch (e) {
	tap.ok(false, 'the browser tests ran to the end', `${e.stack || e}\n${S.logs()}`);
} finally {
	if (browser)
		await browser.close().catch(() => {});
	await S.stop();
	if (process.env.KEEP)
		tap.diag(`kept ${S.dir}`);
}
process.exit(tap.done() || status);

#!/usr/bin/env node
// Browser tests of the camera controls (issue 6), printed as TAP.
//
// A real lucarne-relay and lucarne-capture (test pattern, whose
// brightness and contrast are real controls). The teacher of room pommes
// sees the "Camera picture" section with French labels on a phone and
// English on a desktop, moves the brightness slider with the keyboard and
// with the + button, and the API then reports the value the camera kept;
// the director saves the current settings as a preset, the teacher
// applies it, the director deletes it. A teacher has no save form. With a
// camera that can turn and zoom (a synthetic publisher, tests/wsprobe)
// the teacher sees zoom greyed out, "the director has not allowed", and
// the director's page lets it be set; once the director ticks "teachers
// may move and zoom the camera" in the settings form and saves, the
// teacher's zoom comes alive and reaches the camera. Pages
// keep WCAG AA contrast and no sideways scrolling. Screenshots go to
// build/screenshots/camera-*.png.
//
// Every wait is on an event (page.waitForFunction) with a generous
// timeout; no sleep synchronises.
//
//   tests/browser/camera.t   (KEEP=1 keeps the temp dir)

import fs from 'node:fs';
import path from 'node:path';
import * as tap from './lib/tap.mjs';
import { TOP, CHROMIUM, CHROMIUM_ARGS, admin, findBin, until, Proc } from './lib/rig.mjs';
import { preflight, Stack, newContext as newCtx, login as signIn } from './lib/stack.mjs';
import { auditContrast } from './lib/page.mjs';

const SHOTS = path.join(TOP, 'build/screenshots');
const PW = { tina: 'tina correct horse', dora: 'dora correct horse' };

const { chromium, BIN } = await preflight();
const S = await Stack.create(BIN);
const { dir, data, BASE } = S;

function setup() {
	const a = (...args) => admin(BIN.admin, data, args);
	a('room', 'add', 'pommes', '--title', 'Les Pommes');
	a('room', 'set', 'pommes', '--broadcast', 'on', '--consent', 'complete');
	for (const [u, role] of [['tina', 'teacher'], ['dora', 'director']])
		admin(BIN.admin, data, ['user', 'add', u, '--role', role, '--room', 'pommes'], `${PW[u]}\n`);
	S.saveCameraToken(a('device', 'add', 'cam-pommes', '--kind', 'camera', '--room', 'pommes'));
}

const problems = [];
const newContext = (browser, kind) => newCtx(browser, kind, problems);
const login = (page, user) => signIn(page, BASE, user, PW[user]);

fs.mkdirSync(SHOTS, { recursive: true });
async function shot(page, name) {
	await page.screenshot({ path: path.join(SHOTS, `camera-${name}.png`), animations: 'disabled', fullPage: true });
}

async function checkLooks(page, name) {
	const bad = await auditContrast(page);
	tap.ok(bad.length === 0, `${name}: text contrast at least WCAG AA`, bad);
	tap.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
		`${name}: no sideways scrolling`);
}

/* The camera as the API reports it to the page's account. */
const apiCamera = (page) => page.evaluate(async () =>
	(await fetch('/api/rooms/pommes/camera', { cache: 'no-store' })).json());
const valueOf = (cam, name) => (cam.controls.find((c) => c.name === name) || {}).value;

/* The page shows control @name at @v (row's data-value, from the API). */
const shows = (page, name, v) => page.waitForFunction(([n, want]) => {
	const row = document.querySelector(`.cam-ctl[data-name="${n}"]`);
	return row && row.dataset.value === String(want);
}, [name, v], { timeout: 8000 });

let browser = null;
let status = 1;
try {
	await tap.step('set up a room, a teacher, the director and a camera', setup);
	await tap.step('relay starts', () => S.startRelay());
	S.startCapture();
	browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });

	/* -- the teacher, on a desktop (English) -- */
	const tp = await (await newContext(browser, 'desktop')).newPage();
	await login(tp, 'tina');
	await tp.goto(`${BASE}/teacher.html?room=pommes`);
	await tap.step('the teacher page shows the camera\'s controls', () =>
		tp.waitForFunction(() => document.getElementById('camera').dataset.online === 'true' &&
			document.querySelector('.cam-ctl[data-name="brightness"]'), null, { timeout: 15000 }));
	tap.ok(await tp.textContent('.cam-ctl[data-name="brightness"] label') === 'Brightness' &&
		await tp.getAttribute('#cam-brightness', 'min') === '0' &&
		await tp.getAttribute('#cam-brightness', 'max') === '255' &&
		await tp.textContent('.cam-ctl[data-name="brightness"] .cam-value') === '128',
	'brightness: a 0-255 slider showing 128');
	tap.ok(await tp.locator('#cam-save').isHidden(), 'a teacher has no "save the settings" form');

	/* The slider with the keyboard: End puts it at 255, sent on change. */
	await tp.focus('#cam-brightness');
	await tp.keyboard.press('End');
	await tp.dispatchEvent('#cam-brightness', 'change');
	await tap.step('the page confirms the value the camera kept', () => shows(tp, 'brightness', 255));
	let cam = await apiCamera(tp);
	tap.ok(valueOf(cam, 'brightness') === 255, `the API reports brightness 255 (${valueOf(cam, 'brightness')})`, cam);
	await tap.step('the status line says so', () => tp.waitForFunction(() =>
		/Brightness: 255/.test(document.getElementById('cam-status').textContent), null, { timeout: 5000 }));

	/* The − button: one big step down (a sixteenth of the range). */
	await tp.click('.cam-ctl[data-name="brightness"] [data-step="less"]');
	await tap.step('the − button lowers it by 16', () => shows(tp, 'brightness', 239));
	cam = await apiCamera(tp);
	tap.ok(valueOf(cam, 'brightness') === 239, 'the API reports 239', cam);
	await shot(tp, 'teacher-desktop');
	await checkLooks(tp, 'teacher page with the camera');

	/* -- the director saves a preset; the teacher applies it -- */
	const dp = await (await newContext(browser, 'phone')).newPage();
	await login(dp, 'dora');
	await dp.goto(`${BASE}/director.html?room=pommes`);
	await dp.waitForFunction(() => document.getElementById('camera').dataset.online === 'true',
		null, { timeout: 10000 });
	tap.ok(await dp.textContent('.cam-ctl[data-name="brightness"] label') === 'Luminosité' &&
		await dp.textContent('#cam-h') === 'Image de la caméra',
	'the director\'s phone page is in French');
	await dp.fill('#cam-save-name', 'lumineux');
	await dp.click('#cam-save-btn');
	await tap.step('the preset appears in the list', () =>
		dp.waitForSelector('.cam-preset[data-preset="lumineux"]', { timeout: 5000 }));
	await shot(dp, 'director-phone');
	await checkLooks(dp, 'director page with the camera (phone)');

	await tp.click('.cam-ctl[data-name="brightness"] .cam-reset');
	await tap.step('reset puts brightness back to 128', () => shows(tp, 'brightness', 128));
	await tp.waitForSelector('.cam-preset[data-preset="lumineux"] .cam-recall', { timeout: 8000 });
	await tp.click('.cam-preset[data-preset="lumineux"] .cam-recall');
	await tap.step('applying the preset brings 239 back', () => shows(tp, 'brightness', 239));
	cam = await apiCamera(tp);
	tap.ok(valueOf(cam, 'brightness') === 239, 'and the API agrees', cam);
	tap.ok(await tp.locator('.cam-preset .cam-delete').count() === 0, 'a teacher cannot delete presets');

	await dp.click('.cam-preset[data-preset="lumineux"] .cam-delete');
	await tap.step('the director deletes it', () => dp.waitForFunction(() =>
		!document.querySelector('.cam-preset') &&
		!document.getElementById('cam-presets-none').hidden, null, { timeout: 5000 }));

	/* -- the camera goes away -- */
	await S.capture.stop('SIGTERM');
	await tap.step('the page says the camera is not connected', () => tp.waitForFunction(() =>
		document.getElementById('camera').dataset.online === 'false' &&
		!document.getElementById('cam-offline').hidden, null, { timeout: 10000 }));

	/* -- a camera that can zoom: the director's alone -- */
	const probe = findBin('tests/wsprobe');
	if (!probe) {
		tap.skip('a teacher sees zoom greyed out', 'build/tests/wsprobe not built');
	} else {
		const ctl = (name, label, min, max, step, def) =>
			({ name, label, kind: 'int', min, max, step, default: def, value: def });
		const msg = { type: 'controls', controls: [ctl('brightness', 'Brightness', 0, 255, 1, 128),
			ctl('zoom', 'Zoom, Absolute', 100, 500, 10, 100)] };
		const trace = path.join(dir, 'probe.trace');
		const received = () => {
			try {
				return fs.readFileSync(trace, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
			} catch {
				return [];
			}
		};
		const cam = new Proc('probe', probe, ['--url', `ws://127.0.0.1:${S.port}/ws`,
			'--token', fs.readFileSync(S.tokenFile, 'utf8').trim(), '--publish', 'pommes',
			'--send', JSON.stringify(msg), '--seconds', '30', '--trace', trace],
		{ log: path.join(dir, 'probe.log') });
		try {
			await tap.step('the teacher page shows zoom', () => tp.waitForSelector(
				'.cam-ctl[data-name="zoom"]', { timeout: 10000 }));
			tap.ok(await tp.isDisabled('#cam-zoom') &&
				await tp.isDisabled('.cam-ctl[data-name="zoom"] [data-step="more"]') &&
				/director has not allowed/.test(await tp.textContent('.cam-ctl[data-name="zoom"]')) &&
				!(await tp.isDisabled('#cam-brightness')),
			'for a teacher zoom is greyed out, "the director has not allowed"; brightness is not');
			await shot(tp, 'teacher-zoom-desktop');
			await dp.waitForSelector('.cam-ctl[data-name="zoom"]', { timeout: 10000 });
			tap.ok(!(await dp.isDisabled('#cam-zoom')) &&
				/Zoom/.test(await dp.textContent('.cam-ctl[data-name="zoom"] label')),
			'the director can set the zoom');
			await dp.click('.cam-ctl[data-name="zoom"] [data-step="more"]');
			await tap.step('the director\'s + sends zoom 130 to the camera', () => until(() =>
				received().some((m) => m.type === 'set_controls' && m.values.zoom === 130),
			5000, 'set_controls'));

			/* the director lets the teachers move the camera */
			tap.ok(!(await dp.isChecked('#teacher-ptz')) &&
				/Les enseignants de cette salle peuvent orienter et zoomer la caméra/.test(
					await dp.textContent('label:has(#teacher-ptz)')),
			'the settings form (French): "les enseignants peuvent orienter et zoomer", off by default');
			await dp.check('#teacher-ptz');
			await dp.click('#save');
			await tap.step('saved: the relay now lets teachers move the camera', () => until(async () =>
				(await dp.evaluate(async () => (await fetch('/api/rooms/pommes/settings',
					{ cache: 'no-store' })).json())).teacher_ptz === true, 5000, 'teacher_ptz'));
			await tap.step('the teacher\'s zoom comes alive', () => tp.waitForFunction(() =>
				!document.getElementById('cam-zoom').disabled, null, { timeout: 10000 }));
			const before = received().filter((m) => m.type === 'set_controls' && 'zoom' in m.values).length;
			await tp.click('.cam-ctl[data-name="zoom"] [data-step="more"]');
			await tap.step('the teacher\'s + reaches the camera', () => until(() =>
				received().filter((m) => m.type === 'set_controls' && 'zoom' in m.values).length > before,
			5000, 'set_controls'));
		} finally {
			await cam.stop('SIGTERM');
		}
	}

	tap.ok(problems.length === 0, 'no third-party request, no CSP violation, no script error', problems);
	status = 0;
} catch (e) {
	tap.ok(false, 'the browser tests ran to the end', `${e.stack || e}\n${S.logs()}`);
} finally {
	if (browser)
		await browser.close().catch(() => {});
	await S.stop();
	if (process.env.KEEP)
		tap.diag(`kept ${dir}`);
}
process.exit(tap.done() || status);

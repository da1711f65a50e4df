#!/usr/bin/env node
// Browser tests of the consent register, the audit log and a parent's
// history (issue 5), printed as TAP.
//
// A real lucarne-relay and lucarne-capture (test pattern) in room
// pommes. Alice watches, withdraws her authorization from the watch page
// (with its confirmation step) and her live player shows the withdrawn
// state; the director, on a French phone, sees the withdrawal in the
// register with who recorded it, records her authorization again, shows
// the audit log and downloads it as CSV (a month with 10,050 older viewing
// sessions: more rows than one answer of the relay holds, so the page
// fetches them page by page into one file); Alice watches again and reads
// her own history. Then the teacher, on a French phone, reads "Mon
// consentement" on the teacher page (given, by whom and when), withdraws
// it after a confirmation that says the room stops broadcasting, the page
// shows the withdrawal, and Alice's player goes off at once.
// Screenshots: build/screenshots/consent-*.png.
//
// Every wait is on an event (page.waitForFunction, a selector) with a
// generous timeout; no sleep synchronises.
//
//   tests/browser/consent.t   (KEEP=1 keeps the temp dir)

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as tap from './lib/tap.mjs';
import { TOP, CHROMIUM, CHROMIUM_ARGS, admin } from './lib/rig.mjs';
import { preflight, Stack, newContext as newCtx, login as signIn, stage } from './lib/stack.mjs';
import { auditContrast, canvasProbe } from './lib/page.mjs';

const SHOTS = path.join(TOP, 'build/screenshots');
const OLD_VIEWS = 10050;
const PW = { alice: 'alice correct horse', tina: 'tina correct horse', dora: 'dora correct horse' };

const { chromium, BIN } = await preflight();
const S = await Stack.create(BIN);
const { dir, data, BASE } = S;

function setup() {
	const a = (...args) => admin(BIN.admin, data, args);
	a('room', 'add', 'pommes', '--title', 'Les Pommes');
	for (const [u, role] of [['alice', 'parent'], ['tina', 'teacher'], ['dora', 'director']])
		admin(BIN.admin, data, ['user', 'add', u, '--role', role, '--room', 'pommes'], `${PW[u]}\n`);
	S.consentGiven('pommes', 'alice');
	S.consentGiven('pommes', 'tina');
	a('room', 'set', 'pommes', '--broadcast', 'on', '--consent', 'complete');
	S.saveCameraToken(a('device', 'add', 'cam-pommes', '--kind', 'camera', '--room', 'pommes'));
	/* A busy month: more rows than one CSV answer holds (10,000). */
	const sql = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${OLD_VIEWS})
		INSERT INTO audit (ts, event, actor, room, addr, end_ts, bytes)
		SELECT strftime('%s', 'now') - 20 * 86400 + i * 60, 'view', 'alice', 'pommes',
		       '192.0.2.1', strftime('%s', 'now') - 20 * 86400 + i * 60 + 30, 1000 FROM n`;
	const r = spawnSync('sqlite3', [path.join(data, 'lucarne.db'), sql], { encoding: 'utf8' });
	if (r.status !== 0)
		throw new Error(`sqlite3: ${r.stderr || r.error}`);
}

const problems = [];
const newContext = (browser, kind) => newCtx(browser, kind, problems);

fs.mkdirSync(SHOTS, { recursive: true });
for (const f of fs.readdirSync(SHOTS))
	if (f.startsWith('consent-') && f.endsWith('.png'))
		fs.rmSync(path.join(SHOTS, f));

const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `consent-${name}.png`),
	animations: 'disabled', fullPage: true });
const login = (page, user) => signIn(page, BASE, user, PW[user]);

async function waitPicture(page, timeout) {
	await page.evaluate(() => { window.__probe = null; });
	await page.waitForFunction(canvasProbe, null, { timeout, polling: 100 });
}

async function checkLooks(page, name) {
	const bad = await auditContrast(page);
	tap.ok(bad.length === 0, `${name}: text contrast at least WCAG AA`, bad);
	tap.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
		`${name}: no sideways scrolling`);
}

let browser = null;
let status = 1;
try {
	await tap.step('set up a room, a parent, a teacher, a director and a camera', setup);
	await tap.step('relay starts', () => S.startRelay());
	S.startCapture();
	browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
	const parentCtx = await newContext(browser, 'desktop');
	const dirPhone = await newContext(browser, 'phone');

	/* -- the parent watches, then withdraws -- */
	const ap = await parentCtx.newPage();
	await login(ap, 'alice');
	await ap.goto(`${BASE}/watch.html?room=pommes`);
	await tap.step('the parent\'s player shows a moving picture', () => waitPicture(ap, 20000));
	await ap.waitForSelector('#consent:not([hidden]) #withdraw:not([hidden])');
	tap.ok(/authorized watching this room/.test(await ap.textContent('#consent-text')),
		'the watch page says her authorization is given and offers to withdraw it');
	await ap.click('#withdraw');
	tap.ok(await ap.isVisible('#withdraw-confirm') &&
		await ap.evaluate(() => document.activeElement.id === 'withdraw-no'),
	'withdrawing asks first, with the safe answer focused');
	await shot(ap, 'parent-confirm-desktop');
	await checkLooks(ap, 'watch page, confirmation');
	const box = await ap.locator('#withdraw-yes').boundingBox();
	tap.ok(box && box.height >= 48, `the confirmation buttons are big targets (${box && box.height} px)`);
	await ap.click('#withdraw-yes');
	await tap.step('the live player shows the withdrawn authorization', () =>
		ap.waitForFunction(() => {
			const s = document.getElementById('stage');
			return s.dataset.reason === 'consent' &&
				/authorization is withdrawn/.test(document.getElementById('overlay-text').textContent);
		}, null, { timeout: 5000 }));
	const st = await stage(ap);
	tap.ok(st.phase === 'forbidden' && /withdrawn/.test(await ap.textContent('#consent-text')) &&
		await ap.isHidden('#withdraw'), `the page says so: "${st.text}"`, st);
	await shot(ap, 'parent-withdrawn-desktop');
	await checkLooks(ap, 'watch page, withdrawn');
	await ap.goto(`${BASE}/rooms.html`);
	await ap.waitForSelector('#rooms .room[data-room="pommes"]');
	tap.ok(/withdrew your authorization/.test(await ap.textContent('#rooms .room[data-room="pommes"]')),
		'her rooms page says she withdrew her authorization');

	/* -- the director's register, on a French phone -- */
	const dp = await dirPhone.newPage();
	await login(dp, 'dora');
	await dp.goto(`${BASE}/director.html?room=pommes`);
	await dp.waitForSelector('#register:not([hidden]) tr[data-user="alice"]');
	const row = await dp.locator('tr[data-user="alice"]');
	tap.ok(await row.getAttribute('data-status') === 'withdrawn' &&
		/Retiré/.test(await row.textContent()) && /alice,/.test(await row.textContent()),
	'the register shows alice\'s withdrawal, recorded by herself', await row.textContent());
	tap.ok(/Retiré : alice\./.test(await dp.textContent('#register-warn')),
		'and warns about it', await dp.textContent('#register-warn'));
	tap.ok(await dp.getAttribute('tr[data-user="tina"]', 'data-status') === 'given',
		'the teacher\'s consent is given');
	await shot(dp, 'director-register-phone');
	await checkLooks(dp, 'director page with the register (phone)');
	await dp.click('button[data-give="alice"]');
	await tap.step('the director records alice\'s authorization again', () =>
		dp.waitForSelector('tr[data-user="alice"][data-status="given"]', { timeout: 5000 }));
	tap.ok(await dp.isHidden('#register-warn'), 'no warning is left');

	/* -- the audit log -- */
	await dp.click('#audit-show');
	await tap.step('the audit table lists the consent changes', () =>
		dp.waitForSelector('#audit-table:not([hidden]) tr[data-event="consent"]', { timeout: 5000 }));
	const events = await dp.$$eval('#audit-rows tr', (trs) => trs.map((t) => t.dataset.event));
	tap.ok(events.filter((e) => e === 'consent').length >= 2 && events.includes('view') &&
		events.includes('login'), `consents, viewing session, logins (${events.join(' ')})`);
	await shot(dp, 'director-audit-phone');
	await checkLooks(dp, 'director page with the audit log (phone)');
	const HEAD = 'id,time,event,actor,subject,room,address,detail,end,bytes\r\n';
	const href = await dp.getAttribute('#audit-csv', 'href');
	const csv = await dp.evaluate(async (u) => {
		const r = await fetch(u);
		return { status: r.status, type: r.headers.get('Content-Type'),
			disp: r.headers.get('Content-Disposition'),
			next: r.headers.get('X-Lucarne-Next-Before'), text: await r.text() };
	}, href);
	tap.ok(csv.status === 200 && /^text\/csv/.test(csv.type) && /^attachment/.test(csv.disp) &&
		csv.text.startsWith(HEAD) && csv.next,
	`without scripts, the link gives the newest 10,000 rows and names the next page (${href})`,
	`${csv.disp} next ${csv.next}`);
	tap.ok(await dp.textContent('#audit-csv') === 'Télécharger (CSV)', 'the button is in French');
	const [download] = await Promise.all([dp.waitForEvent('download', { timeout: 60000 }),
		dp.click('#audit-csv')]);
	const file = fs.readFileSync(await download.path(), 'utf8');
	const lines = file.split('\r\n').slice(0, -1);
	const ids = lines.slice(1).map((l) => parseInt(l, 10));
	tap.ok(file.startsWith(HEAD) && file.split(HEAD).length === 2,
		'the downloaded file has the header line once', download.suggestedFilename());
	tap.ok(ids.length > OLD_VIEWS && ids.every((id, i) => i === 0 || id < ids[i - 1]) &&
		lines.filter((l) => /,view,alice,/.test(l)).length >= OLD_VIEWS && /,consent,/.test(file),
	`it holds every row of the month, newest first, none twice (${ids.length} rows)`);
	tap.ok(/^lucarne-audit-pommes-.*\.csv$/.test(download.suggestedFilename()),
		'named after the room and dates', download.suggestedFilename());
	await tap.step('the page says how many rows it saved', () => dp.waitForFunction(() =>
		/^Téléchargé : [\d\s\u202f\u00a0]+ lignes dans lucarne-audit-pommes/.test(
			document.getElementById('audit-status').textContent), null, { timeout: 5000 }));
	const said = (await dp.textContent('#audit-status')).replace(/ lignes.*/, '').replace(/\D/g, '');
	tap.ok(said === String(ids.length), `the count it says is the file's (${said})`);

	/* -- the parent watches again and reads her history -- */
	await ap.goto(`${BASE}/watch.html?room=pommes`);
	await tap.step('with her authorization back, the picture is back', () => waitPicture(ap, 20000));
	await ap.goto(`${BASE}/history.html`);
	await ap.waitForSelector('#history:not([hidden]) tr[data-event="view"]');
	const mine = await ap.$$eval('#history-rows tr', (trs) => trs.map((t) => t.dataset.event));
	tap.ok(mine.includes('consent') && mine.includes('login') && !mine.includes('audit_read'),
		`her history: her own rows only (${[...new Set(mine)].join(' ')})`);
	const views = await ap.$$eval('#history-rows tr[data-event="view"]', (trs) => trs.map((t) => t.textContent));
	tap.ok(views.some((v) => /Watched/.test(v) && /\d\u00a0s, [\d.,]+\u00a0(kB|MB)/.test(v)),
		'viewing sessions with how long and how much', views);
	await shot(ap, 'parent-history-desktop');
	await checkLooks(ap, 'history page');

	/* -- the teacher withdraws her own consent: the room goes off -- */
	await ap.goto(`${BASE}/watch.html?room=pommes`);
	await tap.step('alice watches again', () => waitPicture(ap, 20000));
	const tp = await (await newContext(browser, 'phone')).newPage();
	await login(tp, 'tina');
	await tp.goto(`${BASE}/teacher.html?room=pommes`);
	await tp.waitForSelector('#my-consent:not([hidden])[data-consent="given"] #mc-withdraw:not([hidden])');
	const given = await tp.textContent('#mc-text');
	tap.ok(await tp.textContent('#mc-h') === 'Mon consentement' &&
		/Vous avez donné votre consentement/.test(given) && /enregistré par \S+ le /.test(given) &&
		await tp.textContent('#mc-withdraw') === 'Retirer mon consentement',
	'"Mon consentement": given, by whom and when, with "Retirer mon consentement"', given);
	await tp.click('#mc-withdraw');
	tap.ok(await tp.isVisible('#mc-confirm') &&
		/la salle cesse aussitôt d’être diffusée/i.test(await tp.textContent('#mc-question')) &&
		await tp.evaluate(() => document.activeElement.id === 'mc-no'),
	'withdrawing asks first, says the room stops broadcasting, safe answer focused');
	await shot(tp, 'teacher-confirm-phone');
	await checkLooks(tp, 'teacher page, confirmation (phone)');
	await tp.click('#mc-no');
	tap.ok(await tp.isHidden('#mc-confirm') && await tp.getAttribute('#my-consent', 'data-consent') === 'given',
		'"Non, le garder" keeps it');
	await tp.click('#mc-withdraw');
	await tp.click('#mc-yes');
	await tap.step('the teacher page shows the withdrawal', () =>
		tp.waitForSelector('#my-consent[data-consent="withdrawn"]', { timeout: 5000 }));
	tap.ok(/Votre consentement est retiré \(enregistré par vous-même le /.test(await tp.textContent('#mc-text')) &&
		await tp.isHidden('#mc-withdraw'), 'it says so, recorded by herself, no button left',
	await tp.textContent('#mc-text'));
	await tap.step('the teacher page shows the room off', () =>
		tp.waitForSelector('#main[data-state="off"]', { timeout: 10000 }));
	await shot(tp, 'teacher-withdrawn-phone');
	await checkLooks(tp, 'teacher page, withdrawn (phone)');
	await tap.step('alice\'s player goes off', () => ap.waitForFunction(() => {
		const s = document.getElementById('stage');
		return s.dataset.roomState === 'off' && s.dataset.phase !== 'playing';
	}, null, { timeout: 10000 }));
	const mine2 = await tp.evaluate(async () => (await fetch('/api/rooms/pommes/consent/mine')).json());
	tap.ok(mine2.status === 'withdrawn' && mine2.recorded_by === 'tina' && mine2.role === 'teacher',
		'GET .../consent/mine agrees', mine2);

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

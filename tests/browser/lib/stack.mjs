// What every browser test file shares: the preflight (playwright-core,
// chromium, the programs), a relay + camera on a free loopback port in a
// temp dir, and the page helpers (contexts that record CSP violations,
// page errors and foreign requests; login; the player's stage).

import fs from 'node:fs';
import path from 'node:path';
import * as tap from './tap.mjs';
import { TOP, CHROMIUM, findBin, freePort, until, httpStatus, Proc, tempDir, admin } from './rig.mjs';

/* playwright-core's chromium and the programs, or skip the whole file. */
export async function preflight() {
	let chromium;
	try {
		({ chromium } = await import('playwright-core'));
	} catch {
		tap.skipAll('playwright-core is not installed (run npm ci at the top of the tree)');
		process.exit(0);
	}
	if (!fs.existsSync(CHROMIUM)) {
		tap.skipAll(`${CHROMIUM} is missing (apt-get install chromium)`);
		process.exit(0);
	}
	const BIN = {
		relay: findBin('lucarne-relay'),
		admin: findBin('lucarne-admin'),
		capture: findBin('lucarne-capture'),
	};
	const missing = Object.entries(BIN).filter(([, v]) => !v).map(([k]) => `lucarne-${k}`);
	if (missing.length) {
		tap.skipAll(`${missing.join(', ')} not built (make programs)`);
		process.exit(0);
	}
	return { chromium, BIN };
}

/* A data dir, a port, and the relay and camera processes. */
export class Stack {
	static async create(BIN) {
		const s = new Stack();
		s.BIN = BIN;
		s.dir = tempDir();
		s.data = path.join(s.dir, 'data');
		fs.mkdirSync(s.data, { mode: 0o700 });
		s.port = await freePort();
		s.BASE = `http://127.0.0.1:${s.port}`;
		s.tokenFile = path.join(s.dir, 'cam.token');
		s.relayEnv = {};
		s.relay = null;
		s.capture = null;
		return s;
	}

	/* Keep the device token from `lucarne-admin device add` output. */
	saveCameraToken(out) {
		const tok = /lcd_[A-Za-z0-9_-]{43}/.exec(out);
		if (!tok)
			throw new Error(`no device token in: ${out}`);
		fs.writeFileSync(this.tokenFile, `${tok[0]}\n`, { mode: 0o600 });
	}

	/* Record @user's consent for @room as given (a parent watches only
	 * with it; see docs/admin.md, consent register). */
	consentGiven(room, user) {
		admin(this.BIN.admin, this.data, ['consent', 'set', room, user, 'given']);
	}

	async startRelay() {
		this.relay = new Proc('relay', this.BIN.relay, [
			'--data', this.data,
			'--listen', `127.0.0.1:${this.port}`,
			'--www', path.join(TOP, 'web'),
		], { log: path.join(this.dir, 'relay.log'), env: this.relayEnv });
		await until(async () => {
			if (!this.relay.running)
				throw new Error(`relay exited: ${this.relay.tail()}`);
			return (await httpStatus(`${this.BASE}/`)) === 200;
		}, 10000, 'the relay to answer');
	}

	startCapture() {
		this.capture = new Proc('capture', this.BIN.capture, [
			'--relay', `ws://127.0.0.1:${this.port}`,
			'--token-file', this.tokenFile,
			'--source', 'testpattern',
			'--size', '640x480', '--fps', '30', '--kbps', '800',
		], { log: path.join(this.dir, 'capture.log') });
	}

	logs() {
		return [this.relay, this.capture].filter(Boolean)
			.map((p) => `--- ${p.name} (${p.log})\n${p.tail()}`).join('\n');
	}

	async stop() {
		for (const p of [this.capture, this.relay])
			if (p)
				await p.stop('SIGTERM').catch(() => {});
	}
}

/* A desktop (1280x800, English) or phone (360x740, French) context whose
 * CSP violations, page errors and non-loopback requests go to @problems. */
export async function newContext(browser, kind, problems) {
	const phone = kind === 'phone';
	const ctx = await browser.newContext({
		viewport: phone ? { width: 360, height: 740 } : { width: 1280, height: 800 },
		deviceScaleFactor: 1,
		isMobile: phone,
		hasTouch: phone,
		locale: phone ? 'fr-FR' : 'en-US',
		timezoneId: 'Europe/Paris',
	});
	ctx.on('request', (req) => {
		const u = new URL(req.url());
		if (!['127.0.0.1', 'localhost'].includes(u.hostname) && u.protocol !== 'data:' &&
		    u.protocol !== 'blob:')
			problems.push(`${kind}: request to ${req.url()}`);
	});
	ctx.on('page', (page) => {
		page.on('pageerror', (e) => problems.push(`${kind}: page error: ${e.message}`));
		page.on('console', (m) => {
			if (/Content.Security.Policy|Refused to/i.test(m.text()))
				problems.push(`${kind}: ${m.text()}`);
		});
	});
	return ctx;
}

/* Wait until the page's text is in place (common.js drops .pending). */
export async function ready(page) {
	await page.waitForFunction(() => !document.documentElement.classList.contains('pending'));
}

/* Sign in through the login page and wait for "my rooms". */
export async function login(page, base, user, password) {
	await page.goto(`${base}/`);
	await ready(page);
	await page.fill('#user', user);
	await page.fill('#password', password);
	await Promise.all([
		page.waitForURL('**/rooms.html', { timeout: 10000 }),
		page.click('#login-submit'),
	]);
	await page.waitForSelector('#rooms .room');
}

/* The player's state as the page shows it. */
export const stage = (page) => page.evaluate(() => ({ ...document.getElementById('stage').dataset,
	text: document.getElementById('overlay').hidden ? '' :
		document.getElementById('overlay-text').textContent }));

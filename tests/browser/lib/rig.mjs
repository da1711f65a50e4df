// The browser tests' rig: a real lucarne-relay and lucarne-capture on
// free loopback ports in a temp dir, plus Debian's chromium through
// playwright-core. Every process started here is killed when the test
// exits, also on failure or interruption; the temp dir is removed unless
// KEEP=1.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

export const TOP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic',
	'--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync'];

const live = new Set(); /* child processes still running */
let tmpdirs = [];

function killAll() {
	for (const p of live) {
		try {
			p.kill('SIGKILL');
		} catch {
			/* gone already */
		}
	}
	live.clear();
	if (!process.env.KEEP) {
		for (const d of tmpdirs)
			fs.rmSync(d, { recursive: true, force: true });
	}
	tmpdirs = [];
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'])
	process.on(sig, () => process.exit(130));

/* The first executable @name in $LUCARNE_BIN, build/, or the folders
 * where programs appear while they are being written. */
export function findBin(name) {
	const dirs = [];
	if (process.env.LUCARNE_BIN)
		dirs.push(process.env.LUCARNE_BIN);
	dirs.push('build', 'build/h-relay', 'build/h-cap', 'build/h-web');
	for (const d of dirs) {
		const p = path.resolve(TOP, d, name);
		try {
			fs.accessSync(p, fs.constants.X_OK);
			return p;
		} catch {
			/* try the next folder */
		}
	}
	return null;
}

/* A TCP port nobody listens on now (the kernel picks it). */
export function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.unref();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

/* Poll @fn every 50 ms until it returns truthy or @ms pass. Polling here
 * waits for an observable event (a port that answers), not a fixed time. */
export async function until(fn, ms, what) {
	const end = Date.now() + ms;
	for (;;) {
		let v;
		try {
			v = await fn();
		} catch {
			v = false;
		}
		if (v)
			return v;
		if (Date.now() > end)
			throw new Error(`timed out after ${ms} ms waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

/* GET @url; resolves to the status code (rejects if nothing answers). */
export function httpStatus(url) {
	return new Promise((resolve, reject) => {
		const req = http.get(url, { timeout: 1000 }, (res) => {
			res.resume();
			resolve(res.statusCode);
		});
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', reject);
	});
}

export class Proc {
	constructor(name, cmd, args, opts = {}) {
		this.name = name;
		this.log = opts.log;
		const out = fs.openSync(this.log, 'a');
		this.child = spawn(cmd, args, {
			stdio: ['ignore', out, out],
			env: { ...process.env, ...(opts.env || {}) },
		});
		fs.closeSync(out);
		this.exited = new Promise((resolve) => {
			this.child.on('exit', (code, signal) => {
				live.delete(this.child);
				this.code = code;
				this.signal = signal;
				resolve({ code, signal });
			});
		});
		live.add(this.child);
	}

	get running() {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	async stop(signal = 'SIGTERM', graceMs = 3000) {
		if (!this.running)
			return this.exited;
		this.child.kill(signal);
		const t = setTimeout(() => this.running && this.child.kill('SIGKILL'), graceMs);
		const r = await this.exited;
		clearTimeout(t);
		return r;
	}

	tail(lines = 15) {
		try {
			return fs.readFileSync(this.log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
		} catch {
			return '';
		}
	}
}

export function tempDir() {
	const d = fs.mkdtempSync(path.join(os.tmpdir(), 'lucarne-web.'));
	tmpdirs.push(d);
	return d;
}

/* Run lucarne-admin with @args (and @input on stdin); returns stdout or
 * throws with its stderr. */
export function admin(bin, data, args, input) {
	const r = spawnSync(bin, ['--data', data, ...args], {
		input: input === undefined ? '' : input,
		encoding: 'utf8',
		timeout: 30000,
	});
	if (r.status !== 0) {
		throw new Error(`lucarne-admin ${args.join(' ')}: exit ${r.status}` +
			`${r.signal ? ` (${r.signal})` : ''}: ${(r.stderr || '').trim()}`);
	}
	return r.stdout;
}

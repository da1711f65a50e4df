// A tiny TAP (Test Anything Protocol) printer for the browser tests, so
// that prove reads them like every other test in the tree. The plan is
// printed at the end ("1..N" last is valid TAP).

let n = 0;
let failed = 0;
let planned = false;

const line = (s) => process.stdout.write(s + '\n');

/* One test point. @pass is truthy for ok; @info (optional) is printed as
 * diagnostics under a failure. Returns @pass as a boolean. */
export function ok(pass, name, info) {
	n++;
	const clean = String(name).replace(/#/g, '\\#').replace(/\n/g, ' ');
	line(`${pass ? 'ok' : 'not ok'} ${n} - ${clean}`);
	if (!pass) {
		failed++;
		if (info !== undefined)
			diag(typeof info === 'string' ? info : JSON.stringify(info, null, 1));
	}
	return !!pass;
}

export function skip(name, reason) {
	n++;
	line(`ok ${n} - ${name} # SKIP ${reason}`);
}

export function diag(msg) {
	for (const l of String(msg).split('\n'))
		line(`# ${l}`);
}

/* Skip the whole file: valid only before any test point. */
export function skipAll(reason) {
	planned = true;
	line(`1..0 # SKIP ${reason}`);
}

export function bail(reason) {
	line(`Bail out! ${reason}`);
}

/* Print the plan; returns the exit status (0 if everything passed). */
export function done() {
	if (!planned)
		line(`1..${n}`);
	planned = true;
	return failed ? 1 : 0;
}

/* Run @fn as one test point: ok if it resolves, not ok (with the error)
 * if it throws. Returns its value, or undefined on failure. */
export async function step(name, fn) {
	try {
		const v = await fn();
		ok(true, name);
		return v;
	} catch (e) {
		ok(false, name, (e && e.stack) || String(e));
		return undefined;
	}
}

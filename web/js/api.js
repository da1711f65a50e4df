// Lucarne web app: the relay's HTTP API (docs/api.md).
//
// Every call is same-origin; the session lives in the HttpOnly cookie
// lucarne_session, which scripts never see.

export class ApiError extends Error {
	/* status: HTTP status (0 when the server could not be reached);
	 * code: the relay's stable error code when it sent one. */
	constructor(status, code, message, retryAfter) {
		super(message || code || `HTTP ${status}`);
		this.status = status;
		this.code = code || '';
		this.retryAfter = retryAfter || 0;
	}
}

/* fetch(), or an ApiError: status 0 when the relay could not be reached,
 * else its status and, when it sent one, its JSON error. */
async function request(path, init) {
	let res;
	try {
		res = await fetch(path, init);
	} catch (e) {
		throw new ApiError(0, 'network', e.message);
	}
	if (!res.ok) {
		let err = null;
		if ((res.headers.get('Content-Type') || '').includes('json')) {
			try {
				err = await res.json();
			} catch {
				err = null;
			}
		}
		const ra = parseInt(res.headers.get('Retry-After') || '', 10);
		err = err && typeof err === 'object' ? err : {};
		throw new ApiError(res.status, err.code || err.error, err.message,
			Number.isFinite(ra) ? ra : 0);
	}
	return res;
}

async function call(method, path, body) {
	const init = {
		method,
		credentials: 'same-origin',
		cache: 'no-store',
		headers: { Accept: 'application/json' },
	};
	if (body !== undefined) {
		init.headers['Content-Type'] = 'application/json';
		init.body = JSON.stringify(body);
	}
	const res = await request(path, init);
	if (!(res.headers.get('Content-Type') || '').includes('json'))
		return null;
	try {
		return await res.json();
	} catch {
		return null;
	}
}

export const login = (user, password) =>
	call('POST', '/api/login', { user, password });
export const logout = () => call('POST', '/api/logout', {});
export const me = () => call('GET', '/api/me');

/* The rooms this account may watch, normalised to
 * [{room, title, state, until, viewers}] whatever the exact shape. */
export async function rooms() {
	const data = await call('GET', '/api/rooms');
	const list = Array.isArray(data) ? data : (data && data.rooms) || [];
	return list.map((r) => ({
		room: String(r.room ?? r.name ?? r.id ?? ''),
		title: r.title ? String(r.title) : '',
		state: String(r.state || ''),
		until: Number(r.until) || 0,
		viewers: Number(r.viewers) || 0,
		reason: r.reason ? String(r.reason) : '',
		/* for the room's staff only */
		paused: r.paused === true,
		watchers: Array.isArray(r.watchers) ? r.watchers.map(String) : null,
		settings: r.settings && typeof r.settings === 'object' ? r.settings : null,
		/* parents only: their own consent, given, withdrawn or none */
		consent: r.consent ? String(r.consent) : '',
	})).filter((r) => r.room);
}

const roomPath = (room, what) => `/api/rooms/${encodeURIComponent(room)}/${what}`;

/* The teacher's pause (teachers and directors linked to the room). */
export const pause = (room) => call('POST', roomPath(room, 'pause'));
export const resume = (room) => call('POST', roomPath(room, 'resume'));

/* A room's director settings: {window, quota_min, broadcast, consent}. */
export const settings = (room) => call('GET', roomPath(room, 'settings'));
export const saveSettings = (room, body) => call('POST', roomPath(room, 'settings'), body);
/* Privacy masks: {masks: [{x, y, w, h}]} as fractions of the picture. */
export const masks = (room) => call('GET', roomPath(room, 'masks'));
export const saveMasks = (room, list) => call('POST', roomPath(room, 'masks'), { masks: list });

/* The room's camera (teachers and director): GET {online, controls,
 * presets}; a change or a recall answers 202 {sent} and the camera
 * reports the values it kept in the next GET. */
export const camera = (room) => call('GET', roomPath(room, 'camera'));
export const setCamera = (room, values) => call('POST', roomPath(room, 'camera'), { values });
const presetPath = (room, name, what) =>
	roomPath(room, `camera/presets/${encodeURIComponent(name)}${what ? `/${what}` : ''}`);
export const savePreset = (room, name) => call('POST', presetPath(room, name));
export const recallPreset = (room, name) => call('POST', presetPath(room, name, 'recall'));
export const deletePreset = (room, name) => call('POST', presetPath(room, name, 'delete'));

/* The consent register (the room's director): read it, record one
 * person's consent, mark it complete or not. */
export const consent = (room) => call('GET', roomPath(room, 'consent'));
export const recordConsent = (room, user, status) =>
	call('POST', roomPath(room, 'consent'), { user, status });
export const markComplete = (room, complete) =>
	call('POST', roomPath(room, 'consent'), { complete });
/* A parent withdraws their own authorization for the room, a teacher
 * their consent. */
export const withdraw = (room) => call('POST', roomPath(room, 'withdraw'), {});
/* One's own consent for the room: {status, recorded_by, ts}. */
export const myConsent = (room) => call('GET', roomPath(room, 'consent/mine'));

/* Audit rows as {rows, next}: a room's (its director), or one's own. */
function auditQuery(q) {
	const p = new URLSearchParams();
	for (const [k, v] of Object.entries(q || {}))
		if (v)
			p.set(k, String(v));
	const s = p.toString();
	return s ? `?${s}` : '';
}
export const audit = (room, q) => call('GET', roomPath(room, 'audit') + auditQuery(q));
export const auditCsvUrl = (room, q) =>
	roomPath(room, 'audit') + auditQuery({ ...q, format: 'csv' });
export const history = (q) => call('GET', `/api/me/history${auditQuery(q)}`);

/* Lines of an RFC 4180 text: CRLFs outside quotes (a quoted cell may
 * hold line breaks; a doubled quote toggles twice). */
function csvLines(text) {
	let n = 0, quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 34)
			quoted = !quoted;
		else if (c === 13 && !quoted && text.charCodeAt(i + 1) === 10)
			n++;
	}
	return n;
}

/* The whole CSV for a date range, however many pages the relay cuts it
 * into (it answers at most 10,000 rows at a time and names the next page
 * in X-Lucarne-Next-Before): {text, rows, filename}. onPage(rows) after
 * each page. */
export async function auditCsvAll(room, q, onPage) {
	const parts = [];
	let before = null, rows = 0, filename = `lucarne-audit-${room}.csv`;
	for (;;) {
		const res = await request(auditCsvUrl(room, before ? { ...q, before } : q),
			{ credentials: 'same-origin', cache: 'no-store' });
		let text = await res.text();
		if (!before) {
			const m = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '');
			if (m)
				filename = m[1];
		} else {
			text = text.slice(text.indexOf('\r\n') + 2); /* the header, once */
		}
		rows += csvLines(text) - (before ? 0 : 1);
		parts.push(text);
		if (onPage)
			onPage(rows);
		before = res.headers.get('X-Lucarne-Next-Before');
		if (!before)
			return { text: parts.join(''), rows, filename };
	}
}

/* Staff roles see the staff pages. */
export const isStaff = (role) => role === 'teacher' || role === 'director';

/* Where to go after signing in: a same-origin path only. */
export function safeNext(next) {
	if (typeof next !== 'string' || !next.startsWith('/') ||
	    next.startsWith('//') || next.includes('\\'))
		return '/rooms.html';
	return next;
}

export function toLogin() {
	const here = location.pathname + location.search;
	location.replace(`/?next=${encodeURIComponent(here)}`);
}

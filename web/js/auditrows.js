// Lucarne web app: audit rows in words, shared by "my history"
// (history.js) and the director's audit section (director_privacy.js).

import { h } from './common.js';
import { t, locale } from './i18n.js';

/* "25/11/2026 09:02" in the page's language. */
export function fmtStamp(unixSeconds) {
	return new Intl.DateTimeFormat(locale(), {
		day: '2-digit', month: '2-digit', year: 'numeric',
		hour: '2-digit', minute: '2-digit',
	}).format(new Date(unixSeconds * 1000));
}

function fmtDuration(s) {
	s = Math.max(0, Math.round(s));
	const m = Math.floor(s / 60);
	return m ? `${m}\u00a0min ${String(s % 60).padStart(2, '0')}\u00a0s` : `${s}\u00a0s`;
}

function fmtSize(bytes) {
	const nf = new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 });
	if (bytes >= 1e6)
		return `${nf.format(bytes / 1e6)}\u00a0MB`;
	return `${nf.format(bytes / 1e3)}\u00a0kB`;
}

/* The event in words (the raw word when the page does not know it). */
export function eventText(ev) {
	const key = `audit.ev.${ev}`;
	const s = t(key);
	return s === key ? ev : s;
}

/* Details of a row: a viewing session's length and data, else the
 * relay's detail text. */
export function detailText(row) {
	if (row.event === 'view') {
		if (!row.end)
			return t('audit.view.open');
		return t('audit.view.detail', { duration: fmtDuration(row.end - row.ts),
			size: fmtSize(row.bytes || 0) });
	}
	const parts = [];
	if (row.subject && row.subject !== row.actor)
		parts.push(row.subject);
	if (row.event === 'consent' && ['given', 'withdrawn'].includes(row.detail))
		parts.push(t(`register.status.${row.detail}`));
	else if (row.detail)
		parts.push(row.detail);
	return parts.join(' · ');
}

/* One table row; @cols lists what to show: when, what, who, room,
 * detail. */
export function rowElement(row, cols) {
	const cell = {
		when: () => fmtStamp(row.ts),
		what: () => eventText(row.event),
		who: () => row.actor || '—',
		room: () => row.room || '—',
		detail: () => detailText(row),
	};
	return h('tr', { 'data-event': row.event, 'data-id': String(row.id) },
		...cols.map((c) => h('td', { class: `col-${c}` }, cell[c]())));
}

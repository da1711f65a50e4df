// Lucarne web app: what every page shares: language switch, sign-out,
// the "who am I" check, and showing the page once its text is in place.

import { apply, setLang, otherLang, t, onLangChange } from './i18n.js';
import * as api from './api.js';

/* Translate the page, wire the header, then reveal it (the CSS keeps
 * <html class="pending"> invisible for a moment to avoid a flash of the
 * wrong language). */
export function initPage() {
	apply();
	const sw = document.getElementById('lang-switch');
	if (sw) {
		sw.addEventListener('click', () => setLang(otherLang()));
		const label = () => {
			sw.textContent = t('lang.switch');
			sw.setAttribute('aria-label', t('lang.switch.label'));
			sw.lang = otherLang();
		};
		label();
		onLangChange(label);
	}
	const out = document.getElementById('logout');
	if (out) {
		out.addEventListener('click', async () => {
			out.disabled = true;
			try {
				await api.logout();
			} catch {
				/* the session is gone or the server is away: leave anyway */
			}
			location.replace('/');
		});
	}
	document.documentElement.classList.remove('pending');
}

/* The signed-in account, or a trip to the login page. */
export async function requireUser() {
	try {
		const who = await api.me();
		const el = document.getElementById('whoami');
		if (el && who && who.user) {
			const show = () => {
				el.textContent = t('nav.signedin', { user: who.user });
			};
			show();
			onLangChange(show);
			el.hidden = false;
		}
		return who;
	} catch (e) {
		if (e.status === 401)
			api.toLogin();
		throw e;
	}
}

/* Create an element: h('p', {class: 'x'}, 'text', child...). */
export function h(tag, attrs, ...kids) {
	const el = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v === undefined || v === null || v === false)
			continue;
		if (k === 'class')
			el.className = v;
		else if (k.startsWith('data-'))
			el.setAttribute(k, v);
		else if (k in el && typeof v !== 'string')
			el[k] = v;
		else
			el.setAttribute(k, v === true ? '' : v);
	}
	for (const kid of kids) {
		if (kid === null || kid === undefined || kid === false)
			continue;
		el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
	}
	return el;
}

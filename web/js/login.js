// Lucarne web app: the sign-in page (/).

import { initPage } from './common.js';
import { t, onLangChange } from './i18n.js';
import * as api from './api.js';

const $ = (id) => document.getElementById(id);

let lastError = '';

function showError(key, vars) {
	lastError = key ? [key, vars] : '';
	const box = $('login-error');
	if (!key) {
		box.hidden = true;
		box.textContent = '';
		return;
	}
	box.textContent = t(key, vars);
	box.hidden = false;
}

function next() {
	return api.safeNext(new URLSearchParams(location.search).get('next'));
}

async function submit(ev) {
	ev.preventDefault();
	const user = $('user').value.trim();
	const password = $('password').value;
	if (!user || !password) {
		showError('login.err.empty');
		(user ? $('password') : $('user')).focus();
		return;
	}
	const btn = $('login-submit');
	btn.disabled = true;
	btn.textContent = t('login.busy');
	$('login-form').setAttribute('aria-busy', 'true');
	try {
		await api.login(user, password);
		location.replace(next());
		return;
	} catch (e) {
		if (e.status === 401 || e.status === 403) {
			showError('login.err.credentials');
			$('password').value = '';
			$('password').focus();
		} else if (e.status === 429) {
			if (e.retryAfter > 0)
				showError('login.err.rate.wait', { s: e.retryAfter });
			else
				showError('login.err.rate');
		} else if (e.status === 0) {
			showError('login.err.network');
		} else {
			showError('login.err.server');
		}
		$('password').setAttribute('aria-invalid', e.status === 401 ? 'true' : 'false');
	}
	btn.disabled = false;
	btn.textContent = t('login.submit');
	$('login-form').removeAttribute('aria-busy');
}

async function main() {
	initPage();
	onLangChange(() => {
		if (lastError)
			showError(...lastError);
	});
	$('login-form').addEventListener('submit', submit);
	$('password').addEventListener('input', () => $('password').removeAttribute('aria-invalid'));
	/* already signed in: straight to the rooms */
	try {
		await api.me();
		location.replace(next());
	} catch {
		/* not signed in: stay */
	}
}

main();

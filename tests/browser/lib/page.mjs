// Checks that run inside the page (they are serialised by playwright, so
// each function is self-contained).

/* For page.waitForFunction: true once the player's canvas shows a
 * non-black picture that differs from the first non-black one it saw
 * (the test pattern changes every frame). */
export function canvasProbe() {
	const c = document.getElementById('video');
	const st = document.getElementById('stage');
	if (!c || !st || Number(st.dataset.frames || 0) < 1 || c.width < 16)
		return false;
	const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
	let sum = 0;
	let hash = 0;
	for (let i = 0; i < d.length; i += 4) {
		sum += d[i] + d[i + 1] + d[i + 2];
		hash = (Math.imul(hash, 31) + d[i] + d[i + 1] * 3 + d[i + 2] * 7) | 0;
	}
	const mean = sum / (3 * (d.length / 4));
	const w = window.__probe || (window.__probe = { first: null, mean: 0 });
	w.mean = mean;
	if (mean < 16)
		return false; /* black, or nearly */
	if (w.first === null) {
		w.first = hash;
		return false;
	}
	return hash !== w.first;
}

/* WCAG 2 contrast of every visible text on the page against the colours
 * behind it (backgrounds composited up the tree). Returns the failures:
 * [{text, fg, bg, ratio, need}]; empty is a pass. Text over images or
 * gradients is skipped (the page has none). */
export async function auditContrast(page) {
	return page.evaluate(() => {
		const parse = (s) => {
			const m = /rgba?\(([^)]+)\)/.exec(s);
			if (!m)
				return [0, 0, 0, 0];
			const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
			return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
		};
		const over = (top, bottom) => {
			const a = top[3];
			return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
		};
		const lum = (c) => {
			const f = (v) => {
				v /= 255;
				return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
			};
			return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
		};
		const behind = (el) => {
			const layers = [];
			for (let e = el; e; e = e.parentElement) {
				const cs = getComputedStyle(e);
				if (cs.backgroundImage !== 'none')
					return null;
				const c = parse(cs.backgroundColor);
				if (c[3] > 0)
					layers.push(c);
				if (c[3] >= 1)
					break;
			}
			let bg = [255, 255, 255, 1];
			for (let i = layers.length - 1; i >= 0; i--)
				bg = over(layers[i], bg);
			return bg;
		};
		const visible = (el) => {
			if (!el.getClientRects().length)
				return false;
			for (let e = el; e; e = e.parentElement) {
				const cs = getComputedStyle(e);
				if (cs.visibility === 'hidden' || cs.display === 'none' || Number(cs.opacity) === 0)
					return false;
			}
			return true;
		};
		const bad = [];
		for (const el of document.body.querySelectorAll('*')) {
			const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
			if (!own || !visible(el) || el.disabled)
				continue;
			const cs = getComputedStyle(el);
			const bg = behind(el);
			if (!bg)
				continue;
			const fg = over(parse(cs.color), bg);
			const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
			const ratio = (a + 0.05) / (b + 0.05);
			const size = parseFloat(cs.fontSize);
			const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
			const need = large ? 3 : 4.5;
			if (ratio < need) {
				bad.push({ text: el.textContent.trim().slice(0, 40), fg: cs.color,
					bg: `rgb(${bg.slice(0, 3).map(Math.round).join(',')})`,
					ratio: Math.round(ratio * 100) / 100, need });
			}
		}
		return bad;
	});
}

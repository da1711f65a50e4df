/* Lucarne: shown only by browsers without ES modules (too old to play the
 * picture). Plain ES5 on purpose. */
(function () {
	var fr = /^fr/i.test(navigator.language || navigator.userLanguage || '');
	var p = document.createElement('p');
	p.className = 'too-old';
	p.appendChild(document.createTextNode(fr ?
		'Ce navigateur est trop ancien pour Lucarne. Utilisez une version récente de Chrome, Edge, Firefox ou Safari.' :
		'This browser is too old for Lucarne. Please use a recent Chrome, Edge, Firefox or Safari.'));
	document.addEventListener('DOMContentLoaded', function () {
		document.documentElement.className = '';
		document.body.insertBefore(p, document.body.firstChild);
	});
})();

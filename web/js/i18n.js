// Lucarne web app: French and English strings, language choice.
//
// The language comes from the saved choice (localStorage), else from the
// browser's preferred languages, else English. Elements carry
// data-i18n="key" (text content) or data-i18n-attr="attr:key;attr:key"
// (attributes such as aria-label); apply() fills them in.

const STRINGS = {
	en: {
		'app.name': 'Lucarne',
		'app.tagline': 'A window on the classroom',
		'lang.switch': 'Français',
		'lang.switch.label': 'Afficher en français',
		'nav.rooms': 'My rooms',
		'nav.logout': 'Sign out',
		'nav.signedin': 'Signed in as {user}',
		'nav.skip': 'Skip to content',

		'login.title': 'Sign in',
		'login.intro': 'Look in on your child’s group during the hours the daycare has set.',
		'login.user': 'Name',
		'login.password': 'Password',
		'login.submit': 'Sign in',
		'login.busy': 'Signing in…',
		'login.err.credentials': 'That name and password do not match. Please try again.',
		'login.err.rate': 'Too many attempts. Please wait a minute, then try again.',
		'login.err.rate.wait': 'Too many attempts. Please try again in {s} seconds.',
		'login.err.network': 'The server cannot be reached. Check your connection and try again.',
		'login.err.server': 'Something went wrong on the server. Please try again in a moment.',
		'login.err.empty': 'Please enter your name and your password.',
		'login.privacy.title': 'Your family’s privacy',
		'login.privacy.1': 'No image is ever recorded: what you see is live only.',
		'login.privacy.2': 'You only see your child’s group, during viewing hours.',
		'login.privacy.3': 'The classroom sees when it is on air.',
		'login.help': 'Forgot your password? Ask the daycare director.',

		'rooms.title': 'My rooms',
		'rooms.intro': 'Choose a room to look in.',
		'rooms.empty': 'No room is linked to your account yet. The daycare director can add one.',
		'rooms.loading': 'Loading your rooms…',
		'rooms.error': 'Your rooms could not be loaded. Retrying…',
		'rooms.watch': 'Watch',
		'rooms.updated': 'Updated at {time}',
		'rooms.until': 'Until {time}',

		'state.live': 'Live',
		'state.live.long': 'Live now',
		'state.live.until': 'Live until {time}',
		'state.paused': 'Paused',
		'state.paused.long': 'Paused by the teacher',
		'state.offline': 'Camera offline',
		'state.offline.long': 'The picture will be back as soon as the camera reconnects',
		'state.off': 'Broadcast off',
		'state.off.long': 'The daycare has not turned broadcasting on',
		'state.closed': 'Closed',
		'state.closed.long': 'Outside viewing hours',
		'state.closed.next': 'Opens {when}',
		'state.closed.none': 'No viewing hours are planned',
		'state.unknown': 'Unavailable',

		'when.today': 'today at {time}',
		'when.tomorrow': 'tomorrow at {time}',
		'when.other': '{day} at {time}',

		'player.back': 'Back to my rooms',
		'player.connecting': 'Connecting…',
		'player.starting': 'Starting the picture…',
		'player.reconnecting': 'Connection lost. Reconnecting…',
		'player.reconnect.in': 'Connection lost. Trying again in {s} s…',
		'player.stalled': 'No picture for {s} seconds. Waiting for the camera…',
		'player.paused': 'The teacher has paused the camera. It will come back on its own.',
		'player.offline': 'The camera is offline. The picture will come back as soon as it reconnects.',
		'player.off': 'Broadcasting is turned off for this room.',
		'player.closed': 'This room is outside its viewing hours.',
		'player.closed.next': 'This room is outside its viewing hours. It opens {when}.',
		'player.hidden': 'Stopped while this page was in the background.',
		'player.resume': 'Resume',
		'player.forbidden': 'This room is not available with your account.',
		'player.signedout': 'Your session has ended. Please sign in again.',
		'player.error': 'The picture cannot be shown: {msg}',
		'player.delay': 'Delay {d}',
		'player.delay.label': 'Live delay',
		'player.fullscreen': 'Full screen',
		'player.fullscreen.exit': 'Exit full screen',
		'player.canvas': 'Live picture of {room}',
		'player.noroom': 'No room was chosen.',
		'player.unsupported.title': 'This browser cannot show the live picture',
		'player.unsupported.text': 'Watching needs WebCodecs with VP8 video. It works in a recent Chrome, Edge, Opera or Samsung Internet, and in Firefox 130 or later on a computer. Please open this page in one of them.',
		'player.insecure.text': 'This page must be opened through a secure (https) address for the picture to play.',
		'player.nomodules': 'This browser is too old for Lucarne. Please use a recent Chrome, Edge, Firefox or Safari.',

		'rooms.staff.teacher': 'Teacher page',
		'rooms.staff.teacher.label': 'Teacher page of {room}',
		'rooms.staff.director': 'Room settings',
		'rooms.staff.director.label': 'Settings of {room}',
		'staff.forbidden': 'This page is only for the staff of this room.',
		'staff.error.network': 'The server cannot be reached. Check your connection and try again.',
		'teacher.title': 'Teacher page',
		'teacher.camera': 'Camera',
		'teacher.pause': 'Pause',
		'teacher.resume': 'Resume',
		'teacher.pause.help': 'Pause stops the camera at once: parents see “paused by the teacher” until you resume.',
		'teacher.resume.help': 'The camera is paused. Resume brings the picture back to parents.',
		'teacher.status.live': 'The camera is on: parents can watch.',
		'teacher.status.paused': 'Paused by the teacher: parents see no picture.',
		'teacher.watching': 'Who is watching',
		'teacher.live.none': 'Live — no parent watching',
		'teacher.live.one': 'Live — 1 parent watching',
		'teacher.live.many': 'Live — {n} parents watching',
		'teacher.count.none': 'No parent watching',
		'teacher.count.one': '1 parent connected',
		'teacher.count.many': '{n} parents connected',
		'director.title': 'Room settings',
		'director.broadcast.title': 'Broadcast',
		'director.broadcast.label': 'Broadcast this room to its parents',
		'director.consent.incomplete': 'The consent register is not complete yet: parents will see nothing until it is.',
		'director.window.title': 'Viewing hours',
		'director.window.intro': 'Parents can watch only during these hours (daycare time).',
		'director.window.always': 'At any time',
		'director.window.custom': 'On these days and hours',
		'director.window.none': 'Never',
		'director.window.addgroup': 'Add other days',
		'director.window.text': 'As text:',
		'director.window.group': 'Days and hours {n}',
		'director.window.from': 'from',
		'director.window.to': 'to',
		'director.window.from.label': 'Hours {n}: from',
		'director.window.to.label': 'Hours {n}: to',
		'director.window.delrange': 'Remove',
		'director.window.delrange.label': 'Remove hours {n}',
		'director.window.addrange': 'Add hours',
		'director.quota.title': 'Daily time per parent',
		'director.quota.label': 'Minutes a day (0: no limit)',
		'director.quota.help': 'Each parent account may watch this long each day, across all its devices. Staff are not limited.',
		'director.ptz.title': 'Camera direction and zoom',
		'director.ptz.label': 'Teachers of this room may move and zoom the camera',
		'director.ptz.help': 'Off, only you set where the camera looks and how close (pan, tilt, zoom). Teachers can always adjust the picture and recall your saved settings.',
		'director.save': 'Save',
		'director.saved': 'Saved. Parents watching now see the change at once.',
		'director.err.nogroup': 'Add at least one group of days and hours, or choose “Never”.',
		'director.err.nodays': 'Tick at least one day in each group.',
		'director.err.times': 'Give a start and an end for each time range.',
		'director.err.quota': 'Minutes a day: a whole number from 0 to 1440.',
		'director.err.refused': 'Not saved: {msg}',

		'camera.title': 'Camera picture',
		'camera.intro': 'Adjust the picture parents see. Changes apply at once.',
		'camera.offline': 'The camera is not connected: its settings will appear when it is.',
		'camera.loading': 'Reading the camera’s settings…',
		'camera.none': 'This camera offers no setting.',
		'camera.less': 'Less {label}',
		'camera.more': 'More {label}',
		'camera.reset': 'Default ({v})',
		'camera.reset.label': '{label}: back to the default value {v}',
		'camera.director.only': 'The director has not allowed teachers to move or zoom the camera.',
		'camera.sending': 'Sending to the camera…',
		'camera.done': '{label}: {v}',
		'camera.kept': 'The camera kept {label} at {v}.',
		'camera.noanswer': 'Sent; the camera has not confirmed yet.',
		'camera.refused': 'Not applied: {msg}',
		'camera.error': 'The server cannot be reached. Please try again.',
		'camera.presets': 'Saved settings',
		'camera.presets.none': 'No saved settings yet.',
		'camera.recall': 'Apply',
		'camera.recall.label': 'Apply the settings “{name}”',
		'camera.delete': 'Delete',
		'camera.delete.label': 'Delete the settings “{name}”',
		'camera.save.name': 'Name of the current settings',
		'camera.save': 'Save the current settings',
		'camera.save.bad': 'A name: letters, digits, “.”, “_” or “-”, up to 64.',
		'camera.saved': 'Saved as “{name}”.',
		'camera.deleted': '“{name}” deleted.',
		'camera.recalled': '“{name}” applied.',
		'camera.ctl.brightness': 'Brightness',
		'camera.ctl.contrast': 'Contrast',
		'camera.ctl.saturation': 'Colour',
		'camera.ctl.hue': 'Hue',
		'camera.ctl.gamma': 'Gamma',
		'camera.ctl.sharpness': 'Sharpness',
		'camera.ctl.backlight': 'Backlight compensation',
		'camera.ctl.power_line': 'Mains frequency (anti-flicker)',
		'camera.ctl.white_balance_auto': 'Automatic white balance',
		'camera.ctl.white_balance': 'White balance',
		'camera.ctl.gain_auto': 'Automatic gain',
		'camera.ctl.gain': 'Gain',
		'camera.ctl.exposure_auto': 'Automatic exposure',
		'camera.ctl.exposure': 'Exposure time',
		'camera.ctl.focus_auto': 'Autofocus',
		'camera.ctl.focus': 'Focus',
		'camera.ctl.zoom': 'Zoom',
		'camera.ctl.pan': 'Turn left or right',
		'camera.ctl.tilt': 'Tilt up or down',
		/* consent register, audit log, history (privacy) */
		'player.consent': 'You cannot watch this room: your authorization is withdrawn or not recorded. The director can record it again.',
		'state.consent': 'No authorization',
		'state.off.noconsent': 'Your authorization is not recorded yet: ask the director',
		'state.off.withdrawn': 'You withdrew your authorization',
		'nav.history': 'My history',
		'consent.title': 'Your authorization',
		'consent.given': 'You have authorized watching this room. You can withdraw it at any time; it takes effect at once.',
		'consent.withdraw': 'Withdraw my authorization',
		'consent.confirm': 'Withdraw your authorization? The picture stops at once, and you will not be able to watch this room until the director records your authorization again.',
		'consent.confirm.yes': 'Yes, withdraw it',
		'consent.confirm.no': 'No, keep it',
		'consent.withdrawn': 'Your authorization is withdrawn. To give it again, ask the director.',
		'consent.none': 'Your authorization is not recorded yet. Ask the director.',
		'consent.error': 'Not withdrawn: {msg}',
		'myconsent.title': 'My consent',
		'myconsent.given': 'You gave your consent to this room being broadcast (recorded by {by} on {when}). You can withdraw it at any time.',
		'myconsent.withdrawn': 'Your consent is withdrawn (recorded by {by} on {when}): the room does not broadcast. To give it again, ask the director.',
		'myconsent.none': 'Your consent is not recorded yet: the room cannot broadcast until the director records it.',
		'myconsent.byself': 'you',
		'myconsent.withdraw': 'Withdraw my consent',
		'myconsent.confirm': 'Withdraw your consent? The room stops broadcasting at once: parents watching are cut, and it stays off until you give your consent again to the director and the register is complete.',
		'myconsent.confirm.yes': 'Yes, withdraw it',
		'myconsent.confirm.no': 'No, keep it',
		'myconsent.error': 'Not withdrawn: {msg}',
		'history.title': 'My history',
		'history.intro': 'Your sign-ins, viewing sessions and authorizations, newest first. Old rows are deleted after the retention period.',
		'history.loading': 'Loading your history…',
		'history.empty': 'Nothing recorded yet.',
		'history.error': 'Your history could not be loaded.',
		'history.more': 'Show older',
		'audit.col.when': 'When',
		'audit.col.what': 'What',
		'audit.col.who': 'Who',
		'audit.col.room': 'Room',
		'audit.col.detail': 'Details',
		'audit.ev.login': 'Signed in',
		'audit.ev.login_failed': 'Failed sign-in',
		'audit.ev.logout': 'Signed out',
		'audit.ev.view': 'Watched',
		'audit.ev.consent': 'Consent recorded',
		'audit.ev.consent_register': 'Consent register',
		'audit.ev.pause': 'Paused',
		'audit.ev.resume': 'Resumed',
		'audit.ev.settings': 'Settings changed',
		'audit.ev.quota_cut': 'Cut: daily time used up',
		'audit.ev.window_cut': 'Cut: viewing hours over',
		'audit.ev.audit_read': 'Log read',
		'audit.ev.admin': 'Administration',
		'audit.view.detail': '{duration}, {size}',
		'audit.view.open': 'watching now',
		'register.title': 'Consent register',
		'register.intro': 'Each parent’s written authorization and each teacher’s consent. A parent can watch only while their authorization is given; the room broadcasts only once the register is marked complete, which needs every teacher’s consent.',
		'register.col.person': 'Person',
		'register.col.status': 'Consent',
		'register.col.recorded': 'Recorded',
		'register.col.actions': 'Record',
		'register.role.parent': 'parent',
		'register.role.teacher': 'teacher',
		'register.status.given': 'Given',
		'register.status.withdrawn': 'Withdrawn',
		'register.status.none': 'Not recorded',
		'register.recorded': '{who}, {when}',
		'register.give': 'Given',
		'register.give.label': 'Record the consent of {user} as given',
		'register.withdraw': 'Withdrawn',
		'register.withdraw.label': 'Record the consent of {user} as withdrawn',
		'register.warn.missing': 'Not recorded yet: {names}.',
		'register.warn.withdrawn': 'Withdrawn: {names}.',
		'register.complete': 'The register is marked complete.',
		'register.incomplete': 'The register is not complete: the room does not broadcast.',
		'register.mark': 'Mark the register complete',
		'register.unmark': 'Mark it incomplete',
		'register.refused': 'Not done: {msg}',
		'register.empty': 'No parent or teacher is linked to this room yet.',
		'audit.title': 'Audit log',
		'audit.intro': 'Sign-ins of this room’s accounts, viewing sessions, and every staff and administration action, in the daycare’s time.',
		'audit.from': 'From',
		'audit.to': 'To',
		'audit.show': 'Show',
		'audit.csv': 'Download (CSV)',
		'audit.csv.busy': 'Preparing the file…',
		'audit.csv.progress': 'Preparing the file: {n} rows…',
		'audit.csv.done': 'Downloaded: {n} rows in {file}.',
		'audit.empty': 'No row between these dates.',
		'audit.more': 'Show older rows',
		'audit.err.dates': 'The start date must not be after the end date.',
		'masks.title': 'Privacy masks',
		'masks.intro': 'Black out parts of the picture (a changing table, a window): the camera hides them before anything leaves the room.',
		'masks.snap': 'Take a picture',
		'masks.snapping': 'Waiting for the camera…',
		'masks.nopicture': 'No picture: the camera is not live. You can still draw the masks.',
		'masks.help': 'Press and drag on the picture to draw a mask; tap a mask to remove it.',
		'masks.count.none': 'No mask.',
		'masks.count.one': '1 mask.',
		'masks.count.many': '{n} masks (at most 8).',
		'masks.full': 'At most 8 masks: remove one first.',
		'masks.save': 'Save the masks',
		'masks.clear': 'Remove all',
		'masks.saved': 'Saved. The camera hides these parts at once.',
		'masks.canvas': 'Picture of the room with its masks',
	},
	fr: {
		'app.name': 'Lucarne',
		'app.tagline': 'Une fenêtre sur la section',
		'lang.switch': 'English',
		'lang.switch.label': 'Show in English',
		'nav.rooms': 'Mes salles',
		'nav.logout': 'Se déconnecter',
		'nav.signedin': 'Connecté·e : {user}',
		'nav.skip': 'Aller au contenu',

		'login.title': 'Connexion',
		'login.intro': 'Jetez un œil sur la section de votre enfant, aux heures fixées par la crèche.',
		'login.user': 'Nom',
		'login.password': 'Mot de passe',
		'login.submit': 'Se connecter',
		'login.busy': 'Connexion…',
		'login.err.credentials': 'Ce nom et ce mot de passe ne correspondent pas. Veuillez réessayer.',
		'login.err.rate': 'Trop de tentatives. Attendez une minute, puis réessayez.',
		'login.err.rate.wait': 'Trop de tentatives. Réessayez dans {s} secondes.',
		'login.err.network': 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
		'login.err.server': 'Le serveur a rencontré un problème. Réessayez dans un instant.',
		'login.err.empty': 'Veuillez saisir votre nom et votre mot de passe.',
		'login.privacy.title': 'La vie privée de votre famille',
		'login.privacy.1': 'Aucune image n’est jamais enregistrée : vous voyez le direct, c’est tout.',
		'login.privacy.2': 'Vous ne voyez que la section de votre enfant, aux heures d’ouverture.',
		'login.privacy.3': 'La section voit quand elle est filmée.',
		'login.help': 'Mot de passe oublié ? Adressez-vous à la direction de la crèche.',

		'rooms.title': 'Mes salles',
		'rooms.intro': 'Choisissez une salle à regarder.',
		'rooms.empty': 'Aucune salle n’est encore liée à votre compte. La direction de la crèche peut en ajouter une.',
		'rooms.loading': 'Chargement de vos salles…',
		'rooms.error': 'Impossible de charger vos salles. Nouvel essai…',
		'rooms.watch': 'Regarder',
		'rooms.updated': 'Mis à jour à {time}',
		'rooms.until': 'Jusqu’à {time}',

		'state.live': 'En direct',
		'state.live.long': 'En direct',
		'state.live.until': 'En direct jusqu’à {time}',
		'state.paused': 'En pause',
		'state.paused.long': 'Mise en pause par l’équipe',
		'state.offline': 'Caméra hors ligne',
		'state.offline.long': 'L’image reviendra dès que la caméra se reconnectera',
		'state.off': 'Diffusion coupée',
		'state.off.long': 'La crèche n’a pas activé la diffusion',
		'state.closed': 'Fermée',
		'state.closed.long': 'En dehors des heures de visionnage',
		'state.closed.next': 'Ouverture {when}',
		'state.closed.none': 'Aucun horaire de visionnage prévu',
		'state.unknown': 'Indisponible',

		'when.today': 'aujourd’hui à {time}',
		'when.tomorrow': 'demain à {time}',
		'when.other': '{day} à {time}',

		'player.back': 'Retour à mes salles',
		'player.connecting': 'Connexion…',
		'player.starting': 'Démarrage de l’image…',
		'player.reconnecting': 'Connexion perdue. Reconnexion…',
		'player.reconnect.in': 'Connexion perdue. Nouvel essai dans {s} s…',
		'player.stalled': 'Pas d’image depuis {s} secondes. En attente de la caméra…',
		'player.paused': 'L’équipe a mis la caméra en pause. L’image reviendra d’elle-même.',
		'player.offline': 'La caméra est hors ligne. L’image reviendra dès qu’elle se reconnectera.',
		'player.off': 'La diffusion est coupée pour cette salle.',
		'player.closed': 'Cette salle est en dehors de ses heures de visionnage.',
		'player.closed.next': 'Cette salle est en dehors de ses heures de visionnage. Ouverture {when}.',
		'player.hidden': 'Arrêté pendant que la page était en arrière-plan.',
		'player.resume': 'Reprendre',
		'player.forbidden': 'Cette salle n’est pas accessible avec votre compte.',
		'player.signedout': 'Votre session a pris fin. Veuillez vous reconnecter.',
		'player.error': 'L’image ne peut pas être affichée : {msg}',
		'player.delay': 'Décalage {d}',
		'player.delay.label': 'Décalage du direct',
		'player.fullscreen': 'Plein écran',
		'player.fullscreen.exit': 'Quitter le plein écran',
		'player.canvas': 'Image en direct de {room}',
		'player.noroom': 'Aucune salle n’a été choisie.',
		'player.unsupported.title': 'Ce navigateur ne peut pas afficher l’image en direct',
		'player.unsupported.text': 'Le direct nécessite WebCodecs avec la vidéo VP8. Il fonctionne dans une version récente de Chrome, Edge, Opera ou Samsung Internet, et dans Firefox 130 ou plus récent sur ordinateur. Ouvrez cette page dans l’un d’eux.',
		'player.insecure.text': 'Cette page doit être ouverte par une adresse sécurisée (https) pour que l’image s’affiche.',
		'player.nomodules': 'Ce navigateur est trop ancien pour Lucarne. Utilisez une version récente de Chrome, Edge, Firefox ou Safari.',

		'rooms.staff.teacher': 'Page de l’équipe',
		'rooms.staff.teacher.label': 'Page de l’équipe de {room}',
		'rooms.staff.director': 'Réglages de la salle',
		'rooms.staff.director.label': 'Réglages de {room}',
		'staff.forbidden': 'Cette page est réservée à l’équipe de cette salle.',
		'staff.error.network': 'Le serveur est injoignable. Vérifiez votre connexion et réessayez.',
		'teacher.title': 'Page de l’équipe',
		'teacher.camera': 'Caméra',
		'teacher.pause': 'Pause',
		'teacher.resume': 'Reprendre',
		'teacher.pause.help': 'La pause coupe la caméra aussitôt : les parents voient « en pause » jusqu’à la reprise.',
		'teacher.resume.help': 'La caméra est en pause. « Reprendre » rend l’image aux parents.',
		'teacher.status.live': 'La caméra est allumée : les parents peuvent regarder.',
		'teacher.status.paused': 'Mise en pause par l’équipe : les parents ne voient aucune image.',
		'teacher.watching': 'Qui regarde',
		'teacher.live.none': 'En direct — aucun parent ne regarde',
		'teacher.live.one': 'En direct — 1 parent regarde',
		'teacher.live.many': 'En direct — {n} parents regardent',
		'teacher.count.none': 'Aucun parent ne regarde',
		'teacher.count.one': '1 parent connecté',
		'teacher.count.many': '{n} parents connectés',
		'director.title': 'Réglages de la salle',
		'director.broadcast.title': 'Diffusion',
		'director.broadcast.label': 'Diffuser cette salle à ses parents',
		'director.consent.incomplete': 'Le registre des consentements n’est pas complet : les parents ne verront rien tant qu’il ne l’est pas.',
		'director.window.title': 'Heures de visionnage',
		'director.window.intro': 'Les parents ne peuvent regarder que pendant ces heures (heure de la crèche).',
		'director.window.always': 'À toute heure',
		'director.window.custom': 'Ces jours et ces heures',
		'director.window.none': 'Jamais',
		'director.window.addgroup': 'Ajouter d’autres jours',
		'director.window.text': 'En texte :',
		'director.window.group': 'Jours et heures {n}',
		'director.window.from': 'de',
		'director.window.to': 'à',
		'director.window.from.label': 'Horaire {n} : début',
		'director.window.to.label': 'Horaire {n} : fin',
		'director.window.delrange': 'Retirer',
		'director.window.delrange.label': 'Retirer l’horaire {n}',
		'director.window.addrange': 'Ajouter un horaire',
		'director.quota.title': 'Temps quotidien par parent',
		'director.quota.label': 'Minutes par jour (0 : sans limite)',
		'director.quota.help': 'Chaque compte parent peut regarder ce temps chaque jour, tous appareils confondus. L’équipe n’est pas limitée.',
		'director.ptz.title': 'Orientation et zoom de la caméra',
		'director.ptz.label': 'Les enseignants de cette salle peuvent orienter et zoomer la caméra',
		'director.ptz.help': 'Désactivé, vous seul réglez où regarde la caméra et de quelle distance (orientation, inclinaison, zoom). Les enseignants peuvent toujours ajuster l’image et rappeler vos réglages enregistrés.',
		'director.save': 'Enregistrer',
		'director.saved': 'Enregistré. Les parents connectés voient le changement aussitôt.',
		'director.err.nogroup': 'Ajoutez au moins un groupe de jours et d’heures, ou choisissez « Jamais ».',
		'director.err.nodays': 'Cochez au moins un jour dans chaque groupe.',
		'director.err.times': 'Indiquez un début et une fin pour chaque horaire.',
		'director.err.quota': 'Minutes par jour : un nombre entier de 0 à 1440.',
		'director.err.refused': 'Non enregistré : {msg}',

		'camera.title': 'Image de la caméra',
		'camera.intro': 'Réglez l’image que voient les parents. Les changements s’appliquent aussitôt.',
		'camera.offline': 'La caméra n’est pas connectée : ses réglages apparaîtront quand elle le sera.',
		'camera.loading': 'Lecture des réglages de la caméra…',
		'camera.none': 'Cette caméra n’offre aucun réglage.',
		'camera.less': 'Moins : {label}',
		'camera.more': 'Plus : {label}',
		'camera.reset': 'Par défaut ({v})',
		'camera.reset.label': '{label} : revenir à la valeur par défaut {v}',
		'camera.director.only': 'La direction n’a pas autorisé les enseignants à orienter ni zoomer la caméra.',
		'camera.sending': 'Envoi à la caméra…',
		'camera.done': '{label} : {v}',
		'camera.kept': 'La caméra a gardé {label} à {v}.',
		'camera.noanswer': 'Envoyé ; la caméra n’a pas encore confirmé.',
		'camera.refused': 'Non appliqué : {msg}',
		'camera.error': 'Le serveur ne répond pas. Veuillez réessayer.',
		'camera.presets': 'Réglages enregistrés',
		'camera.presets.none': 'Aucun réglage enregistré pour l’instant.',
		'camera.recall': 'Appliquer',
		'camera.recall.label': 'Appliquer les réglages « {name} »',
		'camera.delete': 'Supprimer',
		'camera.delete.label': 'Supprimer les réglages « {name} »',
		'camera.save.name': 'Nom des réglages actuels',
		'camera.save': 'Enregistrer les réglages actuels',
		'camera.save.bad': 'Un nom : lettres, chiffres, « . », « _ » ou « - », 64 au plus.',
		'camera.saved': 'Enregistré sous « {name} ».',
		'camera.deleted': '« {name} » supprimé.',
		'camera.recalled': '« {name} » appliqué.',
		'camera.ctl.brightness': 'Luminosité',
		'camera.ctl.contrast': 'Contraste',
		'camera.ctl.saturation': 'Couleurs',
		'camera.ctl.hue': 'Teinte',
		'camera.ctl.gamma': 'Gamma',
		'camera.ctl.sharpness': 'Netteté',
		'camera.ctl.backlight': 'Compensation du contre-jour',
		'camera.ctl.power_line': 'Fréquence du secteur (anti-scintillement)',
		'camera.ctl.white_balance_auto': 'Balance des blancs automatique',
		'camera.ctl.white_balance': 'Balance des blancs',
		'camera.ctl.gain_auto': 'Gain automatique',
		'camera.ctl.gain': 'Gain',
		'camera.ctl.exposure_auto': 'Exposition automatique',
		'camera.ctl.exposure': 'Temps d’exposition',
		'camera.ctl.focus_auto': 'Mise au point automatique',
		'camera.ctl.focus': 'Mise au point',
		'camera.ctl.zoom': 'Zoom',
		'camera.ctl.pan': 'Tourner à gauche ou à droite',
		'camera.ctl.tilt': 'Incliner vers le haut ou le bas',
		/* consent register, audit log, history (privacy) */
		'player.consent': 'Vous ne pouvez pas regarder cette salle : votre autorisation est retirée ou pas encore enregistrée. La direction peut l’enregistrer à nouveau.',
		'state.consent': 'Sans autorisation',
		'state.off.noconsent': 'Votre autorisation n’est pas encore enregistrée : adressez-vous à la direction',
		'state.off.withdrawn': 'Vous avez retiré votre autorisation',
		'nav.history': 'Mon historique',
		'consent.title': 'Votre autorisation',
		'consent.given': 'Vous avez autorisé le visionnage de cette salle. Vous pouvez retirer cette autorisation à tout moment ; le retrait prend effet immédiatement.',
		'consent.withdraw': 'Retirer mon autorisation',
		'consent.confirm': 'Retirer votre autorisation ? L’image s’arrête aussitôt et vous ne pourrez plus regarder cette salle tant que la direction n’aura pas enregistré à nouveau votre autorisation.',
		'consent.confirm.yes': 'Oui, la retirer',
		'consent.confirm.no': 'Non, la garder',
		'consent.withdrawn': 'Votre autorisation est retirée. Pour la redonner, adressez-vous à la direction.',
		'consent.none': 'Votre autorisation n’est pas encore enregistrée. Adressez-vous à la direction.',
		'consent.error': 'Non retirée : {msg}',
		'myconsent.title': 'Mon consentement',
		'myconsent.given': 'Vous avez donné votre consentement à la diffusion de cette salle (enregistré par {by} le {when}). Vous pouvez le retirer à tout moment.',
		'myconsent.withdrawn': 'Votre consentement est retiré (enregistré par {by} le {when}) : la salle ne diffuse pas. Pour le redonner, adressez-vous à la direction.',
		'myconsent.none': 'Votre consentement n’est pas encore enregistré : la salle ne peut pas diffuser tant que la direction ne l’a pas enregistré.',
		'myconsent.byself': 'vous-même',
		'myconsent.withdraw': 'Retirer mon consentement',
		'myconsent.confirm': 'Retirer votre consentement ? La salle cesse aussitôt d’être diffusée : les parents qui regardent sont coupés, et elle reste éteinte jusqu’à ce que vous redonniez votre consentement à la direction et que le registre soit complet.',
		'myconsent.confirm.yes': 'Oui, le retirer',
		'myconsent.confirm.no': 'Non, le garder',
		'myconsent.error': 'Non retiré : {msg}',
		'history.title': 'Mon historique',
		'history.intro': 'Vos connexions, vos visionnages et vos autorisations, du plus récent au plus ancien. Les lignes anciennes sont effacées après la durée de conservation.',
		'history.loading': 'Chargement de votre historique…',
		'history.empty': 'Rien n’est encore enregistré.',
		'history.error': 'Votre historique n’a pas pu être chargé.',
		'history.more': 'Voir plus ancien',
		'audit.col.when': 'Quand',
		'audit.col.what': 'Quoi',
		'audit.col.who': 'Qui',
		'audit.col.room': 'Salle',
		'audit.col.detail': 'Détails',
		'audit.ev.login': 'Connexion',
		'audit.ev.login_failed': 'Connexion refusée',
		'audit.ev.logout': 'Déconnexion',
		'audit.ev.view': 'Visionnage',
		'audit.ev.consent': 'Consentement enregistré',
		'audit.ev.consent_register': 'Registre des consentements',
		'audit.ev.pause': 'Pause',
		'audit.ev.resume': 'Reprise',
		'audit.ev.settings': 'Réglages modifiés',
		'audit.ev.quota_cut': 'Coupure : temps quotidien épuisé',
		'audit.ev.window_cut': 'Coupure : fin des heures de visionnage',
		'audit.ev.audit_read': 'Journal consulté',
		'audit.ev.admin': 'Administration',
		'audit.view.detail': '{duration}, {size}',
		'audit.view.open': 'en cours',
		'register.title': 'Registre des consentements',
		'register.intro': 'L’autorisation écrite de chaque parent et le consentement de chaque membre de l’équipe. Un parent ne peut regarder que si son autorisation est donnée ; la salle n’est diffusée qu’une fois le registre marqué complet, ce qui demande le consentement de chaque enseignant.',
		'register.col.person': 'Personne',
		'register.col.status': 'Consentement',
		'register.col.recorded': 'Enregistré',
		'register.col.actions': 'Enregistrer',
		'register.role.parent': 'parent',
		'register.role.teacher': 'enseignant·e',
		'register.status.given': 'Donné',
		'register.status.withdrawn': 'Retiré',
		'register.status.none': 'Non enregistré',
		'register.recorded': '{who}, {when}',
		'register.give': 'Donné',
		'register.give.label': 'Enregistrer le consentement de {user} comme donné',
		'register.withdraw': 'Retiré',
		'register.withdraw.label': 'Enregistrer le consentement de {user} comme retiré',
		'register.warn.missing': 'Pas encore enregistré : {names}.',
		'register.warn.withdrawn': 'Retiré : {names}.',
		'register.complete': 'Le registre est marqué complet.',
		'register.incomplete': 'Le registre n’est pas complet : la salle n’est pas diffusée.',
		'register.mark': 'Marquer le registre comme complet',
		'register.unmark': 'Le marquer incomplet',
		'register.refused': 'Non fait : {msg}',
		'register.empty': 'Aucun parent ni enseignant n’est encore lié à cette salle.',
		'audit.title': 'Journal d’audit',
		'audit.intro': 'Connexions des comptes de cette salle, visionnages, et chaque action de l’équipe et de l’administration, à l’heure de la crèche.',
		'audit.from': 'Du',
		'audit.to': 'Au',
		'audit.show': 'Afficher',
		'audit.csv': 'Télécharger (CSV)',
		'audit.csv.busy': 'Préparation du fichier…',
		'audit.csv.progress': 'Préparation du fichier : {n} lignes…',
		'audit.csv.done': 'Téléchargé : {n} lignes dans {file}.',
		'audit.empty': 'Aucune ligne entre ces dates.',
		'audit.more': 'Voir les lignes plus anciennes',
		'audit.err.dates': 'La date de début ne peut pas être après la date de fin.',
		'masks.title': 'Masques de confidentialité',
		'masks.intro': 'Noircissez des parties de l’image (table à langer, fenêtre) : la caméra les cache avant que rien ne sorte de la salle.',
		'masks.snap': 'Prendre une image',
		'masks.snapping': 'En attente de la caméra…',
		'masks.nopicture': 'Pas d’image : la caméra n’est pas en direct. Vous pouvez quand même dessiner les masques.',
		'masks.help': 'Appuyez et glissez sur l’image pour dessiner un masque ; touchez un masque pour l’enlever.',
		'masks.count.none': 'Aucun masque.',
		'masks.count.one': '1 masque.',
		'masks.count.many': '{n} masques (8 au plus).',
		'masks.full': '8 masques au plus : enlevez-en un d’abord.',
		'masks.save': 'Enregistrer les masques',
		'masks.clear': 'Tout enlever',
		'masks.saved': 'Enregistré. La caméra cache ces parties aussitôt.',
		'masks.canvas': 'Image de la salle avec ses masques',
	},
};

const KEY = 'lucarne.lang';
const listeners = [];

function stored() {
	try {
		return localStorage.getItem(KEY);
	} catch {
		return null;
	}
}

/* Pick the language: saved choice, then the browser's list, then English. */
function detect() {
	const s = stored();
	if (s && STRINGS[s])
		return s;
	const prefs = navigator.languages && navigator.languages.length ?
		navigator.languages : [navigator.language || 'en'];
	for (const l of prefs) {
		const base = String(l).toLowerCase().split('-')[0];
		if (STRINGS[base])
			return base;
	}
	return 'en';
}

let lang = detect();

export function getLang() {
	return lang;
}

/* Translate key, replacing {name} with vars.name. Unknown keys show as
 * themselves so a missing string is visible, not blank. */
export function t(key, vars) {
	let s = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
	if (vars)
		s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
	return s;
}

/* Fill every data-i18n element under root. */
export function apply(root = document) {
	document.documentElement.lang = lang;
	for (const el of root.querySelectorAll('[data-i18n]'))
		el.textContent = t(el.dataset.i18n);
	for (const el of root.querySelectorAll('[data-i18n-attr]')) {
		for (const pair of el.dataset.i18nAttr.split(';')) {
			const [attr, key] = pair.split(':');
			if (attr && key)
				el.setAttribute(attr.trim(), t(key.trim()));
		}
	}
	const title = document.querySelector('meta[name="lucarne-title"]');
	if (title)
		document.title = `${t(title.content)} · ${t('app.name')}`;
}

/* Switch language, remember it, re-render and tell listeners. */
export function setLang(l) {
	if (!STRINGS[l] || l === lang)
		return;
	lang = l;
	try {
		localStorage.setItem(KEY, l);
	} catch {
		/* private mode: the choice lasts for this page only */
	}
	apply();
	for (const fn of listeners)
		fn(lang);
}

export function onLangChange(fn) {
	listeners.push(fn);
}

export function otherLang() {
	return lang === 'fr' ? 'en' : 'fr';
}

/* The browser's own locale when it speaks the chosen language (en-GB
 * gives 24-hour times), else the bare language. */
export function locale() {
	const l = navigator.language || '';
	return l.toLowerCase().split('-')[0] === lang ? l : lang;
}

/* Time like 08:30 in the browser's time zone and language. */
export function fmtTime(date) {
	return new Intl.DateTimeFormat(locale(), { hour: 'numeric', minute: '2-digit' })
		.format(date);
}

/* "today at 08:30", "tomorrow at 08:30", "Monday 3 March at 08:30". */
export function fmtWhen(unixSeconds, now = new Date()) {
	const d = new Date(unixSeconds * 1000);
	const time = fmtTime(d);
	const day0 = new Date(now.getFullYear(), now.getMonth(), now.getDate());
	const dayD = new Date(d.getFullYear(), d.getMonth(), d.getDate());
	const days = Math.round((dayD - day0) / 86400000);
	if (days <= 0)
		return t('when.today', { time });
	if (days === 1)
		return t('when.tomorrow', { time });
	const day = new Intl.DateTimeFormat(locale(), {
		weekday: 'long', day: 'numeric', month: 'long',
	}).format(d);
	return t('when.other', { day, time });
}

export const _strings = STRINGS; /* for the tests: both tables, same keys */

app-name = Liaison
footer-text = Liaison · Mesures de confiance de l'OSCE relatives à la cybersécurité et aux TIC · Décision n° 1202
nav-skip = Aller au contenu
nav-label = Navigation principale
nav-directory = Répertoire
nav-import = Importation
nav-audit = Journal d'audit
nav-security = Sécurité
nav-language = Langue
nav-logout = Se déconnecter
action-apply = Appliquer
action-save = Enregistrer
action-cancel = Annuler
yes = Oui
no = Non
missing = manquant
none-yet = Aucun pour l'instant.

role-manager = Gestionnaire du réseau
role-coordinator = Coordonnateur national
role-poc = Point de contact
role-observer = Observateur
role-auditor = Auditeur

login-title = Connexion
login-intro = Connectez-vous au réseau des points de contact de l'OSCE.
login-submit = Se connecter
login-failed = Le nom d'utilisateur ou le mot de passe est incorrect.
login-rate-limited = Trop de tentatives. Patientez une minute, puis réessayez.
field-username = Nom d'utilisateur
field-password = Mot de passe
field-totp-code = Code à six chiffres de votre application d'authentification

totp-login-title = Second facteur
totp-login-intro = Saisissez le code que votre application d'authentification affiche pour Liaison.
totp-verify = Vérifier
totp-title = Authentification à deux facteurs
totp-intro = Protégez votre compte au moyen d'un code à usage unique basé sur le temps (TOTP), généré par une application d'authentification.
totp-required = Ce serveur exige l'authentification à deux facteurs pour tous les comptes. Activez-la dès maintenant pour continuer.
totp-start = Configurer l'authentification à deux facteurs
totp-scan = Scannez ce code QR avec votre application d'authentification, puis saisissez le code qu'elle affiche.
totp-qr-alt = Code QR du secret TOTP
totp-secret-once = Vous pouvez aussi saisir ce secret dans l'application. Il n'est affiché qu'une seule fois :
totp-confirm = Confirmer et activer
totp-enabled = L'authentification à deux facteurs est activée pour votre compte.

states-title = Répertoire des points de contact
states-summary = { $complete } des { $participating } États participants { $complete ->
    [one] dispose
   *[other] disposent
} d'un point de contact à jour tant au niveau politique qu'au niveau technique.
states-filter = Filtrer les États
states-caption = { $count ->
    [one] { $count } État
   *[other] { $count } États
}
filter-all = Tous
filter-overdue = En retard
filter-due-soon = Échéance proche
filter-late = Notifiés tardivement
filter-no-policy = Sans point de contact de niveau politique
filter-no-technical = Sans point de contact de niveau technique
filter-incomplete = Incomplets
col-state = État
col-status = Statut
col-contacts = Contacts
col-late = Notifications tardives (12 mois)
col-policy = Niveau politique
col-technical = Niveau technique
col-next-due = Prochaine échéance
col-last-confirmed = Dernière confirmation
col-key = Clé OpenPGP
col-annual = Mise à jour annuelle
col-due-on = Échéance
col-version = Version
col-change = Modification
col-recorded-at = Enregistrement
col-recorded-by = Par
col-notified = Notification
col-details = Détails
state-status-participating = État participant
state-status-partner-asian = Partenaire asiatique pour la coopération
state-status-partner-mediterranean = Partenaire méditerranéen pour la coopération
status-current = À jour
status-due-soon = Échéance proche
status-overdue = En retard
level-policy = Point de contact de niveau politique
level-technical = Point de contact de niveau technique
structure-national-csirt = CERT/CSIRT national
structure-government-csirt = CERT/CSIRT gouvernemental
structure-ministry = Ministère
structure-law-enforcement = Services chargés de l'application de la loi
structure-regulator = Autorité de régulation
structure-other = Autre structure nationale

entry-complete = Complet au regard de la CBM 8
entry-incomplete = Incomplet au regard de la CBM 8
entry-confirm = Vérifié, sans changement
entry-confirm-hint = Confirmer l'entrée atteste que chaque contact a été vérifié et fait repartir le délai de 12 mois (CBM 8 : mise à jour annuelle des coordonnées).
aggregate-only = Votre compte n'a accès qu'aux chiffres agrégés de cet État.
section-pocs = Points de contact
section-structures = Structures nationales
section-retired = Contacts retirés
export-csv = Exporter le répertoire (CSV)
export-vcard-state = vCard de tous les contacts
export-nomination = Désignation pour le Répertoire mondial des points de contact de l'ONU (JSON)
export-vcard = vCard

contact-add = Ajouter un contact
contact-edit = Modifier
contact-retire = Retirer
contact-retired = retiré
contact-new-title = Nouveau contact
contact-edit-title = Modifier un contact
contact-confirmed-due = confirmé le { $confirmed }, échéance le { $due }
field-kind = Type
field-name = Nom ou fonction
field-function = Fonction
field-organisation = Organisation
field-email = Courriel
field-phone = Téléphone
field-time-zone = Fuseau horaire
field-languages = Langues
field-website = Site web
field-notes = Remarques
field-available = Joignable 24 h/24, 7 j/7
field-deputy = Suppléant
field-effective-on = Date de prise d'effet du changement
hint-languages = Codes à deux lettres séparés par des espaces, par exemple : en fr ru.
hint-effective-on = Les changements enregistrés plus de 30 jours après leur prise d'effet sont signalés comme notifiés tardivement (CBM 8).
form-has-errors = Veuillez corriger les points suivants :

history-title = Historique
history-summary = { $versions ->
    [one] { $versions } version
   *[other] { $versions } versions
}, { $late ->
    [0] aucune notifiée tardivement.
    [one] { $late } notifiée tardivement.
   *[other] { $late } notifiées tardivement.
}
change-created = Création
change-changed = Modification
change-key = Enregistrement de la clé
change-confirmed = Confirmation
change-retired = Retrait
notified-late = tardive
notified-on-time = dans les délais

key-upload = Enregistrer une clé OpenPGP
key-intro = Collez la clé publique OpenPGP du contact au format ASCII armor. Les clés expirées, révoquées ou ne permettant pas le chiffrement sont refusées.
key-current = Clé enregistrée :
key-armored = Clé publique (ASCII armor)
key-submit = Enregistrer la clé
key-download = Télécharger
key-none = Aucune clé enregistrée.
key-expires = expire le { $date }

import-title = Importer des contacts à partir d'un fichier CSV
import-intro = Collez le CSV du répertoire (même format que l'exportation). Chaque ligne est d'abord vérifiée ; si une seule ligne pose problème, rien n'est importé.
import-csv = CSV
import-submit = Importer
import-done = Importation effectuée – ajouts : { $created }, modifications : { $changed }, sans changement : { $unchanged }.
import-refused = Rien n'a été importé. Corrigez les lignes suivantes, puis réessayez :
import-line = Ligne { $line }

audit-title = Journal d'audit
audit-intro = Chaque modification, avec son auteur et sa date, chaînée par hachage afin que toute altération soit détectée.
audit-verify = Vérifier la chaîne
audit-intact = { $rows ->
    [one] La chaîne de { $rows } entrée est intacte.
   *[other] La chaîne de { $rows } entrées est intacte.
}
audit-broken = La chaîne est rompue à l'entrée { $seq }.
audit-at = Heure (UTC)
audit-actor = Auteur
audit-event = Événement
audit-subject = Objet
audit-hash = Empreinte
audit-older = Entrées plus anciennes

error-title = Une erreur s'est produite
error-reference = Référence à communiquer au Secrétariat : { $id }
error-back = Retour à la page d'accueil

mail-reminder-subject = Liaison : confirmation des points de contact ({ $state })
mail-reminder-intro = { $count ->
    [one] Le contact suivant ({ $state }) arrive à échéance pour sa mise à jour annuelle (CBM 8). Veuillez le confirmer ou le mettre à jour.
   *[other] Les { $count } contacts suivants ({ $state }) arrivent à échéance pour leur mise à jour annuelle (CBM 8). Veuillez les confirmer ou les mettre à jour.
}
mail-reminder-action = Confirmez ou mettez à jour l'entrée ici : { $url }

# Accounts (network manager)
nav-accounts = Comptes
accounts-title = Comptes
accounts-new = Nouveau compte
accounts-created = Le compte { $username } a été créé. Communiquez le mot de passe initial à son titulaire par un canal distinct.
accounts-state-hint = Pour les coordonnateurs nationaux et les points de contact : code à trois lettres de l'État, par exemple DEU.
accounts-initial-password = Mot de passe initial (12 caractères au minimum)
accounts-create = Créer le compte
field-display-name = Nom affiché
field-role = Rôle

# Validation messages of the forms
invalid-kind = choisissez un type de contact dans la liste
invalid-date-format = indiquez la date à laquelle la modification a pris effet (AAAA-MM-JJ)
invalid-too-long = { $max } caractères au maximum
invalid-control-characters = ne doit pas contenir de caractères de contrôle
invalid-required = obligatoire
invalid-required-name = obligatoire : le nom de la personne ou la fonction
invalid-required-structure-name = obligatoire : le nom de la structure
invalid-email = « { $value } » n’est pas une adresse électronique
invalid-phone = utilisez le format international : « + », l’indicatif du pays et le numéro, par exemple +49 228 99 9582 0
invalid-time-zone = « { $value } » n’est pas un fuseau horaire IANA tel que Europe/Vienna
invalid-language = « { $value } » n’est pas un code de langue ISO 639-1 à deux lettres tel que en
invalid-website = doit être une adresse web commençant par https://
invalid-date-before-1990 = { $date } est antérieure à 1990 ; vérifiez l’année
invalid-date-too-far-ahead = { $date } est à plus d’un an ; annoncez les modifications au plus un an à l’avance
totp-wrong-code = Le code est erroné, expiré ou déjà utilisé.
totp-login-restart = Se connecter avec un autre compte
key-file = Fichier de clé (.asc)

# Validation messages of the account form
invalid-username = le nom d’utilisateur doit compter de 3 à 64 caractères : lettres minuscules, chiffres, « . », « - » ou « _ »
invalid-password-too-short = le mot de passe doit compter au moins 12 caractères
invalid-password-too-long = le mot de passe peut compter au plus 256 caractères
invalid-state-required = les coordonnateurs et les points de contact relèvent d’un État
invalid-state-not-allowed = seuls les coordonnateurs et les points de contact relèvent d’un État
invalid-role = rôle inconnu « { $value } » (manager, coordinator, poc, observer, auditor)
invalid-state-code = « { $value } » n’est pas un code ISO 3166 à trois lettres tel que DEU
invalid-username-taken = le nom d’utilisateur « { $value } » est déjà pris
invalid-unknown-state = aucun État n’a le code { $value }
invalid-contact-not-allowed = seul le compte d'un point de contact est lié à un contact de l'annuaire
invalid-unknown-contact = aucun contact avec l'identifiant { $value }
invalid-contact-elsewhere = le contact { $value } figure dans l'entrée d'un autre État
invalid-not-a-point-of-contact = le contact { $value } n'est pas un point de contact actif (une structure nationale, ou retiré)
accounts-contact = Contact de l'annuaire (identifiant)
accounts-contact-hint = Pour un point de contact : l'identifiant de sa propre fiche dans l'annuaire (le nombre dans /contacts/…), afin qu'il réponde aux contrôles de communication dans l'application.

## Communication checks
nav-checks = Contrôles
checks-title = Contrôles de communication
checks-intro = Le gestionnaire du réseau teste le réseau en adressant une demande à chaque point de contact ; chaque contact répond au moyen du lien figurant dans le courriel, ici dans l'application, ou par une réponse signée avec sa clé OpenPGP enregistrée.
checks-trend-title = Évolution d'un contrôle à l'autre
checks-response-rate = Taux de réponse
checks-median = Temps de réponse médian
checks-open = en cours
checks-closed = clos
checks-none = Aucun contrôle de communication pour l'instant.
checks-older = Contrôles plus anciens
checks-default-message = Contrôle de communication de routine du réseau des points de contact de l'OSCE (CBM 8). Veuillez confirmer que vous recevez ce message.
checks-answered-thanks = Merci : votre réponse a été enregistrée.
checks-mine-title = Demandes qui vous sont adressées
checks-answer-now = Répondre maintenant
checks-notice = { $count ->
    [one] { $count } contrôle de communication attend votre réponse.
   *[other] { $count } contrôles de communication attendent votre réponse.
}
checks-launch = Lancer un contrôle
checks-launch-now = Lancer le contrôle
checks-launch-hint = Chaque point de contact actif des niveaux choisis dans les États concernés reçoit une demande à usage unique par courriel et dans l'application. Les temps de réponse sont calculés à partir de l'heure d'envoi propre à chaque contact.
checks-caption = { $count ->
    [one] { $count } contrôle
   *[other] { $count } contrôles
}
checks-unreachable-count = { $count ->
    [one] { $count } contact injoignable
   *[other] { $count } contacts injoignables
}
col-check = Contrôle
col-sent-at = Envoi
col-deadline = Date limite de réponse
col-outcome = Résultat
col-launched = Lancement
col-closes = Clôture
col-scope = Périmètre
col-levels = Niveaux
col-window = Délai de réponse
col-states-reached = États joints
col-response-time = Temps de réponse
col-answer-way = Mode de réponse
col-last-check = Dernier contrôle
col-unreachable = Injoignables
scope-all = Tous les États participants
scope-region = Une région
scope-states = Les États suivants (codes)
levels-both = Niveaux politique et technique
levels-policy = Niveau politique
levels-technical = Niveau technique
hours = { $count ->
    [one] { $count } heure
   *[other] { $count } heures
}
region-northern-america = Amérique septentrionale
region-northern-europe = Europe septentrionale
region-western-europe = Europe occidentale
region-southern-europe = Europe méridionale
region-eastern-europe = Europe orientale
region-western-asia = Asie occidentale
region-central-asia = Asie centrale
region-eastern-asia = Asie orientale
outcome-pending = En attente
outcome-on-time = Dans les délais
outcome-late = Hors délai
outcome-no-answer = Sans réponse
outcome-delivery-failed = Échec de la remise
way-link = lien
way-app = application
way-signed-reply = réponse signée
field-window-hours = Délai de réponse (heures)
field-spread-hours = Étalement (heures)
field-spread-hint = Chaque demande part à un moment aléatoire dans ce nombre d'heures suivant le lancement, afin qu'aucun fuseau horaire ne la reçoive toujours de nuit. Avec 0, toutes les demandes partent en même temps ; au maximum la moitié du délai de réponse.
field-check-message = Message (en anglais)
check-title = Contrôle de communication #{ $id }
check-spread = envois étalés sur les { $hours } h suivant le lancement
check-figures = Chiffres
check-key-verified = clé vérifiée
check-key-verified-count = Réponses vérifiées par clé
check-no-contact = Niveaux sans contact
check-no-contact-short = aucun contact
check-export-csv = Résultats au format CSV
check-states-caption = États
check-contacts-caption = { $count ->
    [one] { $count } contact sollicité
   *[other] { $count } contacts sollicités
}
check-reached = Joint
check-not-reached = Non joint
check-reminded = relancé
check-aggregate-only = Votre compte n'a accès qu'aux chiffres des contrôles ; les résultats de chaque État sont réservés au gestionnaire du réseau et à l'État concerné.
unreachable = injoignable
filter-unreachable = Contacts injoignables
contact-checks-title = Contrôles de communication
contact-unreachable = Ce contact n'a pas répondu aux deux derniers contrôles de communication : il est signalé comme injoignable.
answer-title = Contrôle de communication
answer-confirm = Oui, je reçois ce message : enregistrer ma réponse
answer-hint = Le lien ne fonctionne qu'une seule fois. L'ouvrir ne vaut pas réponse ; seul ce bouton enregistre votre réponse.
answer-recorded = Merci, { $name } : votre réponse a été enregistrée ({ $minutes } après l'envoi de la demande).
answer-already = Cette demande a déjà reçu une réponse le { $at } UTC.
answer-closed = Ce contrôle est clos ; ses résultats sont définitifs et plus aucune réponse n'est acceptée.
invalid-check-window = entre 1 et { $max } heures
invalid-check-spread = au maximum la moitié du délai de réponse : { $max } heures
invalid-check-no-states = choisissez au moins un État
invalid-check-not-participating = { $value } n'est pas un État participant
invalid-check-scope = choisissez tous les États, une région ou une liste d'États
invalid-check-region = choisissez une région
invalid-check-state-code = utilisez des codes à trois lettres tels que DEU, séparés par des espaces ou des virgules
invalid-check-levels = choisissez le niveau politique, le niveau technique ou les deux
invalid-check-control-characters = ne doit pas contenir de caractères de contrôle autres que des sauts de ligne
mail-check-subject = Contrôle de communication : veuillez répondre dans un délai de { $hours } heures
mail-check-reminder-subject = Rappel : contrôle de communication, veuillez répondre avant le { $deadline }
mail-check-reminder-intro = Vous n'avez pas encore répondu à ce contrôle de communication. Ceci est l'unique rappel.
mail-check-intro = Ceci est un contrôle de communication du réseau des points de contact de l'OSCE (CBM 8), destiné à { $name } ({ $level }, { $state }).
mail-check-message = Message du gestionnaire du réseau :
mail-check-deadline = Veuillez répondre avant le { $deadline }.
mail-check-answer-link = Répondez en ouvrant ce lien et en confirmant (aucune connexion n'est nécessaire ; le lien ne fonctionne qu'une seule fois) : { $url }
mail-check-answer-app = Vous pouvez aussi vous connecter et répondre sous « Contrôles » : { $url }
mail-check-answer-signed = Pour montrer que votre clé OpenPGP enregistrée fonctionne toujours, répondez par un message signé : { $command } – ou avec GnuPG : { $gpg }
nav-requests = Demandes
nav-channel-stats = Canal
requests-title = Demandes protégées
requests-intro = Demandes échangées entre États par le canal protégé. L'objet, le corps et les pièces jointes sont chiffrés de bout en bout avec les clés des points de contact : le serveur et le gestionnaire du réseau ne voient que l'enveloppe.
requests-new = Nouvelle demande
requests-empty = Aucune demande pour l'instant.
requests-cli-hint = Le client en ligne de commande effectue le chiffrement à votre place : { $command }
col-request = N°
col-from = Expéditeur
col-to = Destinataires
col-kind = Type
col-urgency = Urgence
col-level = Niveau
col-tlp = Marquage TLP
col-messages = Nombre de messages
kind-consultation = Demande de consultation
kind-information-request = Demande d'informations
kind-assistance-request = Demande d'assistance
kind-incident-notification = Notification d'incident
kind-vulnerability-information = Information sur une vulnérabilité
kind-general = Question générale
urgency-routine = Ordinaire
urgency-priority = Prioritaire
urgency-urgent = Urgente
leg-sent = Envoyée
leg-delivered = Remise
leg-acknowledged = Réception accusée
leg-answered = Réponse donnée
leg-closed = Close
request-title = Demande { $id }
request-closed = close
request-sent-by = Envoyée par
request-language = Langue du contenu
request-legs = États destinataires
col-acknowledge-by = Délai d'accusé de réception
col-acknowledged = Réception accusée
col-escalated = Remontée au niveau politique
request-overdue = en retard
request-messages = Messages échangés
col-seq = N°
col-size = Taille (octets)
col-sha256 = Empreinte SHA-256
request-download = Télécharger (.asc)
request-left-out = Ces points de contact ne peuvent pas lire le dernier message (aucune clé utilisable) : { $names }
request-acknowledge = Accuser réception
request-close = Clore la demande
request-escalate = Faire remonter dès maintenant au niveau politique
request-reply = Répondre
request-reply-help = Chiffrez votre réponse avec les clés du fil de discussion, puis téléversez le fichier ou collez le texte au format ASCII armor.
request-keys-link = Clés à utiliser pour le chiffrement
request-feedback = Retour d'information pour le gestionnaire du réseau (sans contenu) : cet échange a-t-il été utile ?
request-feedback-yes = Utile
request-feedback-no = Pas utile
request-message-file = Message chiffré : un fichier au format ASCII armor (.asc)
request-message-text = ou collez le message au format ASCII armor
request-send = Envoyer
request-new-help = Choisissez les destinataires et le niveau, téléchargez leurs clés, chiffrez l'objet, le corps et les pièces jointes avec exactement ces clés, puis téléversez le résultat.
field-to = États destinataires (codes tels que AUT EST)
field-urgency = Urgence
field-level = Niveau
field-tlp = Étiquette TLP
field-language = Langue du contenu
keys-title = Clés à utiliser pour le chiffrement
keys-intro = Chiffrez avec chacune de ces clés, ni plus ni moins : les clés utilisables des points de contact des destinataires à ce niveau, ainsi que celles de votre propre État.
keys-download = Télécharger ces clés (.asc)
keys-show = Afficher les clés
col-contact = Point de contact
col-fingerprint = Empreinte
keys-left-out = Exclus (aucune clé utilisable)
reason-no-key = aucune clé enregistrée
reason-expired = clé expirée
reason-revoked = clé révoquée
reason-unusable = clé inutilisable
channel-stats-title = Canal protégé : statistiques
channel-stats-intro = Utilisation du canal : uniquement des nombres et des délais. Le contenu des demandes n'est jamais visible pour le gestionnaire du réseau.
stats-requests = Demandes
stats-messages = Nombre de messages
stats-legs = États destinataires sollicités
stats-acknowledged = Réception accusée
stats-acknowledged-on-time = Réception accusée dans les délais
stats-escalated = Remontées au niveau politique
stats-median-ack = Délai médian d'accusé de réception
stats-p90-ack = 90e centile du délai d'accusé de réception
stats-feedback = Retour d'information : utile / pas utile
stats-by-kind = Par type
stats-by-urgency = Par degré d'urgence
stats-by-level = Par niveau
invalid-request-no-recipients = choisissez au moins un État destinataire
invalid-request-own-state = une demande s'adresse à d'autres États que le vôtre
invalid-request-repeated = { $value } est mentionné deux fois
invalid-request-unknown-state = { $value } n'est pas un État de l'OSCE
invalid-request-language = « { $value } » n'est pas une langue officielle de l'OSCE (en, fr, de, it, ru, es)
invalid-request-unaddressable-policy = impossible d'adresser la demande à { $states } au niveau politique : aucun point de contact de ce niveau n'y dispose d'une clé utilisable
invalid-request-unaddressable-technical = impossible d'adresser la demande à { $states } au niveau technique : aucun point de contact de ce niveau n'y dispose d'une clé utilisable
invalid-request-unaddressable-policy-other = impossible d'adresser la demande à { $states } au niveau politique : aucun point de contact de ce niveau n'y dispose d'une clé utilisable ; la demande peut être adressée à { $other_states } au niveau technique
invalid-request-unaddressable-technical-other = impossible d'adresser la demande à { $states } au niveau technique : aucun point de contact de ce niveau n'y dispose d'une clé utilisable ; la demande peut être adressée à { $other_states } au niveau politique
invalid-request-malformed = le message n'est pas un message OpenPGP : { $detail }
invalid-request-not-encrypted = le message n'est pas chiffré : un message OpenPGP chiffré avec les clés des destinataires est requis
invalid-request-unprotected = le message utilise l'ancien mode de chiffrement sans protection de l'intégrité ; chiffrez-le avec une implémentation OpenPGP actuelle
invalid-request-password = le message est chiffré avec un mot de passe ; chiffrez-le uniquement avec les clés publiques des destinataires
invalid-request-anonymous = le message est chiffré pour un destinataire anonyme, ce qui ne peut pas être vérifié ; désignez nommément chaque destinataire
invalid-request-duplicate = le message est chiffré deux fois pour { $key }
invalid-request-key-set = le message n'est pas chiffré avec exactement les clés requises ; clés manquantes : { $missing } ; clés hors du jeu de clés : { $extra }
mail-request-subject = [Liaison] { $urgency } : { $kind } émanant de { $state } (demande { $id })
mail-request-reply-subject = [Liaison] Réponse de { $state } concernant la demande { $id }
mail-request-ack-subject = [Liaison] { $state } a accusé réception de la demande { $id }
mail-request-ack-body = { $state } a accusé réception de votre demande { $id } le { $at }. Le fil de discussion : { $url }
mail-request-escalated-subject = [Liaison] Demande { $id } de { $from } à { $state } sans accusé de réception
mail-request-escalated-body = { $from } a adressé le { $sent } une demande aux points de contact de { $state } ({ $level }) : { $urgency }, { $kind }. La réception devait en être accusée avant le { $deadline }, ce qui n'a pas été fait. Veuillez veiller à ce que cette demande soit traitée ; son contenu est chiffré pour les points de contact de ce niveau. Le fil de discussion : { $url }

# Transparency log
nav-transparency = Transparence
log-title = Journal de transparence
log-intro = Chaque modification de l'annuaire (contact ou structure créé, modifié, confirmé ou retiré, clé enregistrée) est une feuille d'un arbre de Merkle en ajout seul (RFC 9162). Le serveur signe chaque tête d'arbre avec la clé ci-dessous, afin que chaque État puisse vérifier qu'aucun contact ni aucune clé n'a été modifié sans que cela se voie.
log-key = Clé du journal
log-key-algorithm = Algorithme
log-key-public = Clé publique
log-key-id = Identifiant de clé
log-key-created = Créée le
log-key-pin = Épinglez cette clé dans votre vérificateur : il contrôle chaque tête d'arbre signée, la cohérence avec la dernière tête vue et l'inclusion de chaque contact qu'il lit.
log-head = Dernière tête d'arbre signée
log-head-size = Taille de l'arbre
log-head-root = Hachage racine
log-head-time = Signée le (UTC)
log-head-signature = Signature
log-own = Entrées de { $state }
log-own-intro = Si la version actuelle de chacune de vos entrées figure dans l'arbre signé et correspond à ce que montre l'annuaire, vérifié ici sur le serveur. Lancez le vérificateur pour un contrôle qui ne dépend pas du serveur.
log-version = Version
log-leaf = Feuille
log-proof = Preuve
log-proven = Dans l'arbre signé
log-not-proven = Non prouvée
log-verified = Vérifié par les États
log-verified-intro = La tête d'arbre que chaque État a vérifiée et publiée en dernier (avec liaison verify --publish).
log-state = État
log-verified-on = Vérifiée le
log-behind-col = Depuis
log-up-to-date = À jour
log-behind = { $count ->
    [one] { $count } entrée plus récente
   *[other] { $count } entrées plus récentes
}
log-verified-none = Aucun État n'a encore publié de tête d'arbre vérifiée.
log-recent = Entrées récentes
log-appended = Ajoutée le
log-contact = Contact
log-change = Modification
log-fingerprint = Empreinte de la clé
log-heads = Têtes d'arbre récentes
audit-log-intact = Le journal de transparence est intact : { $leaves } feuilles et { $heads } têtes d'arbre signées correspondent à l'annuaire.
audit-log-broken = Le journal de transparence ne correspond pas à ses feuilles ou à l'annuaire :

# Annual information exchange (CBMs 1, 4, 6, 7, 9, 15)
nav-exchange = Échange
exchange-title = Échange d'informations
exchange-intro = Chaque année, chaque État participant rassemble les informations qu'il fournit au titre des CBM en une contribution consolidée unique, qui est diffusée à tous les États participants sous une cote de document et sur laquelle ceux-ci peuvent adresser des demandes de précisions.
exchange-cycles = Cycles d'échange
exchange-no-cycles = Aucun cycle d'échange n'a encore été ouvert.
exchange-year = Année
exchange-opens-on = Ouverture le
exchange-deadline = Date limite
exchange-deadline-hint = Laissez ce champ vide pour retenir le 31 octobre de l'année ; toute autre date peut être fixée afin de s'aligner sur le calendrier des Nations Unies.
exchange-sections = Rubriques
exchange-section = Rubrique
exchange-circulation = Diffusion
exchange-circulation-on-submission = Dès la présentation
exchange-circulation-by-manager = Par le gestionnaire du réseau
exchange-pattern = Modèle de cote de document
exchange-pattern-hint = Le numéro d'ordre de l'année et l'année sont insérés, comme dans PC.DEL/682/27.
exchange-open = Ouvrir un cycle
exchange-open-now = Ouvrir le cycle
exchange-across-years = Contributions au fil des années
exchange-counts = Présentées dans les délais : { $on_time } · en retard : { $late } · pas encore présentées : { $not_yet }
exchange-own-submission = La contribution de votre État
exchange-progress = États participants
exchange-status = Statut
exchange-status-not-started = Non commencée
exchange-status-draft = Brouillon
exchange-status-submitted = Présentée, en attente de diffusion
exchange-status-circulated = Diffusée
exchange-status-revising = Diffusée, révision en cours
exchange-submitted-at = Présentée le
exchange-reference = Cote
exchange-late = en retard
exchange-circulated-on = Diffusée le
exchange-section-threats = Vues nationales sur les menaces
exchange-section-open-internet = Mesures en faveur d'un Internet ouvert, interopérable, sûr et fiable
exchange-section-legislation = Législation relative à la coopération
exchange-section-organisation = Organisation nationale, stratégies, politiques et programmes
exchange-section-terminology = Terminologie nationale
exchange-section-critical-infrastructure = Catégories d'infrastructures critiques
exchange-term = Terme
exchange-definition = Définition
exchange-english-term = Terme en anglais
exchange-english-definition = Définition en anglais
exchange-source = Provenance
exchange-saved = Enregistré.
exchange-autosaved = Enregistré automatiquement
exchange-submitted-notice = Contribution présentée.
exchange-documents = Documents diffusés
exchange-changes = Modifications
exchange-changes-between = Modifications entre { $from } et { $to }
exchange-unchanged = inchangée
exchange-circulate = Diffuser
exchange-draft = Brouillon
exchange-draft-hint = Le brouillon n'est accessible qu'à votre État ; chaque enregistrement est conservé sous forme de version. Il est enregistré automatiquement pendant que vous rédigez.
exchange-not-ready = La contribution n'est pas encore prête à être présentée :
exchange-version = Version n° { $version }
exchange-language = Langue
exchange-text = Texte (Markdown)
exchange-english = Traduction anglaise (Markdown ; requise sauf si le texte est en anglais)
exchange-markdown-hint = Les titres, listes, mises en évidence, tableaux et liens sont conservés ; les images et le HTML ne sont pas affichés.
exchange-terms-count = { $count ->
    [one] { $count } terme
   *[other] { $count } termes
}
exchange-terms-import = Importer les termes à partir d'un fichier CSV
exchange-terms-file = Fichier CSV
exchange-terms-hint = Colonnes : term, language, definition, english_term, english_definition, source. Un fichier comportant le moindre problème est refusé dans son intégralité.
exchange-terms-import-now = Importer
exchange-save = Enregistrer
exchange-submit = Présenter la contribution
exchange-submit-revision = Présenter une révision
exchange-not-circulated = Pas encore diffusée. Les autres États ne voient que l'état d'avancement du brouillon.
exchange-not-circulated-short = non diffusée
exchange-export-html = Exporter (HTML)
exchange-export-pdf = Exporter (PDF)
exchange-attachments = Pièces jointes
exchange-attachment-size = { $kib } Kio
exchange-attachment-remove = Retirer
exchange-attach = Joindre un fichier
exchange-attach-hint = Une loi ou une stratégie telle que publiée, 10 Mio au plus ; jusqu’à dix fichiers par section. Les lecteurs le téléchargent tel qu’il a été joint.
exchange-attach-now = Joindre
exchange-inquiries = Demandes de précisions
exchange-no-inquiries = Aucune demande de précisions que vous puissiez consulter.
exchange-inquiry-from = Demande de précisions émanant de { $state }
exchange-public = publique
exchange-reply = Répondre
exchange-send = Envoyer
exchange-make-public = Permettre à tous les États participants de consulter ce fil de discussion
exchange-make-private = Réserver ce fil de discussion aux deux États
exchange-inquire = Adresser une demande de précisions
exchange-inquiry-section = Objet
exchange-whole-submission = L'ensemble de la contribution
exchange-question = Votre question
exchange-inquire-now = Envoyer la demande de précisions
invalid-exchange-year = { $year } n'est pas une année de l'échange (de 2013 à 2100)
invalid-exchange-year-format = indiquez l'année en quatre chiffres
invalid-exchange-opens-after-deadline = le cycle s'ouvre le { $opens_on }, après sa date limite du { $deadline }
invalid-exchange-no-sections = choisissez au moins une rubrique
invalid-exchange-duplicate-section = la rubrique { $section } est choisie deux fois
invalid-exchange-pattern = le modèle de cote de document est inutilisable : { $problem }
invalid-exchange-empty-section = la rubrique { $section } est obligatoire mais vide
invalid-exchange-language = la rubrique { $section } est rédigée en « { $language } », qui n'est pas une langue officielle de l'OSCE (en, fr, de, it, ru, es)
invalid-exchange-missing-translation = la rubrique { $section } est rédigée en « { $language } » et doit être accompagnée de sa traduction anglaise
invalid-exchange-not-asked = le cycle ne prévoit pas la rubrique { $section }
invalid-exchange-term = terme { $number } : { $problem }
invalid-exchange-not-open = le cycle s'ouvre le { $opens_on } ; la rédaction commence à cette date
invalid-exchange-awaiting-circulation = la contribution est en attente de diffusion et ne peut pas être modifiée avant d'avoir été diffusée
invalid-exchange-nothing-to-revise = rien n'a changé depuis la version diffusée ; modifiez une rubrique pour présenter une révision
invalid-exchange-not-submitted = seule une contribution présentée peut être diffusée
invalid-exchange-too-long = un texte peut compter au plus { $max } caractères
invalid-exchange-attachment-name = la pièce jointe doit avoir un nom de fichier (200 caractères au plus, sans chemin)
invalid-exchange-attachment-empty = la pièce jointe est un fichier vide
invalid-exchange-attachment-too-large = une pièce jointe ne peut dépasser { $max } Mio
invalid-exchange-too-many-attachments = une section peut porter au plus { $max } pièces jointes
mail-exchange-opened-subject = Liaison : ouverture de l'échange d'informations { $year }
mail-exchange-opened-body = Le gestionnaire du réseau a ouvert le cycle { $year } de l'échange annuel d'informations. La rédaction est possible à partir du { $opens_on } ; la date limite est fixée au { $deadline }. Veuillez rédiger ici la contribution consolidée de votre État : { $url }
mail-exchange-circulated-subject = Liaison : diffusion de { $reference } ({ $state })
mail-exchange-circulated-body = { $revision ->
    [0] La contribution { $year } de { $state } a été diffusée sous la cote { $reference }.
   *[other] Une révision de la contribution { $year } de { $state } a été diffusée sous la cote { $reference }.
} Vous pouvez consulter le document et adresser des demandes de précisions ici : { $url }
mail-exchange-inquiry-subject = Liaison : demande de précisions concernant { $reference }
mail-exchange-inquiry-body = { $state } a écrit dans le cadre d'une demande de précisions concernant { $reference }. Vous pouvez la consulter et y répondre ici : { $url }

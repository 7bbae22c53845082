app-name = Liaison
footer-text = Liaison · Vertrauensbildende Maßnahmen der OSZE im Bereich Cybersicherheit/IKT · Beschluss Nr. 1202
nav-skip = Zum Inhalt springen
nav-label = Hauptnavigation
nav-directory = Verzeichnis
nav-import = Import
nav-audit = Prüfprotokoll
nav-security = Sicherheit
nav-language = Sprache
nav-logout = Abmelden
action-apply = Übernehmen
action-save = Speichern
action-cancel = Abbrechen
yes = Ja
no = Nein
missing = fehlt
none-yet = Noch keine.

role-manager = Netzwerkverwaltung
role-coordinator = Nationaler Koordinator
role-poc = Kontaktstelle
role-observer = Beobachter
role-auditor = Prüfer

login-title = Anmeldung
login-intro = Melden Sie sich beim Netzwerk der OSZE-Kontaktstellen an.
login-submit = Anmelden
login-failed = Benutzername oder Passwort ist falsch.
login-rate-limited = Zu viele Versuche. Warten Sie eine Minute und versuchen Sie es dann erneut.
field-username = Benutzername
field-password = Passwort
field-totp-code = Sechsstelliger Code aus Ihrer Authenticator-App

totp-login-title = Zweiter Faktor
totp-login-intro = Geben Sie den Code ein, den Ihre Authenticator-App für Liaison anzeigt.
totp-verify = Prüfen
totp-title = Zwei-Faktor-Authentifizierung
totp-intro = Schützen Sie Ihr Konto mit einem zeitbasierten Einmalcode (TOTP) aus einer Authenticator-App.
totp-required = Dieser Server verlangt für jedes Konto eine Zwei-Faktor-Authentifizierung. Richten Sie sie jetzt ein, um fortzufahren.
totp-start = Zwei-Faktor-Authentifizierung einrichten
totp-scan = Scannen Sie diesen QR-Code mit Ihrer Authenticator-App und geben Sie anschließend den angezeigten Code ein.
totp-qr-alt = QR-Code des TOTP-Geheimnisses
totp-secret-once = Oder geben Sie dieses Geheimnis in der App ein. Es wird nur einmal angezeigt:
totp-confirm = Bestätigen und aktivieren
totp-enabled = Die Zwei-Faktor-Authentifizierung ist für Ihr Konto aktiviert.

states-title = Verzeichnis der Kontaktstellen
states-summary = { $complete } von { $participating } Teilnehmerstaaten { $complete ->
    [one] verfügt
   *[other] verfügen
} sowohl auf politischer als auch auf technischer Ebene über eine aktuelle Kontaktstelle.
states-filter = Staaten filtern
states-caption = { $count ->
    [one] Ein Staat
   *[other] { $count } Staaten
}
filter-all = Alle
filter-overdue = Überfällig
filter-due-soon = Bald fällig
filter-late = Verspätet gemeldet
filter-no-policy = Ohne Kontaktstelle auf politischer Ebene
filter-no-technical = Ohne Kontaktstelle auf technischer Ebene
filter-incomplete = Unvollständig
col-state = Staat
col-status = Status
col-contacts = Kontakte
col-late = Verspätete Meldungen (12 Monate)
col-policy = Politische Ebene
col-technical = Technische Ebene
col-next-due = Nächste Fälligkeit
col-last-confirmed = Zuletzt bestätigt
col-key = OpenPGP-Schlüssel
col-annual = Jährliche Aktualisierung
col-due-on = Fällig am
col-version = Version
col-change = Änderung
col-recorded-at = Erfasst
col-recorded-by = Von
col-notified = Meldung
col-details = Einzelheiten
state-status-participating = Teilnehmerstaat
state-status-partner-asian = Asiatischer Kooperationspartner
state-status-partner-mediterranean = Mittelmeer-Kooperationspartner
status-current = Aktuell
status-due-soon = Bald fällig
status-overdue = Überfällig
level-policy = Kontaktstelle auf politischer Ebene
level-technical = Kontaktstelle auf technischer Ebene
structure-national-csirt = Nationales CERT/CSIRT
structure-government-csirt = Regierungs-CERT/CSIRT
structure-ministry = Ministerium
structure-law-enforcement = Strafverfolgungsbehörde
structure-regulator = Regulierungsbehörde
structure-other = Sonstige nationale Struktur

entry-complete = Vollständig gemäß CBM 8
entry-incomplete = Unvollständig gemäß CBM 8
entry-confirm = Geprüft, keine Änderungen
entry-confirm-hint = Die Bestätigung des Eintrags hält fest, dass jeder Kontakt geprüft wurde, und setzt die 12-Monats-Frist neu in Gang (CBM 8: jährliche Aktualisierung der Kontaktdaten).
aggregate-only = Ihr Konto sieht für diesen Staat nur zusammengefasste Zahlen.
section-pocs = Kontaktstellen
section-structures = Nationale Strukturen
section-retired = Ausgetragene Kontakte
export-csv = Verzeichnis exportieren (CSV)
export-vcard-state = vCard aller Kontakte
export-nomination = Benennung für das globale Kontaktstellenverzeichnis der Vereinten Nationen (JSON)
export-vcard = vCard

contact-add = Kontakt hinzufügen
contact-edit = Bearbeiten
contact-retire = Austragen
contact-retired = ausgetragen
contact-new-title = Neuer Kontakt
contact-edit-title = Kontakt ändern
contact-confirmed-due = bestätigt am { $confirmed }, fällig am { $due }
field-kind = Art
field-name = Name oder Funktion
field-function = Funktion
field-organisation = Organisation
field-email = E-Mail
field-phone = Telefon
field-time-zone = Zeitzone
field-languages = Sprachen
field-website = Website
field-notes = Anmerkungen
field-available = Rund um die Uhr erreichbar (24/7)
field-deputy = Stellvertretung
field-effective-on = Datum, an dem die Änderung wirksam wurde
hint-languages = Zweibuchstabige Codes, durch Leerzeichen getrennt, zum Beispiel: en fr ru.
hint-effective-on = Änderungen, die mehr als 30 Tage nach ihrem Wirksamwerden erfasst werden, gelten als verspätet gemeldet (CBM 8).
form-has-errors = Bitte korrigieren Sie Folgendes:

history-title = Verlauf
history-summary = { $versions ->
    [one] Eine Version
   *[other] { $versions } Versionen
}, { $late ->
    [0] keine davon verspätet gemeldet.
    [one] eine davon verspätet gemeldet.
   *[other] { $late } davon verspätet gemeldet.
}
change-created = Angelegt
change-changed = Geändert
change-key = Schlüssel registriert
change-confirmed = Bestätigt
change-retired = Ausgetragen
notified-late = verspätet gemeldet
notified-on-time = fristgerecht

key-upload = OpenPGP-Schlüssel registrieren
key-intro = Fügen Sie den öffentlichen OpenPGP-Schlüssel des Kontakts im ASCII-Armor-Format ein. Abgelaufene, widerrufene und nicht zur Verschlüsselung geeignete Schlüssel werden abgelehnt.
key-current = Registrierter Schlüssel:
key-armored = Öffentlicher Schlüssel (ASCII-Armor)
key-submit = Schlüssel registrieren
key-download = Herunterladen
key-none = Kein Schlüssel registriert.
key-expires = gültig bis { $date }

import-title = Kontakte aus CSV importieren
import-intro = Fügen Sie die CSV-Daten des Verzeichnisses ein (im selben Format wie beim Export). Zunächst wird jede Zeile geprüft; weist auch nur eine Zeile einen Fehler auf, wird nichts importiert.
import-csv = CSV
import-submit = Importieren
import-done = Importiert: { $created } hinzugefügt, { $changed } geändert, { $unchanged } unverändert.
import-refused = Es wurde nichts importiert. Korrigieren Sie diese Zeilen und versuchen Sie es erneut:
import-line = Zeile { $line }

audit-title = Prüfprotokoll
audit-intro = Jede Änderung mit Urheber und Zeitpunkt, über Hashwerte verkettet, sodass jede nachträgliche Veränderung erkannt wird.
audit-verify = Kette prüfen
audit-intact = { $rows ->
    [one] Die Kette aus einem Eintrag ist unversehrt.
   *[other] Die Kette aus { $rows } Einträgen ist unversehrt.
}
audit-broken = Die Kette ist bei Eintrag { $seq } unterbrochen.
audit-at = Zeitpunkt (UTC)
audit-actor = Akteur
audit-event = Ereignis
audit-subject = Gegenstand
audit-hash = Hash
audit-older = Ältere Einträge

error-title = Es ist ein Fehler aufgetreten
error-reference = Referenz für das Sekretariat: { $id }
error-back = Zurück zur Startseite

mail-reminder-subject = Liaison: Bestätigung der Kontaktstellen ({ $state })
mail-reminder-intro = { $count ->
    [one] Für den folgenden Kontakt ({ $state }) ist die jährliche Aktualisierung fällig (CBM 8). Bitte bestätigen oder aktualisieren Sie ihn.
   *[other] Für die folgenden { $count } Kontakte ({ $state }) ist die jährliche Aktualisierung fällig (CBM 8). Bitte bestätigen oder aktualisieren Sie sie.
}
mail-reminder-action = Bestätigen oder aktualisieren Sie den Eintrag hier: { $url }

# Accounts (network manager)
nav-accounts = Konten
accounts-title = Konten
accounts-new = Neues Konto
accounts-created = Das Konto { $username } wurde angelegt. Teilen Sie der Inhaberin oder dem Inhaber das Anfangspasswort auf einem gesonderten Weg mit.
accounts-state-hint = Für nationale Koordinatoren und Kontaktstellen: der dreibuchstabige Code des Staates, z. B. DEU.
accounts-initial-password = Anfangspasswort (mindestens 12 Zeichen)
accounts-create = Konto anlegen
field-display-name = Anzeigename
field-role = Rolle

# Validation messages of the forms
invalid-kind = wählen Sie eine Art von Kontakt aus der Liste
invalid-date-format = geben Sie das Datum an, an dem die Änderung wirksam wurde (JJJJ-MM-TT)
invalid-too-long = höchstens { $max } Zeichen
invalid-control-characters = darf keine Steuerzeichen enthalten
invalid-required = erforderlich
invalid-required-name = erforderlich: der Name der Person oder die Funktion
invalid-required-structure-name = erforderlich: der Name der Stelle
invalid-email = „{ $value }“ ist keine E-Mail-Adresse
invalid-phone = verwenden Sie das internationale Format: „+“, die Landesvorwahl und die Nummer, z. B. +49 228 99 9582 0
invalid-time-zone = „{ $value }“ ist keine IANA-Zeitzone wie Europe/Vienna
invalid-language = „{ $value }“ ist kein zweibuchstabiger Sprachcode nach ISO 639-1 wie en
invalid-website = muss eine Webadresse sein, die mit https:// beginnt
invalid-date-before-1990 = { $date } liegt vor 1990; prüfen Sie das Jahr
invalid-date-too-far-ahead = { $date } liegt mehr als ein Jahr in der Zukunft; kündigen Sie Änderungen höchstens ein Jahr im Voraus an
totp-wrong-code = Der Code ist falsch, abgelaufen oder bereits verwendet.
totp-login-restart = Mit einem anderen Konto anmelden
key-file = Schlüsseldatei (.asc)

# Validation messages of the account form
invalid-username = der Benutzername muss 3 bis 64 Zeichen lang sein: Kleinbuchstaben, Ziffern, „.“, „-“ oder „_“
invalid-password-too-short = das Passwort muss mindestens 12 Zeichen lang sein
invalid-password-too-long = das Passwort darf höchstens 256 Zeichen lang sein
invalid-state-required = Koordinatoren und Kontaktstellen gehören zu einem Staat
invalid-state-not-allowed = nur Koordinatoren und Kontaktstellen gehören zu einem Staat
invalid-role = unbekannte Rolle „{ $value }“ (manager, coordinator, poc, observer, auditor)
invalid-state-code = „{ $value }“ ist kein dreibuchstabiger ISO-3166-Code wie DEU
invalid-username-taken = der Benutzername „{ $value }“ ist bereits vergeben
invalid-unknown-state = kein Staat hat den Code { $value }
invalid-contact-not-allowed = nur das Konto einer Kontaktstelle wird mit einem Verzeichniskontakt verknüpft
invalid-unknown-contact = kein Kontakt mit der Kennung { $value }
invalid-contact-elsewhere = der Kontakt { $value } gehört zum Eintrag eines anderen Staates
invalid-not-a-point-of-contact = der Kontakt { $value } ist keine aktive Kontaktstelle (eine nationale Stelle oder ausgeschieden)
accounts-contact = Verzeichniskontakt (Kennung)
accounts-contact-hint = Für eine Kontaktstelle: die Kennung ihres eigenen Eintrags im Verzeichnis (die Zahl in /contacts/…), damit sie Kommunikationstests in der Anwendung beantwortet.

## Communication checks
nav-checks = Tests
checks-title = Kommunikationstests
checks-intro = Die Netzwerkverwaltung testet das Netzwerk, indem sie an jede Kontaktstelle eine Anfrage richtet; jeder Kontakt antwortet über den Link in der E-Mail, hier in der App oder mit einer Antwort, die mit seinem registrierten OpenPGP-Schlüssel signiert ist.
checks-trend-title = Entwicklung über die Tests
checks-response-rate = Antwortquote
checks-median = Median der Antwortzeit
checks-open = laufend
checks-closed = abgeschlossen
checks-none = Noch keine Kommunikationstests.
checks-older = Ältere Tests
checks-default-message = Routinemäßiger Kommunikationstest des Netzwerks der OSZE-Kontaktstellen (CBM 8). Bitte bestätigen Sie, dass Sie diese Nachricht erhalten.
checks-answered-thanks = Vielen Dank: Ihre Antwort wurde erfasst.
checks-mine-title = Anfragen an Sie
checks-answer-now = Jetzt antworten
checks-notice = { $count ->
    [one] Ein Kommunikationstest wartet auf Ihre Antwort.
   *[other] { $count } Kommunikationstests warten auf Ihre Antwort.
}
checks-launch = Test starten
checks-launch-now = Den Test starten
checks-launch-hint = Jede aktive Kontaktstelle der gewählten Ebenen in den erfassten Staaten erhält per E-Mail und in der App eine nur einmal gültige Anfrage. Die Antwortzeiten zählen jeweils ab dem Zeitpunkt, zu dem die Anfrage an den betreffenden Kontakt versandt wurde.
checks-caption = { $count ->
    [one] Ein Test
   *[other] { $count } Tests
}
checks-unreachable-count = { $count ->
    [one] ein Kontakt nicht erreichbar
   *[other] { $count } Kontakte nicht erreichbar
}
col-check = Test
col-sent-at = Gesendet
col-deadline = Antwort bis
col-outcome = Ergebnis
col-launched = Gestartet
col-closes = Endet
col-scope = Umfang
col-levels = Ebenen
col-window = Antwortfrist
col-states-reached = Erreichte Staaten
col-response-time = Antwortzeit
col-answer-way = Antwort über
col-last-check = Letzter Test
col-unreachable = Nicht erreichbar
scope-all = Alle Teilnehmerstaaten
scope-region = Eine Region
scope-states = Folgende Staaten (Codes)
levels-both = Politische und technische Ebene
levels-policy = Politische Ebene
levels-technical = Technische Ebene
hours = { $count ->
    [one] { $count } Stunde
   *[other] { $count } Stunden
}
region-northern-america = Nordamerika
region-northern-europe = Nordeuropa
region-western-europe = Westeuropa
region-southern-europe = Südeuropa
region-eastern-europe = Osteuropa
region-western-asia = Westasien
region-central-asia = Zentralasien
region-eastern-asia = Ostasien
outcome-pending = Ausstehend
outcome-on-time = Fristgerecht
outcome-late = Verspätet
outcome-no-answer = Keine Antwort
outcome-delivery-failed = Zustellung fehlgeschlagen
way-link = Link
way-app = App
way-signed-reply = signierte Antwort
field-window-hours = Antwortfrist (Stunden)
field-spread-hours = Staffelung (Stunden)
field-spread-hint = Jede Anfrage wird zu einem zufälligen Zeitpunkt innerhalb dieser Anzahl von Stunden nach dem Start versandt, damit keine Zeitzone sie immer nachts erhält. Bei 0 werden alle Anfragen gleichzeitig versandt; höchstens die Hälfte der Antwortfrist.
field-check-message = Nachricht (Englisch)
check-title = Kommunikationstest #{ $id }
check-spread = innerhalb von { $hours } h nach dem Start versandt
check-figures = Kennzahlen
check-key-verified = Schlüssel geprüft
check-key-verified-count = Mit Schlüssel bestätigte Antworten
check-no-contact = Ebenen ohne Kontakt
check-no-contact-short = kein Kontakt
check-export-csv = Ergebnisse als CSV
check-states-caption = Staaten
check-contacts-caption = { $count ->
    [one] Ein Kontakt angefragt
   *[other] { $count } Kontakte angefragt
}
check-reached = Erreicht
check-not-reached = Nicht erreicht
check-reminded = erinnert
check-aggregate-only = Ihr Konto sieht nur die Kennzahlen der Tests; die Ergebnisse der einzelnen Staaten sind der Netzwerkverwaltung und dem jeweiligen Staat vorbehalten.
unreachable = nicht erreichbar
filter-unreachable = Nicht erreichbare Kontakte
contact-checks-title = Kommunikationstests
contact-unreachable = Dieser Kontakt hat auf die letzten beiden Kommunikationstests nicht geantwortet: Er ist als nicht erreichbar gekennzeichnet.
answer-title = Kommunikationstest
answer-confirm = Ja, ich erhalte diese Nachricht: meine Antwort erfassen
answer-hint = Der Link funktioniert nur einmal. Das Öffnen allein gilt nicht als Antwort; erst diese Schaltfläche erfasst sie.
answer-recorded = Vielen Dank, { $name }: Ihre Antwort wurde erfasst ({ $minutes } nach dem Versand der Anfrage).
answer-already = Diese Anfrage wurde bereits am { $at } UTC beantwortet.
answer-closed = Dieser Test ist abgeschlossen; seine Ergebnisse sind endgültig, und es werden keine Antworten mehr angenommen.
invalid-check-window = zwischen 1 und { $max } Stunden
invalid-check-spread = höchstens die Hälfte der Antwortfrist: { $max } Stunden
invalid-check-no-states = wählen Sie mindestens einen Staat
invalid-check-not-participating = { $value } ist kein Teilnehmerstaat
invalid-check-scope = wählen Sie alle Staaten, eine Region oder eine Liste von Staaten
invalid-check-region = wählen Sie eine Region
invalid-check-state-code = verwenden Sie dreibuchstabige Codes wie DEU, getrennt durch Leerzeichen oder Kommas
invalid-check-levels = wählen Sie die politische Ebene, die technische Ebene oder beide
invalid-check-control-characters = darf außer Zeilenumbrüchen keine Steuerzeichen enthalten
mail-check-subject = Kommunikationstest: Bitte antworten Sie innerhalb von { $hours } Stunden
mail-check-reminder-subject = Erinnerung: Kommunikationstest, bitte antworten Sie bis { $deadline }
mail-check-reminder-intro = Sie haben auf diesen Kommunikationstest noch nicht geantwortet. Dies ist die einzige Erinnerung.
mail-check-intro = Dies ist ein Kommunikationstest des Netzwerks der OSZE-Kontaktstellen (CBM 8) für { $name } ({ $level }, { $state }).
mail-check-message = Nachricht der Netzwerkverwaltung:
mail-check-deadline = Bitte antworten Sie bis { $deadline }.
mail-check-answer-link = Antworten Sie, indem Sie diesen Link öffnen und bestätigen (keine Anmeldung erforderlich; der Link funktioniert nur einmal): { $url }
mail-check-answer-app = Oder melden Sie sich an und antworten Sie unter „Tests“: { $url }
mail-check-answer-signed = Um zu zeigen, dass Ihr registrierter OpenPGP-Schlüssel noch funktioniert, antworten Sie mit einer signierten Nachricht: { $command } – oder mit GnuPG: { $gpg }
nav-requests = Ersuchen
nav-channel-stats = Kanal
requests-title = Geschützte Ersuchen
requests-intro = Ersuchen zwischen Staaten über den geschützten Kanal. Betreff, Text und Anhänge werden Ende-zu-Ende mit den Schlüsseln der Kontaktstellen verschlüsselt: Der Server und die Netzwerkverwaltung sehen nur den Umschlag.
requests-new = Neues Ersuchen
requests-empty = Noch keine Ersuchen.
requests-cli-hint = Der Befehlszeilen-Client übernimmt die Verschlüsselung für Sie: { $command }
col-request = Nr.
col-from = Von
col-to = An
col-kind = Art
col-urgency = Dringlichkeit
col-level = Ebene
col-tlp = TLP-Stufe
col-messages = Nachrichten
kind-consultation = Konsultation
kind-information-request = Informationsersuchen
kind-assistance-request = Unterstützungsersuchen
kind-incident-notification = Meldung eines Sicherheitsvorfalls
kind-vulnerability-information = Informationen zu einer Schwachstelle
kind-general = Allgemein
urgency-routine = Routinemäßig
urgency-priority = Vorrangig
urgency-urgent = Dringend
leg-sent = Gesendet
leg-delivered = Zugestellt
leg-acknowledged = Eingang bestätigt
leg-answered = Beantwortet
leg-closed = Abgeschlossen
request-title = Ersuchen { $id }
request-closed = abgeschlossen
request-sent-by = Gesendet von
request-language = Sprache des Inhalts
request-legs = Empfängerstaaten
col-acknowledge-by = Eingangsbestätigung bis
col-acknowledged = Eingang bestätigt
col-escalated = Eskaliert
request-overdue = überfällig
request-messages = Nachrichten
col-seq = Nr.
col-size = Größe (Bytes)
col-sha256 = SHA-256-Prüfsumme
request-download = Herunterladen (.asc)
request-left-out = Diese Kontaktstellen können die letzte Nachricht nicht lesen (kein verwendbarer Schlüssel): { $names }
request-acknowledge = Eingang bestätigen
request-close = Abschließen
request-escalate = Jetzt auf die politische Ebene eskalieren
request-reply = Antworten
request-reply-help = Verschlüsseln Sie Ihre Antwort mit den Schlüsseln dieses Vorgangs und laden Sie dann die Datei hoch oder fügen Sie den Text im ASCII-Armor-Format ein.
request-keys-link = Schlüssel für die Verschlüsselung
request-feedback = Rückmeldung für die Netzwerkverwaltung (ohne Inhalt): War dieser Austausch nützlich?
request-feedback-yes = Nützlich
request-feedback-no = Nicht nützlich
request-message-file = Verschlüsselte Nachricht: eine Datei im ASCII-Armor-Format (.asc)
request-message-text = oder fügen Sie die Nachricht im ASCII-Armor-Format ein
request-send = Senden
request-new-help = Wählen Sie die Empfänger und die Ebene, laden Sie deren Schlüssel herunter, verschlüsseln Sie Betreff, Text und Anhänge mit genau diesen Schlüsseln und laden Sie anschließend das Ergebnis hoch.
field-to = Empfängerstaaten (Codes wie AUT EST)
field-urgency = Dringlichkeit
field-level = Ebene
field-tlp = TLP-Kennzeichnung
field-language = Sprache des Inhalts
keys-title = Schlüssel für die Verschlüsselung
keys-intro = Verschlüsseln Sie mit jedem dieser Schlüssel, nicht mehr und nicht weniger: mit den verwendbaren Schlüsseln der Kontaktstellen der Empfänger auf dieser Ebene sowie mit denen Ihres eigenen Staates.
keys-download = Diese Schlüssel herunterladen (.asc)
keys-show = Schlüssel anzeigen
col-contact = Kontakt
col-fingerprint = Fingerabdruck
keys-left-out = Nicht berücksichtigt (kein verwendbarer Schlüssel)
reason-no-key = kein Schlüssel registriert
reason-expired = Schlüssel abgelaufen
reason-revoked = Schlüssel widerrufen
reason-unusable = Schlüssel nicht verwendbar
channel-stats-title = Geschützter Kanal: Statistik
channel-stats-intro = Wie der Kanal genutzt wird: nur Anzahlen und Zeiten. Der Inhalt der Ersuchen ist für die Netzwerkverwaltung nie sichtbar.
stats-requests = Ersuchen
stats-messages = Nachrichten
stats-legs = Angeschriebene Empfängerstaaten
stats-acknowledged = Eingang bestätigt
stats-acknowledged-on-time = Eingang fristgerecht bestätigt
stats-escalated = Eskaliert
stats-median-ack = Median der Zeit bis zur Eingangsbestätigung
stats-p90-ack = 90. Perzentil der Zeit bis zur Eingangsbestätigung
stats-feedback = Rückmeldungen: nützlich / nicht nützlich
stats-by-kind = Nach Art
stats-by-urgency = Nach Dringlichkeit
stats-by-level = Nach Ebene
invalid-request-no-recipients = wählen Sie mindestens einen Empfängerstaat
invalid-request-own-state = ein Ersuchen richtet sich an andere Staaten als Ihren eigenen
invalid-request-repeated = { $value } ist doppelt angegeben
invalid-request-unknown-state = { $value } ist kein Staat der OSZE
invalid-request-language = „{ $value }“ ist keine Amtssprache der OSZE (en, fr, de, it, ru, es)
invalid-request-unaddressable-policy = { $states } kann auf der politischen Ebene nicht angeschrieben werden: Keine dortige Kontaktstelle verfügt über einen verwendbaren Schlüssel
invalid-request-unaddressable-technical = { $states } kann auf der technischen Ebene nicht angeschrieben werden: Keine dortige Kontaktstelle verfügt über einen verwendbaren Schlüssel
invalid-request-unaddressable-policy-other = { $states } kann auf der politischen Ebene nicht angeschrieben werden: Keine dortige Kontaktstelle verfügt über einen verwendbaren Schlüssel; { $other_states } kann auf der technischen Ebene angeschrieben werden
invalid-request-unaddressable-technical-other = { $states } kann auf der technischen Ebene nicht angeschrieben werden: Keine dortige Kontaktstelle verfügt über einen verwendbaren Schlüssel; { $other_states } kann auf der politischen Ebene angeschrieben werden
invalid-request-malformed = die Nachricht ist keine OpenPGP-Nachricht: { $detail }
invalid-request-not-encrypted = die Nachricht ist nicht verschlüsselt: Erforderlich ist eine OpenPGP-Nachricht, die mit den Schlüsseln der Empfänger verschlüsselt ist
invalid-request-unprotected = die Nachricht verwendet die veraltete Verschlüsselung ohne Integritätsschutz; verschlüsseln Sie sie mit einer aktuellen OpenPGP-Implementierung
invalid-request-password = die Nachricht ist mit einem Passwort verschlüsselt; verschlüsseln Sie sie ausschließlich mit den öffentlichen Schlüsseln der Empfänger
invalid-request-anonymous = die Nachricht ist für einen anonymen Empfänger verschlüsselt, was sich nicht prüfen lässt; nennen Sie jeden Empfänger ausdrücklich
invalid-request-duplicate = die Nachricht ist zweimal für { $key } verschlüsselt
invalid-request-key-set = die Nachricht ist nicht mit genau den erforderlichen Schlüsseln verschlüsselt; fehlend: { $missing }; nicht im Schlüsselsatz: { $extra }
mail-request-subject = [Liaison] { $urgency }: { $kind } von { $state } (Ersuchen { $id })
mail-request-reply-subject = [Liaison] Antwort von { $state } zu Ersuchen { $id }
mail-request-ack-subject = [Liaison] { $state } hat den Eingang von Ersuchen { $id } bestätigt
mail-request-ack-body = { $state } hat am { $at } den Eingang Ihres Ersuchens { $id } bestätigt. Zum Vorgang: { $url }
mail-request-escalated-subject = [Liaison] Unbestätigtes Ersuchen { $id } von { $from } an { $state }
mail-request-escalated-body = { $from } hat am { $sent } ein Ersuchen an die Kontaktstellen von { $state } ({ $level }) gerichtet: { $urgency }, { $kind }. Der Eingang hätte bis { $deadline } bestätigt werden sollen, was nicht geschehen ist. Bitte sorgen Sie dafür, dass das Ersuchen bearbeitet wird; sein Inhalt ist für die Kontaktstellen auf dieser Ebene verschlüsselt. Zum Vorgang: { $url }

# Transparency log
nav-transparency = Transparenz
log-title = Transparenzprotokoll
log-intro = Jede Änderung des Verzeichnisses (Kontakt oder Struktur angelegt, geändert, bestätigt oder ausgeschieden, Schlüssel registriert) ist ein Blatt eines nur erweiterbaren Merkle-Baums (RFC 9162). Der Server signiert jeden Baumkopf mit dem Schlüssel unten, damit jeder Staat prüfen kann, dass kein Kontakt und kein Schlüssel unbemerkt geändert wurde.
log-key = Protokollschlüssel
log-key-algorithm = Algorithmus
log-key-public = Öffentlicher Schlüssel
log-key-id = Schlüsselkennung
log-key-created = Erstellt am
log-key-pin = Hinterlegen Sie diesen Schlüssel fest in Ihrem Prüfprogramm: Es prüft jeden signierten Baumkopf, die Konsistenz mit dem zuletzt gesehenen Kopf und die Aufnahme jedes gelesenen Kontakts.
log-head = Letzter signierter Baumkopf
log-head-size = Baumgröße
log-head-root = Wurzel-Hash
log-head-time = Signiert am (UTC)
log-head-signature = Signatur
log-own = Einträge von { $state }
log-own-intro = Ob die aktuelle Fassung jedes Ihrer Einträge im signierten Baum steht und dem Verzeichnis entspricht, hier auf dem Server geprüft. Starten Sie das Prüfprogramm für eine Prüfung, die nicht vom Server abhängt.
log-version = Fassung
log-leaf = Blatt
log-proof = Nachweis
log-proven = Im signierten Baum
log-not-proven = Nicht nachgewiesen
log-verified = Von Staaten geprüft
log-verified-intro = Der Baumkopf, den jeder Staat zuletzt geprüft und veröffentlicht hat (mit liaison verify --publish).
log-state = Staat
log-verified-on = Geprüft am
log-behind-col = Seitdem
log-up-to-date = Aktuell
log-behind = { $count ->
    [one] { $count } neuerer Eintrag
   *[other] { $count } neuere Einträge
}
log-verified-none = Noch kein Staat hat einen geprüften Baumkopf veröffentlicht.
log-recent = Neueste Einträge
log-appended = Angefügt am
log-contact = Kontakt
log-change = Änderung
log-fingerprint = Schlüssel-Fingerabdruck
log-heads = Neueste Baumköpfe
audit-log-intact = Das Transparenzprotokoll ist unversehrt: { $leaves } Blätter und { $heads } signierte Baumköpfe stimmen mit dem Verzeichnis überein.
audit-log-broken = Das Transparenzprotokoll stimmt nicht mit seinen Blättern oder dem Verzeichnis überein:

# Annual information exchange (CBMs 1, 4, 6, 7, 9, 15)
nav-exchange = Austausch
exchange-title = Informationsaustausch
exchange-intro = Jedes Jahr stellt jeder Teilnehmerstaat seine Informationen zu den CBM in einem einzigen konsolidierten Beitrag zusammen, der unter einem Dokumentenzeichen an alle Teilnehmerstaaten verteilt wird und zu dem diese Rückfragen stellen können.
exchange-cycles = Zyklen
exchange-no-cycles = Es wurde noch kein Austauschzyklus eröffnet.
exchange-year = Jahr
exchange-opens-on = Beginnt am
exchange-deadline = Frist
exchange-deadline-hint = Lassen Sie das Feld leer, um den 31. Oktober des Jahres festzulegen; zur Abstimmung mit den Zeitplänen der Vereinten Nationen kann jedes beliebige Datum gesetzt werden.
exchange-sections = Abschnitte
exchange-section = Abschnitt
exchange-circulation = Verteilung
exchange-circulation-on-submission = Bei Einreichung
exchange-circulation-by-manager = Durch die Netzwerkverwaltung
exchange-pattern = Muster des Dokumentenzeichens
exchange-pattern-hint = Die laufende Nummer des Jahres und das Jahr werden eingesetzt, wie in PC.DEL/682/27.
exchange-open = Zyklus eröffnen
exchange-open-now = Den Zyklus eröffnen
exchange-across-years = Beiträge im Jahresvergleich
exchange-counts = Fristgerecht eingereicht: { $on_time } · verspätet: { $late } · noch nicht eingereicht: { $not_yet }
exchange-own-submission = Beitrag Ihres Staates
exchange-progress = Teilnehmerstaaten
exchange-status = Stand
exchange-status-not-started = Nicht begonnen
exchange-status-draft = Entwurf
exchange-status-submitted = Eingereicht, Verteilung ausstehend
exchange-status-circulated = Verteilt
exchange-status-revising = Verteilt, Überarbeitung läuft
exchange-submitted-at = Eingereicht am
exchange-reference = Dokumentenzeichen
exchange-late = verspätet
exchange-circulated-on = Verteilt am
exchange-section-threats = Nationale Sichtweisen zu Bedrohungen
exchange-section-open-internet = Maßnahmen für ein offenes, interoperables, sicheres und zuverlässiges Internet
exchange-section-legislation = Rechtsvorschriften für die Zusammenarbeit
exchange-section-organisation = Nationale Organisation, Strategien, Politiken und Programme
exchange-section-terminology = Nationale Terminologie
exchange-section-critical-infrastructure = Kategorien kritischer Infrastrukturen
exchange-term = Begriff
exchange-definition = Begriffsbestimmung
exchange-english-term = Englischer Begriff
exchange-english-definition = Englische Begriffsbestimmung
exchange-source = Quelle
exchange-saved = Gespeichert.
exchange-autosaved = Automatisch gespeichert
exchange-submitted-notice = Eingereicht.
exchange-documents = Verteilte Dokumente
exchange-changes = Änderungen
exchange-changes-between = Änderungen zwischen { $from } und { $to }
exchange-unchanged = unverändert
exchange-circulate = Verteilen
exchange-draft = Entwurf
exchange-draft-hint = Der Entwurf ist nur für Ihren Staat sichtbar; jede Speicherung wird als Fassung aufbewahrt. Er wird während des Schreibens automatisch gespeichert.
exchange-not-ready = Noch nicht bereit zur Einreichung:
exchange-version = Fassung { $version }
exchange-language = Sprache
exchange-text = Text (Markdown-Format)
exchange-english = Englische Übersetzung (Markdown; erforderlich, sofern der Text nicht auf Englisch verfasst ist)
exchange-markdown-hint = Überschriften, Listen, Hervorhebungen, Tabellen und Links bleiben erhalten; Bilder und HTML werden nicht angezeigt.
exchange-terms-count = { $count ->
    [one] { $count } Begriff
   *[other] { $count } Begriffe
}
exchange-terms-import = Begriffe aus CSV importieren
exchange-terms-file = CSV-Datei
exchange-terms-hint = Spalten: term, language, definition, english_term, english_definition, source. Eine Datei mit auch nur einem Fehler wird vollständig zurückgewiesen.
exchange-terms-import-now = Importieren
exchange-save = Speichern
exchange-submit = Beitrag einreichen
exchange-submit-revision = Überarbeitung einreichen
exchange-not-circulated = Noch nicht verteilt. Andere Staaten sehen nur den Bearbeitungsstand des Entwurfs.
exchange-not-circulated-short = nicht verteilt
exchange-export-html = Exportieren (HTML)
exchange-export-pdf = Exportieren (PDF)
exchange-attachments = Anhänge
exchange-attachment-size = { $kib } KiB
exchange-attachment-remove = Entfernen
exchange-attach = Datei anhängen
exchange-attach-hint = Ein Gesetz oder eine Strategie wie veröffentlicht, höchstens 10 MiB; bis zu zehn Dateien je Abschnitt. Leser laden sie genau so herunter, wie sie angehängt wurde.
exchange-attach-now = Anhängen
exchange-inquiries = Rückfragen
exchange-no-inquiries = Keine Rückfragen, die Sie einsehen dürfen.
exchange-inquiry-from = Rückfrage von { $state }
exchange-public = öffentlich
exchange-reply = Antworten
exchange-send = Senden
exchange-make-public = Diesen Vorgang für alle Teilnehmerstaaten lesbar machen
exchange-make-private = Diesen Vorgang auf die beiden Staaten beschränken
exchange-inquire = Rückfrage stellen
exchange-inquiry-section = Betrifft
exchange-whole-submission = Der gesamte Beitrag
exchange-question = Frage
exchange-inquire-now = Rückfrage senden
invalid-exchange-year = { $year } ist kein Jahr des Austauschs (2013 bis 2100)
invalid-exchange-year-format = geben Sie das Jahr vierstellig an
invalid-exchange-opens-after-deadline = der Zyklus beginnt am { $opens_on } und damit nach seiner Frist ({ $deadline })
invalid-exchange-no-sections = wählen Sie mindestens einen Abschnitt
invalid-exchange-duplicate-section = der Abschnitt { $section } ist doppelt gewählt
invalid-exchange-pattern = das Muster des Dokumentenzeichens ist nicht verwendbar: { $problem }
invalid-exchange-empty-section = der Abschnitt { $section } ist erforderlich, aber leer
invalid-exchange-language = der Abschnitt { $section } ist in „{ $language }“ verfasst, keiner Amtssprache der OSZE (en, fr, de, it, ru, es)
invalid-exchange-missing-translation = der Abschnitt { $section } ist in „{ $language }“ verfasst und benötigt seine englische Übersetzung
invalid-exchange-not-asked = der Zyklus sieht den Abschnitt { $section } nicht vor
invalid-exchange-term = beim { $number }. Begriff: { $problem }
invalid-exchange-not-open = der Zyklus beginnt am { $opens_on }; erst dann kann der Entwurf erstellt werden
invalid-exchange-awaiting-circulation = der Beitrag wartet auf seine Verteilung und kann bis dahin nicht geändert werden
invalid-exchange-nothing-to-revise = seit der verteilten Fassung hat sich nichts geändert; ändern Sie einen Abschnitt, um eine Überarbeitung einzureichen
invalid-exchange-not-submitted = nur ein eingereichter Beitrag wird verteilt
invalid-exchange-too-long = ein Text darf höchstens { $max } Zeichen umfassen
invalid-exchange-attachment-name = der Anhang braucht einen Dateinamen (höchstens 200 Zeichen, kein Pfad)
invalid-exchange-attachment-empty = der Anhang ist eine leere Datei
invalid-exchange-attachment-too-large = ein Anhang darf höchstens { $max } MiB groß sein
invalid-exchange-too-many-attachments = ein Abschnitt trägt höchstens { $max } Anhänge
mail-exchange-opened-subject = Liaison: Der Informationsaustausch { $year } ist eröffnet
mail-exchange-opened-body = Die Netzwerkverwaltung hat den Zyklus { $year } des jährlichen Informationsaustauschs eröffnet. Die Bearbeitung beginnt am { $opens_on }; die Frist endet am { $deadline }. Erstellen Sie den konsolidierten Beitrag Ihres Staates hier: { $url }
mail-exchange-circulated-subject = Liaison: { $reference } verteilt ({ $state })
mail-exchange-circulated-body = { $revision ->
    [0] Der Beitrag von { $state } für { $year } wurde als { $reference } verteilt.
   *[other] Eine Überarbeitung des Beitrags von { $state } für { $year } wurde als { $reference } verteilt.
} Sie können das Dokument hier lesen und Rückfragen stellen: { $url }
mail-exchange-inquiry-subject = Liaison: Rückfrage zu { $reference }
mail-exchange-inquiry-body = { $state } hat im Rahmen einer Rückfrage zu { $reference } geschrieben. Sie können die Rückfrage hier lesen und beantworten: { $url }

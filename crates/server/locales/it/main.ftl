app-name = Liaison
footer-text = Liaison · Misure OSCE di rafforzamento della fiducia in materia di cibersicurezza e TIC · Decisione n. 1202
nav-skip = Vai al contenuto
nav-label = Navigazione principale
nav-directory = Elenco
nav-import = Importazione
nav-audit = Registro di audit
nav-security = Sicurezza
nav-language = Lingua
nav-logout = Esci
action-apply = Applica
action-save = Salva
action-cancel = Annulla
yes = Sì
no = No
missing = mancante
none-yet = Ancora nessuno.

role-manager = Gestore della rete
role-coordinator = Coordinatore nazionale
role-poc = Punto di contatto
role-observer = Osservatore
role-auditor = Revisore

login-title = Accesso
login-intro = Acceda alla rete dei punti di contatto dell'OSCE.
login-submit = Accedi
login-failed = Nome utente o password non corretti.
login-rate-limited = Troppi tentativi. Attenda un minuto e riprovi.
field-username = Nome utente
field-password = Password
field-totp-code = Codice a sei cifre dell'app di autenticazione

totp-login-title = Secondo fattore
totp-login-intro = Inserisca il codice che l'app di autenticazione mostra per Liaison.
totp-verify = Verifica
totp-title = Autenticazione a due fattori
totp-intro = Protegga il Suo account con un codice monouso basato sul tempo (TOTP) generato da un'app di autenticazione.
totp-required = Questo server richiede l'autenticazione a due fattori per tutti gli account. La attivi ora per continuare.
totp-start = Configura l'autenticazione a due fattori
totp-scan = Scansioni questo codice QR con l'app di autenticazione, quindi inserisca il codice visualizzato.
totp-qr-alt = Codice QR del segreto TOTP
totp-secret-once = In alternativa, digiti questo segreto nell'app. Viene mostrato una sola volta:
totp-confirm = Conferma e attiva
totp-enabled = L'autenticazione a due fattori è attiva per il Suo account.

states-title = Elenco dei punti di contatto
states-summary = { $complete } dei { $participating } Stati partecipanti { $complete ->
    [one] dispone
   *[other] dispongono
} di un punto di contatto aggiornato sia a livello politico sia a livello tecnico.
states-filter = Filtra gli Stati
states-caption = { $count ->
    [one] Uno Stato
   *[other] { $count } Stati
}
filter-all = Tutti
filter-overdue = Scaduti
filter-due-soon = In scadenza
filter-late = Notificati in ritardo
filter-no-policy = Senza punto di contatto a livello politico
filter-no-technical = Senza punto di contatto a livello tecnico
filter-incomplete = Incompleti
col-state = Stato
col-status = Status
col-contacts = Contatti
col-late = Notifiche tardive (12 mesi)
col-policy = Livello politico
col-technical = Livello tecnico
col-next-due = Prossima scadenza
col-last-confirmed = Ultima conferma
col-key = Chiave OpenPGP
col-annual = Aggiornamento annuale
col-due-on = Scadenza
col-version = Versione
col-change = Modifica
col-recorded-at = Registrazione
col-recorded-by = Autore
col-notified = Notifica
col-details = Dettagli
state-status-participating = Stato partecipante
state-status-partner-asian = Partner asiatico per la cooperazione
state-status-partner-mediterranean = Partner mediterraneo per la cooperazione
status-current = Aggiornato
status-due-soon = In scadenza
status-overdue = Scaduto
level-policy = Punto di contatto a livello politico
level-technical = Punto di contatto a livello tecnico
structure-national-csirt = CERT/CSIRT nazionale
structure-government-csirt = CERT/CSIRT governativo
structure-ministry = Ministero
structure-law-enforcement = Autorità di contrasto
structure-regulator = Autorità di regolamentazione
structure-other = Altra struttura nazionale

entry-complete = Completo ai sensi della CBM 8
entry-incomplete = Incompleto ai sensi della CBM 8
entry-confirm = Verificato, nessuna modifica
entry-confirm-hint = La conferma della voce attesta che ogni contatto è stato verificato e fa decorrere nuovamente il termine di 12 mesi (CBM 8: aggiornamento annuale dei dati di contatto).
aggregate-only = Il Suo account può consultare soltanto i dati aggregati di questo Stato.
section-pocs = Punti di contatto
section-structures = Strutture nazionali
section-retired = Contatti dismessi
export-csv = Esporta l'elenco (CSV)
export-vcard-state = vCard di tutti i contatti
export-nomination = Designazione per l'Elenco globale dei punti di contatto delle Nazioni Unite (JSON)
export-vcard = vCard

contact-add = Aggiungi un contatto
contact-edit = Modifica
contact-retire = Dismetti
contact-retired = dismesso
contact-new-title = Nuovo contatto
contact-edit-title = Modifica di un contatto
contact-confirmed-due = confermato il { $confirmed }, scadenza il { $due }
field-kind = Tipo
field-name = Nome o funzione
field-function = Funzione
field-organisation = Organizzazione
field-email = E-mail
field-phone = Telefono
field-time-zone = Fuso orario
field-languages = Lingue
field-website = Sito web
field-notes = Note
field-available = Reperibile 24 ore su 24, 7 giorni su 7
field-deputy = Sostituto
field-effective-on = Data di decorrenza della modifica
hint-languages = Codici di due lettere separati da spazi, ad esempio: en fr ru.
hint-effective-on = Le modifiche registrate oltre 30 giorni dopo la loro decorrenza sono segnalate come notificate in ritardo (CBM 8).
form-has-errors = Correggere quanto segue:

history-title = Cronologia
history-summary = { $versions ->
    [one] Una versione
   *[other] { $versions } versioni
}, { $late ->
    [0] nessuna notificata in ritardo.
    [one] una notificata in ritardo.
   *[other] { $late } notificate in ritardo.
}
change-created = Creazione
change-changed = Modifica
change-key = Registrazione della chiave
change-confirmed = Conferma
change-retired = Dismissione
notified-late = in ritardo
notified-on-time = nei termini

key-upload = Registra una chiave OpenPGP
key-intro = Incolli la chiave pubblica OpenPGP del contatto in formato ASCII armor. Le chiavi scadute, revocate o non idonee alla cifratura vengono rifiutate.
key-current = Chiave registrata:
key-armored = Chiave pubblica (ASCII armor)
key-submit = Registra la chiave
key-download = Scarica
key-none = Nessuna chiave registrata.
key-expires = scade il { $date }

import-title = Importazione di contatti da CSV
import-intro = Incolli il CSV dell'elenco (nello stesso formato dell'esportazione). Ogni riga viene verificata preventivamente; se anche una sola riga presenta un problema, non viene importato nulla.
import-csv = CSV
import-submit = Importa
import-done = Importazione completata: aggiunti { $created }, modificati { $changed }, invariati { $unchanged }.
import-refused = Non è stato importato nulla. Corregga le righe seguenti e riprovi:
import-line = Riga { $line }

audit-title = Registro di audit
audit-intro = Ogni modifica, con l'autore e la data, concatenata mediante hash in modo che qualsiasi alterazione venga rilevata.
audit-verify = Verifica la catena
audit-intact = { $rows ->
    [one] La catena di una voce è integra.
   *[other] La catena di { $rows } voci è integra.
}
audit-broken = La catena è interrotta alla voce { $seq }.
audit-at = Ora (UTC)
audit-actor = Autore
audit-event = Evento
audit-subject = Oggetto
audit-hash = Hash
audit-older = Voci precedenti

error-title = Si è verificato un errore
error-reference = Riferimento da comunicare al Segretariato: { $id }
error-back = Torna alla pagina iniziale

mail-reminder-subject = Liaison: conferma dei punti di contatto ({ $state })
mail-reminder-intro = { $count ->
    [one] Il seguente contatto ({ $state }) è in scadenza per l'aggiornamento annuale (CBM 8). La preghiamo di confermarlo o di aggiornarlo.
   *[other] I seguenti { $count } contatti ({ $state }) sono in scadenza per l'aggiornamento annuale (CBM 8). La preghiamo di confermarli o di aggiornarli.
}
mail-reminder-action = Confermi o aggiorni la voce qui: { $url }

# Accounts (network manager)
nav-accounts = Account
accounts-title = Account
accounts-new = Nuovo account
accounts-created = L'account { $username } è stato creato. Comunichi la password iniziale al titolare attraverso un canale separato.
accounts-state-hint = Per i coordinatori nazionali e i punti di contatto: il codice di tre lettere dello Stato, ad esempio DEU.
accounts-initial-password = Password iniziale (almeno 12 caratteri)
accounts-create = Crea l'account
field-display-name = Nome visualizzato
field-role = Ruolo

# Validation messages of the forms
invalid-kind = scegliete un tipo di contatto dall’elenco
invalid-date-format = indicate la data in cui la modifica ha avuto effetto (AAAA-MM-GG)
invalid-too-long = al massimo { $max } caratteri
invalid-control-characters = non deve contenere caratteri di controllo
invalid-required = obbligatorio
invalid-required-name = obbligatorio: il nome della persona o la funzione
invalid-required-structure-name = obbligatorio: il nome della struttura
invalid-email = «{ $value }» non è un indirizzo di posta elettronica
invalid-phone = usate il formato internazionale: «+», il prefisso del paese e il numero, ad esempio +49 228 99 9582 0
invalid-time-zone = «{ $value }» non è un fuso orario IANA come Europe/Vienna
invalid-language = «{ $value }» non è un codice di lingua ISO 639-1 di due lettere come en
invalid-website = deve essere un indirizzo web che inizia con https://
invalid-date-before-1990 = { $date } è anteriore al 1990; controllate l’anno
invalid-date-too-far-ahead = { $date } è oltre un anno nel futuro; annunciate le modifiche al massimo un anno prima
totp-wrong-code = Il codice è errato, scaduto o già utilizzato.
totp-login-restart = Accedi con un altro account
key-file = File della chiave (.asc)

# Validation messages of the account form
invalid-username = il nome utente deve avere da 3 a 64 caratteri: lettere minuscole, cifre, «.», «-» o «_»
invalid-password-too-short = la password deve avere almeno 12 caratteri
invalid-password-too-long = la password può avere al massimo 256 caratteri
invalid-state-required = i coordinatori e i punti di contatto appartengono a uno Stato
invalid-state-not-allowed = solo i coordinatori e i punti di contatto appartengono a uno Stato
invalid-role = ruolo sconosciuto «{ $value }» (manager, coordinator, poc, observer, auditor)
invalid-state-code = «{ $value }» non è un codice ISO 3166 di tre lettere come DEU
invalid-username-taken = il nome utente «{ $value }» è già in uso
invalid-unknown-state = nessuno Stato ha il codice { $value }

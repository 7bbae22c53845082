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
invalid-contact-not-allowed = solo l'account di un punto di contatto è collegato a un contatto dell'elenco
invalid-unknown-contact = nessun contatto con identificativo { $value }
invalid-contact-elsewhere = il contatto { $value } appartiene alla voce di un altro Stato
invalid-not-a-point-of-contact = il contatto { $value } non è un punto di contatto attivo (una struttura nazionale, o ritirato)
accounts-contact = Contatto dell'elenco (identificativo)
accounts-contact-hint = Per un punto di contatto: l'identificativo della propria voce nell'elenco (il numero in /contacts/…), affinché risponda alle verifiche delle comunicazioni nell'applicazione.

## Communication checks
nav-checks = Verifiche
checks-title = Verifiche delle comunicazioni
checks-intro = Il gestore della rete mette alla prova la rete inviando una richiesta a ogni punto di contatto; ciascun contatto risponde tramite il link contenuto nell'e-mail, qui nell'app oppure con una risposta firmata con la propria chiave OpenPGP registrata.
checks-trend-title = Andamento delle verifiche
checks-response-rate = Tasso di risposta
checks-median = Tempo di risposta mediano
checks-open = in corso
checks-closed = chiusa
checks-none = Ancora nessuna verifica delle comunicazioni.
checks-older = Verifiche precedenti
checks-default-message = Verifica ordinaria delle comunicazioni della rete dei punti di contatto dell'OSCE (CBM 8). La preghiamo di confermare di aver ricevuto questo messaggio.
checks-answered-thanks = Grazie: la Sua risposta è stata registrata.
checks-mine-title = Richieste a Lei indirizzate
checks-answer-now = Rispondi ora
checks-notice = { $count ->
    [one] Una verifica delle comunicazioni attende la Sua risposta.
   *[other] { $count } verifiche delle comunicazioni attendono la Sua risposta.
}
checks-launch = Avvia una verifica
checks-launch-now = Avvia la verifica
checks-launch-hint = Ogni punto di contatto attivo ai livelli scelti degli Stati interessati riceve una richiesta monouso per e-mail e nell'app. I tempi di risposta decorrono dall'ora di invio propria di ciascun contatto.
checks-caption = { $count ->
    [one] Una verifica
   *[other] { $count } verifiche
}
checks-unreachable-count = { $count ->
    [one] un contatto non raggiungibile
   *[other] { $count } contatti non raggiungibili
}
col-check = Verifica
col-sent-at = Invio
col-deadline = Risposta entro
col-outcome = Esito
col-launched = Avvio
col-closes = Chiusura
col-scope = Ambito
col-levels = Livelli
col-window = Termine di risposta
col-states-reached = Stati raggiunti
col-response-time = Tempo di risposta
col-answer-way = Modalità di risposta
col-last-check = Ultima verifica
col-unreachable = Non raggiungibili
scope-all = Tutti gli Stati partecipanti
scope-region = Una regione
scope-states = Gli Stati seguenti (codici)
levels-both = Livello politico e tecnico
levels-policy = Livello politico
levels-technical = Livello tecnico
hours = { $count ->
    [one] { $count } ora
   *[other] { $count } ore
}
region-northern-america = America settentrionale
region-northern-europe = Europa settentrionale
region-western-europe = Europa occidentale
region-southern-europe = Europa meridionale
region-eastern-europe = Europa orientale
region-western-asia = Asia occidentale
region-central-asia = Asia centrale
region-eastern-asia = Asia orientale
outcome-pending = In attesa
outcome-on-time = Nei termini
outcome-late = In ritardo
outcome-no-answer = Nessuna risposta
outcome-delivery-failed = Consegna non riuscita
way-link = tramite link
way-app = tramite app
way-signed-reply = tramite risposta firmata
field-window-hours = Termine di risposta (ore)
field-spread-hours = Scaglionamento (ore)
field-spread-hint = Ogni richiesta viene inviata in un momento casuale entro questo numero di ore dall'avvio, affinché nessun fuso orario la riceva sempre di notte. Con 0 tutte le richieste vengono inviate contemporaneamente; al massimo la metà del termine di risposta.
field-check-message = Messaggio (in inglese)
check-title = Verifica delle comunicazioni #{ $id }
check-spread = richieste inviate entro { $hours } h dall'avvio
check-figures = Dati
check-key-verified = chiave verificata
check-key-verified-count = Risposte verificate con chiave
check-no-contact = Livelli senza contatto
check-no-contact-short = nessun contatto
check-export-csv = Risultati in formato CSV
check-states-caption = Stati
check-contacts-caption = { $count ->
    [one] Un contatto interpellato
   *[other] { $count } contatti interpellati
}
check-reached = Raggiunto
check-not-reached = Non raggiunto
check-reminded = sollecitato
check-aggregate-only = Il Suo account può consultare soltanto i dati delle verifiche; i risultati di ciascuno Stato sono riservati al gestore della rete e allo Stato stesso.
unreachable = non raggiungibile
filter-unreachable = Contatti non raggiungibili
contact-checks-title = Verifiche delle comunicazioni
contact-unreachable = Questo contatto non ha risposto alle ultime due verifiche delle comunicazioni: è segnalato come non raggiungibile.
answer-title = Verifica delle comunicazioni
answer-confirm = Sì, ricevo questo messaggio: registra la mia risposta
answer-hint = Il link funziona una sola volta. Aprirlo non equivale a rispondere; solo questo pulsante registra la risposta.
answer-recorded = Grazie, { $name }: la Sua risposta è stata registrata ({ $minutes } dopo l'invio della richiesta).
answer-already = A questa richiesta è già stata data risposta il { $at } UTC.
answer-closed = Questa verifica è chiusa; i risultati sono definitivi e non si accettano più risposte.
invalid-check-window = tra 1 e { $max } ore
invalid-check-spread = al massimo la metà del termine di risposta: { $max } ore
invalid-check-no-states = scelga almeno uno Stato
invalid-check-not-participating = { $value } non è uno Stato partecipante
invalid-check-scope = scelga tutti gli Stati, una regione o un elenco di Stati
invalid-check-region = scelga una regione
invalid-check-state-code = usi codici di tre lettere come DEU, separati da spazi o virgole
invalid-check-levels = scelga il livello politico, il livello tecnico o entrambi
invalid-check-control-characters = non deve contenere caratteri di controllo diversi dagli a capo
mail-check-subject = Verifica delle comunicazioni: la preghiamo di rispondere entro { $hours } ore
mail-check-reminder-subject = Promemoria: verifica delle comunicazioni, la preghiamo di rispondere entro il { $deadline }
mail-check-reminder-intro = Non ha ancora risposto a questa verifica delle comunicazioni. Questo è l'unico promemoria.
mail-check-intro = Questa è una verifica delle comunicazioni della rete dei punti di contatto dell'OSCE (CBM 8), destinata a { $name } ({ $level }, { $state }).
mail-check-message = Messaggio del gestore della rete:
mail-check-deadline = La preghiamo di rispondere entro il { $deadline }.
mail-check-answer-link = Risponda aprendo questo link e confermando (non è necessario accedere; il link funziona una sola volta): { $url }
mail-check-answer-app = Oppure acceda e risponda alla voce «Verifiche»: { $url }
mail-check-answer-signed = Per dimostrare che la Sua chiave OpenPGP registrata funziona ancora, risponda con un messaggio firmato: { $command } – oppure con GnuPG: { $gpg }
nav-requests = Richieste
nav-channel-stats = Canale
requests-title = Richieste protette
requests-intro = Richieste tra Stati tramite il canale protetto. Oggetto, testo e allegati sono cifrati end-to-end con le chiavi dei punti di contatto: il server e il gestore della rete vedono soltanto la busta.
requests-new = Nuova richiesta
requests-empty = Ancora nessuna richiesta.
requests-cli-hint = Il client a riga di comando esegue la cifratura al posto Suo: { $command }
col-request = N.
col-from = Mittente
col-to = Destinatari
col-kind = Tipo
col-urgency = Urgenza
col-level = Livello
col-tlp = Classificazione TLP
col-messages = Messaggi
kind-consultation = Consultazione
kind-information-request = Richiesta di informazioni
kind-assistance-request = Richiesta di assistenza
kind-incident-notification = Notifica di incidente
kind-vulnerability-information = Informazioni su una vulnerabilità
kind-general = Generale
urgency-routine = Ordinaria
urgency-priority = Prioritaria
urgency-urgent = Urgente
leg-sent = Inviata
leg-delivered = Consegnata
leg-acknowledged = Ricezione confermata
leg-answered = Risposta inviata
leg-closed = Chiusa
request-title = Richiesta { $id }
request-closed = chiusa
request-sent-by = Inviata da
request-language = Lingua del contenuto
request-legs = Stati destinatari
col-acknowledge-by = Conferma di ricezione entro
col-acknowledged = Ricezione confermata
col-escalated = Trasmessa al livello politico
request-overdue = in ritardo
request-messages = Messaggi
col-seq = N.
col-size = Dimensione (byte)
col-sha256 = Impronta SHA-256
request-download = Scarica (.asc)
request-left-out = Questi punti di contatto non possono leggere l'ultimo messaggio (nessuna chiave utilizzabile): { $names }
request-acknowledge = Conferma la ricezione
request-close = Chiudi
request-escalate = Trasmetti ora al livello politico
request-reply = Rispondi
request-reply-help = Cifri la Sua risposta con le chiavi della conversazione, quindi carichi il file o incolli il testo in formato ASCII armor.
request-keys-link = Chiavi con cui cifrare
request-feedback = Riscontro per il gestore della rete (senza contenuto): questo scambio è stato utile?
request-feedback-yes = Utile
request-feedback-no = Non utile
request-message-file = Messaggio cifrato: un file in formato ASCII armor (.asc)
request-message-text = oppure incolli il messaggio in formato ASCII armor
request-send = Invia
request-new-help = Scelga i destinatari e il livello, scarichi le loro chiavi, cifri oggetto, testo e allegati esattamente con queste chiavi, quindi carichi il risultato.
field-to = Stati destinatari (codici come AUT EST)
field-urgency = Urgenza
field-level = Livello
field-tlp = Etichetta TLP
field-language = Lingua del contenuto
keys-title = Chiavi con cui cifrare
keys-intro = Cifri con ciascuna di queste chiavi, né più né meno: le chiavi utilizzabili dei punti di contatto dei destinatari a questo livello e quelle del Suo Stato.
keys-download = Scarica queste chiavi (.asc)
keys-show = Mostra le chiavi
col-contact = Contatto
col-fingerprint = Impronta digitale
keys-left-out = Esclusi (nessuna chiave utilizzabile)
reason-no-key = nessuna chiave registrata
reason-expired = chiave scaduta
reason-revoked = chiave revocata
reason-unusable = chiave non utilizzabile
channel-stats-title = Canale protetto: statistiche
channel-stats-intro = Come viene utilizzato il canale: soltanto conteggi e tempi. Il contenuto delle richieste non è mai visibile al gestore della rete.
stats-requests = Richieste
stats-messages = Messaggi
stats-legs = Stati destinatari interpellati
stats-acknowledged = Ricezione confermata
stats-acknowledged-on-time = Ricezione confermata nei termini
stats-escalated = Trasmesse al livello politico
stats-median-ack = Tempo mediano di conferma della ricezione
stats-p90-ack = 90° percentile del tempo di conferma della ricezione
stats-feedback = Riscontri: utile / non utile
stats-by-kind = Per tipo
stats-by-urgency = Per urgenza
stats-by-level = Per livello
invalid-request-no-recipients = scelga almeno uno Stato destinatario
invalid-request-own-state = una richiesta è destinata a Stati diversi dal proprio
invalid-request-repeated = { $value } è indicato due volte
invalid-request-unknown-state = { $value } non è uno Stato dell'OSCE
invalid-request-language = «{ $value }» non è una lingua ufficiale dell'OSCE (en, fr, de, it, ru, es)
invalid-request-unaddressable-policy = { $states } non può essere raggiunto al livello politico: nessun punto di contatto di tale livello dispone di una chiave utilizzabile
invalid-request-unaddressable-technical = { $states } non può essere raggiunto al livello tecnico: nessun punto di contatto di tale livello dispone di una chiave utilizzabile
invalid-request-unaddressable-policy-other = { $states } non può essere raggiunto al livello politico: nessun punto di contatto di tale livello dispone di una chiave utilizzabile; { $other_states } può essere raggiunto al livello tecnico
invalid-request-unaddressable-technical-other = { $states } non può essere raggiunto al livello tecnico: nessun punto di contatto di tale livello dispone di una chiave utilizzabile; { $other_states } può essere raggiunto al livello politico
invalid-request-malformed = il messaggio non è un messaggio OpenPGP: { $detail }
invalid-request-not-encrypted = il messaggio non è cifrato: è richiesto un messaggio OpenPGP cifrato con le chiavi dei destinatari
invalid-request-unprotected = il messaggio utilizza la vecchia cifratura senza protezione dell'integrità; lo cifri con un'implementazione OpenPGP aggiornata
invalid-request-password = il messaggio è cifrato con una password; lo cifri soltanto con le chiavi pubbliche dei destinatari
invalid-request-anonymous = il messaggio è cifrato per un destinatario anonimo, che non può essere verificato; indichi espressamente ogni destinatario
invalid-request-duplicate = il messaggio è cifrato due volte per { $key }
invalid-request-key-set = il messaggio non è cifrato esattamente con le chiavi richieste; mancanti: { $missing }; estranee all'insieme di chiavi: { $extra }
mail-request-subject = [Liaison] { $urgency }: { $kind } da { $state } (richiesta { $id })
mail-request-reply-subject = [Liaison] Risposta di { $state } alla richiesta { $id }
mail-request-ack-subject = [Liaison] { $state } ha confermato la ricezione della richiesta { $id }
mail-request-ack-body = { $state } ha confermato la ricezione della Sua richiesta { $id } il { $at }. La conversazione: { $url }
mail-request-escalated-subject = [Liaison] Richiesta { $id } da { $from } a { $state } senza conferma di ricezione
mail-request-escalated-body = Il { $sent } { $from } ha inviato ai punti di contatto di { $state } ({ $level }) una richiesta: { $urgency }, { $kind }. La ricezione doveva essere confermata entro il { $deadline }, ma ciò non è avvenuto. La preghiamo di assicurarsi che la richiesta venga trattata; il suo contenuto è cifrato per i punti di contatto di tale livello. La conversazione: { $url }

# Transparency log
nav-transparency = Trasparenza
log-title = Registro di trasparenza
log-intro = Ogni modifica della rubrica (contatto o struttura creato, modificato, confermato o ritirato, chiave registrata) è una foglia di un albero di Merkle a sola aggiunta (RFC 9162). Il server firma ogni testa dell'albero con la chiave qui sotto, così ogni Stato può verificare che nessun contatto né chiave sia stato cambiato senza che si veda.
log-key = Chiave del registro
log-key-algorithm = Algoritmo
log-key-public = Chiave pubblica
log-key-id = Identificativo della chiave
log-key-created = Creata il
log-key-pin = Fissate questa chiave nel vostro verificatore: controlla ogni testa firmata, la coerenza con l'ultima testa vista e l'inclusione di ogni contatto che legge.
log-head = Ultima testa dell'albero firmata
log-head-size = Dimensione dell'albero
log-head-root = Hash della radice
log-head-time = Firmata il (UTC)
log-head-signature = Firma
log-own = Voci di { $state }
log-own-intro = Se la versione attuale di ciascuna delle vostre voci è nell'albero firmato e dice ciò che mostra la rubrica, verificato qui sul server. Eseguite il verificatore per un controllo che non dipende dal server.
log-version = Versione
log-leaf = Foglia
log-proof = Prova
log-proven = Nell'albero firmato
log-not-proven = Non provata
log-verified = Verificato dagli Stati
log-verified-intro = La testa dell'albero che ogni Stato ha verificato e pubblicato per ultima (con liaison verify --publish).
log-state = Stato
log-verified-on = Verificata il
log-behind-col = Da allora
log-up-to-date = Aggiornato
log-behind = { $count ->
    [one] { $count } voce più recente
   *[other] { $count } voci più recenti
}
log-verified-none = Nessuno Stato ha ancora pubblicato una testa verificata.
log-recent = Voci recenti
log-appended = Aggiunta il
log-contact = Contatto
log-change = Modifica
log-fingerprint = Impronta della chiave
log-heads = Teste dell'albero recenti
audit-log-intact = Il registro di trasparenza è integro: { $leaves } foglie e { $heads } teste firmate corrispondono alla rubrica.
audit-log-broken = Il registro di trasparenza non corrisponde alle sue foglie o alla rubrica:

# Annual information exchange (CBMs 1, 4, 6, 7, 9, 15)
nav-exchange = Scambio
exchange-title = Scambio di informazioni
exchange-intro = Ogni anno ciascuno Stato partecipante raccoglie le proprie informazioni relative alle CBM in un unico contributo consolidato, che viene distribuito a tutti gli Stati partecipanti con un riferimento documentale e sul quale questi possono presentare quesiti.
exchange-cycles = Cicli
exchange-no-cycles = Non è stato ancora aperto alcun ciclo di scambio.
exchange-year = Anno
exchange-opens-on = Apertura il
exchange-deadline = Scadenza
exchange-deadline-hint = Lasci vuoto il campo per il 31 ottobre dell'anno; è possibile fissare qualsiasi data per allinearsi al calendario delle Nazioni Unite.
exchange-sections = Sezioni
exchange-section = Sezione
exchange-circulation = Distribuzione
exchange-circulation-on-submission = Alla presentazione
exchange-circulation-by-manager = Da parte del gestore della rete
exchange-pattern = Schema del riferimento documentale
exchange-pattern-hint = Il numero progressivo dell'anno e l'anno vengono inseriti, come in PC.DEL/682/27.
exchange-open = Apri un ciclo
exchange-open-now = Apri il ciclo
exchange-across-years = Contributi nel corso degli anni
exchange-counts = Presentati nei termini: { $on_time } · in ritardo: { $late } · non ancora presentati: { $not_yet }
exchange-own-submission = Il contributo del Suo Stato
exchange-progress = Stati partecipanti
exchange-status = Situazione
exchange-status-not-started = Non avviato
exchange-status-draft = Bozza
exchange-status-submitted = Presentato, in attesa di distribuzione
exchange-status-circulated = Distribuito
exchange-status-revising = Distribuito, revisione in corso
exchange-submitted-at = Presentato il
exchange-reference = Riferimento
exchange-late = in ritardo
exchange-circulated-on = Distribuito il
exchange-section-threats = Posizioni nazionali sulle minacce
exchange-section-open-internet = Misure per un Internet aperto, interoperabile, sicuro e affidabile
exchange-section-legislation = Legislazione in materia di cooperazione
exchange-section-organisation = Organizzazione nazionale, strategie, politiche e programmi
exchange-section-terminology = Terminologia nazionale
exchange-section-critical-infrastructure = Categorie di infrastrutture critiche
exchange-term = Termine
exchange-definition = Definizione
exchange-english-term = Termine inglese
exchange-english-definition = Definizione inglese
exchange-source = Fonte
exchange-saved = Salvato.
exchange-autosaved = Salvato automaticamente
exchange-submitted-notice = Contributo presentato.
exchange-documents = Documenti distribuiti
exchange-changes = Modifiche
exchange-changes-between = Modifiche tra { $from } e { $to }
exchange-unchanged = invariata
exchange-circulate = Distribuisci
exchange-draft = Bozza
exchange-draft-hint = La bozza è riservata al Suo Stato; ogni salvataggio viene conservato come versione. Viene salvata automaticamente mentre Lei scrive.
exchange-not-ready = Non ancora pronto per la presentazione:
exchange-version = Versione { $version }
exchange-language = Lingua
exchange-text = Testo (Markdown)
exchange-english = Traduzione inglese (Markdown; necessaria salvo che il testo sia in inglese)
exchange-markdown-hint = Titoli, elenchi, enfasi, tabelle e link vengono mantenuti; le immagini e l'HTML non vengono visualizzati.
exchange-terms-count = { $count ->
    [one] { $count } termine
   *[other] { $count } termini
}
exchange-terms-import = Importa i termini da CSV
exchange-terms-file = File CSV
exchange-terms-hint = Colonne: term, language, definition, english_term, english_definition, source. Un file che presenta anche un solo problema viene rifiutato per intero.
exchange-terms-import-now = Importa
exchange-save = Salva
exchange-submit = Presenta il contributo
exchange-submit-revision = Presenta una revisione
exchange-not-circulated = Non ancora distribuito. Gli altri Stati vedono soltanto lo stato di avanzamento della bozza.
exchange-not-circulated-short = non distribuito
exchange-export-html = Esporta (HTML)
exchange-export-pdf = Esporta (PDF)
exchange-attachments = Allegati
exchange-attachment-size = { $kib } KiB
exchange-attachment-remove = Rimuovi
exchange-attach = Allega un file
exchange-attach-hint = Una legge o una strategia come pubblicata, al massimo 10 MiB; fino a dieci file per sezione. I lettori lo scaricano esattamente come allegato.
exchange-attach-now = Allega
exchange-inquiries = Quesiti
exchange-no-inquiries = Nessun quesito che Lei possa consultare.
exchange-inquiry-from = Quesito di { $state }
exchange-public = pubblico
exchange-reply = Rispondi
exchange-send = Invia
exchange-make-public = Consentire a tutti gli Stati partecipanti di leggere questa conversazione
exchange-make-private = Mantenere questa conversazione riservata ai due Stati
exchange-inquire = Presenta un quesito
exchange-inquiry-section = Oggetto
exchange-whole-submission = L'intero contributo
exchange-question = Domanda
exchange-inquire-now = Invia il quesito
invalid-exchange-year = { $year } non è un anno dello scambio (dal 2013 al 2100)
invalid-exchange-year-format = indichi l'anno con quattro cifre
invalid-exchange-opens-after-deadline = il ciclo si apre il { $opens_on }, dopo la sua scadenza del { $deadline }
invalid-exchange-no-sections = scelga almeno una sezione
invalid-exchange-duplicate-section = la sezione { $section } è stata scelta due volte
invalid-exchange-pattern = lo schema del riferimento documentale non è utilizzabile: { $problem }
invalid-exchange-empty-section = la sezione { $section } è obbligatoria ma vuota
invalid-exchange-language = la sezione { $section } è redatta in «{ $language }», che non è una lingua ufficiale dell'OSCE (en, fr, de, it, ru, es)
invalid-exchange-missing-translation = la sezione { $section } è redatta in «{ $language }» e richiede la traduzione inglese
invalid-exchange-not-asked = il ciclo non prevede la sezione { $section }
invalid-exchange-term = termine { $number }: { $problem }
invalid-exchange-not-open = il ciclo si apre il { $opens_on }; la redazione inizia da quella data
invalid-exchange-awaiting-circulation = il contributo è in attesa di distribuzione e non può essere modificato finché non viene distribuito
invalid-exchange-nothing-to-revise = nulla è cambiato rispetto alla versione distribuita; modifichi una sezione per presentare una revisione
invalid-exchange-not-submitted = viene distribuito soltanto un contributo presentato
invalid-exchange-too-long = un testo può contenere al massimo { $max } caratteri
invalid-exchange-attachment-name = l’allegato deve avere un nome di file (al massimo 200 caratteri, senza percorso)
invalid-exchange-attachment-empty = l’allegato è un file vuoto
invalid-exchange-attachment-too-large = un allegato può essere al massimo di { $max } MiB
invalid-exchange-too-many-attachments = una sezione può avere al massimo { $max } allegati
mail-exchange-opened-subject = Liaison: è aperto lo scambio di informazioni { $year }
mail-exchange-opened-body = Il gestore della rete ha aperto il ciclo { $year } dello scambio annuale di informazioni. La redazione si apre il { $opens_on }; la scadenza è il { $deadline }. Può redigere qui il contributo consolidato del Suo Stato: { $url }
mail-exchange-circulated-subject = Liaison: distribuito il documento { $reference } ({ $state })
mail-exchange-circulated-body = { $revision ->
    [0] Il contributo { $year } di { $state } è stato distribuito come documento { $reference }.
   *[other] Una revisione del contributo { $year } di { $state } è stata distribuita come documento { $reference }.
} Può consultare il documento e presentare quesiti qui: { $url }
mail-exchange-inquiry-subject = Liaison: quesito relativo a { $reference }
mail-exchange-inquiry-body = { $state } ha scritto nell'ambito di un quesito relativo a { $reference }. Può leggerlo e rispondere qui: { $url }

app-name = Liaison
footer-text = Liaison · OSCE cyber/ICT confidence-building measures · Decision No. 1202
nav-skip = Skip to content
nav-label = Main navigation
nav-directory = Directory
nav-import = Import
nav-audit = Audit log
nav-security = Security
nav-language = Language
nav-logout = Sign out
action-apply = Apply
action-save = Save
action-cancel = Cancel
yes = Yes
no = No
missing = missing
none-yet = None yet.

role-manager = Network manager
role-coordinator = National coordinator
role-poc = Point of contact
role-observer = Observer
role-auditor = Auditor

login-title = Sign in
login-intro = Sign in to the OSCE points-of-contact network.
login-submit = Sign in
login-failed = The username or password is wrong.
login-rate-limited = Too many attempts. Wait a minute and try again.
field-username = Username
field-password = Password
field-totp-code = Six-digit code from your authenticator app

totp-login-title = Second factor
totp-login-intro = Enter the code your authenticator app shows for Liaison.
totp-verify = Verify
totp-title = Two-factor authentication
totp-intro = Protect your account with a time-based one-time code (TOTP) from an authenticator app.
totp-required = This server requires two-factor authentication for every account. Enrol now to continue.
totp-start = Set up two-factor authentication
totp-scan = Scan this QR code with your authenticator app, then enter the code it shows.
totp-qr-alt = QR code of the TOTP secret
totp-secret-once = Or type this secret into the app. It is shown only once:
totp-confirm = Confirm and enable
totp-enabled = Two-factor authentication is enabled for your account.

states-title = Points-of-contact directory
states-summary = { $complete } of { $participating } participating States { $complete ->
    [one] has
   *[other] have
} a current point of contact at both the policy and the technical level.
states-filter = Filter States
states-caption = { $count ->
    [one] One State
   *[other] { $count } States
}
filter-all = All
filter-overdue = Overdue
filter-due-soon = Due soon
filter-late = Notified late
filter-no-policy = No policy-level PoC
filter-no-technical = No technical-level PoC
filter-incomplete = Incomplete
col-state = State
col-status = Status
col-contacts = Contacts
col-late = Late notifications (12 months)
col-policy = Policy level
col-technical = Technical level
col-next-due = Next due
col-last-confirmed = Last confirmed
col-key = OpenPGP key
col-annual = Annual update
col-due-on = Due on
col-version = Version
col-change = Change
col-recorded-at = Recorded
col-recorded-by = By
col-notified = Notification
col-details = Details
state-status-participating = Participating State
state-status-partner-asian = Asian Partner for Co-operation
state-status-partner-mediterranean = Mediterranean Partner for Co-operation
status-current = Current
status-due-soon = Due soon
status-overdue = Overdue
level-policy = Policy-level point of contact
level-technical = Technical-level point of contact
structure-national-csirt = National CERT/CSIRT
structure-government-csirt = Government CERT/CSIRT
structure-ministry = Ministry
structure-law-enforcement = Law enforcement
structure-regulator = Regulator
structure-other = Other national structure

entry-complete = Complete for CBM 8
entry-incomplete = Incomplete for CBM 8
entry-confirm = Checked, no changes
entry-confirm-hint = Confirming the entry records that every contact was checked and restarts the 12-month clock (CBM 8: update contact information annually).
aggregate-only = Your account sees this State's aggregate figures only.
section-pocs = Points of contact
section-structures = National structures
section-retired = Retired contacts
export-csv = Export the directory (CSV)
export-vcard-state = vCard of all contacts
export-nomination = UN Global PoC Directory nomination (JSON)
export-vcard = vCard

contact-add = Add a contact
contact-edit = Edit
contact-retire = Retire
contact-retired = retired
contact-new-title = New contact
contact-edit-title = Change a contact
contact-confirmed-due = confirmed { $confirmed }, due { $due }
field-kind = Kind
field-name = Name or function
field-function = Function
field-organisation = Organisation
field-email = Email
field-phone = Phone
field-time-zone = Time zone
field-languages = Languages
field-website = Website
field-notes = Notes
field-available = Available 24/7
field-deputy = Deputy
field-effective-on = Date the change took effect
hint-languages = Two-letter codes separated by spaces, for example: en fr ru.
hint-effective-on = Changes recorded more than 30 days after they took effect are flagged as notified late (CBM 8).
form-has-errors = Please correct the following:

history-title = History
history-summary = { $versions ->
    [one] One version
   *[other] { $versions } versions
}, { $late ->
    [0] none notified late.
    [one] one notified late.
   *[other] { $late } notified late.
}
change-created = Created
change-changed = Changed
change-key = Key registered
change-confirmed = Confirmed
change-retired = Retired
notified-late = notified late
notified-on-time = on time

key-upload = Register an OpenPGP key
key-intro = Paste the contact's ASCII-armored OpenPGP public key. Keys that have expired, have been revoked or cannot encrypt are refused.
key-current = Registered key:
key-armored = Public key (ASCII armor)
key-submit = Register the key
key-download = Download
key-none = No key registered.
key-expires = expires { $date }

import-title = Import contacts from CSV
import-intro = Paste the directory CSV (the same format as the export). Every row is checked first; if any row has a problem, nothing is imported.
import-csv = CSV
import-submit = Import
import-done = Imported: { $created } added, { $changed } changed, { $unchanged } unchanged.
import-refused = Nothing was imported. Correct these lines and try again:
import-line = Line { $line }

audit-title = Audit log
audit-intro = Every change, who made it and when, chained by hash so that any alteration is detected.
audit-verify = Verify the chain
audit-intact = { $rows ->
    [one] The chain of one entry is intact.
   *[other] The chain of { $rows } entries is intact.
}
audit-broken = The chain is broken at entry { $seq }.
audit-at = Time (UTC)
audit-actor = Actor
audit-event = Event
audit-subject = Subject
audit-hash = Hash
audit-older = Older entries

error-title = Something went wrong
error-reference = Reference for the Secretariat: { $id }
error-back = Back to the start page

mail-reminder-subject = Liaison: confirm the points of contact of { $state }
mail-reminder-intro = { $count ->
    [one] The following contact of { $state } is due for its annual update (CBM 8). Please confirm or update it.
   *[other] The following { $count } contacts of { $state } are due for their annual update (CBM 8). Please confirm or update them.
}
mail-reminder-action = Confirm or update the entry here: { $url }

# Accounts (network manager)
nav-accounts = Accounts
accounts-title = Accounts
accounts-new = New account
accounts-created = The account { $username } was created. Give its holder the initial password through a separate channel.
accounts-state-hint = For national coordinators and points of contact: the State's three-letter code, e.g. DEU.
accounts-initial-password = Initial password (at least 12 characters)
accounts-create = Create the account
field-display-name = Display name
field-role = Role

# Validation messages of the forms
invalid-kind = choose a kind of contact from the list
invalid-date-format = give the date the change took effect (YYYY-MM-DD)
invalid-too-long = at most { $max } characters
invalid-control-characters = must not contain control characters
invalid-required = required
invalid-required-name = required: the name of the person or the function
invalid-required-structure-name = required: the name of the structure
invalid-email = '{ $value }' is not an email address
invalid-phone = use the international format: '+', the country code and the number, e.g. +49 228 99 9582 0
invalid-time-zone = '{ $value }' is not an IANA time zone such as Europe/Vienna
invalid-language = '{ $value }' is not a two-letter ISO 639-1 language code such as en
invalid-website = must be a web address starting with https://
invalid-date-before-1990 = { $date } is before 1990; check the year
invalid-date-too-far-ahead = { $date } is more than a year ahead; announce changes at most a year in advance
totp-wrong-code = The code is wrong, expired or already used.
totp-login-restart = Sign in with another account
key-file = Key file (.asc)

# Validation messages of the account form
invalid-username = the username must be 3 to 64 characters: lower-case letters, digits, '.', '-' or '_'
invalid-password-too-short = the password must be at least 12 characters long
invalid-password-too-long = the password may be at most 256 characters long
invalid-state-required = coordinators and points of contact belong to a State
invalid-state-not-allowed = only coordinators and points of contact belong to a State
invalid-role = unknown role '{ $value }' (manager, coordinator, poc, observer, auditor)
invalid-state-code = '{ $value }' is not a three-letter ISO 3166 code such as DEU
invalid-username-taken = the username '{ $value }' is taken
invalid-unknown-state = no State with code { $value }
invalid-contact-not-allowed = only a point of contact's account is linked to a directory contact
invalid-unknown-contact = no contact with id { $value }
invalid-contact-elsewhere = contact { $value } is in another State's entry
invalid-not-a-point-of-contact = contact { $value } is not an active point of contact (a national structure, or retired)
accounts-contact = Directory contact (id)
accounts-contact-hint = For a point of contact: the id of its own entry in the directory (the number in /contacts/…), so that it answers communication checks in the app.

## Communication checks
nav-checks = Checks
checks-title = Communication checks
checks-intro = The network manager tests the network by challenging every point of contact; each contact answers by the link in the email, here in the app, or with a reply signed with its registered OpenPGP key.
checks-trend-title = Trend across checks
checks-response-rate = Response rate
checks-median = Median time to answer
checks-open = open
checks-closed = closed
checks-none = No communication checks yet.
checks-older = Older checks
checks-default-message = Routine communication check of the OSCE points-of-contact network (CBM 8). Please confirm that you receive this message.
checks-answered-thanks = Thank you: your answer is recorded.
checks-mine-title = Challenges for you
checks-answer-now = Answer now
checks-notice = { $count ->
    [one] A communication check is waiting for your answer.
   *[other] { $count } communication checks are waiting for your answer.
}
checks-launch = Launch a check
checks-launch-now = Launch the check
checks-launch-hint = Every active point of contact at the chosen levels of the States in scope gets a one-time challenge by email and in the app. Response times count from each contact's own send time.
checks-caption = { $count ->
    [one] One check
   *[other] { $count } checks
}
checks-unreachable-count = { $count ->
    [one] one contact unreachable
   *[other] { $count } contacts unreachable
}
col-check = Check
col-sent-at = Sent
col-deadline = Answer by
col-outcome = Outcome
col-launched = Launched
col-closes = Closes
col-scope = Scope
col-levels = Levels
col-window = Response window
col-states-reached = States reached
col-response-time = Time to answer
col-answer-way = Answered by
col-last-check = Last check
col-unreachable = Unreachable
scope-all = All participating States
scope-region = A region
scope-states = These States (codes)
levels-both = Policy and technical level
levels-policy = Policy level
levels-technical = Technical level
hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
region-northern-america = Northern America
region-northern-europe = Northern Europe
region-western-europe = Western Europe
region-southern-europe = Southern Europe
region-eastern-europe = Eastern Europe
region-western-asia = Western Asia
region-central-asia = Central Asia
region-eastern-asia = Eastern Asia
outcome-pending = Pending
outcome-on-time = On time
outcome-late = Late
outcome-no-answer = No answer
outcome-delivery-failed = Delivery failed
way-link = link
way-app = app
way-signed-reply = signed reply
field-window-hours = Response window (hours)
field-spread-hours = Spread (hours)
field-spread-hint = Each challenge goes out at a random moment within this many hours of the launch, so that no time zone always gets it at night. 0 sends every challenge at once; at most half the window.
field-check-message = Message (English)
check-title = Communication check #{ $id }
check-spread = sent within { $hours } h of the launch
check-figures = Figures
check-key-verified = key-verified
check-key-verified-count = Key-verified answers
check-no-contact = Levels without a contact
check-no-contact-short = no contact
check-export-csv = Results as CSV
check-states-caption = States
check-contacts-caption = { $count ->
    [one] One contact challenged
   *[other] { $count } contacts challenged
}
check-reached = Reached
check-not-reached = Not reached
check-reminded = reminded
check-aggregate-only = Your account sees the figures of checks; the results of each State are for the network manager and the State itself.
unreachable = unreachable
filter-unreachable = Unreachable contacts
contact-checks-title = Communication checks
contact-unreachable = This contact missed the last two communication checks: it is flagged unreachable.
answer-title = Communication check
answer-confirm = Yes, I receive this: record my answer
answer-hint = The link works once. Opening it does not answer; only this button does.
answer-recorded = Thank you, { $name }: your answer is recorded ({ $minutes } after the challenge was sent).
answer-already = This challenge was already answered at { $at } UTC.
answer-closed = This check is closed; its results are final and no answer is accepted.
invalid-check-window = between 1 and { $max } hours
invalid-check-spread = at most half the response window: { $max } hours
invalid-check-no-states = choose at least one State
invalid-check-not-participating = { $value } is not a participating State
invalid-check-scope = choose all States, a region or a list of States
invalid-check-region = choose a region
invalid-check-state-code = use three-letter codes such as DEU, separated by spaces or commas
invalid-check-levels = choose the policy level, the technical level or both
invalid-check-control-characters = must not contain control characters other than line breaks
mail-check-subject = Communication check: please answer within { $hours } hours
mail-check-reminder-subject = Reminder: communication check, please answer by { $deadline }
mail-check-reminder-intro = You have not yet answered this communication check. This is the only reminder.
mail-check-intro = This is a communication check of the OSCE network of points of contact (CBM 8), for { $name } ({ $level }, { $state }).
mail-check-message = Message from the network manager:
mail-check-deadline = Please answer by { $deadline }.
mail-check-answer-link = Answer by opening this link and confirming (no sign-in needed; it works once): { $url }
mail-check-answer-app = Or sign in and answer under Checks: { $url }
mail-check-answer-signed = To show that your registered OpenPGP key still works, answer with a signed reply: { $command } — or with GnuPG: { $gpg }
nav-requests = Requests
nav-channel-stats = Channel
requests-title = Protected requests
requests-intro = Requests between States over the protected channel. Subject, body and attachments are encrypted end to end to the points of contact's keys: the server and the network manager see only the envelope.
requests-new = New request
requests-empty = No requests yet.
requests-cli-hint = The command-line client does the encryption for you: { $command }
col-request = No.
col-from = From
col-to = To
col-kind = Kind
col-urgency = Urgency
col-level = Level
col-tlp = TLP
col-messages = Messages
kind-consultation = Consultation
kind-information-request = Information request
kind-assistance-request = Assistance request
kind-incident-notification = Incident notification
kind-vulnerability-information = Vulnerability information
kind-general = General
urgency-routine = Routine
urgency-priority = Priority
urgency-urgent = Urgent
leg-sent = Sent
leg-delivered = Delivered
leg-acknowledged = Acknowledged
leg-answered = Answered
leg-closed = Closed
request-title = Request { $id }
request-closed = closed
request-sent-by = Sent by
request-language = Language of the content
request-legs = Recipient States
col-acknowledge-by = Acknowledge by
col-acknowledged = Acknowledged
col-escalated = Escalated
request-overdue = overdue
request-messages = Messages
col-seq = No.
col-size = Size (bytes)
col-sha256 = SHA-256
request-download = Download (.asc)
request-left-out = These points of contact cannot read the last message (no usable key): { $names }
request-acknowledge = Acknowledge
request-close = Close
request-escalate = Escalate to the policy level now
request-reply = Reply
request-reply-help = Encrypt your reply to the thread's keys, then upload the file or paste the armored text.
request-keys-link = Keys to encrypt to
request-feedback = Feedback for the network manager (no content): was this exchange useful?
request-feedback-yes = Useful
request-feedback-no = Not useful
request-message-file = Encrypted message: an armored file (.asc)
request-message-text = or paste the armored message
request-send = Send
request-new-help = Choose the recipients and the level, download their keys, encrypt subject, body and attachments to exactly those keys, then upload the result.
field-to = Recipient States (codes such as AUT EST)
field-urgency = Urgency
field-level = Level
field-tlp = TLP label
field-language = Language of the content
keys-title = Keys to encrypt to
keys-intro = Encrypt to every one of these keys, no more and no fewer: the usable keys of the recipients' points of contact at this level, and of your own State's.
keys-download = Download these keys (.asc)
keys-show = Show the keys
col-contact = Contact
col-fingerprint = Fingerprint
keys-left-out = Left out (no usable key)
reason-no-key = no key registered
reason-expired = key expired
reason-revoked = key revoked
reason-unusable = key unusable
channel-stats-title = Protected channel: statistics
channel-stats-intro = How the channel is used: counts and times only. The content of requests is never visible to the network manager.
stats-requests = Requests
stats-messages = Messages
stats-legs = Recipient States addressed
stats-acknowledged = Acknowledged
stats-acknowledged-on-time = Acknowledged on time
stats-escalated = Escalated
stats-median-ack = Median time to acknowledge
stats-p90-ack = 90th percentile of the time to acknowledge
stats-feedback = Feedback: useful / not useful
stats-by-kind = By kind
stats-by-urgency = By urgency
stats-by-level = By level
invalid-request-no-recipients = choose at least one recipient State
invalid-request-own-state = a request goes to States other than your own
invalid-request-repeated = { $value } is named twice
invalid-request-unknown-state = { $value } is not a State of the OSCE
invalid-request-language = '{ $value }' is not an official OSCE language (en, fr, de, it, ru, es)
invalid-request-unaddressable-policy = { $states } cannot be addressed at the policy level: no point of contact there has a usable key
invalid-request-unaddressable-technical = { $states } cannot be addressed at the technical level: no point of contact there has a usable key
invalid-request-unaddressable-policy-other = { $states } cannot be addressed at the policy level: no point of contact there has a usable key; { $other_states } can be addressed at the technical level
invalid-request-unaddressable-technical-other = { $states } cannot be addressed at the technical level: no point of contact there has a usable key; { $other_states } can be addressed at the policy level
invalid-request-malformed = the message is not an OpenPGP message: { $detail }
invalid-request-not-encrypted = the message is not encrypted: an OpenPGP message encrypted to the recipients' keys is required
invalid-request-unprotected = the message uses the legacy encryption without integrity protection; encrypt it with a current OpenPGP implementation
invalid-request-password = the message is encrypted with a password; encrypt it to the recipients' public keys only
invalid-request-anonymous = the message is encrypted to an anonymous recipient, which cannot be checked; name every recipient
invalid-request-duplicate = the message is encrypted twice to { $key }
invalid-request-key-set = the message is not encrypted to exactly the required keys; missing: { $missing }; not in the key set: { $extra }
mail-request-subject = [Liaison] { $urgency }: { $kind } from { $state } (request { $id })
mail-request-reply-subject = [Liaison] Reply from { $state } in request { $id }
mail-request-ack-subject = [Liaison] { $state } acknowledged request { $id }
mail-request-ack-body = { $state } acknowledged your request { $id } at { $at }. The thread: { $url }
mail-request-escalated-subject = [Liaison] Unacknowledged request { $id } from { $from } to { $state }
mail-request-escalated-body = { $from } sent { $state }'s points of contact ({ $level }) a request on { $sent }: { $urgency }, { $kind }. It was to be acknowledged by { $deadline } and has not been. Please make sure it is taken care of; its content is encrypted to the points of contact at that level. The thread: { $url }

# Transparency log
nav-transparency = Transparency
log-title = Transparency log
log-intro = Every change to the directory (a contact or structure created, changed, confirmed or retired, a key registered) is a leaf of an append-only Merkle tree (RFC 9162). The server signs each tree head with the key below, so every State can check that no contact or key was changed without it being seen.
log-key = Log key
log-key-algorithm = Algorithm
log-key-public = Public key
log-key-id = Key id
log-key-created = Created on
log-key-pin = Pin this key in your verifier: it checks every signed tree head, the consistency with the last head it saw and the inclusion of every contact it reads.
log-head = Latest signed tree head
log-head-size = Tree size
log-head-root = Root hash
log-head-time = Signed at (UTC)
log-head-signature = Signature
log-own = Entries of { $state }
log-own-intro = Whether the current version of each of your entries is in the signed tree and says what the directory shows, checked here on the server. Run the verifier for a check that does not rely on the server.
log-version = Version
log-leaf = Leaf
log-proof = Proof
log-proven = In the signed tree
log-not-proven = Not proven
log-verified = Verified by States
log-verified-intro = The tree head each State last verified and published (with liaison verify --publish).
log-state = State
log-verified-on = Verified on
log-behind-col = Since then
log-up-to-date = Up to date
log-behind = { $count ->
    [one] { $count } newer entry
   *[other] { $count } newer entries
}
log-verified-none = No State has published a verified tree head yet.
log-recent = Recent entries
log-appended = Appended on
log-contact = Contact
log-change = Change
log-fingerprint = Key fingerprint
log-heads = Recent tree heads
audit-log-intact = The transparency log is intact: { $leaves } leaves and { $heads } signed tree heads match the directory.
audit-log-broken = The transparency log does not match its leaves or the directory:

# Annual information exchange (CBMs 1, 4, 6, 7, 9, 15)
nav-exchange = Exchange
exchange-title = Information exchange
exchange-intro = Each year every participating State compiles its information under the CBMs into one consolidated input, which is circulated to all participating States under a document reference and open to their inquiries.
exchange-cycles = Cycles
exchange-no-cycles = No exchange cycle has been opened yet.
exchange-year = Year
exchange-opens-on = Opens on
exchange-deadline = Deadline
exchange-deadline-hint = Leave empty for 31 October of the year; any date may be set to align with UN timetables.
exchange-sections = Sections
exchange-section = Section
exchange-circulation = Circulation
exchange-circulation-on-submission = On submission
exchange-circulation-by-manager = By the network manager
exchange-pattern = Document reference pattern
exchange-pattern-hint = The running number of the year and the year are filled in, as in PC.DEL/682/27.
exchange-open = Open a cycle
exchange-open-now = Open the cycle
exchange-across-years = Submissions across years
exchange-counts = Submitted on time: { $on_time } · late: { $late } · not yet: { $not_yet }
exchange-own-submission = Your State's submission
exchange-progress = Participating States
exchange-status = Status
exchange-status-not-started = Not started
exchange-status-draft = Draft
exchange-status-submitted = Submitted, awaiting circulation
exchange-status-circulated = Circulated
exchange-status-revising = Circulated, revision in progress
exchange-submitted-at = Submitted
exchange-reference = Reference
exchange-late = late
exchange-circulated-on = Circulated on
exchange-section-threats = National views on threats
exchange-section-open-internet = Measures for an open, interoperable, secure and reliable Internet
exchange-section-legislation = Legislation for co-operation
exchange-section-organisation = National organisation, strategies, policies and programmes
exchange-section-terminology = National terminology
exchange-section-critical-infrastructure = Critical-infrastructure categories
exchange-term = Term
exchange-definition = Definition
exchange-english-term = English term
exchange-english-definition = English definition
exchange-source = Source
exchange-saved = Saved.
exchange-autosaved = Saved automatically
exchange-submitted-notice = Submitted.
exchange-documents = Circulated documents
exchange-changes = Changes
exchange-changes-between = Changes from { $from } to { $to }
exchange-unchanged = unchanged
exchange-circulate = Circulate
exchange-draft = Draft
exchange-draft-hint = The draft is private to your State; every save is kept as a version. It is saved automatically while you write.
exchange-not-ready = Not ready to submit yet:
exchange-version = Version { $version }
exchange-language = Language
exchange-text = Text (Markdown)
exchange-english = English translation (Markdown; needed unless the text is in English)
exchange-markdown-hint = Headings, lists, emphasis, tables and links are kept; images and HTML are not shown.
exchange-terms-count = { $count ->
    [one] { $count } term
   *[other] { $count } terms
}
exchange-terms-import = Import the terms from CSV
exchange-terms-file = CSV file
exchange-terms-hint = Columns: term, language, definition, english_term, english_definition, source. A file with any problem is refused whole.
exchange-terms-import-now = Import
exchange-save = Save
exchange-submit = Submit the input
exchange-submit-revision = Submit a revision
exchange-not-circulated = Not circulated yet. Other States see the draft's progress only.
exchange-not-circulated-short = not circulated
exchange-export-html = Export (HTML)
exchange-export-pdf = Export (PDF)
exchange-attachments = Attachments
exchange-attachment-size = { $kib } KiB
exchange-attachment-remove = Remove
exchange-attach = Attach a file
exchange-attach-hint = A law or a strategy as published, at most 10 MiB; up to ten files per section. Readers download it exactly as attached.
exchange-attach-now = Attach
exchange-inquiries = Inquiries
exchange-no-inquiries = No inquiries that you may read.
exchange-inquiry-from = Inquiry from { $state }
exchange-public = public
exchange-reply = Reply
exchange-send = Send
exchange-make-public = Let every participating State read this thread
exchange-make-private = Keep this thread between the two States
exchange-inquire = Raise an inquiry
exchange-inquiry-section = About
exchange-whole-submission = The whole submission
exchange-question = Question
exchange-inquire-now = Send the inquiry
invalid-exchange-year = { $year } is not a year of the exchange (2013 to 2100)
invalid-exchange-year-format = give the year as four digits
invalid-exchange-opens-after-deadline = the cycle opens on { $opens_on }, after its deadline { $deadline }
invalid-exchange-no-sections = choose at least one section
invalid-exchange-duplicate-section = the section { $section } is chosen twice
invalid-exchange-pattern = the document reference pattern { $problem }
invalid-exchange-empty-section = the section { $section } is required and empty
invalid-exchange-language = the section { $section } is in '{ $language }', not an official OSCE language (en, fr, de, it, ru, es)
invalid-exchange-missing-translation = the section { $section } is in '{ $language }' and needs its English translation
invalid-exchange-not-asked = the cycle does not ask for the section { $section }
invalid-exchange-term = term { $number }: { $problem }
invalid-exchange-not-open = the cycle opens on { $opens_on }; drafting starts then
invalid-exchange-awaiting-circulation = the submission waits for circulation and cannot change until it is circulated
invalid-exchange-nothing-to-revise = nothing changed since the circulated version; change a section to submit a revision
invalid-exchange-not-submitted = only a submitted input is circulated
invalid-exchange-too-long = a text may have at most { $max } characters
invalid-exchange-attachment-name = the attachment needs a file name (at most 200 characters, no path)
invalid-exchange-attachment-empty = the attachment is an empty file
invalid-exchange-attachment-too-large = an attachment may be at most { $max } MiB
invalid-exchange-too-many-attachments = a section may carry at most { $max } attachments
mail-exchange-opened-subject = Liaison: the { $year } information exchange is open
mail-exchange-opened-body = The network manager opened the { $year } cycle of the annual information exchange. Drafting opens on { $opens_on }; the deadline is { $deadline }. Draft your State's consolidated input here: { $url }
mail-exchange-circulated-subject = Liaison: { $reference } circulated ({ $state })
mail-exchange-circulated-body = { $revision ->
    [0] The { $year } input of { $state } was circulated as { $reference }.
   *[other] A revision of the { $year } input of { $state } was circulated as { $reference }.
} Read it and raise inquiries here: { $url }
mail-exchange-inquiry-subject = Liaison: inquiry about { $reference }
mail-exchange-inquiry-body = { $state } wrote in an inquiry about { $reference }. Read and answer it here: { $url }

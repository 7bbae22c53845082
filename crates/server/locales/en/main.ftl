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

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

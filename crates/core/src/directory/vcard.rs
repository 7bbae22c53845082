//! vCard 4.0 (RFC 6350) cards of directory entries, so that a coordinator or a CERT can load a
//! State's points of contact into an address book or a phone.

use liaison_types::directory::{Contact, ContactKind, Level};
use liaison_types::state::State;
use std::str::FromStr;
use vcard::chrono::{NaiveDate, NaiveTime};
use vcard::values::{
    EmailValue, KindValue, LanguageTag, OrgValue, TelValue, TextOrUri, Timestamp, Token, TzValue,
    Uri, Zone,
};
use vcard::{
    Categories, Email, ExtensionProperty, Key, Kind, Lang, Note, Org, Rev, Tel, TimeZone, Title,
    TypeValue, Uid, Url, VCard,
};

/// The category every card carries, so that address books can group the directory.
const CATEGORY: &str = "CBM8";

/// The extension property naming the State a card belongs to.
const STATE_PROPERTY: &str = "X-LIAISON-STATE";

/// The card of one contact of `state`.
pub fn contact_card(contact: &Contact, state: &State) -> Result<String, String> {
    card(contact, state).map(|card| card.to_string())
}

/// The cards of a State's contacts that are not retired, one after the other as in a `.vcf` file.
pub fn state_cards(contacts: &[Contact], state: &State) -> Result<String, String> {
    let mut out = String::new();
    for contact in contacts.iter().filter(|c| !c.retired) {
        out.push_str(&card(contact, state)?.to_string());
    }
    Ok(out)
}

fn card(contact: &Contact, state: &State) -> Result<VCard, String> {
    let fail = |property: &str, why: &dyn std::fmt::Display| {
        format!("contact {}: {property}: {why}", contact.id)
    };
    if contact.state != state.code {
        return Err(format!(
            "contact {} belongs to {}, not to {}",
            contact.id, contact.state, state.code
        ));
    }
    let details = &contact.details;
    let mut card = VCard::new(details.name.clone());

    card.kinds.push(Kind::new(match contact.kind {
        ContactKind::Poc { .. } => KindValue::Individual,
        ContactKind::Structure { .. } => KindValue::Org,
    }));
    if !details.function.is_empty() {
        card.titles.push(Title::new(details.function.clone()));
    }
    card.organizations.push(Org::new(OrgValue {
        name: details.organisation.clone(),
        units: Vec::new(),
    }));

    let mut email =
        Email::new(EmailValue::from_str(&details.email).map_err(|e| fail("EMAIL", &e))?);
    email.parameters.types.push(TypeValue::Work);
    card.emails.push(email);

    if !details.phone.is_empty() {
        let uri = Uri::from_str(&tel_uri(&details.phone)).map_err(|e| fail("TEL", &e))?;
        let mut tel = Tel::new(TelValue::Uri(uri));
        tel.parameters
            .types
            .extend([TypeValue::Work, TypeValue::Voice]);
        card.telephones.push(tel);
    }

    for language in &details.languages {
        card.langs.push(Lang::new(
            LanguageTag::from_str(language).map_err(|e| fail("LANG", &e))?,
        ));
    }
    if !details.time_zone.is_empty() {
        card.time_zones
            .push(TimeZone::new(TzValue::Text(details.time_zone.clone())));
    }
    if !details.website.is_empty() {
        card.urls.push(Url::new(
            Uri::from_str(&details.website).map_err(|e| fail("URL", &e))?,
        ));
    }
    if !details.notes.is_empty() {
        card.notes.push(Note::new(details.notes.clone()));
    }
    // Only the key's summary is at hand, so the card points at the key by its fingerprint
    // (the openpgp4fpr URI scheme that OpenPGP tools and QR codes use) rather than embedding it.
    if let Some(key) = &contact.key {
        let uri = Uri::from_str(&format!("openpgp4fpr:{}", key.fingerprint))
            .map_err(|e| fail("KEY", &e))?;
        card.keys.push(Key::new(TextOrUri::Uri(uri)));
    }
    let uid = Uri::from_str(&format!("urn:liaison:contact:{}", contact.id))
        .map_err(|e| fail("UID", &e))?;
    card.uids.push(Uid::new(TextOrUri::Uri(uid)));
    card.revisions
        .push(Rev::new(timestamp(contact).map_err(|e| fail("REV", &e))?));
    card.categories.push(Categories::new(categories(contact)));

    let name = Token::from_str(STATE_PROPERTY).map_err(|e| fail(STATE_PROPERTY, &e))?;
    card.extensions
        .push(ExtensionProperty::from_text(name, state.code.as_str()));

    card.validate().map_err(|e| fail("card", &e))?;
    Ok(card)
}

/// A `tel:` URI (RFC 3966) of a number in the international format the directory requires.
/// URIs cannot hold spaces, so every run of separators (spaces, slashes, parentheses, hyphens)
/// becomes one hyphen, RFC 3966's visual separator.
fn tel_uri(phone: &str) -> String {
    let mut uri = String::from("tel:+");
    let mut separated = false;
    for c in phone.chars() {
        if c.is_ascii_digit() {
            if separated && !uri.ends_with('+') {
                uri.push('-');
            }
            separated = false;
            uri.push(c);
        } else {
            separated = true;
        }
    }
    uri
}

/// REV is the moment the current version was recorded, in UTC.
fn timestamp(contact: &Contact) -> Result<Timestamp, String> {
    let at = contact.recorded_at.to_offset(time::UtcOffset::UTC);
    let date = NaiveDate::from_ymd_opt(
        at.year(),
        u32::from(u8::from(at.month())),
        u32::from(at.day()),
    )
    .ok_or_else(|| format!("{at} is not a calendar date"))?;
    let time = NaiveTime::from_hms_opt(
        u32::from(at.hour()),
        u32::from(at.minute()),
        u32::from(at.second()),
    )
    .ok_or_else(|| format!("{at} is not a time of day"))?;
    Timestamp::new(date.and_time(time), Some(Zone::Utc)).map_err(|e| e.to_string())
}

/// CBM8, then the level or the kind of structure, then `deputy` and `24x7` where they apply.
fn categories(contact: &Contact) -> Vec<String> {
    let mut categories = vec![CATEGORY.to_owned()];
    categories.push(match contact.kind {
        ContactKind::Poc {
            level: Level::Policy,
        } => "policy-level".to_owned(),
        ContactKind::Poc {
            level: Level::Technical,
        } => "technical-level".to_owned(),
        ContactKind::Structure { structure } => structure.as_str().to_owned(),
    });
    if contact.details.deputy {
        categories.push("deputy".to_owned());
    }
    if contact.details.available_24_7 {
        categories.push("24x7".to_owned());
    }
    categories
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use liaison_types::directory::{AnnualStatus, ContactDetails, KeySummary, StructureKind};
    use liaison_types::state::{StateCode, StateStatus};
    use time::macros::{date, datetime};

    const FINGERPRINT: &str = "3F2A9C1B0D4E5F60718293A4B5C6D7E8F9012345";

    fn austria() -> State {
        State {
            code: StateCode::parse("AUT").unwrap(),
            alpha2: "AT".into(),
            name: "Austria".into(),
            status: StateStatus::Participating,
        }
    }

    fn contact() -> Contact {
        Contact {
            id: 42,
            state: StateCode::parse("AUT").unwrap(),
            kind: ContactKind::Poc {
                level: Level::Policy,
            },
            details: ContactDetails {
                name: "Maria Huber".into(),
                function: "Head of Unit, Cyber Diplomacy".into(),
                organisation: "Federal Ministry for European and International Affairs".into(),
                email: "cyber@bmeia.gv.at".into(),
                phone: "+43 1 90115 (0)/3345".into(),
                available_24_7: true,
                time_zone: "Europe/Vienna".into(),
                languages: vec!["de".into(), "en".into()],
                deputy: false,
                website: "https://www.bmeia.gv.at/".into(),
                notes: "Working days 8:00-17:00; otherwise call the duty officer.".into(),
            },
            key: Some(KeySummary {
                fingerprint: FINGERPRINT.into(),
                algorithm: "ed25519".into(),
                expires_at: None,
            }),
            version: 2,
            effective_on: date!(2026 - 01 - 15),
            recorded_at: datetime!(2026-01-20 10:30:15 +01:00),
            confirmed_on: date!(2026 - 01 - 20),
            due_on: date!(2027 - 01 - 20),
            annual_status: AnnualStatus::Current,
            retired: false,
            scheduled: None,
        }
    }

    #[test]
    fn the_card_of_a_fixed_contact() {
        let expected = concat!(
            "BEGIN:VCARD\r\n",
            "VERSION:4.0\r\n",
            "KIND:individual\r\n",
            "FN:Maria Huber\r\n",
            "TEL;VALUE=uri;TYPE=work,voice:tel:+43-1-90115-0-3345\r\n",
            "EMAIL;TYPE=work:cyber@bmeia.gv.at\r\n",
            "LANG:de\r\n",
            "LANG:en\r\n",
            "TZ:Europe/Vienna\r\n",
            "TITLE:Head of Unit\\, Cyber Diplomacy\r\n",
            "ORG:Federal Ministry for European and International Affairs\r\n",
            "CATEGORIES:CBM8,policy-level,24x7\r\n",
            "NOTE:Working days 8:00-17:00; otherwise call the duty officer.\r\n",
            "REV:20260120T093015Z\r\n",
            "UID:urn:liaison:contact:42\r\n",
            "URL:https://www.bmeia.gv.at/\r\n",
            "KEY:openpgp4fpr:3F2A9C1B0D4E5F60718293A4B5C6D7E8F9012345\r\n",
            "X-LIAISON-STATE:AUT\r\n",
            "END:VCARD\r\n",
        );
        assert_eq!(contact_card(&contact(), &austria()).unwrap(), expected);
    }

    #[test]
    fn the_card_parses_back_with_its_key_properties() {
        let text = contact_card(&contact(), &austria()).unwrap();
        let card = VCard::from_str(&text).unwrap();
        card.validate().unwrap();
        assert_eq!(card.formatted_names[0].value, "Maria Huber");
        assert_eq!(card.emails[0].value.as_str(), "cyber@bmeia.gv.at");
        assert_eq!(card.emails[0].parameters.types, vec![TypeValue::Work]);
        match &card.telephones[0].value {
            TelValue::Uri(uri) => assert_eq!(uri.as_str(), "tel:+43-1-90115-0-3345"),
            other => panic!("TEL is not a URI: {other:?}"),
        }
        match &card.uids[0].value {
            TextOrUri::Uri(uri) => assert_eq!(uri.as_str(), "urn:liaison:contact:42"),
            other => panic!("UID is not a URI: {other:?}"),
        }
        match &card.keys[0].value {
            TextOrUri::Uri(uri) => assert_eq!(uri.as_str(), format!("openpgp4fpr:{FINGERPRINT}")),
            other => panic!("KEY is not a URI: {other:?}"),
        }
        assert_eq!(card.kinds[0].value, KindValue::Individual);
        assert_eq!(card.extensions[0].name.as_str(), STATE_PROPERTY);
        assert_eq!(card.extensions[0].to_text(), "AUT");
        assert_eq!(card.revisions[0].value.to_string(), "20260120T093015Z");
    }

    #[test]
    fn long_notes_are_folded_and_unfold_unchanged() {
        let mut contact = contact();
        contact.details.notes = "Für dringende Fälle: Bereitschaftsdienst über die Zentrale, \
            danach Durchwahl; Ausweichnummer im Notfallhandbuch, Kapitel 4."
            .repeat(3);
        let text = contact_card(&contact, &austria()).unwrap();
        assert!(text.split("\r\n").all(|line| line.len() <= 75), "{text}");
        assert!(text.contains("\r\n "), "the note should be folded");
        let card = VCard::from_str(&text).unwrap();
        assert_eq!(card.notes[0].value, contact.details.notes);
    }

    #[test]
    fn commas_semicolons_and_line_breaks_are_escaped() {
        let mut contact = contact();
        contact.details.organisation = "CERT.at; nic.at GmbH, Vienna".into();
        contact.details.notes = "First line, with comma;\nsecond line\\ends".into();
        let text = contact_card(&contact, &austria()).unwrap();
        assert!(
            text.contains("ORG:CERT.at\\; nic.at GmbH\\, Vienna\r\n"),
            "{text}"
        );
        assert!(
            text.contains("NOTE:First line\\, with comma;\\nsecond line\\\\ends\r\n"),
            "{text}"
        );
        let card = VCard::from_str(&text).unwrap();
        assert_eq!(
            card.organizations[0].value.name,
            contact.details.organisation
        );
        assert!(card.organizations[0].value.units.is_empty());
        assert_eq!(card.notes[0].value, contact.details.notes);
    }

    #[test]
    fn structures_are_organisations_and_optional_properties_are_left_out() {
        let mut contact = contact();
        contact.kind = ContactKind::Structure {
            structure: StructureKind::NationalCsirt,
        };
        contact.key = None;
        contact.details.function.clear();
        contact.details.phone.clear();
        contact.details.time_zone.clear();
        contact.details.website.clear();
        contact.details.notes.clear();
        contact.details.languages.clear();
        contact.details.available_24_7 = false;
        contact.details.deputy = true;
        let text = contact_card(&contact, &austria()).unwrap();
        assert!(text.contains("KIND:org\r\n"));
        assert!(text.contains("CATEGORIES:CBM8,national-csirt,deputy\r\n"));
        for absent in ["TEL", "TITLE", "TZ", "URL", "NOTE", "LANG", "KEY"] {
            assert!(
                !text.contains(&format!("\r\n{absent}")),
                "{absent} in {text}"
            );
        }
    }

    #[test]
    fn state_cards_leave_out_retired_contacts() {
        let mut retired = contact();
        retired.id = 43;
        retired.retired = true;
        let mut technical = contact();
        technical.id = 44;
        technical.kind = ContactKind::Poc {
            level: Level::Technical,
        };
        let text = state_cards(&[contact(), retired, technical], &austria()).unwrap();
        let cards = VCard::parse_multiple(&text).unwrap();
        let uids: Vec<String> = cards
            .iter()
            .map(|card| match &card.uids[0].value {
                TextOrUri::Uri(uri) => uri.as_str().to_owned(),
                TextOrUri::Text(text) => text.clone(),
            })
            .collect();
        assert_eq!(uids, ["urn:liaison:contact:42", "urn:liaison:contact:44"]);
        assert_eq!(state_cards(&[], &austria()).unwrap(), "");
    }

    #[test]
    fn a_contact_of_another_state_is_refused() {
        let mut state = austria();
        state.code = StateCode::parse("DEU").unwrap();
        assert_eq!(
            contact_card(&contact(), &state).unwrap_err(),
            "contact 42 belongs to AUT, not to DEU"
        );
    }

    proptest::proptest! {
        /// Text of every kind the directory accepts comes back unchanged from the card.
        #[test]
        fn valid_details_survive_the_card(
            name in "[^\\p{C}]{1,60}",
            organisation in "[^\\p{C}]{1,60}",
            function in "[^\\p{C}]{0,60}",
            notes in "[^\\p{C}]{0,300}|[a-z,;:\\\\\n\r\t ]{0,300}",
            email in "[=+'a-z0-9][a-z0-9]{0,8}@[a-z0-9]{1,10}\\.[a-z]{2,6}",
            phone in "\\+[1-9][0-9]{1,2}([ /()-]{1,2}[0-9]{2,4}){2,3}",
        ) {
            let mut contact = contact();
            contact.details.name = name;
            contact.details.organisation = organisation;
            contact.details.function = function;
            contact.details.notes = notes;
            contact.details.email = email;
            contact.details.phone = phone;
            let kind = contact.kind;
            let details = super::super::validate_details(kind, &contact.details);
            proptest::prop_assume!(details.is_ok());
            contact.details = details.unwrap();
            let text = contact_card(&contact, &austria()).unwrap();
            let card = VCard::from_str(&text).unwrap();
            card.validate().unwrap();
            let d = &contact.details;
            proptest::prop_assert_eq!(&card.formatted_names[0].value, &d.name);
            proptest::prop_assert_eq!(&card.organizations[0].value.name, &d.organisation);
            proptest::prop_assert!(card.organizations[0].value.units.is_empty());
            proptest::prop_assert_eq!(
                card.titles.first().map(|t| t.value.as_str()).unwrap_or_default(),
                d.function.as_str()
            );
            // vCard has one line break, so CRLF and CR inside notes come back as LF.
            let notes = d.notes.replace("\r\n", "\n").replace('\r', "\n");
            proptest::prop_assert_eq!(
                card.notes.first().map(|n| n.value.as_str()).unwrap_or_default(),
                notes.as_str()
            );
            proptest::prop_assert_eq!(card.emails[0].value.as_str(), d.email.as_str());
            let digits: String = d.phone.chars().filter(char::is_ascii_digit).collect();
            match &card.telephones[0].value {
                TelValue::Uri(uri) => proptest::prop_assert_eq!(
                    uri.as_str().replace('-', ""),
                    format!("tel:+{digits}")
                ),
                TelValue::Text(text) => proptest::prop_assert!(false, "TEL is text: {}", text),
            }
        }
    }

    #[test]
    fn tel_uris_have_hyphens_for_separators() {
        assert_eq!(tel_uri("+49 228 99 9582 0"), "tel:+49-228-99-9582-0");
        assert_eq!(tel_uri("+1 (202) 555-0100"), "tel:+1-202-555-0100");
        assert_eq!(tel_uri("+43/1/90115"), "tel:+43-1-90115");
        assert_eq!(tel_uri("+4312345678"), "tel:+4312345678");
    }
}

//! The rest of the demo network: every participating State that the directory story does not
//! tell gets an invented entry (functional names, `demo-xx.example` addresses and `555 01xx`
//! numbers, no real people), so that the overview, the checks and the statistics look like a
//! live network of 57 States and benchmarks run at real size. Nothing here is random: which
//! States are due soon, overdue, notified late, incomplete or unreachable follows from a fixed
//! permutation of their index in the reference list, so that the mix is spread over the
//! alphabet. Which State falls where says nothing about the real State.

use super::{coordinator, ctx_at};
use crate::config::Config;
use crate::error::{AppError, AppResult};
use crate::ops;
use liaison_store::Store;
use liaison_types::directory::{ContactDetails, ContactInput, ContactKind, Level, StructureKind};
use liaison_types::state::State;
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

/// Where an invented entry stands when the demo starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Profile {
    /// Complete, confirmed within the year, every contact answered both checks.
    Current,
    /// Confirmed 338 to 361 days ago: every contact falls due within 30 days.
    DueSoon,
    /// Not confirmed for more than a year.
    Overdue,
    /// Current, with a change of its technical contact notified more than 30 days late.
    Late,
    /// A policy-level point of contact only.
    NoTechnical,
    /// A technical-level point of contact only.
    NoPolicy,
    /// Current, but its technical contact missed both checks: flagged unreachable.
    Unreachable,
    /// Current, but its policy-level contact missed the last check.
    MissedLast,
}

impl Profile {
    /// The profile of the State at `rank` (0..52) of the permuted list: six due soon, four
    /// overdue, two notified late, two incomplete, two unreachable, three that missed the last
    /// check, the rest (33) current.
    fn of_rank(rank: usize) -> Profile {
        match rank {
            0..=5 => Profile::DueSoon,
            6..=9 => Profile::Overdue,
            10..=11 => Profile::Late,
            12 => Profile::NoTechnical,
            13 => Profile::NoPolicy,
            14..=15 => Profile::Unreachable,
            16..=18 => Profile::MissedLast,
            _ => Profile::Current,
        }
    }
}

/// One invented entry: the State, its place in the list and what it looks like.
#[derive(Debug, Clone)]
pub(super) struct Member {
    pub state: State,
    pub index: usize,
    pub profile: Profile,
    time_zone: &'static str,
    languages: &'static [&'static str],
    dialling_code: &'static str,
}

/// One contact of an invented entry.
pub(super) struct Invented {
    pub kind: ContactKind,
    pub details: ContactDetails,
}

/// Steps through the list coprime with its length, so that each rank is taken once.
const STRIDE: usize = 23;

/// Every participating State of `states` not in `told`, in reference order, with its profile.
pub(super) fn members(states: &[State], told: &[&str]) -> AppResult<Vec<Member>> {
    let rest: Vec<&State> = states
        .iter()
        .filter(|s| s.status.is_participating() && !told.contains(&s.code.as_str()))
        .collect();
    let n = rest.len();
    if n == 0 || gcd(STRIDE, n) != 1 {
        return Err(AppError::Internal(format!(
            "the demo network cannot spread its profiles over {n} States"
        )));
    }
    rest.into_iter()
        .enumerate()
        .map(|(index, state)| {
            let &(_, time_zone, languages, dialling_code) = LOCALE
                .iter()
                .find(|(code, ..)| *code == state.code.as_str())
                .ok_or_else(|| {
                    AppError::Internal(format!("no demo time zone for {}", state.code))
                })?;
            Ok(Member {
                state: state.clone(),
                index,
                profile: Profile::of_rank(index * STRIDE % n),
                time_zone,
                languages,
                dialling_code,
            })
        })
        .collect()
}

/// The invented entries of the rest of the network, each recorded by its State's coordinator on
/// the day it was last confirmed; a `Late` entry's technical contact changed 20 days ago, with
/// effect 60 days before that.
pub(super) async fn seed(
    store: &Store,
    config: &Arc<Config>,
    now: OffsetDateTime,
    members: &[Member],
) -> AppResult<()> {
    for member in members {
        let at = ctx_at(store, config, now - Duration::days(member.days_ago()));
        let code = &member.state.code;
        let actor = coordinator(code.as_str())?;
        let mut technical = None;
        for invented in member.contacts() {
            let input = ContactInput {
                kind: invented.kind,
                details: invented.details,
                effective_on: at.clock.today(),
                version: None,
            };
            let contact = ops::directory::create_contact(&at, &actor, code, &input).await?;
            if invented.kind == TECHNICAL_POC {
                technical = Some(contact.id);
            }
        }
        if let (Profile::Late, Some(id)) = (member.profile, technical) {
            let late = ctx_at(store, config, now - Duration::days(20));
            let changed = member.changed_technical();
            let input = ContactInput {
                kind: changed.kind,
                details: changed.details,
                effective_on: late.clock.today() - Duration::days(60),
                version: None,
            };
            ops::directory::update_contact(&late, &actor, id, &input).await?;
        }
    }
    Ok(())
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

impl Member {
    /// How many days before the demo starts the entry was recorded (and last confirmed). Never
    /// less than 50, so that every contact existed when the first demo check went out.
    pub fn days_ago(&self) -> i64 {
        let i = self.index as i64;
        match self.profile {
            Profile::DueSoon => 338 + (i * 7) % 24,
            Profile::Overdue => 380 + (i * 61) % 240,
            Profile::Late => 180 + (i * 47) % 140,
            _ => 50 + (i * 47) % 280,
        }
    }

    /// The contacts of the entry: a policy-level and a technical-level point of contact (unless
    /// the profile lacks one), and the national CSIRT as a structure for every other State.
    pub fn contacts(&self) -> Vec<Invented> {
        let mut out = Vec::new();
        if self.profile != Profile::NoPolicy {
            out.push(self.contact(ContactKind::Poc {
                level: Level::Policy,
            }));
        }
        if self.profile != Profile::NoTechnical {
            out.push(self.contact(ContactKind::Poc {
                level: Level::Technical,
            }));
        }
        if self.index.is_multiple_of(2) {
            out.push(self.contact(ContactKind::Structure {
                structure: StructureKind::NationalCsirt,
            }));
        }
        out
    }

    /// The technical contact's details after the change the `Late` profile notifies late.
    pub fn changed_technical(&self) -> Invented {
        let mut changed = self.contact(ContactKind::Poc {
            level: Level::Technical,
        });
        changed.details.function = "24/7 operations (new duty line)".into();
        changed.details.phone = format!("{} 555 0112", self.dialling_code);
        changed
    }

    fn contact(&self, kind: ContactKind) -> Invented {
        let pick = |list: &[&str]| list[self.index % list.len()].to_owned();
        let domain = format!("demo-{}.example", self.state.alpha2.to_lowercase());
        let (name, function, organisation, mailbox, line) = match kind {
            ContactKind::Poc {
                level: Level::Policy,
            } => (
                pick(&[
                    "Cyber diplomacy desk",
                    "Cyber security policy unit",
                    "Office of the cyber envoy",
                    "International cyber policy unit",
                    "Cyber affairs desk",
                ]),
                pick(&[
                    "Policy-level point of contact",
                    "Head of unit",
                    "Deputy head of unit",
                ]),
                pick(&[
                    "Ministry of Foreign Affairs",
                    "Ministry of Foreign and European Affairs",
                    "Ministry of Foreign Affairs, Security Policy Directorate",
                    "Ministry of Foreign Affairs, OSCE Department",
                ]),
                "cyber",
                "0100",
            ),
            ContactKind::Poc {
                level: Level::Technical,
            } => (
                pick(&[
                    "CERT duty officer",
                    "National CSIRT on duty",
                    "CSIRT duty desk",
                    "Incident response duty officer",
                ]),
                "24/7 operations".to_owned(),
                pick(&[
                    "National Cyber Security Centre",
                    "National CERT",
                    "Cyber Security Agency",
                    "Government CSIRT",
                    "National Cyber Security Authority",
                ]),
                "cert",
                "0111",
            ),
            ContactKind::Structure { .. } => (
                "National CSIRT".to_owned(),
                String::new(),
                "National Cyber Security Centre".to_owned(),
                "csirt",
                "0122",
            ),
        };
        let mut languages: Vec<String> = self.languages.iter().map(|l| (*l).to_owned()).collect();
        if !languages.iter().any(|l| l == "en") {
            languages.push("en".into());
        }
        Invented {
            kind,
            details: ContactDetails {
                name,
                function,
                organisation,
                email: format!("{mailbox}@{domain}"),
                phone: format!("{} 555 {line}", self.dialling_code),
                available_24_7: !matches!(
                    kind,
                    ContactKind::Poc {
                        level: Level::Policy
                    }
                ),
                time_zone: self.time_zone.into(),
                languages,
                deputy: false,
                website: String::new(),
                notes: String::new(),
            },
        }
    }

    /// After how many minutes the contact at `level` answered check `check` (0: the older, 1:
    /// the last), or `None` when it did not.
    pub fn answers(&self, check: usize, level: Level) -> Option<i64> {
        let missed = match (self.profile, level) {
            (Profile::Unreachable, Level::Technical) => true,
            (Profile::MissedLast, Level::Policy) => check == 1,
            _ => false,
        };
        let salt = match level {
            Level::Policy => 29,
            Level::Technical => 11,
        };
        let i = self.index as i64;
        (!missed).then_some(4 + (i * 53 + salt * (check as i64 + 1)) % 540)
    }
}

const TECHNICAL_POC: ContactKind = ContactKind::Poc {
    level: Level::Technical,
};

/// Where each invented entry's contacts work: (State, time zone, working languages, to which
/// English is added, international dialling code).
const LOCALE: &[(&str, &str, &[&str], &str)] = &[
    ("ALB", "Europe/Tirane", &["sq"], "+355"),
    ("AND", "Europe/Andorra", &["ca", "fr", "es"], "+376"),
    ("ARM", "Asia/Yerevan", &["hy", "ru"], "+374"),
    ("AZE", "Asia/Baku", &["az", "ru"], "+994"),
    ("BLR", "Europe/Minsk", &["be", "ru"], "+375"),
    ("BEL", "Europe/Brussels", &["nl", "fr", "de"], "+32"),
    ("BIH", "Europe/Sarajevo", &["bs", "hr", "sr"], "+387"),
    ("BGR", "Europe/Sofia", &["bg"], "+359"),
    ("CAN", "America/Toronto", &["en", "fr"], "+1"),
    ("HRV", "Europe/Zagreb", &["hr"], "+385"),
    ("CYP", "Asia/Nicosia", &["el", "tr"], "+357"),
    ("CZE", "Europe/Prague", &["cs"], "+420"),
    ("DNK", "Europe/Copenhagen", &["da"], "+45"),
    ("FIN", "Europe/Helsinki", &["fi", "sv"], "+358"),
    ("GEO", "Asia/Tbilisi", &["ka", "ru"], "+995"),
    ("GRC", "Europe/Athens", &["el"], "+30"),
    ("VAT", "Europe/Vatican", &["it", "la"], "+39"),
    ("HUN", "Europe/Budapest", &["hu"], "+36"),
    ("ISL", "Atlantic/Reykjavik", &["is"], "+354"),
    ("IRL", "Europe/Dublin", &["en", "ga"], "+353"),
    ("KAZ", "Asia/Almaty", &["kk", "ru"], "+7"),
    ("KGZ", "Asia/Bishkek", &["ky", "ru"], "+996"),
    ("LVA", "Europe/Riga", &["lv"], "+371"),
    ("LIE", "Europe/Vaduz", &["de"], "+423"),
    ("LTU", "Europe/Vilnius", &["lt"], "+370"),
    ("LUX", "Europe/Luxembourg", &["lb", "fr", "de"], "+352"),
    ("MLT", "Europe/Malta", &["mt"], "+356"),
    ("MDA", "Europe/Chisinau", &["ro", "ru"], "+373"),
    ("MCO", "Europe/Monaco", &["fr"], "+377"),
    ("MNG", "Asia/Ulaanbaatar", &["mn"], "+976"),
    ("MNE", "Europe/Podgorica", &["sr"], "+382"),
    ("NLD", "Europe/Amsterdam", &["nl"], "+31"),
    ("MKD", "Europe/Skopje", &["mk", "sq"], "+389"),
    ("NOR", "Europe/Oslo", &["nb"], "+47"),
    ("POL", "Europe/Warsaw", &["pl"], "+48"),
    ("PRT", "Europe/Lisbon", &["pt"], "+351"),
    ("ROU", "Europe/Bucharest", &["ro"], "+40"),
    ("RUS", "Europe/Moscow", &["ru"], "+7"),
    ("SMR", "Europe/San_Marino", &["it"], "+378"),
    ("SRB", "Europe/Belgrade", &["sr"], "+381"),
    ("SVK", "Europe/Bratislava", &["sk"], "+421"),
    ("SVN", "Europe/Ljubljana", &["sl"], "+386"),
    ("ESP", "Europe/Madrid", &["es"], "+34"),
    ("SWE", "Europe/Stockholm", &["sv"], "+46"),
    ("CHE", "Europe/Zurich", &["de", "fr", "it"], "+41"),
    ("TJK", "Asia/Dushanbe", &["tg", "ru"], "+992"),
    ("TUR", "Europe/Istanbul", &["tr"], "+90"),
    ("TKM", "Asia/Ashgabat", &["tk", "ru"], "+993"),
    ("UKR", "Europe/Kyiv", &["uk"], "+380"),
    ("GBR", "Europe/London", &["en"], "+44"),
    ("USA", "America/New_York", &["en"], "+1"),
    ("UZB", "Asia/Tashkent", &["uz", "ru"], "+998"),
];

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use liaison_core::directory::validate_details;

    const TOLD: [&str; 5] = ["DEU", "FRA", "AUT", "EST", "ITA"];

    fn all() -> Vec<Member> {
        members(&liaison_core::reference::states().unwrap(), &TOLD).unwrap()
    }

    #[test]
    fn every_state_the_story_does_not_tell_gets_a_valid_invented_entry() {
        let members = all();
        assert_eq!(members.len(), 52);
        for member in &members {
            let contacts = member.contacts();
            assert!(!contacts.is_empty(), "{}", member.state.code);
            for contact in contacts.iter().chain([&member.changed_technical()]) {
                let checked = validate_details(contact.kind, &contact.details)
                    .unwrap_or_else(|e| panic!("{}: {e:?}", member.state.code));
                assert!(checked.email.ends_with(".example"), "{}", checked.email);
            }
        }
    }

    #[test]
    fn the_profiles_make_a_plausible_mix() {
        let members = all();
        let count = |profile| members.iter().filter(|m| m.profile == profile).count();
        assert_eq!(count(Profile::DueSoon), 6);
        assert_eq!(count(Profile::Overdue), 4);
        assert_eq!(count(Profile::Late), 2);
        assert_eq!(count(Profile::NoTechnical), 1);
        assert_eq!(count(Profile::NoPolicy), 1);
        assert_eq!(count(Profile::Unreachable), 2);
        assert_eq!(count(Profile::MissedLast), 3);
        assert_eq!(count(Profile::Current), 33);
        for member in &members {
            let days = member.days_ago();
            assert!(days >= 50, "{}: {days}", member.state.code);
            match member.profile {
                Profile::DueSoon => assert!((336..365).contains(&days)),
                Profile::Overdue => assert!(days > 366),
                _ => assert!(days < 335, "{}: {days}", member.state.code),
            }
        }
    }
}

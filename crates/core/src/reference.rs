//! Reference data compiled into the binary: the 57 participating States and 11 Partners for
//! Co-operation, the 16 CBMs and the official OSCE languages (copied from the design's data files,
//! so the product never reads anything outside itself at run time).

use liaison_types::state::{Region, State, StateCode, StateStatus};

const STATES_CSV: &str = include_str!("../data/participating-states.csv");
const REGIONS_CSV: &str = include_str!("../data/regions.csv");
const CBMS_CSV: &str = include_str!("../data/cbms.csv");

/// The official OSCE languages, in which submissions may be written and the UI is offered.
pub const OFFICIAL_LANGUAGES: [&str; 6] = ["en", "fr", "de", "it", "ru", "es"];

/// One confidence-building measure.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Cbm {
    pub number: u8,
    pub adopted_by: String,
    pub adopted_on: String,
    pub short_title: String,
    pub what_the_platform_supports: String,
}

#[derive(serde::Deserialize)]
struct StateRow {
    alpha2: String,
    alpha3: String,
    name: String,
    status: String,
}

/// All States known to the OSCE, participating first, in the order of the source list.
pub fn states() -> Result<Vec<State>, String> {
    let mut reader = csv::Reader::from_reader(STATES_CSV.as_bytes());
    let mut out = Vec::new();
    for row in reader.deserialize::<StateRow>() {
        let row = row.map_err(|e| e.to_string())?;
        out.push(State {
            code: StateCode::parse(&row.alpha3)?,
            alpha2: row.alpha2,
            name: row.name,
            status: StateStatus::parse(&row.status)?,
        });
    }
    Ok(out)
}

/// The region (UN M49 sub-region) of a participating State; `None` for Partners and unknown
/// codes.
pub fn region_of(code: &StateCode) -> Option<Region> {
    REGIONS_CSV
        .lines()
        .skip(1)
        .filter_map(|line| line.split_once(','))
        .find(|(alpha3, _)| *alpha3 == code.as_str())
        .and_then(|(_, region)| Region::parse(region).ok())
}

/// The 16 CBMs.
pub fn cbms() -> Result<Vec<Cbm>, String> {
    let mut reader = csv::Reader::from_reader(CBMS_CSV.as_bytes());
    reader
        .deserialize::<Cbm>()
        .map(|row| row.map_err(|e| e.to_string()))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn reference_lists_are_complete() {
        let states = states().unwrap();
        assert_eq!(
            states
                .iter()
                .filter(|s| s.status.is_participating())
                .count(),
            57
        );
        assert_eq!(
            states
                .iter()
                .filter(|s| !s.status.is_participating())
                .count(),
            11
        );
        assert!(
            states
                .iter()
                .any(|s| s.code.as_str() == "VAT" && s.name == "Holy See")
        );
        let cbms = cbms().unwrap();
        assert_eq!(cbms.len(), 16);
        assert_eq!(cbms[7].number, 8);
    }

    #[test]
    fn every_participating_state_has_one_region_and_no_partner_has_one() {
        let states = states().unwrap();
        for state in &states {
            assert_eq!(
                region_of(&state.code).is_some(),
                state.status.is_participating(),
                "{}",
                state.code
            );
        }
        let rows: Vec<&str> = REGIONS_CSV.lines().skip(1).collect();
        assert_eq!(rows.len(), 57, "one row per participating State");
        for region in Region::ALL {
            assert!(
                states.iter().any(|s| region_of(&s.code) == Some(region)),
                "{region:?} has members"
            );
        }
        let central: Vec<&str> = states
            .iter()
            .filter(|s| region_of(&s.code) == Some(Region::CentralAsia))
            .map(|s| s.code.as_str())
            .collect();
        assert_eq!(central, ["KAZ", "KGZ", "TJK", "TKM", "UZB"]);
    }
}

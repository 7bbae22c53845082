//! Participating States and Partners for Co-operation.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An ISO 3166-1 alpha-3 code, upper case (`DEU`). Exists only through [`StateCode::parse`].
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "DEU", pattern = "^[A-Z]{3}$")]
pub struct StateCode(String);

impl StateCode {
    /// Accepts three ASCII letters in either case and normalises them to upper case.
    pub fn parse(input: &str) -> Result<StateCode, String> {
        let trimmed = input.trim();
        if trimmed.len() == 3 && trimmed.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(StateCode(trimmed.to_ascii_uppercase()))
        } else {
            Err(format!(
                "'{trimmed}' is not a three-letter ISO 3166 code such as DEU"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for StateCode {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        StateCode::parse(&value)
    }
}

impl From<StateCode> for String {
    fn from(code: StateCode) -> String {
        code.0
    }
}

impl fmt::Display for StateCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a State takes part in the CBMs or is a Partner for Co-operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StateStatus {
    Participating,
    PartnerAsian,
    PartnerMediterranean,
}

impl StateStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StateStatus::Participating => "participating",
            StateStatus::PartnerAsian => "partner-asian",
            StateStatus::PartnerMediterranean => "partner-mediterranean",
        }
    }

    pub fn parse(input: &str) -> Result<StateStatus, String> {
        match input {
            "participating" => Ok(StateStatus::Participating),
            "partner-asian" => Ok(StateStatus::PartnerAsian),
            "partner-mediterranean" => Ok(StateStatus::PartnerMediterranean),
            other => Err(format!("unknown State status '{other}'")),
        }
    }

    pub fn is_participating(self) -> bool {
        self == StateStatus::Participating
    }
}

/// A State as listed in the directory.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema, PartialEq)]
pub struct State {
    pub code: StateCode,
    pub alpha2: String,
    pub name: String,
    pub status: StateStatus,
}

/// A region of the participating States, as the United Nations geoscheme (M49) groups them, so
/// that the network manager can address, say, Central Asia in one choice.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    NorthernAmerica,
    NorthernEurope,
    WesternEurope,
    SouthernEurope,
    EasternEurope,
    WesternAsia,
    CentralAsia,
    EasternAsia,
}

impl Region {
    pub const ALL: [Region; 8] = [
        Region::NorthernAmerica,
        Region::NorthernEurope,
        Region::WesternEurope,
        Region::SouthernEurope,
        Region::EasternEurope,
        Region::WesternAsia,
        Region::CentralAsia,
        Region::EasternAsia,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Region::NorthernAmerica => "northern-america",
            Region::NorthernEurope => "northern-europe",
            Region::WesternEurope => "western-europe",
            Region::SouthernEurope => "southern-europe",
            Region::EasternEurope => "eastern-europe",
            Region::WesternAsia => "western-asia",
            Region::CentralAsia => "central-asia",
            Region::EasternAsia => "eastern-asia",
        }
    }

    pub fn parse(input: &str) -> Result<Region, String> {
        Region::ALL
            .into_iter()
            .find(|region| region.as_str() == input.trim())
            .ok_or_else(|| {
                format!(
                    "unknown region '{}' ({})",
                    input.trim(),
                    Region::ALL.map(Region::as_str).join(", ")
                )
            })
    }
}

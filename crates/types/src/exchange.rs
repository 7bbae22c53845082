//! The annual information exchange (CBMs 1, 4, 6, 7, 9, 15): the sections a cycle asks for and
//! the official OSCE languages a section is written in.

use serde::{Deserialize, Serialize};

/// A section of a State's consolidated submission, named after the CBM it answers.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    /// National views on threats to and from the use of ICTs (CBM 1).
    Threats,
    /// Measures for an open, interoperable, secure and reliable Internet (CBM 4).
    OpenInternet,
    /// Legislation for co-operation (CBM 6).
    Legislation,
    /// National organisation, strategies, policies and programmes, incl. public-private
    /// co-operation (CBM 7).
    Organisation,
    /// National terminology (CBM 9): a structured list of terms.
    Terminology,
    /// Critical-infrastructure categories (CBM 15).
    CriticalInfrastructure,
}

impl Section {
    /// Every section, in the order of the CBMs: what a cycle asks for by default.
    pub const ALL: [Section; 6] = [
        Section::Threats,
        Section::OpenInternet,
        Section::Legislation,
        Section::Organisation,
        Section::Terminology,
        Section::CriticalInfrastructure,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Threats => "threats",
            Section::OpenInternet => "open-internet",
            Section::Legislation => "legislation",
            Section::Organisation => "organisation",
            Section::Terminology => "terminology",
            Section::CriticalInfrastructure => "critical-infrastructure",
        }
    }

    /// The number of the CBM the section answers.
    pub fn cbm(self) -> u8 {
        match self {
            Section::Threats => 1,
            Section::OpenInternet => 4,
            Section::Legislation => 6,
            Section::Organisation => 7,
            Section::Terminology => 9,
            Section::CriticalInfrastructure => 15,
        }
    }

    pub fn parse(input: &str) -> Result<Section, String> {
        Section::ALL
            .into_iter()
            .find(|s| s.as_str() == input.trim())
            .ok_or_else(|| {
                format!(
                    "unknown section '{}' (threats, open-internet, legislation, organisation, terminology, critical-infrastructure)",
                    input.trim()
                )
            })
    }
}

/// The six official languages of the OSCE, in which a section may be written.
pub const OFFICIAL_LANGUAGES: [&str; 6] = ["en", "fr", "de", "it", "ru", "es"];

/// One term of a State's national terminology (CBM 9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Term {
    pub term: String,
    /// The official OSCE language of `term` and `definition`.
    pub language: String,
    pub definition: String,
    /// The English term and definition (the same as `term` and `definition` for English).
    pub english_term: String,
    pub english_definition: String,
    /// Where the definition comes from (a law, a strategy), if anywhere.
    #[serde(default)]
    pub source: String,
}

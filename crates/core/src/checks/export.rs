//! The CSV of a check's results: one row per challenge the reader may see, in the directory
//! CSV's conventions (UTF-8 with BOM, CRLF, cells that a spreadsheet would run as formulas
//! neutralised).

use crate::directory::csv::{finish, neutralise, writer};
use liaison_types::checks::ChallengeResult;
use time::format_description::well_known::Rfc3339;

/// The columns, in order.
pub const COLUMNS: [&str; 15] = [
    "check_id",
    "state",
    "level",
    "contact_id",
    "contact_name",
    "email",
    "sent_at",
    "deadline",
    "outcome",
    "response_seconds",
    "answered_at",
    "answer_way",
    "key_verified",
    "reminded_at",
    "delivery_failed_at",
];

/// The results as CSV, in the order given.
pub fn results_csv(rows: &[ChallengeResult]) -> Result<String, String> {
    let mut writer = writer();
    writer
        .write_record(COLUMNS)
        .map_err(|e| format!("writing the CSV header: {e}"))?;
    let at = |t: Option<time::OffsetDateTime>| {
        t.and_then(|t| t.format(&Rfc3339).ok()).unwrap_or_default()
    };
    for r in rows {
        let outcome = serde_json::to_value(r.outcome).unwrap_or_default();
        let way = r
            .answer_way
            .and_then(|w| serde_json::to_value(w).ok())
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let record = [
            r.check_id.to_string(),
            r.state.to_string(),
            r.level.as_str().to_owned(),
            r.contact_id.to_string(),
            r.contact_name.clone(),
            r.email.clone(),
            at(Some(r.sent_at)),
            at(Some(r.deadline)),
            outcome.as_str().unwrap_or_default().to_owned(),
            r.response_seconds
                .map(|s| s.to_string())
                .unwrap_or_default(),
            at(r.answered_at),
            way,
            if r.key_verified { "yes" } else { "no" }.to_owned(),
            at(r.reminded_at),
            at(r.delivery_failed_at),
        ];
        writer
            .write_record(record.iter().map(|cell| neutralise(cell)))
            .map_err(|e| format!("writing challenge {}: {e}", r.id))?;
    }
    finish(writer)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use liaison_types::checks::{AnswerWay, Outcome};
    use liaison_types::directory::Level;
    use liaison_types::state::StateCode;
    use time::macros::datetime;

    fn row(name: &str, answered: bool) -> ChallengeResult {
        ChallengeResult {
            id: 1,
            check_id: 7,
            contact_id: 3,
            contact_name: name.into(),
            email: "cert@demo-de.example".into(),
            state: StateCode::parse("DEU").unwrap(),
            level: Level::Technical,
            sent_at: datetime!(2027-01-15 10:00 UTC),
            deadline: datetime!(2027-01-16 10:00 UTC),
            outcome: if answered {
                Outcome::OnTime
            } else {
                Outcome::NoAnswer
            },
            response_seconds: answered.then_some(600),
            answered_at: answered.then_some(datetime!(2027-01-15 10:10 UTC)),
            answer_way: answered.then_some(AnswerWay::SignedReply),
            key_verified: answered,
            reminded_at: None,
            delivery_failed_at: None,
            delivery_error: None,
        }
    }

    #[test]
    fn one_row_per_challenge_in_the_directory_csv_conventions() {
        let text = results_csv(&[row("CERT-Bund", true), row("=HYPERLINK(\"x\")", false)]).unwrap();
        assert!(text.starts_with('\u{feff}'));
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], COLUMNS.join(","));
        assert_eq!(
            lines[1],
            "7,DEU,technical,3,CERT-Bund,cert@demo-de.example,2027-01-15T10:00:00Z,2027-01-16T10:00:00Z,on-time,600,2027-01-15T10:10:00Z,signed-reply,yes,,"
        );
        assert!(lines[2].contains(",no-answer,,,,no,,"), "{}", lines[2]);
        assert!(
            lines[2].contains("'=HYPERLINK"),
            "a formula is neutralised: {}",
            lines[2]
        );
        assert_eq!(lines[3], "");
    }
}

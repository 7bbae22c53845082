//! Time as the rules see it. The clock is injected so that every deadline can be tested at any
//! date, 29 February included; `OffsetDateTime::now_utc` is banned in this crate by clippy.toml.

use time::{Date, OffsetDateTime};

/// A source of the current time.
pub trait Clock: Send + Sync {
    fn now(&self) -> OffsetDateTime;

    fn today(&self) -> Date {
        self.now().date()
    }
}

/// The wall clock, for the server.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)]
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock that always says the same time, for tests and for replaying a day.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub OffsetDateTime);

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}

/// A time in one fixed form: UTC, microseconds, fixed width (`2027-01-15T10:00:00.250000Z`), so
/// that text order is time order. The store keeps times so, and the transparency log's leaves
/// record them so.
pub fn stamp(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        at.year(),
        at.month() as u8,
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.microsecond()
    )
}

/// A moment as an English sentence says it, to the minute, in UTC: `5 December 2026, 16:09
/// UTC` (what problems of the API say; pages and mails word times in the reader's language and
/// time zone).
pub fn readable(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{} {} {}, {:02}:{:02} UTC",
        at.day(),
        at.month(),
        at.year(),
        at.hour(),
        at.minute()
    )
}

/// `at` as the clock on the wall of an IANA time zone shows it (`Europe/Berlin`), or `None`
/// when the zone is unknown or UTC itself.
pub fn in_zone(at: OffsetDateTime, zone: &str) -> Option<OffsetDateTime> {
    use chrono::{Offset, TimeZone};
    let tz: chrono_tz::Tz = zone.trim().parse().ok()?;
    if matches!(tz, chrono_tz::UTC | chrono_tz::Etc::UTC) {
        return None;
    }
    let utc = chrono::DateTime::from_timestamp(at.unix_timestamp(), 0)?;
    let seconds = tz
        .offset_from_utc_datetime(&utc.naive_utc())
        .fix()
        .local_minus_utc();
    let offset = time::UtcOffset::from_whole_seconds(seconds).ok()?;
    Some(at.to_offset(offset))
}

/// Adds calendar months, clamping to the last day of the target month (31 January + 1 month is
/// 28 or 29 February; 29 February + 12 months is 28 February).
pub fn add_months(date: Date, months: i32) -> Date {
    let zero_based = date.year() * 12 + (date.month() as i32 - 1) + months;
    let year = zero_based.div_euclid(12);
    let month = time::Month::try_from((zero_based.rem_euclid(12) + 1) as u8)
        .unwrap_or(time::Month::January);
    let last_day = time::util::days_in_month(month, year);
    let day = date.day().min(last_day);
    Date::from_calendar_date(year, month, day).unwrap_or(date)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::{add_months, in_zone};
    use time::macros::{date, datetime};

    #[test]
    fn a_moment_reads_to_the_minute_in_utc() {
        assert_eq!(
            super::readable(datetime!(2026-12-05 17:09:09.38815514 +01:00)),
            "5 December 2026, 16:09 UTC"
        );
    }

    #[test]
    fn a_time_on_the_wall_of_a_zone_follows_its_summer_time() {
        let winter = datetime!(2026-12-05 16:09 UTC);
        let berlin = in_zone(winter, "Europe/Berlin").unwrap();
        assert_eq!((berlin.hour(), berlin.minute()), (17, 9));
        let summer = in_zone(datetime!(2027-07-05 16:09 UTC), "Europe/Berlin").unwrap();
        assert_eq!(summer.hour(), 18);
        let moscow = in_zone(winter, "Europe/Moscow").unwrap();
        assert_eq!(moscow.hour(), 19);
        assert_eq!(in_zone(winter, "UTC"), None);
        assert_eq!(in_zone(winter, "Europe/Berln"), None);
        assert_eq!(in_zone(winter, ""), None);
    }

    fn check(from: time::Date, months: i32, expected: time::Date) {
        assert_eq!(
            add_months(from, months),
            expected,
            "{from} + {months} months"
        );
    }

    #[test]
    fn adds_calendar_months_with_clamping() {
        check(date!(2025 - 03 - 15), 12, date!(2026 - 03 - 15));
        check(date!(2024 - 02 - 29), 12, date!(2025 - 02 - 28));
        check(date!(2024 - 02 - 29), 48, date!(2028 - 02 - 29));
        check(date!(2023 - 02 - 28), 12, date!(2024 - 02 - 28));
        check(date!(2026 - 01 - 31), 1, date!(2026 - 02 - 28));
        check(date!(2028 - 01 - 31), 1, date!(2028 - 02 - 29));
        check(date!(2026 - 12 - 31), 1, date!(2027 - 01 - 31));
        check(date!(2026 - 01 - 15), -1, date!(2025 - 12 - 15));
        check(date!(2026 - 03 - 31), -1, date!(2026 - 02 - 28));
    }
}

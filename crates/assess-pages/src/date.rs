//! Calendar dates of a session, written as a reader of the page's language
//! writes them ("5 Desember 2026", "5 December 2026"). The pages have no
//! clock: the caller gives the date.

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// The year, 1 to 9999.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31 (as the month has).
    pub day: u8,
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Reads `YYYY-MM-DD` (ISO 8601's calendar date).
    ///
    /// # Errors
    ///
    /// When the text is not of that form or names no real day (such as
    /// `2026-02-30`), with what was expected.
    pub fn parse(text: &str) -> Result<Date, String> {
        let bad = || format!("`{text}` is not a date of the form YYYY-MM-DD (such as 2026-12-05)");
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let num = |s: &[u8]| -> Option<u16> {
            s.iter().try_fold(0u16, |n, c| {
                c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0'))
            })
        };
        let (Some(year), Some(month), Some(day)) = (num(&b[..4]), num(&b[5..7]), num(&b[8..]))
        else {
            return Err(bad());
        };
        let (Ok(month), Ok(day)) = (u8::try_from(month), u8::try_from(day)) else {
            return Err(bad());
        };
        if year == 0 || !(1..=12).contains(&month) || day == 0 || day > days_in(year, month) {
            return Err(format!("{}: there is no such day", bad()));
        }
        Ok(Date { year, month, day })
    }

    /// The date `days` days after 1970-01-01 (a clock's day count).
    #[must_use]
    pub fn from_days_since_epoch(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: u16::try_from(year.clamp(1, 9999)).unwrap_or(1970),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// The date as `YYYY-MM-DD`.
    #[must_use]
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The date as written in `lang` (`id`: "5 Desember 2026"; `en`:
    /// "5 December 2026"); ISO for a language without month names here.
    #[must_use]
    pub fn written(&self, lang: &str) -> String {
        let months = match lang {
            "id" => &MONTHS_ID,
            "en" => &MONTHS_EN,
            _ => return self.iso(),
        };
        let m = months[usize::from(self.month - 1)];
        format!("{} {m} {}", self.day, self.year)
    }
}

fn days_in(year: u16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_checked_and_written_in_each_language() {
        let d = Date::parse("2026-12-05").unwrap();
        assert_eq!(d.written("id"), "5 Desember 2026");
        assert_eq!(d.written("en"), "5 December 2026");
        assert_eq!(d.iso(), "2026-12-05");
        assert_eq!(
            Date::parse("2024-02-29").unwrap().written("id"),
            "29 Februari 2024"
        );
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "26-12-05",
            "2026/12/05",
            "",
            "２０26-12-05",
            "2026-1-005",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_clocks_day_count_is_its_calendar_date() {
        // 1970-01-01 is day 0; 2000-03-01 is day 11017; 2026-12-05 is day
        // 20792 (GNU date: `date -d 2026-12-05 +%s` / 86400).
        assert_eq!(Date::from_days_since_epoch(0).iso(), "1970-01-01");
        assert_eq!(Date::from_days_since_epoch(11_017).iso(), "2000-03-01");
        assert_eq!(Date::from_days_since_epoch(20_792).iso(), "2026-12-05");
        assert_eq!(Date::from_days_since_epoch(-1).iso(), "1969-12-31");
    }
}

//! HTTP dates (RFC 9110 §5.6.7): the preferred IMF-fixdate, and the two
//! obsolete forms a recipient must still accept (RFC 850 and asctime).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// Parses an HTTP date in any of its three forms. Dates before 1970 become
/// the epoch (they only ever mean "long ago" to a cache).
pub(crate) fn parse_http_date(text: &str) -> Option<SystemTime> {
    let text = text.trim();
    let (day, month, year, time) = match text.split_once(',') {
        Some((weekday, rest)) => {
            if weekday.is_empty() || !weekday.bytes().all(|b| b.is_ascii_alphabetic()) {
                return None;
            }
            let fields: Vec<&str> = rest.split_whitespace().collect();
            match fields.as_slice() {
                // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
                [day, month, year, time, "GMT"] => (*day, *month, year_of(year, 4)?, *time),
                // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
                [date, time, "GMT"] => {
                    let mut parts = date.split('-');
                    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
                    if parts.next().is_some() {
                        return None;
                    }
                    (day, month, year_of(year, 2)?, *time)
                }
                _ => return None,
            }
        }
        None => {
            // asctime: "Sun Nov  6 08:49:37 1994"
            let fields: Vec<&str> = text.split_whitespace().collect();
            match fields.as_slice() {
                [weekday, month, day, time, year] if WEEKDAYS.contains(weekday) => {
                    (*day, *month, year_of(year, 4)?, *time)
                }
                _ => return None,
            }
        }
    };
    let month = MONTHS.iter().position(|m| *m == month)? + 1;
    let day: u32 = digits(day, 1, 2)?;
    if day == 0 || day > days_in_month(year, month as u32) {
        return None;
    }
    let mut hms = time.split(':');
    let (h, m, s) = (hms.next()?, hms.next()?, hms.next()?);
    if hms.next().is_some() {
        return None;
    }
    let (h, m, s): (u64, u64, u64) = (digits(h, 2, 2)?, digits(m, 2, 2)?, digits(s, 2, 2)?);
    // 60 is a leap second: it rolls into the next minute, which is close enough.
    if h > 23 || m > 59 || s > 60 {
        return None;
    }
    let days = days_from_civil(year, month as u32, day);
    let secs = days * 86_400 + (h * 3600 + m * 60 + s) as i64;
    Some(match u64::try_from(secs) {
        Ok(secs) => UNIX_EPOCH + Duration::from_secs(secs),
        Err(_) => UNIX_EPOCH,
    })
}

/// Formats `t` as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
pub(crate) fn format_http_date(t: SystemTime) -> String {
    let secs = t
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    // 1970-01-01 was a Thursday.
    let weekday = WEEKDAYS[((days + 4) % 7) as usize];
    format!(
        "{weekday}, {day:02} {} {year:04} {:02}:{:02}:{:02} GMT",
        MONTHS[(month - 1) as usize],
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// A year of `width` digits; two-digit years (RFC 850) below 70 are 20xx.
fn year_of(text: &str, width: usize) -> Option<i64> {
    let year: i64 = digits(text, width, width)?;
    Some(match width {
        2 if year < 70 => 2000 + year,
        2 => 1900 + year,
        _ => year,
    })
}

fn digits<T: std::str::FromStr>(text: &str, min: usize, max: usize) -> Option<T> {
    if text.len() < min || text.len() > max || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

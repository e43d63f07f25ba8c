//! A small argument reader (`--name value`, `--flag`, free words) and the CLI's error type.
//!
//! Hand-written rather than a framework: the builder has four commands and a dozen options, and
//! every unknown option must be an error, not silently ignored.

use std::fmt;
use std::path::PathBuf;

/// Why a command could not run.
#[derive(Debug)]
pub enum CliError {
    /// The command line is wrong; usage is printed.
    Usage(String),
    /// The command ran and failed.
    Failed(String),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(m) | CliError::Failed(m) => f.write_str(m),
        }
    }
}

/// Arguments still to be taken.
pub struct Args {
    rest: Vec<String>,
}

impl Args {
    pub fn new(rest: Vec<String>) -> Self {
        Args { rest }
    }

    /// Takes `--name value` (or `--name=value`).
    pub fn value(&mut self, name: &str) -> Result<Option<String>, CliError> {
        let prefix = format!("{name}=");
        if let Some(i) = self.rest.iter().position(|a| a.starts_with(&prefix)) {
            let a = self.rest.remove(i);
            return Ok(Some(a[prefix.len()..].to_string()));
        }
        let Some(i) = self.rest.iter().position(|a| a == name) else {
            return Ok(None);
        };
        if i + 1 >= self.rest.len() {
            return Err(CliError::Usage(format!("{name} needs a value")));
        }
        self.rest.remove(i);
        Ok(Some(self.rest.remove(i)))
    }

    pub fn required_path(&mut self, name: &str) -> Result<PathBuf, CliError> {
        self.value(name)?
            .map(PathBuf::from)
            .ok_or_else(|| CliError::Usage(format!("{name} is required")))
    }

    /// Takes `--flag`.
    pub fn flag(&mut self, name: &str) -> bool {
        match self.rest.iter().position(|a| a == name) {
            Some(i) => {
                self.rest.remove(i);
                true
            }
            None => false,
        }
    }

    /// The free words left; any left-over `--option` is an error.
    pub fn rest(&mut self) -> Vec<String> {
        std::mem::take(&mut self.rest)
    }

    /// Errors if anything is left.
    pub fn finish(&mut self) -> Result<(), CliError> {
        match self.rest.first() {
            Some(a) => Err(CliError::Usage(format!("unexpected argument \"{a}\""))),
            None => Ok(()),
        }
    }
}

/// A number of seconds (`30`, `0.5`) for an option, from 0 to a day.
pub fn seconds(name: &str, s: &str) -> Result<std::time::Duration, CliError> {
    s.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && (0.0..=86_400.0).contains(v))
        .map(std::time::Duration::from_secs_f64)
        .ok_or_else(|| CliError::Usage(format!("{name} \"{s}\" is not a number of seconds")))
}

/// A whole number for an option.
pub fn number(name: &str, s: &str) -> Result<u32, CliError> {
    s.parse::<u32>()
        .map_err(|_| CliError::Usage(format!("{name} \"{s}\" is not a whole number")))
}

/// Today's date (UTC) from the system clock, as (year, month, day).
pub fn civil_today() -> (i32, u32, u32) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_415), (2025, 11, 23));
    }

    #[test]
    fn options_are_taken() {
        let mut a = Args::new(vec![
            "--data".into(),
            "d".into(),
            "q".into(),
            "--json".into(),
        ]);
        assert_eq!(a.value("--data").ok().flatten().as_deref(), Some("d"));
        assert!(a.flag("--json"));
        assert_eq!(a.rest(), ["q"]);
    }

    #[test]
    fn seconds_and_numbers_are_checked() {
        assert_eq!(
            seconds("--timeout", "0.5").ok(),
            Some(std::time::Duration::from_millis(500))
        );
        assert!(seconds("--timeout", "-1").is_err());
        assert!(seconds("--timeout", "NaN").is_err());
        assert_eq!(number("--retries", "3").ok(), Some(3));
        assert!(number("--retries", "three").is_err());
    }
}

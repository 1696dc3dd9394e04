//! Command-line parsing (by hand: no parser crate, nothing at start-up).

use std::path::PathBuf;

/// What to do.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Run { file: PathBuf, args: Vec<String> },
    Eval { code: String },
    Test { paths: Vec<PathBuf> },
    Help(Option<&'static str>),
    Version,
}

/// Options shared by `run`, `eval` and `test`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct NetOptions {
    pub connect_to: Vec<(String, u16, String, u16)>,
    pub ca_files: Vec<PathBuf>,
    pub allow_net: Option<Vec<String>>,
    pub deny_net: Vec<String>,
}

/// Options of `jsrun test`.
#[derive(Debug, PartialEq, Eq)]
pub struct TestOptions {
    pub timeout_ms: u64,
    pub filter: Option<String>,
}

impl Default for TestOptions {
    fn default() -> Self {
        TestOptions {
            timeout_ms: 10_000,
            filter: None,
        }
    }
}

/// A parsed command line.
#[derive(Debug, PartialEq, Eq)]
pub struct Cli {
    pub command: Command,
    pub net: NetOptions,
    pub test: TestOptions,
}

/// A usage error: printed with the usage line, exit code 2.
#[derive(Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

/// `--timeout MS`: a number of milliseconds; 0, a negative number,
/// `Infinity` or one too large for a `u64` is no limit (0), as a test's own
/// `{timeout}` option.
fn timeout_ms(v: &str) -> Result<u64, UsageError> {
    let ms = v
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|m| !m.is_nan())
        .ok_or_else(|| UsageError(format!("--timeout expects milliseconds, got '{v}'")))?;
    if ms <= 0.0 || ms >= u64::MAX as f64 {
        return Ok(0);
    }
    Ok(ms.ceil() as u64)
}

fn parse_connect_to(v: &str) -> Result<(String, u16, String, u16), UsageError> {
    let bad = || {
        UsageError(format!(
            "--connect-to expects HOST:PORT:HOST2:PORT2, got '{v}'"
        ))
    };
    // IPv6 literals are bracketed: [::1]:443:[::1]:8443
    let mut parts = Vec::new();
    let mut rest = v;
    while !rest.is_empty() {
        let (part, tail) = if let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']').ok_or_else(bad)?;
            (
                &inner[..end],
                inner[end + 1..]
                    .strip_prefix(':')
                    .unwrap_or(&inner[end + 1..]),
            )
        } else {
            match rest.find(':') {
                Some(i) => (&rest[..i], &rest[i + 1..]),
                None => (rest, ""),
            }
        };
        parts.push(part.to_owned());
        rest = tail;
    }
    if parts.len() != 4 {
        return Err(bad());
    }
    let port = |s: &str| s.parse::<u16>().map_err(|_| bad());
    Ok((
        parts[0].clone(),
        port(&parts[1])?,
        parts[2].clone(),
        port(&parts[3])?,
    ))
}

fn hosts(v: &str) -> Vec<String> {
    v.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Parses `argv` (without the program name).
pub fn parse(argv: &[String]) -> Result<Cli, UsageError> {
    let mut net = NetOptions::default();
    let mut test = TestOptions::default();
    let mut sub: Option<&'static str> = None;
    let mut positional: Vec<String> = Vec::new();
    let mut i = 0;
    let value = |i: &mut usize, flag: &str| -> Result<String, UsageError> {
        *i += 1;
        argv.get(*i)
            .cloned()
            .ok_or_else(|| UsageError(format!("{flag} needs a value")))
    };
    while i < argv.len() {
        let a = argv[i].as_str();
        // After the script path, everything belongs to the script.
        if matches!(sub, Some("run")) && !positional.is_empty() {
            positional.push(a.to_owned());
            i += 1;
            continue;
        }
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_owned())),
            _ => (a, None),
        };
        let take = |i: &mut usize| inline.clone().map_or_else(|| value(i, flag), Ok);
        match flag {
            "-h" | "--help" => {
                return Ok(Cli {
                    command: Command::Help(sub),
                    net,
                    test,
                })
            }
            "-V" | "--version" => {
                return Ok(Cli {
                    command: Command::Version,
                    net,
                    test,
                })
            }
            "--connect-to" => net.connect_to.push(parse_connect_to(&take(&mut i)?)?),
            "--ca-file" => net.ca_files.push(PathBuf::from(take(&mut i)?)),
            "--allow-net" => net
                .allow_net
                .get_or_insert_with(Vec::new)
                .extend(hosts(&take(&mut i)?)),
            "--deny-net" => net.deny_net.extend(hosts(&take(&mut i)?)),
            "--timeout" if sub == Some("test") => {
                let v = take(&mut i)?;
                test.timeout_ms = timeout_ms(&v)?;
            }
            "--filter" if sub == Some("test") => test.filter = Some(take(&mut i)?),
            "--" => {
                positional.extend(argv[i + 1..].iter().cloned());
                break;
            }
            f if f.starts_with('-') && f.len() > 1 => {
                return Err(UsageError(format!("unknown option '{f}'")))
            }
            "run" | "eval" | "test" | "serve" if sub.is_none() && positional.is_empty() => {
                sub = Some(match a {
                    "run" => "run",
                    "eval" => "eval",
                    "test" => "test",
                    _ => "serve",
                });
            }
            _ => {
                if sub.is_none() {
                    sub = Some("run");
                }
                positional.push(a.to_owned());
            }
        }
        i += 1;
    }
    let command = match sub {
        None => return Err(UsageError("no script given".into())),
        Some("run") => {
            let mut it = positional.into_iter();
            let file = it
                .next()
                .ok_or_else(|| UsageError("run: no script given".into()))?;
            Command::Run {
                file: PathBuf::from(file),
                args: it.collect(),
            }
        }
        Some("eval") => {
            if positional.len() != 1 {
                return Err(UsageError("eval expects exactly one CODE argument".into()));
            }
            Command::Eval {
                code: positional.remove(0),
            }
        }
        Some("test") => Command::Test {
            paths: positional.into_iter().map(PathBuf::from).collect(),
        },
        Some(_) => return Err(UsageError("serve is not part of this build".into())),
    };
    Ok(Cli { command, net, test })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| (*x).to_owned()).collect()
    }

    #[test]
    fn run_is_the_default_and_script_args_pass_through() {
        let cli = parse(&args(&["x.js", "--help", "a"])).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            cli.command,
            Command::Run {
                file: "x.js".into(),
                args: args(&["--help", "a"])
            }
        );
    }

    #[test]
    fn network_flags() {
        let cli = parse(&args(&[
            "--connect-to",
            "services.odata.org:443:127.0.0.1:8443",
            "--ca-file=ca.pem",
            "--allow-net",
            "a.com, b.com",
            "run",
            "x.js",
        ]))
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            cli.net.connect_to,
            vec![("services.odata.org".into(), 443, "127.0.0.1".into(), 8443)]
        );
        assert_eq!(cli.net.ca_files, vec![PathBuf::from("ca.pem")]);
        assert_eq!(cli.net.allow_net, Some(args(&["a.com", "b.com"])));
    }

    #[test]
    fn test_timeouts() {
        for (v, ms) in [
            ("2500", 2500),
            ("1.5", 2),
            ("0", 0),
            ("-1", 0),
            ("Infinity", 0),
            ("1e300", 0),
        ] {
            let cli = parse(&args(&["test", "--timeout", v])).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(cli.test.timeout_ms, ms, "{v}");
        }
        assert!(parse(&args(&["test", "--timeout", "soon"])).is_err());
        assert!(parse(&args(&["test", "--timeout", "NaN"])).is_err());
    }

    #[test]
    fn ipv6_connect_to() {
        assert_eq!(
            parse_connect_to("[::1]:443:[::1]:8443"),
            Ok(("::1".into(), 443, "::1".into(), 8443))
        );
    }

    #[test]
    fn usage_errors() {
        assert!(parse(&args(&[])).is_err());
        assert!(parse(&args(&["--bogus", "x.js"])).is_err());
        assert!(parse(&args(&["--connect-to", "a:b:c", "x.js"])).is_err());
        assert!(parse(&args(&["eval"])).is_err());
        assert!(parse(&args(&["run"])).is_err());
    }
}

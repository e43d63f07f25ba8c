//! `index-builder pull`: fetches a council's Open Referral UK feed over HTTP(S) and keeps each
//! page exactly as it came, so that `build` works from files and can be repeated offline.
//!
//! Why a command of its own: a council's directory answers in pages (ORUK v1 `content` /
//! `totalPages` / `number`, ORUK 3.0 `contents` / `total_pages` / `page_number`, or a `next`
//! link), sometimes slowly, sometimes with a passing server error. Pulling follows the pages,
//! retries a 5xx answer or a timeout with exponential backoff, waits politely between requests,
//! and writes `page-0001.json`, `page-0002.json`, … into the folder only when every page came
//! back: a failed pull leaves the previous pull as it was.
//!
//! The HTTP client (`ureq`, with rustls) is the builder's alone; the widget never pulls anything.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::de::IgnoredAny;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The largest page accepted: far beyond any feed seen (Bristol's 819 services are 2.3 MB).
const MAX_PAGE_BYTES: u64 = 512 * 1024 * 1024;

/// The longest wait between two tries of one page.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// What a pull was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The feed's address: its first page.
    pub url: String,
    /// The folder the pages are written to.
    pub out: PathBuf,
    /// How long one request may take, body included.
    pub timeout: Duration,
    /// How many times a page is tried again after a server error or a timeout.
    pub retries: u32,
    /// The wait before the first retry; each further retry waits twice as long.
    pub backoff: Duration,
    /// The least time between the starts of two requests (politeness to the council's server).
    pub delay: Duration,
    /// A safety stop for a feed whose paging never ends.
    pub max_pages: u32,
    /// Items per page to ask for (`per_page`), or the feed's own default.
    pub per_page: Option<u32>,
}

impl Options {
    /// The defaults for a council's live server: 60 s per request, 4 retries from 1 s, and
    /// at most four requests a second.
    pub fn new(url: String, out: PathBuf) -> Options {
        Options {
            url,
            out,
            timeout: Duration::from_secs(60),
            retries: 4,
            backoff: Duration::from_secs(1),
            delay: Duration::from_millis(250),
            max_pages: 10_000,
            per_page: None,
        }
    }
}

/// What a pull fetched.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub pages: u32,
    /// Items in the pages' lists (or 1 for a page that is a single object).
    pub services: usize,
    pub bytes: u64,
    /// Tries that failed and were made again.
    pub retries: u32,
    pub elapsed: Duration,
    /// The files written, in page order.
    pub files: Vec<PathBuf>,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "pulled {} page{}, {} services, {} bytes in {:.2} s ({} retr{})",
            self.pages,
            if self.pages == 1 { "" } else { "s" },
            self.services,
            self.bytes,
            self.elapsed.as_secs_f64(),
            self.retries,
            if self.retries == 1 { "y" } else { "ies" }
        )
    }
}

/// Why a pull stopped. Each names the address and the page it was on.
#[derive(Debug)]
pub enum PullError {
    /// The address is not an `http://` or `https://` one.
    NotHttp { url: String },
    /// The server answered with a status that trying again will not change (404, 401, …).
    Status { url: String, page: u32, status: u16 },
    /// Every try failed with a server error, a timeout or a dropped connection.
    GaveUp {
        url: String,
        page: u32,
        tries: u32,
        last: String,
    },
    /// The request could not be made at all (unknown host, bad TLS, page too large).
    Request {
        url: String,
        page: u32,
        detail: String,
    },
    /// The page came back but is not an ORUK page.
    Malformed {
        url: String,
        page: u32,
        detail: String,
    },
    /// The paging goes round: this address was already fetched, or a page number came twice.
    Loop { url: String, page: u32 },
    /// More pages than `--max-pages`.
    TooManyPages { url: String, max: u32 },
    /// The folder or a page file could not be written.
    Write { path: PathBuf, detail: String },
}

impl fmt::Display for PullError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PullError::NotHttp { url } => {
                write!(f, "\"{url}\" is not an http:// or https:// address")
            }
            PullError::Status { url, page, status } => write!(
                f,
                "page {page} ({url}): the server answered HTTP {status}; not tried again"
            ),
            PullError::GaveUp {
                url,
                page,
                tries,
                last,
            } => write!(f, "page {page} ({url}): gave up after {tries} tries: {last}"),
            PullError::Request { url, page, detail } => {
                write!(f, "page {page} ({url}): {detail}")
            }
            PullError::Malformed { url, page, detail } => write!(
                f,
                "page {page} ({url}) is not an Open Referral UK page: {detail}"
            ),
            PullError::Loop { url, page } => write!(
                f,
                "page {page} ({url}): the feed's paging goes round (this page came before)"
            ),
            PullError::TooManyPages { url, max } => write!(
                f,
                "{url}: more than {max} pages; stopped (raise --max-pages if the feed is that large)"
            ),
            PullError::Write { path, detail } => {
                write!(f, "cannot write {}: {detail}", path.display())
            }
        }
    }
}

impl std::error::Error for PullError {}

/// The paging fields of one page, whichever ORUK version wrote it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PageInfo {
    /// Items in the page's list (services, or whatever the page lists).
    pub items: usize,
    /// How many pages the feed says it has.
    pub total_pages: Option<u64>,
    /// The number the page gives itself (0-based in v1 feeds, 1-based in 3.0).
    pub number: Option<u64>,
    /// The page says it is the first (`first` in v1, `first_page` in 3.0).
    pub first: Option<bool>,
    /// The page says it is the last.
    pub last: Option<bool>,
    /// The address of the next page, if the page links to it.
    pub next: Option<String>,
}

/// A page object as ORUK v1 and 3.0 write it; only the paging fields are read, the rest is
/// skipped without being kept.
#[derive(Deserialize, Default)]
#[serde(default)]
struct PageFields {
    contents: Option<Vec<IgnoredAny>>,
    content: Option<Vec<IgnoredAny>>,
    total_pages: Option<serde_json::Value>,
    #[serde(rename = "totalPages")]
    total_pages_v1: Option<serde_json::Value>,
    page_number: Option<serde_json::Value>,
    number: Option<serde_json::Value>,
    first_page: Option<serde_json::Value>,
    first: Option<serde_json::Value>,
    last_page: Option<serde_json::Value>,
    last: Option<serde_json::Value>,
    next: Option<serde_json::Value>,
    links: Option<serde_json::Value>,
    #[serde(rename = "_links")]
    hal_links: Option<serde_json::Value>,
}

/// A count written as a number or as a string of digits.
fn count(v: Option<&serde_json::Value>) -> Option<u64> {
    match v? {
        serde_json::Value::Number(n) => n.as_u64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A `next` link written as a string, or as `{ "href": … }`.
fn link(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        serde_json::Value::Object(o) => link(o.get("href")),
        _ => None,
    }
}

/// Reads the paging fields of a page's text: a list (ORUK v1 `/services`), a v1 or 3.0 page
/// object, or a single object (one page of one item).
pub fn page_info(text: &[u8]) -> Result<PageInfo, String> {
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    let first = text.iter().find(|b| !b.is_ascii_whitespace()).copied();
    let plain = |e: serde_json::Error| {
        let full = e.to_string();
        match full.rfind(" at line ") {
            Some(i) => format!("{} (line {} column {})", &full[..i], e.line(), e.column()),
            None => full,
        }
    };
    match first {
        Some(b'[') => {
            let list: Vec<IgnoredAny> = serde_json::from_slice(text).map_err(plain)?;
            Ok(PageInfo {
                items: list.len(),
                ..PageInfo::default()
            })
        }
        Some(b'{') => {
            let p: PageFields = serde_json::from_slice(text).map_err(plain)?;
            let items = match (&p.contents, &p.content) {
                (Some(l), _) | (None, Some(l)) => l.len(),
                (None, None) => 1,
            };
            let v1 = p.contents.is_none() && p.content.is_some();
            let flag = |v: &Option<serde_json::Value>| v.as_ref().and_then(|v| v.as_bool());
            Ok(PageInfo {
                items,
                total_pages: count(p.total_pages.as_ref()).or(count(p.total_pages_v1.as_ref())),
                number: if v1 {
                    count(p.number.as_ref()).or(count(p.page_number.as_ref()))
                } else {
                    count(p.page_number.as_ref()).or(count(p.number.as_ref()))
                },
                first: flag(&p.first_page).or(flag(&p.first)),
                last: flag(&p.last_page).or(flag(&p.last)),
                next: link(p.next.as_ref())
                    .or_else(|| link(p.links.as_ref().and_then(|l| l.get("next"))))
                    .or_else(|| link(p.hal_links.as_ref().and_then(|l| l.get("next")))),
            })
        }
        Some(_) => Err("it is not JSON (it does not start with { or [)".to_string()),
        None => Err("the page is empty".to_string()),
    }
}

/// `url` with its `page` query parameter set to `page` (and `per_page`, if given); any
/// fragment is dropped.
pub fn with_page(url: &str, page: u64, per_page: Option<u32>) -> String {
    let url = url.split('#').next().unwrap_or(url);
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let key = p.split('=').next().unwrap_or("");
            key != "page" && !(per_page.is_some() && key == "per_page")
        })
        .map(str::to_string)
        .collect();
    if let Some(n) = per_page {
        pairs.push(format!("per_page={n}"));
    }
    pairs.push(format!("page={page}"));
    format!("{base}?{}", pairs.join("&"))
}

/// A link found in a page, made absolute against the page's own address.
pub fn resolve(base: &str, link: &str) -> String {
    if link.starts_with("http://") || link.starts_with("https://") {
        return link.to_string();
    }
    let base = base.split('#').next().unwrap_or(base);
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let scheme = &base[..scheme_end];
    let rest = &base[scheme_end..];
    let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let origin = &base[..scheme_end + host_end];
    if let Some(l) = link.strip_prefix("//") {
        return format!("{scheme}{l}");
    }
    if link.starts_with('/') {
        return format!("{origin}{link}");
    }
    let path = base.split('?').next().unwrap_or(base);
    if link.starts_with('?') {
        return format!("{path}{link}");
    }
    let dir_end = path[origin.len()..]
        .rfind('/')
        .map_or(origin.len(), |i| origin.len() + i);
    format!("{}/{link}", &path[..dir_end])
}

/// The file a page is written to: `page-0001.json`, …
pub fn page_file_name(page: u32) -> String {
    format!("page-{page:04}.json")
}

/// True for a file name a pull writes (`page-` digits `.json`).
pub fn is_page_file(name: &str) -> bool {
    name.strip_prefix("page-")
        .and_then(|n| n.strip_suffix(".json"))
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

/// One try's outcome when it did not bring the page.
enum Failure {
    /// Worth trying again: a 5xx, 408 or 429 answer, a timeout, a dropped connection.
    Passing(String),
    /// Trying again will not help.
    Status(u16),
    Fatal(String),
}

/// Pulls the feed. Progress goes to stderr (a bar on a terminal, nothing otherwise); retries
/// are said on stderr as they happen.
pub fn pull(opts: &Options) -> Result<Summary, PullError> {
    let start = Instant::now();
    if !(opts.url.starts_with("http://") || opts.url.starts_with("https://")) {
        return Err(PullError::NotHttp {
            url: opts.url.clone(),
        });
    }
    std::fs::create_dir_all(&opts.out).map_err(|e| PullError::Write {
        path: opts.out.clone(),
        detail: e.to_string(),
    })?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .user_agent(concat!(
            "local-offer-search-index-builder/",
            env!("CARGO_PKG_VERSION"),
            " (pull)"
        ))
        .build()
        .into();
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} pulling page {pos}/{len}: {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let mut parts = Vec::new();
    let result = pull_pages(opts, &agent, &bar, &mut parts);
    bar.finish_and_clear();
    match result {
        Ok(mut summary) => {
            summary.files = commit_pages(&opts.out, &parts)?;
            summary.elapsed = start.elapsed();
            Ok(summary)
        }
        Err(e) => {
            for p in &parts {
                let _ = std::fs::remove_file(p);
            }
            Err(e)
        }
    }
}

/// The `page` query parameter of an address, if it has one.
fn page_param(url: &str) -> Option<u64> {
    let url = url.split('#').next().unwrap_or(url);
    url.split_once('?')?
        .1
        .split('&')
        .find_map(|p| p.strip_prefix("page="))
        .and_then(|n| n.parse().ok())
}

/// Fetches every page into `page-NNNN.json.part` files (listed in `parts` as they are written).
///
/// Feeds count their pages in two ways: ORUK 3.0 from 1, ORUK v1 (Spring) from 0, and some v1
/// feeds take `page=1` for the page that calls itself `number: 0`. Without a `next` link the
/// address of the next page is therefore worked out from the number the page gives itself
/// plus the difference between the `page` asked for and that number, learnt from the first
/// page asked for by number. Until it is learnt the guess is "the page asked for is the page
/// given" from 1; a page whose number shows the guess skipped one (or a first page that says it
/// is not the first) is held back, the page before it is fetched, and the held page is used in
/// its turn without asking again: no page is lost and none is fetched twice.
fn pull_pages(
    opts: &Options,
    agent: &ureq::Agent,
    bar: &ProgressBar,
    parts: &mut Vec<PathBuf>,
) -> Result<Summary, PullError> {
    let mut summary = Summary {
        pages: 0,
        services: 0,
        bytes: 0,
        retries: 0,
        elapsed: Duration::ZERO,
        files: Vec::new(),
    };
    let mut url = match opts.per_page {
        Some(n) => with_page(&opts.url, 1, Some(n)),
        None => opts.url.clone(),
    };
    let mut seen_urls = HashSet::new();
    let mut seen_numbers = HashSet::new();
    let mut held: HashMap<String, Vec<u8>> = HashMap::new();
    let mut last_start: Option<Instant> = None;
    // The `page` asked for minus the number the page gives itself, once known.
    let mut offset: Option<i64> = None;
    // The number the next page should give itself.
    let mut expect: Option<u64> = None;
    let mut page: u32 = 1;
    loop {
        if page > opts.max_pages {
            return Err(PullError::TooManyPages {
                url: opts.url.clone(),
                max: opts.max_pages,
            });
        }
        if !seen_urls.insert(url.clone()) {
            return Err(PullError::Loop { url, page });
        }
        let body = match held.remove(&url) {
            Some(body) => body,
            None => fetch(opts, agent, &url, page, bar, &mut last_start, &mut summary)?,
        };
        let info = page_info(&body).map_err(|detail| PullError::Malformed {
            url: url.clone(),
            page,
            detail,
        })?;
        let asked = page_param(&url);
        if let (Some(asked), Some(n), None) = (asked, info.number, offset) {
            let learnt = i64::try_from(asked).unwrap_or(i64::MAX) - i64::try_from(n).unwrap_or(0);
            offset = Some(learnt);
            // The page before this one is missing: the pages given so far, or this page's own
            // word that it is not the first, say so. Fetch it first and keep this one for later.
            let before = match expect {
                Some(e) if n > e => Some(e),
                None if info.first == Some(false) && n > 0 => Some(n - 1),
                _ => None,
            };
            if let Some(want) = before.and_then(|b| param_for(b, learnt)) {
                seen_urls.remove(&url);
                held.insert(url, body);
                url = with_page(&opts.url, want, opts.per_page);
                continue;
            }
        }
        if let Some(n) = info.number {
            if !seen_numbers.insert(n) {
                return Err(PullError::Loop { url, page });
            }
        }
        let part = opts.out.join(format!("{}.part", page_file_name(page)));
        write_file(&part, &body)?;
        parts.push(part);
        summary.pages = page;
        summary.services += info.items;
        summary.bytes += body.len() as u64;
        if let Some(total) = info.total_pages {
            bar.set_length(total);
        }
        bar.set_position(u64::from(page));
        bar.set_message(format!("{} services", summary.services));
        expect = info.number.map(|n| n + 1);
        let next_param = match (offset, info.number) {
            (Some(o), Some(n)) => param_for(n + 1, o),
            _ => Some(u64::from(page) + 1),
        };
        let more = match (&info.next, info.total_pages) {
            _ if info.last == Some(true) || info.items == 0 => None,
            (Some(next), _) => Some(resolve(&url, next)),
            (None, Some(total)) if u64::from(page) < total => {
                next_param.map(|p| with_page(&opts.url, p, opts.per_page))
            }
            _ => None,
        };
        match more {
            Some(next) => url = next,
            None => return Ok(summary),
        }
        page += 1;
    }
}

/// The `page` to ask for to get the page numbered `number`, given the feed's offset.
fn param_for(number: u64, offset: i64) -> Option<u64> {
    u64::try_from(i64::try_from(number).ok()?.checked_add(offset)?).ok()
}

/// Fetches one page, trying again with exponential backoff while the failure is passing.
fn fetch(
    opts: &Options,
    agent: &ureq::Agent,
    url: &str,
    page: u32,
    bar: &ProgressBar,
    last_start: &mut Option<Instant>,
    summary: &mut Summary,
) -> Result<Vec<u8>, PullError> {
    let mut wait = opts.backoff;
    let mut tries = 0;
    loop {
        if let Some(t) = *last_start {
            std::thread::sleep(opts.delay.saturating_sub(t.elapsed()));
        }
        *last_start = Some(Instant::now());
        tries += 1;
        let why = match get(agent, url) {
            Ok(body) => return Ok(body),
            Err(Failure::Passing(why)) => why,
            Err(Failure::Status(status)) => {
                return Err(PullError::Status {
                    url: url.to_string(),
                    page,
                    status,
                })
            }
            Err(Failure::Fatal(detail)) => {
                return Err(PullError::Request {
                    url: url.to_string(),
                    page,
                    detail,
                })
            }
        };
        if tries > opts.retries {
            return Err(PullError::GaveUp {
                url: url.to_string(),
                page,
                tries,
                last: why,
            });
        }
        bar.suspend(|| {
            eprintln!(
                "index-builder: page {page} ({url}): {why}; trying again in {:.1} s",
                wait.as_secs_f64()
            );
        });
        summary.retries += 1;
        std::thread::sleep(wait);
        wait = (wait * 2).min(MAX_BACKOFF);
    }
}

/// One GET of one address.
fn get(agent: &ureq::Agent, url: &str) -> Result<Vec<u8>, Failure> {
    let mut response = agent
        .get(url)
        .header("Accept", "application/json")
        .call()
        .map_err(classify)?;
    let status = response.status().as_u16();
    if status >= 500 || status == 408 || status == 429 {
        return Err(Failure::Passing(format!(
            "the server answered HTTP {status}"
        )));
    }
    if !(200..300).contains(&status) {
        return Err(Failure::Status(status));
    }
    response
        .body_mut()
        .with_config()
        .limit(MAX_PAGE_BYTES)
        .read_to_vec()
        .map_err(classify)
}

/// Sorts a client error into passing (try again) and fatal.
fn classify(e: ureq::Error) -> Failure {
    match e {
        ureq::Error::Timeout(t) => Failure::Passing(format!("timed out ({t})")),
        ureq::Error::Io(e) => Failure::Passing(format!("connection failed: {e}")),
        ureq::Error::ConnectionFailed => Failure::Passing("connection failed".to_string()),
        ureq::Error::StatusCode(s) if s >= 500 || s == 408 || s == 429 => {
            Failure::Passing(format!("the server answered HTTP {s}"))
        }
        ureq::Error::StatusCode(s) => Failure::Status(s),
        ureq::Error::BodyExceedsLimit(n) => {
            Failure::Fatal(format!("the page is larger than {n} bytes"))
        }
        other => Failure::Fatal(other.to_string()),
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), PullError> {
    std::fs::File::create(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| PullError::Write {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })
}

/// Replaces the previous pull's pages with this pull's: old `page-NNNN.json` files go, the
/// `.part` files take their names.
fn commit_pages(out: &Path, parts: &[PathBuf]) -> Result<Vec<PathBuf>, PullError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |e: std::io::Error| PullError::Write {
            path,
            detail: e.to_string(),
        }
    };
    for entry in std::fs::read_dir(out).map_err(io(out))?.flatten() {
        if entry.file_name().to_str().is_some_and(is_page_file) {
            std::fs::remove_file(entry.path()).map_err(io(&entry.path()))?;
        }
    }
    let mut files = Vec::new();
    for part in parts {
        let done = part.with_extension("");
        std::fs::rename(part, &done).map_err(io(&done))?;
        files.push(done);
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_read_in_both_versions() {
        let v1 = br#"{"totalElements":3,"totalPages":2,"number":0,"last":false,"content":[{},{}]}"#;
        let info = page_info(v1).expect("v1 page");
        assert_eq!(
            (info.items, info.total_pages, info.number, info.last),
            (2, Some(2), Some(0), Some(false))
        );
        let v1 = br#"{"totalPages":2,"number":1,"first":false,"last":true,"content":[{}]}"#;
        let info = page_info(v1).expect("v1 page");
        assert_eq!((info.first, info.last), (Some(false), Some(true)));
        let v3 = br#"{"page_number":1,"first_page":true,"last_page":false,"contents":[]}"#;
        assert_eq!(page_info(v3).expect("3.0 page").first, Some(true));
        let v3 = br#"{"total_pages":"3","page_number":2,"last_page":false,"contents":[{}]}"#;
        let info = page_info(v3).expect("3.0 page");
        assert_eq!(
            (info.items, info.total_pages, info.number),
            (1, Some(3), Some(2))
        );
        let list = page_info(b" [{}, {}, {}]").expect("a list");
        assert_eq!((list.items, list.total_pages), (3, None));
        assert!(page_info(b"<html>").is_err());
        assert!(page_info(b"{\"contents\": 3}").is_err());
    }

    #[test]
    fn next_links_are_found_and_resolved() {
        let a = page_info(br#"{"contents":[],"links":{"next":{"href":"?page=2"}}}"#).expect("ok");
        assert_eq!(a.next.as_deref(), Some("?page=2"));
        let base = "https://feed.example/api/services?per_page=5";
        assert_eq!(
            resolve(base, "?page=2"),
            "https://feed.example/api/services?page=2"
        );
        assert_eq!(
            resolve(base, "/v2/services"),
            "https://feed.example/v2/services"
        );
        assert_eq!(resolve(base, "next"), "https://feed.example/api/next");
        assert_eq!(resolve(base, "http://x.example/a"), "http://x.example/a");
    }

    #[test]
    fn the_page_parameter_is_replaced_not_repeated() {
        assert_eq!(
            with_page("https://f.example/s?page=1&q=x#top", 3, None),
            "https://f.example/s?q=x&page=3"
        );
        assert_eq!(
            with_page("https://f.example/s", 2, Some(50)),
            "https://f.example/s?per_page=50&page=2"
        );
    }

    #[test]
    fn the_page_asked_for_is_read_and_worked_out() {
        assert_eq!(page_param("https://f.example/s?per_page=5&page=0"), Some(0));
        assert_eq!(page_param("https://f.example/s?pages=3"), None);
        assert_eq!(page_param("https://f.example/s"), None);
        assert_eq!(param_for(4, 1), Some(5));
        assert_eq!(param_for(0, -1), None);
    }

    #[test]
    fn page_files_are_named_in_order() {
        assert_eq!(page_file_name(7), "page-0007.json");
        assert!(is_page_file("page-0007.json"));
        assert!(!is_page_file("page-.json"));
        assert!(!is_page_file("council.json"));
    }
}

//! `index-builder pull` against a council feed served from 127.0.0.1 by a small server started
//! in the test: Bristol's real v1 feed (`tests/fixtures/oruk/councils/`), split into pages
//! here, served as ORUK v1 pages, as ORUK 3.0 pages linked by `next`, with a page that fails once,
//! a page that is too slow once, and a page that is not JSON. Then `build --data` on what was
//! pulled must give the same index as the feed file itself.

use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_index-builder"))
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/oruk/councils/bristol-v1-services.json")
}

/// Bristol's services, as the fixture lists them.
fn bristol() -> Vec<Value> {
    let text = std::fs::read_to_string(fixture()).expect("the Bristol fixture is readable");
    serde_json::from_str(&text).expect("the Bristol fixture is a JSON list")
}

/// What the test server answers to one request.
struct Reply {
    status: u16,
    body: Vec<u8>,
    /// Waited before answering (a slow server).
    delay: Duration,
}

impl Reply {
    fn json(v: &Value) -> Reply {
        Reply {
            status: 200,
            body: v.to_string().into_bytes(),
            delay: Duration::ZERO,
        }
    }

    fn status(status: u16) -> Reply {
        Reply {
            status,
            body: b"{\"error\": \"try later\"}".to_vec(),
            delay: Duration::ZERO,
        }
    }
}

/// A server on a free loopback port; `route` gets the request's path and query and how many
/// times that same target was asked for (1 the first time).
struct Server {
    base: String,
    hits: Arc<Mutex<HashMap<String, usize>>>,
}

impl Server {
    fn start(route: impl Fn(&str, usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let base = format!("http://{}", listener.local_addr().expect("its address"));
        let hits = Arc::new(Mutex::new(HashMap::<String, usize>::new()));
        let route = Arc::new(route);
        let counted = Arc::clone(&hits);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let route = Arc::clone(&route);
                let hits = Arc::clone(&counted);
                std::thread::spawn(move || {
                    let Ok(read) = stream.try_clone() else { return };
                    let mut reader = BufReader::new(read);
                    let mut first = String::new();
                    if reader.read_line(&mut first).is_err() {
                        return;
                    }
                    loop {
                        let mut line = String::new();
                        match reader.read_line(&mut line) {
                            Ok(0) | Err(_) => break,
                            Ok(_) if line == "\r\n" || line == "\n" => break,
                            Ok(_) => {}
                        }
                    }
                    let target = first.split_whitespace().nth(1).unwrap_or("/").to_string();
                    let nth = {
                        let mut h = hits.lock().expect("hits");
                        let n = h.entry(target.clone()).or_default();
                        *n += 1;
                        *n
                    };
                    let reply = route(&target, nth);
                    std::thread::sleep(reply.delay);
                    let mut stream = stream;
                    let head = format!(
                        "HTTP/1.1 {} X\r\nContent-Type: application/json\r\n\
                         Content-Length: {}\r\nConnection: close\r\n\r\n",
                        reply.status,
                        reply.body.len()
                    );
                    // The client may have given up on a slow answer: that is not an error here.
                    let _ = stream
                        .write_all(head.as_bytes())
                        .and_then(|()| stream.write_all(&reply.body));
                });
            }
        });
        Server { base, hits }
    }

    fn hits(&self, target: &str) -> usize {
        self.hits
            .lock()
            .expect("hits")
            .get(target)
            .copied()
            .unwrap_or(0)
    }
}

/// The `page` query parameter of a target (1 when absent).
fn page_of(target: &str) -> usize {
    target
        .split_once('?')
        .map(|(_, q)| q)
        .unwrap_or("")
        .split('&')
        .find_map(|p| p.strip_prefix("page="))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
}

/// The services split into ORUK v1 pages (Spring style: `number` counts from 0).
fn v1_pages(services: &[Value], size: usize) -> Vec<Value> {
    let chunks: Vec<&[Value]> = services.chunks(size).collect();
    let total = chunks.len();
    chunks
        .iter()
        .enumerate()
        .map(|(i, c)| {
            json!({
                "totalElements": services.len(),
                "totalPages": total,
                "number": i,
                "size": size,
                "first": i == 0,
                "last": i + 1 == total,
                "numberOfElements": c.len(),
                "content": c,
            })
        })
        .collect()
}

fn pull(base: &str, out: &Path, extra: &[&str]) -> Output {
    bin()
        .args(["pull", "--oruk", base, "--out"])
        .arg(out)
        .args(["--timeout", "0.5", "--backoff", "0.05", "--delay", "0"])
        .args(extra)
        .output()
        .expect("index-builder runs")
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The pages in a folder, by name.
fn page_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("the folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The ids of every service in the page files, in page order.
/// Checks that the pull succeeded and its summary says `summary`; gives its output.
fn assert_pulled(o: &Output, summary: &str) -> (String, String) {
    let (stdout, stderr) = text(o);
    assert!(o.status.success(), "pull failed: {stderr}");
    assert!(stdout.contains(summary), "{stdout}");
    (stdout, stderr)
}

fn pulled_ids(dir: &Path, key: &str) -> Vec<Value> {
    page_files(dir)
        .iter()
        .filter(|n| n.ends_with(".json"))
        .flat_map(|n| {
            let page: Value =
                serde_json::from_str(&std::fs::read_to_string(dir.join(n)).expect("a page file"))
                    .expect("a page is JSON");
            page[key].as_array().cloned().unwrap_or_default()
        })
        .map(|s| s["id"].clone())
        .collect()
}

/// `build --json` on a folder: its summary.
fn build(data: &Path, out: &Path) -> Value {
    let o = bin()
        .args(["build", "--json", "--today", "2025-01-01", "--data"])
        .arg(data)
        .arg("--out")
        .arg(out)
        .output()
        .expect("index-builder runs");
    let (stdout, stderr) = text(&o);
    assert!(o.status.success(), "build failed: {stderr}");
    serde_json::from_str(stdout.trim()).expect("build --json prints one JSON object")
}

#[test]
fn v1_pages_are_followed_retried_and_build_like_the_feed_itself() {
    let services = bristol();
    let pages = v1_pages(&services, 100);
    let count = pages.len();
    assert!(count > 5, "the fixture makes several pages");
    let server = Server::start(move |target, nth| {
        let page = page_of(target);
        match (page, nth) {
            // A passing server error: the first answer for page 3 is a 503.
            (3, 1) => Reply::status(503),
            // A slow page: the first answer for page 5 comes after the client's timeout.
            (5, 1) => Reply {
                delay: Duration::from_secs(2),
                ..Reply::json(&pages[4])
            },
            (p, _) if (1..=pages.len()).contains(&p) => Reply::json(&pages[p - 1]),
            _ => Reply::status(404),
        }
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("bristol");
    std::fs::create_dir_all(&out).expect("out");
    // A page left by an earlier, longer pull must not survive this one.
    std::fs::write(out.join("page-0099.json"), "[]").expect("an old page");
    let url = format!("{}/api/services", server.base);
    let o = pull(&url, &out, &[]);
    let (stdout, stderr) = assert_pulled(
        &o,
        &format!("pulled {count} pages, {} services", services.len()),
    );
    assert!(stdout.contains("(2 retries)"), "{stdout}");
    assert!(
        stderr.contains("page 3 (") && stderr.contains("HTTP 503"),
        "{stderr}"
    );
    assert!(
        stderr.contains("page 5 (") && stderr.contains("timed out"),
        "{stderr}"
    );
    assert_eq!(
        server.hits("/api/services"),
        1,
        "page 1 is the address given"
    );
    assert_eq!(server.hits("/api/services?page=3"), 2, "page 3 tried twice");
    assert_eq!(server.hits("/api/services?page=5"), 2, "page 5 tried twice");
    assert_eq!(server.hits("/api/services?page=2"), 1);
    let expected: Vec<String> = (1..=count).map(|p| format!("page-{p:04}.json")).collect();
    assert_eq!(
        page_files(&out),
        expected,
        "one file per page, nothing else"
    );
    let ids: Vec<Value> = services.iter().map(|s| s["id"].clone()).collect();
    assert_eq!(pulled_ids(&out, "content"), ids, "every service, in order");

    // Every page is beside the others, so none is "only one page of many"; a page alone is.
    let check = |dir: &Path| {
        let o = bin()
            .args(["check", "--today", "2025-01-01", "--data"])
            .arg(dir)
            .output()
            .expect("index-builder runs");
        format!("{}{}", text(&o).0, text(&o).1)
    };
    assert!(!check(&out).contains("only its services are loaded"));
    let alone = dir.path().join("alone");
    std::fs::create_dir_all(&alone).expect("alone");
    std::fs::copy(out.join("page-0001.json"), alone.join("page-0001.json")).expect("copy");
    assert!(check(&alone).contains(&format!(
        "this is page 1 of {count}; only its services are loaded"
    )));

    // The pulled pages build the same index as the feed file itself.
    let whole = dir.path().join("whole");
    std::fs::create_dir_all(&whole).expect("whole");
    std::fs::copy(fixture(), whole.join("bristol.json")).expect("copy");
    let from_pull = build(&out, &dir.path().join("pulled.idx"));
    let from_file = build(&whole, &dir.path().join("whole.idx"));
    assert!(from_file["records_out"].as_u64().unwrap_or(0) > 700);
    assert_eq!(from_pull["records_out"], from_file["records_out"]);
    assert_eq!(from_pull["import"]["services_in"], services.len());
    assert_eq!(
        std::fs::read(dir.path().join("pulled.idx")).expect("index"),
        std::fs::read(dir.path().join("whole.idx")).expect("index"),
        "the same index, byte for byte"
    );
}

/// A v1 feed whose `page` counts from 0, as its `number` does: `?page=0` (or no `page`) is the
/// first page, `?page=1` the second. Asking for `page=2` after the first page skips a page; the
/// pull must notice from the pages' numbers and fetch every page exactly once.
#[test]
fn v1_pages_numbered_from_0_are_all_pulled() {
    let services = bristol();
    let pages = v1_pages(&services, 100);
    let count = pages.len();
    let served = pages.clone();
    let server = Server::start(move |target, _| {
        let page = target
            .split_once('?')
            .map(|(_, q)| q)
            .unwrap_or("")
            .split('&')
            .find_map(|p| p.strip_prefix("page="))
            .map_or(Some(0), |n| n.parse::<usize>().ok());
        match page.and_then(|p| served.get(p)) {
            Some(p) => Reply::json(p),
            None => Reply::status(404),
        }
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let ids: Vec<Value> = services.iter().map(|s| s["id"].clone()).collect();

    let out = dir.path().join("plain");
    let o = pull(&format!("{}/services", server.base), &out, &[]);
    assert_pulled(
        &o,
        &format!("pulled {count} pages, {} services", services.len()),
    );
    assert_eq!(pulled_ids(&out, "content"), ids, "every service, in order");
    assert_eq!(server.hits("/services"), 1);
    for p in 1..count {
        assert_eq!(server.hits(&format!("/services?page={p}")), 1, "page={p}");
    }
    assert_eq!(server.hits(&format!("/services?page={count}")), 0);

    // Asked with a page size, the first address is `page=1`: the second page, which says it
    // is not the first. The pull goes back to `page=0`.
    let out = dir.path().join("sized");
    let o = pull(
        &format!("{}/services", server.base),
        &out,
        &["--per-page", "100"],
    );
    assert_pulled(&o, &format!("pulled {count} pages"));
    assert_eq!(pulled_ids(&out, "content"), ids, "every service, in order");
    for p in 0..count {
        let target = format!("/services?per_page=100&page={p}");
        assert_eq!(server.hits(&target), 1, "{target}");
    }
}

#[test]
fn v3_pages_linked_by_next_are_followed() {
    let services = bristol();
    let chunks: Vec<Vec<Value>> = services.chunks(300).map(<[Value]>::to_vec).collect();
    let count = chunks.len();
    let server = Server::start(move |target, _| {
        // Pages by an opaque cursor, so only the `next` link can find them.
        let cursor: usize = target
            .split_once("cursor=")
            .and_then(|(_, c)| c.parse().ok())
            .unwrap_or(0);
        let Some(chunk) = chunks.get(cursor) else {
            return Reply::status(404);
        };
        let mut page = json!({
            "total_items": services.len(),
            "page_number": cursor + 1,
            "size": 300,
            "contents": chunk,
        });
        if cursor + 1 < chunks.len() {
            page["links"] =
                json!({ "next": { "href": format!("/v3/services?cursor={}", cursor + 1) } });
        }
        Reply::json(&page)
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let o = pull(&format!("{}/v3/services", server.base), dir.path(), &[]);
    assert_pulled(&o, &format!("pulled {count} pages"));
    let ids: Vec<Value> = bristol().iter().map(|s| s["id"].clone()).collect();
    assert_eq!(pulled_ids(dir.path(), "contents"), ids);
}

#[test]
fn a_malformed_page_stops_the_pull_and_keeps_the_last_one() {
    let pages = v1_pages(&bristol()[..30], 10);
    let server = Server::start(move |target, _| match page_of(target) {
        2 => Reply {
            body: br#"{"totalPages": 3, "content": [{"id": "#.to_vec(),
            ..Reply::status(200)
        },
        p => Reply::json(&pages[p - 1]),
    });
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("page-0001.json"), "[]").expect("the last pull");
    let url = format!("{}/services?per_page=10", server.base);
    let o = pull(&url, dir.path(), &[]);
    let (_, stderr) = text(&o);
    assert!(!o.status.success());
    assert!(
        stderr.contains(&format!(
            "page 2 ({}/services?per_page=10&page=2)",
            server.base
        )),
        "the error names the page and its address: {stderr}"
    );
    assert!(
        stderr.contains("not an Open Referral UK page") && stderr.contains("EOF"),
        "{stderr}"
    );
    assert_eq!(
        server.hits("/services?per_page=10&page=2"),
        1,
        "not retried"
    );
    assert_eq!(
        page_files(dir.path()),
        ["page-0001.json"],
        "no partial files"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("page-0001.json")).expect("kept"),
        "[]",
        "the last pull is kept"
    );
}

#[test]
fn a_missing_feed_is_not_retried_and_a_failing_one_is_given_up() {
    let server = Server::start(|target, _| {
        if target.starts_with("/down") {
            Reply::status(502)
        } else {
            Reply::status(404)
        }
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let o = pull(&format!("{}/gone", server.base), dir.path(), &[]);
    let (_, stderr) = text(&o);
    assert!(!o.status.success());
    assert!(stderr.contains("HTTP 404; not tried again"), "{stderr}");
    assert_eq!(server.hits("/gone"), 1);

    let o = pull(
        &format!("{}/down", server.base),
        dir.path(),
        &["--retries", "2"],
    );
    let (_, stderr) = text(&o);
    assert!(!o.status.success());
    assert!(
        stderr.contains(&format!(
            "page 1 ({}/down): gave up after 3 tries",
            server.base
        )),
        "{stderr}"
    );
    assert_eq!(server.hits("/down"), 3);
    assert!(page_files(dir.path()).is_empty());

    let o = pull("ftp://example.org/feed", dir.path(), &[]);
    assert!(text(&o).1.contains("not an http:// or https:// address"));
}

#[test]
fn a_feed_in_one_list_is_one_page_and_the_bar_stays_off_a_pipe() {
    let body = std::fs::read(fixture()).expect("fixture");
    let len = body.len();
    let server = Server::start(move |_, _| Reply {
        body: body.clone(),
        ..Reply::status(200)
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let o = pull(&format!("{}/services", server.base), dir.path(), &[]);
    let (stdout, stderr) = text(&o);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stdout.contains(&format!(
            "pulled 1 page, {} services, {len} bytes",
            bristol().len()
        )),
        "{stdout}"
    );
    assert!(
        stderr.is_empty(),
        "no progress bar drawn into a pipe: {stderr}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("page-0001.json")).expect("page"),
        std::fs::read(fixture()).expect("fixture"),
        "the page is kept byte for byte"
    );
}

/// The timing in `docs/BENCHMARKS.md` ("Council feeds"): Bristol's services pulled from the
/// local server in pages of 100 (no pause between requests: the server is on this machine),
/// then built and checked, with the binary `LOS_INDEX_BUILDER` names (the release build, for the
/// table) or this test's own. Run with
/// `LOS_INDEX_BUILDER=target/release/index-builder cargo test -p index-builder --test pull -- --ignored --nocapture`.
#[test]
#[ignore = "a timing, not a test: run by hand for docs/BENCHMARKS.md"]
fn bristol_pull_build_and_check_timing() {
    let exe = std::env::var_os("LOS_INDEX_BUILDER").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_index-builder")),
        PathBuf::from,
    );
    let services = bristol();
    let pages: Vec<Vec<u8>> = v1_pages(&services, 100)
        .iter()
        .map(|p| p.to_string().into_bytes())
        .collect();
    let server = Server::start(move |target, _| match pages.get(page_of(target) - 1) {
        Some(body) => Reply {
            body: body.clone(),
            ..Reply::status(200)
        },
        None => Reply::status(404),
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("bristol");
    let run = |args: &[&str]| {
        let start = std::time::Instant::now();
        let o = Command::new(&exe)
            .args(args)
            .output()
            .expect("index-builder runs");
        assert!(o.status.success() || args[0] == "check", "{}", text(&o).1);
        start.elapsed().as_secs_f64()
    };
    let url = format!("{}/services", server.base);
    let out_s = out.to_string_lossy().into_owned();
    let idx = dir
        .path()
        .join("bristol.idx")
        .to_string_lossy()
        .into_owned();
    let pull_s = run(&["pull", "--oruk", &url, "--out", &out_s, "--delay", "0"]);
    let build_s = run(&["build", "--data", &out_s, "--out", &idx]);
    let check_s = run(&["check", "--data", &out_s]);
    println!(
        "bristol ({} services, {} pages): pull {pull_s:.3} s, build {build_s:.3} s, check {check_s:.3} s, together {:.3} s ({})",
        services.len(),
        page_files(&out).len(),
        pull_s + build_s + check_s,
        exe.display()
    );
}

//! The family-language relevance suite (issue #11, step 6): questions written the way parents
//! and young people type or speak them, in `tests/relevance/family.txt`, each with the records
//! that must be in the top three, the records that are also fine, and the records that must not
//! be there. `tests/relevance/README.md` describes the file.
//!
//! The index is built by the real `index-builder build` from `data/` and searched through the same
//! `Index::search(query, &Filters::default(), 10)` the widget runs. The test prints each miss and
//! recall@3, precision@3, wrong-age and wrong-place hits in the top three, the glossary share of
//! top-three slots on questions that are not "what does X mean", and `not` violations, each
//! against its target; it writes them to `target/bench/family-relevance.json`.
//!
//! The test enforces the targets and a ratchet: it fails below a target, or if any metric
//! is worse than the best numbers recorded below.

mod real_data;
use local_offer_search::model::{Area, Kind, Record};
use local_offer_search::{Filters, Index};
use real_data::{real_index, workspace_root};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The targets, enforced on every run since rel7 reached them (until then only with
/// `LOS_FAMILY_TARGETS=1`, which is still accepted and changes nothing).
const MIN_RECALL_AT_3: f64 = 0.95;
const MIN_PRECISION_AT_3: f64 = 0.8;
const MAX_WRONG_AGE: usize = 0;
const MAX_GLOSSARY_SHARE: f64 = 0.05;

/// The ratchet: the best numbers measured so far (recall and precision rounded down, the
/// glossary share rounded up, to three places). A change that makes any of them worse fails the
/// test; when the engine improves, raise these to the new numbers.
/// Before any engine work on questions (main at dc01939): recall@3 0.7199, precision@3 0.4923,
/// 18 wrong-age and 17 wrong-place hits, glossary share 0.1482 (99 of 668 slots), 17 `not` hits.
/// With query understanding (vocabulary, ages and places as ranking signals, filler dropped,
/// glossary as an answer): recall@3 0.8200, precision@3 0.6275, 1 wrong-age and 0 wrong-place
/// hits, glossary share 0.0031 (2 of 653 slots), 5 `not` hits.
/// With the cards backed by the documents (issue #12) merged on top: ages as stages, ended records
/// after live ones, new records, and some judgments changed with the data (the ended 16+ offer
/// acceptable rather than required; two glossary meanings the documents never use removed, so 16
/// questions are honest nothing, 236 judged): recall@3 0.812, precision@3 0.614, 1 wrong-age and
/// 0 wrong-place hits, glossary share 0.002 (1 of 654 slots).
/// Work on the misses by cause (h-relevance): a record that writes the question's key words only
/// in passing (its description) drops out when others are about them, and ranks below those
/// that are; minor words ("how long", "help") only add to the score instead of ordering records
/// by how many of them match; more everyday words in the vocabulary (disagreeing, appeals and
/// complaints → the impartial advice service, buttons and pencils → occupational therapy,
/// tiptoes → physiotherapy, job → supported employment, day centre → day opportunities, behind
/// → developmental delay, "long" and "times" minor): recall@3 0.835, precision@3 0.661, 0
/// wrong-age and 0 wrong-place hits, glossary share 0.003 (2 of 649 slots), 5 `not` hits.
/// Then one fix to that rule: glossary entries no longer count when deciding whether any record
/// is about the question's words (a definition always has its acronym in its title, so "salt"
/// kept only the SALT definition and dropped the therapy services that write the words in
/// full, leaving a family no results; tests/engine.rs caught it). One slot of "whats pfa" went
/// from nothing to a weak record: precision@3 0.6598 (0.659 rounded down), the rest unchanged.
/// Then (relevance branch) records ranked by how much of the question they cover (each key
/// word weighed by how rare it is among the matches, a word found only in passing counting for
/// about a third), records covering less than half of what the best one covers left out (one
/// for another age or place counts a quarter of its cover there), "waiting times" searchable on
/// every record whose card gives them, more everyday phrases in the vocabulary ("help at
/// school" → SEN support, "doing nothing" → not in education, "have his say"), more filler and
/// minor words; Moule Close (ended, not confirmed to still run) made an acceptable answer
/// rather than a required one: recall@3 0.857, precision@3 0.743, 0 wrong-age and 0
/// wrong-place hits, glossary share 0.003 (2 of 580 slots), 5 `not` hits.
/// Then "wait" searchable on those records too (the index keeps "wait" and "waiting" apart),
/// and more everyday phrases: "not meeting his needs" and "struggling at school" → school
/// problems, SEN support; "nothing more they can do" → needs assessment, impartial advice; "who
/// can i talk to" → talk to someone, front door; "not speaking"; "development delay" as the
/// records write it; "where to start" also → signposting: recall@3 0.886, precision@3 0.746,
/// 0 wrong-age and 0 wrong-place hits, glossary share 0.003 (2 of 588 slots), 5 `not` hits.
/// Then a fix to the floor: a record for another age or place counted a quarter of its cover
/// there, so one that answered exactly as well as a record that fits was left out, which made
/// the age or place a filter (tests/taken_back.rs caught it; issue #11: never a filter). It
/// now counts half, so it stays below the records that fit when it answers at least as much
/// as the best of them. One question shows such a record in its top three: "nursery assessment
/// unit kidderminster" lists the Redditch nursery assessment unit third, after the Kidderminster
/// one and a county-wide team: precision@3 0.7450 (0.745 rounded down), 1 wrong-place hit.
/// Then (relevance3) the misses by cause: "whats X" asks a meaning and "what is being done
/// about…" (filler beyond the define words) does not; more everyday words ("no diagnosis",
/// "complain" → complaint, "anxious" → anxiety, "specialist nursery", "youth club", "just been
/// diagnosed", "course", "things to do", "wont go in"); the cover floor raised from a half to 0.6
/// of the best record's cover, and a record for another age or place counting that same share,
/// so it still stays (below every record that fits) exactly when it answers as much as the best
/// that fits. One suite judgement corrected from the record's own text (Kidderminster Short
/// Breaks, whose card says its children do activities in the community, is an acceptable answer
/// to "things to do at weekends for disabled teenagers"): recall@3 0.9040, precision@3 0.7825,
/// 0 wrong-age hits, glossary share 0 (0 of 559 slots), 5 `not` hits, and 2 wrong-place hits:
/// "college in worcester for complex needs" lists the Pershore college third and "nursery
/// assessment unit kidderminster" the Redditch unit third, each below every record that fits and
/// answering as much as the best of them (a place never filters). A rule that left a define
/// question only the glossary's meanings and the records named by them reached precision@3 0.802,
/// but left the widget's result list empty for "what does ehcp mean" (the meaning goes to the
/// "What this means" panel; tests/browser/pictograms.test.mjs caught it), so it is not in.
/// Then (relevance4) "send support", "SEN support plan" and "support plan" in the vocabulary as
/// SEN support ("send support plan at school" finds the OAIP guide): recall@3 0.9082,
/// precision@3 0.7825, the rest unchanged. The suite now also reports how many honest-nothing
/// questions still show best matches (rather than all under "Other results") and how many judged
/// questions have every result folded: 13 (every one that returns anything) and 0.
/// Then "nhs" also means health services (Healthwatch writes "health services", never NHS), and
/// "sign up", "subscribe" mean sign up, signed up, opt in (the disability register's newsletter
/// goes to those who opt in); a key word's cover weight raised to the power 1.5 and the cover
/// floor raised from 0.6 to 0.65, so records sharing only a question's common words fall under
/// it: recall@3 0.9103, precision@3 0.7966, 0 wrong-age and 2 wrong-place hits, glossary share
/// 0 (0 of 544 slots), 4 `not` hits, honest-nothing results 248 -> 219.
/// Then (rel6) "appeal", "tribunal", "disagree", "wont listen", "bullied", "advocate", "on my
/// side" and "forms" mean impartial advice only, no longer signposting too: they ask for
/// someone on the family's side, and "signposting" put the Local Offer website beside SENDIASS
/// in four questions' top three ("where to start" keeps both): recall@3 0.9103, precision@3
/// 0.8030, 0 wrong-age and 2 wrong-place hits, glossary share 0 (0 of 541 slots), 4 `not` hits.
/// Then records that score exactly the same on a question stating an age are ordered by how
/// many years they serve, fewest first, before their place in the index (by name): "my 2 year
/// old is behind with his development" lists the pre-school health visitors before the
/// paediatricians for every age, where "Community" came before "Special" alphabetically:
/// recall@3 0.9153, precision@3 0.8030, the rest unchanged.
/// Then "wont apply", "refused to apply" and "refuses to apply" in the vocabulary: a family
/// whose school will not apply for a plan needs impartial advice and to know they can apply
/// themselves ("apply for EHCP"), so both SENDIASS and the needs assessment answer it: recall@3
/// 0.9167, precision@3 0.8030, glossary share 0 (0 of 542 slots), the rest unchanged.
/// Then (rel7) the misses that answer a question without its words, worked through the
/// vocabulary: dyslexia and "no diagnosis" also mean ordinarily available provision; "annual
/// review" the EHCP co-ordinators and impartial advice; "struggling at school", "not meeting his
/// needs", "permanent exclusion", "ehcp help" impartial advice too; "self harm" CAMHS's own
/// words and mental health support rather than anything writing "mental health"; "money" personal
/// budgets and direct payments, no longer "funding"; a trade ("catering") careers advice;
/// dyspraxia a paediatrician too (and occupational therapy searchable under "assessment", as its
/// quote says); "youth club" youth forum and short breaks; "special school place" an EHC needs
/// assessment too; "being built" more places; "point", "pointing" communication; and best matches
/// counted among the records that fit the age and place: recall@3 0.9612, precision@3 0.8220,
/// 0 wrong-age and 2 wrong-place hits, glossary share 0 (0 of 543 slots), 4 `not` hits, no
/// judged question with every result folded. The targets are met, so they are now
/// enforced on every run.
const BEFORE_RECALL_AT_3: f64 = 0.961;
const BEFORE_PRECISION_AT_3: f64 = 0.822;
const BEFORE_WRONG_AGE: usize = 0;
const BEFORE_WRONG_PLACE: usize = 2;
const BEFORE_GLOSSARY_SHARE: f64 = 0.0;
const BEFORE_NOT_VIOLATIONS: usize = 4;
const BEFORE_JUDGED_ALL_FOLDED: usize = 0;

/// The suite must keep at least this many questions.
const MIN_QUESTIONS: usize = 150;
/// At most this many `must` ids on one question.
const MAX_MUST: usize = 3;

const FILE: &str = "family.txt";

#[derive(Debug, Default, Clone)]
struct Question {
    line: usize,
    theme: String,
    query: String,
    must: Vec<String>,
    ok: Vec<String>,
    not: Vec<String>,
    age: Option<u8>,
    /// An area key of the index's council.
    area: Option<String>,
    define: bool,
    none: bool,
}

impl Question {
    fn ids(&self) -> impl Iterator<Item = &String> {
        self.must.iter().chain(&self.ok).chain(&self.not)
    }
}

/// Reads the suite; every error names the line.
fn parse(text: &str) -> Result<Vec<Question>, String> {
    let mut out = Vec::new();
    let mut theme = String::from("(no theme)");
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if let Some(t) = line.strip_prefix("# theme:") {
            theme = t.trim().to_string();
            if theme.is_empty() {
                return Err(format!("{FILE}:{n}: empty theme name"));
            }
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let q = parse_line(line, n, &theme)?;
        let key = q.query.to_lowercase();
        if let Some(first) = seen.insert(key, n) {
            return Err(format!(
                "{FILE}:{n}: the question \"{}\" is already at line {first}",
                q.query
            ));
        }
        out.push(q);
    }
    Ok(out)
}

fn parse_line(line: &str, n: usize, theme: &str) -> Result<Question, String> {
    let (query, rest) = line.split_once("=>").ok_or_else(|| {
        format!("{FILE}:{n}: missing \"=>\" between the question and its answers")
    })?;
    let mut q = Question {
        line: n,
        theme: theme.to_string(),
        query: query.trim().to_string(),
        ..Question::default()
    };
    if q.query.is_empty() {
        return Err(format!("{FILE}:{n}: empty question"));
    }
    let mut fields: HashSet<&str> = HashSet::new();
    for part in rest.split('|') {
        let part = part.trim();
        let (name, value) = match part.split_once(':') {
            Some((name, value)) => (name.trim(), Some(value.trim())),
            None => (part, None),
        };
        if name.is_empty() {
            return Err(format!("{FILE}:{n}: empty field between two \"|\""));
        }
        if !fields.insert(name) {
            return Err(format!("{FILE}:{n}: field \"{name}\" given twice"));
        }
        match (name, value) {
            ("must", Some(v)) => q.must = id_list(v, n, name)?,
            ("ok", Some(v)) => q.ok = id_list(v, n, name)?,
            ("not", Some(v)) => q.not = id_list(v, n, name)?,
            ("age", Some(v)) => {
                let age: u8 = v
                    .parse()
                    .map_err(|_| format!("{FILE}:{n}: age \"{v}\" is not a whole number"))?;
                if age > 25 {
                    return Err(format!("{FILE}:{n}: age {age} is outside 0–25"));
                }
                q.age = Some(age);
            }
            ("area", Some(v)) => {
                if v == Area::WHOLE_KEY {
                    return Err(format!(
                        "{FILE}:{n}: area: name the district the question names, not countywide"
                    ));
                }
                q.area = Some(v.to_string());
            }
            ("define", None) => q.define = true,
            ("none", None) => q.none = true,
            ("define" | "none", Some(_)) => {
                return Err(format!("{FILE}:{n}: \"{name}\" takes no value"));
            }
            ("must" | "ok" | "not" | "age" | "area", None) => {
                return Err(format!("{FILE}:{n}: \"{name}\" needs a value after \":\""));
            }
            _ => {
                return Err(format!(
                    "{FILE}:{n}: unknown field \"{name}\"; expected must, ok, not, age, area, define or none"
                ));
            }
        }
    }
    if q.none && !q.must.is_empty() {
        return Err(format!(
            "{FILE}:{n}: a \"none\" question cannot have must ids"
        ));
    }
    if !q.none && q.must.is_empty() {
        return Err(format!(
            "{FILE}:{n}: no must ids (write \"none\" if the Local Offer has nothing)"
        ));
    }
    if q.must.len() > MAX_MUST {
        return Err(format!(
            "{FILE}:{n}: {} must ids; at most {MAX_MUST}",
            q.must.len()
        ));
    }
    let mut all = HashSet::new();
    for id in q.ids() {
        if !all.insert(id.as_str()) {
            return Err(format!("{FILE}:{n}: id {id} is listed twice"));
        }
    }
    Ok(q)
}

fn id_list(v: &str, n: usize, field: &str) -> Result<Vec<String>, String> {
    let ids: Vec<String> = v
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if ids.is_empty() && field != "must" {
        return Err(format!("{FILE}:{n}: \"{field}:\" with no ids"));
    }
    Ok(ids)
}

/// Fails on an id the index does not hold.
fn check_ids(questions: &[Question], known: &HashSet<String>) -> Result<(), String> {
    for q in questions {
        for id in q.ids() {
            if !known.contains(id) {
                return Err(format!("{FILE}:{}: unknown id {id}", q.line));
            }
        }
    }
    Ok(())
}

/// `target/bench/family-relevance.json`, under `CARGO_TARGET_DIR` when it is set.
fn json_path() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
        .join("bench")
        .join("family-relevance.json")
}

/// What one question got back.
struct Outcome<'q> {
    q: &'q Question,
    top3: Vec<String>,
    results: usize,
    /// How many of the results are best matches (`Results::best`); the rest are folded under
    /// "Other results".
    best: usize,
    recall: f64,
    precision: f64,
    wrong_age: Vec<String>,
    wrong_place: Vec<String>,
    glossary_slots: usize,
    violations: Vec<String>,
}

fn is_wrong_age(r: &Record, age: u8) -> bool {
    r.minimum_age.is_some_and(|min| age < min) || r.maximum_age.is_some_and(|max| age > max)
}

fn is_wrong_place(r: &Record, area: Area) -> bool {
    !r.districts.is_empty() && !r.districts.contains(&area) && !r.districts.contains(&Area::WHOLE)
}

fn run<'q>(index: &Index, records: &HashMap<String, Record>, q: &'q Question) -> Outcome<'q> {
    let results = index.search(&q.query, &Filters::default(), 10);
    let ids: Vec<String> = results
        .hits
        .iter()
        .map(|h| index.record(h.doc).expect("a hit's record decodes").id)
        .collect();
    let top3: Vec<String> = ids.into_iter().take(3).collect();
    let rec = |id: &String| records.get(id).expect("every hit is a known record");
    let found = q.must.iter().filter(|m| top3.contains(m)).count();
    let recall = if q.must.is_empty() {
        0.0
    } else {
        found as f64 / q.must.len() as f64
    };
    let relevant = top3
        .iter()
        .filter(|id| q.must.contains(id) || q.ok.contains(id))
        .count();
    let precision = if top3.is_empty() {
        0.0
    } else {
        relevant as f64 / top3.len() as f64
    };
    let wrong_age = match q.age {
        Some(age) => top3
            .iter()
            .filter(|id| is_wrong_age(rec(id), age))
            .cloned()
            .collect(),
        None => Vec::new(),
    };
    let area = q.area.as_deref().map(|k| {
        index
            .council()
            .by_key(k)
            .unwrap_or_else(|| panic!("{FILE}: area \"{k}\" is not one of the index's"))
    });
    let wrong_place = match area {
        Some(area) => top3
            .iter()
            .filter(|id| is_wrong_place(rec(id), area))
            .cloned()
            .collect(),
        None => Vec::new(),
    };
    let glossary_slots = if q.define {
        0
    } else {
        top3.iter()
            .filter(|id| rec(id).kind == Kind::Glossary)
            .count()
    };
    let violations = top3
        .iter()
        .filter(|id| q.not.contains(id))
        .cloned()
        .collect();
    Outcome {
        q,
        top3,
        results: results.total,
        best: results.best,
        recall,
        precision,
        wrong_age,
        wrong_place,
        glossary_slots,
        violations,
    }
}

#[derive(Debug, Default)]
struct Metrics {
    questions: usize,
    judged: usize,
    honest_nothing: usize,
    honest_nothing_with_results: usize,
    honest_nothing_results: usize,
    /// Honest-nothing questions that still show best matches (not all folded).
    honest_nothing_as_matches: usize,
    /// Judged questions with results but no best match (everything folded).
    judged_all_folded: usize,
    recall: f64,
    precision: f64,
    wrong_age: usize,
    wrong_place: usize,
    glossary_share: f64,
    glossary_slots: usize,
    non_define_slots: usize,
    not_violations: usize,
}

fn metrics(outcomes: &[Outcome<'_>]) -> Metrics {
    let mut m = Metrics {
        questions: outcomes.len(),
        ..Metrics::default()
    };
    let (mut recall_sum, mut precision_sum) = (0.0, 0.0);
    for o in outcomes {
        if o.q.none {
            m.honest_nothing += 1;
            m.honest_nothing_results += o.results;
            if o.results > 0 {
                m.honest_nothing_with_results += 1;
            }
            if o.best > 0 {
                m.honest_nothing_as_matches += 1;
            }
        } else {
            m.judged += 1;
            if o.results > 0 && o.best == 0 {
                m.judged_all_folded += 1;
            }
            recall_sum += o.recall;
            precision_sum += o.precision;
        }
        m.wrong_age += o.wrong_age.len();
        m.wrong_place += o.wrong_place.len();
        m.not_violations += o.violations.len();
        if !o.q.define {
            m.glossary_slots += o.glossary_slots;
            m.non_define_slots += o.top3.len();
        }
    }
    if m.judged > 0 {
        m.recall = recall_sum / m.judged as f64;
        m.precision = precision_sum / m.judged as f64;
    }
    if m.non_define_slots > 0 {
        m.glossary_share = m.glossary_slots as f64 / m.non_define_slots as f64;
    }
    m
}

/// One line per question that missed a must id, broke a rule or (on an honest-nothing
/// question) showed a `not` id.
fn misses(outcomes: &[Outcome<'_>]) -> Vec<String> {
    let mut out = Vec::new();
    for o in outcomes {
        let missing: Vec<&String> = o.q.must.iter().filter(|m| !o.top3.contains(m)).collect();
        let mut why = Vec::new();
        if !missing.is_empty() {
            why.push(format!("missing {missing:?}"));
        }
        if !o.wrong_age.is_empty() {
            why.push(format!("wrong age {:?}", o.wrong_age));
        }
        if !o.wrong_place.is_empty() {
            why.push(format!("wrong place {:?}", o.wrong_place));
        }
        if !o.violations.is_empty() {
            why.push(format!("not {:?}", o.violations));
        }
        if why.is_empty() {
            continue;
        }
        out.push(format!(
            "  {FILE}:{}: \"{}\" {}; top 3 {:?}",
            o.q.line,
            o.q.query,
            why.join(", "),
            o.top3
        ));
    }
    out
}

fn by_theme(outcomes: &[Outcome<'_>]) -> BTreeMap<String, (usize, f64, f64)> {
    let mut themes: BTreeMap<String, (usize, usize, f64, f64)> = BTreeMap::new();
    for o in outcomes {
        let t = themes.entry(o.q.theme.clone()).or_default();
        t.0 += 1;
        if !o.q.none {
            t.1 += 1;
            t.2 += o.recall;
            t.3 += o.precision;
        }
    }
    themes
        .into_iter()
        .map(|(name, (n, judged, r, p))| {
            let avg = |s: f64| if judged == 0 { 0.0 } else { s / judged as f64 };
            (name, (n, avg(r), avg(p)))
        })
        .collect()
}

fn write_json(m: &Metrics, themes: &BTreeMap<String, (usize, f64, f64)>) {
    let themes: serde_json::Map<String, serde_json::Value> = themes
        .iter()
        .map(|(name, (n, r, p))| {
            (
                name.clone(),
                serde_json::json!({ "questions": n, "recall_at_3": r, "precision_at_3": p }),
            )
        })
        .collect();
    let doc = serde_json::json!({
        "suite": "index-builder/tests/relevance/family.txt",
        "questions": m.questions,
        "judged": m.judged,
        "recall_at_3": m.recall,
        "precision_at_3": m.precision,
        "wrong_age_top3": m.wrong_age,
        "wrong_place_top3": m.wrong_place,
        "glossary_share_top3": m.glossary_share,
        "glossary_slots": m.glossary_slots,
        "non_define_slots": m.non_define_slots,
        "not_violations": m.not_violations,
        "judged_all_folded": m.judged_all_folded,
        "honest_nothing": {
            "questions": m.honest_nothing,
            "with_results": m.honest_nothing_with_results,
            "results": m.honest_nothing_results,
            "shown_as_matches": m.honest_nothing_as_matches,
        },
        "targets": {
            "min_recall_at_3": MIN_RECALL_AT_3,
            "min_precision_at_3": MIN_PRECISION_AT_3,
            "max_wrong_age": MAX_WRONG_AGE,
            "max_glossary_share": MAX_GLOSSARY_SHARE,
        },
        "themes": themes,
    });
    let path = json_path();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("target/bench can be created");
    }
    let text = serde_json::to_string_pretty(&doc).expect("the metrics serialise");
    std::fs::write(&path, text + "\n").expect("family-relevance.json can be written");
    println!("wrote {}", path.display());
}

/// `value <= max`, written as a call so a zero target reads as a target and not a special case.
fn at_most(value: usize, max: usize) -> bool {
    value <= max
}

/// `value < than`, written as a call so a ratchet at zero reads as a ratchet, not a special case.
fn fewer(value: usize, than: usize) -> bool {
    value < than
}

fn mark(ok: bool) -> &'static str {
    if ok {
        "meets"
    } else {
        "BELOW"
    }
}

#[test]
fn family_questions_on_the_real_dataset() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/relevance/family.txt");
    let text = std::fs::read_to_string(&path).expect("tests/relevance/family.txt is readable");
    let questions = parse(&text).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        questions.len() >= MIN_QUESTIONS,
        "the family suite needs at least {MIN_QUESTIONS} questions, has {}",
        questions.len()
    );

    let index = real_index();
    let mut records = HashMap::new();
    for doc in 0..index.len() as u32 {
        let r = index.record(doc).expect("every record decodes");
        records.insert(r.id.clone(), r);
    }
    let known: HashSet<String> = records.keys().cloned().collect();
    check_ids(&questions, &known).unwrap_or_else(|e| panic!("{e}"));

    let outcomes: Vec<Outcome<'_>> = questions.iter().map(|q| run(&index, &records, q)).collect();
    let m = metrics(&outcomes);
    let themes = by_theme(&outcomes);
    if std::env::var("LOS_FAMILY_ALL").is_ok_and(|v| v == "1") {
        println!("family relevance: every question whose top 3 is not all relevant");
        for o in outcomes.iter().filter(|o| !o.q.none && o.precision < 1.0) {
            let marked: Vec<String> = o
                .top3
                .iter()
                .map(|id| {
                    let tag = if o.q.must.contains(id) {
                        "+"
                    } else if o.q.ok.contains(id) {
                        "~"
                    } else {
                        "-"
                    };
                    format!("{tag}{id}")
                })
                .collect();
            println!(
                "  {FILE}:{}: \"{}\" {:.2} {}",
                o.q.line,
                o.q.query,
                o.precision,
                marked.join(" ")
            );
        }
    }

    println!("family relevance: misses");
    for line in misses(&outcomes) {
        println!("{line}");
    }
    println!("honest nothing (the Local Offer has no answer; results that came back):");
    for o in outcomes.iter().filter(|o| o.q.none) {
        println!(
            "  {FILE}:{}: \"{}\" {} results, {} best matches; top 3 {:?}",
            o.q.line, o.q.query, o.results, o.best, o.top3
        );
    }
    println!("judged questions whose results are all folded (no best match):");
    for o in outcomes
        .iter()
        .filter(|o| !o.q.none && o.results > 0 && o.best == 0)
    {
        println!(
            "  {FILE}:{}: \"{}\" {} results; top 3 {:?}",
            o.q.line, o.q.query, o.results, o.top3
        );
    }
    println!("by theme (questions, recall@3, precision@3):");
    for (name, (n, r, p)) in &themes {
        println!("  {name:<22} {n:>3}  {r:.3}  {p:.3}");
    }
    println!(
        "family relevance: {} questions ({} judged, {} honest nothing)",
        m.questions, m.judged, m.honest_nothing
    );
    println!(
        "  recall@3       {:.3}  target >= {MIN_RECALL_AT_3}  {}",
        m.recall,
        mark(m.recall >= MIN_RECALL_AT_3)
    );
    println!(
        "  precision@3    {:.3}  target >= {MIN_PRECISION_AT_3}  {}",
        m.precision,
        mark(m.precision >= MIN_PRECISION_AT_3)
    );
    println!(
        "  wrong age      {}  target <= {MAX_WRONG_AGE}  {}",
        m.wrong_age,
        mark(at_most(m.wrong_age, MAX_WRONG_AGE))
    );
    println!(
        "  wrong place    {}  (reported; no target in the issue)",
        m.wrong_place
    );
    println!(
        "  glossary share {:.3} ({} of {} top-3 slots on non-define questions)  target <= {MAX_GLOSSARY_SHARE}  {}",
        m.glossary_share,
        m.glossary_slots,
        m.non_define_slots,
        mark(m.glossary_share <= MAX_GLOSSARY_SHARE)
    );
    println!(
        "  not violations {}  (reported; no target in the issue)",
        m.not_violations
    );
    println!(
        "  honest nothing {} questions, {} of them returned results ({} results in all)",
        m.honest_nothing, m.honest_nothing_with_results, m.honest_nothing_results
    );
    println!(
        "  honest nothing shown as best matches {} (the rest folded under \"Other results\"); judged questions with every result folded {}",
        m.honest_nothing_as_matches, m.judged_all_folded
    );
    write_json(&m, &themes);

    let mut worse = Vec::new();
    if m.recall < BEFORE_RECALL_AT_3 {
        worse.push(format!(
            "recall@3 {:.3} < before {BEFORE_RECALL_AT_3}",
            m.recall
        ));
    }
    if m.precision < BEFORE_PRECISION_AT_3 {
        worse.push(format!(
            "precision@3 {:.3} < before {BEFORE_PRECISION_AT_3}",
            m.precision
        ));
    }
    if m.wrong_age > BEFORE_WRONG_AGE {
        worse.push(format!(
            "wrong age {} > before {BEFORE_WRONG_AGE}",
            m.wrong_age
        ));
    }
    if m.wrong_place > BEFORE_WRONG_PLACE {
        worse.push(format!(
            "wrong place {} > before {BEFORE_WRONG_PLACE}",
            m.wrong_place
        ));
    }
    if m.glossary_share > BEFORE_GLOSSARY_SHARE {
        worse.push(format!(
            "glossary share {:.3} > before {BEFORE_GLOSSARY_SHARE}",
            m.glossary_share
        ));
    }
    if m.not_violations > BEFORE_NOT_VIOLATIONS {
        worse.push(format!(
            "not violations {} > before {BEFORE_NOT_VIOLATIONS}",
            m.not_violations
        ));
    }
    if m.judged_all_folded > BEFORE_JUDGED_ALL_FOLDED {
        worse.push(format!(
            "judged questions with every result folded {} > before {BEFORE_JUDGED_ALL_FOLDED}",
            m.judged_all_folded
        ));
    }
    let better = m.recall >= BEFORE_RECALL_AT_3 + 0.001
        || m.precision >= BEFORE_PRECISION_AT_3 + 0.001
        || fewer(m.wrong_age, BEFORE_WRONG_AGE)
        || fewer(m.wrong_place, BEFORE_WRONG_PLACE)
        || m.glossary_share <= BEFORE_GLOSSARY_SHARE - 0.001
        || fewer(m.not_violations, BEFORE_NOT_VIOLATIONS)
        || fewer(m.judged_all_folded, BEFORE_JUDGED_ALL_FOLDED);
    if better && worse.is_empty() {
        println!(
            "ratchet: better than the before numbers; raise the BEFORE_ constants to keep the gain"
        );
    }
    assert!(
        worse.is_empty(),
        "the family suite got worse than the recorded before numbers: {}",
        worse.join("; ")
    );

    // The targets.
    let mut below = Vec::new();
    if m.recall < MIN_RECALL_AT_3 {
        below.push(format!("recall@3 {:.3} < {MIN_RECALL_AT_3}", m.recall));
    }
    if m.precision < MIN_PRECISION_AT_3 {
        below.push(format!(
            "precision@3 {:.3} < {MIN_PRECISION_AT_3}",
            m.precision
        ));
    }
    if !at_most(m.wrong_age, MAX_WRONG_AGE) {
        below.push(format!("wrong age {} > {MAX_WRONG_AGE}", m.wrong_age));
    }
    if m.glossary_share > MAX_GLOSSARY_SHARE {
        below.push(format!(
            "glossary share {:.3} > {MAX_GLOSSARY_SHARE}",
            m.glossary_share
        ));
    }
    assert!(
        below.is_empty(),
        "the family suite misses the issue's targets: {}",
        below.join("; ")
    );
}

#[test]
fn malformed_lines_are_named() {
    let cases = [
        ("a question with no arrow", "missing \"=>\""),
        (" => must: sendiass", "empty question"),
        ("q => ok: sendiass", "no must ids"),
        ("q => must: sendiass | none", "cannot have must ids"),
        ("q => must: a, b, c, d", "at most 3"),
        ("q => must: a | age: nine", "not a whole number"),
        ("q => must: a | age: 30", "outside 0–25"),
        ("q => must: a | area: countywide", "not countywide"),
        ("q => must: a | colour: red", "unknown field"),
        ("q => must: a | must: b", "given twice"),
        ("q => must: a | not: a", "listed twice"),
        ("q => must: a | define: yes", "takes no value"),
        ("q => must: a | ok:", "with no ids"),
        ("q => must: a | ok", "needs a value"),
    ];
    for (line, expected) in cases {
        let text = format!("# theme: test\nfine => must: sendiass\n{line}\n");
        let err = parse(&text).expect_err(line);
        assert!(
            err.starts_with("family.txt:3: ") && err.contains(expected),
            "{line:?} gave {err:?}, expected line 3 and {expected:?}"
        );
    }
    let dup = parse("q => must: a\nQ => must: b\n").expect_err("a repeated question");
    assert!(
        dup.starts_with("family.txt:2: ") && dup.contains("line 1"),
        "{dup}"
    );

    let questions = parse("# theme: t\nq => must: sendiass, nobody | age: 9 | area: redditch\n")
        .expect("a good line parses");
    let known: HashSet<String> = ["sendiass".to_string()].into_iter().collect();
    let err = check_ids(&questions, &known).expect_err("unknown id");
    assert_eq!(err, "family.txt:2: unknown id nobody");
    assert_eq!(questions[0].theme, "t");
    assert_eq!(questions[0].age, Some(9));
    assert_eq!(questions[0].area.as_deref(), Some("redditch"));
}

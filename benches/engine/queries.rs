//! The benchmark's queries: a fixed list of what families type, and random one-edit typos.

use super::synth::Rng;

/// One fixed query.
#[derive(Debug, Clone, Copy)]
pub struct Query {
    pub text: &'static str,
    /// A misspelt query: timed as a whole as well as keystroke by keystroke.
    pub typo: bool,
    /// For a typo: the word the family meant, which a good result names.
    pub meant: &'static str,
}

const fn plain(text: &'static str) -> Query {
    Query {
        text,
        typo: false,
        meant: "",
    }
}

const fn typo(text: &'static str, meant: &'static str) -> Query {
    Query {
        text,
        typo: true,
        meant,
    }
}

/// Plain words, multi-word queries, places, acronyms and typos.
pub const QUERIES: &[Query] = &[
    plain("autism"),
    plain("autism assessment"),
    plain("speech therapy"),
    plain("speech and language therapy"),
    plain("short breaks"),
    plain("mental health"),
    plain("wheelchair"),
    plain("sensory"),
    plain("respite"),
    plain("tribunal"),
    plain("nursery"),
    plain("anxiety"),
    plain("eating disorder"),
    plain("parent carer forum"),
    plain("supported internship"),
    plain("occupational therapy"),
    plain("community paediatrics"),
    plain("help for my autistic son waiting for an assessment"),
    plain("short breaks kidderminster"),
    plain("autism support redditch"),
    plain("malvern nursery"),
    plain("bromsgrove speech"),
    plain("evesham youth club"),
    plain("droitwich sensory"),
    plain("EHCP"),
    plain("CAMHS"),
    plain("SENCO"),
    plain("SALT"),
    plain("SEMH"),
    plain("what is an ehcp"),
    typo("autsim", "autism"),
    typo("chams", "camhs"),
    typo("physio therapy", "physiotherapy"),
    typo("short brakes kidderminster", "breaks"),
    typo("speach therapy", "speech"),
    typo("ocupational", "occupational"),
    typo("wheelchiar", "wheelchair"),
    typo("respit", "respite"),
    typo("anxeity", "anxiety"),
    typo("tribunel", "tribunal"),
    typo("senco appeel", "appeal"),
    typo("ehpc", "ehcp"),
    typo("dyslexcia", "dyslexia"),
    typo("councelling", "counselling"),
    typo("audiolgy", "audiology"),
    typo("austim assesment", "assessment"),
];

/// Applies one random edit (swap of neighbours, deletion, insertion or substitution) to a
/// lower-case word. Returns the typo and the edit's name; the typo always differs from `word`.
pub fn one_edit(word: &str, rng: &mut Rng) -> (String, &'static str) {
    let chars: Vec<char> = word.chars().collect();
    let letter = |rng: &mut Rng| (b'a' + rng.below(26) as u8) as char;
    for _ in 0..32 {
        let mut c = chars.clone();
        let kind = match rng.below(4) {
            0 => {
                let i = rng.below(c.len() - 1);
                c.swap(i, i + 1);
                "swap"
            }
            1 => {
                c.remove(rng.below(c.len()));
                "delete"
            }
            2 => {
                let at = rng.below(c.len() + 1);
                c.insert(at, letter(rng));
                "insert"
            }
            _ => {
                let i = rng.below(c.len());
                c[i] = letter(rng);
                "substitute"
            }
        };
        let typo: String = c.into_iter().collect();
        if typo != word {
            return (typo, kind);
        }
    }
    (format!("{word}x"), "insert")
}

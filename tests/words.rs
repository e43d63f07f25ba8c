//! Word boundaries in the scripts families in an English county write in: each language's words
//! come out whole, through the same tokenizer the index and the search use.

use local_offer_search::text::tokenize;
use local_offer_search::words::words;

fn w(text: &str) -> Vec<&str> {
    words(text).map(|r| &text[r]).collect()
}

#[test]
fn words_in_many_scripts_stay_whole() {
    let cases: &[(&str, &[&str])] = &[
        // Hindi: vowel signs and the virama belong to the word.
        ("बच्चों की मदद", &["बच्चों", "की", "मदद"]),
        // Tamil and Bengali: combining vowel signs.
        ("குழந்தைகளுக்கு உதவி", &["குழந்தைகளுக்கு", "உதவி"]),
        ("শিশুদের সাহায্য", &["শিশুদের", "সাহায্য"]),
        // Urdu, right to left.
        ("بچوں کی مدد", &["بچوں", "کی", "مدد"]),
        // Chinese has no spaces: one word per ideograph, as UAX #29 says.
        ("自闭症支持", &["自", "闭", "症", "支", "持"]),
        // Polish, Romanian (comma below) and Welsh (circumflex on w and y).
        (
            "Pomoc dla dziecka z autyzmem",
            &["Pomoc", "dla", "dziecka", "z", "autyzmem"],
        ),
        (
            "Sprijin pentru copiii și familiile",
            &["Sprijin", "pentru", "copiii", "și", "familiile"],
        ),
        (
            "Cymorth i blant ag anghenion ŵyr",
            &["Cymorth", "i", "blant", "ag", "anghenion", "ŵyr"],
        ),
        // Emoji are never words; combining marks join the letter before.
        ("autism 💙 help 👍🏽", &["autism", "help"]),
        ("cafe\u{301} naïve", &["cafe\u{301}", "naïve"]),
        // Apostrophes and full stops inside words, numbers with separators.
        (
            "Dingley's www.hwsendiass.co.uk £1,000.50",
            &["Dingley's", "www.hwsendiass.co.uk", "1,000.50"],
        ),
        ("", &[]),
        ("... --- !!!", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(w(text), *want, "words of {text:?}");
    }
}

#[test]
fn tokens_of_other_scripts_are_indexable_terms() {
    // The terms are the words themselves (folded), never single code points of a word.
    let terms: Vec<String> = tokenize("बच्चों की मदद")
        .into_iter()
        .map(|t| t.term)
        .collect();
    assert!(terms.iter().any(|t| t == "बच्चों"), "{terms:?}");
    let terms: Vec<String> = tokenize("Pomoc dla dziecka ŵyr")
        .into_iter()
        .map(|t| t.term)
        .collect();
    assert!(terms.contains(&"dziecka".to_string()), "{terms:?}");
    assert!(terms.contains(&"wyr".to_string()), "{terms:?}");
}

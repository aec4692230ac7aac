//! Every language end to end: one synthetic Council document per language
//! (`tests/languages/<code>.txt`), a NOTE cover with conclusions in its annex, run through
//! [`extract`]: cover, paragraphs, operative verbs, recital, dates and footnote; detection
//! without the footer code; and the same paragraphs giving the same canonical ids in every
//! language.
//!
//! The documents follow the Council conclusions on the EU's Cybersecurity Strategy for the
//! Digital Decade (22 March 2021, 7290/21; the Danish text is `seeds/002`): paragraph 1 stresses
//! and welcomes, paragraph 2 calls on, encourages and looks forward to, paragraph 3 has the
//! Council recall in lower case after its subject, paragraph 4 has a verb of the language's own
//! kind (discontinuous or reflexive where the language has them) and the language's date forms.
//! Where the wording was checked against real Council text, the grammar file says where.

use chrono::NaiveDate;

use super::Grammar;
use super::document::{Outcome, Source, extract};
use super::language::detect;
use crate::model::{DocKind, Precision};

/// What one language's document must give.
struct Expect {
    code: &'static str,
    text: &'static str,
    label: &'static str,
    sender: &'static str,
    recipient: &'static str,
    subject: &'static str,
    recital: &'static str,
    /// Canonical ids of paragraph 4.
    fourth: &'static [&'static str],
    /// Surface, first day, last day, precision — in order, the cover's dates excluded.
    dates: &'static [(&'static str, &'static str, &'static str, Precision)],
}

/// Paragraphs 1–3, the same meaning in every language.
const SHARED: [(i64, &str); 6] = [
    (1, "STRESSES"),
    (1, "WELCOMES"),
    (2, "CALLS_ON"),
    (2, "ENCOURAGES"),
    (2, "LOOKS_FORWARD_TO"),
    (3, "RECALLS"),
];

fn run(text: &str) -> Outcome {
    let grammar = Grammar::embedded().unwrap();
    extract(text, Source { path: "t.txt", stem: "t", sha256: "" }, grammar)
}

fn day(iso: &str) -> NaiveDate {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap()
}

/// The document with its footer language codes removed: `JAI.2 LIMITE DE` → `JAI.2 LIMITE`.
fn without_footer_code(text: &str) -> String {
    text.lines()
        .map(|l| match l.strip_suffix(|c: char| c.is_ascii_uppercase()) {
            Some(rest) if l.contains("LIMITE") => {
                rest.trim_end_matches(|c: char| c.is_ascii_uppercase()).trim_end()
            }
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn check(e: &Expect) {
    let o = run(e.text);
    let x = &o.extraction;
    let code = e.code;
    assert_eq!(x.document.language, code);
    assert_eq!(x.document.kind, DocKind::Note, "{code}");
    assert_eq!(x.document.register_id.as_deref(), Some("ST-7290-2021-INIT"), "{code}");

    let h = x.note_header.as_ref().unwrap_or_else(|| panic!("{code}: no cover"));
    assert_eq!(h.label, e.label, "{code}");
    assert_eq!(h.sender.as_deref(), Some(e.sender), "{code}");
    assert_eq!(h.recipient.as_deref(), Some(e.recipient), "{code}");
    assert_eq!(h.subject.as_deref(), Some(e.subject), "{code}");

    let numbers: Vec<i64> = x.paragraphs.iter().map(|p| p.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4], "{code}");

    let verbs: Vec<(Option<i64>, &str, &str)> =
        x.operative_clauses.iter().map(|c| (c.paragraph, &*c.canonical, c.surface.as_str())).collect();
    let mut expected: Vec<(Option<i64>, &str)> = SHARED.iter().map(|&(p, id)| (Some(p), id)).collect();
    expected.extend(e.fourth.iter().map(|id| (Some(4), *id)));
    let got: Vec<(Option<i64>, &str)> = verbs.iter().map(|&(p, id, _)| (p, id)).collect();
    assert_eq!(got, expected, "{code}: {verbs:?}");
    let recall = x.operative_clauses.iter().find(|c| c.paragraph == Some(3));
    assert_eq!(recall.map(|c| c.form.as_str()), Some("subject"), "{code}");

    assert_eq!(x.recitals.len(), 1, "{code}");
    assert_eq!(&*x.recitals[0].canonical, e.recital, "{code}");

    let dates: Vec<(&str, NaiveDate, NaiveDate, Precision)> =
        x.dated_events.iter().map(|d| (d.surface.as_str(), d.date_start, d.date_end, d.precision)).collect();
    let expected: Vec<(&str, NaiveDate, NaiveDate, Precision)> =
        e.dates.iter().map(|&(s, a, b, p)| (s, day(a), day(b), p)).collect();
    assert_eq!(dates, expected, "{code}");
    assert!(e.dates.len() >= 6, "{code}: six dates at least");
    assert!(e.dates.iter().any(|d| d.1 != d.2 && d.3 == Precision::Day), "{code}: a range of days");
    assert!(e.dates.iter().any(|d| d.3 == Precision::Month), "{code}: a month");

    assert_eq!(x.footnotes.len(), 1, "{code}");
    assert_eq!(x.footnotes[0].body, "10474/17.", "{code}");
    assert!(x.footnotes[0].marker_line.is_some(), "{code}: footnote marker");

    // Without the footer code the language comes from the words.
    let bare = without_footer_code(e.text);
    assert!(!bare.contains(&format!("LIMITE {}", code.to_uppercase())), "{code}");
    let lexicons = Grammar::embedded().unwrap().lexicons;
    assert_eq!(detect(&bare, None, lexicons).map(|(l, _)| l.code.as_str()), Some(code));
    assert_eq!(run(&bare).extraction.document.language, code);
}

use Precision::{Day, Month, Year};

#[test]
fn english() {
    check(&Expect {
        code: "en",
        text: include_str!("../../tests/languages/en.txt"),
        label: "NOTE",
        sender: "General Secretariat of the Council",
        recipient: "Delegations",
        subject: "Council conclusions on the EU's Cybersecurity Strategy for the Digital Decade – Approval",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF"],
        dates: &[
            ("22 March 2021", "2021-03-22", "2021-03-22", Day),
            ("20 June 2019", "2019-06-20", "2019-06-20", Day),
            ("16 December 2020", "2020-12-16", "2020-12-16", Day),
            ("1-2 October 2020", "2020-10-01", "2020-10-02", Day),
            ("2021-2027", "2021-01-01", "2027-12-31", Year),
            ("October 2020", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

// ---- generated per-language tests ----

#[test]
fn danish() {
    check(&Expect {
        code: "da",
        text: include_str!("../../tests/languages/da.txt"),
        label: "NOTE",
        sender: "Generalsekretariatet for Rådet",
        recipient: "Delegationerne",
        subject: "Rådets konklusioner om EU's strategi for cybersikkerhed for det digitale årti – Godkendelse",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22. marts 2021", "2021-03-22", "2021-03-22", Day),
            ("20. juni 2019", "2019-06-20", "2019-06-20", Day),
            ("16. december 2020", "2020-12-16", "2020-12-16", Day),
            ("1.-2. oktober 2020", "2020-10-01", "2020-10-02", Day),
            ("2021-2027", "2021-01-01", "2027-12-31", Year),
            ("oktober 2020", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn german() {
    check(&Expect {
        code: "de",
        text: include_str!("../../tests/languages/de.txt"),
        label: "VERMERK",
        sender: "Generalsekretariat des Rates",
        recipient: "Delegationen",
        subject: "Schlussfolgerungen des Rates zur Cybersicherheitsstrategie der EU für die digitale Dekade – Billigung",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22. März 2021", "2021-03-22", "2021-03-22", Day),
            ("20. Juni 2019", "2019-06-20", "2019-06-20", Day),
            ("16. Dezember 2020", "2020-12-16", "2020-12-16", Day),
            ("1./2. Oktober 2020", "2020-10-01", "2020-10-02", Day),
            ("2021–2027", "2021-01-01", "2027-12-31", Year),
            ("Oktober 2020", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn french() {
    check(&Expect {
        code: "fr",
        text: include_str!("../../tests/languages/fr.txt"),
        label: "NOTE",
        sender: "Secrétariat général du Conseil",
        recipient: "Délégations",
        subject: "Conclusions du Conseil sur la stratégie de cybersécurité de l'UE pour la décennie numérique – Approbation",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22 mars 2021", "2021-03-22", "2021-03-22", Day),
            ("20 juin 2019", "2019-06-20", "2019-06-20", Day),
            ("16 décembre 2020", "2020-12-16", "2020-12-16", Day),
            ("1er et 2 octobre 2020", "2020-10-01", "2020-10-02", Day),
            ("2021-2027", "2021-01-01", "2027-12-31", Year),
            ("octobre 2020", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn spanish() {
    check(&Expect {
        code: "es",
        text: include_str!("../../tests/languages/es.txt"),
        label: "NOTA",
        sender: "Secretaría General del Consejo",
        recipient: "Delegaciones",
        subject: "Conclusiones del Consejo sobre la Estrategia de Ciberseguridad de la UE para la Década Digital – Aprobación",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22 de marzo de 2021", "2021-03-22", "2021-03-22", Day),
            ("20 de junio de 2019", "2019-06-20", "2019-06-20", Day),
            ("16 de diciembre de 2020", "2020-12-16", "2020-12-16", Day),
            ("1 y 2 de octubre de 2020", "2020-10-01", "2020-10-02", Day),
            ("2021-2027", "2021-01-01", "2027-12-31", Year),
            ("octubre de 2020", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn italian() {
    check(&Expect {
        code: "it",
        text: include_str!("../../tests/languages/it.txt"),
        label: "NOTA",
        sender: "Segretariato generale del Consiglio",
        recipient: "Delegazioni",
        subject: "Conclusioni del Consiglio sulla strategia dell'UE in materia di cibersicurezza per il decennio digitale – Approvazione",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22 marzo 2021", "2021-03-22", "2021-03-22", Day),
            ("20 giugno 2019", "2019-06-20", "2019-06-20", Day),
            ("16 dicembre 2020", "2020-12-16", "2020-12-16", Day),
            ("1 e 2 ottobre 2020", "2020-10-01", "2020-10-02", Day),
            ("2021-2027", "2021-01-01", "2027-12-31", Year),
            ("ottobre 2020", "2020-10-01", "2020-10-31", Month),
            ("11 marzo 2021", "2021-03-11", "2021-03-11", Day),
        ],
    });
}

#[test]
fn portuguese() {
    check(&Expect {
        code: "pt",
        text: include_str!("../../tests/languages/pt.txt"),
        label: "NOTA",
        sender: "Secretariado-Geral do Conselho",
        recipient: "Delegações",
        subject: "Conclusões do Conselho sobre a Estratégia de Cibersegurança da UE para a Década Digital – Aprovação",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22 de março de 2021", "2021-03-22", "2021-03-22", Day),
            ("20 de junho de 2019", "2019-06-20", "2019-06-20", Day),
            ("16 de dezembro de 2020", "2020-12-16", "2020-12-16", Day),
            ("1 e 2 de outubro de 2020", "2020-10-01", "2020-10-02", Day),
            ("19/20 de Junho de 2008", "2008-06-19", "2008-06-20", Day),
            ("2021-2027", "2021-01-01", "2027-12-31", Year),
            ("outubro de 2020", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn dutch() {
    check(&Expect {
        code: "nl",
        text: include_str!("../../tests/languages/nl.txt"),
        label: "NOTA",
        sender: "secretariaat-generaal van de Raad",
        recipient: "delegaties",
        subject: "Conclusies van de Raad over de cyberbeveiligingsstrategie van de EU voor het digitale decennium – Goedkeuring",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO", "SUPPORTS", "RECOGNISES"],
        dates: &[
            ("22 maart 2021", "2021-03-22", "2021-03-22", Day),
            ("20 juni 2019", "2019-06-20", "2019-06-20", Day),
            ("16 december 2020", "2020-12-16", "2020-12-16", Day),
            ("1 en 2 oktober 2020", "2020-10-01", "2020-10-02", Day),
            ("2021-2027", "2021-01-01", "2027-12-31", Year),
            ("oktober 2020", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn swedish() {
    check(&Expect {
        code: "sv",
        text: include_str!("../../tests/languages/sv.txt"),
        label: "NOT",
        sender: "Rådets generalsekretariat",
        recipient: "Delegationerna",
        subject: "Rådets slutsatser om EU:s strategi för cybersäkerhet för det digitala decenniet – Godkännande",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22 mars 2021", "2021-03-22", "2021-03-22", Day),
            ("20 juni 2019", "2019-06-20", "2019-06-20", Day),
            ("16 december 2020", "2020-12-16", "2020-12-16", Day),
            ("1–2 oktober 2020", "2020-10-01", "2020-10-02", Day),
            ("2021–2027", "2021-01-01", "2027-12-31", Year),
            ("oktober 2020", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn finnish() {
    check(&Expect {
        code: "fi",
        text: include_str!("../../tests/languages/fi.txt"),
        label: "ILMOITUS",
        sender: "Neuvoston pääsihteeristö",
        recipient: "Valtuuskunnat",
        subject: "Neuvoston päätelmät EU:n digitaalisen vuosikymmenen kyberturvallisuusstrategiasta – Hyväksyminen",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22. maaliskuuta 2021", "2021-03-22", "2021-03-22", Day),
            ("20. kesäkuuta 2019", "2019-06-20", "2019-06-20", Day),
            ("16. joulukuuta 2020", "2020-12-16", "2020-12-16", Day),
            ("1.–2. lokakuuta 2020", "2020-10-01", "2020-10-02", Day),
            ("2021–2027", "2021-01-01", "2027-12-31", Year),
            ("lokakuun 2020", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn estonian() {
    check(&Expect {
        code: "et",
        text: include_str!("../../tests/languages/et.txt"),
        label: "MÄRKUS",
        sender: "Nõukogu peasekretariaat",
        recipient: "Delegatsioonid",
        subject: "Nõukogu järeldused ELi digikümnendi küberjulgeolekustrateegia kohta – Heakskiitmine",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22. märtsi 2021. aasta", "2021-03-22", "2021-03-22", Day),
            ("20. juuni 2019. aasta", "2019-06-20", "2019-06-20", Day),
            ("16. detsembri 2020. aasta", "2020-12-16", "2020-12-16", Day),
            ("1.–2. oktoobri 2020. aasta", "2020-10-01", "2020-10-02", Day),
            ("2021–2027", "2021-01-01", "2027-12-31", Year),
            ("oktoobrist 2020", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn latvian() {
    check(&Expect {
        code: "lv",
        text: include_str!("../../tests/languages/lv.txt"),
        label: "PIEZĪME",
        sender: "Padomes Ģenerālsekretariāts",
        recipient: "Delegācijas",
        subject: "Padomes secinājumi par ES kiberdrošības stratēģiju digitālajai desmitgadei – Apstiprināšana",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("2021. gada 22. martā", "2021-03-22", "2021-03-22", Day),
            ("2019. gada 20. jūnija", "2019-06-20", "2019-06-20", Day),
            ("2020. gada 16. decembra", "2020-12-16", "2020-12-16", Day),
            ("2020. gada 1. un 2. oktobra", "2020-10-01", "2020-10-02", Day),
            ("2021.–2027. gadam", "2021-01-01", "2027-12-31", Year),
            ("2020. gada oktobra", "2020-10-01", "2020-10-31", Month),
            ("2020. gada 19. februāra", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn lithuanian() {
    check(&Expect {
        code: "lt",
        text: include_str!("../../tests/languages/lt.txt"),
        label: "PRANEŠIMAS",
        sender: "Generalinis sekretoriatas",
        recipient: "Delegacijos",
        subject: "Tarybos išvados dėl skaitmeninio dešimtmečio ES kibernetinio saugumo strategijos – Patvirtinimas",
        recital: "RECALLING",
        fourth: &["POINTS_OUT", "COMMITS_TO"],
        dates: &[
            ("2021 m. kovo 22 d.", "2021-03-22", "2021-03-22", Day),
            ("2019 m. birželio 20 d.", "2019-06-20", "2019-06-20", Day),
            ("2020 m. gruodžio 16 d.", "2020-12-16", "2020-12-16", Day),
            ("2020 m. spalio 1–2 d.", "2020-10-01", "2020-10-02", Day),
            ("2021–2027 m.", "2021-01-01", "2027-12-31", Year),
            ("2020 m. spalio", "2020-10-01", "2020-10-31", Month),
            ("2020 m. vasario 19 d.", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn polish() {
    check(&Expect {
        code: "pl",
        text: include_str!("../../tests/languages/pl.txt"),
        label: "NOTA",
        sender: "Sekretariat Generalny Rady",
        recipient: "Delegacje",
        subject: "Konkluzje Rady w sprawie unijnej strategii cyberbezpieczeństwa na cyfrową dekadę – Zatwierdzenie",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22 marca 2021 r.", "2021-03-22", "2021-03-22", Day),
            ("20 czerwca 2019 r.", "2019-06-20", "2019-06-20", Day),
            ("16 grudnia 2020 r.", "2020-12-16", "2020-12-16", Day),
            ("1 i 2 października 2020 r.", "2020-10-01", "2020-10-02", Day),
            ("2021–2027", "2021-01-01", "2027-12-31", Year),
            ("października 2020 r.", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn czech() {
    check(&Expect {
        code: "cs",
        text: include_str!("../../tests/languages/cs.txt"),
        label: "POZNÁMKA",
        sender: "Generální sekretariát Rady",
        recipient: "Delegace",
        subject: "Závěry Rady o strategii EU pro kybernetickou bezpečnost pro digitální dekádu – Schválení",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22. března 2021", "2021-03-22", "2021-03-22", Day),
            ("20. června 2019", "2019-06-20", "2019-06-20", Day),
            ("16. prosince 2020", "2020-12-16", "2020-12-16", Day),
            ("1. a 2. října 2020", "2020-10-01", "2020-10-02", Day),
            ("2021–2027", "2021-01-01", "2027-12-31", Year),
            ("října 2020", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn slovak() {
    check(&Expect {
        code: "sk",
        text: include_str!("../../tests/languages/sk.txt"),
        label: "POZNÁMKA",
        sender: "Generálny sekretariát Rady",
        recipient: "Delegácie",
        subject: "Závery Rady o stratégii EÚ v oblasti kybernetickej bezpečnosti pre digitálne desaťročie – Schválenie",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22. marca 2021", "2021-03-22", "2021-03-22", Day),
            ("20. júna 2019", "2019-06-20", "2019-06-20", Day),
            ("16. decembra 2020", "2020-12-16", "2020-12-16", Day),
            ("1. a 2. októbra 2020", "2020-10-01", "2020-10-02", Day),
            ("2021 – 2027", "2021-01-01", "2027-12-31", Year),
            ("októbra 2020", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn hungarian() {
    check(&Expect {
        code: "hu",
        text: include_str!("../../tests/languages/hu.txt"),
        label: "FELJEGYZÉS",
        sender: "a Tanács Főtitkársága",
        recipient: "a delegációk",
        subject: "A Tanács következtetései az EU digitális évtizedre szóló kiberbiztonsági stratégiájáról – Jóváhagyás",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("2021. március 22-i", "2021-03-22", "2021-03-22", Day),
            ("2019. június 20-i", "2019-06-20", "2019-06-20", Day),
            ("2020. december 16-i", "2020-12-16", "2020-12-16", Day),
            ("2020. október 1–2-i", "2020-10-01", "2020-10-02", Day),
            ("2021–2027", "2021-01-01", "2027-12-31", Year),
            ("2020 októberében", "2020-10-01", "2020-10-31", Month),
            ("2020. február 19-i", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn croatian() {
    check(&Expect {
        code: "hr",
        text: include_str!("../../tests/languages/hr.txt"),
        label: "BILJEŠKA",
        sender: "Glavno tajništvo Vijeća",
        recipient: "Delegacije",
        subject: "Zaključci Vijeća o Strategiji EU-a za kibersigurnost za digitalno desetljeće – Odobrenje",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22. ožujka 2021.", "2021-03-22", "2021-03-22", Day),
            ("20. lipnja 2019.", "2019-06-20", "2019-06-20", Day),
            ("16. prosinca 2020.", "2020-12-16", "2020-12-16", Day),
            ("1. i 2. listopada 2020.", "2020-10-01", "2020-10-02", Day),
            ("2021. – 2027.", "2021-01-01", "2027-12-31", Year),
            ("listopada 2020.", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn romanian() {
    check(&Expect {
        code: "ro",
        text: include_str!("../../tests/languages/ro.txt"),
        label: "NOTĂ",
        sender: "Secretariatul General al Consiliului",
        recipient: "Delegațiile",
        subject: "Concluziile Consiliului privind Strategia de securitate cibernetică a UE pentru deceniul digital – Aprobare",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22 martie 2021", "2021-03-22", "2021-03-22", Day),
            ("20 iunie 2019", "2019-06-20", "2019-06-20", Day),
            ("16 decembrie 2020", "2020-12-16", "2020-12-16", Day),
            ("1 şi 2 octombrie 2020", "2020-10-01", "2020-10-02", Day),
            ("2021-2027", "2021-01-01", "2027-12-31", Year),
            ("octombrie 2020", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn bulgarian() {
    check(&Expect {
        code: "bg",
        text: include_str!("../../tests/languages/bg.txt"),
        label: "БЕЛЕЖКА",
        sender: "Генералния секретариат на Съвета",
        recipient: "Делегациите",
        subject: "Заключения на Съвета относно Стратегията на ЕС за киберсигурност за цифровото десетилетие – Одобрение",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22 март 2021 г.", "2021-03-22", "2021-03-22", Day),
            ("20 юни 2019 г.", "2019-06-20", "2019-06-20", Day),
            ("16 декември 2020 г.", "2020-12-16", "2020-12-16", Day),
            ("1 и 2 октомври 2020 г.", "2020-10-01", "2020-10-02", Day),
            ("2021—2027 г.", "2021-01-01", "2027-12-31", Year),
            ("октомври 2020 г.", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn greek() {
    check(&Expect {
        code: "el",
        text: include_str!("../../tests/languages/el.txt"),
        label: "ΣΗΜΕΙΩΜΑ",
        sender: "Γενική Γραμματεία του Συμβουλίου",
        recipient: "Αντιπροσωπίες",
        subject: "Συμπεράσματα του Συμβουλίου σχετικά με τη στρατηγική της ΕΕ για την κυβερνοασφάλεια για την ψηφιακή δεκαετία – Έγκριση",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22ας Μαρτίου 2021", "2021-03-22", "2021-03-22", Day),
            ("20ής Ιουνίου 2019", "2019-06-20", "2019-06-20", Day),
            ("16ης Δεκεμβρίου 2020", "2020-12-16", "2020-12-16", Day),
            ("1ης και 2ας Οκτωβρίου 2020", "2020-10-01", "2020-10-02", Day),
            ("2021-2027", "2021-01-01", "2027-12-31", Year),
            ("Οκτώβριο του 2020", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn maltese() {
    check(&Expect {
        code: "mt",
        text: include_str!("../../tests/languages/mt.txt"),
        label: "NOTA",
        sender: "Is-Segretarjat Ġenerali tal-Kunsill",
        recipient: "Delegazzjonijiet",
        subject: "Konklużjonijiet tal-Kunsill dwar l-Istrateġija tal-UE għaċ-Ċibersigurtà għad-Deċennju Diġitali – Approvazzjoni",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22 ta' Marzu 2021", "2021-03-22", "2021-03-22", Day),
            ("20 ta' Ġunju 2019", "2019-06-20", "2019-06-20", Day),
            ("16 ta' Diċembru 2020", "2020-12-16", "2020-12-16", Day),
            ("1 u t-2 ta' Ottubru 2020", "2020-10-01", "2020-10-02", Day),
            ("2021-2027", "2021-01-01", "2027-12-31", Year),
            ("Ottubru 2020", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn irish() {
    check(&Expect {
        code: "ga",
        text: include_str!("../../tests/languages/ga.txt"),
        label: "NÓTA",
        sender: "Ardrúnaíocht na Comhairle",
        recipient: "Toscaireachtaí",
        subject: "Conclúidí ón gComhairle maidir le Straitéis Chibearshlándála an Aontais don Deich mBliana Digiteach – Formheas",
        recital: "RECALLING",
        fourth: &["NOTES", "COMMITS_TO"],
        dates: &[
            ("22 Márta 2021", "2021-03-22", "2021-03-22", Day),
            ("20 Meitheamh 2019", "2019-06-20", "2019-06-20", Day),
            ("16 Nollaig 2020", "2020-12-16", "2020-12-16", Day),
            ("1-2 Deireadh Fómhair 2020", "2020-10-01", "2020-10-02", Day),
            ("2021-2027", "2021-01-01", "2027-12-31", Year),
            ("Dheireadh Fómhair 2020", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

#[test]
fn slovenian() {
    check(&Expect {
        code: "sl",
        text: include_str!("../../tests/languages/sl.txt"),
        label: "DOPIS",
        sender: "Generalni sekretariat Sveta",
        recipient: "Delegacije",
        subject: "Sklepi Sveta o strategiji EU za kibernetsko varnost za digitalno desetletje – odobritev",
        recital: "RECALLING",
        fourth: &["TAKES_NOTE_OF", "COMMITS_TO"],
        dates: &[
            ("22. marca 2021", "2021-03-22", "2021-03-22", Day),
            ("20. junija 2019", "2019-06-20", "2019-06-20", Day),
            ("16. decembra 2020", "2020-12-16", "2020-12-16", Day),
            ("1. in 2. oktobra 2020", "2020-10-01", "2020-10-02", Day),
            ("2021–2027", "2021-01-01", "2027-12-31", Year),
            ("oktobra 2020", "2020-10-01", "2020-10-31", Month),
            ("19.2.2020", "2020-02-19", "2020-02-19", Day),
        ],
    });
}

// ---- across languages ----

const ALL: [&str; 24] = [
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv", "mt",
    "nl", "pl", "pt", "ro", "sk", "sl", "sv",
];

fn document(code: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/languages/{code}.txt"));
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn the_same_paragraphs_carry_the_same_canonical_ids_in_every_language() {
    let expected: Vec<(Option<i64>, &str)> = SHARED.iter().map(|&(p, id)| (Some(p), id)).collect();
    for code in ALL {
        let o = run(&document(code));
        let got: Vec<(Option<i64>, &str)> = o
            .extraction
            .operative_clauses
            .iter()
            .filter(|c| c.paragraph.is_some_and(|p| p <= 3))
            .map(|c| (c.paragraph, &*c.canonical))
            .collect();
        assert_eq!(got, expected, "{code}");
        assert_eq!(o.extraction.recitals.first().map(|r| &*r.canonical), Some("RECALLING"), "{code}");
    }
}

#[test]
fn detection_by_words_on_a_sentence_per_language() {
    // One sentence of running text each, no footer: closely related languages (cs/sk, hr/sl,
    // da/sv, es/pt/it, lv/lt, fi/et) must be told apart.
    let sentences = [
        (
            "bg",
            "Съветът подчертава, че киберсигурността е от съществено значение за изграждането на устойчива Европа и приканва Комисията да представи предложение.",
        ),
        (
            "cs",
            "Rada zdůrazňuje, že kybernetická bezpečnost je nezbytná pro budování odolné Evropy, a vyzývá Komisi, aby předložila návrh, který bude také zohledňovat potřeby členských států.",
        ),
        (
            "sk",
            "Rada zdôrazňuje, že kybernetická bezpečnosť je nevyhnutná na budovanie odolnej Európy, a vyzýva Komisiu, aby predložila návrh, ktorý bude tiež zohľadňovať potreby členských štátov.",
        ),
        (
            "da",
            "Rådet understreger, at cybersikkerhed er afgørende for opbygningen af et modstandsdygtigt Europa, og opfordrer Kommissionen til at fremlægge et forslag.",
        ),
        (
            "sv",
            "Rådet betonar att cybersäkerhet är avgörande för att bygga ett motståndskraftigt Europa och uppmanar kommissionen att lägga fram ett förslag som också är förenligt med detta.",
        ),
        (
            "de",
            "Der Rat betont, dass die Cybersicherheit für den Aufbau eines resilienten Europas unerlässlich ist, und fordert die Kommission auf, einen Vorschlag vorzulegen.",
        ),
        (
            "el",
            "Το Συμβούλιο τονίζει ότι η κυβερνοασφάλεια είναι ουσιώδης για την οικοδόμηση μιας ανθεκτικής Ευρώπης και καλεί την Επιτροπή να υποβάλει πρόταση.",
        ),
        (
            "en",
            "The Council stresses that cybersecurity is essential for building a resilient Europe and calls on the Commission to present a proposal.",
        ),
        (
            "es",
            "El Consejo subraya que la ciberseguridad es esencial para construir una Europa resiliente y pide a la Comisión que presente una propuesta sobre este tema.",
        ),
        (
            "pt",
            "O Conselho salienta que a cibersegurança é essencial para construir uma Europa resiliente e convida a Comissão a apresentar uma proposta sobre esta questão.",
        ),
        (
            "it",
            "Il Consiglio sottolinea che la cibersicurezza è essenziale per costruire un'Europa resiliente e invita la Commissione a presentare una proposta nella quale si tenga conto delle esigenze degli Stati membri.",
        ),
        (
            "fr",
            "Le Conseil souligne que la cybersécurité est essentielle pour bâtir une Europe résiliente et invite la Commission à présenter une proposition dans ce domaine.",
        ),
        (
            "et",
            "Nõukogu rõhutab, et küberturvalisus on vastupanuvõimelise Euroopa ülesehitamisel hädavajalik, ning palub komisjonil esitada ettepaneku, mis võtab arvesse ka liikmesriikide vajadusi.",
        ),
        (
            "fi",
            "Neuvosto korostaa, että kyberturvallisuus on olennaisen tärkeää kestävän Euroopan rakentamisessa, ja kehottaa komissiota esittämään ehdotuksen, joka ottaa myös huomioon jäsenvaltioiden tarpeet.",
        ),
        (
            "ga",
            "Leagann an Chomhairle béim ar a riachtanaí atá an chibearshlándáil agus iarrann sí ar an gCoimisiún togra a chur faoi bhráid na Comhairle maidir leis an ábhar sin.",
        ),
        (
            "hr",
            "Vijeće naglašava da je kibersigurnost ključna za izgradnju otporne Europe i poziva Komisiju da podnese prijedlog koji će također uzeti u obzir potrebe država članica.",
        ),
        (
            "sl",
            "Svet poudarja, da je kibernetska varnost bistvena za izgradnjo odporne Evrope, in poziva Komisijo, naj predloži predlog, ki bo tudi upošteval potrebe držav članic.",
        ),
        (
            "hu",
            "A Tanács hangsúlyozza, hogy a kiberbiztonság elengedhetetlen egy reziliens Európa kiépítéséhez, és felkéri a Bizottságot, hogy terjesszen elő javaslatot.",
        ),
        (
            "lt",
            "Taryba pabrėžia, kad kibernetinis saugumas yra labai svarbus kuriant atsparią Europą, ir prašo Komisijos pateikti pasiūlymą dėl šio klausimo.",
        ),
        (
            "lv",
            "Padome uzsver, ka kiberdrošība ir būtiska, lai veidotu noturīgu Eiropu, un aicina Komisiju iesniegt priekšlikumu par šo jautājumu.",
        ),
        (
            "mt",
            "Il-Kunsill jenfasizza li ċ-ċibersigurtà hija essenzjali għall-bini ta' Ewropa reżiljenti u jistieden lill-Kummissjoni biex tippreżenta proposta dwar din il-kwistjoni.",
        ),
        (
            "nl",
            "De Raad benadrukt dat cyberbeveiliging essentieel is voor de opbouw van een veerkrachtig Europa en verzoekt de Commissie een voorstel in te dienen.",
        ),
        (
            "pl",
            "Rada podkreśla, że cyberbezpieczeństwo ma zasadnicze znaczenie dla budowania odpornej Europy, i zwraca się do Komisji o przedstawienie wniosku w tej sprawie.",
        ),
        (
            "ro",
            "Consiliul subliniază că securitatea cibernetică este esențială pentru construirea unei Europe reziliente și invită Comisia să prezinte o propunere în acest sens.",
        ),
    ];
    let lexicons = Grammar::embedded().unwrap().lexicons;
    for (code, sentence) in sentences {
        assert_eq!(detect(sentence, None, lexicons).map(|(l, _)| l.code.as_str()), Some(code), "{sentence}");
    }
}

#[test]
fn the_footer_code_decides_over_the_words() {
    // A Danish text with a German footer is German: the footer names the language version.
    let text = document("da").replace("LIMITE DA", "LIMITE DE");
    assert_eq!(run(&text).extraction.document.language, "de");
    let text = document("de");
    assert!(text.contains("ANLAGE JAI.2 LIMITE DE"));
    assert_eq!(run(&text).extraction.document.language, "de");
}

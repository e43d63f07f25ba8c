//! A synthetic Local Offer for the benchmark: deterministic records drawn from a fixed
//! SEND-domain vocabulary, a fixed glossary of 40 acronyms, and a small JSON writer for the
//! size comparison.
//!
//! Every list is ordered roughly most-common-first, and words are drawn with a skew towards the
//! head of each list, so a few words ("support", "autism", "school") are everywhere and most are
//! rare, as in a real directory.

use local_offer_search::model::{
    Access, Area, Cost, Kind, Need, ProvisionType, Record, Status, WaitingFor,
};

/// SplitMix64: tiny, fast, good enough for test data, and the same on every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Any item, uniformly.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// An item skewed towards the head of the list: half the draws come from its first
    /// quarter.
    pub fn skewed<T: Copy>(&mut self, items: &[T]) -> T {
        let u = self.unit();
        let i = ((u * u) * items.len() as f64) as usize;
        items[i.min(items.len() - 1)]
    }
}

/// The synthetic council's six areas (codes 0–5) and their keys.
const AREAS: [Area; 6] = [Area(0), Area(1), Area(2), Area(3), Area(4), Area(5)];
const AREA_KEYS: [&str; 6] = [
    "bromsgrove",
    "malvern_hills",
    "redditch",
    "worcester",
    "wychavon",
    "wyre_forest",
];

/// The council the synthetic records are for (its areas are [`AREA_KEYS`]).
pub fn council() -> local_offer_search::council::Council {
    local_offer_search::council::Council {
        name: "Worcestershire".into(),
        areas: AREA_KEYS
            .iter()
            .map(|k| local_offer_search::council::AreaInfo {
                key: k.to_string(),
                label: k.replace('_', " "),
                names: Vec::new(),
            })
            .collect(),
        ..Default::default()
    }
}

/// Towns and villages, with the district they are in.
const TOWNS: &[(&str, Area)] = &[
    ("Worcester", Area(3)),
    ("Kidderminster", Area(5)),
    ("Redditch", Area(2)),
    ("Bromsgrove", Area(0)),
    ("Malvern", Area(1)),
    ("Evesham", Area(4)),
    ("Droitwich", Area(4)),
    ("Pershore", Area(4)),
    ("Stourport", Area(5)),
    ("Bewdley", Area(5)),
    ("Tenbury", Area(1)),
    ("Upton", Area(1)),
    ("Rubery", Area(0)),
    ("Wythall", Area(0)),
    ("Alvechurch", Area(0)),
    ("Hagley", Area(0)),
    ("Catshill", Area(0)),
    ("Belbroughton", Area(0)),
    ("Broadway", Area(4)),
    ("Inkberrow", Area(4)),
    ("Fladbury", Area(4)),
    ("Ombersley", Area(4)),
    ("Badsey", Area(4)),
    ("Martley", Area(1)),
    ("Hallow", Area(1)),
    ("Batchley", Area(2)),
    ("Matchborough", Area(2)),
    ("Winyates", Area(2)),
    ("Warndon", Area(3)),
    ("Ronkswood", Area(3)),
    ("Cookley", Area(5)),
    ("Wolverley", Area(5)),
    ("Worcestershire", Area::WHOLE),
];

const NEEDS: &[&str] = &[
    "autism",
    "ADHD",
    "anxiety",
    "speech",
    "language",
    "communication",
    "mental health",
    "SEND",
    "complex needs",
    "learning disabilities",
    "dyslexia",
    "behaviour",
    "emotional wellbeing",
    "sensory processing",
    "SEMH",
    "physical disability",
    "hearing loss",
    "deaf",
    "visual impairment",
    "dyspraxia",
    "cerebral palsy",
    "epilepsy",
    "Down syndrome",
    "eating disorder",
    "self harm",
    "low mood",
    "depression",
    "sleep",
    "toileting",
    "continence",
    "feeding",
    "stammering",
    "selective mutism",
    "Tourette syndrome",
    "tics",
    "medical needs",
    "life-limiting conditions",
    "global developmental delay",
    "attachment",
    "trauma",
    "social anxiety",
    "school refusal",
    "autistic spectrum",
    "neurodiversity",
    "neurodivergent",
    "hypermobility",
    "diabetes",
    "asthma",
    "brain injury",
    "sight loss",
    "multi-sensory impairment",
    "moderate learning difficulties",
    "severe learning difficulties",
    "profound and multiple learning difficulties",
    "specific learning difficulties",
    "wheelchair users",
    "mobility",
    "coordination",
    "motor skills",
    "handwriting",
    "emotional regulation",
    "meltdowns",
    "sensory overload",
    "bereavement",
    "bullying",
];

const SERVICES: &[&str] = &[
    "support",
    "advice",
    "assessment",
    "therapy",
    "information",
    "short breaks",
    "drop-in",
    "speech and language therapy",
    "occupational therapy",
    "physiotherapy",
    "CAMHS",
    "EHCP",
    "respite",
    "counselling",
    "mentoring",
    "community paediatrics",
    "paediatrics",
    "diagnosis",
    "autism assessment",
    "ADHD assessment",
    "education, health and care plan",
    "annual review",
    "needs assessment",
    "tribunal",
    "appeal",
    "mediation",
    "advocacy",
    "key worker",
    "early help",
    "family support",
    "parenting course",
    "parent training",
    "workshops",
    "peer support",
    "support group",
    "helpline",
    "home visits",
    "portage",
    "social care",
    "transport",
    "travel training",
    "equipment",
    "wheelchair service",
    "adaptations",
    "personal budget",
    "direct payments",
    "short break grants",
    "holiday activities",
    "play schemes",
    "youth clubs",
    "sports sessions",
    "swimming",
    "music therapy",
    "art therapy",
    "play therapy",
    "sensory play",
    "sleep clinic",
    "continence service",
    "dietitian",
    "audiology",
    "orthoptics",
    "wheelchair clinic",
    "school nursing",
    "health visiting",
    "specialist teaching",
    "outreach",
    "inclusion support",
    "tuition",
    "home education advice",
    "alternative provision",
    "exclusion advice",
    "attendance support",
    "transition planning",
    "preparing for adulthood",
    "supported internship",
    "apprenticeship",
    "work experience",
    "employment support",
    "job coaching",
    "independent living",
    "housing advice",
    "benefits advice",
    "Disability Living Allowance",
    "carers assessment",
    "young carers support",
    "sibling support",
    "bereavement support",
    "crisis support",
    "wellbeing sessions",
    "mindfulness",
    "emotional literacy",
    "social skills groups",
    "friendship groups",
    "SALT",
    "OT",
    "physio",
    "SENCO support",
    "educational psychology",
    "Mental Health Support Teams",
    "Reach4Wellbeing",
    "online counselling",
    "text support",
    "waiting list support",
    "waiting well",
    "sensory strategies",
    "sensory circuits",
    "signposting",
    "befriending",
    "volunteering",
    "SENDIASS",
    "Local Offer",
    "Preparing for Adulthood",
    "PfA",
    "EHC needs assessment",
];

const SETTINGS: &[&str] = &[
    "school",
    "nursery",
    "college",
    "primary school",
    "secondary school",
    "special school",
    "academy",
    "SEN unit",
    "autism base",
    "resource base",
    "sixth form",
    "pre-school",
    "children's centre",
    "family hub",
    "youth centre",
    "leisure centre",
    "library",
    "playgroup",
    "holiday club",
    "after school club",
    "summer scheme",
    "respite centre",
    "pupil referral unit",
    "hospital school",
    "further education college",
    "specialist college",
    "childminder",
    "early years setting",
    "forest school",
    "care farm",
    "community centre",
    "church hall",
    "sports centre",
    "swimming pool",
    "GP surgery",
    "health centre",
    "hospital",
    "clinic",
];

const PEOPLE: &[&str] = &[
    "children",
    "young people",
    "parents",
    "carers",
    "parent carers",
    "families",
    "teenagers",
    "pupils",
    "students",
    "young adults",
    "siblings",
    "young carers",
    "babies",
    "toddlers",
    "grandparents",
    "SENCOs",
    "teachers",
    "teaching assistants",
    "educational psychologists",
    "nurses",
    "health visitors",
    "school nurses",
    "doctors",
    "GPs",
    "consultants",
    "social workers",
    "therapists",
    "volunteers",
    "practitioners",
    "professionals",
    "foster carers",
    "adoptive parents",
    "dads",
    "mums",
];

const ADJECTIVES: &[&str] = &[
    "free",
    "local",
    "specialist",
    "friendly",
    "safe",
    "confidential",
    "inclusive",
    "accessible",
    "flexible",
    "weekly",
    "monthly",
    "one-to-one",
    "small group",
    "online",
    "face to face",
    "practical",
    "relaxed",
    "quiet",
    "sensory-friendly",
    "autism-friendly",
    "low-cost",
    "impartial",
    "independent",
    "trained",
    "experienced",
    "NHS",
    "council-run",
    "charity-run",
    "community",
    "countywide",
    "evening",
    "weekend",
    "term-time",
    "holiday",
    "short",
    "long-term",
    "early",
    "urgent",
];

const TOPICS: &[&str] = &[
    "confidence",
    "independence",
    "skills",
    "life skills",
    "daily living",
    "communication skills",
    "social skills",
    "emotional health",
    "resilience",
    "routines",
    "sleep routines",
    "healthy eating",
    "exercise",
    "play",
    "sport",
    "music",
    "drama",
    "art",
    "cooking",
    "gardening",
    "outdoor activities",
    "days out",
    "friendships",
    "relationships",
    "puberty",
    "online safety",
    "money skills",
    "travel",
    "work",
    "employment",
    "training",
    "qualifications",
    "learning",
    "reading",
    "writing",
    "maths",
    "homework",
    "exams",
    "moving school",
    "starting school",
    "leaving school",
    "adult services",
    "health checks",
    "medication",
    "appointments",
    "waiting times",
    "referrals",
    "paperwork",
    "forms",
    "rights",
    "choices",
    "voice",
    "co-production",
    "feedback",
    "complaints",
];

const ORGANISATIONS: &[&str] = &[
    "Worcestershire Children First",
    "Herefordshire and Worcestershire Health and Care NHS Trust",
    "Worcestershire County Council",
    "NHS Herefordshire and Worcestershire",
    "Worcestershire Parent Carer Forum",
    "Worcestershire SENDIASS",
    "Worcestershire Acute Hospitals NHS Trust",
    "Barnardo's",
    "Mencap",
    "National Autistic Society",
    "Action for Children",
    "Family Action",
    "Onside Advocacy",
    "Autism West Midlands",
    "Sense",
    "Scope",
    "Carers Trust",
    "Worcestershire Association of Carers",
    "Citizens Advice",
    "Kooth",
    "Heart of Worcestershire College",
    "Chadsgrove Educational Trust",
    "Dingley's Promise",
    "Mind",
];

/// The last word of a service's name.
const SERVICE_NOUNS: &[&str] = &[
    "Service",
    "Team",
    "Group",
    "Club",
    "Clinic",
    "Hub",
    "Project",
    "Programme",
    "Network",
    "Forum",
    "Café",
    "Helpline",
    "Scheme",
    "Centre",
    "Workshop",
    "Course",
    "Sessions",
    "Partnership",
    "Drop-in",
    "Support",
];

const VERBS: &[&str] = &[
    "helps",
    "supports",
    "offers",
    "gives",
    "provides",
    "runs",
    "works with",
    "visits",
    "trains",
    "listens to",
    "guides",
    "advises",
];

const WHEN: &[&str] = &[
    "every week",
    "each month",
    "in term time",
    "in the school holidays",
    "after school",
    "on Saturday mornings",
    "on weekday evenings",
];

const AGES: &[&str] = &[
    "0 to 5", "5 to 11", "11 to 18", "16 to 25", "0 to 25", "up to 19",
];

const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// Invented but plausible place names for schools and settings: "Ashbrook", "Willowdale".
const NAME_HEADS: &[&str] = &[
    "Ash", "Oak", "Elm", "Birch", "Willow", "Hazel", "Holly", "Beech", "Cedar", "Rowan", "Alder",
    "Maple", "Fern", "Heather", "Brook", "Mill", "Stone", "Green", "Red", "White", "Black",
    "North", "South", "East", "West", "High", "Long", "New", "Old", "Kings", "Queens", "Church",
    "Bridge", "Castle", "Meadow", "River", "Spring", "Sunny", "Lark", "Swan", "Fox", "Badger",
    "Hare", "Wren", "Robin", "Lime", "Pine", "Yew", "Bramble", "Clover",
];
const NAME_TAILS: &[&str] = &[
    "field", "wood", "brook", "dale", "hill", "bury", "ford", "mead", "ley", "ton", "well", "gate",
    "side", "lands", "croft", "vale", "combe", "hurst", "worth", "stone",
];

/// Sentences of a summary or description. `{x}` is a slot filled from a list.
const SENTENCES: &[&str] = &[
    "{adj} {service} for {people} with {need} in {town}",
    "we {verb} {people} with {need} and {need}",
    "the {noun} {verb} {people} to build {topic} and {topic}",
    "sessions run {when} at the {setting} in {town}",
    "you can get {service} and {service} without a referral",
    "our {adj} {noun} works with {people}, {people} and {setting} staff across {town}",
    "{people} can talk about {topic}, {topic} or {need} in a {adj} setting",
    "referrals come from {people}, the {setting} or the {service} team",
    "we also offer {service} while you wait for {service}",
    "places are {adj} and open to {people} aged {age}",
    "the service is run by {org}",
    "help with {topic} is part of the {service} offer",
    "staff have training in {need} and {service}",
    "families told us that {service} and {topic} matter most",
    "there is a {adj} {service} every {day} at the {setting}",
    "it helps {people} with {topic} when moving to {setting}",
    "speech and language therapy and occupational therapy are offered at the {setting}",
    "ask your SENCO about {service} or an EHCP",
    "CAMHS and the {noun} work together on {need}",
];

/// Easy-read sentences: short, plain, no acronyms.
const EASY: &[&str] = &[
    "This {noun} helps {people}.",
    "You can talk about {topic}.",
    "It is free.",
    "You can come with your child.",
    "We can help with {topic}.",
    "You do not need a referral.",
    "Ask your school about this help.",
    "We meet at the {setting}.",
    "You can phone us for advice.",
    "This help is in {town}.",
    "We meet {when}.",
    "Staff know about {need}.",
];

/// The glossary: (term, expansion, plain meaning, other spellings).
const GLOSSARY: &[(&str, &str, &str, &[&str])] = &[
    (
        "EHCP",
        "Education, Health and Care Plan",
        "A legal document that says what help a child or young person with SEND must get.",
        &["EHC plan"],
    ),
    (
        "CAMHS",
        "Child and Adolescent Mental Health Services",
        "NHS services that help children and young people with their mental health.",
        &[],
    ),
    (
        "SENCO",
        "Special Educational Needs Coordinator",
        "The teacher in a school who makes sure children with SEND get the right help.",
        &["SENDCo", "SENCo"],
    ),
    (
        "SALT",
        "Speech and Language Therapy",
        "Help for children who find talking, listening or swallowing hard.",
        &["SaLT"],
    ),
    (
        "SEMH",
        "Social, Emotional and Mental Health",
        "Needs to do with feelings, behaviour and getting on with others.",
        &[],
    ),
    (
        "ASD",
        "Autistic Spectrum Disorder",
        "Another name for autism used in reports and letters.",
        &["ASC"],
    ),
    (
        "ADHD",
        "Attention Deficit Hyperactivity Disorder",
        "A condition that affects attention, activity and acting on impulse.",
        &[],
    ),
    (
        "OT",
        "Occupational Therapy",
        "Help to do everyday things such as dressing, eating and writing.",
        &[],
    ),
    (
        "EP",
        "Educational Psychologist",
        "A psychologist who works out how a child learns and what helps.",
        &[],
    ),
    (
        "SENDIASS",
        "SEND Information, Advice and Support Service",
        "A free service that gives impartial advice about SEND to families.",
        &["IASS"],
    ),
    (
        "SEND",
        "Special Educational Needs and Disabilities",
        "When a child needs extra help to learn because of a need or disability.",
        &[],
    ),
    (
        "SEN",
        "Special Educational Needs",
        "When a child finds learning much harder than most children of the same age.",
        &[],
    ),
    (
        "PfA",
        "Preparing for Adulthood",
        "Getting ready for work, living, friends and health as an adult.",
        &[],
    ),
    (
        "ICB",
        "Integrated Care Board",
        "The NHS body that plans and pays for health services in the area.",
        &[],
    ),
    (
        "NHS",
        "National Health Service",
        "The free health service in the United Kingdom.",
        &[],
    ),
    (
        "GP",
        "General Practitioner",
        "Your family doctor at the local surgery.",
        &[],
    ),
    (
        "CYP",
        "Children and Young People",
        "A short way of writing children and young people.",
        &[],
    ),
    (
        "AP",
        "Alternative Provision",
        "Education away from a mainstream school, for a while or for good.",
        &[],
    ),
    (
        "PRU",
        "Pupil Referral Unit",
        "A school for pupils who cannot be at a mainstream school for now.",
        &[],
    ),
    (
        "LAC",
        "Looked After Children",
        "Children in the care of the council.",
        &["CLA"],
    ),
    (
        "PCF",
        "Parent Carer Forum",
        "A group of parents and carers who help shape local services.",
        &[],
    ),
    (
        "WCF",
        "Worcestershire Children First",
        "The company that runs children's services for the county council.",
        &[],
    ),
    (
        "SLCN",
        "Speech, Language and Communication Needs",
        "Needs to do with talking, understanding and being understood.",
        &[],
    ),
    (
        "MLD",
        "Moderate Learning Difficulties",
        "When learning is harder than for most children across many subjects.",
        &[],
    ),
    (
        "SLD",
        "Severe Learning Difficulties",
        "When a child needs a lot of help to learn and to look after themselves.",
        &[],
    ),
    (
        "PMLD",
        "Profound and Multiple Learning Difficulties",
        "Very complex learning needs, often with physical or sensory needs too.",
        &[],
    ),
    (
        "SpLD",
        "Specific Learning Difficulties",
        "Difficulties with one part of learning, such as dyslexia.",
        &[],
    ),
    (
        "HI",
        "Hearing Impairment",
        "When a child cannot hear well or at all.",
        &[],
    ),
    (
        "VI",
        "Visual Impairment",
        "When a child cannot see well or at all.",
        &[],
    ),
    (
        "MSI",
        "Multi-Sensory Impairment",
        "When a child has both hearing and sight loss.",
        &[],
    ),
    (
        "PD",
        "Physical Disability",
        "A disability that affects how a child moves their body.",
        &[],
    ),
    (
        "DLA",
        "Disability Living Allowance",
        "Money to help with the extra costs of a disabled child.",
        &[],
    ),
    (
        "PIP",
        "Personal Independence Payment",
        "Money for young people aged 16 and over with a disability.",
        &[],
    ),
    (
        "EYFS",
        "Early Years Foundation Stage",
        "How children from birth to five learn and are cared for.",
        &[],
    ),
    (
        "MHST",
        "Mental Health Support Teams",
        "Teams who help pupils with their mental health in schools.",
        &["MHSTs"],
    ),
    (
        "DfE",
        "Department for Education",
        "The government department in charge of schools.",
        &[],
    ),
    (
        "SENIF",
        "SEN Inclusion Fund",
        "Money that helps early years settings include children with SEND.",
        &[],
    ),
    (
        "EHC",
        "Education, Health and Care",
        "The three kinds of help an EHC plan covers.",
        &[],
    ),
    (
        "CP",
        "Cerebral Palsy",
        "A condition that affects movement and muscle control.",
        &[],
    ),
    (
        "CP",
        "Change Programme",
        "The national programme testing changes to the SEND system.",
        &[],
    ),
];

/// Number of glossary records in every synthetic Local Offer.
pub const GLOSSARY_LEN: usize = GLOSSARY.len();

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Title case for a phrase going into a name, keeping acronyms as they are.
fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            if w.chars().filter(|c| c.is_uppercase()).count() >= 2 {
                w.to_string()
            } else {
                capitalise(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// An invented place name: "Ashbrook".
fn invented_name(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(NAME_HEADS), rng.pick(NAME_TAILS))
}

/// A town in one of `districts` (or anywhere).
fn town_in(rng: &mut Rng, districts: &[Area]) -> &'static str {
    let fits: Vec<&str> = TOWNS
        .iter()
        .filter(|(_, d)| districts.contains(d))
        .map(|(t, _)| *t)
        .collect();
    if fits.is_empty() || rng.chance(0.1) {
        rng.skewed(TOWNS).0
    } else {
        fits[rng.below(fits.len())]
    }
}

/// Fills a template's `{slot}`s.
fn fill(template: &str, rng: &mut Rng, districts: &[Area]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("templates close their slots");
        let slot = &rest[open + 1..close];
        let word: String = match slot {
            "adj" => rng.skewed(ADJECTIVES).to_string(),
            "service" => rng.skewed(SERVICES).to_string(),
            "people" => rng.skewed(PEOPLE).to_string(),
            "need" => rng.skewed(NEEDS).to_string(),
            "town" => town_in(rng, districts).to_string(),
            "verb" => rng.pick(VERBS).to_string(),
            "noun" => rng.skewed(SERVICE_NOUNS).to_lowercase(),
            "topic" => rng.skewed(TOPICS).to_string(),
            "when" => rng.pick(WHEN).to_string(),
            "setting" => rng.skewed(SETTINGS).to_string(),
            "age" => rng.pick(AGES).to_string(),
            "org" => rng.skewed(ORGANISATIONS).to_string(),
            "day" => rng.pick(DAYS).to_string(),
            other => panic!("unknown template slot {other}"),
        };
        out.push_str(&word);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// One sentence of `lo..=hi` words, capitalised, with a full stop.
fn sentence(rng: &mut Rng, districts: &[Area], lo: usize, hi: usize) -> String {
    let mut s = fill(rng.pick(SENTENCES), rng, districts);
    for _ in 0..8 {
        if word_count(&s) >= lo {
            break;
        }
        let clause = match rng.below(3) {
            0 => format!(", with {}", rng.skewed(TOPICS)),
            1 => format!(" for {}", rng.skewed(PEOPLE)),
            _ => format!(" and {}", rng.skewed(SERVICES)),
        };
        s.push_str(&clause);
    }
    let words: Vec<&str> = s.split_whitespace().take(hi).collect();
    let s = words.join(" ");
    format!("{}.", capitalise(s.trim_end_matches(',')))
}

/// Sentences until the text has `lo..=hi` words.
fn paragraph(rng: &mut Rng, districts: &[Area], lo: usize, hi: usize) -> String {
    let target = rng.range(lo, hi);
    let mut out = String::new();
    while word_count(&out) < target {
        let s = sentence(rng, districts, 6, 16);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s);
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    if words.len() > hi {
        let cut = words[..hi].join(" ");
        format!("{}.", cut.trim_end_matches(['.', ',']))
    } else {
        out
    }
}

/// A name of 3 to 6 words.
fn name(rng: &mut Rng, kind: Kind, districts: &[Area], waiting: &[WaitingFor]) -> String {
    for _ in 0..32 {
        let n = match kind {
            Kind::Provision => match rng.below(4) {
                0 => format!(
                    "{} {}",
                    invented_name(rng),
                    title_case(rng.skewed(SETTINGS))
                ),
                1 => format!(
                    "{} {} {}",
                    invented_name(rng),
                    title_case(rng.skewed(SETTINGS)),
                    title_case(rng.pick(&["SEN Unit", "Autism Base", "Resource Base", "Nursery"]))
                ),
                2 => format!(
                    "{} {} {}",
                    town_in(rng, districts),
                    invented_name(rng),
                    title_case(rng.skewed(SETTINGS))
                ),
                _ => format!(
                    "St {}'s {}",
                    rng.pick(&["Mary", "John", "Peter", "Andrew", "George", "Anne", "Clement"]),
                    title_case(rng.skewed(SETTINGS))
                ),
            },
            Kind::WaitSupport => match rng.below(3) {
                0 => format!("Waiting for {}", title_case(rng.pick(waiting).label())),
                1 => format!("{} Tips While You Wait", title_case(rng.skewed(TOPICS))),
                _ => format!(
                    "{} {} While You Wait",
                    title_case(rng.skewed(NEEDS)),
                    rng.skewed(SERVICE_NOUNS)
                ),
            },
            _ => match rng.below(5) {
                0 => format!(
                    "{} {} {}",
                    town_in(rng, districts),
                    title_case(rng.skewed(NEEDS)),
                    rng.skewed(SERVICE_NOUNS)
                ),
                1 => format!(
                    "{} {} {}",
                    title_case(rng.skewed(ADJECTIVES)),
                    title_case(rng.skewed(SERVICES)),
                    rng.skewed(SERVICE_NOUNS)
                ),
                2 => format!(
                    "{} for {}",
                    title_case(rng.skewed(SERVICES)),
                    title_case(rng.skewed(PEOPLE))
                ),
                3 => format!(
                    "{} {} {}",
                    invented_name(rng),
                    title_case(rng.skewed(TOPICS)),
                    rng.skewed(SERVICE_NOUNS)
                ),
                _ => format!(
                    "{} {} {} {}",
                    town_in(rng, districts),
                    title_case(rng.skewed(NEEDS)),
                    title_case(rng.skewed(SERVICES)),
                    rng.skewed(SERVICE_NOUNS)
                ),
            },
        };
        if (3..=6).contains(&word_count(&n)) {
            return n;
        }
    }
    format!("{} Support Service", invented_name(rng))
}

fn some_of<T: Copy + PartialEq>(rng: &mut Rng, all: &[T], lo: usize, hi: usize) -> Vec<T> {
    let n = rng.range(lo, hi);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let v = rng.pick(all);
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

fn synthetic_record(rng: &mut Rng, i: usize) -> Record {
    let roll = rng.unit();
    let kind = if roll < 0.55 {
        Kind::Service
    } else if roll < 0.85 {
        Kind::Provision
    } else {
        Kind::WaitSupport
    };
    let districts = if rng.chance(0.3) {
        vec![Area::WHOLE]
    } else {
        some_of(rng, &AREAS, 1, 2)
    };
    let waiting_for = if kind == Kind::WaitSupport {
        some_of(rng, WaitingFor::ALL, 1, 2)
    } else {
        Vec::new()
    };
    let (minimum_age, maximum_age) = if rng.chance(0.2) {
        (None, None)
    } else {
        let (lo, hi) = rng.pick(&[
            (0u8, 5u8),
            (0, 18),
            (0, 25),
            (4, 11),
            (11, 16),
            (11, 18),
            (16, 25),
            (5, 19),
            (0, 19),
        ]);
        (Some(lo), Some(hi))
    };
    let mut keywords = Vec::new();
    for _ in 0..rng.range(2, 8) {
        let k = match rng.below(3) {
            0 => rng.skewed(NEEDS),
            1 => rng.skewed(SERVICES),
            _ => rng.skewed(TOPICS),
        };
        let k = k.to_string();
        if !keywords.contains(&k) {
            keywords.push(k);
        }
    }
    let easy_read = (0..rng.range(3, 4))
        .map(|_| fill(rng.pick(EASY), rng, &districts))
        .collect();
    let prefix = match kind {
        Kind::Service => "svc",
        Kind::Provision => "prov",
        Kind::WaitSupport => "wait",
        Kind::Glossary => "gloss",
    };
    let name = name(rng, kind, &districts, &waiting_for);
    let summary = sentence(rng, &districts, 10, 20);
    let description = paragraph(rng, &districts, 30, 80);
    Record {
        id: format!("{prefix}-{i:06}"),
        kind,
        alternate_name: if rng.chance(0.1) {
            rng.pick(GLOSSARY).0.to_string()
        } else {
            String::new()
        },
        name,
        summary,
        description,
        easy_read,
        needs: if rng.chance(0.4) {
            Vec::new()
        } else {
            some_of(rng, Need::ALL, 1, 3)
        },
        minimum_age,
        maximum_age,
        districts,
        cost: if rng.chance(0.2) {
            None
        } else {
            Some(rng.pick(Cost::ALL))
        },
        access: some_of(rng, Access::ALL, 1, 3),
        organization: if rng.chance(0.6) {
            rng.skewed(ORGANISATIONS).to_string()
        } else {
            String::new()
        },
        status: if rng.chance(0.95) {
            Status::Active
        } else {
            rng.pick(Status::ALL)
        },
        keywords,
        eligibility: if rng.chance(0.3) {
            format!(
                "For {} aged {} with {}.",
                rng.skewed(PEOPLE),
                rng.pick(AGES),
                rng.skewed(NEEDS)
            )
        } else {
            String::new()
        },
        provision_type: (kind == Kind::Provision).then(|| rng.pick(ProvisionType::ALL)),
        places: (kind == Kind::Provision && rng.chance(0.4)).then(|| rng.range(6, 120) as u32),
        waiting_for,
        source: "synthetic benchmark data".into(),
        last_reviewed: "2025".into(),
        ..Record::default()
    }
}

/// The fixed glossary records.
pub fn glossary() -> Vec<Record> {
    GLOSSARY
        .iter()
        .map(|(term, expansion, meaning, also)| {
            let id = if *term == "CP" {
                format!("glossary-cp-{}", expansion.to_lowercase().replace(' ', "-"))
            } else {
                format!("glossary-{}", term.to_lowercase())
            };
            Record {
                id,
                kind: Kind::Glossary,
                name: term.to_string(),
                term: term.to_string(),
                expansion: expansion.to_string(),
                plain_meaning: meaning.to_string(),
                also: also.iter().map(|s| s.to_string()).collect(),
                easy_read: vec![
                    format!("{term} is short for {expansion}."),
                    meaning.to_string(),
                ],
                source: "synthetic benchmark glossary".into(),
                last_reviewed: "2025".into(),
                ..Record::default()
            }
        })
        .collect()
}

/// A Local Offer of `size` records: the glossary plus `size - GLOSSARY_LEN` synthetic
/// services, provisions and support-while-you-wait records. The same seed gives the same
/// records, and a smaller Local Offer is a prefix of a larger one.
pub fn local_offer(size: usize, seed: u64) -> Vec<Record> {
    let mut rng = Rng::new(seed);
    let mut records = glossary();
    records.truncate(size);
    let others = size.saturating_sub(records.len());
    records.extend((0..others).map(|i| synthetic_record(&mut rng, i)));
    records
}

/// Appends `s` as a JSON string.
fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes records as compact JSON (an array of objects), leaving out empty fields, as a
/// directory's JSON export would.
pub fn records_json(records: &[Record]) -> String {
    struct Obj<'a> {
        out: &'a mut String,
        first: bool,
    }
    impl Obj<'_> {
        fn key(&mut self, k: &str) {
            if !self.first {
                self.out.push(',');
            }
            self.first = false;
            json_str(self.out, k);
            self.out.push(':');
        }
        fn str(&mut self, k: &str, v: &str) {
            if !v.is_empty() {
                self.key(k);
                json_str(self.out, v);
            }
        }
        fn strs<S: AsRef<str>>(&mut self, k: &str, v: &[S]) {
            if v.is_empty() {
                return;
            }
            self.key(k);
            self.out.push('[');
            for (i, s) in v.iter().enumerate() {
                if i > 0 {
                    self.out.push(',');
                }
                json_str(self.out, s.as_ref());
            }
            self.out.push(']');
        }
        fn num(&mut self, k: &str, v: Option<u32>) {
            if let Some(v) = v {
                self.key(k);
                self.out.push_str(&v.to_string());
            }
        }
    }

    let mut out = String::with_capacity(records.len() * 1200);
    out.push('[');
    for (i, r) in records.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('{');
        let mut o = Obj {
            out: &mut out,
            first: true,
        };
        o.str("id", &r.id);
        o.str("kind", r.kind.key());
        o.str("name", &r.name);
        o.str("alternate_name", &r.alternate_name);
        o.str("summary", &r.summary);
        o.str("description", &r.description);
        o.strs("easy_read", &r.easy_read);
        o.strs(
            "needs",
            &r.needs.iter().map(|n| n.key()).collect::<Vec<_>>(),
        );
        o.num("minimum_age", r.minimum_age.map(u32::from));
        o.num("maximum_age", r.maximum_age.map(u32::from));
        o.strs(
            "districts",
            &r.districts
                .iter()
                .map(|d| {
                    AREA_KEYS
                        .get(usize::from(d.code()))
                        .copied()
                        .unwrap_or("countywide")
                })
                .collect::<Vec<_>>(),
        );
        o.str("cost", r.cost.map_or("", |c| c.key()));
        o.strs(
            "access",
            &r.access.iter().map(|a| a.key()).collect::<Vec<_>>(),
        );
        o.str("organization", &r.organization);
        o.str("status", r.status.key());
        o.strs("keywords", &r.keywords);
        o.str("eligibility", &r.eligibility);
        o.str("provision_type", r.provision_type.map_or("", |p| p.key()));
        o.num("places", r.places);
        o.strs(
            "waiting_for",
            &r.waiting_for.iter().map(|w| w.key()).collect::<Vec<_>>(),
        );
        o.str("term", &r.term);
        o.str("expansion", &r.expansion);
        o.str("plain_meaning", &r.plain_meaning);
        o.strs("also", &r.also);
        o.str("source", &r.source);
        o.str("last_reviewed", &r.last_reviewed);
        out.push('}');
    }
    out.push(']');
    out
}

// The words the engine adds to a record from its closed vocabularies (src/model.rs), so the
// peers index the same text ours does, and the SEND vocabulary the synthetic Local Offers are
// drawn from (the same lists as benches/engine/synth.rs, most common first).

/** Need code → the words indexed with every record that lists it (`Need::search_words`). */
export const NEED_WORDS = {
  ASD: 'ASD autism autistic',
  SLCN: 'SLCN speech language communication',
  MLD: 'MLD moderate learning difficulties',
  SLD: 'SLD severe learning difficulties',
  PMLD: 'PMLD profound multiple learning difficulties',
  SpLD: 'SpLD specific learning difficulties dyslexia',
  SEMH: 'SEMH social emotional mental health',
  HI: 'HI hearing impairment deaf',
  VI: 'VI visual impairment sight',
  MSI: 'MSI multi-sensory impairment',
  PD: 'PD physical disability',
};

/** District key → its place words (`District::place_words`). */
export const DISTRICT_WORDS = {
  bromsgrove: 'Bromsgrove Rubery Wythall Alvechurch',
  malvern_hills: 'Malvern Hills Upton Tenbury',
  redditch: 'Redditch',
  worcester: 'Worcester',
  wychavon: 'Wychavon Droitwich Evesham Pershore',
  wyre_forest: 'Wyre Forest Kidderminster Stourport Bewdley',
  countywide: 'Worcestershire countywide all districts',
};

export const PROVISION_TYPE_LABELS = {
  school: 'School',
  special_school: 'Special school',
  sen_unit: 'SEN unit',
  autism_base: 'Autism base',
  nursery: 'Nursery or early years setting',
  college: 'College or post-16',
  alternative_provision: 'Alternative provision',
  short_break: 'Short breaks',
  other: 'Other setting',
};

export const WAITING_FOR_LABELS = {
  community_paediatrics: 'Community paediatrics',
  autism_assessment: 'Autism assessment',
  adhd_assessment: 'ADHD assessment',
  occupational_therapy: 'Occupational therapy',
  physiotherapy: 'Physiotherapy',
  camhs: 'Mental health services (CAMHS)',
  speech_and_language_therapy: 'Speech and language therapy',
  any: 'Any health appointment',
};

export const DISTRICTS = ['bromsgrove', 'malvern_hills', 'redditch', 'worcester', 'wychavon', 'wyre_forest'];
export const NEED_CODES = Object.keys(NEED_WORDS);
export const COSTS = ['free', 'paid', 'mixed'];
export const ACCESS = ['self_referral', 'referral', 'drop_in', 'online', 'phone', 'through_school', 'through_gp', 'ehcp', 'booking'];
export const PROVISION_TYPES = Object.keys(PROVISION_TYPE_LABELS);
export const WAITING_FOR = Object.keys(WAITING_FOR_LABELS);

/** Towns and villages with their district. */
export const TOWNS = [
  ['Worcester', 'worcester'], ['Kidderminster', 'wyre_forest'], ['Redditch', 'redditch'],
  ['Bromsgrove', 'bromsgrove'], ['Malvern', 'malvern_hills'], ['Evesham', 'wychavon'],
  ['Droitwich', 'wychavon'], ['Pershore', 'wychavon'], ['Stourport', 'wyre_forest'],
  ['Bewdley', 'wyre_forest'], ['Tenbury', 'malvern_hills'], ['Upton', 'malvern_hills'],
  ['Rubery', 'bromsgrove'], ['Wythall', 'bromsgrove'], ['Alvechurch', 'bromsgrove'],
  ['Hagley', 'bromsgrove'], ['Catshill', 'bromsgrove'], ['Belbroughton', 'bromsgrove'],
  ['Broadway', 'wychavon'], ['Inkberrow', 'wychavon'], ['Fladbury', 'wychavon'],
  ['Ombersley', 'wychavon'], ['Badsey', 'wychavon'], ['Martley', 'malvern_hills'],
  ['Hallow', 'malvern_hills'], ['Batchley', 'redditch'], ['Matchborough', 'redditch'],
  ['Winyates', 'redditch'], ['Warndon', 'worcester'], ['Ronkswood', 'worcester'],
  ['Cookley', 'wyre_forest'], ['Wolverley', 'wyre_forest'], ['Worcestershire', 'countywide'],
];

export const NEEDS = [
  'autism', 'ADHD', 'anxiety', 'speech', 'language', 'communication', 'mental health', 'SEND',
  'complex needs', 'learning disabilities', 'dyslexia', 'behaviour', 'emotional wellbeing',
  'sensory processing', 'SEMH', 'physical disability', 'hearing loss', 'deaf', 'visual impairment',
  'dyspraxia', 'cerebral palsy', 'epilepsy', 'Down syndrome', 'eating disorder', 'self harm',
  'low mood', 'depression', 'sleep', 'toileting', 'continence', 'feeding', 'stammering',
  'selective mutism', 'Tourette syndrome', 'tics', 'medical needs', 'life-limiting conditions',
  'global developmental delay', 'attachment', 'trauma', 'social anxiety', 'school refusal',
  'autistic spectrum', 'neurodiversity', 'neurodivergent', 'hypermobility', 'diabetes', 'asthma',
  'brain injury', 'sight loss', 'multi-sensory impairment', 'moderate learning difficulties',
  'severe learning difficulties', 'profound and multiple learning difficulties',
  'specific learning difficulties', 'wheelchair users', 'mobility', 'coordination', 'motor skills',
  'handwriting', 'emotional regulation', 'meltdowns', 'sensory overload', 'bereavement', 'bullying',
];

export const SERVICES = [
  'support', 'advice', 'assessment', 'therapy', 'information', 'short breaks', 'drop-in',
  'speech and language therapy', 'occupational therapy', 'physiotherapy', 'CAMHS', 'EHCP',
  'respite', 'counselling', 'mentoring', 'community paediatrics', 'paediatrics', 'diagnosis',
  'autism assessment', 'ADHD assessment', 'education, health and care plan', 'annual review',
  'needs assessment', 'tribunal', 'appeal', 'mediation', 'advocacy', 'key worker', 'early help',
  'family support', 'parenting course', 'parent training', 'workshops', 'peer support',
  'support group', 'helpline', 'home visits', 'portage', 'social care', 'transport',
  'travel training', 'equipment', 'wheelchair service', 'adaptations', 'personal budget',
  'direct payments', 'short break grants', 'holiday activities', 'play schemes', 'youth clubs',
  'sports sessions', 'swimming', 'music therapy', 'art therapy', 'play therapy', 'sensory play',
  'sleep clinic', 'continence service', 'dietitian', 'audiology', 'orthoptics', 'wheelchair clinic',
  'school nursing', 'health visiting', 'specialist teaching', 'outreach', 'inclusion support',
  'tuition', 'home education advice', 'alternative provision', 'exclusion advice',
  'attendance support', 'transition planning', 'preparing for adulthood', 'supported internship',
  'apprenticeship', 'work experience', 'employment support', 'job coaching', 'independent living',
  'housing advice', 'benefits advice', 'Disability Living Allowance', 'carers assessment',
  'young carers support', 'sibling support', 'bereavement support', 'crisis support',
  'wellbeing sessions', 'mindfulness', 'emotional literacy', 'social skills groups',
  'friendship groups', 'SALT', 'OT', 'physio', 'SENCO support', 'educational psychology',
  'Mental Health Support Teams', 'Reach4Wellbeing', 'online counselling', 'text support',
  'waiting list support', 'waiting well', 'sensory strategies', 'sensory circuits', 'signposting',
  'befriending', 'volunteering', 'SENDIASS', 'Local Offer', 'Preparing for Adulthood', 'PfA',
  'EHC needs assessment',
];

export const SETTINGS = [
  'school', 'nursery', 'college', 'primary school', 'secondary school', 'special school', 'academy',
  'SEN unit', 'autism base', 'resource base', 'sixth form', 'pre-school', "children's centre",
  'family hub', 'youth centre', 'leisure centre', 'library', 'playgroup', 'holiday club',
  'after school club', 'summer scheme', 'respite centre', 'pupil referral unit', 'hospital school',
  'further education college', 'specialist college', 'childminder', 'early years setting',
  'forest school', 'care farm', 'community centre', 'church hall', 'sports centre', 'swimming pool',
  'GP surgery', 'health centre', 'hospital', 'clinic',
];

export const PEOPLE = [
  'children', 'young people', 'parents', 'carers', 'parent carers', 'families', 'teenagers',
  'pupils', 'students', 'young adults', 'siblings', 'young carers', 'babies', 'toddlers',
  'grandparents', 'SENCOs', 'teachers', 'teaching assistants', 'educational psychologists', 'nurses',
  'health visitors', 'school nurses', 'doctors', 'GPs', 'consultants', 'social workers', 'therapists',
  'volunteers', 'practitioners', 'professionals', 'foster carers', 'adoptive parents', 'dads', 'mums',
];

export const ADJECTIVES = [
  'free', 'local', 'specialist', 'friendly', 'safe', 'confidential', 'inclusive', 'accessible',
  'flexible', 'weekly', 'monthly', 'one-to-one', 'small group', 'online', 'face to face', 'practical',
  'relaxed', 'quiet', 'sensory-friendly', 'autism-friendly', 'low-cost', 'impartial', 'independent',
  'trained', 'experienced', 'NHS', 'council-run', 'charity-run', 'community', 'countywide', 'evening',
  'weekend', 'term-time', 'holiday', 'short', 'long-term', 'early', 'urgent',
];

export const TOPICS = [
  'confidence', 'independence', 'skills', 'life skills', 'daily living', 'communication skills',
  'social skills', 'emotional health', 'resilience', 'routines', 'sleep routines', 'healthy eating',
  'exercise', 'play', 'sport', 'music', 'drama', 'art', 'cooking', 'gardening', 'outdoor activities',
  'days out', 'friendships', 'relationships', 'puberty', 'online safety', 'money skills', 'travel',
  'work', 'employment', 'training', 'qualifications', 'learning', 'reading', 'writing', 'maths',
  'homework', 'exams', 'moving school', 'starting school', 'leaving school', 'adult services',
  'health checks', 'medication', 'appointments', 'waiting times', 'referrals', 'paperwork', 'forms',
  'rights', 'choices', 'voice', 'co-production', 'feedback', 'complaints',
];

export const ORGANISATIONS = [
  'Worcestershire Children First', 'Herefordshire and Worcestershire Health and Care NHS Trust',
  'Worcestershire County Council', 'NHS Herefordshire and Worcestershire',
  'Worcestershire Parent Carer Forum', 'Worcestershire SENDIASS',
  'Worcestershire Acute Hospitals NHS Trust', "Barnardo's", 'Mencap', 'National Autistic Society',
  'Action for Children', 'Family Action', 'Onside Advocacy', 'Autism West Midlands', 'Sense', 'Scope',
  'Carers Trust', 'Worcestershire Association of Carers', 'Citizens Advice', 'Kooth',
  'Heart of Worcestershire College', 'Chadsgrove Educational Trust', "Dingley's Promise", 'Mind',
];

export const SERVICE_NOUNS = [
  'Service', 'Team', 'Group', 'Club', 'Clinic', 'Hub', 'Project', 'Programme', 'Network', 'Forum',
  'Café', 'Helpline', 'Scheme', 'Centre', 'Workshop', 'Course', 'Sessions', 'Partnership', 'Drop-in',
  'Support',
];

export const VERBS = [
  'helps', 'supports', 'offers', 'gives', 'provides', 'runs', 'works with', 'visits', 'trains',
  'listens to', 'guides', 'advises',
];

export const WHEN = [
  'every week', 'each month', 'in term time', 'in the school holidays', 'after school',
  'on Saturday mornings', 'on weekday evenings',
];

export const AGES = ['0 to 5', '5 to 11', '11 to 18', '16 to 25', '0 to 25', 'up to 19'];
export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const NAME_HEADS = [
  'Ash', 'Oak', 'Elm', 'Birch', 'Willow', 'Hazel', 'Holly', 'Beech', 'Cedar', 'Rowan', 'Alder',
  'Maple', 'Fern', 'Heather', 'Brook', 'Mill', 'Stone', 'Green', 'Red', 'White', 'Black', 'North',
  'South', 'East', 'West', 'High', 'Long', 'New', 'Old', 'Kings', 'Queens', 'Church', 'Bridge',
  'Castle', 'Meadow', 'River', 'Spring', 'Sunny', 'Lark', 'Swan', 'Fox', 'Badger', 'Hare', 'Wren',
  'Robin', 'Lime', 'Pine', 'Yew', 'Bramble', 'Clover',
];
export const NAME_TAILS = [
  'field', 'wood', 'brook', 'dale', 'hill', 'bury', 'ford', 'mead', 'ley', 'ton', 'well', 'gate',
  'side', 'lands', 'croft', 'vale', 'combe', 'hurst', 'worth', 'stone',
];

export const SENTENCES = [
  '{adj} {service} for {people} with {need} in {town}',
  'we {verb} {people} with {need} and {need}',
  'the {noun} {verb} {people} to build {topic} and {topic}',
  'sessions run {when} at the {setting} in {town}',
  'you can get {service} and {service} without a referral',
  'our {adj} {noun} works with {people}, {people} and {setting} staff across {town}',
  '{people} can talk about {topic}, {topic} or {need} in a {adj} setting',
  'referrals come from {people}, the {setting} or the {service} team',
  'we also offer {service} while you wait for {service}',
  'places are {adj} and open to {people} aged {age}',
  'the service is run by {org}',
  'help with {topic} is part of the {service} offer',
  'staff have training in {need} and {service}',
  'families told us that {service} and {topic} matter most',
  'there is a {adj} {service} every {day} at the {setting}',
  'it helps {people} with {topic} when moving to {setting}',
  'speech and language therapy and occupational therapy are offered at the {setting}',
  'ask your SENCO about {service} or an EHCP',
  'CAMHS and the {noun} work together on {need}',
];

/**
 * Easy-read sentences for the synthetic records: fixed, short, one-syllable-ish words and no
 * acronyms, so every record passes the checker's easy-read rules (at most 15 words a sentence,
 * Flesch reading ease 70 or more).
 */
export const EASY = [
  'This help is for children and young people.',
  'You can ask us for help.',
  'We can talk with you about what your child needs.',
  'It is free to use.',
  'You can come with your child.',
  'You do not need a letter from a doctor.',
  'Ask your school about this help.',
  'We meet in a room near you.',
  'You can phone us to talk.',
  'Our staff know how to help.',
  'We can help you plan what to do next.',
  'You can bring a friend.',
];
export const EASY_GLOSSARY = [
  'This is a short way to write some longer words.',
  'Ask us if you do not know what it means.',
];

/** The glossary: [term, expansion, plain meaning, other spellings]. */
export const GLOSSARY = [
  ['EHCP', 'Education, Health and Care Plan', 'A legal document that says what help a child or young person with SEND must get.', ['EHC plan', 'EHC']],
  ['CAMHS', 'Child and Adolescent Mental Health Services', 'NHS services that help children and young people with their mental health.', []],
  ['SENCO', 'Special Educational Needs Coordinator', 'The teacher in a school who makes sure children with SEND get the right help.', ['SENDCo', 'SENCo']],
  ['SALT', 'Speech and Language Therapy', 'Help for children who find talking, listening or swallowing hard.', ['SaLT']],
  ['SEMH', 'Social, Emotional and Mental Health', 'Needs to do with feelings, behaviour and getting on with others.', []],
  ['ASD', 'Autistic Spectrum Disorder', 'Another name for autism used in reports and letters.', ['ASC']],
  ['ADHD', 'Attention Deficit Hyperactivity Disorder', 'A condition that affects attention, activity and acting on impulse.', []],
  ['OT', 'Occupational Therapy', 'Help to do everyday things such as dressing, eating and writing.', []],
  ['EP', 'Educational Psychologist', 'A psychologist who works out how a child learns and what helps.', []],
  ['SENDIASS', 'SEND Information, Advice and Support Service', 'A free service that gives impartial advice about SEND to families.', ['IASS']],
  ['SEND', 'Special Educational Needs and Disabilities', 'When a child needs extra help to learn because of a need or disability.', []],
  ['SEN', 'Special Educational Needs', 'When a child finds learning much harder than most children of the same age.', []],
  ['PfA', 'Preparing for Adulthood', 'Getting ready for work, living, friends and health as an adult.', []],
  ['ICB', 'Integrated Care Board', 'The NHS body that plans and pays for health services in the area.', []],
  ['NHS', 'National Health Service', 'The free health service in the United Kingdom.', []],
  ['GP', 'General Practitioner', 'Your family doctor at the local surgery.', []],
  ['CYP', 'Children and Young People', 'A short way of writing children and young people.', []],
  ['AP', 'Alternative Provision', 'Education away from a mainstream school, for a while or for good.', []],
  ['PRU', 'Pupil Referral Unit', 'A school for pupils who cannot be at a mainstream school for now.', []],
  ['LAC', 'Looked After Children', 'Children in the care of the council.', ['CLA']],
  ['PCF', 'Parent Carer Forum', 'A group of parents and carers who help shape local services.', []],
  ['WCF', 'Worcestershire Children First', "The company that runs children's services for the county council.", []],
  ['SLCN', 'Speech, Language and Communication Needs', 'Needs to do with talking, understanding and being understood.', []],
  ['MLD', 'Moderate Learning Difficulties', 'When learning is harder than for most children across many subjects.', []],
  ['SLD', 'Severe Learning Difficulties', 'When a child needs a lot of help to learn and to look after themselves.', []],
  ['PMLD', 'Profound and Multiple Learning Difficulties', 'Very complex learning needs, often with physical or sensory needs too.', []],
  ['SpLD', 'Specific Learning Difficulties', 'Difficulties with one part of learning, such as dyslexia.', []],
  ['HI', 'Hearing Impairment', 'When a child cannot hear well or at all.', []],
  ['VI', 'Visual Impairment', 'When a child cannot see well or at all.', []],
  ['MSI', 'Multi-Sensory Impairment', 'When a child has both hearing and sight loss.', []],
  ['PD', 'Physical Disability', 'A disability that affects how a child moves their body.', []],
  ['DLA', 'Disability Living Allowance', 'Money to help with the extra costs of a disabled child.', []],
  ['PIP', 'Personal Independence Payment', 'Money for young people aged 16 and over with a disability.', []],
  ['EYFS', 'Early Years Foundation Stage', 'How children from birth to five learn and are cared for.', []],
  ['MHST', 'Mental Health Support Teams', 'Teams who help pupils with their mental health in schools.', ['MHSTs']],
  ['DfE', 'Department for Education', 'The government department in charge of schools.', []],
  ['SENIF', 'SEN Inclusion Fund', 'Money that helps early years settings include children with SEND.', []],
];

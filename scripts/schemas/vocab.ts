/**
 * The schema vocabulary: category values, the question texts each survey tool exports as column
 * headers (the schemas' aliases), and generalisation hierarchies. `write-schemas.ts` builds the Table
 * Schemas in data/schemas/ from this file, and the sample generators (scripts/sample/) write their
 * exports from it, so the two cannot drift.
 *
 * Edit a category, label or hierarchy here, then regenerate: `npm run schemas`.
 * Regions are not listed here: they come from data/reference/regions.csv.
 */
import { loadRegions } from "../../loaders/reference.ts";
import type { HierarchyLevel } from "../../loaders/schema.ts";

/** The 12 ITL1 regions, in the order and with the nations of `data/reference/regions.csv`. */
const REGIONS = loadRegions();
export const REGION_NAMES = REGIONS.map((r) => r.name);

export const AGE_BANDS = ["18–24", "25–34", "35–44", "45–54", "55–64", "65+"] as const;
export const GENDERS = ["Woman", "Man", "Non-binary", "Another gender", "Prefer not to say"] as const;

export const REGION_HIERARCHY: HierarchyLevel[] = [
  { name: "nation", map: Object.fromEntries(REGIONS.map((r) => [r.name, r.nation])) },
  { name: "UK", otherwise: "UK" },
];
export const AGE_HIERARCHY: HierarchyLevel[] = [
  {
    name: "broad age band",
    map: { "18–24": "18–34", "25–34": "18–34", "35–44": "35–54", "45–54": "35–54", "55–64": "55+", "65+": "55+" },
  },
  { name: "all ages", otherwise: "All ages" },
];
export const GENDER_HIERARCHY: HierarchyLevel[] = [{ name: "all", otherwise: "All" }];
/** Dates have no value map: a level named "quarter" turns a date into YYYY-Qn, "year" into YYYY. */
export const DATE_HIERARCHY: HierarchyLevel[] = [{ name: "quarter" }, { name: "year" }];

// ---------------------------------------------------------------- audit (Microsoft Forms)

export const STAGES = ["Informal group", "Emerging", "Established", "Mature"] as const;
export const LEGAL_FORMS = [
  "Unincorporated group or association",
  "Charitable incorporated organisation (CIO)",
  "Charitable company",
  "Community interest company (CIC)",
  "Community benefit society",
  "Hosted by another organisation",
] as const;
export const INCOME_BANDS = ["Under £10k", "£10k–£100k", "£100k–£1m", "Over £1m"] as const;
export const STAFF_BANDS = ["No paid staff", "1–5", "6–20", "More than 20"] as const;
export const VOLUNTEER_BANDS = ["None", "1–10", "11–25", "26–50", "More than 50"] as const;
export const PEOPLE_BANDS = ["Under 50", "50–199", "200–499", "500–999", "1,000 or more"] as const;
export const ACTIVITIES = [
  "Peer support groups",
  "Recovery café or community hub",
  "Mutual aid meetings",
  "Recovery walks",
  "Alcohol- and drug-free social events",
  "Arts, sport or allotment projects",
  "Structured day programme",
  "Peer-led housing",
  "Employment, training or volunteering",
  "Family support",
  "Harm reduction",
  "Online groups",
] as const;
export const EVALUATION_METHODS = [
  "Routine outcome monitoring",
  "REC-CAP",
  "BARC-10",
  "Assessment of Recovery Capital (ARC)",
  "Outcomes Star",
  "Satisfaction surveys",
  "Case studies",
  "External evaluation",
  "University partnership",
  "Peer research",
  "Social return on investment (SROI)",
] as const;
export const BARRIERS = [
  "Not enough staff or volunteer time",
  "No funding for evaluation",
  "Lack of research or data skills",
  "Tools do not suit peer settings",
  "Worry that forms put people off",
  "IT or data systems",
  "Funders and commissioners do not ask for it",
  "Unsure what to measure",
  "Concerns about consent and data protection",
] as const;
export const EVIDENCE_USES = [
  "Funding bids",
  "Reports to commissioners or funders",
  "Improving what we offer",
  "Annual report",
  "Campaigning and advocacy",
  "Social media and publicity",
  "Sharing learning with other LEROs",
  "We do not use it yet",
] as const;
export const INNOVATION_CATEGORIES = [
  "New activity or service",
  "Digital or online delivery",
  "Partnership with health services",
  "Partnership with criminal justice",
  "Housing",
  "Employment or social enterprise",
  "Families and children",
  "Harm reduction",
  "Peer-led research",
  "None in the last year",
] as const;
export const YES_NO = ["Yes", "No"] as const;

/** Microsoft Forms column headers (question texts), keyed by schema field. */
export const AUDIT_QUESTIONS = {
  lero_id: "What is the name of your LERO?",
  wave: "Which audit year is this response for?",
  region: "Which region is your LERO based in?",
  stage: "Which best describes your LERO's stage of development?",
  legal_form: "What is your LERO's legal form?",
  income_band: "What was your LERO's total income in the last financial year?",
  staff_band: "How many paid staff does your LERO have?",
  volunteer_band: "How many active volunteers does your LERO have?",
  people_supported_band: "About how many people did your LERO support in the last 12 months?",
  activities: "Which activities does your LERO run? (select all that apply)",
  evaluates: "Does your LERO evaluate or measure the difference it makes in any way?",
  evaluation_methods: "Which of these evaluation methods or tools do you use? (select all that apply)",
  barriers: "What gets in the way of evidencing your impact? (select all that apply)",
  evidence_uses: "How do you use the evidence you collect? (select all that apply)",
  innovation_categories: "Which kinds of new or innovative work have you started in the last year? (select all that apply)",
  innovation_description: "Tell us briefly about one piece of innovative work (optional)",
  innovation_consent: "May CLERO publish your description of this innovation (without personal details)?",
  evidence_priority: "How much of a priority is gathering evidence of impact for your LERO? (1 = not a priority, 5 = a top priority)",
  research_confidence: "How confident does your team feel about doing research or evaluation? (1 = not at all, 5 = very confident)",
} as const;
export const AUDIT_ID_LABEL = "ID";

// ---------------------------------------------------------------- standards (plain CSV)

export const STANDARD_STATUSES = ["In place", "Partly in place", "Not yet in place", "Not applicable"] as const;
export const EVIDENCE_KINDS = [
  "Written policy or procedure",
  "Records or logs",
  "Feedback from members",
  "External review or award",
  "No written evidence",
] as const;

// ---------------------------------------------------------------- workforce (Google Forms)

export const COHORTS = ["Cohort 1", "Cohort 2"] as const;
export const ATTENDANCE = ["In person", "Online"] as const;
export const PRIOR_EXPERIENCE = [
  "None of these",
  "Filled in a survey or took part in a study",
  "Helped run a survey, focus group or consultation",
  "Peer research or peer evaluation",
  "A research course or research job",
] as const;
export const HIGHER_EDUCATION = ["No", "Started but did not finish", "Yes, a degree or higher"] as const;
export const SKILLS = [
  { key: "ethics", label: "Research ethics and consent" },
  { key: "questions", label: "Designing questions" },
  { key: "interviewing", label: "Interviewing and listening" },
  { key: "analysis", label: "Analysing data" },
  { key: "writing", label: "Writing up and sharing findings" },
] as const;
export const TRAINING_DAYS = [
  "What peer research is",
  "Ethics, consent and safety",
  "Designing questions",
  "Interviewing and listening",
  "Making sense of the data",
  "Writing up and sharing findings",
] as const;
export const WORKFORCE_QUESTIONS = {
  email: "Email address",
  name: "Your full name",
  trainee_id: "Trainee number (from your welcome letter)",
  cohort: "Which training cohort were you in?",
  attendance: "How did you attend most of the sessions?",
  lero: "Which LERO are you part of?",
  prior_research_experience: "Before this training, which of these had you done? (tick all that apply)",
  higher_education: "Have you studied at college or university level (higher education)?",
  feedback: "Is there anything else you would like to tell us about the training?",
  feedback_consent: "May we quote your feedback in reports, without your name?",
} as const;
export const CONFIDENCE_BEFORE = "Thinking back to BEFORE the training, how confident were you about each of these? (1 = not at all, 5 = very)";
export const CONFIDENCE_AFTER = "NOW, after the training, how confident are you about each of these? (1 = not at all, 5 = very)";
export function dayQuestion(day: number): string {
  return `How useful was Day ${day}: ${TRAINING_DAYS[day - 1] ?? ""}? (1 = not useful, 5 = very useful)`;
}

// ---------------------------------------------------------------- stigma (Qualtrics)

export const SETTINGS = [
  "GP",
  "Mental health service",
  "Hospital or A&E",
  "Pharmacy",
  "Dentist",
  "Police",
  "Housing service",
  "Job centre or employment service",
] as const;
export const STIGMA_ROLES = ["Person in recovery", "Family member", "Worker"] as const;

/** Items written for this project, adapted from the structure of the SU-SMS (Smith et al., 2016). */
export const STIGMA_ITEMS = {
  enacted: [
    "Staff treated me with less respect because of substance use",
    "Staff were slower to help me or refused help",
    "Staff spoke about me in a judging way",
  ],
  anticipated: [
    "I expected staff to treat me worse if they knew about substance use",
    "I expected not to be believed about pain or symptoms",
    "I expected to be judged rather than helped",
  ],
  internalised: [
    "I felt ashamed afterwards",
    "I felt I did not deserve good care",
    "I kept quiet about what I needed",
  ],
} as const;
export type StigmaGroup = keyof typeof STIGMA_ITEMS;
export const STIGMA_GROUPS: readonly StigmaGroup[] = ["enacted", "anticipated", "internalised"];
export const STIGMA_QIDS: Record<StigmaGroup, string> = { enacted: "Q5", anticipated: "Q6", internalised: "Q7" };
export const STIGMA_STEMS: Record<StigmaGroup, string> = {
  enacted: "Thinking about ${lm://Field/1} in the last 12 months, how often did this happen? (1 = never, 5 = very often)",
  anticipated: "Next time you use ${lm://Field/1}, how likely do you think this is? (1 = very unlikely, 5 = very likely)",
  internalised: "After contact with ${lm://Field/1}, how much do you agree? (1 = strongly disagree, 5 = strongly agree)",
};

export const QUALTRICS_METADATA = [
  { id: "StartDate", text: "Start Date", importId: '{"ImportId":"startDate","timeZone":"Europe/London"}' },
  { id: "EndDate", text: "End Date", importId: '{"ImportId":"endDate","timeZone":"Europe/London"}' },
  { id: "Status", text: "Response Type", importId: '{"ImportId":"status"}' },
  { id: "IPAddress", text: "IP Address", importId: '{"ImportId":"ipAddress"}' },
  { id: "Progress", text: "Progress", importId: '{"ImportId":"progress"}' },
  { id: "Duration (in seconds)", text: "Duration (in seconds)", importId: '{"ImportId":"duration"}' },
  { id: "Finished", text: "Finished", importId: '{"ImportId":"finished"}' },
  { id: "RecordedDate", text: "Recorded Date", importId: '{"ImportId":"recordedDate","timeZone":"Europe/London"}' },
  { id: "ResponseId", text: "Response ID", importId: '{"ImportId":"_recordId"}' },
  { id: "RecipientLastName", text: "Recipient Last Name", importId: '{"ImportId":"recipientLastName"}' },
  { id: "RecipientFirstName", text: "Recipient First Name", importId: '{"ImportId":"recipientFirstName"}' },
  { id: "RecipientEmail", text: "Recipient Email", importId: '{"ImportId":"recipientEmail"}' },
  { id: "ExternalReference", text: "External Data Reference", importId: '{"ImportId":"externalDataReference"}' },
  { id: "LocationLatitude", text: "Location Latitude", importId: '{"ImportId":"locationLatitude"}' },
  { id: "LocationLongitude", text: "Location Longitude", importId: '{"ImportId":"locationLongitude"}' },
  { id: "DistributionChannel", text: "Distribution Channel", importId: '{"ImportId":"distributionChannel"}' },
  { id: "UserLanguage", text: "User Language", importId: '{"ImportId":"userLanguage"}' },
] as const;

/** Qualtrics question columns other than the stigma item grids, keyed by schema field. */
export const STIGMA_QUESTIONS = {
  role: { id: "Q1", text: "Which of these best describes you?", importId: "QID1" },
  age_band: { id: "Q2", text: "What is your age?", importId: "QID2" },
  gender: { id: "Q3", text: "How would you describe your gender?", importId: "QID3" },
  region: { id: "Q4", text: "Which part of the UK do you live in?", importId: "QID4" },
  avoided_care: { id: "Q8", text: "Did this ever lead you to avoid or put off using ${lm://Field/1}?", importId: "QID8" },
  quote: { id: "Q9", text: "In your own words, tell us about an experience with ${lm://Field/1} (optional)", importId: "QID9_TEXT" },
  quote_consent: { id: "Q10", text: "May we quote what you wrote, without your name, in reports and on the website?", importId: "QID10" },
} as const;

// ---------------------------------------------------------------- outcomes (plain CSV)

export const ASSESSMENTS = ["Intake", "3 months", "6 months", "12 months"] as const;
export const SUBSTANCES = ["Alcohol", "Opioids", "Crack cocaine", "Cocaine", "Cannabis", "Other or multiple"] as const;

/** BARC-10 domains in item order, with short labels written for this project. */
export const BARC_ITEMS = [
  { domain: "Substance use and sobriety", label: "Other things matter more than using" },
  { domain: "Psychological health", label: "Content with life overall" },
  { domain: "Physical health", label: "Energy for what I set out to do" },
  { domain: "Community", label: "Part of a community I value" },
  { domain: "Social support", label: "Backed by friends" },
  { domain: "Meaningful activity", label: "A full life without alcohol or drugs" },
  { domain: "Housing", label: "A home that helps my recovery" },
  { domain: "Risk taking", label: "Taking responsibility for my actions" },
  { domain: "Coping with professionals", label: "At ease dealing with professionals" },
  { domain: "Recovery experience", label: "Making progress in recovery" },
] as const;
export const BARC_SCALE = ["Strongly disagree", "Disagree", "Somewhat disagree", "Somewhat agree", "Agree", "Strongly agree"] as const;

// ---------------------------------------------------------------- stories

export const CHIME = ["connectedness", "hope", "identity", "meaning", "empowerment"] as const;

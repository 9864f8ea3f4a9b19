/**
 * The source of the Table Schemas: builds data/schemas/*.json from the schema vocabulary (vocab.ts
 * beside this file) and writes them.
 *
 * Edit a schema here (fields, roles, hierarchies, aliases) or in vocab.ts, then regenerate:
 *   npm run schemas
 * and commit both this source and the JSON. test/sample/schemas.test.ts fails while the two differ.
 *
 * Decision: the source lives in scripts/schemas/, not in scripts/sample/ (where it began) nor in
 * data/. The schemas govern real builds as much as the sample: putting them under "sample" hid where a
 * field role is changed. It is TypeScript, so it sits with the other scripts rather than in data/,
 * which holds only data files; the generated JSON stays in data/schemas/ because the pipeline, the
 * datapackage and the data dictionary read it from there without running any code.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SCHEMA_DIR, type Field, type FieldLero, type TableSchema } from "../../loaders/schema.ts";
import * as V from "./vocab.ts";

const PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json";
const YES = ["Yes", "yes", "Y", "true", "True", "TRUE", "1"];
const NO = ["No", "no", "N", "false", "False", "FALSE", "0"];
const BLANKS = ["", "NA", "N/A"];

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

type Extra = Omit<Partial<Field>, "lero"> & { lero?: Partial<FieldLero> };

function field(name: string, type: Field["type"], role: FieldLero["role"], title: string, description: string, extra: Extra = {}): Field {
  const { lero, ...rest } = extra;
  const f: Field = { name, type, title, description, ...rest, lero: { role, ...lero } };
  return f;
}

function categorical(values: readonly string[], ordered = false): Pick<Field, "categories" | "categoriesOrdered" | "constraints"> {
  const out: Pick<Field, "categories" | "categoriesOrdered" | "constraints"> = { categories: [...values] };
  if (ordered) out.categoriesOrdered = true;
  return out;
}

function likert(min: number, max: number, required = false): Pick<Field, "constraints"> {
  return { constraints: { required, minimum: min, maximum: max } };
}

function bool(extra: Extra = {}): Extra {
  return { trueValues: YES, falseValues: NO, ...extra };
}

function listOf(values: readonly string[], delimiter: string): Extra {
  return { itemType: "string", delimiter, categories: [...values] };
}

const region = (aliases: string[], required = true): Field =>
  field("region", "string", "quasi", "Region", "UK ITL1 region (the nine English regions, Wales, Scotland and Northern Ireland).", {
    ...categorical(V.REGION_NAMES),
    constraints: { required },
    lero: { hierarchy: V.REGION_HIERARCHY, aliases },
  });
const ageBand = (aliases: string[]): Field =>
  field("age_band", "string", "quasi", "Age band", "Age in years, in bands.", {
    ...categorical(V.AGE_BANDS, true),
    lero: { hierarchy: V.AGE_HIERARCHY, aliases },
  });
const gender = (aliases: string[]): Field =>
  field("gender", "string", "quasi", "Gender", "Gender as the person describes it.", {
    ...categorical(V.GENDERS),
    lero: { hierarchy: V.GENDER_HIERARCHY, aliases },
  });

// ---------------------------------------------------------------- audit
const Q = V.AUDIT_QUESTIONS;
const audit: TableSchema = {
  $schema: PROFILE,
  name: "audit",
  title: "Research, evaluation and innovation audit of LEROs",
  description:
    "One row per LERO per audit wave, from the peer-researcher-led audit of how Lived Experience Recovery Organisations gather and use evidence. Organisation-level and published as tables only: a LERO's answers to some sixty questions make its row unique, and its region, stage and size bands are known from charity registers and annual reports, so no row-level file is published.",
  missingValues: BLANKS,
  fields: [
    field("response_id", "string", "identifier", "Response number", "The survey tool's own number for the response. Never published.", { lero: { aliases: [V.AUDIT_ID_LABEL] } }),
    field("lero_id", "string", "identifier", "LERO", "The LERO's name as given in the audit. Replaced by a keyed pseudonym before publication; the name is never published.", {
      constraints: { required: true },
      lero: { aliases: [Q.lero_id] },
    }),
    field("wave", "year", "public", "Audit wave", "The year of the audit wave.", { constraints: { required: true, minimum: 2020, maximum: 2035 }, lero: { aliases: [Q.wave] } }),
    region([Q.region]),
    field("stage", "string", "quasi", "Stage of development", "Stage of development, following the government guidance's description of LEROs from a few volunteers to organisations delivering contracts.", {
      ...categorical(V.STAGES, true),
      constraints: { required: true },
      lero: {
        aliases: [Q.stage],
        hierarchy: [
          { name: "broad stage", map: { "Informal group": "Informal or emerging", Emerging: "Informal or emerging", Established: "Established or mature", Mature: "Established or mature" } },
          { name: "all stages", otherwise: "All stages" },
        ],
      },
    }),
    field("legal_form", "string", "quasi", "Legal form", "The LERO's legal structure.", {
      ...categorical(V.LEGAL_FORMS),
      lero: {
        aliases: [Q.legal_form],
        hierarchy: [
          {
            name: "broad legal form",
            map: {
              "Charitable incorporated organisation (CIO)": "Registered charity",
              "Charitable company": "Registered charity",
              "Community interest company (CIC)": "Company or society",
              "Community benefit society": "Company or society",
              "Unincorporated group or association": "Unincorporated or hosted",
              "Hosted by another organisation": "Unincorporated or hosted",
            },
          },
          { name: "all legal forms", otherwise: "All legal forms" },
        ],
      },
    }),
    field("income_band", "string", "quasi", "Income band", "Total income in the last financial year, in bands (income is not published centrally for LEROs).", {
      ...categorical(V.INCOME_BANDS, true),
      lero: {
        aliases: [Q.income_band],
        hierarchy: [
          { name: "broad income band", map: { "Under £10k": "Under £100k", "£10k–£100k": "Under £100k", "£100k–£1m": "£100k or more", "Over £1m": "£100k or more" } },
          { name: "all incomes", otherwise: "All incomes" },
        ],
      },
    }),
    field("staff_band", "string", "quasi", "Paid staff", "Number of paid staff (head count), in bands. Counted as a quasi-identifier: size bands are public in annual reports.", { ...categorical(V.STAFF_BANDS, true), lero: { aliases: [Q.staff_band], hierarchy: [{ name: "all sizes", otherwise: "All sizes" }] } }),
    field("volunteer_band", "string", "quasi", "Volunteers", "Number of active volunteers, in bands. Counted as a quasi-identifier: size bands are public in annual reports.", { ...categorical(V.VOLUNTEER_BANDS, true), lero: { aliases: [Q.volunteer_band], hierarchy: [{ name: "all sizes", otherwise: "All sizes" }] } }),
    field("people_supported_band", "string", "quasi", "People supported", "About how many people the LERO supported in the last 12 months, in bands. Counted as a quasi-identifier: LEROs state it in their annual reports.", {
      ...categorical(V.PEOPLE_BANDS, true),
      lero: { aliases: [Q.people_supported_band], hierarchy: [{ name: "all sizes", otherwise: "All sizes" }] },
    }),
    field("activities", "list", "public", "Activities", "The activities the LERO runs (several may apply).", { ...listOf(V.ACTIVITIES, ";"), lero: { aliases: [Q.activities] } }),
    field("evaluates", "boolean", "public", "Does any evaluation", "Whether the LERO evaluates or measures the difference it makes in any way.", {
      ...bool(),
      constraints: { required: true },
      lero: { aliases: [Q.evaluates] },
    }),
    field("evaluation_methods", "list", "public", "Evaluation methods", "Evaluation methods and recovery-capital tools in use (several may apply; empty when the LERO does no evaluation).", {
      ...listOf(V.EVALUATION_METHODS, ";"),
      lero: { aliases: [Q.evaluation_methods] },
    }),
    field("barriers", "list", "public", "Barriers to evidencing impact", "What gets in the way of evidencing impact (several may apply).", { ...listOf(V.BARRIERS, ";"), lero: { aliases: [Q.barriers] } }),
    field("evidence_uses", "list", "public", "Uses of evidence", "How the LERO uses the evidence it collects (several may apply).", { ...listOf(V.EVIDENCE_USES, ";"), lero: { aliases: [Q.evidence_uses] } }),
    field("innovation_categories", "list", "public", "Innovation", "Kinds of new or innovative work started in the last year (several may apply).", {
      ...listOf(V.INNOVATION_CATEGORIES, ";"),
      lero: { aliases: [Q.innovation_categories] },
    }),
    field("innovation_description", "string", "free-text", "Innovation description", "The LERO's own short description of one innovation. Published only with consent, after personal details are redacted.", {
      constraints: { maxLength: 2000 },
      lero: { publishable: true, consentField: "innovation_consent", aliases: [Q.innovation_description] },
    }),
    field("innovation_consent", "boolean", "public", "Consent to publish the description", "Whether the LERO agreed that its innovation description may be published.", {
      ...bool(),
      lero: { aliases: [Q.innovation_consent] },
    }),
    field("evidence_priority", "integer", "public", "Priority of evidence", "How much of a priority gathering evidence of impact is, from 1 (not a priority) to 5 (a top priority).", {
      ...likert(1, 5),
      lero: { aliases: [Q.evidence_priority] },
    }),
    field("research_confidence", "integer", "public", "Research confidence", "How confident the team feels about research or evaluation, from 1 (not at all) to 5 (very confident).", {
      ...likert(1, 5),
      lero: { aliases: [Q.research_confidence] },
    }),
  ],
  primaryKey: ["lero_id", "wave"],
  foreignKeys: [{ fields: ["region"], reference: { resource: "regions", fields: ["name"] } }],
  lero: {
    unit: "a LERO in an audit wave",
    level: "organisation",
    publish: "aggregates",
    sortKey: ["wave", "region", "lero_id"],
    drop: ["Start time", "Completion time", "Email", "Name", "Last modified time"],
  },
};

// ---------------------------------------------------------------- standards
const standards: TableSchema = {
  $schema: PROFILE,
  name: "standards",
  title: "LERO quality standards self-assessment",
  description:
    "One row per LERO per quality-standard statement in an audit wave: whether the standard is in place and what evidence the LERO holds. The statements come from the reference table data/reference/standards-statements.csv (an illustrative set until the published standards are loaded). Published as aggregates only.",
  missingValues: BLANKS,
  fields: [
    field("lero_id", "string", "identifier", "LERO", "The LERO's name. Replaced by the same keyed pseudonym as in the audit; never published.", { constraints: { required: true } }),
    field("wave", "year", "public", "Audit wave", "The year of the audit wave.", { constraints: { required: true, minimum: 2020, maximum: 2035 } }),
    field("statement_id", "string", "public", "Statement", "The quality-standard statement, by its id in the statements reference table.", {
      constraints: { required: true, pattern: "^(CV|SO|SV|OM)[0-9]{2}$" },
    }),
    field("status", "string", "public", "Status", "Whether the standard is in place.", { ...categorical(V.STANDARD_STATUSES, true), constraints: { required: true } }),
    field("evidence_kind", "string", "public", "Evidence held", "The main kind of evidence the LERO holds for the statement (empty when not applicable).", { ...categorical(V.EVIDENCE_KINDS) }),
    field("good_practice_note", "string", "free-text", "Good-practice note", "An optional note on good practice. Published only with consent, after personal details are redacted.", {
      constraints: { maxLength: 2000 },
      lero: { publishable: true, consentField: "note_consent" },
    }),
    field("note_consent", "boolean", "public", "Consent to publish the note", "Whether the LERO agreed that its note may be published.", bool()),
  ],
  primaryKey: ["lero_id", "wave", "statement_id"],
  foreignKeys: [{ fields: ["statement_id"], reference: { resource: "standards-statements", fields: ["id"] } }],
  lero: { unit: "a LERO × a quality-standard statement in an audit wave", level: "organisation", publish: "aggregates", sortKey: ["wave", "lero_id", "statement_id"] },
};

// ---------------------------------------------------------------- workforce
const W = V.WORKFORCE_QUESTIONS;
const confidence = (when: "before" | "after"): Field[] =>
  V.SKILLS.map((s) =>
    field(
      `confidence_${when}_${s.key}`,
      "integer",
      "public",
      `Confidence ${when}: ${s.label.toLowerCase()}`,
      `Self-rated confidence ${when === "before" ? "before the training (asked afterwards, looking back)" : "after the training"} about ${s.label.toLowerCase()}, from 1 (not at all) to 5 (very).`,
      { ...likert(1, 5), lero: { aliases: [`${when === "before" ? V.CONFIDENCE_BEFORE : V.CONFIDENCE_AFTER} [${s.label}]`] } },
    ),
  );
const workforce: TableSchema = {
  $schema: PROFILE,
  name: "workforce",
  title: "Peer-research training: trainees' feedback",
  description:
    "One row per peer-research trainee in a CLERO training cohort: background, confidence in research skills before and after the training, ratings of each training day and optional feedback. Person-level; published as aggregates only.",
  missingValues: BLANKS,
  fields: [
    field("trainee_id", "string", "identifier", "Trainee number", "The trainee's number from the training programme. Never published.", { constraints: { required: true }, lero: { aliases: [W.trainee_id] } }),
    field("name", "string", "identifier", "Trainee name", "The trainee's name. Never published.", { lero: { aliases: [W.name] } }),
    field("email", "string", "identifier", "E-mail address", "The trainee's e-mail address, collected by the form. Never published.", { lero: { aliases: [W.email] } }),
    field("cohort", "string", "quasi", "Cohort", "The training cohort.", {
      ...categorical(V.COHORTS, true),
      constraints: { required: true },
      lero: { aliases: [W.cohort], hierarchy: [{ name: "all cohorts", otherwise: "All cohorts" }] },
    }),
    field("attendance", "string", "quasi", "Attendance", "How the trainee attended most sessions.", {
      ...categorical(V.ATTENDANCE),
      lero: { aliases: [W.attendance], hierarchy: [{ name: "all", otherwise: "All" }] },
    }),
    field("lero", "string", "identifier", "LERO", "The LERO the trainee is part of. Replaced by a keyed pseudonym; the name is never published.", { lero: { aliases: [W.lero] } }),
    field("prior_research_experience", "list", "public", "Prior research experience", "Research the trainee had done before the training (several may apply).", {
      ...listOf(V.PRIOR_EXPERIENCE, ", "),
      lero: { aliases: [W.prior_research_experience] },
    }),
    field("higher_education", "string", "sensitive", "Higher education", "Whether the trainee has studied at college or university level.", {
      ...categorical(V.HIGHER_EDUCATION),
      lero: { aliases: [W.higher_education] },
    }),
    ...confidence("before"),
    ...confidence("after"),
    ...V.TRAINING_DAYS.map((d, i) =>
      field(`day_${i + 1}`, "integer", "public", `Day ${i + 1} rating`, `How useful the trainee found day ${i + 1} (${d.toLowerCase()}), from 1 (not useful) to 5 (very useful); empty when they missed it.`, {
        ...likert(1, 5),
        lero: { aliases: [V.dayQuestion(i + 1)] },
      }),
    ),
    field("feedback", "string", "free-text", "Feedback", "Optional feedback about the training. Published only with consent, after personal details are redacted.", {
      constraints: { maxLength: 4000 },
      lero: { publishable: true, consentField: "feedback_consent", aliases: [W.feedback] },
    }),
    field("feedback_consent", "boolean", "public", "Consent to quote feedback", "Whether the trainee agreed that their feedback may be quoted without their name.", {
      ...bool(),
      lero: { aliases: [W.feedback_consent] },
    }),
  ],
  primaryKey: ["trainee_id"],
  lero: { unit: "a peer-research trainee in a training cohort", level: "person", publish: "aggregates", sortKey: ["cohort", "trainee_id"], drop: ["Timestamp"] },
};

// ---------------------------------------------------------------- stigma
const S = V.STIGMA_QUESTIONS;
const stigmaItems: Field[] = V.STIGMA_GROUPS.flatMap((group) =>
  V.STIGMA_ITEMS[group].map((item, i) => {
    const scale =
      group === "enacted" ? "1 (never) to 5 (very often)" : group === "anticipated" ? "1 (very unlikely) to 5 (very likely)" : "1 (strongly disagree) to 5 (strongly agree)";
    return field(`${group}_${i + 1}`, "integer", "sensitive", `${group[0]!.toUpperCase()}${group.slice(1)} stigma ${i + 1} (adapted)`, `${item}. Scored ${scale}. Item written for this survey and adapted from the ${group} stigma group of the Substance Use Stigma Mechanisms Scale (Smith et al., 2016), asked separately for each setting.`, {
      ...likert(1, 5),
      lero: { aliases: [`${V.STIGMA_QIDS[group]}_${i + 1}`, `${V.STIGMA_STEMS[group]} - ${item}`] },
    });
  }),
);
const stigma: TableSchema = {
  $schema: PROFILE,
  name: "stigma",
  title: "Experiences of stigma in services",
  description:
    "One row per respondent per service setting they answered about: enacted, anticipated and internalised stigma on 5-point scales (items adapted from the Substance Use Stigma Mechanisms Scale and asked per setting), whether it led them to avoid care, and an optional consented quote. Person-level: row-level data is published only once every combination of survey year, region, age band, gender and role is shared by at least 10 people; quotes are published only in their own list, never beside a person's answers.",
  missingValues: BLANKS,
  fields: [
    field("respondent_id", "string", "identifier", "Respondent", "The survey tool's response id. Replaced by a keyed pseudonym; never published as given.", {
      constraints: { required: true },
      lero: { aliases: ["ResponseId", "Response ID"] },
    }),
    field("setting", "string", "public", "Setting", "The service the answers are about.", {
      ...categorical(V.SETTINGS),
      constraints: { required: true },
      lero: { aliases: ["Which service is this about?"] },
    }),
    ...stigmaItems,
    field("avoided_care", "boolean", "sensitive", "Avoided or put off care", "Whether the experience ever led the person to avoid or put off using the service.", {
      ...bool(),
      lero: { aliases: [S.avoided_care.id, S.avoided_care.text] },
    }),
    field("year", "year", "quasi", "Survey year", "The year of the survey wave. A quasi-identifier: someone who knows a person took part knows when.", {
      constraints: { required: true, minimum: 2020, maximum: 2035 },
      lero: { hierarchy: [{ name: "all years", otherwise: "All years" }] },
    }),
    region([S.region.id, S.region.text]),
    ageBand([S.age_band.id, S.age_band.text]),
    gender([S.gender.id, S.gender.text]),
    field("role", "string", "quasi", "Respondent's role", "Whether the respondent answered as a person in recovery, a family member or a worker.", {
      ...categorical(V.STIGMA_ROLES),
      lero: { aliases: [S.role.id, S.role.text], hierarchy: [{ name: "all roles", otherwise: "All roles" }] },
    }),
    field("quote", "string", "free-text", "Quote", "The respondent's own words about an experience. Published only with consent, after personal details are redacted; quotes are left as said.", {
      constraints: { maxLength: 4000 },
      lero: { publishable: true, consentField: "quote_consent", aliases: [S.quote.id, S.quote.text] },
    }),
    field("quote_consent", "boolean", "public", "Consent to quote", "Whether the respondent agreed to be quoted without their name.", {
      ...bool(),
      lero: { aliases: [S.quote_consent.id, S.quote_consent.text] },
    }),
  ],
  primaryKey: ["respondent_id", "setting"],
  foreignKeys: [{ fields: ["region"], reference: { resource: "regions", fields: ["name"] } }],
  lero: {
    unit: "a respondent × a service setting",
    level: "person",
    publish: "microdata",
    subject: "respondent_id",
    sortKey: ["year", "setting", "region", "respondent_id"],
    drop: unique([
      ...V.QUALTRICS_METADATA.map((m) => m.id).filter((id) => id !== "ResponseId"),
      "Start Date",
      "End Date",
      "Response Type",
      "IP Address",
      "Recorded Date",
      "Recipient Last Name",
      "Recipient First Name",
      "Recipient Email",
      "External Data Reference",
      "Location Latitude",
      "Location Longitude",
      "Distribution Channel",
      "User Language",
    ]),
  },
};

// ---------------------------------------------------------------- outcomes
const outcomes: TableSchema = {
  $schema: PROFILE,
  name: "outcomes",
  title: "Recovery capital over time (BARC-10)",
  description:
    "One row per person per assessment: the Brief Assessment of Recovery Capital (BARC-10; Vilsaint et al., 2017) at intake, 3, 6 and 12 months. Ten items scored 1 (strongly disagree) to 6 (strongly agree); the total runs from 10 to 60, and 47 or more was associated with sustained remission. Person-level and longitudinal: people, not rows, are counted for k = 10, and which assessments a person attended counts as a quasi-identifier with their region, age band, gender and intake quarter.",
  missingValues: BLANKS,
  fields: [
    field("person_id", "string", "identifier", "Person", "The LERO's own record id for the person. Replaced by a keyed pseudonym so that a person's assessments can be linked; never published as given.", {
      constraints: { required: true },
      lero: { aliases: ["record_id", "Record ID", "client_id"] },
    }),
    field("assessment", "string", "public", "Assessment", "Which assessment the row is.", { ...categorical(V.ASSESSMENTS, true), constraints: { required: true }, lero: { aliases: ["timepoint"] } }),
    field("assessment_date", "date", "quasi", "Assessment date", "The date of the assessment (generalised to quarter or year before publication).", {
      format: "%Y-%m-%d",
      constraints: { required: true, minimum: "2020-01-01", maximum: "2030-12-31" },
      lero: { hierarchy: V.DATE_HIERARCHY },
    }),
    field("lero", "string", "identifier", "LERO", "The LERO that ran the assessment. Replaced by a keyed pseudonym; the name is never published.", { constraints: { required: true } }),
    region([]),
    ageBand([]),
    gender([]),
    field("primary_substance", "string", "sensitive", "Primary substance", "The substance the person most wanted support with.", { ...categorical(V.SUBSTANCES) }),
    ...V.BARC_ITEMS.map((item, i) =>
      field(`barc_${i + 1}`, "integer", "sensitive", `BARC-10 item ${i + 1}: ${item.domain.toLowerCase()}`, `${item.label} (${item.domain.toLowerCase()}). Scored 1 (strongly disagree) to 6 (strongly agree).`, {
        ...likert(1, 6, true),
      }),
    ),
    field("barc_total", "integer", "sensitive", "BARC-10 total", "Sum of the ten items, 10 to 60; higher means more recovery capital. 47 or more was associated with sustained remission.", {
      constraints: { required: true, minimum: 10, maximum: 60 },
    }),
  ],
  primaryKey: ["person_id", "assessment"],
  foreignKeys: [{ fields: ["region"], reference: { resource: "regions", fields: ["name"] } }],
  lero: { unit: "a person × an assessment", level: "person", publish: "microdata", subject: "person_id", patternQuasi: "assessment", sortKey: ["region", "person_id", "assessment_date"] },
};

// ---------------------------------------------------------------- stories
const stories: TableSchema = {
  $schema: PROFILE,
  name: "stories",
  title: "Stories of LERO impact",
  description:
    "The front matter of each Markdown story in stories/*.md. A story is published only when consent is given and not withdrawn; the LERO is named only when the organisation consented.",
  fields: [
    field("slug", "string", "public", "Slug", "The story's address on the site (lower case, hyphens).", { constraints: { required: true, unique: true, pattern: "^[a-z0-9]+(-[a-z0-9]+)*$" } }),
    field("title", "string", "public", "Title", "The story's headline.", { constraints: { required: true, maxLength: 120 } }),
    field("lero", "string", "free-text", "LERO", "The LERO the story is about; shown only when lero_consent is true.", { lero: { publishable: true, consentField: "lero_consent" } }),
    field("lero_consent", "boolean", "public", "LERO consented to be named", "Whether the organisation agreed to be named with the story.", {}),
    region([], false),
    field("themes", "list", "public", "Themes (CHIME)", "Recovery processes the story shows, from the CHIME framework: connectedness, hope, identity, meaning, empowerment.", {
      itemType: "string",
      categories: [...V.CHIME],
      constraints: { required: true, minLength: 1 },
    }),
    field("consent_given", "boolean", "public", "Consent given", "Whether the person consented to the story being published.", { constraints: { required: true } }),
    field("consent_date", "date", "public", "Consent date", "When consent was given.", {}),
    field("withdrawn", "date", "public", "Consent withdrawn", "When consent was withdrawn, if it was; a withdrawn story is never published.", {}),
    field("illustrative", "boolean", "public", "Illustrative", "True for sample stories written to show the layout; they are not real accounts.", { constraints: { required: true } }),
  ],
  primaryKey: ["slug"],
  foreignKeys: [{ fields: ["region"], reference: { resource: "regions", fields: ["name"] } }],
  lero: { unit: "a consented impact story", level: "person", publish: "microdata", sortKey: ["slug"] },
};

export const SCHEMAS: Record<string, TableSchema> = { audit, standards, workforce, stigma, outcomes, stories };

export function writeSchemas(dir: string = SCHEMA_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(SCHEMAS).map(([name, schema]) => {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
    return file;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of writeSchemas()) console.error(`wrote ${file}`);
}

/** audit.xlsx: a Microsoft Forms export of the research, evaluation and innovation audit. */
import ExcelJS from "exceljs";
import * as V from "../schemas/vocab.ts";
import type { Lero } from "./leros.ts";
import { clamp, Rng } from "./prng.ts";
import { MS_FORMS_METADATA } from "./sample-vocab.ts";
import { innovationDescription, seedFrom } from "./compose.ts";
import { AUDIT_TRAPS, type PlantedText } from "./texts.ts";
import { fixZipTimes, type Trap } from "./util.ts";

export const AUDIT_WAVE = 2025;
export const FIXED_DATE = new Date(Date.UTC(2025, 5, 30, 12, 0, 0));

export interface AuditAnswers {
  lero: Lero;
  evaluates: boolean;
  methods: string[];
}

function msList(items: readonly string[]): string {
  return items.length === 0 ? "" : `${items.join(";")};`;
}

export async function makeAudit(leros: readonly Lero[], hostile: readonly PlantedText[] = []): Promise<{ buffer: Buffer; answers: AuditAnswers[]; traps: Trap[] }> {
  const rng = new Rng("audit");
  // Submission order: shuffled, with start times spread over eight weeks.
  const order = rng.shuffle(leros);
  const start0 = Date.UTC(2025, 2, 3, 9, 0, 0) / 1000;
  const starts = order.map(() => start0 + rng.int(0, 53 * 86_400)).sort((a, b) => a - b);

  const headers = [V.AUDIT_ID_LABEL, ...MS_FORMS_METADATA, ...Object.values(V.AUDIT_QUESTIONS)];
  const rows: (string | number | Date | null)[][] = [];
  const answers: AuditAnswers[] = [];
  const traps: Trap[] = [];
  // Row 71 is the quality gates' slot: an ordinary answer here, hostile markup in their sample.
  const trapRows = new Map<number, PlantedText>([
    [23, AUDIT_TRAPS[0]],
    [71, hostile[0] ?? { what: "", text: innovationDescription(71) }],
    [118, AUDIT_TRAPS[1]],
  ]);

  order.forEach((lero, i) => {
    const s = lero.stage;
    const p = (byStage: readonly number[]) => byStage[s] ?? 0;
    const activities = rng.subset(V.ACTIVITIES, (a) =>
      ({
        "Peer support groups": 0.93,
        "Recovery café or community hub": [0.25, 0.45, 0.7, 0.85][s] ?? 0.5,
        "Mutual aid meetings": 0.6,
        "Recovery walks": 0.4,
        "Alcohol- and drug-free social events": 0.6,
        "Arts, sport or allotment projects": [0.3, 0.45, 0.6, 0.75][s] ?? 0.5,
        "Structured day programme": [0.02, 0.1, 0.3, 0.55][s] ?? 0.2,
        "Peer-led housing": [0, 0.02, 0.08, 0.3][s] ?? 0.05,
        "Employment, training or volunteering": [0.1, 0.25, 0.45, 0.7][s] ?? 0.3,
        "Family support": 0.35,
        "Harm reduction": [0.1, 0.2, 0.35, 0.5][s] ?? 0.3,
        "Online groups": 0.45,
      })[a] ?? 0.3,
    );
    if (activities.length === 0) activities.push("Peer support groups");

    const evaluates = rng.chance(p([0.35, 0.62, 0.86, 0.97]));
    let methods: string[] = [];
    if (evaluates) {
      methods = rng.subset(V.EVALUATION_METHODS, (m) =>
        ({
          "Routine outcome monitoring": p([0.05, 0.2, 0.45, 0.72]),
          "REC-CAP": p([0.05, 0.15, 0.3, 0.4]),
          "BARC-10": p([0.1, 0.25, 0.35, 0.45]),
          "Assessment of Recovery Capital (ARC)": p([0.02, 0.06, 0.1, 0.15]),
          "Outcomes Star": p([0.02, 0.1, 0.2, 0.35]),
          "Satisfaction surveys": p([0.4, 0.55, 0.65, 0.75]),
          "Case studies": p([0.55, 0.65, 0.75, 0.85]),
          "External evaluation": p([0, 0.05, 0.2, 0.45]),
          "University partnership": p([0.02, 0.08, 0.2, 0.4]),
          "Peer research": p([0.1, 0.15, 0.25, 0.35]),
          "Social return on investment (SROI)": p([0, 0.02, 0.08, 0.2]),
        })[m] ?? 0.1,
      );
      if (methods.length === 0) methods.push("Case studies");
    }

    const barrierCount = rng.int(1, 4);
    const barrierWeights = [0.9, 0.8, s < 2 ? 0.7 : 0.35, 0.5, 0.35, s < 2 ? 0.45 : 0.3, 0.3, s < 2 ? 0.5 : 0.25, 0.3];
    const barriers: string[] = [];
    while (barriers.length < barrierCount) {
      const b = rng.weighted(V.BARRIERS, barrierWeights);
      if (!barriers.includes(b)) barriers.push(b);
    }
    barriers.sort((a, b) => V.BARRIERS.indexOf(a as never) - V.BARRIERS.indexOf(b as never));

    let uses: string[] = [];
    if (evaluates) {
      uses = rng.subset(V.EVIDENCE_USES.slice(0, 7), (u) =>
        ({
          "Funding bids": 0.75,
          "Reports to commissioners or funders": p([0.05, 0.3, 0.7, 0.92]),
          "Improving what we offer": 0.6,
          "Annual report": p([0.05, 0.2, 0.6, 0.9]),
          "Campaigning and advocacy": 0.3,
          "Social media and publicity": 0.5,
          "Sharing learning with other LEROs": 0.3,
        } as Record<string, number>)[u] ?? 0.3,
      );
    }
    if (uses.length === 0) uses = ["We do not use it yet"];

    let innovation: string[] = [];
    if (rng.chance(p([0.55, 0.7, 0.8, 0.88]))) {
      const pool = V.INNOVATION_CATEGORIES.slice(0, 9);
      const n = rng.int(1, 3);
      while (innovation.length < n) {
        const c = rng.pick(pool);
        if (!innovation.includes(c)) innovation.push(c);
      }
      innovation.sort((a, b) => V.INNOVATION_CATEGORIES.indexOf(a as never) - V.INNOVATION_CATEGORIES.indexOf(b as never));
    } else innovation = ["None in the last year"];

    const row = i + 1;
    const trap = trapRows.get(row);
    let description: string | null = null;
    let consent: string | null = null;
    if (trap !== undefined) {
      description = trap.text;
      consent = "Yes";
      if (trap.what !== "") traps.push({ file: "audit.xlsx", row, line: row + 1, column: V.AUDIT_QUESTIONS.innovation_description, field: "innovation_description", what: trap.what });
      if (innovation[0] === "None in the last year") innovation = ["New activity or service"];
    } else if (innovation[0] !== "None in the last year" && rng.chance(0.4)) {
      description = innovationDescription(seedFrom(rng));
      consent = rng.chance(0.75) ? "Yes" : "No";
    }

    const priority = clamp(Math.round(rng.normal(3.6 + 0.25 * s, 0.9)), 1, 5);
    const confidence = clamp(Math.round(rng.normal(2 + 0.55 * s, 0.9)), 1, 5);
    const start = starts[i] ?? start0;
    const completion = start + rng.int(8 * 60, 45 * 60);

    rows.push([
      row,
      new Date(start * 1000),
      new Date(completion * 1000),
      "anonymous",
      null,
      lero.name,
      String(AUDIT_WAVE),
      lero.region.name,
      V.STAGES[s] ?? "",
      lero.legalForm,
      V.INCOME_BANDS[lero.income] ?? "",
      lero.staff,
      lero.volunteers,
      V.PEOPLE_BANDS[lero.peopleBand] ?? "",
      msList(activities),
      evaluates ? "Yes" : "No",
      msList(methods),
      msList(barriers),
      msList(uses),
      msList(innovation),
      description,
      consent,
      priority,
      confidence,
    ]);
    answers.push({ lero, evaluates, methods });
  });

  const wb = new ExcelJS.Workbook();
  wb.creator = "Microsoft Forms";
  wb.lastModifiedBy = "Microsoft Forms";
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.lastPrinted = FIXED_DATE;
  const ws = wb.addWorksheet("Sheet1");
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  ws.getColumn(2).numFmt = "m/d/yy h:mm:ss";
  ws.getColumn(3).numFmt = "m/d/yy h:mm:ss";
  ws.getRow(1).font = { bold: true };
  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer: fixZipTimes(raw), answers, traps };
}

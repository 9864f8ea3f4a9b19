import { describe, expect, it } from "vitest";
import { adaptOdk, isOdkHeader } from "../../loaders/read/adapters/odk.ts";
import { choiceName } from "../../loaders/read/choice-name.ts";
import { detectFormat } from "../../loaders/read/detect.ts";
import { readExport } from "../../loaders/read/index.ts";
import { splitMultiSelect } from "../../loaders/read/multiselect.ts";
import type { Field, TableSchema } from "../../loaders/schema.ts";
import { castValue } from "../../loaders/validate/cast.ts";
import { validateTable } from "../../loaders/validate/index.ts";
import { tempFolder } from "./helpers.ts";

const folder = tempFolder("odk");

describe("ODK Central and KoboToolbox exports", () => {
  it("are recognised by their submission columns, and a plain table with a `start` column is not", () => {
    expect(detectFormat([["start", "end", "region", "_id", "_uuid", "_submission_time"]])).toBe("odk");
    expect(detectFormat([["SubmissionDate", "region", "meta-instanceID", "KEY"]])).toBe("odk");
    expect(isOdkHeader(["start", "end", "region"])).toBe(false);
    expect(detectFormat([["start", "end", "region"]])).toBe("plain");
  });

  it("mark the tools' columns (with their exact case) and Kobo's per-choice columns as the tool's own", () => {
    const adapted = adaptOdk([["start", "status", "activities", "activities/peer_support", "Status", "SubmitterName", "_uuid"], ["t", "a", "peer_support", "1", "received", "Tablet 1", "u"]]);
    expect(adapted.toolColumns).toEqual(["start", "activities/peer_support", "Status", "SubmitterName", "_uuid"]);
    expect(adapted.listSeparator).toBe(" ");
  });

  it("validate with choice names as answers, select_multiple names joined by spaces, and the tool columns left out", async () => {
    const schema: TableSchema = {
      name: "t",
      title: "T",
      description: "",
      fields: [
        { name: "status", type: "string", categories: ["In place", "Not yet in place"], lero: { role: "public" } },
        { name: "activities", type: "list", itemType: "string", categories: ["Peer support", "Arts, sport or allotment projects"], lero: { role: "public" } },
      ],
      lero: { unit: "a row", level: "organisation", publish: "aggregates", sortKey: ["status"] },
    };
    const file = folder.write("odk.csv", "SubmissionDate,status,activities,meta-instanceID,KEY,Status\n2026-03-01,not_yet_in_place,peer_support arts_sport_or_allotment_projects,uuid:1,uuid:1,received\n");
    const table = await readExport(file);
    expect(table.format).toBe("odk");
    const result = validateTable(table, schema, {});
    expect(result.issues).toEqual([]);
    expect(result.dropped).toEqual(["SubmissionDate", "meta-instanceID", "KEY", "Status"]);
    expect(result.records).toEqual([{ status: "Not yet in place", activities: ["Peer support", "Arts, sport or allotment projects"] }]);
  });
});

describe("choice names", () => {
  it("are lower case with runs of other characters as one underscore, & as and, + as plus", () => {
    expect(choiceName("Hospital or A&E")).toBe("hospital_or_a_and_e");
    expect(choiceName("65+")).toBe("65_plus");
    expect(choiceName("£10k–£100k")).toBe("10k_100k");
    expect(choiceName("Charitable incorporated organisation (CIO)")).toBe("charitable_incorporated_organisation_cio");
  });

  it("are accepted as the category, after its value and label", () => {
    const field: Field = { name: "age", type: "string", categories: ["65+", "18–24"], lero: { role: "quasi" } };
    expect(castValue(field, "65_plus")).toEqual({ ok: true, value: "65+" });
    expect(castValue(field, "18_24")).toEqual({ ok: true, value: "18–24" });
    // Only the exact name: other spellings stay as they are, for the category check to report.
    expect(castValue(field, "65 plus")).toEqual({ ok: true, value: "65 plus" });
  });

  it("split on spaces, which no choice name contains", () => {
    expect(splitMultiSelect("peer_support  arts_sport ", " ", ["peer_support", "arts_sport", "Peer support"])).toEqual(["peer_support", "arts_sport"]);
  });
});

describe("tool columns", () => {
  it("Google Forms' Timestamp is left out with no mapping; its Email address is not", async () => {
    const schema: TableSchema = {
      name: "t",
      title: "T",
      description: "",
      fields: [{ name: "region", type: "string", title: "Region", lero: { role: "public" } }],
      lero: { unit: "a row", level: "organisation", publish: "aggregates", sortKey: ["region"] },
    };
    const file = folder.write("google.csv", "Timestamp,Email address,Region\n3/1/2026 12:00:00,a@example.org,Wales\n");
    const result = validateTable(await readExport(file), schema, {});
    expect(result.dropped).toEqual(["Timestamp"]);
    expect(result.issues.map((issue) => [issue.code, issue.label])).toEqual([["extra-label", "Email address"]]);
  });
});

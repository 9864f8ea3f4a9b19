/**
 * The pseudonym register: CLERO's private list that gives every identifier a random ID the first time
 * it is seen. Published pseudonyms are the keyed hash of that random ID, never of the identifier
 * itself, so an identifier that carries its LERO (`L114-000001`) or a name cannot be tested against
 * the published pseudonyms even by someone who holds the key: they would need the register too.
 *
 * The register lives beside the exports, never under `dist/`. Entries are only ever added, so the same
 * person keeps the same pseudonym in every build, and two builds from the same data and register are
 * byte-identical. It is written atomically (a temporary file renamed into place) and only after a
 * build has passed every check.
 */
import { createHmac, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { PipelineError } from "../types.ts";

/** The register's file name in a data folder. */
export const REGISTER_FILE = "pseudonym-register.csv";
/** The environment variable that puts the register somewhere other than the data folder. */
export const REGISTER_VARIABLE = "LERO_PSEUDONYM_REGISTER";
/** Set to `1` to start a new register on purpose although a real release has been published before. */
export const NEW_REGISTER_VARIABLE = "LERO_NEW_PSEUDONYM_REGISTER";

const HEADER = ["kind", "identifier", "random_id"] as const;
/** 128 random bits in lower-case hex: lower case, because pseudonyms are made of lower-cased text. */
const RANDOM_ID = /^[0-9a-f]{32}$/;

/** Draws the random ID of a new identifier (of one kind, e.g. `person_ref`). */
export type RandomIdSource = (kind: string, identifier: string) => string;

/** A real build: 128 bits from the operating system's secure random source. */
export const secureRandomId: RandomIdSource = () => {
  // Drawn 256 IDs at a time: one call to the secure source instead of one per identifier.
  if (poolAt >= pool.length) {
    pool = randomBytes(16 * 256);
    poolAt = 0;
  }
  poolAt += 16;
  return pool.toString("hex", poolAt - 16, poolAt);
};
let pool = Buffer.alloc(0);
let poolAt = 0;

/**
 * Random IDs for the illustrative sample, drawn from a public seed so that a fresh clone builds the
 * same sample site without shipping a register. Like the demo pseudonym key, it protects nothing.
 */
export function seededRandomId(seed: string): RandomIdSource {
  return (kind, identifier) => createHmac("sha256", seed).update(`register\0${kind}\0${identifier}`, "utf8").digest("hex").slice(0, 32);
}

/** The form in which identifiers are compared: trimmed, NFC-normalised and lower-cased. */
export function normaliseIdentifier(value: string): string {
  return value.trim().normalize("NFC").toLowerCase();
}

export class PseudonymRegister {
  /** Where the register is saved, or undefined for one kept in memory (benchmarks). */
  readonly file: string | undefined;
  private readonly entries = new Map<string, { ids: Map<string, string>; used: Set<string> }>();
  private readonly draw: RandomIdSource;
  private addedCount = 0;
  private readonly existed: boolean;

  private constructor(file: string | undefined, draw: RandomIdSource, existed: boolean) {
    this.file = file;
    this.draw = draw;
    this.existed = existed;
  }

  /** A register that is never saved. */
  static inMemory(draw: RandomIdSource): PseudonymRegister {
    return new PseudonymRegister(undefined, draw, false);
  }

  /**
   * Reads the register at `file` (an absent file is an empty register, created when saved). A
   * malformed register stops the build with its line and column: it must be restored, not repaired.
   */
  static load(file: string, draw: RandomIdSource): PseudonymRegister {
    const exists = existsSync(file);
    const register = new PseudonymRegister(file, draw, exists);
    if (!exists) return register;
    let rows: string[][];
    try {
      rows = parse(readFileSync(file, "utf8"), { relax_column_count: true, skip_empty_lines: true }) as string[][];
    } catch (error) {
      throw registerError(file, `cannot be read as CSV (${(error as Error).message})`, { cause: error });
    }
    const header = rows[0];
    if (header === undefined || header.join(",") !== HEADER.join(",")) {
      throw registerError(file, `line 1 must be the header "${HEADER.join(",")}", not "${(header ?? []).join(",")}"`);
    }
    const seen = new Map<string, number>();
    rows.slice(1).forEach((row, index) => {
      const line = index + 2;
      if (row.length !== HEADER.length) throw registerError(file, `line ${line} has ${row.length} columns; every line needs ${HEADER.length} (${HEADER.join(", ")})`);
      const [kind, identifier, id] = row as [string, string, string];
      if (kind.trim() === "") throw registerError(file, `line ${line}, column 1 (kind) is blank`);
      if (identifier !== normaliseIdentifier(identifier) || identifier === "") {
        throw registerError(file, `line ${line}, column 2 (identifier) is not in the register's form (trimmed, lower case)`);
      }
      if (!RANDOM_ID.test(id)) throw registerError(file, `line ${line}, column 3 (random_id) is not 32 lower-case hexadecimal characters`);
      const byKind = register.kind(kind);
      if (byKind.ids.has(identifier)) throw registerError(file, `line ${line} repeats an identifier of kind "${kind}" already given an ID on an earlier line`);
      const idKey = `${kind}\0${id}`;
      const earlier = seen.get(idKey);
      if (earlier !== undefined) throw registerError(file, `line ${line} gives kind "${kind}" the same random_id as line ${earlier}, which would merge two people or organisations`);
      seen.set(idKey, line);
      byKind.ids.set(identifier, id);
      byKind.used.add(id);
    });
    return register;
  }

  /** True when the register was read from a file rather than started afresh. */
  get loadedFromFile(): boolean {
    return this.existed;
  }

  /** How many identifiers were given an ID since the register was loaded. */
  get added(): number {
    return this.addedCount;
  }

  get size(): number {
    let n = 0;
    for (const byKind of this.entries.values()) n += byKind.ids.size;
    return n;
  }

  /** The random ID of an identifier of `kind`, drawing a new one the first time it is seen. */
  idOf(kind: string, value: string): string {
    const identifier = normaliseIdentifier(value);
    if (identifier === "") throw new RangeError("A blank identifier has no random ID: treat it as missing (null).");
    const byKind = this.kind(kind);
    let id = byKind.ids.get(identifier);
    if (id === undefined) {
      for (let attempt = 0; id === undefined || byKind.used.has(id); attempt++) {
        if (attempt > 3) throw new Error(`The random ID source gave IDs already in use ${attempt} times for kind "${kind}".`);
        id = this.draw(kind, attempt === 0 ? identifier : `${identifier}\0${attempt}`);
        if (!RANDOM_ID.test(id)) throw new Error(`The random ID source gave "${id}", not 32 lower-case hexadecimal characters.`);
      }
      byKind.ids.set(identifier, id);
      byKind.used.add(id);
      this.addedCount++;
    }
    return id;
  }

  /** Writes the register (sorted, so it diffs well) to a temporary file and renames it into place. */
  async save(): Promise<void> {
    if (this.file === undefined) return;
    if (this.addedCount === 0 && this.existed) return;
    const rows: string[][] = [];
    for (const kind of [...this.entries.keys()].sort()) {
      const { ids } = this.entries.get(kind)!;
      for (const identifier of [...ids.keys()].sort()) rows.push([kind, identifier, ids.get(identifier)!]);
    }
    await mkdir(dirname(this.file), { recursive: true });
    // Unique per save, so two builds saving at once (test workers share a pid) never share a file.
    const temporary = `${this.file}.partial-${process.pid}-${randomBytes(6).toString("hex")}`;
    try {
      await writeFile(temporary, stringify([[...HEADER], ...rows]), { mode: 0o600 });
      await rename(temporary, this.file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  private kind(kind: string): { ids: Map<string, string>; used: Set<string> } {
    let byKind = this.entries.get(kind);
    if (byKind === undefined) this.entries.set(kind, (byKind = { ids: new Map(), used: new Set() }));
    return byKind;
  }
}

function registerError(file: string, problem: string, options: { cause?: unknown } = {}): PipelineError {
  return new PipelineError(
    "scheme-error",
    `The pseudonym register ${file} ${problem}. The register must not be edited by hand: restore it from your backup. ` +
      `Without it every published pseudonym changes, so rows no longer link to earlier releases.`,
    { file, ...options },
  );
}

export interface RegisterLocation {
  /** The folder of the exports. */
  dataDir: string;
  /** The private review folder (where a sample build keeps its register). */
  reviewDir: string;
  /** True for the bundled illustrative sample. */
  sample: boolean;
  env: NodeJS.ProcessEnv;
  /** Whether the output folder already holds a release built from real data. */
  realReleaseExists: boolean;
  /** The seed of a sample build's random IDs (the public demo key). */
  sampleSeed: string;
}

/**
 * The register a build uses: `LERO_PSEUDONYM_REGISTER` when set, else `pseudonym-register.csv` in the
 * data folder (for the sample, in the review folder, with IDs from the public seed). A real build whose
 * register is missing after a real release has been published stops, because every pseudonym would
 * change; `LERO_NEW_PSEUDONYM_REGISTER=1` starts a new one on purpose.
 */
export function openRegister(where: RegisterLocation): PseudonymRegister {
  const configured = where.env[REGISTER_VARIABLE]?.trim();
  const file = configured ? configured : join(where.sample ? where.reviewDir : where.dataDir, REGISTER_FILE);
  if (!where.sample && !existsSync(file) && where.realReleaseExists && where.env[NEW_REGISTER_VARIABLE] !== "1") {
    throw new PipelineError(
      "scheme-error",
      `The pseudonym register ${file} is missing, but a release built from real data has already been published. ` +
        `Without the register every pseudonym would change and rows would no longer link to that release. ` +
        `Restore the register from your backup (or set ${REGISTER_VARIABLE} to where it is kept). ` +
        `To start new pseudonyms on purpose, set ${NEW_REGISTER_VARIABLE}=1 for this build.`,
      { file },
    );
  }
  return PseudonymRegister.load(file, where.sample ? seededRandomId(where.sampleSeed) : secureRandomId);
}

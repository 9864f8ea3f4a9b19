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
import { mkdir, open, rename, rm, type FileHandle } from "node:fs/promises";
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

/**
 * The identifiers of one kind and their random IDs, held compactly: each ID as 16 bytes in one buffer
 * (not as a 32-character string), and an index of IDs by their first 31 bits to refuse one already
 * in use. About 60 bytes per identifier beside the identifier's own text.
 */
class KindEntries {
  /** Identifier → its entry's number. */
  readonly ids = new Map<string, number>();
  #bytes = Buffer.alloc(16 * 1024);
  /** First 31 bits of an ID → the entry (or entries) whose ID starts so. */
  readonly #byPrefix = new Map<number, number | number[]>();

  get size(): number {
    return this.ids.size;
  }

  /** The random ID of entry `entry`, as 32 lower-case hexadecimal characters. */
  idAt(entry: number): string {
    return this.#bytes.toString("hex", entry * 16, entry * 16 + 16);
  }

  /** The entry already holding random ID `id` (32 lower-case hexadecimal characters), if any. */
  entryWithId(id: string): number | undefined {
    // Read from the text itself: no buffer is made for an ID that is new, as almost every one is.
    return this.#holding(this.#byPrefix.get(idPrefix(id)), id);
  }

  /** Of the entries an index key names, the one holding `id`, if any. */
  #holding(found: number | number[] | undefined, id: string): number | undefined {
    for (const entry of found === undefined ? [] : typeof found === "number" ? [found] : found) if (this.idAt(entry) === id) return entry;
    return undefined;
  }

  /**
   * Adds a new identifier with random ID `id` unless another entry holds that ID already (then adds
   * nothing and says so): one look in the index for both.
   */
  addIfFree(identifier: string, id: string): boolean {
    const prefix = idPrefix(id);
    const found = this.#byPrefix.get(prefix);
    if (this.#holding(found, id) !== undefined) return false;
    const entry = this.ids.size;
    if ((entry + 1) * 16 > this.#bytes.length) {
      const grown = Buffer.alloc(this.#bytes.length * 2);
      this.#bytes.copy(grown);
      this.#bytes = grown;
    }
    this.#bytes.write(id, entry * 16, 16, "hex");
    if (found === undefined) this.#byPrefix.set(prefix, entry);
    else if (typeof found === "number") this.#byPrefix.set(prefix, [found, entry]);
    else found.push(entry);
    this.ids.set(identifier, entry);
    return true;
  }
}

/** An ID's first 31 bits, the key of `KindEntries`' index. */
function idPrefix(id: string): number {
  return Number.parseInt(id.slice(0, 8), 16) >>> 1;
}

/** Rows of the register written at a time when it is saved, so its text is never held whole. */
const SAVE_BATCH = 10_000;

export class PseudonymRegister {
  /** Where the register is saved, or undefined for one kept in memory (benchmarks). */
  readonly file: string | undefined;
  private readonly entries = new Map<string, KindEntries>();
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
   * Each line is taken as it is parsed; a file that is not CSV at all is reported before any line.
   */
  static load(file: string, draw: RandomIdSource): PseudonymRegister {
    const exists = existsSync(file);
    const register = new PseudonymRegister(file, draw, exists);
    if (!exists) return register;
    let index = -1;
    let problem: PipelineError | undefined;
    // The line each entry was read from, by kind, to name the earlier line of a repeated random ID.
    const linesOf = new Map<string, number[]>();
    const take = (row: string[]): void => {
      index++;
      if (problem !== undefined) return;
      if (index === 0) {
        if (row.join(",") !== HEADER.join(",")) problem = registerError(file, `line 1 must be the header "${HEADER.join(",")}", not "${row.join(",")}"`);
        return;
      }
      const line = index + 1;
      if (row.length !== HEADER.length) return void (problem = registerError(file, `line ${line} has ${row.length} columns; every line needs ${HEADER.length} (${HEADER.join(", ")})`));
      const [kind, identifier, id] = row as [string, string, string];
      if (kind.trim() === "") return void (problem = registerError(file, `line ${line}, column 1 (kind) is blank`));
      if (identifier !== normaliseIdentifier(identifier) || identifier === "") {
        return void (problem = registerError(file, `line ${line}, column 2 (identifier) is not in the register's form (trimmed, lower case)`));
      }
      if (!RANDOM_ID.test(id)) return void (problem = registerError(file, `line ${line}, column 3 (random_id) is not 32 lower-case hexadecimal characters`));
      const byKind = register.kind(kind);
      if (byKind.ids.has(identifier)) return void (problem = registerError(file, `line ${line} repeats an identifier of kind "${kind}" already given an ID on an earlier line`));
      let lines = linesOf.get(kind);
      if (lines === undefined) linesOf.set(kind, (lines = []));
      if (!byKind.addIfFree(identifier, id)) {
        const earlier = byKind.entryWithId(id)!;
        return void (problem = registerError(file, `line ${line} gives kind "${kind}" the same random_id as line ${lines[earlier]!}, which would merge two people or organisations`));
      }
      lines.push(line);
    };
    try {
      parse(readFileSync(file, "utf8"), { relax_column_count: true, skip_empty_lines: true, on_record: (record: string[]) => void take(record) });
    } catch (error) {
      throw registerError(file, `cannot be read as CSV (${(error as Error).message})`, { cause: error });
    }
    if (index < 0) throw registerError(file, `line 1 must be the header "${HEADER.join(",")}", not ""`);
    if (problem !== undefined) throw problem;
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
    for (const byKind of this.entries.values()) n += byKind.size;
    return n;
  }

  /** The random ID of an identifier of `kind`, drawing a new one the first time it is seen. */
  idOf(kind: string, value: string): string {
    const identifier = normaliseIdentifier(value);
    if (identifier === "") throw new RangeError("A blank identifier has no random ID: treat it as missing (null).");
    const byKind = this.kind(kind);
    const entry = byKind.ids.get(identifier);
    if (entry !== undefined) return byKind.idAt(entry);
    for (let attempt = 0; attempt < 4; attempt++) {
      const id = this.draw(kind, attempt === 0 ? identifier : `${identifier}\0${attempt}`);
      // The secure source writes its IDs as hexadecimal itself; any other is checked.
      if (this.draw !== secureRandomId && !RANDOM_ID.test(id)) throw new Error(`The random ID source gave "${id}", not 32 lower-case hexadecimal characters.`);
      if (byKind.addIfFree(identifier, id)) {
        this.addedCount++;
        return id;
      }
    }
    throw new Error(`The random ID source gave IDs already in use 4 times for kind "${kind}".`);
  }

  /**
   * Writes the register (sorted, so it diffs well) to a temporary file, a batch of lines at a time,
   * and renames it into place.
   */
  async save(): Promise<void> {
    if (this.file === undefined) return;
    if (this.addedCount === 0 && this.existed) return;
    await mkdir(dirname(this.file), { recursive: true });
    // Unique per save, so two builds saving at once (test workers share a pid) never share a file.
    const temporary = `${this.file}.partial-${process.pid}-${randomBytes(6).toString("hex")}`;
    let handle: FileHandle | undefined;
    try {
      handle = await open(temporary, "w", 0o600);
      await handle.writeFile(stringify([[...HEADER]]));
      for (const kind of [...this.entries.keys()].sort()) {
        const byKind = this.entries.get(kind)!;
        const identifiers = [...byKind.ids.keys()].sort();
        for (let from = 0; from < identifiers.length; from += SAVE_BATCH) {
          const rows = identifiers.slice(from, from + SAVE_BATCH).map((identifier) => [kind, identifier, byKind.idAt(byKind.ids.get(identifier)!)]);
          await handle.writeFile(stringify(rows));
        }
      }
      await handle.close();
      handle = undefined;
      await rename(temporary, this.file);
    } catch (error) {
      await handle?.close();
      await rm(temporary, { force: true });
      throw error;
    }
  }

  private kind(kind: string): KindEntries {
    let byKind = this.entries.get(kind);
    if (byKind === undefined) this.entries.set(kind, (byKind = new KindEntries()));
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

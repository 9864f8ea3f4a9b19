/** Small helpers for the sample generator: dates, CSV cells, fake people, deterministic XLSX zips. */
import type { Rng } from "./prng.ts";

/** A planted problem, listed in data/sample/README.md with where it is. */
export interface Trap {
  file: string;
  /** 1-based data record (the first answer is row 1). */
  row: number;
  /** 1-based physical line (CSV) or worksheet row (XLSX). */
  line: number;
  /** The export's column label. */
  column: string;
  /** The schema field the column maps to. */
  field: string;
  what: string;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a calendar date. */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function isoDate(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** Seconds since the epoch as a Date (UTC). */
export function utc(seconds: number): Date {
  return new Date(seconds * 1000);
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** "2024-05-14 10:22:31" (Qualtrics). */
export function qualtricsTime(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** "4/12/2024 9:05:09" (Google Forms in a US-locale sheet). */
export function googleTime(d: Date): string {
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${d.getUTCHours()}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A CSV cell, quoted only when it must be. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const s = String(value);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly (string | number | null | undefined)[], eol = "\n"): string {
  return values.map(csvCell).join(",") + eol;
}

export const FIRST_NAMES = [
  "Alex", "Sam", "Jordan", "Chris", "Jamie", "Lee", "Dani", "Kerry", "Robin", "Morgan", "Aisha", "Tomasz", "Niamh",
  "Gareth", "Siobhan", "Ravi", "Marcus", "Claire", "Dean", "Shona", "Bethan", "Imran", "Paula", "Kwame", "Fiona",
  "Liam", "Ewa", "Callum", "Yasmin", "Owen", "Hayley", "Mark", "Julie", "Connor", "Rhiannon", "Stuart", "Tracey",
] as const;
export const LAST_NAMES = [
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans", "Thomas", "Roberts", "Walker", "Wright",
  "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Clarke", "Patel",
  "Khan", "Campbell", "Murray", "Kelly", "Doyle", "Price", "Morgan", "Ahmed", "Kowalski", "Okafor", "Reid",
] as const;

export interface FakePerson {
  first: string;
  last: string;
  email: string;
}

/** A made-up person whose e-mail is on example.org (reserved for documentation). */
export function fakePerson(rng: Rng): FakePerson {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const style = rng.int(0, 3);
  const local =
    style === 0 ? `${first}.${last}` : style === 1 ? `${first[0]}${last}` : style === 2 ? `${first}${last}${rng.int(1, 99)}` : `${first}_${last[0]}`;
  return { first, last, email: `${local.toLowerCase()}@example.org` };
}

/** An address from the documentation ranges (RFC 5737), never a real host. */
export function fakeIp(rng: Rng): string {
  const block = rng.pick(["192.0.2", "198.51.100", "203.0.113"]);
  return `${block}.${rng.int(1, 254)}`;
}

/**
 * Sets every entry's modification time in a ZIP file (local headers and central directory) to a fixed
 * DOS date and time, so that an XLSX written by exceljs is byte-identical from run to run.
 */
export function fixZipTimes(zip: Buffer, year = 2025, month = 6, day = 30, hour = 12, minute = 0): Buffer {
  const out = Buffer.from(zip);
  const dosTime = (hour << 11) | (minute << 5);
  const dosDate = ((year - 1980) << 9) | (month << 5) | day;
  // Find the end-of-central-directory record.
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 65_557); i--) {
    if (out.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip file: no end of central directory");
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(p) !== 0x02014b50) throw new Error("bad central directory entry");
    out.writeUInt16LE(dosTime, p + 12);
    out.writeUInt16LE(dosDate, p + 14);
    const local = out.readUInt32LE(p + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error("bad local file header");
    out.writeUInt16LE(dosTime, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

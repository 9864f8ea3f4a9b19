/**
 * The BARC-10 scale as the charts and pages need it, read from the instruments reference data
 * (`data/reference/instruments.json`, served to pages as `data/instruments.json`): the range of the
 * total and the remission-associated cut-off. Every "47" on the site comes from here.
 */
export interface InstrumentTotal {
  min: number;
  max: number;
  cutoff?: { value: number; direction?: string; label?: string };
}

export interface Instrument {
  id: string;
  shortName?: string;
  total?: InstrumentTotal;
}

/** The instruments reference data, or the part of it a page is given. */
export interface InstrumentsReference {
  instruments: readonly Instrument[];
}

export interface BarcScale {
  /** The lowest and highest possible total (10 and 60). */
  min: number;
  max: number;
  /** Totals at or above it were associated with sustained remission in the validation study (47). */
  cutOff: number;
}

/** BARC-10's scale from the reference data; a reference without it is a configuration error. */
export function barc10(reference: InstrumentsReference): BarcScale {
  const total = reference.instruments.find((instrument) => instrument.id === "barc10")?.total;
  if (!total?.cutoff) throw new Error('The instruments reference data has no BARC-10 total with a cut-off: check "barc10" in data/reference/instruments.json.');
  return { min: total.min, max: total.max, cutOff: total.cutoff.value };
}

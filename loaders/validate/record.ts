/**
 * Builds the output records of a table: one object per accepted row, with the schema's field names
 * in schema order.
 */

export type RecordFactory = (values: readonly unknown[]) => Record<string, unknown>;

/**
 * A function that turns an array of values (in `names` order) into a record. It is generated as one
 * object literal, because a million records built by assigning twenty names in a loop cost several
 * times as much: the store site sees many keys and V8 falls back to slow lookups. The names go in as
 * JSON string literals, so no name can become code; `__proto__` (which a literal would take as the
 * prototype) is built by assignment instead.
 */
export function recordFactory(names: readonly string[]): RecordFactory {
  if (names.includes("__proto__")) {
    return (values) => {
      const record: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) Object.defineProperty(record, names[i]!, { value: values[i], enumerable: true, writable: true, configurable: true });
      return record;
    };
  }
  const properties = names.map((name, i) => `${JSON.stringify(name)}: values[${i}]`).join(", ");
  return new Function("values", `return { ${properties} };`) as RecordFactory;
}

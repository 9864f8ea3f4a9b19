/**
 * Field constraints checked on cast values: enum, categories, minimum/maximum, minLength/maxLength
 * and pattern. (`required` and `unique` need the row and the table, so the table validator checks
 * them.) Each check is compiled once per field; the compiled function returns a message, or
 * undefined when the value passes.
 */
import { categoryValue, type Field } from "../schema.ts";

export type ConstraintCheck = (value: unknown) => string | undefined;

/** Where a fix goes, for messages: "data/schemas/audit.json". */
export interface ConstraintContext {
  schemaFile: string;
}

/** The compiled checks for a field, or undefined when it has none. Throws for an invalid pattern. */
export function compileConstraints(field: Field, context: ConstraintContext): ConstraintCheck | undefined {
  const itemChecks = scalarChecks(field, context);
  const c = field.constraints ?? {};
  if (field.type !== "list") return combine(itemChecks);

  const lengthChecks: ConstraintCheck[] = [];
  if (c.minLength !== undefined) {
    const min = c.minLength;
    lengthChecks.push((value) =>
      (value as unknown[]).length < min ? `has ${(value as unknown[]).length} answers but "${field.name}" needs at least ${min}: add the missing answers` : undefined,
    );
  }
  if (c.maxLength !== undefined) {
    const max = c.maxLength;
    lengthChecks.push((value) =>
      (value as unknown[]).length > max ? `has ${(value as unknown[]).length} answers but "${field.name}" allows at most ${max}: keep only the chosen ones` : undefined,
    );
  }
  const item = combine(itemChecks);
  const whole = combine(lengthChecks);
  if (item === undefined && whole === undefined) return undefined;
  return (value) => {
    const items = value as unknown[];
    const message = whole?.(items);
    if (message !== undefined) return message;
    if (item === undefined) return undefined;
    for (let i = 0; i < items.length; i++) {
      const itemMessage = item(items[i]);
      if (itemMessage !== undefined) return `includes ${JSON.stringify(items[i])} (answer ${i + 1}), which ${itemMessage}`;
    }
    return undefined;
  };
}

/** Checks that apply to one value: the whole cell, or each item of a list. */
function scalarChecks(field: Field, context: ConstraintContext): ConstraintCheck[] {
  const c = field.constraints ?? {};
  const type = field.type === "list" ? (field.itemType ?? "string") : field.type;
  const checks: ConstraintCheck[] = [];
  const where = `in ${context.schemaFile}`;

  if (c.enum !== undefined) {
    const allowed = new Set(c.enum.map(String));
    const shown = listForMessage(c.enum.map(String));
    checks.push((value) =>
      allowed.has(String(value))
        ? undefined
        : `is not one of the values allowed for "${field.name}" (${shown}): correct the answer, or add it to the field's constraints.enum ${where} if it is a valid option`,
    );
  }
  if (field.categories !== undefined && field.categories.length > 0) {
    const values = field.categories.map((category) => String(categoryValue(category)));
    const allowed = new Set(values);
    const shown = listForMessage(values);
    checks.push((value) =>
      allowed.has(String(value))
        ? undefined
        : `is not one of the categories of "${field.name}" (${shown}): correct the answer, or add it to the field's categories ${where} if it is a valid option`,
    );
  }
  const numeric = type === "integer" || type === "number" || type === "year";
  if (c.minimum !== undefined) {
    const min = numeric ? Number(c.minimum) : String(c.minimum);
    checks.push((value) =>
      (value as number | string) < min ? `is below the minimum of ${min} for "${field.name}": check the value was entered correctly` : undefined,
    );
  }
  if (c.maximum !== undefined) {
    const max = numeric ? Number(c.maximum) : String(c.maximum);
    checks.push((value) =>
      (value as number | string) > max ? `is above the maximum of ${max} for "${field.name}": check the value was entered correctly` : undefined,
    );
  }
  if (type === "string") {
    if (field.type !== "list" && c.minLength !== undefined) {
      const min = c.minLength;
      checks.push((value) =>
        (value as string).length < min ? `is shorter than the ${min} characters "${field.name}" needs: complete it` : undefined,
      );
    }
    if (field.type !== "list" && c.maxLength !== undefined) {
      const max = c.maxLength;
      checks.push((value) =>
        (value as string).length > max ? `is longer than the ${max} characters "${field.name}" allows: shorten it` : undefined,
      );
    }
    if (c.pattern !== undefined) {
      // Anchored as in Frictionless: the whole value must match, not a part of it.
      const pattern = new RegExp(`^(?:${c.pattern})$`);
      checks.push((value) =>
        pattern.test(value as string) ? undefined : `does not match the pattern ${c.pattern} required for "${field.name}": correct its form`,
      );
    }
  }
  return checks;
}

function combine(checks: ConstraintCheck[]): ConstraintCheck | undefined {
  if (checks.length === 0) return undefined;
  if (checks.length === 1) return checks[0];
  return (value) => {
    for (const check of checks) {
      const message = check(value);
      if (message !== undefined) return message;
    }
    return undefined;
  };
}

function listForMessage(values: string[]): string {
  const shown = values.slice(0, 8).map((v) => `"${v}"`).join(", ");
  return values.length > 8 ? `${shown} and ${values.length - 8} more` : shown;
}

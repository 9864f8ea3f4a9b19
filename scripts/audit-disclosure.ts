/**
 * The independent disclosure audit of a built site: `tsx scripts/audit-disclosure.ts [distDir=dist]`.
 * Prints one line per finding (file, line/row, column: reason) and exits 1, or prints a one-line
 * summary and exits 0.
 */
import { auditDist, formatFinding } from "../loaders/disclose/audit/index.ts";

const dist = process.argv[2] ?? "dist";
try {
  const report = await auditDist(dist);
  if (!report.ok) {
    for (const finding of report.findings) console.log(formatFinding(finding));
    console.error(`Disclosure audit of ${dist} failed: ${report.findings.length} finding(s). Nothing in ${dist} may be published until they are fixed.`);
    process.exit(1);
  }
  const ks = report.resources
    .filter((r) => r.k !== undefined)
    .map((r) => `${r.name} k = ${r.k}`)
    .join(", ");
  console.log(
    `Disclosure audit of ${dist} passed: ${report.resources.length} resource(s) checked${ks ? ` (${ks})` : ""}, ` +
      `${report.filesScanned} file(s) scanned for personal data, ${report.skipped.length} binary file(s) skipped.`,
  );
} catch (error) {
  console.error(`Disclosure audit of ${dist} could not run: ${(error as Error).message}`);
  process.exit(1);
}

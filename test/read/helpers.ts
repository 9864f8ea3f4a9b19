import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect } from "vitest";
import { PROJECT_ROOT } from "../../loaders/schema.ts";
import { PipelineError, type IssueCode } from "../../loaders/types.ts";

export const EXPORTS = join(PROJECT_ROOT, "..", "shared", "fixtures", "exports");

/** A temporary folder for one test file, removed when its tests end. */
export function tempFolder(prefix: string): { path: (name: string) => string; write: (name: string, content: string | Uint8Array) => string } {
  const folder = mkdtempSync(join(tmpdir(), `lero-read-${prefix}-`));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const path = (name: string) => join(folder, name);
  return {
    path,
    write: (name, content) => {
      writeFileSync(path(name), content);
      return path(name);
    },
  };
}

/** Asserts that `promise` rejects with a PipelineError of `code` whose message names `file`. */
export async function expectPipelineError(promise: Promise<unknown>, code: IssueCode, file: string, message?: RegExp): Promise<PipelineError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(PipelineError);
  const pipelineError = error as PipelineError;
  expect(pipelineError.code).toBe(code);
  expect(pipelineError.file).toBe(file);
  expect(pipelineError.message).toContain(file);
  if (message !== undefined) expect(pipelineError.message).toMatch(message);
  return pipelineError;
}

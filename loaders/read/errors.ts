import { PipelineError } from "../types.ts";

/** The file cannot be opened or is not the kind of file it claims to be. */
export function sourceError(file: string, message: string, cause?: unknown): PipelineError {
  return new PipelineError("source-error", `${file}: ${message}`, { file, cause });
}

/** The bytes cannot be decoded as text in any encoding the readers support. */
export function encodingError(file: string, message: string, cause?: unknown): PipelineError {
  return new PipelineError("encoding-error", `${file}: ${message}`, { file, cause });
}

/** The file decodes, but its layout is not one the readers understand. */
export function formatError(file: string, message: string, cause?: unknown): PipelineError {
  return new PipelineError("format-error", `${file}: ${message}`, { file, cause });
}

/**
 * A lock file so that two builds in one checkout (two terminals, or a test and a person) run one after
 * the other instead of racing on `.tmp/` and Framework's cache. A lock left by a dead process is taken over.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function withLock<T>(file: string, work: () => Promise<T>, { timeoutMs = 15 * 60_000, log = (line: string) => process.stderr.write(`${line}\n`) } = {}): Promise<T> {
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(existsSync(file) ? readFileSync(file, "utf8") : NaN);
      if (!Number.isInteger(holder) || !alive(holder)) {
        rmSync(file, { force: true });
        continue;
      }
      if (Date.now() - started > timeoutMs) throw new Error(`Another build (process ${holder}) has held ${file} for too long; stop it or remove the file.`);
      if (!told) log(`Waiting for another build (process ${holder}) to finish…`);
      told = true;
      await sleep(500);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(file, { force: true });
  }
}

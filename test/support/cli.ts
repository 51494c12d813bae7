/**
 * Runs the real command line (`src/cli/main.ts` under tsx) from the project root, as a user would,
 * and collects what it printed. Tests that need the child itself (to kill it) spawn it with `CLI`.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Node arguments that start the command line. */
export const CLI = ["--import", "tsx", "src/cli/main.ts"];

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `newsgraph ...args` with `env` on top of this process's environment; kills it after `timeoutMs`. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 0): Promise<CliRun> {
  const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = timeoutMs > 0 ? setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`newsgraph ${args[0] ?? ""} did not finish in ${timeoutMs / 1000} s:\n${stdout}\n${stderr}`));
    }, timeoutMs) : undefined;
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

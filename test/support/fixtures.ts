import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** ../shared, read in place: its files are never copied into the project. */
export const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared");

export function referenceArticle(): { title: string; body: string; raw: string } {
  const raw = fs.readFileSync(path.join(SHARED, "fixtures/articles/armenia-csto.txt"), "utf8");
  const [title, ...rest] = raw.split("\n");
  return { title: title.trim(), body: rest.join("\n"), raw };
}

export interface GoldFile {
  actors: { name: string; kind: string; country?: string; role?: string; aliases: string[]; required?: boolean; memberOf?: string }[];
  claims: { id: string; speaker: string; kind: string; targets: string[]; evidence: string; quote?: string; respondsTo?: string; required?: boolean }[];
  events: {
    id: string;
    kind: string;
    mode?: string;
    status?: string;
    date?: string;
    location?: string;
    participants: { actor: string; role: string }[];
    evidence: string;
    required?: boolean;
  }[];
  questions: { ask: string; answer: string[][] }[];
}

export function referenceGold(): GoldFile {
  return JSON.parse(fs.readFileSync(path.join(SHARED, "fixtures/articles/armenia-csto.gold.json"), "utf8"));
}

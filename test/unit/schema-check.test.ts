// `newsgraph schema --check` as a real process: it fails on a breaking change against the
// released schema unless CHANGELOG.md's Unreleased section acknowledges it, and lets additions pass.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Kind, parse, print, visit } from "graphql";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const committed = fs.readFileSync(path.join(root, "schema.graphql"), "utf8");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-schema-check-"));

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function check(released: string, changelog: string) {
  const releasedFile = path.join(dir, `released-${Math.random().toString(36).slice(2)}.graphql`);
  const changelogFile = path.join(dir, `CHANGELOG-${Math.random().toString(36).slice(2)}.md`);
  fs.writeFileSync(releasedFile, released);
  fs.writeFileSync(changelogFile, changelog);
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "schema", "--check", "--released", releasedFile, "--changelog", changelogFile], {
    cwd: root,
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A released schema that still had a Query field the code no longer has: removing it breaks clients. */
const releasedWithRetiredField = committed.replace(/^type Query \{$/m, "type Query {\n  retiredField: String");

describe("schema --check against the released schema", () => {
  it("passes on the committed files (schema.released.graphql, CHANGELOG.md)", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "schema", "--check"], { cwd: root, encoding: "utf8" });
    expect(`${result.stdout}${result.stderr}`).toContain("no unacknowledged breaking change");
    expect(result.status).toBe(0);
  });

  it("fails on a breaking change the changelog does not acknowledge", () => {
    expect(releasedWithRetiredField).not.toBe(committed);
    const changelog = "# Changelog\n\n## Unreleased\n\n- Added things.\n\n## 0.1.0\n\n- Breaking: `Query.retiredField` acknowledged under an old release does not count.\n";
    const result = check(releasedWithRetiredField, changelog);
    expect(result.output).toContain("1 breaking change(s)");
    expect(result.output).toContain("Query.retiredField: Field 'retiredField' was removed from object type 'Query'");
    expect(result.status).toBe(1);
  });

  it("passes when the Unreleased section acknowledges the breaking change", () => {
    const changelog = "# Changelog\n\n## Unreleased\n\n- Breaking: `Query.retiredField` removed; nothing used it.\n\n## 0.1.0\n";
    const result = check(releasedWithRetiredField, changelog);
    expect(result.output).toContain("(1 acknowledged)");
    expect(result.status).toBe(0);
  });

  it("passes a non-breaking addition (a field the released schema did not have)", () => {
    // The released schema without Query.timeline: the code adds it.
    const withoutTimeline = print(
      visit(parse(committed), {
        FieldDefinition(node, _key, _parent, _path, ancestors) {
          const owner = ancestors[ancestors.length - 1];
          if (node.name.value === "timeline" && owner && "kind" in owner && owner.kind === Kind.OBJECT_TYPE_DEFINITION && owner.name.value === "Query") return null;
          return undefined;
        },
      }),
    );
    const queryType = (sdl: string) => sdl.slice(sdl.indexOf("type Query {"), sdl.indexOf("\n}\n", sdl.indexOf("type Query {")));
    expect(queryType(committed)).toContain("\n  timeline(");
    expect(queryType(withoutTimeline)).not.toContain("\n  timeline(");
    const result = check(withoutTimeline, "# Changelog\n\n## Unreleased\n");
    expect(result.output).toContain("no unacknowledged breaking change");
    expect(result.status).toBe(0);
  });
});

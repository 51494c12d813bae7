import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SCHEMA_FILE = path.join(projectRoot, "schema.graphql");
/** The schema of the last release: what clients in the field were built against. */
export const RELEASED_SCHEMA_FILE = path.join(projectRoot, "schema.released.graphql");
export const CHANGELOG_FILE = path.join(projectRoot, "CHANGELOG.md");

const USAGE = `usage: newsgraph <command>

commands:
  schema            write the GraphQL schema to schema.graphql (commit it; codegen reads it)
  schema --check [--released FILE] [--changelog FILE]
                    exit 1 if schema.graphql differs from the schema the code builds, or if the
                    code breaks the released schema (schema.released.graphql) in a way
                    CHANGELOG.md's "## Unreleased" section does not acknowledge
                    ("- Breaking: \`Type.field\` why")
  import <input>    import articles from a JSONL file, a directory, a feed file or a feed URL
                    (\`newsgraph import --help\` for details)
  keys create --role reader|editor|admin [--name NAME]
                    create an API key (printed once); also: keys list, keys revoke <id>
  worker            run ingestion jobs from the PostgreSQL job queue (\`newsgraph worker --help\`)
  sources add|list|update|pause|resume|remove|refresh
                    manage the polled feed sources (\`newsgraph sources --help\`)
  stories           group into stories the events stored without grouping (NEWSGRAPH_STORIES=0,
                    or before stories existed)
`;

function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

async function schemaCommand(args: string[]): Promise<number> {
  // Loaded on demand: the import command does not need the GraphQL layer.
  const { printSchemaSDL } = await import("../graphql/schema.js");
  const sdl = printSchemaSDL();
  if (args.includes("--check")) {
    const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "";
    let failed = false;
    if (committed !== sdl) {
      console.error("schema.graphql is out of date: run `npm run schema` and commit the result");
      failed = true;
    } else {
      console.log("schema.graphql is up to date");
    }
    const releasedFile = optionValue(args, "--released") ?? RELEASED_SCHEMA_FILE;
    const changelogFile = optionValue(args, "--changelog") ?? CHANGELOG_FILE;
    const { checkBreakingChanges, changeCoordinate } = await import("./schema-check.js");
    const changelog = fs.existsSync(changelogFile) ? fs.readFileSync(changelogFile, "utf8") : "";
    const { breaking, unacknowledged } = await checkBreakingChanges(fs.readFileSync(releasedFile, "utf8"), sdl, changelog);
    const released = path.relative(process.cwd(), releasedFile) || releasedFile;
    if (unacknowledged.length) {
      console.error(`${unacknowledged.length} breaking change(s) against ${released} not acknowledged in ${path.relative(process.cwd(), changelogFile) || changelogFile}:`);
      for (const change of unacknowledged) console.error(`  ${changeCoordinate(change)}: ${change.message}`);
      console.error('acknowledge each under "## Unreleased" as: - Breaking: `<coordinate>` <why, and what clients should do>');
      failed = true;
    } else {
      console.log(`no unacknowledged breaking change against ${released} (${breaking.length} acknowledged)`);
    }
    return failed ? 1 : 0;
  }
  fs.writeFileSync(SCHEMA_FILE, sdl);
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE) || SCHEMA_FILE}`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case "schema":
      return schemaCommand(args);
    case "keys": {
      const { keysCommand } = await import("./keys-command.js");
      return keysCommand(args);
    }
    case "worker": {
      const { workerCommand } = await import("./worker-command.js");
      return workerCommand(args);
    }
    case "sources": {
      const { sourcesCommand } = await import("./sources-command.js");
      return sourcesCommand(args);
    }
    case "stories": {
      const { storiesCommand } = await import("./stories-command.js");
      return storiesCommand();
    }
    case "import": {
      const { importCommand } = await import("./import-command.js");
      return importCommand(args);
    }
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error("newsgraph: fatal:", error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);

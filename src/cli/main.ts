import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SCHEMA_FILE = path.join(projectRoot, "schema.graphql");

const USAGE = `usage: newsgraph <command>

commands:
  schema            write the GraphQL schema to schema.graphql (commit it; codegen reads it)
  schema --check    exit 1 if schema.graphql differs from the schema the code builds
  import <input>    import articles from a JSONL file, a directory, a feed file or a feed URL
                    (\`newsgraph import --help\` for details)
  keys create --role reader|editor|admin [--name NAME]
                    create an API key (printed once); also: keys list, keys revoke <id>
  stories           group into stories the events stored without grouping (NEWSGRAPH_STORIES=0,
                    or before stories existed)
`;

async function schemaCommand(args: string[]): Promise<number> {
  // Loaded on demand: the import command does not need the GraphQL layer.
  const { printSchemaSDL } = await import("../graphql/schema.js");
  const sdl = printSchemaSDL();
  if (args.includes("--check")) {
    const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, "utf8") : "";
    if (committed !== sdl) {
      console.error("schema.graphql is out of date: run `npm run schema` and commit the result");
      return 1;
    }
    console.log("schema.graphql is up to date");
    return 0;
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

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const graphiqlDist = path.dirname(createRequire(import.meta.url).resolve("@graphql-yoga/graphiql"));

/** Files of the prebuilt GraphiQL bundle that the page loads; nothing else is served from the package. */
export const PLAYGROUND_ASSETS: Record<string, { file: string; type: string }> = {
  "yoga-graphiql.umd.js": { file: path.join(graphiqlDist, "yoga-graphiql.umd.js"), type: "text/javascript; charset=utf-8" },
  "graphiql.css": { file: path.join(graphiqlDist, "graphiql.css"), type: "text/css; charset=utf-8" },
  "editor.worker.js": { file: path.join(graphiqlDist, "monacoeditorwork", "editor.worker.bundle.js"), type: "text/javascript; charset=utf-8" },
  "graphql.worker.js": { file: path.join(graphiqlDist, "monacoeditorwork", "graphql.worker..bundle.js"), type: "text/javascript; charset=utf-8" },
  "json.worker.js": { file: path.join(graphiqlDist, "monacoeditorwork", "json.worker.bundle.js"), type: "text/javascript; charset=utf-8" },
};

export interface ExampleOperation {
  name: string;
  query: string;
  variables?: string;
  headers?: string;
}

/** The example operations in operations/*.graphql: the playground's tabs, the README's examples and codegen's documents. */
export function exampleOperations(): ExampleOperation[] {
  const dir = path.join(projectRoot, "operations");
  const order = ["WhoAccusedWhom", "AccusationGraph", "WhoRejectedWhat", "ClaimsBySpeakerAboutTarget", "ActorProfile", "Search", "Events", "IngestArticle", "LiveClaims"];
  const files = fs.readdirSync(dir).filter((file) => file.endsWith(".graphql"));
  files.sort((a, b) => (order.indexOf(a.replace(".graphql", "")) + 1 || 99) - (order.indexOf(b.replace(".graphql", "")) + 1 || 99));
  return files.map((file) => {
    const name = file.replace(/\.graphql$/, "");
    const operation: ExampleOperation = { name, query: fs.readFileSync(path.join(dir, file), "utf8") };
    if (name === "IngestArticle") {
      operation.variables = JSON.stringify(
        {
          input: {
            title: "Ministers trade blame over stalled border talks",
            body:
              "Northland's Foreign Minister Clara Vos accused Southland of sabotaging the border talks. " +
              "Southland rejected these accusations on Tuesday.",
            publishedAt: "2026-11-20",
            sourceName: "Playground",
          },
        },
        null,
        2,
      );
    }
    // Every mutation needs a key: its tab opens with the header to fill in.
    if (/^mutation\b/m.test(operation.query)) {
      operation.headers = JSON.stringify({ Authorization: "Bearer <an EDITOR or ADMIN key; the first one is in data/initial-admin-key>" }, null, 2);
    }
    return operation;
  });
}

function escapeForScript(json: string): string {
  return json.replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

/** The playground page. Every script and style comes from this server: it works with no network. */
export function playgroundHtml(endpoint: string, assetBase: string): string {
  const tabs = exampleOperations().map((op) => ({ query: op.query, variables: op.variables, headers: op.headers }));
  // initialQuery fills the editor of the active tab; without it the bundle shows its welcome text there.
  // Subscriptions go over graphql-ws at the same path: GraphiQL turns the page's http(s) endpoint
  // URL into ws(s)://host/graphql.
  const options = {
    endpoint,
    subscriptionsProtocol: "WS",
    title: "Newsgraph",
    defaultTabs: tabs,
    initialQuery: tabs[0]?.query,
    defaultEditorToolsVisibility: true,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Newsgraph playground</title>
<link rel="stylesheet" href="${assetBase}/graphiql.css">
</head>
<body>
<noscript>The Newsgraph playground needs JavaScript.</noscript>
<div id="root" style="height:100vh"></div>
<script>
  self.MonacoEnvironment = {
    getWorker: function (_moduleId, label) {
      var file = label === "graphql" ? "graphql.worker.js" : label === "json" ? "json.worker.js" : "editor.worker.js";
      return new Worker(${JSON.stringify(assetBase)} + "/" + file);
    }
  };
</script>
<script src="${assetBase}/yoga-graphiql.umd.js"></script>
<script>
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById("root"), ${escapeForScript(JSON.stringify(options))});
</script>
</body>
</html>`;
}

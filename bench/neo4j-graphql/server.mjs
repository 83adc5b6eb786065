// The @neo4j/graphql peer of `gridwork bench`: Gridwork's types (typeDefs.graphql) over the same Neo4j,
// served over HTTP by graphql-http (the GraphQL-over-HTTP reference server) on node:http.
// Environment: NEO4J_URI (bolt://127.0.0.1:7687), PORT (4000). Prints "ready <port>" once it listens.
import { readFileSync } from "node:fs";
import http from "node:http";

import { Neo4jGraphQL } from "@neo4j/graphql";
import { createHandler } from "graphql-http/lib/use/http";
import neo4j from "neo4j-driver";

const here = (name) => readFileSync(new URL(name, import.meta.url), "utf8");
const servedBy = here("./served_by.cypher")
  .split("\n")
  .filter((line) => !line.trimStart().startsWith("//"))
  .join("\n");
const typeDefs = here("./typeDefs.graphql").replace("{{SERVED_BY}}", servedBy);

const driver = neo4j.driver(process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687");
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
// @neo4j/graphql keeps its per-request state on the context object: a fresh one per request.
const graphql = createHandler({ schema, context: () => ({}) });
const port = Number(process.env.PORT ?? 4000);

const server = http.createServer((request, response) => {
  if (request.url.startsWith("/graphql")) {
    graphql(request, response);
  } else {
    response.writeHead(404).end();
  }
});
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => console.log(`ready ${port}`));

const stop = async () => {
  server.close();
  await driver.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

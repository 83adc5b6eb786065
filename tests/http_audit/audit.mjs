// Runs graphql-http's serverAudits against a running Gridwork API and prints one JSON line per audit.
// Usage: node audit.mjs URL TOKEN  (the token is sent on every request: the API answers no one without)
import { serverAudits } from 'graphql-http';

const [url, token] = process.argv.slice(2);
const authorised = (input, init = {}) =>
  fetch(input, { ...init, headers: { ...(init.headers || {}), authorization: `Bearer ${token}` } });

const results = [];
for (const audit of serverAudits({ url, fetchFn: authorised })) {
  const result = await audit.fn();
  results.push({ id: audit.id, name: audit.name, status: result.status, reason: result.reason ?? null });
}
console.log(JSON.stringify(results));

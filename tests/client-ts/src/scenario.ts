// An integrator's day, written against the client that openapi-typescript generates from the committed document
// (generated/complaintcloud.d.ts) and called through openapi-fetch. It compiles only while the document's types fit
// the calls (tsc --strict), and exits non-zero on any answer the document does not lead an integrator to expect.
//
//   CC_BASE_URL=http://127.0.0.1:5080 CC_API_KEY=cc_... node dist/src/scenario.js
import createClient from "openapi-fetch";
import type { components, paths } from "../generated/complaintcloud.js";

type Schemas = components["schemas"];

const baseUrl = requiredEnv("CC_BASE_URL");
const apiKey = requiredEnv("CC_API_KEY");
const api = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${apiKey}` } });

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name}.`);
  return value;
}

function check(condition: boolean, what: string, detail?: unknown): asserts condition {
  if (!condition) throw new Error(`${what}${detail === undefined ? "" : `: ${JSON.stringify(detail)}`}`);
}

function expectStatus(step: string, response: Response, expected: number, body: unknown): void {
  check(response.status === expected, `${step}: expected ${expected}, got ${response.status}`, body);
  console.log(`ok  ${step} (${response.status})`);
}

// Enum values as the document spells them: the compiler refuses the C# names the API would refuse too.
const channel: Schemas["ComplaintChannel"] = "in_person";
// @ts-expect-error channels are snake_case strings, not C# names
const notAChannel: Schemas["ComplaintChannel"] = "InPerson";
void notAChannel;

async function main(): Promise<void> {
  const externalRef = `CRM-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const newComplaint: Schemas["CreateComplaintCommand"] = {
    subject: "Parcel left in the rain",
    description: "The courier left the parcel outside; the book inside is soaked.",
    channel,
    severity: "serious",
    customer: { name: "Zhang Wei", email: "zhang.wei@example.test" }, // phone and externalId may be left out
    externalRef,
    tags: ["delivery"],
  };

  // 1. Create, with the enum values the document lists.
  const created = await api.POST("/api/v1/complaints", {
    body: newComplaint,
    headers: { "Idempotency-Key": `scenario-${externalRef}` },
  });
  expectStatus("create a complaint", created.response, 201, created.error);
  check(created.data !== undefined, "create: no body");
  const complaint = created.data;
  check(complaint.status === "received" && complaint.channel === "in_person" && complaint.severity === "serious",
    "create: status, channel and severity as sent", complaint);
  check(complaint.number.startsWith("C-"), "create: a number", complaint.number);
  check(complaint.externalRef === externalRef, "create: externalRef kept", complaint.externalRef);
  check(complaint.remedy === null && complaint.customer.phone === null, "create: what was not given is null", complaint);
  check(complaint.allowedActions.includes("acknowledge"), "create: acknowledge allowed", complaint.allowedActions);

  // 2. Find it again by the integrator's own reference (and a repeatable enum filter).
  const found = await api.GET("/api/v1/complaints", {
    params: { query: { externalRef, channel: ["in_person", "web"], status: ["received"], sort: "received_desc", limit: 10 } },
  });
  expectStatus("find it by externalRef", found.response, 200, found.error);
  check(found.data !== undefined, "list: no body");
  const rows: Schemas["ComplaintRow"][] = found.data.items;
  check(rows.length === 1 && rows[0]?.id === complaint.id, "list: exactly the new complaint", rows);
  check(rows[0].externalRef === externalRef && rows[0].customerName === "Zhang Wei", "list: the row's fields", rows[0]);
  check(found.data.nextCursor === null, "list: a single page", found.data.nextCursor);

  // 3. Act on it: the action is one of the documented names.
  const acknowledged = await api.POST("/api/v1/complaints/{id}/actions/{action}", {
    params: { path: { id: complaint.id, action: "acknowledge" } },
    body: { message: "Sorry about the book: we are looking into it." },
  });
  expectStatus("acknowledge it", acknowledged.response, 200, acknowledged.error);
  check(acknowledged.data?.status === "acknowledged", "acknowledge: new status", acknowledged.data?.status);
  check(acknowledged.data.allowedActions.includes("assess"), "acknowledge: assess allowed next", acknowledged.data.allowedActions);

  // 4. Its timeline.
  const events = await api.GET("/api/v1/complaints/{id}/events", { params: { path: { id: complaint.id }, query: { limit: 50 } } });
  expectStatus("read its timeline", events.response, 200, events.error);
  check(events.data !== undefined, "timeline: no body");
  const types = events.data.items.map((e) => e.type);
  check(types.includes("complaint.received") && types.includes("complaint.acknowledged"), "timeline: received and acknowledged", types);
  const actorKinds: Schemas["ComplaintEventView"]["actorKind"][] = events.data.items.map((e) => e.actorKind);
  check(actorKinds.every((kind) => kind === "api_key"), "timeline: done with the API key", actorKinds);

  // 5. Page through the change feed one event at a time, as a consumer catching up would.
  const seen: string[] = [];
  let after: string | undefined;
  for (let page = 0; ; page++) {
    check(page < 50, "change feed: too many pages");
    const feed = await api.GET("/api/v1/events", { params: { query: { limit: 1, ...(after ? { after } : {}) } } });
    check(feed.response.status === 200 && feed.data !== undefined, `change feed page ${page}: ${feed.response.status}`, feed.error);
    seen.push(...feed.data.items.filter((e) => e.complaintId === complaint.id).map((e) => e.type));
    after = feed.data.nextCursor ?? after;
    if (!feed.data.hasMore) break;
  }
  console.log(`ok  page the change feed (${seen.length} events of this complaint)`);
  check(seen.join() === "complaint.received,complaint.acknowledged", "change feed: both events, in order, once", seen);

  // 6. A create without a subject: the compiler knows it is required, the API answers a typed 400.
  const { subject: _leftOut, ...withoutSubject } = newComplaint;
  // @ts-expect-error the document marks subject required
  const refused = await api.POST("/api/v1/complaints", { body: withoutSubject });
  expectStatus("create without a subject", refused.response, 400, refused.error);
  check(refused.error !== undefined, "400: no problem body");
  const problem: Schemas["HttpValidationProblemDetails"] = refused.error;
  const subjectErrors: string[] | undefined = problem.errors?.subject;
  check(problem.status === 400 && problem.title.length > 0 && problem.traceId.length > 0, "400: status, title and traceId", problem);
  check(subjectErrors !== undefined && subjectErrors.length > 0, "400: errors names subject", problem.errors);
  check(refused.response.headers.get("content-type")?.startsWith("application/problem+json") === true, "400: a problem document");

  console.log("scenario passed");
}

main().catch((error: unknown) => {
  console.error(`scenario FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

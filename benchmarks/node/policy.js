"use strict";
// What both Node peers answer, like Lab Auth's TOKEN authorizer: principalId = sub, a flat context of
// the caller's claims, and one IAM policy for the whole stage built from the lab's access rules
// (the routes of deploy/access-rules.yaml, written here as code): Allow on the routes the claims
// satisfy, Deny on the others. A caller who may not use the requested route gets that policy with a
// reason in the context (API Gateway answers 403), as Lab Auth does.
const ROLES_CLAIM = "https://labauth.dev/roles";

// A scope is held through `scope` or `permissions` (Auth0 RBAC puts the same names in both).
const holds = (claims, name) =>
  (claims.scope || "").split(" ").includes(name) || (claims.permissions || []).includes(name);
const isMachine = (claims) => claims.gty === "client-credentials";

const RULES = [
  { method: "GET", path: "/me", grants: () => true },
  { method: "GET", path: "/experiments", grants: (c) => holds(c, "read:experiments") },
  { method: "POST", path: "/experiments", grants: (c) => holds(c, "create:experiments") && !isMachine(c) },
  {
    method: "DELETE",
    path: "/experiments/*",
    grants: (c) => holds(c, "create:experiments") || holds(c, "delete:experiments"),
  },
];

const matches = (rule, method, path) =>
  rule.method === method &&
  (rule.path.endsWith("/*")
    ? path.startsWith(rule.path.slice(0, -1)) && !path.slice(rule.path.length - 1).includes("/")
    : rule.path === path);

exports.policy = (claims, methodArn) => {
  const [apiArn, stage, method, ...rest] = methodArn.split("/");
  const path = "/" + rest.join("/");
  const allow = [];
  const deny = [];
  for (const rule of RULES) {
    (rule.grants(claims) ? allow : deny).push(`${apiArn}/${stage}/${rule.method}${rule.path}`);
  }
  const rule = RULES.find((r) => matches(r, method, path));
  const context = {};
  for (const [k, v] of Object.entries(claims)) {
    if (["string", "number", "boolean"].includes(typeof v)) context[k] = v;
  }
  context.scope = claims.scope || "";
  context.permissions = [...(claims.permissions || [])].sort().join(" ");
  context.roles = [...(claims[ROLES_CLAIM] || [])].sort().join(" ");
  if (claims.azp) context.clientId = claims.azp;
  if (claims.org_id) context.orgId = claims.org_id;
  if (!rule || !rule.grants(claims)) context.reason = "insufficient_scope";
  const statement = [];
  if (allow.length) statement.push({ Action: "execute-api:Invoke", Effect: "Allow", Resource: allow });
  if (deny.length) statement.push({ Action: "execute-api:Invoke", Effect: "Deny", Resource: deny });
  return { principalId: claims.sub, policyDocument: { Version: "2012-10-17", Statement: statement }, context };
};

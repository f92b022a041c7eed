// The same job with the stack of Auth0's own sample Lambda authorizer: jsonwebtoken + jwks-rsa
// (a JWKS client with caching and rate limiting), RS256 only.
"use strict";
const jwt = require("jsonwebtoken");
const jwksClient = require("jwks-rsa");
const { policy } = require("./policy");

const client = jwksClient({
  cache: true,
  rateLimit: true,
  jwksRequestsPerMinute: 10,
  jwksUri: process.env.JWKS_URI,
});

exports.handler = async (event) => {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(event.authorizationToken || "");
  if (!match) throw new Error("Unauthorized");
  const token = match[1];
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || !decoded.header || !decoded.header.kid) throw new Error("Unauthorized");
  let claims;
  try {
    const key = await client.getSigningKey(decoded.header.kid);
    claims = jwt.verify(token, key.getPublicKey(), {
      algorithms: ["RS256"],
      issuer: process.env.AUTH0_ISSUER,
      audience: process.env.AUTH0_AUDIENCE,
    });
  } catch (e) {
    throw new Error("Unauthorized");
  }
  return policy(claims, event.methodArn);
};

// The same job as Lab Auth's TOKEN authorizer, with awslabs' aws-jwt-verify: verify an Auth0 RS256
// access token against the issuer's JWKS (fetched over HTTPS on first use), answer with an IAM
// policy over the whole stage from the lab's access rules, carrying the caller's claims (policy.js).
"use strict";
const { JwtRsaVerifier } = require("aws-jwt-verify");
const { policy } = require("./policy");

const verifier = JwtRsaVerifier.create({
  issuer: process.env.AUTH0_ISSUER,
  audience: process.env.AUTH0_AUDIENCE,
  jwksUri: process.env.JWKS_URI,
});

exports.handler = async (event) => {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i.exec(event.authorizationToken || "");
  if (!match) throw new Error("Unauthorized");
  let claims;
  try {
    claims = await verifier.verify(match[1]);
  } catch (e) {
    throw new Error("Unauthorized");
  }
  return policy(claims, event.methodArn);
};

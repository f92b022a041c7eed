/**
 * Post-login Action: puts the user's Auth0 roles into the access token under a namespaced claim.
 * The authorizers read it through AUTH0_ROLES_CLAIM (default https://labauth.dev/roles), and the
 * dev issuer adds the same claim to the tokens it mints for local users.
 */
const ROLES_CLAIM = 'https://labauth.dev/roles';

exports.onExecutePostLogin = async (event, api) => {
  const roles = (event.authorization && event.authorization.roles) || [];
  api.accessToken.setCustomClaim(ROLES_CLAIM, roles);
};

package dev.labauth.local.issuer;

import dev.labauth.core.io.BoundedRead;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the tenant as code: {@code tenant.yaml} in the auth0-deploy-cli YAML format (the parts the
 * dev issuer acts on: {@code resourceServers}, {@code roles}, {@code clients}, {@code clientGrants},
 * {@code databases}; every other section is left to a0deploy) and {@code dev-users.yaml}, the
 * development-only users and client secrets. Every reference between them is checked, and a
 * broken file is refused with its name, the line and what is wrong ({@link TenantFileException}).
 */
public final class TenantFiles {
    /** A tenant file is a few kilobytes; anything past this is not one. */
    static final int MAX_FILE_BYTES = 1024 * 1024;

    public static final String TENANT_FILE = "tenant.yaml";
    public static final String DEV_USERS_FILE = "dev-users.yaml";
    /** Where the build copies {@code deploy/auth0} into this module's jar. */
    static final String BUNDLE = "/dev/labauth/local/tenant/";
    /** The name errors in the bundled files are reported under: the repository's source of truth. */
    static final String BUNDLED_DIR = "deploy/auth0/";

    private static final Set<String> DIALECTS = Set.of(DevTenant.Api.DIALECT_PLAIN, DevTenant.Api.DIALECT_AUTHZ);
    /** Auth0's bounds on an API's access-token lifetime, in seconds. */
    private static final long MAX_TOKEN_LIFETIME_SECONDS = 2_592_000;
    private static final long DEFAULT_TOKEN_LIFETIME_SECONDS = 86_400;

    private TenantFiles() {
    }

    /** The files under {@code deploy/auth0} as bundled at build time; parsed once. */
    public static DevTenant bundled() {
        return Bundled.TENANT;
    }

    /** Reads {@value #TENANT_FILE} and {@value #DEV_USERS_FILE} from a directory such as {@code deploy/auth0}. */
    public static DevTenant load(Path directory) throws IOException {
        Path tenant = directory.resolve(TENANT_FILE);
        Path users = directory.resolve(DEV_USERS_FILE);
        return parse(tenant.toString(), BoundedRead.file(tenant, MAX_FILE_BYTES, "tenant file"),
                users.toString(), BoundedRead.file(users, MAX_FILE_BYTES, "users file"));
    }

    /** Parses the two files' text; the names are only for the messages. */
    public static DevTenant parse(String tenantName, String tenantYaml, String usersName, String usersYaml) {
        YamlNode tenant = YamlNode.parse(tenantName, tenantYaml);
        YamlNode users = YamlNode.parse(usersName, usersYaml);
        return new Reader(tenant, users).read();
    }

    private static final class Bundled {
        static final DevTenant TENANT = readBundled();

        private static DevTenant readBundled() {
            try {
                return parse(BUNDLED_DIR + TENANT_FILE, resource(TENANT_FILE),
                        BUNDLED_DIR + DEV_USERS_FILE, resource(DEV_USERS_FILE));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the bundled tenant files", e);
            }
        }

        private static String resource(String name) throws IOException {
            try (InputStream in = TenantFiles.class.getResourceAsStream(BUNDLE + name)) {
                if (in == null) {
                    throw new IOException(BUNDLE + name + " is not on the class path (the build copies deploy/auth0 there)");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** One pass over both files; each section is read after the ones it refers to. */
    private static final class Reader {
        private final YamlNode tenant;
        private final YamlNode devUsers;
        private final Map<String, DevTenant.Api> apis = new LinkedHashMap<>();
        private final Map<String, DevTenant.Role> roles = new LinkedHashMap<>();
        private final Map<String, YamlNode> clientNodes = new LinkedHashMap<>();
        private final Map<String, Map<String, List<String>>> grants = new HashMap<>();
        private final Map<String, Set<String>> connections = new LinkedHashMap<>();

        Reader(YamlNode tenant, YamlNode devUsers) {
            this.tenant = tenant;
            this.devUsers = devUsers;
        }

        DevTenant read() {
            readApis();
            readRoles();
            readClients();
            readClientGrants();
            readDatabases();
            String connection = readConnection();
            Set<String> passwordClients = readPasswordGrantClients(connection);
            Map<String, String> secrets = readSecrets();
            Map<String, DevTenant.Client> clients = new LinkedHashMap<>();
            clientNodes.forEach((name, node) -> clients.put(name, client(name, node, secrets, passwordClients)));
            Map<String, DevTenant.User> users = readUsers();
            return new DevTenant(new ArrayList<>(apis.values()), roles, clients, users, connection);
        }

        private void readApis() {
            YamlNode list = tenant.required("resourceServers");
            if (list.items().isEmpty()) {
                throw list.error("needs at least one API");
            }
            for (YamlNode api : list.items()) {
                YamlNode identifierNode = api.required("identifier");
                String identifier = identifierNode.string();
                if (apis.containsKey(identifier)) {
                    throw identifierNode.error("API '" + identifier + "' is defined twice");
                }
                List<String> scopes = new ArrayList<>();
                for (YamlNode scope : api.listField("scopes")) {
                    YamlNode value = scope.required("value");
                    if (scopes.contains(value.string())) {
                        throw value.error("scope '" + value.string() + "' is defined twice");
                    }
                    scopes.add(value.string());
                }
                api.field("signing_alg").ifPresent(alg -> {
                    if (!"RS256".equals(alg.string())) {
                        throw alg.error("the dev issuer signs with RS256 only, not " + alg.string());
                    }
                });
                boolean rbac = api.field("enforce_policies").map(YamlNode::bool).orElse(false);
                YamlNode dialectNode = api.field("token_dialect").orElse(null);
                String dialect = dialectNode == null ? DevTenant.Api.DIALECT_PLAIN : dialectNode.string();
                if (!DIALECTS.contains(dialect)) {
                    throw dialectNode.error("token_dialect '" + dialect + "' is not served by the dev issuer; use "
                            + DevTenant.Api.DIALECT_PLAIN + " or " + DevTenant.Api.DIALECT_AUTHZ);
                }
                if (DevTenant.Api.DIALECT_AUTHZ.equals(dialect) && !rbac) {
                    throw dialectNode.error(DevTenant.Api.DIALECT_AUTHZ
                            + " adds permissions only with RBAC: set enforce_policies: true");
                }
                long lifetime = DEFAULT_TOKEN_LIFETIME_SECONDS;
                YamlNode lifetimeNode = api.field("token_lifetime").orElse(null);
                if (lifetimeNode != null) {
                    lifetime = lifetimeNode.integer();
                    if (lifetime < 1 || lifetime > MAX_TOKEN_LIFETIME_SECONDS) {
                        throw lifetimeNode.error("token_lifetime must be 1 to " + MAX_TOKEN_LIFETIME_SECONDS + " seconds");
                    }
                }
                String name = api.optionalString("name").orElse(identifier);
                apis.put(identifier, new DevTenant.Api(identifier, name, scopes, rbac, dialect, Duration.ofSeconds(lifetime)));
            }
        }

        private void readRoles() {
            for (YamlNode role : tenant.listField("roles")) {
                YamlNode nameNode = role.required("name");
                String name = nameNode.string();
                if (roles.containsKey(name)) {
                    throw nameNode.error("role '" + name + "' is defined twice");
                }
                Map<String, List<String>> permissions = new LinkedHashMap<>();
                for (YamlNode permission : role.listField("permissions")) {
                    DevTenant.Api api = apiNamed(permission.required("resource_server_identifier"));
                    String scope = scopeOf(api, permission.required("permission_name"));
                    List<String> granted = permissions.computeIfAbsent(api.identifier(), k -> new ArrayList<>());
                    if (!granted.contains(scope)) {
                        granted.add(scope);
                    }
                }
                roles.put(name, new DevTenant.Role(name, permissions));
            }
        }

        private void readClients() {
            for (YamlNode client : tenant.listField("clients")) {
                YamlNode nameNode = client.required("name");
                String name = nameNode.string();
                if (clientNodes.containsKey(name)) {
                    throw nameNode.error("client '" + name + "' is defined twice");
                }
                client.listField("grant_types").forEach(YamlNode::string);
                clientNodes.put(name, client);
            }
        }

        private void readClientGrants() {
            for (YamlNode grant : tenant.listField("clientGrants")) {
                YamlNode clientNode = grant.required("client_id");
                String client = clientNode.string();
                if (!clientNodes.containsKey(client)) {
                    throw clientNode.error("no client named '" + client + "' in clients" + known(clientNodes.keySet()));
                }
                YamlNode audienceNode = grant.required("audience");
                DevTenant.Api api = apiNamed(audienceNode);
                Map<String, List<String>> ofClient = grants.computeIfAbsent(client, k -> new LinkedHashMap<>());
                if (ofClient.containsKey(api.identifier())) {
                    throw audienceNode.error("client '" + client + "' already has a grant for " + api.identifier());
                }
                List<String> scopes = new ArrayList<>();
                for (YamlNode scope : grant.listField("scope")) {
                    scopes.add(scopeOf(api, scope));
                }
                ofClient.put(api.identifier(), scopes);
            }
        }

        private void readDatabases() {
            for (YamlNode database : tenant.listField("databases")) {
                String name = database.requiredString("name");
                Set<String> enabled = new LinkedHashSet<>();
                for (YamlNode client : database.listField("enabled_clients")) {
                    if (!clientNodes.containsKey(client.string())) {
                        throw client.error("no client named '" + client.string() + "' in clients" + known(clientNodes.keySet()));
                    }
                    enabled.add(client.string());
                }
                connections.put(name, enabled);
            }
        }

        private String readConnection() {
            YamlNode node = devUsers.required("connection");
            String connection = node.string();
            if (!connections.isEmpty() && !connections.containsKey(connection)) {
                throw node.error("no database connection '" + connection + "' in " + tenantFile() + known(connections.keySet()));
            }
            return connection;
        }

        private Set<String> readPasswordGrantClients(String connection) {
            Set<String> names = new LinkedHashSet<>();
            for (YamlNode client : devUsers.listField("password_grant_clients")) {
                String name = client.string();
                if (!clientNodes.containsKey(name)) {
                    throw client.error("no client named '" + name + "' in " + tenantFile() + known(clientNodes.keySet()));
                }
                Set<String> enabled = connections.get(connection);
                if (enabled != null && !enabled.contains(name)) {
                    throw client.error("client '" + name + "' is not in enabled_clients of connection '" + connection
                            + "' in " + tenantFile());
                }
                names.add(name);
            }
            return names;
        }

        private Map<String, String> readSecrets() {
            Map<String, String> secrets = new LinkedHashMap<>();
            YamlNode section = devUsers.field("clients").orElse(null);
            if (section != null) {
                section.entries().forEach((name, entry) -> {
                    YamlNode client = clientNodes.get(name);
                    if (client == null) {
                        throw entry.error("no client named '" + name + "' in " + tenantFile() + known(clientNodes.keySet()));
                    }
                    if ("none".equals(authMethod(client))) {
                        throw entry.error("client '" + name + "' is public (token_endpoint_auth_method: none): it has no secret");
                    }
                    secrets.put(name, entry.requiredString("client_secret"));
                });
            }
            clientNodes.forEach((name, client) -> {
                if (!"none".equals(authMethod(client)) && !secrets.containsKey(name)) {
                    YamlNode where = section != null ? section : devUsers;
                    throw where.error("client '" + name + "' (" + tenantFile() + ":" + client.line()
                            + ") is confidential and needs a development client_secret under clients");
                }
            });
            return secrets;
        }

        private DevTenant.Client client(String name, YamlNode node, Map<String, String> secrets, Set<String> passwordClients) {
            String appType = node.optionalString("app_type").orElse("regular_web");
            List<String> grantTypes = new ArrayList<>();
            node.listField("grant_types").forEach(g -> grantTypes.add(g.string()));
            return new DevTenant.Client(name, appType, authMethod(node), grantTypes, secrets.getOrDefault(name, ""),
                    grants.getOrDefault(name, Map.of()), passwordClients.contains(name));
        }

        /** Auth0's default: public for browser and native apps, a secret in the request body otherwise. */
        private static String authMethod(YamlNode client) {
            return client.optionalString("token_endpoint_auth_method").orElseGet(() -> {
                String appType = client.optionalString("app_type").orElse("regular_web");
                return appType.equals("spa") || appType.equals("native") ? "none" : "client_secret_post";
            });
        }

        private Map<String, DevTenant.User> readUsers() {
            Map<String, DevTenant.User> users = new LinkedHashMap<>();
            Map<String, String> emails = new HashMap<>();
            for (YamlNode user : devUsers.listField("users")) {
                YamlNode usernameNode = user.required("username");
                String username = usernameNode.string();
                if (!username.matches("[A-Za-z0-9._-]+")) {
                    throw usernameNode.error("a username is letters, digits, '.', '_' or '-'");
                }
                if (users.containsKey(username)) {
                    throw usernameNode.error("user '" + username + "' is listed twice");
                }
                YamlNode emailNode = user.required("email");
                String email = emailNode.string();
                if (!email.matches("[^@\\s]+@[^@\\s]+")) {
                    throw emailNode.error("'" + email + "' is not an email address");
                }
                String owner = emails.putIfAbsent(email.toLowerCase(Locale.ROOT), username);
                if (owner != null) {
                    throw emailNode.error("email " + email + " is also user '" + owner + "''s");
                }
                String password = user.requiredString("password");
                List<String> userRoles = new ArrayList<>();
                for (YamlNode role : user.listField("roles")) {
                    if (!roles.containsKey(role.string())) {
                        throw role.error("no role named '" + role.string() + "' in " + tenantFile() + known(roles.keySet()));
                    }
                    userRoles.add(role.string());
                }
                users.put(username, new DevTenant.User(username, DevTenant.User.userIdFor(username), email, password, userRoles));
            }
            return users;
        }

        private DevTenant.Api apiNamed(YamlNode identifier) {
            DevTenant.Api api = apis.get(identifier.string());
            if (api == null) {
                throw identifier.error("no API with identifier '" + identifier.string() + "' in resourceServers"
                        + known(apis.keySet()));
            }
            return api;
        }

        private static String scopeOf(DevTenant.Api api, YamlNode scopeNode) {
            String scope = scopeNode.string();
            if (!api.scopes().contains(scope)) {
                throw scopeNode.error("'" + scope + "' is not a scope of API " + api.identifier() + known(api.scopes()));
            }
            return scope;
        }

        private String tenantFile() {
            return tenant.file();
        }

        private static String known(Collection<String> names) {
            return names.isEmpty() ? " (there are none)" : " (known: " + String.join(", ", names) + ")";
        }
    }
}

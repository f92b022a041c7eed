package dev.labauth.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the local gateway needs of an AWS SAM template: one REST API ({@code AWS::Serverless::Api})
 * with its Lambda TOKEN authorizer and gateway responses, and the functions whose {@code Api} events
 * make its routes. Intrinsic functions are resolved against parameter values given at load time, so
 * the gateway sees plain strings. Anything it cannot serve faithfully is an error, not a guess.
 */
public record SamTemplate(
        String apiLogicalId,
        String stageName,
        Optional<TokenAuthorizer> defaultAuthorizer,
        Map<String, TokenAuthorizer> authorizers,
        Map<String, FunctionSpec> functions,
        List<Route> routes,
        Map<String, GatewayResponse> gatewayResponses) {

    /** A Lambda TOKEN authorizer: which function, which header, what it must look like, how long answers are cached. */
    public record TokenAuthorizer(String name, String functionLogicalId, String header,
            Optional<Pattern> validationExpression, int ttlSeconds) {
    }

    /** A function: its handler and its environment, resolved. */
    public record FunctionSpec(String logicalId, String handler, Map<String, String> environment) {
    }

    /** A route: method ({@code ANY} or a verb) and path as written in the template ({@code /experiments/{id}}). */
    public record Route(String method, String path, String functionLogicalId, Optional<String> authorizer) {
    }

    /** A customised gateway response: status, headers (values already unquoted) and body templates. */
    public record GatewayResponse(String type, Optional<Integer> statusCode, Map<String, String> headers,
            Map<String, String> templates) {
    }

    /** Loads and checks a template; {@code parameters} override the template's defaults. */
    public static SamTemplate parse(String yaml, String label, Map<String, String> parameters) {
        Object root = CloudFormationYaml.load(yaml, label);
        Reader r = new Reader(label, map(root, label), parameters);
        return r.read();
    }

    /** Turns the raw YAML tree into the model; every error names the resource and property at fault. */
    private static final class Reader {
        private final String label;
        private final Map<String, Object> root;
        private final Map<String, Object> resources;
        private final Map<String, String> parameterValues = new LinkedHashMap<>();

        Reader(String label, Map<String, Object> root, Map<String, String> overrides) {
            this.label = label;
            this.root = root;
            this.resources = map(root.get("Resources"), label + ": Resources");
            Map<String, Object> parameters = optionalMap(root.get("Parameters"));
            parameters.forEach((name, spec) -> {
                Object def = optionalMap(spec).get("Default");
                if (def != null) {
                    parameterValues.put(name, String.valueOf(def));
                }
            });
            overrides.forEach((name, value) -> {
                if (!parameters.containsKey(name)) {
                    throw new TemplateException(label + ": parameter " + name + " is given a value but the template has no such parameter");
                }
                parameterValues.put(name, value);
            });
        }

        private String theApi() {
            List<String> apis = resources.entrySet().stream()
                    .filter(e -> "AWS::Serverless::Api".equals(optionalMap(e.getValue()).get("Type")))
                    .map(Map.Entry::getKey).toList();
            if (apis.size() != 1) {
                throw new TemplateException(label + ": the local gateway serves exactly one AWS::Serverless::Api; found "
                        + (apis.isEmpty() ? "none" : apis));
            }
            return apis.get(0);
        }

        SamTemplate read() {
            checkHttpApiSimpleResponses();
            String apiId = theApi();
            Map<String, Object> api = properties(apiId);
            String stage = resolve(api.get("StageName"), apiId + ".StageName");
            Map<String, Object> auth = optionalMap(api.get("Auth"));
            Map<String, TokenAuthorizer> authorizers = new LinkedHashMap<>();
            optionalMap(auth.get("Authorizers")).forEach((name, spec) -> authorizers.put(name, authorizer(apiId, name, map(spec, name))));
            Optional<TokenAuthorizer> defaultAuthorizer = Optional.empty();
            if (auth.get("DefaultAuthorizer") != null) {
                String name = resolve(auth.get("DefaultAuthorizer"), apiId + ".Auth.DefaultAuthorizer");
                if (!authorizers.containsKey(name)) {
                    throw new TemplateException(label + ": " + apiId + ".Auth.DefaultAuthorizer names " + name
                            + ", which is not among its Authorizers " + authorizers.keySet());
                }
                defaultAuthorizer = Optional.of(authorizers.get(name));
            }
            Map<String, GatewayResponse> responses = new LinkedHashMap<>();
            optionalMap(api.get("GatewayResponses")).forEach((type, spec) -> responses.put(type, gatewayResponse(type, map(spec, type))));

            Map<String, FunctionSpec> functions = new LinkedHashMap<>();
            List<Route> routes = new ArrayList<>();
            Map<String, Object> globalEnv = optionalMap(optionalMap(optionalMap(optionalMap(root.get("Globals")).get("Function"))
                    .get("Environment")).get("Variables"));
            for (Map.Entry<String, Object> e : resources.entrySet()) {
                if (!"AWS::Serverless::Function".equals(optionalMap(e.getValue()).get("Type"))) {
                    continue;
                }
                String id = e.getKey();
                Map<String, Object> props = properties(id);
                Map<String, String> env = new LinkedHashMap<>();
                globalEnv.forEach((k, v) -> env.put(k, resolve(v, "Globals.Function.Environment." + k)));
                optionalMap(optionalMap(props.get("Environment")).get("Variables"))
                        .forEach((k, v) -> env.put(k, resolve(v, id + ".Environment.Variables." + k)));
                functions.put(id, new FunctionSpec(id, resolve(props.get("Handler"), id + ".Handler"), env));
                optionalMap(props.get("Events")).forEach((eventName, event) -> {
                    Map<String, Object> ev = map(event, id + ".Events." + eventName);
                    if (!"Api".equals(ev.get("Type"))) {
                        return;
                    }
                    String restApi = apiLogicalIdOf(apiIdFor(ev));
                    if (restApi != null && !restApi.equals(apiId)) {
                        throw new TemplateException(label + ": " + id + ".Events." + eventName + " belongs to " + restApi
                                + ", not to " + apiId);
                    }
                    routes.add(route(id, eventName, map(ev.get("Properties"), id + ".Events." + eventName + ".Properties"), restApi));
                });
            }
            for (TokenAuthorizer a : authorizers.values()) {
                if (!functions.containsKey(a.functionLogicalId())) {
                    throw new TemplateException(label + ": authorizer " + a.name() + " names function "
                            + a.functionLogicalId() + ", which is not an AWS::Serverless::Function here");
                }
            }
            for (Route route : routes) {
                route.authorizer().filter(name -> !name.equals("NONE") && !authorizers.containsKey(name)).ifPresent(name -> {
                    throw new TemplateException(label + ": route " + route.method() + " " + route.path()
                            + " names authorizer " + name + ", which " + apiId + " does not define");
                });
            }
            return new SamTemplate(apiId, stage, defaultAuthorizer, authorizers, functions, routes, responses);
        }

        /**
         * A simple response decides for one route, so when API Gateway caches it the cache key must
         * name the route: an HTTP API authorizer with simple responses and caching on must have
         * {@code $context.routeKey} among its identity sources (SAM: {@code Identity.Context: [routeKey]}).
         */
        private void checkHttpApiSimpleResponses() {
            for (Map.Entry<String, Object> e : resources.entrySet()) {
                if (!"AWS::Serverless::HttpApi".equals(optionalMap(e.getValue()).get("Type"))) {
                    continue;
                }
                Map<String, Object> authorizers = optionalMap(optionalMap(properties(e.getKey()).get("Auth")).get("Authorizers"));
                authorizers.forEach((name, spec) -> {
                    Map<String, Object> a = optionalMap(spec);
                    if (!"true".equals(String.valueOf(a.get("EnableSimpleResponses")))) {
                        return;
                    }
                    Map<String, Object> identity = optionalMap(a.get("Identity"));
                    Object ttl = identity.get("ReauthorizeEvery");
                    boolean cached = ttl == null || !"0".equals(resolve(ttl, e.getKey() + ".Auth.Authorizers." + name + ".Identity.ReauthorizeEvery"));
                    Object context = identity.get("Context");
                    boolean keyedByRoute = context instanceof List<?> l && l.contains("routeKey");
                    if (cached && !keyedByRoute) {
                        throw new TemplateException(label + ": " + e.getKey() + ".Auth.Authorizers." + name
                                + " answers with simple responses, which decide for one route, and caches them; add"
                                + " 'Context: [routeKey]' to its Identity so that the cache is keyed by route, set"
                                + " ReauthorizeEvery: 0, or answer with IAM policies (the default)");
                    }
                });
            }
        }

        private Object apiIdFor(Map<String, Object> event) {
            return optionalMap(event.get("Properties")).get("RestApiId");
        }

        private String apiLogicalIdOf(Object restApiId) {
            return restApiId instanceof Intrinsic i && i.function().equals("Ref") ? String.valueOf(i.argument()) : null;
        }

        private Route route(String functionId, String eventName, Map<String, Object> props, String restApiId) {
            String where = functionId + ".Events." + eventName;
            if (restApiId == null) {
                throw new TemplateException(label + ": " + where + " has no RestApiId: !Ref <the API>; an implicit API is not served");
            }
            String path = resolve(props.get("Path"), where + ".Path");
            String method = resolve(props.get("Method"), where + ".Method").toUpperCase(Locale.ROOT);
            try {
                new dev.labauth.core.rules.RoutePattern(method, path);
            } catch (IllegalArgumentException e) {
                throw new TemplateException(label + ": " + where + ": " + e.getMessage());
            }
            Optional<String> authorizer = Optional.empty();
            Object routeAuth = optionalMap(props.get("Auth")).get("Authorizer");
            if (routeAuth != null) {
                String name = resolve(routeAuth, where + ".Auth.Authorizer");
                authorizer = Optional.of(name);
            }
            return new Route(method, path, functionId, authorizer);
        }

        /**
         * The function an authorizer's {@code FunctionArn} names: {@code !GetAtt Fn.Arn}, or
         * {@code !Ref Fn.Alias} (SAM's alias of a function with {@code AutoPublishAlias}, which is how a
         * SnapStart function is invoked: SnapStart applies to published versions only).
         */
        private String authorizerFunction(Object arn, String where) {
            if (arn instanceof Intrinsic i && i.function().equals("GetAtt") && i.argument() instanceof List<?> parts
                    && parts.size() == 2 && "Arn".equals(parts.get(1))) {
                return String.valueOf(parts.get(0));
            }
            if (arn instanceof Intrinsic i && i.function().equals("Ref") && i.argument() instanceof String ref
                    && ref.endsWith(".Alias")) {
                String functionId = ref.substring(0, ref.length() - ".Alias".length());
                Map<String, Object> function = optionalMap(resources.get(functionId));
                if (optionalMap(function.get("Properties")).get("AutoPublishAlias") == null) {
                    throw new TemplateException(label + ": " + where + ".FunctionArn is !Ref " + ref + ", but "
                            + functionId + " has no AutoPublishAlias");
                }
                return functionId;
            }
            throw new TemplateException(label + ": " + where + ".FunctionArn must be !GetAtt <Function>.Arn or !Ref <Function>.Alias");
        }

        private TokenAuthorizer authorizer(String apiId, String name, Map<String, Object> spec) {
            String where = apiId + ".Auth.Authorizers." + name;
            Object type = spec.getOrDefault("FunctionPayloadType", "TOKEN");
            if (!"TOKEN".equals(type)) {
                throw new TemplateException(label + ": " + where + ".FunctionPayloadType " + type
                        + " is not served locally yet (TOKEN is)");
            }
            String functionId = authorizerFunction(spec.get("FunctionArn"), where);
            Map<String, Object> identity = optionalMap(spec.get("Identity"));
            String header = identity.get("Header") == null ? "Authorization" : resolve(identity.get("Header"), where + ".Identity.Header");
            Optional<Pattern> validation = Optional.empty();
            if (identity.get("ValidationExpression") != null) {
                String regex = resolve(identity.get("ValidationExpression"), where + ".Identity.ValidationExpression");
                try {
                    validation = Optional.of(Pattern.compile(regex));
                } catch (PatternSyntaxException e) {
                    throw new TemplateException(label + ": " + where + ".Identity.ValidationExpression is not a regular expression: "
                            + e.getDescription());
                }
            }
            int ttl = 300;
            if (identity.get("ReauthorizeEvery") != null) {
                String raw = resolve(identity.get("ReauthorizeEvery"), where + ".Identity.ReauthorizeEvery");
                try {
                    ttl = Integer.parseInt(raw);
                } catch (NumberFormatException e) {
                    throw new TemplateException(label + ": " + where + ".Identity.ReauthorizeEvery '" + raw + "' is not a number");
                }
                if (ttl < 0 || ttl > 3600) {
                    throw new TemplateException(label + ": " + where + ".Identity.ReauthorizeEvery must be 0 to 3600 seconds");
                }
            }
            return new TokenAuthorizer(name, functionId, header, validation, ttl);
        }

        private GatewayResponse gatewayResponse(String type, Map<String, Object> spec) {
            String where = "GatewayResponses." + type;
            Optional<Integer> status = Optional.ofNullable(spec.get("StatusCode"))
                    .map(s -> Integer.parseInt(resolve(s, where + ".StatusCode")));
            Map<String, String> headers = new LinkedHashMap<>();
            optionalMap(optionalMap(spec.get("ResponseParameters")).get("Headers")).forEach((name, value) -> {
                String v = resolve(value, where + ".ResponseParameters.Headers." + name);
                // API Gateway header values are mapping expressions: a literal is written in single quotes.
                if (!(v.length() >= 2 && v.startsWith("'") && v.endsWith("'"))) {
                    throw new TemplateException(label + ": " + where + " header " + name
                            + " must be a quoted literal like \"'value'\"; mapping expressions are not served locally");
                }
                headers.put(name, v.substring(1, v.length() - 1));
            });
            Map<String, String> templates = new LinkedHashMap<>();
            optionalMap(spec.get("ResponseTemplates")).forEach((ct, body) -> templates.put(ct, resolve(body, where + ".ResponseTemplates")));
            return new GatewayResponse(type, status, headers, templates);
        }

        private Map<String, Object> properties(String logicalId) {
            return optionalMap(map(resources.get(logicalId), logicalId).get("Properties"));
        }

        /** A value as the deployed stack would see it, with locally meaningful stand-ins for resource attributes. */
        private String resolve(Object value, String where) {
            if (value == null) {
                throw new TemplateException(label + ": " + where + " is missing");
            }
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                return String.valueOf(value);
            }
            if (value instanceof Intrinsic i) {
                switch (i.function()) {
                    case "Ref" -> {
                        String name = String.valueOf(i.argument());
                        if (parameterValues.containsKey(name)) {
                            return parameterValues.get(name);
                        }
                        if (optionalMap(root.get("Parameters")).containsKey(name)) {
                            throw new TemplateException(label + ": parameter " + name + " (used by " + where
                                    + ") has no default and no value was given");
                        }
                        if (resources.containsKey(name)) {
                            return name;
                        }
                        if (name.equals("AWS::Region")) {
                            return "us-east-1";
                        }
                        throw new TemplateException(label + ": " + where + " refers to " + name + ", which is neither a parameter nor a resource");
                    }
                    case "GetAtt" -> {
                        List<?> parts = i.argument() instanceof List<?> l ? l : List.of();
                        if (parts.size() == 2 && resources.containsKey(String.valueOf(parts.get(0)))) {
                            return "arn:aws:local:us-east-1:123456789012:" + parts.get(0) + "/" + parts.get(1);
                        }
                        throw new TemplateException(label + ": " + where + " has a !GetAtt on an unknown resource: " + parts);
                    }
                    case "Sub" -> {
                        if (!(i.argument() instanceof String text)) {
                            throw new TemplateException(label + ": " + where + " uses the list form of !Sub, not served locally");
                        }
                        StringBuilder out = new StringBuilder();
                        var m = Pattern.compile("\\$\\{([^}]+)}").matcher(text);
                        while (m.find()) {
                            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
                                    resolve(new Intrinsic("Ref", m.group(1)), where)));
                        }
                        m.appendTail(out);
                        return out.toString();
                    }
                    default -> throw new TemplateException(label + ": " + where + " uses !" + i.function()
                            + ", which the local gateway does not evaluate");
                }
            }
            throw new TemplateException(label + ": " + where + " must be a single value, not " + value.getClass().getSimpleName());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new TemplateException(where + " must be a mapping");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> optionalMap(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}

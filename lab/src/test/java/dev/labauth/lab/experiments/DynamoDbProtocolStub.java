package dev.labauth.lab.experiments;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A protocol stub, not a database: an HTTP server on loopback that speaks just enough of DynamoDB's
 * JSON protocol (1.0, {@code X-Amz-Target: DynamoDB_20120810.*}) for {@link DynamoDbExperimentStore}:
 * PutItem, GetItem, Query and DeleteItem against one table of items keyed by {@code id}.
 *
 * <p>It checks what the store sends rather than interpret it: a table, index, key or expression
 * other than the ones below is answered with DynamoDB's {@code ValidationException}, so a change to
 * the store's requests fails its tests. It evaluates only the two conditions the store uses. It
 * says nothing about how real DynamoDB evaluates anything else, nor about the eventual consistency
 * of a global secondary index (the stub's "index" is always current).
 */
public final class DynamoDbProtocolStub implements AutoCloseable {
    /** One request as the stub received it. */
    public record Call(String operation, Map<String, Object> body, String authorization) {
    }

    private static final String PREFIX = "DynamoDB_20120810.";
    private static final String ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#";

    private final String table;
    private final HttpServer server;
    private final Map<String, Map<String, Object>> items = new TreeMap<>();
    private final List<Call> calls = new ArrayList<>();
    private Optional<String> failWith = Optional.empty();

    public DynamoDbProtocolStub(String table) throws IOException {
        this.table = table;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized Call lastCall(String operation) {
        for (int i = calls.size() - 1; i >= 0; i--) {
            if (calls.get(i).operation().equals(operation)) {
                return calls.get(i);
            }
        }
        throw new AssertionError("no " + operation + " call");
    }

    /** The items the stub holds, keyed by id, in DynamoDB's attribute-value form. */
    public synchronized Map<String, Map<String, Object>> items() {
        return Map.copyOf(items);
    }

    /** Holds {@code item} as if some other writer had put it there, whatever it lacks. */
    public synchronized void putRaw(Map<String, Object> item) {
        items.put(string(item, "id").orElseThrow(), item);
    }

    /** From now on, answer every request with this DynamoDB error type (a 400 the SDK does not retry). */
    public synchronized void failWith(String errorType) {
        failWith = Optional.of(errorType);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            Map<String, Object> body = JSON.std.mapFrom(exchange.getRequestBody().readAllBytes());
            Answer answer;
            synchronized (this) {
                String operation = target != null && target.startsWith(PREFIX) ? target.substring(PREFIX.length()) : "";
                calls.add(new Call(operation, body, exchange.getRequestHeaders().getFirst("Authorization")));
                answer = failWith.isPresent() ? error(failWith.get(), "stubbed failure") : answer(operation, body);
            }
            byte[] bytes = JSON.std.asBytes(answer.body());
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.getResponseHeaders().set("x-amzn-RequestId", "stub-" + calls.size());
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private record Answer(int status, Map<String, Object> body) {
    }

    private Answer answer(String operation, Map<String, Object> body) {
        if (!table.equals(body.get("TableName"))) {
            return error("ResourceNotFoundException", "Requested resource not found: " + body.get("TableName"));
        }
        return switch (operation) {
            case "PutItem" -> putItem(body);
            case "GetItem" -> getItem(body);
            case "Query" -> query(body);
            case "DeleteItem" -> deleteItem(body);
            default -> error("UnknownOperationException", "the stub does not speak " + operation);
        };
    }

    private Answer putItem(Map<String, Object> body) {
        if (!"attribute_not_exists(#id)".equals(body.get("ConditionExpression"))
                || !Map.of("#id", "id").equals(body.get("ExpressionAttributeNames"))) {
            return error("ValidationException", "unexpected PutItem condition");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> item = (Map<String, Object>) body.get("Item");
        Optional<String> id = string(item, "id");
        if (id.isEmpty()) {
            return error("ValidationException", "One of the required keys was not given a value");
        }
        if (items.containsKey(id.get())) {
            return error("ConditionalCheckFailedException", "The conditional request failed");
        }
        items.put(id.get(), item);
        return ok(Map.of());
    }

    private Answer getItem(Map<String, Object> body) {
        Optional<String> id = key(body);
        if (id.isEmpty()) {
            return error("ValidationException", "The provided key element does not match the schema");
        }
        Map<String, Object> item = items.get(id.get());
        return ok(item == null ? Map.of() : Map.of("Item", item));
    }

    private Answer query(Map<String, Object> body) {
        if (!DynamoDbExperimentStore.OWNER_INDEX.equals(body.get("IndexName"))
                || !"#owner = :owner".equals(body.get("KeyConditionExpression"))
                || !Map.of("#owner", "owner").equals(body.get("ExpressionAttributeNames"))) {
            return error("ValidationException", "unexpected Query");
        }
        Optional<String> owner = attributeValue(body, ":owner");
        if (owner.isEmpty()) {
            return error("ValidationException", "ExpressionAttributeValues lacks :owner");
        }
        List<Map<String, Object>> found = new ArrayList<>(items.values().stream()
                .filter(item -> string(item, "owner").equals(owner))
                .sorted(Comparator.comparing(item -> string(item, "createdAt").orElse("")))
                .toList());
        if (Boolean.FALSE.equals(body.get("ScanIndexForward"))) {
            Collections.reverse(found);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Items", found);
        answer.put("Count", found.size());
        answer.put("ScannedCount", found.size());
        return ok(answer);
    }

    private Answer deleteItem(Map<String, Object> body) {
        Optional<String> id = key(body);
        if (id.isEmpty() || !"#owner = :owner".equals(body.get("ConditionExpression"))
                || !Map.of("#owner", "owner").equals(body.get("ExpressionAttributeNames"))) {
            return error("ValidationException", "unexpected DeleteItem");
        }
        Map<String, Object> item = items.get(id.get());
        // DynamoDB evaluates the condition against the current item; a missing item fails it too.
        if (item == null || !string(item, "owner").equals(attributeValue(body, ":owner"))) {
            return error("ConditionalCheckFailedException", "The conditional request failed");
        }
        items.remove(id.get());
        return ok(Map.of());
    }

    /** The id of a Key that is exactly the table's key schema: {@code {"id": {"S": …}}}. */
    private static Optional<String> key(Map<String, Object> body) {
        if (!(body.get("Key") instanceof Map<?, ?> key) || key.size() != 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) key;
        return string(typed, "id");
    }

    private static Optional<String> attributeValue(Map<String, Object> body, String placeholder) {
        if (!(body.get("ExpressionAttributeValues") instanceof Map<?, ?> values)) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) values;
        return string(typed, placeholder);
    }

    private static Optional<String> string(Map<String, Object> attributes, String name) {
        return attributes.get(name) instanceof Map<?, ?> value && value.get("S") instanceof String s
                ? Optional.of(s) : Optional.empty();
    }

    private static Answer ok(Map<String, Object> body) {
        return new Answer(200, body);
    }

    private static Answer error(String type, String message) {
        return new Answer(400, Map.of("__type", ERROR_PREFIX + type, "message", message));
    }
}

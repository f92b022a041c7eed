package dev.labauth.lab.experiments;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Experiments in a DynamoDB table (AWS SDK v2, the JDK's URLConnection HTTP client).
 *
 * <p>The table the template must declare: partition key {@value #ID} (S), no sort key; global
 * secondary index {@value #OWNER_INDEX} with partition key {@value #OWNER} (S), sort key
 * {@value #CREATED_AT} (S, ISO-8601 UTC, so text order is time order) and projection ALL. A
 * listing reads the index, which DynamoDB updates eventually: an experiment created a moment ago
 * can be missing from the list for that moment. Reads by id are strongly consistent.
 */
public final class DynamoDbExperimentStore implements ExperimentStore {
    public static final String ID = "id";
    public static final String NAME = "name";
    public static final String OWNER = "owner";
    public static final String CREATED_AT = "createdAt";
    public static final String OWNER_INDEX = "owner-createdAt-index";

    /** Connect timeout of one call to DynamoDB: a Lambda function should fail fast, not hang. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Read timeout of one call. */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(5);
    /** Bound on one API call, retries included. */
    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(10);

    // Placeholders for the attribute names: OWNER and NAME are DynamoDB reserved words.
    private static final Map<String, String> ID_NAME = Map.of("#id", ID);
    private static final Map<String, String> OWNER_NAME = Map.of("#owner", OWNER);

    private final DynamoDbClient client;
    private final String table;

    public DynamoDbExperimentStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = requireText(table, ExperimentStores.EXPERIMENTS_TABLE);
    }

    /**
     * A store configured by a Lambda function's environment: {@code EXPERIMENTS_TABLE} (required),
     * {@code DYNAMODB_ENDPOINT} (optional override, e.g. a DynamoDB-compatible engine on loopback),
     * {@code AWS_REGION} (Lambda sets it; without it only an endpoint override may go on, in
     * us-east-1), and credentials from {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/
     * {@code AWS_SESSION_TOKEN} in that environment, else the SDK's default chain.
     */
    public static DynamoDbExperimentStore fromEnvironment(Map<String, String> env) {
        String table = requireText(env.get(ExperimentStores.EXPERIMENTS_TABLE), ExperimentStores.EXPERIMENTS_TABLE);
        Optional<URI> endpoint = text(env.get(ExperimentStores.DYNAMODB_ENDPOINT)).map(DynamoDbExperimentStore::endpoint);
        Region region = text(env.get("AWS_REGION"))
                .or(() -> text(env.get("AWS_DEFAULT_REGION")))
                .or(() -> endpoint.map(e -> "us-east-1"))
                .map(Region::of)
                .orElseThrow(() -> new IllegalArgumentException(
                        "AWS_REGION is not set (Lambda sets it; set it, or DYNAMODB_ENDPOINT, when running elsewhere)"));
        var builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(DEFAULT_CONNECT_TIMEOUT)
                        .socketTimeout(DEFAULT_SOCKET_TIMEOUT)
                        .build())
                .overrideConfiguration(c -> c.apiCallTimeout(DEFAULT_API_CALL_TIMEOUT))
                .region(region)
                .credentialsProvider(credentials(env));
        endpoint.ifPresent(builder::endpointOverride);
        return new DynamoDbExperimentStore(builder.build(), table);
    }

    @Override
    public void create(Experiment experiment) {
        try {
            client.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(item(experiment))
                    .conditionExpression("attribute_not_exists(#id)")
                    .expressionAttributeNames(ID_NAME)
                    .build());
        } catch (ConditionalCheckFailedException taken) {
            throw new ExperimentStoreException("an experiment with id " + experiment.id() + " already exists", taken);
        } catch (SdkException e) {
            throw failure("PutItem", e);
        }
    }

    @Override
    public List<Experiment> ownedBy(String owner) {
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .indexName(OWNER_INDEX)
                .keyConditionExpression("#owner = :owner")
                .expressionAttributeNames(OWNER_NAME)
                .expressionAttributeValues(Map.of(":owner", s(owner)))
                .scanIndexForward(true)
                .build();
        try {
            List<Experiment> experiments = new ArrayList<>();
            client.queryPaginator(query).items().forEach(item -> experiments.add(experiment(item)));
            return List.copyOf(experiments);
        } catch (SdkException e) {
            throw failure("Query", e);
        }
    }

    @Override
    public Optional<Experiment> find(String id) {
        try {
            Map<String, AttributeValue> item = client.getItem(GetItemRequest.builder()
                    .tableName(table)
                    .key(Map.of(ID, s(id)))
                    .consistentRead(true)
                    .build()).item();
            // The SDK answers an absent item with an empty map, not null.
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(experiment(item));
        } catch (SdkException e) {
            throw failure("GetItem", e);
        }
    }

    @Override
    public boolean delete(String id, String owner) {
        try {
            client.deleteItem(DeleteItemRequest.builder()
                    .tableName(table)
                    .key(Map.of(ID, s(id)))
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(OWNER_NAME)
                    .expressionAttributeValues(Map.of(":owner", s(owner)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException goneOrMoved) {
            return false;
        } catch (SdkException e) {
            throw failure("DeleteItem", e);
        }
    }

    private static Map<String, AttributeValue> item(Experiment experiment) {
        return Map.of(
                ID, s(experiment.id()),
                NAME, s(experiment.name()),
                OWNER, s(experiment.owner()),
                CREATED_AT, s(experiment.createdAt().toString()));
    }

    private Experiment experiment(Map<String, AttributeValue> item) {
        try {
            return new Experiment(string(item, ID), string(item, NAME), string(item, OWNER),
                    Instant.parse(string(item, CREATED_AT)));
        } catch (DateTimeParseException e) {
            throw new ExperimentStoreException("table " + table + " holds an item whose createdAt is not a time", e);
        }
    }

    private String string(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        if (value == null || value.s() == null) {
            throw new ExperimentStoreException("table " + table + " holds an item without a string " + attribute);
        }
        return value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private ExperimentStoreException failure(String operation, SdkException e) {
        return new ExperimentStoreException("DynamoDB " + operation + " on table " + table + " failed: " + e.getMessage(), e);
    }

    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        Optional<String> key = text(env.get("AWS_ACCESS_KEY_ID"));
        Optional<String> secret = text(env.get("AWS_SECRET_ACCESS_KEY"));
        if (key.isEmpty() || secret.isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        Optional<String> session = text(env.get("AWS_SESSION_TOKEN"));
        return StaticCredentialsProvider.create(session
                .<AwsCredentials>map(t -> AwsSessionCredentials.create(key.get(), secret.get(), t))
                .orElseGet(() -> AwsBasicCredentials.create(key.get(), secret.get())));
    }

    private static URI endpoint(String value) {
        URI uri = URI.create(value);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException(ExperimentStores.DYNAMODB_ENDPOINT + " is not an absolute URL: " + value);
        }
        return uri;
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String requireText(String value, String name) {
        return text(value).orElseThrow(() -> new IllegalArgumentException(name + " is not set"));
    }
}

package dev.labauth.lab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DynamoDB store against {@link DynamoDbProtocolStub}: the requests the SDK sends on the store's
 * behalf (table, key schema, index, condition expressions, SigV4 scope) and how the store reads the
 * answers. Not a test of DynamoDB itself.
 */
class DynamoDbExperimentStoreTest {
    private static final String TABLE = "lab-experiments";
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00.123Z");

    private DynamoDbProtocolStub stub;
    private DynamoDbExperimentStore store;

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("EXPERIMENTS_TABLE", TABLE);
        env.put("DYNAMODB_ENDPOINT", stub.endpoint().toString());
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ACCESS_KEY_ID", "AKIDLABSTUB");
        env.put("AWS_SECRET_ACCESS_KEY", "not-a-secret");
        return env;
    }

    @BeforeEach
    void start() throws IOException {
        stub = new DynamoDbProtocolStub(TABLE);
        store = DynamoDbExperimentStore.fromEnvironment(environment());
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private static Experiment experiment(String id, String owner, Instant createdAt) {
        return new Experiment(id, "Experiment " + id, owner, createdAt);
    }

    @Test
    void createPutsOneItemKeyedByIdOnlyIfTheIdIsFree() {
        store.create(experiment("e1", "auth0|ada", T0));

        DynamoDbProtocolStub.Call put = stub.lastCall("PutItem");
        assertThat(put.body()).containsEntry("TableName", TABLE)
                .containsEntry("ConditionExpression", "attribute_not_exists(#id)")
                .containsEntry("ExpressionAttributeNames", Map.of("#id", "id"))
                .containsEntry("Item", Map.of(
                        "id", Map.of("S", "e1"),
                        "name", Map.of("S", "Experiment e1"),
                        "owner", Map.of("S", "auth0|ada"),
                        "createdAt", Map.of("S", "2026-03-01T09:00:00.123Z")));
        assertThat(stub.items()).containsOnlyKeys("e1");
    }

    @Test
    void requestsAreSignedForDynamoDbInTheConfiguredRegion() {
        store.find("e1");

        assertThat(stub.lastCall("GetItem").authorization())
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDLABSTUB/")
                .contains("/eu-west-1/dynamodb/aws4_request");
    }

    @Test
    void aTakenIdIsAStoreErrorNotAnOverwrite() {
        store.create(experiment("e1", "auth0|ada", T0));

        assertThatThrownBy(() -> store.create(experiment("e1", "auth0|bob", T0.plusSeconds(1))))
                .isInstanceOf(ExperimentStoreException.class).hasMessageContaining("already exists");
        assertThat(store.find("e1")).get().extracting(Experiment::owner).isEqualTo("auth0|ada");
    }

    @Test
    void findReadsOneItemByItsKeyWithAStronglyConsistentRead() {
        store.create(experiment("e1", "auth0|ada", T0));

        assertThat(store.find("e1")).contains(experiment("e1", "auth0|ada", T0));
        DynamoDbProtocolStub.Call get = stub.lastCall("GetItem");
        assertThat(get.body()).containsEntry("TableName", TABLE)
                .containsEntry("Key", Map.of("id", Map.of("S", "e1")))
                .containsEntry("ConsistentRead", true);
    }

    @Test
    void findOfAnUnknownIdIsEmpty() {
        assertThat(store.find("nope")).isEmpty();
    }

    @Test
    void ownedByQueriesTheOwnerIndexOldestFirst() {
        store.create(experiment("late", "auth0|ada", T0.plusSeconds(60)));
        store.create(experiment("early", "auth0|ada", T0));
        store.create(experiment("other", "auth0|bob", T0));

        assertThat(store.ownedBy("auth0|ada")).extracting(Experiment::id).containsExactly("early", "late");
        DynamoDbProtocolStub.Call query = stub.lastCall("Query");
        assertThat(query.body()).containsEntry("TableName", TABLE)
                .containsEntry("IndexName", "owner-createdAt-index")
                .containsEntry("KeyConditionExpression", "#owner = :owner")
                .containsEntry("ExpressionAttributeNames", Map.of("#owner", "owner"))
                .containsEntry("ExpressionAttributeValues", Map.of(":owner", Map.of("S", "auth0|ada")))
                .containsEntry("ScanIndexForward", true);
        assertThat(store.ownedBy("auth0|nobody")).isEmpty();
    }

    @Test
    void deleteIsConditionalOnTheOwnerTheCallerWasCheckedAgainst() {
        store.create(experiment("e1", "auth0|ada", T0));

        assertThat(store.delete("e1", "auth0|bob")).isFalse();
        assertThat(stub.items()).containsKey("e1");
        DynamoDbProtocolStub.Call refused = stub.lastCall("DeleteItem");
        assertThat(refused.body()).containsEntry("TableName", TABLE)
                .containsEntry("Key", Map.of("id", Map.of("S", "e1")))
                .containsEntry("ConditionExpression", "#owner = :owner")
                .containsEntry("ExpressionAttributeNames", Map.of("#owner", "owner"))
                .containsEntry("ExpressionAttributeValues", Map.of(":owner", Map.of("S", "auth0|bob")));

        assertThat(store.delete("e1", "auth0|ada")).isTrue();
        assertThat(stub.items()).isEmpty();
        assertThat(store.delete("e1", "auth0|ada")).isFalse();
    }

    @Test
    void aServiceErrorBecomesAStoreErrorNamingTheOperationAndTable() {
        stub.failWith("ResourceNotFoundException");

        assertThatThrownBy(() -> store.ownedBy("auth0|ada"))
                .isInstanceOf(ExperimentStoreException.class)
                .hasMessageContaining("Query").hasMessageContaining(TABLE);
        assertThatThrownBy(() -> store.find("e1")).isInstanceOf(ExperimentStoreException.class);
        assertThatThrownBy(() -> store.delete("e1", "x")).isInstanceOf(ExperimentStoreException.class);
        assertThatThrownBy(() -> store.create(experiment("e1", "x", T0))).isInstanceOf(ExperimentStoreException.class);
    }

    @Test
    void theTableNameComesFromTheEnvironment() {
        Map<String, String> env = environment();
        env.put("EXPERIMENTS_TABLE", "another-table");

        assertThatThrownBy(() -> DynamoDbExperimentStore.fromEnvironment(env).find("e1"))
                .isInstanceOf(ExperimentStoreException.class).hasMessageContaining("another-table");
        assertThat(stub.lastCall("GetItem").body()).containsEntry("TableName", "another-table");
    }

    @Test
    void theEnvironmentMustNameATableAndARegionOrEndpoint() {
        Map<String, String> noTable = environment();
        noTable.remove("EXPERIMENTS_TABLE");
        assertThatThrownBy(() -> DynamoDbExperimentStore.fromEnvironment(noTable))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EXPERIMENTS_TABLE");

        Map<String, String> nowhere = environment();
        nowhere.remove("AWS_REGION");
        nowhere.remove("DYNAMODB_ENDPOINT");
        assertThatThrownBy(() -> DynamoDbExperimentStore.fromEnvironment(nowhere))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AWS_REGION");

        Map<String, String> relative = environment();
        relative.put("DYNAMODB_ENDPOINT", "localhost:8000");
        assertThatThrownBy(() -> DynamoDbExperimentStore.fromEnvironment(relative))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DYNAMODB_ENDPOINT");
    }

    @Test
    void anEndpointWithoutRegionSignsForUsEast1() {
        Map<String, String> env = environment();
        env.remove("AWS_REGION");

        DynamoDbExperimentStore.fromEnvironment(env).find("e1");

        assertThat(stub.lastCall("GetItem").authorization()).contains("/us-east-1/dynamodb/aws4_request");
    }

    @Test
    void anItemMissingAnAttributeIsAStoreError() {
        stub.putRaw(Map.of("id", Map.of("S", "bad"), "owner", Map.of("S", "auth0|ada"),
                "createdAt", Map.of("S", "2026-03-01T09:00:00Z")));

        assertThatThrownBy(() -> store.find("bad"))
                .isInstanceOf(ExperimentStoreException.class).hasMessageContaining("without a string name");
    }
}

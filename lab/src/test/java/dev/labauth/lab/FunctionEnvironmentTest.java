package dev.labauth.lab;

import static dev.labauth.lab.LabEvents.invoke;
import static dev.labauth.lab.LabEvents.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.labauth.lab.LabEvents.Answer;
import dev.labauth.lab.LabEvents.Who;
import dev.labauth.lab.experiments.DynamoDbProtocolStub;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The functions built the way the local gateway builds them, from a template's environment
 * variables: the in-memory store shared by every function in the JVM, or DynamoDB (here the
 * protocol stub) named by EXPERIMENTS_TABLE and DYNAMODB_ENDPOINT.
 */
class FunctionEnvironmentTest {
    private static final Map<String, String> MEMORY = Map.of("EXPERIMENTS_STORE", "memory");

    @SuppressWarnings("unchecked")
    private static List<String> ids(Answer answer) {
        return ((List<Map<String, Object>>) answer.json().get("experiments")).stream()
                .map(e -> (String) e.get("id")).toList();
    }

    private static Map<String, String> dynamoDb(DynamoDbProtocolStub stub) {
        return Map.of("EXPERIMENTS_TABLE", "lab-experiments", "DYNAMODB_ENDPOINT", stub.endpoint().toString(),
                "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "AKIDLABSTUB", "AWS_SECRET_ACCESS_KEY", "not-a-secret");
    }

    @Test
    void functionsBuiltSeparatelyWithTheMemoryStoreShareOneLab() {
        Answer created = invoke(new CreateExperimentFunction(MEMORY),
                request(Who.MACHINE, "POST", "/experiments", "/experiments", null, "{\"name\": \"Shared\"}"));
        String id = (String) created.json().get("id");

        assertThat(ids(invoke(new ListExperimentsFunction(MEMORY),
                request(Who.MACHINE, "GET", "/experiments", "/experiments", null, null)))).contains(id);
        assertThat(invoke(new DeleteExperimentFunction(MEMORY),
                request(Who.MACHINE, "DELETE", "/experiments/{id}", "/experiments/" + id, Map.of("id", id), null))
                .status()).isEqualTo(204);
        assertThat(ids(invoke(new ListExperimentsFunction(MEMORY),
                request(Who.MACHINE, "GET", "/experiments", "/experiments", null, null)))).doesNotContain(id);
    }

    @Test
    void functionsBuiltWithTheDynamoDbEnvironmentUseTheNamedTable() throws IOException {
        try (DynamoDbProtocolStub stub = new DynamoDbProtocolStub("lab-experiments")) {
            Answer created = invoke(new CreateExperimentFunction(dynamoDb(stub)),
                    request(Who.MEMBER, "POST", "/experiments", "/experiments", null, "{\"name\": \"Stored\"}"));
            String id = (String) created.json().get("id");

            assertThat(created.status()).isEqualTo(201);
            assertThat(stub.items()).containsOnlyKeys(id);
            assertThat(ids(invoke(new ListExperimentsFunction(dynamoDb(stub)),
                    request(Who.MEMBER, "GET", "/experiments", "/experiments", null, null)))).containsExactly(id);
            assertThat(invoke(new DeleteExperimentFunction(dynamoDb(stub)),
                    request(Who.ADMIN, "DELETE", "/experiments/{id}", "/experiments/" + id, Map.of("id", id), null))
                    .status()).isEqualTo(204);
            assertThat(stub.items()).isEmpty();
        }
    }

    @Test
    void aStoreFailureIsA503WithoutDetailsForTheClient() throws IOException {
        try (DynamoDbProtocolStub stub = new DynamoDbProtocolStub("lab-experiments")) {
            stub.failWith("ResourceNotFoundException");

            List<Answer> answers = List.of(
                    invoke(new ListExperimentsFunction(dynamoDb(stub)),
                            request(Who.MEMBER, "GET", "/experiments", "/experiments", null, null)),
                    invoke(new CreateExperimentFunction(dynamoDb(stub)),
                            request(Who.MEMBER, "POST", "/experiments", "/experiments", null, "{\"name\": \"x\"}")),
                    invoke(new DeleteExperimentFunction(dynamoDb(stub)),
                            request(Who.MEMBER, "DELETE", "/experiments/{id}", "/experiments/e1", Map.of("id", "e1"), null)));

            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.json()).containsEntry("error", "store_unavailable");
                assertThat(answer.body()).doesNotContain("lab-experiments");
            });
        }
    }

    @Test
    void aMisconfiguredEnvironmentFailsWhenTheFunctionIsBuilt() {
        assertThatThrownBy(() -> new ListExperimentsFunction(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EXPERIMENTS_TABLE");
        assertThatThrownBy(() -> new CreateExperimentFunction(Map.of("EXPERIMENTS_STORE", "dynamo")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EXPERIMENTS_STORE");
        assertThatThrownBy(() -> new DeleteExperimentFunction(Map.of("EXPERIMENTS_STORE", "dynamodb", "EXPERIMENTS_TABLE", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EXPERIMENTS_TABLE");
    }

    @Test
    void meNeedsNoEnvironment() {
        assertThat(invoke(new MeFunction(), request(Who.MEMBER, "GET", "/me", "/me", null, null)).status()).isEqualTo(200);
    }
}

package dev.labauth.authorizer.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sample event edited at the JSON level (so that the runtime's deserialiser reads every edit):
 * the placeholder credential replaced by the value a test sends.
 */
public final class SampleEvent {
    private final Sample sample;
    private final Map<String, Object> json;

    private SampleEvent(Sample sample, Map<String, Object> json) {
        this.sample = sample;
        this.json = json;
    }

    public static SampleEvent of(Sample sample) {
        return new SampleEvent(sample, RuntimeJson.parse(sample.json()));
    }

    public Sample sample() {
        return sample;
    }

    /**
     * Puts an Authorization value where API Gateway puts it for this kind of event, replacing the
     * sample's placeholders; {@code null} means the request had no Authorization header.
     */
    public SampleEvent credential(String value) {
        switch (sample.shape()) {
            case TOKEN -> json.put("authorizationToken", value);
            case REST_REQUEST -> {
                if (value != null) {
                    header("Authorization", value);
                }
                // HTTP API payload 1.0 also echoes the identity sources; keep them consistent.
                if (json.containsKey("identitySource")) {
                    json.put("identitySource", value);
                }
                if (json.containsKey("authorizationToken")) {
                    json.put("authorizationToken", value);
                }
            }
            case HTTP_V2 -> {
                if (value != null) {
                    header("authorization", value);
                }
                json.put("identitySource", value == null ? null : List.of(value));
            }
        }
        return this;
    }

    /** Adds a header, to {@code multiValueHeaders} as well when the event has them. */
    @SuppressWarnings("unchecked")
    public SampleEvent header(String name, String value) {
        Map<String, Object> headers = (Map<String, Object>) json.computeIfAbsent("headers", k -> new LinkedHashMap<>());
        headers.put(name, value);
        if (json.get("multiValueHeaders") instanceof Map<?, ?> multi) {
            ((Map<String, Object>) multi).put(name, new ArrayList<>(List.of(value)));
        }
        return this;
    }

    /** Sets {@code multiValueHeaders[name]}; the single-value {@code headers[name]} gets the last one, as API Gateway does. */
    @SuppressWarnings("unchecked")
    public SampleEvent multiValueHeader(String name, List<String> values) {
        Map<String, Object> multi = (Map<String, Object>) json.computeIfAbsent("multiValueHeaders", k -> new LinkedHashMap<>());
        multi.put(name, new ArrayList<>(values));
        ((Map<String, Object>) json.computeIfAbsent("headers", k -> new LinkedHashMap<>()))
                .put(name, values.get(values.size() - 1));
        return this;
    }

    /** Sets a top-level field ({@code methodArn}, {@code routeArn}, …). */
    public SampleEvent set(String field, Object value) {
        json.put(field, value);
        return this;
    }

    public Object get(String field) {
        return json.get(field);
    }

    public String json() {
        return RuntimeJson.toJson(json);
    }
}

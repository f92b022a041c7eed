package dev.labauth.authorizer.testing;

import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;

/**
 * JSON in and out the way the Lambda Java runtime does it for types outside its list of known
 * events: the serialisation library's {@code JacksonFactory}, reading from and writing to streams.
 */
public final class RuntimeJson {
    private RuntimeJson() {
    }

    /** The event the runtime would hand to the handler for these bytes. */
    public static <T> T read(String json, Class<T> type) {
        InputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
        return JacksonFactory.getInstance().getSerializer(type).fromJson(in);
    }

    /** The bytes the runtime would send back to API Gateway for this return value. */
    public static <T> byte[] write(T value, Class<T> type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JacksonFactory.getInstance().getSerializer(type).toJson(value, out);
        return out.toByteArray();
    }

    /** Parses JSON with a parser unrelated to the one under test. */
    public static Map<String, Object> parse(String json) {
        try {
            return JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            throw new AssertionError("not a JSON object: " + json, e);
        }
    }

    public static Map<String, Object> parse(byte[] json) {
        return parse(new String(json, StandardCharsets.UTF_8));
    }

    public static String toJson(Map<String, Object> object) {
        return JSONObjectUtils.toJSONString(object);
    }

    /** A test resource as text, e.g. {@code testdata/apigateway/aws-docs/…}. */
    public static String resource(String path) {
        try (InputStream in = RuntimeJson.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.labauth.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads files and streams that someone else wrote, never more than a bound: a key set, a rules
 * file or {@code /dev/zero} given by mistake must give a clear error, not exhaust the heap.
 */
public final class BoundedRead {
    private BoundedRead() {
    }

    /** The file's text; an IOException that says what and why when it is missing, not a file, or too large. */
    public static String file(Path file, int maxBytes, String what) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(what + " " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(what + " " + file + " is not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IOException(what + " " + file + " is larger than " + maxBytes + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(what)) {
                throw e;
            }
            throw new IOException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /** At most {@code maxBytes + 1} bytes of the stream as text: one more than allowed tells the caller it was too long. */
    public static String stream(InputStream in, int maxBytes) throws IOException {
        return new String(in.readNBytes(maxBytes + 1), StandardCharsets.UTF_8);
    }
}

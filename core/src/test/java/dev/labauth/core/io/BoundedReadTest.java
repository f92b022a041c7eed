package dev.labauth.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedReadTest {

    @Test
    void aFileWithinTheBoundIsRead(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("k.json"), "{\"keys\":[]}");

        assertThat(BoundedRead.file(f, 11, "key set")).isEqualTo("{\"keys\":[]}");
    }

    @Test
    void aLargerFileADirectoryOrNoFileIsAnErrorThatSaysWhat(@TempDir Path dir) throws IOException {
        Path big = Files.writeString(dir.resolve("big.json"), "x".repeat(12));

        assertThatThrownBy(() -> BoundedRead.file(big, 11, "key set")).hasMessageContaining("key set").hasMessageContaining("larger than 11");
        assertThatThrownBy(() -> BoundedRead.file(dir, 11, "key set")).hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> BoundedRead.file(dir.resolve("none"), 11, "key set")).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> BoundedRead.file(Path.of("/dev/zero"), 11, "key set")).hasMessageContaining("not a regular file");
    }

    @Test
    void aStreamIsReadOneByteBeyondTheBoundAndNoFurther() throws IOException {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'a';
            }
        };

        assertThat(BoundedRead.stream(endless, 100)).hasSize(101);
        assertThat(BoundedRead.stream(new ByteArrayInputStream("abc".getBytes()), 100)).isEqualTo("abc");
    }
}

package dev.labauth.local.issuer;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/** RSA keys made once for the whole test run, so that each test's issuer starts at once. */
final class TestKeys {
    /** Made in sequence: a parallel stream in a static initialiser would wait on this very class. */
    private static final List<DevSigningKey> POOL =
            IntStream.range(0, 6).mapToObj(i -> DevSigningKey.generate()).toList();

    private TestKeys() {
    }

    /** A ring drawing on the pool in order: distinct kids for up to four rotations. */
    static KeyRing ring() {
        AtomicInteger nextIndex = new AtomicInteger(2);
        return new KeyRing(POOL.get(0), POOL.get(1), () -> POOL.get(nextIndex.getAndIncrement() % POOL.size()));
    }
}

package io.blockhouse.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory: which implementation each kind yields, and the spec checks with their messages. */
class BackendsTest {

    @TempDir
    Path dir;

    private static BackendSpec spec(BackendSpec.Kind kind, Path path, long size, boolean readOnly) {
        return new BackendSpec(kind, path, size, false, readOnly, false);
    }

    private static String invalid(BackendSpec spec) {
        return assertThrows(IllegalArgumentException.class, () -> Backends.open(spec)).getMessage();
    }

    @Test
    void eachKindOpensItsImplementation() throws IOException {
        try (BlockBackend ram = Backends.open(spec(BackendSpec.Kind.RAM, null, 1 << 20, false));
             BlockBackend nul = Backends.open(spec(BackendSpec.Kind.NULL, null, 1 << 20, false));
             BlockBackend file = Backends.open(spec(BackendSpec.Kind.FILE, dir.resolve("f.img"), 1 << 20, false))) {
            assertInstanceOf(RamBackend.class, ram);
            assertInstanceOf(NullBackend.class, nul);
            assertInstanceOf(FileBackend.class, file);
            assertEquals(1 << 20, ram.size());
            assertEquals(1 << 20, nul.size());
            assertEquals(1 << 20, file.size());
        }
    }

    @Test
    void pathIsRequiredForFileAndBlock() {
        assertEquals("FILE back-end needs a path", invalid(spec(BackendSpec.Kind.FILE, null, 4096, false)));
        assertEquals("BLOCK back-end needs a path", invalid(spec(BackendSpec.Kind.BLOCK, null, 0, false)));
    }

    @Test
    void ramAndNullNeedAPositiveSize() {
        assertEquals("RAM back-end needs a size greater than 0", invalid(spec(BackendSpec.Kind.RAM, null, 0, false)));
        assertEquals("NULL back-end needs a size greater than 0",
                invalid(spec(BackendSpec.Kind.NULL, null, 0, false)));
        assertEquals("RAM back-end: size must not be negative, got -4096",
                invalid(spec(BackendSpec.Kind.RAM, null, -4096, false)));
    }

    @Test
    void sizesMustBeMultiplesOf4096() {
        assertEquals("RAM back-end: size 1000 is not a multiple of 4096 bytes",
                invalid(spec(BackendSpec.Kind.RAM, null, 1000, false)));
        assertEquals("FILE back-end: size 6144 is not a multiple of 4096 bytes",
                invalid(spec(BackendSpec.Kind.FILE, dir.resolve("x.img"), 6144, false)));
    }

    @Test
    void readOnlyFileAndBlockDeviceMustExist() {
        Path missing = dir.resolve("missing.img");
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> Backends.open(spec(BackendSpec.Kind.FILE, missing, 4096, true)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("read-only, so the file must already exist"), e.getMessage());
        assertThrows(NoSuchFileException.class,
                () -> Backends.open(spec(BackendSpec.Kind.BLOCK, Path.of("/dev/blockhouse-nope"), 0, false)));
    }

    @Test
    void newFileNeedsASize() {
        String message = invalid(spec(BackendSpec.Kind.FILE, dir.resolve("new.img"), 0, false));
        assertTrue(message.contains("does not exist and no size is configured"), message);
    }
}

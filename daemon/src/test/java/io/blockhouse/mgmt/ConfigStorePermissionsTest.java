package io.blockhouse.mgmt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generations hold CHAP secrets: the store keeps them owner-only, whatever the umask or an older version did. */
class ConfigStorePermissionsTest {

    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void newGenerationsAndTheDirectoryAreOwnerOnly() throws Exception {
        Path store = dir.resolve("config");
        ConfigStore.open(store, 5).append(ConfigStoreTest.config("a"), "first");
        assertEquals("rwx------", mode(store));
        try (var files = Files.list(store)) {
            for (Path f : files.toList()) {
                assertEquals("rw-------", mode(f), f.toString());
            }
        }
    }

    @Test
    void openingTightensGenerationsLeftReadableByAnOlderVersion() throws Exception {
        Path store = dir.resolve("config");
        ConfigStore.open(store, 5).append(ConfigStoreTest.config("a"), "first");
        Path generation;
        try (var files = Files.list(store)) {
            generation = files.findFirst().orElseThrow();
        }
        Files.setPosixFilePermissions(generation, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwxr-xr-x"));
        ConfigStore.open(store, 5);
        assertEquals("rw-------", mode(generation));
        assertEquals("rwx------", mode(store));
    }
}

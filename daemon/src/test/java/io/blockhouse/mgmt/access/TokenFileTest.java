package io.blockhouse.mgmt.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {

    private static final String FIRST = "first-token-0123456789";
    private static final String SECOND = "second-token-0123456789";

    private static Path write(Path file, String text, String mode) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void readsOneLineFromAPrivateFile(@TempDir Path dir) throws Exception {
        TokenFile f = TokenFile.open(write(dir.resolve("token"), FIRST + "\n", "rw-------"));
        assertTrue(f.current().matches(FIRST));
        assertTrue(TokenFile.open(write(dir.resolve("ro"), FIRST, "r--------")).current().matches(FIRST));
    }

    @Test
    void refusesFilesOthersCanReadAndSaysHowToFixIt(@TempDir Path dir) throws Exception {
        for (String mode : new String[] {"rw-r-----", "rw----r--", "rw-----w-", "rw--w----"}) {
            TokenFile.TokenFileException e = assertThrows(TokenFile.TokenFileException.class,
                    () -> TokenFile.open(write(dir.resolve("t"), FIRST, mode)), mode);
            assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
            assertFalse(e.getMessage().contains(FIRST));
        }
    }

    @Test
    void refusesMissingEmptyShortAndDirectories(@TempDir Path dir) throws Exception {
        assertThrows(TokenFile.TokenFileException.class, () -> TokenFile.open(dir.resolve("missing")));
        assertThrows(TokenFile.TokenFileException.class, () -> TokenFile.open(write(dir.resolve("e"), "\n",
                "rw-------")));
        TokenFile.TokenFileException e = assertThrows(TokenFile.TokenFileException.class,
                () -> TokenFile.open(write(dir.resolve("s"), "tiny", "rw-------")));
        assertFalse(e.getMessage().contains("tiny"), e.getMessage());
        Path d = Files.createDirectory(dir.resolve("d"));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
        assertThrows(TokenFile.TokenFileException.class, () -> TokenFile.open(d));
    }

    @Test
    void rewrittenFileRotatesTheTokenAndALoosenedOneDeniesEverything(@TempDir Path dir) throws Exception {
        Path file = write(dir.resolve("token"), FIRST, "rw-------");
        TokenFile f = TokenFile.open(file);
        write(file, SECOND, "rw-------");
        // Same size and maybe the same second: set the time explicitly so the change is seen regardless.
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertTrue(f.current().matches(SECOND));
        assertFalse(f.current().matches(FIRST));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThrows(TokenFile.TokenFileException.class, f::current);
        Files.delete(file);
        assertThrows(TokenFile.TokenFileException.class, f::current);
    }
}

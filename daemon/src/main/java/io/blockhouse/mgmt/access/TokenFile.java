package io.blockhouse.mgmt.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The file holding the TCP API token. It must be a regular file that neither the group nor others may read or
 * write (chmod 600 or 400), holding one line. {@link #current()} looks at the file again on each call and re-reads
 * it when it changed, so a token is rotated by rewriting the file, without a restart; a file that became unreadable
 * or too open denies every request rather than falling back to an old token.
 */
public final class TokenFile {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** The token file cannot be used; the message says why (never with the token). */
    public static final class TokenFileException extends Exception {
        TokenFileException(String message) {
            super(message);
        }
    }

    private record Loaded(Object fileKey, FileTime modified, long size, ApiToken token) {
    }

    private final Path path;
    private volatile Loaded loaded;

    private TokenFile(Path path, Loaded loaded) {
        this.path = path;
        this.loaded = loaded;
    }

    /** Reads and checks the file now (at start or before a live change), so a bad file is refused up front. */
    public static TokenFile open(Path path) throws TokenFileException {
        return new TokenFile(path, load(path));
    }

    public Path path() {
        return path;
    }

    /** The token as the file holds it now. */
    public ApiToken current() throws TokenFileException {
        PosixFileAttributes attrs = attributes(path);
        Loaded l = loaded;
        if (Objects.equals(l.fileKey(), attrs.fileKey()) && l.modified().equals(attrs.lastModifiedTime())
                && l.size() == attrs.size()) {
            checkPermissions(path, attrs);
            return l.token();
        }
        Loaded fresh = load(path);
        loaded = fresh;
        return fresh.token();
    }

    private static Loaded load(Path path) throws TokenFileException {
        PosixFileAttributes attrs = attributes(path);
        checkPermissions(path, attrs);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new TokenFileException("cannot read " + path + ": " + e.getMessage());
        }
        try {
            return new Loaded(attrs.fileKey(), attrs.lastModifiedTime(), attrs.size(), ApiToken.of(text));
        } catch (IllegalArgumentException e) {
            throw new TokenFileException(path + ": " + e.getMessage());
        }
    }

    private static PosixFileAttributes attributes(Path path) throws TokenFileException {
        try {
            PosixFileAttributes attrs = Files.readAttributes(path, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attrs.isSymbolicLink()) {
                attrs = Files.readAttributes(path, PosixFileAttributes.class);
            }
            if (!attrs.isRegularFile()) {
                throw new TokenFileException(path + " is not a regular file");
            }
            return attrs;
        } catch (NoSuchFileException e) {
            throw new TokenFileException(path + " does not exist");
        } catch (IOException e) {
            throw new TokenFileException("cannot read " + path + ": " + e.getMessage());
        }
    }

    private static void checkPermissions(Path path, PosixFileAttributes attrs) throws TokenFileException {
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(attrs.permissions());
        open.retainAll(GROUP_OR_OTHERS);
        if (!open.isEmpty()) {
            throw new TokenFileException(path + " is accessible to group or others (" + open.size()
                    + " permission bits): chmod 600 " + path);
        }
    }
}

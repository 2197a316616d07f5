package io.blockhouse.mgmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blockhouse.config.BlockhouseConfig;
import io.blockhouse.config.ConfigException;
import io.blockhouse.config.ConfigLoader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration history on disk: one file per generation, {@code gen-000042.json}, holding the generation
 * number, time, a one-line summary and the whole configuration. A generation is written atomically (temporary file,
 * fsync, rename, fsync of the directory), so after a crash at any point the directory holds every generation that
 * was acknowledged, complete, and at most a stray temporary file (ignored and removed). The newest generation that
 * loads is the current one; a newer file that does not load (it cannot be written half, but a disk can lie) is
 * renamed {@code .corrupt} with a warning and the previous one is used. The newest {@code keep} generations are
 * kept.
 */
public final class ConfigStore {

    private static final Logger log = LoggerFactory.getLogger(ConfigStore.class);
    private static final Pattern FILE = Pattern.compile("gen-(\\d{6,})\\.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path dir;
    private final int keep;
    private long lastNumber;

    private ConfigStore(Path dir, int keep, long lastNumber) {
        this.dir = dir;
        this.keep = keep;
        this.lastNumber = lastNumber;
    }

    /**
     * Opens (creating it when needed) the store in {@code dir}, keeping the newest {@code keep} generations.
     */
    public static ConfigStore open(Path dir, int keep) throws IOException {
        if (keep < 2) {
            throw new IllegalArgumentException("keep at least 2 generations (rollback needs an older one)");
        }
        Files.createDirectories(dir);
        restrict(dir, OWNER_ONLY_DIRECTORY);
        long last = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(".tmp")) {
                    log.info("removing {} left by an interrupted write", f);
                    Files.deleteIfExists(f);
                    continue;
                }
                long n = number(name);
                last = Math.max(last, n);
                if (n >= 0) {
                    // generations written by an older version (umask mode) hold CHAP secrets too
                    restrict(f, OWNER_ONLY_FILE);
                }
            }
        }
        return new ConfigStore(dir, keep, last);
    }

    private static FileChannel openOwnerOnly(Path file) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            return FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(file, options);
        }
    }

    /** Sets {@code permissions} where the file system has POSIX permissions (not on e.g. FAT). */
    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(path).equals(permissions)) {
                Files.setPosixFilePermissions(path, permissions);
            }
        } catch (UnsupportedOperationException e) {
            log.debug("{}: no POSIX permissions on this file system", path);
        }
    }

    private static long number(String fileName) {
        Matcher m = FILE.matcher(fileName);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    public Path directory() {
        return dir;
    }

    /** The newest generation that loads, or empty when the store holds none. */
    public synchronized Optional<ConfigGeneration> latest() throws IOException {
        for (long n : numbersNewestFirst()) {
            try {
                return Optional.of(read(n));
            } catch (ConfigException | IOException e) {
                Path f = file(n);
                log.warn("config generation {} does not load, falling back to an older one: {}", n,
                        e.getMessage().replace('\n', ' '));
                Files.move(f, f.resolveSibling(f.getFileName() + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return Optional.empty();
    }

    /** The generations on disk, newest first, with their configurations. Unloadable ones are skipped. */
    public synchronized List<ConfigGeneration> history() throws IOException {
        List<ConfigGeneration> out = new ArrayList<>();
        for (long n : numbersNewestFirst()) {
            try {
                out.add(read(n));
            } catch (ConfigException e) {
                log.warn("config generation {} does not load: {}", n, e.getMessage().replace('\n', ' '));
            }
        }
        return out;
    }

    /** One generation. */
    public synchronized Optional<ConfigGeneration> get(long number) throws IOException {
        if (!Files.exists(file(number))) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(number));
        } catch (ConfigException e) {
            throw new IOException("generation " + number + " does not load: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code config} durably as the next generation and prunes the oldest beyond {@code keep}.
     *
     * @return the new generation, durable when this returns
     */
    public synchronized ConfigGeneration append(BlockhouseConfig config, String summary) throws IOException {
        long n = lastNumber + 1;
        ConfigGeneration gen = new ConfigGeneration(n, Instant.now(), oneLine(summary), config);
        ObjectNode root = JSON.createObjectNode();
        root.put("generation", n);
        root.put("time", gen.time().toString());
        root.put("summary", gen.summary());
        root.set("config", JSON.readTree(ConfigLoader.toJson(config)));
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        writeAtomically(file(n), bytes);
        lastNumber = n;
        prune();
        return gen;
    }

    private static String oneLine(String summary) {
        String s = summary == null ? "" : summary.replaceAll("[\\r\\n]+", " ").strip();
        return s.length() > 200 ? s.substring(0, 197) + "..." : s;
    }

    private void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        // Created 0600 (not umask's choice): a generation holds CHAP secrets. Set again in case tmp already existed.
        try (FileChannel ch = openOwnerOnly(tmp)) {
            restrict(tmp, OWNER_ONLY_FILE);
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
    }

    /** The rename is only durable once the directory entry is: fsync the directory itself. */
    private void syncDirectory() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private void prune() throws IOException {
        List<Long> numbers = numbersNewestFirst();
        boolean removed = false;
        for (int i = keep; i < numbers.size(); i++) {
            Files.deleteIfExists(file(numbers.get(i)));
            removed = true;
        }
        if (removed) {
            syncDirectory();
        }
    }

    private List<Long> numbersNewestFirst() throws IOException {
        List<Long> numbers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "gen-*.json")) {
            for (Path f : files) {
                long n = number(f.getFileName().toString());
                if (n >= 0) {
                    numbers.add(n);
                }
            }
        }
        numbers.sort((a, b) -> Long.compare(b, a));
        return numbers;
    }

    private Path file(long n) {
        return dir.resolve(String.format("gen-%06d.json", n));
    }

    private ConfigGeneration read(long n) throws IOException, ConfigException {
        Path f = file(n);
        String source = f.toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(source, List.of("(root): not JSON: " + e.getMessage()));
        }
        if (root == null || !root.path("config").isObject() || root.path("generation").asLong(-1) != n) {
            throw new ConfigException(source, List.of("(root): not a config generation file"));
        }
        BlockhouseConfig config = ConfigLoader.parse(JSON.writeValueAsString(root.get("config")), source);
        Instant time;
        try {
            time = Instant.parse(root.path("time").asText());
        } catch (RuntimeException e) {
            throw new ConfigException(source, List.of("time: not an ISO-8601 instant"));
        }
        return new ConfigGeneration(n, time, root.path("summary").asText(""), config);
    }
}

package io.blockhouse.mgmt.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Support bundles: one tar.gz with what a support engineer asks for first, saved under
 * {@code <data dir>/support/} and downloadable through the API.
 *
 * <ul>
 *   <li>{@code daemon.log}: the last 4 MiB of the daemon's log (system property {@value #LOG_PROPERTY}, default
 *       /var/log/messages, the appliance's log)</li>
 *   <li>{@code config/gen-NNNNNN.json}: every configuration generation with secrets redacted (CHAP secrets, password
 *       hashes)</li>
 *   <li>{@code lsblk.json}, {@code ip-addr.json}, {@code dmesg.txt} (the last 2000 lines), {@code about.txt}</li>
 * </ul>
 *
 * <pre>
 * POST /v1/host/support-bundle            -&gt; {"name": "bundle-20261124T043501Z.tar.gz", "path": ..., "size": n}
 * GET  /v1/host/support-bundle            -&gt; the bundles kept, newest first
 * GET  /v1/host/support-bundle/{name}     -&gt; {"name", "size", "base64": the file} (the API speaks JSON only)
 * </pre>
 */
final class SupportBundle {

    /** System property naming the daemon's log file. */
    static final String LOG_PROPERTY = "blockhouse.logFile";
    /** Field names whose values never leave the appliance. */
    static final Set<String> SECRET_FIELDS = Set.of("secret", "mutualSecret", "password", "rootPasswordHash");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern NAME = Pattern.compile("bundle-\\d{8}T\\d{6}(\\d{3})?Z\\.tar\\.gz");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int KEEP = 5;
    private static final long LOG_TAIL = 4L << 20;

    private final Path dataDir;
    private final Path logFile;

    SupportBundle(Path dataDir, Path logFile) {
        this.dataDir = dataDir;
        this.logFile = logFile;
    }

    static SupportBundle forHost(Path dataDir) {
        return new SupportBundle(dataDir, Path.of(System.getProperty(LOG_PROPERTY, "/var/log/messages")));
    }

    Object route(String method, String[] p) throws HostException {
        if (method.equals("POST") && p.length == 4) {
            Path b = create();
            try {
                return JSON.createObjectNode().put("name", b.getFileName().toString()).put("path", b.toString())
                        .put("size", Files.size(b));
            } catch (IOException e) {
                throw new HostException(500, "bundle_failed", b + ": " + e.getMessage());
            }
        }
        if (method.equals("GET") && p.length == 4) {
            ArrayNode out = JSON.createArrayNode();
            for (Path b : bundles()) {
                out.addObject().put("name", b.getFileName().toString()).put("size", b.toFile().length());
            }
            return out;
        }
        if (method.equals("GET") && p.length == 5) {
            Path b = dir().resolve(p[4]);
            if (!NAME.matcher(p[4]).matches() || !Files.isRegularFile(b)) {
                throw new HostException(404, "no_such_bundle", "name: no support bundle " + p[4]);
            }
            try {
                byte[] bytes = Files.readAllBytes(b);
                return JSON.createObjectNode().put("name", p[4]).put("size", bytes.length)
                        .put("base64", Base64.getEncoder().encodeToString(bytes));
            } catch (IOException e) {
                throw new HostException(500, "bundle_failed", b + ": " + e.getMessage());
            }
        }
        throw new HostException(404, "no_such_resource", "path: " + String.join("/", p) + " (" + method
                + ") is not a support bundle resource");
    }

    private Path dir() {
        return dataDir.resolve("support");
    }

    /** Bundles kept, newest first. */
    List<Path> bundles() throws HostException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir())) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir(), "bundle-*.tar.gz")) {
            s.forEach(out::add);
        } catch (IOException e) {
            throw new HostException(500, "bundle_failed", dir() + ": " + e.getMessage());
        }
        out.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        return out;
    }

    /** Writes a new bundle (temporary name, then renamed) and keeps the newest few. */
    Path create() throws HostException {
        Instant now = Instant.now();
        Path target = dir().resolve("bundle-" + STAMP.format(now) + ".tar.gz");
        Path tmp = dir().resolve(target.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir());
            try (OutputStream o = Files.newOutputStream(tmp); TarGz tar = new TarGz(o, now.getEpochSecond())) {
                tar.add("about.txt", ("Blockhouse support bundle\ncreated " + now + "\njava "
                        + System.getProperty("java.version") + "\n").getBytes(StandardCharsets.UTF_8));
                tar.add("daemon.log", logTail());
                for (Map.Entry<String, byte[]> g : generations().entrySet()) {
                    tar.add("config/" + g.getKey(), g.getValue());
                }
                tar.add("lsblk.json", tool(List.of("lsblk", "-J", "-b", "-O")));
                tar.add("ip-addr.json", tool(List.of("ip", "-d", "-j", "addr", "show")));
                tar.add("dmesg.txt", tail(tool(List.of("dmesg", "-T")), 2000));
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            List<Path> all = bundles();
            for (Path old : all.subList(Math.min(KEEP, all.size()), all.size())) {
                Files.deleteIfExists(old);
            }
            return target;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temporary file stays; the next bundle overwrites nothing of value
            }
            throw new HostException(500, "bundle_failed", "support bundle: " + e.getMessage());
        }
    }

    private byte[] logTail() throws IOException {
        if (!Files.isReadable(logFile)) {
            return ("no daemon log at " + logFile + " (the daemon logs to its standard output; set -D" + LOG_PROPERTY
                    + ")\n").getBytes(StandardCharsets.UTF_8);
        }
        try (RandomAccessFile f = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, f.length() - LOG_TAIL);
            byte[] b = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(b);
            return b;
        }
    }

    /** Every generation file of the config store, secrets replaced by "(redacted)". */
    private Map<String, byte[]> generations() throws IOException {
        Map<String, byte[]> out = new java.util.TreeMap<>();
        Path config = dataDir.resolve("config");
        if (!Files.isDirectory(config)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(config, "gen-*.json")) {
            for (Path g : s) {
                byte[] redacted;
                try {
                    JsonNode tree = JSON.readTree(g.toFile());
                    redact(tree);
                    redacted = JSON.writeValueAsBytes(tree);
                } catch (IOException e) {
                    // Unreadable as JSON: its text could hold anything, so only say that it is broken.
                    redacted = ("unreadable generation file: " + e.getMessage().split("\n")[0] + "\n")
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.put(g.getFileName().toString(), redacted);
            }
        }
        return out;
    }

    static void redact(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (SECRET_FIELDS.contains(f.getKey()) && !f.getValue().isNull()) {
                    f.setValue(JSON.getNodeFactory().textNode("(redacted)"));
                } else {
                    redact(f.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(SupportBundle::redact);
        }
    }

    private static byte[] tool(List<String> command) {
        try {
            Commands.Result r = Commands.exec(60, command);
            return ((r.exitCode() == 0 ? "" : "# " + String.join(" ", command) + " exited " + r.exitCode() + "\n")
                    + r.output()).getBytes(StandardCharsets.UTF_8);
        } catch (HostException e) {
            return ("# " + String.join(" ", command) + ": " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    private static byte[] tail(byte[] text, int lines) {
        String[] all = new String(text, StandardCharsets.UTF_8).split("\n");
        int from = Math.max(0, all.length - lines);
        return (String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}

package io.blockhouse.mgmt.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Users and passwords: the appliance has one account, root (console and serial login). Its password is kept in
 * the model only as a SHA-512 crypt hash and written to /etc/shadow on the appliance (the config sync carries
 * /etc/shadow to the flash). Weak passwords are refused before anything else.
 *
 * <pre>
 * GET /v1/host/users                        [{"name": "root", "passwordSet": bool}]
 * PUT /v1/host/users/root/password          {"password": "..."}
 * </pre>
 */
final class Accounts {

    static final int MIN_LENGTH = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SystemSettings settings;
    private final Supplier<Boolean> appliance;
    private final Path etc;

    Accounts(SystemSettings settings, Supplier<Boolean> appliance, Path etc) {
        this.settings = settings;
        this.appliance = appliance;
        this.etc = etc;
    }

    Object route(String method, String[] p, Supplier<JsonNode> body, HostGuard guard) throws HostException {
        if (method.equals("GET") && p.length == 4) {
            return JSON.createArrayNode().add(JSON.createObjectNode().put("name", "root")
                    .put("passwordSet", settings.current().rootPasswordHash() != null));
        }
        if (method.equals("PUT") && p.length == 6 && p[5].equals("password")) {
            if (!p[4].equals("root")) {
                throw new HostException(404, "no_such_user", "user: the appliance has one account, root");
            }
            String password = body.get().path("password").asText(null);
            String weak = weakness(password);
            if (weak != null) {
                throw HostException.invalid("weak_password", "password: " + weak);
            }
            if (!appliance.get()) {
                throw Appliance.refusal("change root's password");
            }
            guard.requireRoot("change root's password");
            String hash = Sha512Crypt.hash(password);
            long generation = settings.update("root password", s -> s.withRootPasswordHash(hash));
            writeShadow(hash);
            return JSON.createObjectNode().put("generation", generation).put("summary", "root password");
        }
        throw new HostException(404, "no_such_resource", "path: " + String.join("/", p) + " (" + method
                + ") is not a users resource");
    }

    /** Why {@code password} is too weak, or null. */
    static String weakness(String password) {
        if (password == null || password.isEmpty()) {
            return "required";
        }
        if (password.length() < MIN_LENGTH) {
            return "at least " + MIN_LENGTH + " characters";
        }
        int classes = 0;
        classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        if (classes < 3) {
            return "use at least three of: lower case, upper case, digits, other characters";
        }
        if (password.toLowerCase(java.util.Locale.ROOT).contains("root")
                || password.toLowerCase(java.util.Locale.ROOT).contains("blockhouse")) {
            return "must not contain the user or product name";
        }
        if (password.chars().distinct().count() < 5) {
            return "too few different characters";
        }
        return null;
    }

    /** Replaces root's hash in etc/shadow (written whole, then renamed; mode 0600). */
    private void writeShadow(String hash) throws HostException {
        Path shadow = etc.resolve("shadow");
        try {
            List<String> lines = Files.exists(shadow) ? new ArrayList<>(Files.readAllLines(shadow))
                    : new ArrayList<>();
            String day = Long.toString(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toEpochDay());
            boolean found = false;
            for (int i = 0; i < lines.size(); i++) {
                String[] f = lines.get(i).split(":", -1);
                if (f.length >= 3 && f[0].equals("root")) {
                    f[1] = hash;
                    f[2] = day;
                    lines.set(i, String.join(":", f));
                    found = true;
                }
            }
            if (!found) {
                lines.add("root:" + hash + ":" + day + ":0:99999:7:::");
            }
            Path tmp = etc.resolve("shadow.tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, lines);
            Files.move(tmp, shadow, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new HostException(500, "cannot_write", shadow + ": " + e.getMessage());
        }
    }
}

package io.blockhouse.mgmt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 and localhost made by openssl (as an administrator would), and a token
 * file with mode 0600.
 */
final class TlsFixture {

    final Path certificate;
    final Path privateKey;
    final Path tokenFile;
    final String token;

    private TlsFixture(Path certificate, Path privateKey, Path tokenFile, String token) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.tokenFile = tokenFile;
        this.token = token;
    }

    static TlsFixture create(Path dir) throws IOException, InterruptedException {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        boolean requireExternal = Boolean.getBoolean("blockhouse.requireExternal");
        Process p;
        try {
            p = new ProcessBuilder(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                    "-days", "2", "-subj", "/CN=localhost", "-addext",
                    "subjectAltName=IP:127.0.0.1,DNS:localhost")).redirectErrorStream(true).start();
        } catch (IOException e) {
            if (requireExternal) {
                throw e;
            }
            assumeTrue(false, "openssl is not installed");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl req failed: " + out);
        }
        String token = "t0ken-" + Long.toHexString(System.nanoTime()) + "-abcdefghijklmnop";
        Path tokenFile = writeToken(dir.resolve("token"), token);
        return new TlsFixture(cert, key, tokenFile, token);
    }

    static Path writeToken(Path file, String token) throws IOException {
        Files.writeString(file, token + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** The "api" section JSON for a listener on {@code listen}. */
    String apiJson(String listen) {
        return """
                {"tcp": {"listen": "%s", "certificate": "%s", "privateKey": "%s", "tokenFile": "%s"}}"""
                .formatted(listen, certificate, privateKey, tokenFile);
    }
}

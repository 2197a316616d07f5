package io.blockhouse.mgmt;

import io.blockhouse.config.ConfigException;
import io.blockhouse.config.TcpApiConfig;
import io.blockhouse.mgmt.access.TokenFile;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * What a TCP listener of the API needs besides its address: the server's TLS context (JDK provider, TLS 1.3 and 1.2
 * only) and the token file. {@link #load} reads and checks all three files, naming the configuration field of each
 * problem, so a bad certificate or an open token file is refused before anything listens.
 */
record TcpApiSecurity(SslContext ssl, TokenFile token) {

    /** TLS versions offered; older ones are refused in the handshake. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    static TcpApiSecurity load(TcpApiConfig tcp) throws ConfigException {
        List<String> problems = new ArrayList<>();
        Path certificate = Path.of(tcp.certificate());
        Path key = Path.of(tcp.privateKey());
        if (readable(problems, "api.tcp.certificate", certificate)) {
            checkCertificate(problems, certificate);
        }
        boolean keyReadable = readable(problems, "api.tcp.privateKey", key);
        TokenFile token = null;
        try {
            token = TokenFile.open(Path.of(tcp.tokenFile()));
        } catch (TokenFile.TokenFileException e) {
            problems.add("api.tcp.tokenFile: " + e.getMessage());
        }
        SslContext ssl = null;
        if (problems.isEmpty() && keyReadable) {
            try {
                KeyPairCheck.check(certificate, key);
                ssl = SslContextBuilder.forServer(certificate.toFile(), key.toFile())
                        .sslProvider(SslProvider.JDK)
                        .protocols(PROTOCOLS)
                        .build();
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                problems.add("api.tcp.privateKey: cannot use " + key + " with the certificate (an unencrypted PEM "
                        + "key in PKCS#8 form, \"BEGIN PRIVATE KEY\", matching " + certificate + "): "
                        + rootMessage(e));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("(api.tcp)", problems);
        }
        return new TcpApiSecurity(ssl, token);
    }

    private static boolean readable(List<String> problems, String field, Path file) {
        if (!Files.isRegularFile(file)) {
            problems.add(field + ": " + file + (Files.exists(file) ? " is not a regular file" : " does not exist"));
            return false;
        }
        if (!Files.isReadable(file)) {
            problems.add(field + ": " + file + " is not readable by the daemon");
            return false;
        }
        return true;
    }

    private static void checkCertificate(List<String> problems, Path certificate) {
        try (InputStream in = Files.newInputStream(certificate)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                problems.add("api.tcp.certificate: " + certificate + " holds no PEM certificate");
            }
        } catch (IOException | GeneralSecurityException e) {
            problems.add("api.tcp.certificate: " + certificate + " is not a PEM certificate: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}

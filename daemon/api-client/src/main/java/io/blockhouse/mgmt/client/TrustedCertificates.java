package io.blockhouse.mgmt.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The certificates a client trusts: those of a PEM file (--ca-file), or the JDK's default trust store. */
final class TrustedCertificates {

    private TrustedCertificates() {
    }

    static SSLContext sslContext(Path caFile) throws ApiClient.SetupException {
        try {
            if (caFile == null) {
                return SSLContext.getDefault();
            }
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(caFile)) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            } catch (IOException e) {
                throw new ApiClient.SetupException("--ca-file: cannot read " + caFile + ": " + e.getMessage(), e);
            } catch (GeneralSecurityException e) {
                throw new ApiClient.SetupException("--ca-file: " + caFile + " holds no PEM certificate: "
                        + e.getMessage(), e);
            }
            if (certificates.isEmpty()) {
                throw new ApiClient.SetupException("--ca-file: " + caFile + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ApiClient.SetupException("TLS: cannot set up the trusted certificates: " + e.getMessage(), e);
        }
    }
}

package io.blockhouse.mgmt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Proves that a private key belongs to a certificate by signing a sample with the key and verifying it with the
 * certificate's public key. Netty's JDK context accepts any pair and only the first handshake would fail, so the
 * listener checks the pair before it starts.
 */
final class KeyPairCheck {

    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private KeyPairCheck() {
    }

    /** @throws GeneralSecurityException with a message for the administrator when the pair does not match */
    static void check(Path certificate, Path key) throws IOException, GeneralSecurityException {
        PublicKey publicKey;
        try (InputStream in = Files.newInputStream(certificate)) {
            Iterator<? extends Certificate> chain = CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .iterator();
            if (!chain.hasNext()) {
                throw new GeneralSecurityException("no certificate in " + certificate);
            }
            publicKey = chain.next().getPublicKey();
        }
        Matcher m = PKCS8.matcher(Files.readString(key, StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new GeneralSecurityException("no unencrypted PKCS#8 key (\"BEGIN PRIVATE KEY\") in " + key);
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        PrivateKey privateKey = KeyFactory.getInstance(publicKey.getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(der));
        String algorithm = switch (publicKey.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> throw new GeneralSecurityException("certificate key algorithm " + publicKey.getAlgorithm()
                    + " is not supported (use EC, RSA or Ed25519)");
        };
        byte[] sample = "blockhouse key pair check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(privateKey);
        signer.update(sample);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(publicKey);
        verifier.update(sample);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException(key + " is not the private key of " + certificate);
        }
    }
}

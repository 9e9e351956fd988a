package org.vas.registry.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * The registry's Ed25519 key, which signs checkpoints. Generated on the first start into a file readable by its
 * owner only (both halves, PEM), and read from it on every later start. Kept outside the database on purpose: who
 * can rewrite the log and its chain must not also be able to sign a checkpoint for the rewritten chain.
 */
final class SigningKey {

    static final String ALGORITHM = "Ed25519";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * The key in this file, generated first if there is none. Two instances starting at once on a shared file
     * agree: the file appears whole or not at all (a hard link to a finished temporary file), and the one that
     * loses the race reads the winner's.
     */
    static SigningKey readOrCreate(Path file) throws IOException, GeneralSecurityException {
        if (!Files.exists(file)) {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = parent.resolve(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try {
                Files.writeString(temporary, pem(PRIVATE, pair.getPrivate().getEncoded())
                        + pem(PUBLIC, pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException another) {
                // Another instance generated it first: use that one.
            } finally {
                Files.delete(temporary);
            }
        }
        return read(file);
    }

    static SigningKey read(Path file) throws IOException, GeneralSecurityException {
        // Tightened rather than refused: a restore from a backup tool may not have kept the mode.
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        KeyFactory keys = KeyFactory.getInstance(ALGORITHM);
        return new SigningKey(keys.generatePrivate(new PKCS8EncodedKeySpec(der(text, PRIVATE, file))),
                keys.generatePublic(new X509EncodedKeySpec(der(text, PUBLIC, file))));
    }

    byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    PublicKey publicKey() {
        return publicKey;
    }

    /** SubjectPublicKeyInfo (X.509) DER, as {@code openssl pkey -pubin} reads it once wrapped in PEM. */
    String publicKeyPem() {
        return pem(PUBLIC, publicKey.getEncoded());
    }

    /** The key's name in checkpoints: the SHA-256 of its public half. */
    String keyId() {
        return ChainFold.hex(CanonicalEncoding.sha256().digest(publicKey.getEncoded()));
    }

    static boolean verify(PublicKey key, byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static PublicKey publicKeyFromPem(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pem, PUBLIC, null)));
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static byte[] der(String text, String label, Path file) throws GeneralSecurityException {
        String begin = "-----BEGIN " + label + "-----";
        int start = text.indexOf(begin);
        int end = text.indexOf("-----END " + label + "-----");
        if (start < 0 || end < start) {
            throw new GeneralSecurityException((file == null ? "The text" : file.toString()) + " holds no " + label);
        }
        return Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
    }
}

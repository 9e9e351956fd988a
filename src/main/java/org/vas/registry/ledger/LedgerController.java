package org.vas.registry.ledger;

import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vas.registry.kernel.InvalidInputException;

/** The auditors' evidence that the log was not rewritten: signed checkpoints, proofs against them, verification. */
@RestController
class LedgerController {

    private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");

    record CheckpointResponse(long position, String hash, Instant time, String algorithm, String keyId,
                              String signature, String signedText) {

        static CheckpointResponse of(Checkpoint checkpoint) {
            return new CheckpointResponse(checkpoint.position(), checkpoint.hash(), checkpoint.time(),
                    SigningKey.ALGORITHM, checkpoint.keyId(), checkpoint.signature(), checkpoint.signedText());
        }
    }

    record PublicKeyResponse(String algorithm, String keyId, String publicKey) {
    }

    /** Whether the log still passes through {@code from} with {@code hash}; if it does, the head it reaches now. */
    record ProofResponse(long from, String hash, boolean extendsCheckpoint, ChainReport.ChainBreak firstBreak,
                         CheckpointResponse head) {
    }

    private final Ledger ledger;

    LedgerController(Ledger ledger) {
        this.ledger = ledger;
    }

    @GetMapping(path = "/api/v1/registry/checkpoint", produces = MediaType.APPLICATION_JSON_VALUE)
    CheckpointResponse checkpoint() {
        return CheckpointResponse.of(ledger.checkpoint());
    }

    @GetMapping(path = "/api/v1/registry/public-key", produces = MediaType.APPLICATION_JSON_VALUE)
    PublicKeyResponse publicKey() {
        SigningKey key = ledger.key();
        return new PublicKeyResponse(SigningKey.ALGORITHM, key.keyId(), key.publicKeyPem());
    }

    @GetMapping(path = "/api/v1/registry/proof", produces = MediaType.APPLICATION_JSON_VALUE)
    ProofResponse proof(@RequestParam long from, @RequestParam String hash) {
        if (from < 0) {
            throw new InvalidInputException("INVALID_POSITION", "from", "from must be a position, 0 or more");
        }
        if (!HASH.matcher(hash).matches()) {
            throw new InvalidInputException("INVALID_HASH", "hash",
                    "hash must be a checkpoint's hash: 64 hexadecimal digits");
        }
        ChainReport report = ledger.verify(new ChainFold.Expected(from, HexFormat.of().parseHex(hash)));
        return new ProofResponse(from, hash, report.intact(), report.firstBreak(), report.intact()
                ? CheckpointResponse.of(ledger.sign(report.headPosition(), report.headHash(), report.checkedAt()))
                : null);
    }

    /** {@code ?log=true}: the log against its own chain, instead of the read model against the log. */
    @GetMapping(path = "/api/v1/admin/verify", params = "log=true", produces = MediaType.APPLICATION_JSON_VALUE)
    ChainReport verifyLog() {
        return ledger.verify();
    }
}

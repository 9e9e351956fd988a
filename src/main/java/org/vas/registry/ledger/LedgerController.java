package org.vas.registry.ledger;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
    record ProofResponse(long from, String hash, boolean extendsCheckpoint,
                         @Schema(nullable = true) ChainReport.ChainBreak firstBreak,
                         @Schema(nullable = true) CheckpointResponse head) {
    }

    private final Ledger ledger;

    LedgerController(Ledger ledger) {
        this.ledger = ledger;
    }

    @GetMapping(path = "/api/v1/registry/checkpoint", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getCheckpoint", tags = "Audit", summary = "A signed checkpoint of the log",
            description = """
            The head of the log's hash chain (position and hash), recomputed from the events and signed with the \
            registry's Ed25519 key over signed_text. Keep it outside the registry: a later proof or the offline \
            verifier shows that the log still passes through it.""")
    @ApiResponse(responseCode = "200", description = "The checkpoint", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    @ApiResponse(responseCode = "409", ref = "CONFLICT")
    CheckpointResponse checkpoint() {
        return CheckpointResponse.of(ledger.checkpoint());
    }

    @GetMapping(path = "/api/v1/registry/public-key", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getPublicKey", tags = "Audit", summary = "The checkpoints' public key",
            description = "The Ed25519 public key (PEM) that checkpoints are signed with, and its key_id (SHA-256 "
                    + "of the key).")
    @ApiResponse(responseCode = "200", description = "The public key", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    PublicKeyResponse publicKey() {
        SigningKey key = ledger.key();
        return new PublicKeyResponse(SigningKey.ALGORITHM, key.keyId(), key.publicKeyPem());
    }

    @GetMapping(path = "/api/v1/registry/proof", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getProof", tags = "Audit", summary = "Prove the log extends a checkpoint",
            description = """
            Recomputes the chain and checks that it passes through the checkpoint's position (from) with its \
            hash, and is intact up to today's head; then signs the new head.""")
    @ApiResponse(responseCode = "200", description = "Whether the log extends the checkpoint, the first break if "
            + "not, and the new head if so", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", ref = "BAD_REQUEST")
    ProofResponse proof(@Parameter(description = "The checkpoint's position", example = "412") @RequestParam long from,
                        @Parameter(description = "The checkpoint's hash",
                                example = "9488a03006a61f38cfccfc9ead48f0eb9ee7af019d4162fd54a62e478ae51e45")
                        @RequestParam String hash) {
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
    @Operation(operationId = "verify")
    ChainReport verifyLog() {
        return ledger.verify();
    }
}

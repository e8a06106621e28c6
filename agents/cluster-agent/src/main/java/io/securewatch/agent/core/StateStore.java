package io.securewatch.agent.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Files of one agent in its state directory: the applied bundle and the credential. Writes go to a temporary file
 * that replaces the old one in one rename, so a crash leaves either the old or the new file, never a torn one.
 * The credential file is readable by the agent's user only.
 */
public final class StateStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path bundleFile;
    private final Path credentialFile;
    private final Path spentTokenFile;

    public StateStore(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("The agent state directory " + directory + " cannot be created", e);
        }
        this.bundleFile = directory.resolve("applied-bundle.json");
        this.credentialFile = directory.resolve("credential");
        this.spentTokenFile = directory.resolve("spent-registration-token.sha256");
    }

    /** Returns the applied state, or the empty state when none was saved. */
    public AppliedState loadApplied() {
        if (!Files.isRegularFile(bundleFile)) {
            return AppliedState.EMPTY;
        }
        try {
            return JSON.readValue(bundleFile.toFile(), AppliedState.class);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The applied bundle in " + bundleFile + " cannot be read; delete it to resync", e);
        }
    }

    public void saveApplied(AppliedState state) {
        try {
            write(bundleFile, JSON.writeValueAsBytes(state), false);
        } catch (IOException e) {
            throw new UncheckedIOException("The applied bundle cannot be written to " + bundleFile, e);
        }
    }

    public Optional<String> loadCredential() {
        if (!Files.isRegularFile(credentialFile)) {
            return Optional.empty();
        }
        try {
            String credential =
                    Files.readString(credentialFile, StandardCharsets.US_ASCII).trim();
            return credential.isEmpty() ? Optional.empty() : Optional.of(credential);
        } catch (IOException e) {
            throw new UncheckedIOException("The agent credential in " + credentialFile + " cannot be read", e);
        }
    }

    public void saveCredential(String credential) {
        try {
            write(credentialFile, credential.getBytes(StandardCharsets.US_ASCII), true);
        } catch (IOException e) {
            throw new UncheckedIOException("The agent credential cannot be written to " + credentialFile, e);
        }
    }

    /** Records that a registration token was exchanged, so a restart does not try it again; keeps only its hash. */
    public void markTokenSpent(String token) {
        try {
            write(spentTokenFile, sha256(token).getBytes(StandardCharsets.US_ASCII), false);
        } catch (IOException e) {
            throw new UncheckedIOException("The spent registration token cannot be recorded in " + spentTokenFile, e);
        }
    }

    /** Tells whether this registration token was exchanged before. */
    public boolean isSpentToken(String token) {
        try {
            return Files.isRegularFile(spentTokenFile)
                    && Files.readString(spentTokenFile, StandardCharsets.US_ASCII)
                            .trim()
                            .equals(sha256(token));
        } catch (IOException e) {
            throw new UncheckedIOException("The spent registration token in " + spentTokenFile + " cannot be read", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    public Path credentialFile() {
        return credentialFile;
    }

    private static void write(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (ownerOnly) {
            try {
                // Created with owner-only permissions, so the secret is never readable by others, not even briefly.
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system; the directory's own permissions protect the file.
            }
        }
        Files.write(temporary, content);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

package org.ncmcp.broker.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default for a key nobody configured: 32 random bytes generated once into the broker's data
 * folder (owner-only), with a warning, so a first run needs no setup and restarts keep their data readable.
 */
public final class GeneratedKeyFile {

    private static final Logger log = LoggerFactory.getLogger(GeneratedKeyFile.class);

    private GeneratedKeyFile() {
    }

    /** The configured key if there is one, else the one in {@code file} (created if missing). */
    public static SecretKey configuredOrGenerated(String configured, String setting, Path file) {
        if (configured != null && !configured.isBlank()) {
            return AesGcm.keyFromBase64(configured, setting);
        }
        Path absolute = file.toAbsolutePath();
        try {
            if (Files.exists(absolute)) {
                return AesGcm.keyFromBase64(Files.readString(absolute).trim(), absolute.toString());
            }
            String fresh = AesGcm.newKeyBase64();
            Files.createDirectories(absolute.getParent());
            Files.writeString(absolute, fresh);
            try {
                Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system; the folder's permissions have to do
            }
            log.warn("{} is not set: generated a key into {}. Set it explicitly in production and share it between"
                    + " replicas.", setting, absolute);
            return AesGcm.keyFromBase64(fresh, absolute.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create " + absolute, e);
        }
    }
}

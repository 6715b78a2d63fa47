package io.brook.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Puts the log tests' temporary directories in memory ({@code /dev/shm}) where the machine has
 * it, and in the default temporary directory elsewhere. Closing a log forces its files to disk,
 * and the recovery tests close hundreds of logs: on a disk that costs seconds. They simulate a
 * crash by copying the files as they are, so no test depends on what the disk keeps.
 */
public final class MemoryTempDirFactory implements TempDirFactory {
    private static final Path MEMORY = Path.of("/dev/shm");
    private static final String PREFIX = "brook-log-test";

    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext) throws IOException {
        if (Files.isDirectory(MEMORY) && Files.isWritable(MEMORY)) {
            return Files.createTempDirectory(MEMORY, PREFIX);
        }
        return Files.createTempDirectory(PREFIX);
    }
}

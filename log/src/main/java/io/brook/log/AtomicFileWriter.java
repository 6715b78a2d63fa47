package io.brook.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replaces a small file so that a crash at any moment leaves either the old content or the new:
 * write a temporary file, sync it, rename it over the target, sync the directory.
 */
public final class AtomicFileWriter {
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private AtomicFileWriter() {
    }

    public static void write(Path file, String content) throws IOException {
        write(file, StandardCharsets.UTF_8.encode(content));
    }

    public static void write(Path file, ByteBuffer content) throws IOException {
        replace(file, content, true);
    }

    /**
     * Replaces the file without waiting for the disk: a process crash leaves the old content or
     * the new, but after a power loss the file may be missing or damaged, so its readers must
     * detect that (a checksum). For files on a hot thread, where an fsync could stall behind the
     * writeback of other files' data.
     */
    public static void writeUnsynced(Path file, ByteBuffer content) throws IOException {
        replace(file, content, false);
    }

    private static void replace(Path file, ByteBuffer content, boolean sync) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + TEMPORARY_SUFFIX);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (content.hasRemaining()) {
                channel.write(content);
            }
            if (sync) {
                channel.force(true);
            }
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (sync) {
            syncDirectory(file.toAbsolutePath().getParent());
        }
    }

    /** Forces a directory's entries to disk: files created or renamed in it survive a power loss. */
    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}

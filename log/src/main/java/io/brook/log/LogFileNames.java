package io.brook.log;

/**
 * Kafka's names for the files of a partition directory: each segment's base offset, zero-padded
 * to 20 digits, then a suffix ({@code .log}, {@code .index}, {@code .timeindex}); a file waiting to
 * be deleted has {@code .deleted} appended.
 */
public final class LogFileNames {
    public static final String LOG_SUFFIX = ".log";
    public static final String INDEX_SUFFIX = ".index";
    public static final String TIME_INDEX_SUFFIX = ".timeindex";
    /** Our own producer-state snapshots; Kafka's are {@code .snapshot} in another layout, so a different name keeps its loader away. */
    public static final String PRODUCER_SNAPSHOT_SUFFIX = ".producers";
    public static final String DELETED_SUFFIX = ".deleted";
    /** Enough digits for any non-negative long, so names sort in offset order. */
    private static final int OFFSET_DIGITS = 20;

    private LogFileNames() {
    }

    public static String logFileName(long baseOffset) {
        return fileName(baseOffset, LOG_SUFFIX);
    }

    public static String fileName(long offset, String suffix) {
        return String.format("%0" + OFFSET_DIGITS + "d", offset) + suffix;
    }

    /** The base offset in a segment file name, or -1 when the name is not a segment file's. */
    public static long baseOffsetOf(String fileName) {
        return offsetOf(fileName, LOG_SUFFIX);
    }

    /** The offset in a file name {@code <20 digits><suffix>}, or -1 when the name is not one. */
    public static long offsetOf(String fileName, String suffix) {
        if (!fileName.endsWith(suffix) || fileName.length() != OFFSET_DIGITS + suffix.length()) {
            return -1;
        }
        String digits = fileName.substring(0, OFFSET_DIGITS);
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return -1;
            }
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return -1;
        }
    }
}
